#pragma once
// Raw instruction input: a file of 8-byte instructions, its program type and a JSON map list,
// turned into the same Object an ELF file gives.

#include "lib/isa/insn.h"
#include "lib/object/object.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace bpfverify::object::raw {

/// What the command line gives for raw input.
struct RawInputOptions {
  std::string instructionsPath; ///< file of struct bpf_insn, little-endian
  std::string progType;         ///< "xdp", "BPF_PROG_TYPE_XDP" or a number; required
  std::string attachType;       ///< expected attach type, same forms; empty for 0
  std::string mapsPath;         ///< JSON map list (see parseRawMaps); empty for no maps
  std::string license = "GPL";  ///< raw input carries none; GPL unlocks gpl_only helpers
};

/// Reads the files of `options` and builds the object (see buildRawObject).
llvm::Expected<Object> loadRawInput(const RawInputOptions &options);

/// Builds an Object with one Program from decoded instructions and parsed maps.
/// Map references follow the kernel's fd_array convention and are rewritten to the object
/// model's (ld_imm64 BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_VALUE with imm = index into maps):
///  - BPF_PSEUDO_MAP_IDX / BPF_PSEUDO_MAP_IDX_VALUE: imm is the index into `maps`;
///  - BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_VALUE: imm is matched against the maps' "fd" numbers.
/// A reference to a missing index or fd is an input error naming `insnsSource`, the instruction
/// and `mapsSource`. Every other encoding problem is left for the verifier to report as the
/// kernel would (it is a rejected program, not bad input).
llvm::Expected<Object> buildRawObject(std::vector<isa::Insn> insns, llvm::StringRef insnsSource,
                                      uint32_t progType, uint32_t attachType, std::vector<Map> maps,
                                      llvm::StringRef mapsSource);

} // namespace bpfverify::object::raw

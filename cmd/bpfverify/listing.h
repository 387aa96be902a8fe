#pragma once
// The --list and --disasm outputs: what the loader prepared, before any verification.

#include "btf/target.h"
#include "lib/object/object.h"

#include <llvm/Support/raw_ostream.h>

namespace bpfverify::cli {

/// `file: section/name: type (attach A, N insns)`, one line per program.
void printListing(const object::Object &object, const object::Program &program,
                  llvm::raw_ostream &os);

/// The relocated instructions as the kernel log prints them ("N: (bf) r1 = r6"); map
/// references name the map ("map[table]", "map[table][0]+8"), kfunc calls their BTF name.
void printDisassembly(const object::Object &object, const object::Program &program,
                      const btf::Target *target, llvm::raw_ostream &os);

} // namespace bpfverify::cli

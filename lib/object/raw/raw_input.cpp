#include "lib/object/raw/raw_input.h"

#include "lib/isa/decode.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/object/uapi_enums.h"
#include "lib/support/error.h"

#include <llvm/Support/Path.h>

namespace bpfverify::object::raw {
namespace {

using namespace bpfverify::isa;

llvm::Error unknownMap(llvm::StringRef insnsSource, size_t index, const llvm::Twine &what,
                       llvm::StringRef mapsSource) {
  const std::string where =
      mapsSource.empty() ? "but no map list was given" : "which is not in " + mapsSource.str();
  return inputError(insnsSource, "instruction " + llvm::Twine(index) + ": ld_imm64 refers to " +
                                     what + ", " + where);
}

// Rewrites ld_imm64 map references from the fd_array convention to map indices.
llvm::Error convertMapReferences(std::vector<Insn> &insns, llvm::StringRef insnsSource,
                                 const std::vector<Map> &maps, llvm::StringRef mapsSource) {
  for (size_t i = 0; i + 1 < insns.size(); ++i) {
    Insn &insn = insns[i];
    if (!isLdImm64(insn))
      continue;
    switch (insn.src) {
    case BPF_PSEUDO_MAP_IDX:
    case BPF_PSEUDO_MAP_IDX_VALUE: {
      const uint32_t index = static_cast<uint32_t>(insn.imm);
      if (index >= maps.size())
        return unknownMap(insnsSource, i, "map index " + llvm::Twine(index), mapsSource);
      insn.src = insn.src == BPF_PSEUDO_MAP_IDX ? BPF_PSEUDO_MAP_FD : BPF_PSEUDO_MAP_VALUE;
      break;
    }
    case BPF_PSEUDO_MAP_FD:
    case BPF_PSEUDO_MAP_VALUE: {
      size_t index = 0;
      while (index < maps.size() && maps[index].rawFd != insn.imm)
        ++index;
      if (index == maps.size())
        return unknownMap(insnsSource, i, "map fd " + llvm::Twine(insn.imm), mapsSource);
      insn.imm = static_cast<int32_t>(index);
      break;
    }
    default:
      break;
    }
    ++i; // the second half of the pair is never an instruction of its own
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<Object> buildRawObject(std::vector<Insn> insns, llvm::StringRef insnsSource,
                                      uint32_t progType, uint32_t attachType, std::vector<Map> maps,
                                      llvm::StringRef mapsSource) {
  if (insns.empty())
    return inputError(insnsSource, "contains no instructions");
  if (auto err = convertMapReferences(insns, insnsSource, maps, mapsSource))
    return err;
  Program program;
  program.name = llvm::sys::path::stem(insnsSource).str();
  if (program.name.empty())
    program.name = "raw";
  program.progType = progType;
  program.expectedAttachType = attachType;
  // bpf_prog_load_fixup_attach_type(): the kernel reads expected_attach_type 0 of these types
  // as their first attach type (there is no "unspecified" attach type).
  if (attachType == 0 && progType == 9 /* CGROUP_SOCK */)
    program.expectedAttachType = 2; // BPF_CGROUP_INET_SOCK_CREATE
  if (attachType == 0 && progType == 21 /* SK_REUSEPORT */)
    program.expectedAttachType = 39; // BPF_SK_REUSEPORT_SELECT
  program.insns = std::move(insns);
  Object object;
  object.path = insnsSource.str();
  object.license = "GPL";
  object.maps = std::move(maps);
  object.programs.push_back(std::move(program));
  return object;
}

llvm::Expected<Object> loadRawInput(const RawInputOptions &options) {
  const llvm::StringRef path = options.instructionsPath;
  auto progType = parseProgType(options.progType);
  if (!progType)
    return inputError(path, "unknown program type '" + options.progType + "'");
  uint32_t attachType = 0;
  if (!options.attachType.empty()) {
    auto parsed = parseAttachType(options.attachType);
    if (!parsed)
      return inputError(path, "unknown attach type '" + options.attachType + "'");
    attachType = *parsed;
  }
  auto buffer = readInputFile(path);
  if (!buffer)
    return buffer.takeError();
  auto insns = decodeInstructions(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart()),
                              (*buffer)->getBufferSize()),
      path);
  if (!insns)
    return insns.takeError();
  std::vector<Map> maps;
  if (!options.mapsPath.empty()) {
    auto json = readInputFile(options.mapsPath, 64ull << 20);
    if (!json)
      return json.takeError();
    auto parsed = parseRawMaps((*json)->getBuffer(), options.mapsPath);
    if (!parsed)
      return parsed.takeError();
    maps = std::move(*parsed);
  }
  auto object = buildRawObject(std::move(*insns), path, *progType, attachType, std::move(maps),
                               options.mapsPath);
  if (object)
    object->license = options.license;
  return object;
}

} // namespace bpfverify::object::raw

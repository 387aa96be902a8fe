// loadObject: the libbpf open + load sequence up to BPF_PROG_LOAD (bpf_object_open,
// bpf_object_load), pass by pass.

#include "lib/object/loader_state.h"

#include "lib/support/error.h"

#include <llvm/Support/Path.h>

namespace bpfverify::object {

namespace {

// bpf_object__new(): basename, at most BPF_OBJ_NAME_LEN - 1 characters, cut at the first '.'.
std::string objectNameFor(llvm::StringRef path) {
  llvm::StringRef base = llvm::sys::path::filename(path).take_front(15);
  return base.take_until([](char c) { return c == '.'; }).str();
}

// bpf_object__sanitize_and_load_btf(): hidden global subprograms become static FUNCs.
void collectStaticFuncs(detail::State &state) {
  if (!state.btf)
    return;
  const btf::Btf &btf = *state.btf;
  for (const detail::Unit &unit : state.units) {
    if (!unit.markBtfStatic || !unit.isSubprog)
      continue;
    for (btf::TypeId id : btf.findByName(unit.name)) {
      const btf::Type &t = btf.type(id);
      if (t.kind == btf::Kind::Func && t.linkage == btf::LinkageGlobal) {
        state.object.staticFuncIds.push_back(id);
        break;
      }
    }
  }
}

llvm::Expected<Object> load(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef path,
                            const btf::Target *target, const LoadOptions &options) {
  auto elf = readElf(std::move(buffer), path);
  if (!elf)
    return elf.takeError();
  Object object;
  object.path = path.str();
  object.name = options.objectName.empty() ? objectNameFor(path) : options.objectName;
  detail::State state{*elf, target, options, object};
  // The order of bpf_object_open (elf_collect, collect_externs, init_maps, init_progs,
  // collect_relos) and bpf_object_load (resolve_externs, relocate: CO-RE, calls, data).
  if (auto err = detail::collectPrograms(state))
    return err;
  if (auto err = detail::collectExterns(state))
    return err;
  if (auto err = detail::finalizeBtf(state))
    return err;
  if (auto err = detail::initMaps(state))
    return err;
  if (auto err = detail::collectMapRelos(state))
    return err;
  if (auto err = detail::collectProgRelos(state))
    return err;
  if (auto err = detail::resolveExterns(state))
    return err;
  if (auto err = detail::applyCore(state))
    return err;
  if (auto err = detail::relocatePrograms(state))
    return err;
  if (auto err = detail::resolveAttachTargets(state))
    return err;
  collectStaticFuncs(state);
  return object;
}

} // namespace

llvm::Expected<Object> loadObject(llvm::StringRef path, const btf::Target *target,
                                  const LoadOptions &options) {
  auto buffer = readInputFile(path);
  if (!buffer)
    return buffer.takeError();
  return load(std::move(*buffer), path, target, options);
}

llvm::Expected<Object> loadObjectFromBuffer(llvm::ArrayRef<uint8_t> bytes, llvm::StringRef path,
                                            const btf::Target *target, const LoadOptions &options) {
  // A copy: ELF parsing needs the alignment MemoryBuffer guarantees.
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()), path);
  return load(std::move(buffer), path, target, options);
}

} // namespace bpfverify::object

// Btf construction (parse, parseFile) and the basic accessors.

#include "btf/btf_impl.h"
#include "btf/validate.h"
#include "lib/support/error.h"

#include <cstring>

namespace bpfverify::btf {

static_assert(sizeof(Type) <= 136, "keep Type compact: it is stored once per type");

llvm::StringRef kindName(Kind kind) {
  // btf_kind_str in kernel/bpf/btf.c.
  static constexpr const char *names[] = {
      "UNKNOWN", "INT",     "PTR",      "ARRAY",    "STRUCT",   "UNION", "ENUM",
      "FWD",     "TYPEDEF", "VOLATILE", "CONST",    "RESTRICT", "FUNC",  "FUNC_PROTO",
      "VAR",     "DATASEC", "FLOAT",    "DECL_TAG", "TYPE_TAG", "ENUM64"};
  unsigned k = static_cast<unsigned>(kind);
  return k <= KindMax ? names[k] : "UNKNOWN";
}

const Btf::Impl *Btf::Impl::baseImpl() const {
  return base ? base->impl_.get() : nullptr;
}

const Type &Btf::Impl::typeSlow(TypeId id) const {
  const Impl *impl = this;
  while (id < impl->startId && impl->base) {
    if (id == 0) {
      // void lives at index 0 of the bottom base.
      while (impl->base)
        impl = impl->baseImpl();
      break;
    }
    impl = impl->baseImpl();
  }
  return impl->types[id - impl->bias];
}

llvm::StringRef Btf::Impl::string(uint32_t offset) const {
  const Impl *impl = this;
  while (offset < impl->startStrOff && impl->base)
    impl = impl->baseImpl();
  uint32_t local = offset - impl->startStrOff;
  if (local >= impl->stringsLen)
    return {};
  // The section ends with a NUL (checked at parse), so strlen stays inside it.
  const char *s = impl->strings + local;
  return llvm::StringRef(s, std::strlen(s));
}

Btf::Btf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Btf::~Btf() = default;

llvm::Expected<std::unique_ptr<Btf>> Btf::parse(llvm::ArrayRef<uint8_t> data,
                                                llvm::StringRef sourceName,
                                                std::shared_ptr<const Btf> base) {
  return parse(data, sourceName, std::move(base), ParseOptions{});
}

llvm::Expected<std::unique_ptr<Btf>> Btf::parse(llvm::ArrayRef<uint8_t> data,
                                                llvm::StringRef sourceName,
                                                std::shared_ptr<const Btf> base,
                                                const ParseOptions &options) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data.data()), data.size()), sourceName);
  return parseOwned(std::move(buffer), sourceName, std::move(base), options);
}

llvm::Expected<std::unique_ptr<Btf>> Btf::parseFile(llvm::StringRef path,
                                                    std::shared_ptr<const Btf> base) {
  return parseFile(path, std::move(base), ParseOptions{});
}

llvm::Expected<std::unique_ptr<Btf>>
Btf::parseFile(llvm::StringRef path, std::shared_ptr<const Btf> base, const ParseOptions &options) {
  auto bufferOrErr = readInputFile(path);
  if (!bufferOrErr)
    return bufferOrErr.takeError();
  return parseOwned(std::move(*bufferOrErr), path, std::move(base), options);
}

llvm::Expected<std::unique_ptr<Btf>> Btf::parseOwned(std::unique_ptr<llvm::MemoryBuffer> buffer,
                                                     llvm::StringRef sourceName,
                                                     std::shared_ptr<const Btf> base,
                                                     const ParseOptions &options) {
  auto impl = std::make_unique<Impl>();
  impl->sourceName = sourceName.str();
  impl->base = std::move(base);
  impl->data = llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(buffer->getBufferStart()),
                                       buffer->getBufferSize());
  impl->buffer = std::move(buffer);
  if (impl->base) {
    impl->startId = impl->base->endId();
    impl->bias = impl->startId;
    impl->startStrOff = impl->base->stringEnd();
  }
  if (auto err = parseRaw(*impl, options))
    return err;
  if (auto err = resolveTypes(*impl, options))
    return err;
  return std::unique_ptr<Btf>(new Btf(std::move(impl)));
}

llvm::StringRef Btf::sourceName() const {
  return impl_->sourceName;
}
const Btf *Btf::base() const {
  return impl_->base.get();
}
std::shared_ptr<const Btf> Btf::sharedBase() const {
  return impl_->base;
}
TypeId Btf::firstOwnId() const {
  return impl_->startId;
}
TypeId Btf::endId() const {
  return impl_->endId();
}
const Type &Btf::type(TypeId id) const {
  return impl_->type(id);
}
llvm::StringRef Btf::string(uint32_t offset) const {
  return impl_->string(offset);
}
uint32_t Btf::stringEnd() const {
  return impl_->startStrOff + impl_->stringsLen;
}
llvm::ArrayRef<uint8_t> Btf::rawData() const {
  return impl_->data;
}

} // namespace bpfverify::btf

#pragma once
// Builds raw BTF blobs by hand for tests: one call per type record, header computed at the end.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace bpfverify::btf::test {

enum : uint32_t {
  KInt = 1,
  KPtr,
  KArray,
  KStruct,
  KUnion,
  KEnum,
  KFwd,
  KTypedef,
  KVolatile,
  KConst,
  KRestrict,
  KFunc,
  KFuncProto,
  KVar,
  KDataSec,
  KFloat,
  KDeclTag,
  KTypeTag,
  KEnum64
};

class BlobBuilder {
public:
  /// For split BTF: string offsets start at baseStrEnd and the section starts empty.
  explicit BlobBuilder(uint32_t baseStrEnd = 0) : strBase_(baseStrEnd) {
    if (!baseStrEnd)
      strings_.push_back('\0');
  }

  uint32_t str(std::string_view s) {
    if (s.empty())
      return 0;
    uint32_t off = strBase_ + static_cast<uint32_t>(strings_.size());
    strings_.append(s);
    strings_.push_back('\0');
    return off;
  }

  BlobBuilder &word(uint32_t w) {
    types_.push_back(w);
    return *this;
  }
  BlobBuilder &type(uint32_t nameOff, uint32_t kind, uint32_t vlen, bool kflag,
                    uint32_t sizeOrType) {
    return word(nameOff).word((kflag ? 1u << 31 : 0) | (kind << 24) | vlen).word(sizeOrType);
  }

  // Convenience records; each returns *this so ids follow call order.
  BlobBuilder &intType(std::string_view name, uint32_t size, uint32_t bits, uint32_t enc = 0,
                       uint32_t offset = 0) {
    return type(str(name), KInt, 0, false, size).word((enc << 24) | (offset << 16) | bits);
  }
  BlobBuilder &ref(uint32_t kind, uint32_t target, std::string_view name = {}) {
    return type(str(name), kind, 0, false, target);
  }
  BlobBuilder &array(uint32_t elem, uint32_t index, uint32_t nelems) {
    return type(0, KArray, 0, false, 0).word(elem).word(index).word(nelems);
  }
  struct M {
    std::string_view name;
    uint32_t type, offset;
  };
  BlobBuilder &aggregate(uint32_t kind, std::string_view name, uint32_t size,
                         std::vector<M> members, bool kflag = false) {
    type(str(name), kind, static_cast<uint32_t>(members.size()), kflag, size);
    for (const M &m : members)
      word(str(m.name)).word(m.type).word(m.offset);
    return *this;
  }
  BlobBuilder &enumType(std::string_view name, uint32_t size,
                        std::vector<std::pair<std::string_view, int32_t>> values,
                        bool isSigned = false) {
    type(str(name), KEnum, static_cast<uint32_t>(values.size()), isSigned, size);
    for (auto &[n, v] : values)
      word(str(n)).word(static_cast<uint32_t>(v));
    return *this;
  }
  BlobBuilder &proto(uint32_t ret, std::vector<std::pair<std::string_view, uint32_t>> params) {
    type(0, KFuncProto, static_cast<uint32_t>(params.size()), false, ret);
    for (auto &[n, t] : params)
      word(str(n)).word(t);
    return *this;
  }
  BlobBuilder &func(std::string_view name, uint32_t proto, uint32_t linkage = 1) {
    return type(str(name), KFunc, linkage, false, proto);
  }
  BlobBuilder &var(std::string_view name, uint32_t type_, uint32_t linkage = 1) {
    return type(str(name), KVar, 0, false, type_).word(linkage);
  }
  struct V {
    uint32_t type, offset, size;
  };
  BlobBuilder &datasec(std::string_view name, uint32_t size, std::vector<V> vars) {
    type(str(name), KDataSec, static_cast<uint32_t>(vars.size()), false, size);
    for (const V &v : vars)
      word(v.type).word(v.offset).word(v.size);
    return *this;
  }
  BlobBuilder &declTag(std::string_view value, uint32_t target, int32_t component = -1) {
    return type(str(value), KDeclTag, 0, false, target).word(static_cast<uint32_t>(component));
  }

  std::vector<uint8_t> build() const {
    std::vector<uint8_t> out(24);
    uint32_t typeLen = static_cast<uint32_t>(types_.size() * 4);
    uint32_t strLen = static_cast<uint32_t>(strings_.size());
    put16(out, 0, 0xeB9F);
    out[2] = 1;
    out[3] = 0;
    put32(out, 4, 24);
    put32(out, 8, 0);
    put32(out, 12, typeLen);
    put32(out, 16, typeLen);
    put32(out, 20, strLen);
    for (uint32_t w : types_) {
      size_t at = out.size();
      out.resize(at + 4);
      put32(out, at, w);
    }
    out.insert(out.end(), strings_.begin(), strings_.end());
    return out;
  }

  static void put16(std::vector<uint8_t> &b, size_t at, uint16_t v) { std::memcpy(&b[at], &v, 2); }
  static void put32(std::vector<uint8_t> &b, size_t at, uint32_t v) { std::memcpy(&b[at], &v, 4); }

private:
  uint32_t strBase_;
  std::string strings_;
  std::vector<uint32_t> types_;
};

} // namespace bpfverify::btf::test

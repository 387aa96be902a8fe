#pragma once
// A tiny writer of raw BTF blobs for unit tests: types and strings in, Btf::parse-able bytes out.

#include "btf/btf.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bpfverify::testing {

class BtfBuilder {
public:
  struct M {
    std::string name;
    uint32_t type;
    uint32_t bitOffset;
    uint32_t bitfieldSize = 0;
  };
  struct E {
    std::string name;
    int64_t value;
  };

  BtfBuilder() { strings_.push_back('\0'); }
  /// A split BTF on base: ids and string offsets continue after the base's.
  explicit BtfBuilder(const btf::Btf &base) : count_(base.endId() - 1), strBase_(base.stringEnd()) {
    strings_.push_back('\0');
  }

  uint32_t str(const std::string &s) {
    if (s.empty())
      return 0;
    uint32_t off = strBase_ + static_cast<uint32_t>(strings_.size());
    strings_.insert(strings_.end(), s.begin(), s.end());
    strings_.push_back('\0');
    return off;
  }

  uint32_t addInt(const std::string &name, uint32_t size, uint32_t encoding = 0,
                  uint32_t bits = 0) {
    head(str(name), 1, 0, false, size);
    word((encoding << 24) | (bits ? bits : size * 8));
    return next();
  }
  uint32_t addPtr(uint32_t type) { return ref(2, "", type); }
  uint32_t addTypedef(const std::string &name, uint32_t type) { return ref(8, name, type); }
  uint32_t addConst(uint32_t type) { return ref(10, "", type); }
  uint32_t addVolatile(uint32_t type) { return ref(9, "", type); }
  uint32_t addFwd(const std::string &name, bool isUnion) {
    head(str(name), 7, 0, isUnion, 0);
    return next();
  }
  uint32_t addFloat(const std::string &name, uint32_t size) {
    head(str(name), 16, 0, false, size);
    return next();
  }
  uint32_t addArray(uint32_t elem, uint32_t index, uint32_t nelems) {
    head(0, 3, 0, false, 0);
    word(elem);
    word(index);
    word(nelems);
    return next();
  }
  uint32_t addStruct(const std::string &name, uint32_t size, const std::vector<M> &members,
                     bool isUnion = false) {
    bool kflag = false;
    for (const M &m : members)
      kflag |= m.bitfieldSize != 0;
    head(str(name), isUnion ? 5 : 4, static_cast<uint32_t>(members.size()), kflag, size);
    for (const M &m : members) {
      word(str(m.name));
      word(m.type);
      word(kflag ? (m.bitfieldSize << 24) | m.bitOffset : m.bitOffset);
    }
    return next();
  }
  uint32_t addEnum(const std::string &name, uint32_t size, const std::vector<E> &values,
                   bool isSigned = false) {
    head(str(name), 6, static_cast<uint32_t>(values.size()), isSigned, size);
    for (const E &e : values) {
      word(str(e.name));
      word(static_cast<uint32_t>(e.value));
    }
    return next();
  }
  uint32_t addEnum64(const std::string &name, const std::vector<E> &values, bool isSigned = false) {
    head(str(name), 19, static_cast<uint32_t>(values.size()), isSigned, 8);
    for (const E &e : values) {
      word(str(e.name));
      word(static_cast<uint32_t>(static_cast<uint64_t>(e.value)));
      word(static_cast<uint32_t>(static_cast<uint64_t>(e.value) >> 32));
    }
    return next();
  }
  uint32_t addFuncProto(uint32_t ret, const std::vector<std::pair<std::string, uint32_t>> &params) {
    head(0, 13, static_cast<uint32_t>(params.size()), false, ret);
    for (const auto &[n, t] : params) {
      word(str(n));
      word(t);
    }
    return next();
  }

  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out(24);
    auto put = [&](size_t at, uint32_t v) { std::memcpy(out.data() + at, &v, 4); };
    uint16_t magic = 0xeb9f;
    std::memcpy(out.data(), &magic, 2);
    out[2] = 1; // version
    out[3] = 0; // flags
    put(4, 24);
    uint32_t typeLen = static_cast<uint32_t>(types_.size() * 4);
    put(8, 0);
    put(12, typeLen);
    put(16, typeLen);
    put(20, static_cast<uint32_t>(strings_.size()));
    for (uint32_t w : types_) {
      uint8_t b[4];
      std::memcpy(b, &w, 4);
      out.insert(out.end(), b, b + 4);
    }
    out.insert(out.end(), strings_.begin(), strings_.end());
    return out;
  }

  std::unique_ptr<btf::Btf> build(const std::string &name = "test.btf",
                                  std::shared_ptr<const btf::Btf> base = nullptr) const {
    auto data = bytes();
    auto parsed = btf::Btf::parse(data, name, std::move(base));
    if (!parsed) {
      std::string msg = llvm::toString(parsed.takeError());
      throw std::runtime_error("BtfBuilder: " + msg);
    }
    return std::move(*parsed);
  }

private:
  void word(uint32_t w) { types_.push_back(w); }
  void head(uint32_t nameOff, uint32_t kind, uint32_t vlen, bool kflag, uint32_t sizeOrType) {
    word(nameOff);
    word((kflag ? 1u << 31 : 0u) | (kind << 24) | vlen);
    word(sizeOrType);
    ++count_;
  }
  uint32_t ref(uint32_t kind, const std::string &name, uint32_t type) {
    head(str(name), kind, 0, false, type);
    return next();
  }
  uint32_t next() const { return count_; }

  std::vector<uint32_t> types_;
  std::vector<char> strings_;
  uint32_t count_ = 0;
  uint32_t strBase_ = 0;
};

} // namespace bpfverify::testing

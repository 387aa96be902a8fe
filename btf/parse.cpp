// Parsing a raw BTF blob: header, string section and per-type metadata checks, mirroring
// kernel/bpf/btf.c btf_parse_hdr, btf_check_sec_info, btf_parse_str_sec and btf_check_all_metas.

#include "btf/btf_impl.h"
#include "btf/format.h"
#include "btf/validate.h"
#include "lib/support/error.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Endian.h>

#include <algorithm>
#include <cstring>

namespace bpfverify::btf {

namespace {

using llvm::support::endian::read16le;
using llvm::support::endian::read32le;

struct SectionInfo {
  uint32_t offset, length;
};

class Parser {
public:
  Parser(Btf::Impl &impl, const ParseOptions &options) : impl_(impl), options_(options) {}

  llvm::Error run() {
    if (auto err = parseHeader())
      return err;
    if (auto err = parseStrings())
      return err;
    return parseTypes();
  }

private:
  llvm::Error fail(const llvm::Twine &problem) {
    return inputError(impl_.sourceName, "BTF: " + problem);
  }
  llvm::Error failType(TypeId id, uint32_t kind, uint32_t nameOffset, const llvm::Twine &problem) {
    std::string name = printableName(impl_.offsetValid(nameOffset) ? impl_.string(nameOffset) : "");
    return fail("[" + llvm::Twine(id) + "] " + kindName(static_cast<Kind>(kind)) +
                (name.empty() ? "" : " ") + name + " " + problem);
  }

  uint32_t u32(uint64_t offset) const { return read32le(impl_.data.data() + offset); }

  // btf_parse_hdr + btf_check_sec_info.
  llvm::Error parseHeader() {
    llvm::ArrayRef<uint8_t> data = impl_.data;
    if (data.size() < 8)
      return fail("hdr_len not found");
    uint16_t magic = read16le(data.data());
    if (magic == 0x9FeB)
      return fail("Invalid magic (big-endian BTF is not supported)");
    hdrLen_ = u32(4);
    if (data.size() < hdrLen_)
      return fail("btf_header not found");
    if (hdrLen_ > format::HeaderSize) {
      for (uint32_t i = format::HeaderSize; i < hdrLen_; ++i)
        if (data[i])
          return fail("Unsupported btf_header");
    }
    // Fields past hdr_len read as zero, as the kernel's partial memcpy leaves them.
    uint8_t header[format::HeaderSize] = {};
    std::memcpy(header, data.data(), std::min<uint32_t>(hdrLen_, format::HeaderSize));
    if (read16le(header) != format::Magic)
      return fail("Invalid magic");
    if (header[2] != format::Version)
      return fail("Unsupported version");
    if (header[3])
      return fail("Unsupported flags");
    if (!impl_.base && data.size() == hdrLen_)
      return fail("No data");
    types_ = {read32le(header + 8), read32le(header + 12)};
    strs_ = {read32le(header + 16), read32le(header + 20)};

    SectionInfo secs[2] = {types_, strs_};
    std::sort(std::begin(secs), std::end(secs), [](const SectionInfo &a, const SectionInfo &b) {
      return a.offset != b.offset ? a.offset < b.offset : a.length < b.length;
    });
    uint32_t total = 0;
    uint32_t expectedTotal = static_cast<uint32_t>(data.size()) - hdrLen_;
    for (const SectionInfo &sec : secs) {
      if (expectedTotal < sec.offset)
        return fail("Invalid section offset");
      if (total < sec.offset)
        return fail("Unsupported section found");
      if (total > sec.offset)
        return fail("Section overlap found");
      if (expectedTotal - total < sec.length)
        return fail("Total section length too long");
      total += sec.length;
    }
    if (expectedTotal != total)
      return fail("Unsupported section found");
    return llvm::Error::success();
  }

  // btf_parse_str_sec.
  llvm::Error parseStrings() {
    uint64_t start = uint64_t(hdrLen_) + strs_.offset;
    if (start + strs_.length != impl_.data.size())
      return fail("String section is not at the end");
    impl_.strings = reinterpret_cast<const char *>(impl_.data.data() + start);
    impl_.stringsLen = strs_.length;
    if (impl_.base && !strs_.length)
      return llvm::Error::success();
    if (!strs_.length || strs_.length - 1 > format::MaxNameOffset ||
        impl_.strings[strs_.length - 1])
      return fail("Invalid string section");
    if (!impl_.base && impl_.strings[0])
      return fail("Invalid string section");
    if (uint64_t(impl_.startStrOff) + strs_.length - 1 > format::MaxNameOffset)
      return fail("Invalid string section");
    return llvm::Error::success();
  }

  bool nameOffsetValid(uint32_t offset) const {
    return offset <= format::MaxNameOffset && impl_.offsetValid(offset);
  }
  // Names repeat a lot (strings are deduplicated, so "next" is one offset used thousands of
  // times): remember each own offset's verdict.
  bool validIdentifier(uint32_t offset) {
    if (offset < impl_.startStrOff)
      return isValidIdentifier(impl_.string(offset));
    uint32_t local = offset - impl_.startStrOff;
    if (identCache_.empty())
      identCache_.assign(impl_.stringsLen, 0);
    uint8_t &cached = identCache_[local];
    if (!cached)
      cached = isValidIdentifier(impl_.string(offset)) ? 1 : 2;
    return cached == 1;
  }

  // First pass: walk the records to count types and variable-length entries, checking each
  // record fits (the "meta_left" checks), so the flat arrays are allocated once, exactly.
  llvm::Error scan() {
    uint64_t pos = typeBegin_;
    TypeId id = impl_.startId;
    while (pos < typeEnd_) {
      uint64_t left = typeEnd_ - pos;
      if (left < format::TypeHeaderSize)
        return fail("[" + llvm::Twine(id) + "] meta_left:" + llvm::Twine(left) +
                    " meta_needed:" + llvm::Twine(format::TypeHeaderSize));
      uint32_t info = u32(pos + 4);
      if (info & ~format::InfoMask)
        return fail("[" + llvm::Twine(id) + "] Invalid btf_info:" + llvm::utohexstr(info, true));
      uint32_t kind = format::infoKind(info);
      if (kind > KindMax || kind == 0)
        return fail("[" + llvm::Twine(id) + "] Invalid kind:" + llvm::Twine(kind));
      uint32_t nameOffset = u32(pos);
      if (!nameOffsetValid(nameOffset))
        return fail("[" + llvm::Twine(id) + "] Invalid name_offset:" + llvm::Twine(nameOffset));
      uint32_t vlen = format::infoVlen(info);
      uint64_t extra = format::extraSize(kind, vlen);
      left -= format::TypeHeaderSize;
      if (left < extra)
        return failType(id, kind, nameOffset,
                        "meta_left:" + llvm::Twine(left) + " meta_needed:" + llvm::Twine(extra));
      switch (static_cast<Kind>(kind)) {
      case Kind::Struct:
      case Kind::Union:
        memberCount_ += vlen;
        break;
      case Kind::Enum:
      case Kind::Enum64:
        enumCount_ += vlen;
        break;
      case Kind::FuncProto:
        paramCount_ += vlen;
        break;
      case Kind::DataSec:
        varCount_ += vlen;
        break;
      default:
        break;
      }
      if (id >= format::MaxType)
        return fail("Exceeded max num of types");
      pos += format::TypeHeaderSize + extra;
      ++id;
      ++typeCount_;
    }
    return llvm::Error::success();
  }

  llvm::Error parseTypes() {
    if (types_.offset & 3)
      return fail("Unaligned type_off");
    if (!impl_.base && !types_.length)
      return fail("No type found");
    typeBegin_ = uint64_t(hdrLen_) + types_.offset;
    typeEnd_ = typeBegin_ + types_.length;
    if (auto err = scan())
      return err;

    impl_.types.reserve(typeCount_ + (impl_.base ? 0 : 1));
    if (!impl_.base)
      impl_.types.emplace_back(); // void
    impl_.members.reserve(memberCount_);
    impl_.enumerators.reserve(enumCount_);
    impl_.params.reserve(paramCount_);
    impl_.vars.reserve(varCount_);
    size_t total = impl_.types.capacity();
    impl_.denseKind.reserve(total);
    impl_.denseRef.reserve(total);
    impl_.denseSize.reserve(total);
    if (!impl_.base) {
      impl_.denseKind.push_back(0);
      impl_.denseRef.push_back(0);
      impl_.denseSize.push_back(0);
    }

    uint64_t pos = typeBegin_;
    TypeId id = impl_.startId;
    while (pos < typeEnd_) {
      Type &t = impl_.types.emplace_back();
      uint32_t info = u32(pos + 4);
      uint32_t kind = format::infoKind(info);
      t.kind = static_cast<Kind>(kind);
      t.nameOffset = u32(pos);
      t.name = impl_.string(t.nameOffset);
      t.vlen = format::infoVlen(info);
      t.kindFlag = format::infoKflag(info);
      t.size = u32(pos + 8); // size and type share this word in struct btf_type
      pos += format::TypeHeaderSize;
      if (auto err = decode(id, t, pos))
        return err;
      impl_.denseKind.push_back(static_cast<uint8_t>(t.kind));
      impl_.denseRef.push_back(t.type);
      impl_.denseSize.push_back(t.size);
      pos += format::extraSize(kind, t.vlen);
      ++id;
    }
    return llvm::Error::success();
  }

  // Decodes the kind-specific part at pos and applies the kind's check_meta rules.
  llvm::Error decode(TypeId id, Type &t, uint64_t pos) {
    auto bad = [&](const llvm::Twine &problem) {
      return failType(id, static_cast<uint32_t>(t.kind), t.nameOffset, problem);
    };
    bool kernel = options_.strictness == Strictness::Kernel;
    uint32_t raw = t.size;
    switch (t.kind) {
    case Kind::Void:
      break;
    case Kind::Int: { // btf_int_check_meta
      t.type = 0;
      if (t.vlen)
        return bad("vlen != 0");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      uint32_t data = u32(pos);
      if (data & ~format::IntMask)
        return bad("Invalid int_data:" + llvm::utohexstr(data, true));
      t.intEncoding = format::intEncoding(data);
      t.intBitOffset = format::intOffset(data);
      t.intBits = format::intBits(data);
      uint32_t nrBits = t.intBits + t.intBitOffset;
      if (nrBits > 128)
        return bad("nr_bits exceeds 128");
      if ((nrBits + 7) / 8 > t.size)
        return bad("nr_bits exceeds type_size");
      if (t.intEncoding && t.intEncoding != IntSigned && t.intEncoding != IntChar &&
          t.intEncoding != IntBool)
        return bad("Unsupported encoding");
      break;
    }
    case Kind::Ptr:
    case Kind::Typedef:
    case Kind::Volatile:
    case Kind::Const:
    case Kind::Restrict:
    case Kind::TypeTag: // btf_ref_type_check_meta
      t.type = raw;
      t.size = 0;
      if (t.vlen)
        return bad("vlen != 0");
      // 6.14+ gives TYPE_TAG a kind_flag (an attribute rather than a tag).
      if (t.kindFlag && t.kind != Kind::TypeTag)
        return bad("Invalid btf_info kind_flag");
      if (t.type > format::MaxType)
        return bad("Invalid type_id");
      if (t.kind == Kind::Typedef) {
        if (!t.nameOffset || !validIdentifier(t.nameOffset))
          return bad("Invalid name");
      } else if (t.kind == Kind::TypeTag) {
        if (t.name.empty())
          return bad("Invalid name");
      } else if (t.nameOffset) {
        return bad("Invalid name");
      }
      break;
    case Kind::Array: { // btf_array_check_meta
      t.type = 0;
      if (t.nameOffset)
        return bad("Invalid name");
      if (t.vlen)
        return bad("vlen != 0");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      if (t.size)
        return bad("size != 0");
      t.elemType = u32(pos);
      t.indexType = u32(pos + 4);
      t.nelems = u32(pos + 8);
      if (!t.elemType || t.elemType > format::MaxType)
        return bad("Invalid elem");
      if (!t.indexType || t.indexType > format::MaxType)
        return bad("Invalid index");
      break;
    }
    case Kind::Struct:
    case Kind::Union: // btf_struct_check_meta
      if (t.nameOffset && !validIdentifier(t.nameOffset))
        return bad("Invalid name");
      return decodeMembers(id, t, pos, bad);
    case Kind::Enum:
    case Kind::Enum64: // btf_enum_check_meta, btf_enum64_check_meta
      if (t.size > 8 || !t.size || (t.size & (t.size - 1)))
        return bad("Unexpected size");
      if (t.nameOffset && !validIdentifier(t.nameOffset))
        return bad("Invalid name");
      return decodeEnumerators(t, pos, bad);
    case Kind::Fwd: // btf_fwd_check_meta
      t.type = 0;
      if (t.vlen)
        return bad("vlen != 0");
      if (raw)
        return bad("type != 0");
      t.size = 0;
      if (!t.nameOffset || !validIdentifier(t.nameOffset))
        return bad("Invalid name");
      break;
    case Kind::Func: // btf_func_check_meta
      t.type = raw;
      t.size = 0;
      t.linkage = t.vlen;
      if (!t.nameOffset || !validIdentifier(t.nameOffset))
        return bad("Invalid name");
      // The kernel takes static and global; extern functions exist only in objects.
      if (t.vlen > (kernel ? LinkageGlobal : LinkageExtern))
        return bad("Invalid func linkage");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      if (t.type > format::MaxType)
        return bad("Invalid type_id");
      break;
    case Kind::FuncProto: // btf_func_proto_check_meta
      t.type = raw;
      t.size = 0;
      if (t.nameOffset)
        return bad("Invalid name");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      return decodeParams(t, pos, bad);
    case Kind::Var: // btf_var_check_meta
      t.type = raw;
      t.size = 0;
      if (t.vlen)
        return bad("vlen != 0");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      if (!t.nameOffset || !validIdentifier(t.nameOffset))
        return bad("Invalid name");
      if (!t.type || t.type > format::MaxType)
        return bad("Invalid type_id");
      t.linkage = u32(pos);
      // Extern variables (.kconfig, .ksyms) exist in objects; libbpf rewrites them.
      if (t.linkage != LinkageStatic && t.linkage != LinkageGlobal &&
          (kernel || t.linkage != LinkageExtern))
        return bad("Linkage not supported");
      break;
    case Kind::DataSec: // btf_datasec_check_meta
      t.type = 0;
      if (!t.size && kernel)
        return bad("size == 0");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      if (!t.nameOffset || !isValidSectionName(t.name))
        return bad("Invalid name");
      return decodeVars(t, pos, bad);
    case Kind::Float: // btf_float_check_meta
      t.type = 0;
      if (t.vlen)
        return bad("vlen != 0");
      if (t.kindFlag)
        return bad("Invalid btf_info kind_flag");
      if (t.size != 2 && t.size != 4 && t.size != 8 && t.size != 12 && t.size != 16)
        return bad("Invalid type_size");
      break;
    case Kind::DeclTag: // btf_decl_tag_check_meta (6.14+ allows kind_flag: an attribute)
      t.type = raw;
      t.size = 0;
      if (t.name.empty())
        return bad("Invalid value");
      if (t.vlen)
        return bad("vlen != 0");
      t.componentIdx = static_cast<int32_t>(u32(pos));
      if (t.componentIdx < -1)
        return bad("Invalid component_idx");
      if (t.type > format::MaxType)
        return bad("Invalid type_id");
      break;
    }
    return llvm::Error::success();
  }

  template <class Bad>
  llvm::Error decodeMembers(TypeId id, Type &t, uint64_t pos, Bad &bad) {
    size_t first = impl_.members.size();
    bool isUnion = t.kind == Kind::Union;
    uint32_t lastOffset = 0;
    for (uint32_t i = 0; i < t.vlen; ++i, pos += 12) {
      Member &m = impl_.members.emplace_back();
      uint32_t nameOffset = u32(pos);
      m.type = u32(pos + 4);
      uint32_t offset = u32(pos + 8);
      if (t.kindFlag) {
        m.bitOffset = offset & 0xffffff;
        m.bitfieldSize = offset >> 24;
      } else {
        m.bitOffset = offset;
      }
      if (!nameOffsetValid(nameOffset))
        return bad("Invalid member name_offset:" + llvm::Twine(nameOffset));
      m.name = impl_.string(nameOffset);
      auto badMember = [&](const llvm::Twine &problem) {
        return bad("member " + (m.name.empty() ? "#" + std::to_string(i) : printableName(m.name)) +
                   ": " + problem);
      };
      if (nameOffset && !validIdentifier(nameOffset))
        return badMember("Invalid name");
      if (!m.type || m.type > format::MaxType)
        return badMember("Invalid type_id");
      if (isUnion && m.bitOffset)
        return badMember("Invalid member bits_offset");
      if (lastOffset > m.bitOffset)
        return badMember("Invalid member bits_offset");
      if ((uint64_t(m.bitOffset) + 7) / 8 > t.size)
        return badMember("Member bits_offset exceeds its struct size");
      lastOffset = m.bitOffset;
    }
    (void)id;
    t.members = std::span<const Member>(impl_.members.data() + first, t.vlen);
    return llvm::Error::success();
  }

  template <class Bad>
  llvm::Error decodeEnumerators(Type &t, uint64_t pos, Bad &bad) {
    size_t first = impl_.enumerators.size();
    bool is64 = t.kind == Kind::Enum64;
    for (uint32_t i = 0; i < t.vlen; ++i) {
      Enumerator &e = impl_.enumerators.emplace_back();
      uint32_t nameOffset = u32(pos);
      if (is64) {
        e.value = static_cast<int64_t>(uint64_t(u32(pos + 4)) | (uint64_t(u32(pos + 8)) << 32));
        pos += 12;
      } else {
        uint32_t v = u32(pos + 4);
        e.value = t.kindFlag ? int64_t(int32_t(v)) : int64_t(v);
        pos += 8;
      }
      if (!nameOffsetValid(nameOffset))
        return bad("Invalid name_offset:" + llvm::Twine(nameOffset));
      e.name = impl_.string(nameOffset);
      if (!nameOffset || !validIdentifier(nameOffset))
        return bad("Invalid name");
    }
    t.enumerators = std::span<const Enumerator>(impl_.enumerators.data() + first, t.vlen);
    return llvm::Error::success();
  }

  template <class Bad>
  llvm::Error decodeParams(Type &t, uint64_t pos, Bad &bad) {
    size_t first = impl_.params.size();
    for (uint32_t i = 0; i < t.vlen; ++i, pos += 8) {
      Param &p = impl_.params.emplace_back();
      uint32_t nameOffset = u32(pos);
      p.type = u32(pos + 4);
      // btf_func_proto_check: an invalid parameter name is "Invalid arg#N".
      if (!nameOffsetValid(nameOffset) || (nameOffset && !validIdentifier(nameOffset)))
        return bad("Invalid arg#" + llvm::Twine(i + 1));
      p.name = impl_.string(nameOffset);
    }
    t.params = std::span<const Param>(impl_.params.data() + first, t.vlen);
    return llvm::Error::success();
  }

  template <class Bad>
  llvm::Error decodeVars(Type &t, uint64_t pos, Bad &bad) {
    size_t first = impl_.vars.size();
    // Objects carry DATASEC size 0 until libbpf fills in sizes and offsets from the ELF
    // symbols (btf_fixup_datasec); offsets are only checked once a size is known.
    bool checkLayout = t.size != 0;
    uint64_t lastEnd = 0, sum = 0;
    for (uint32_t i = 0; i < t.vlen; ++i, pos += 12) {
      VarSecInfo &v = impl_.vars.emplace_back();
      v.type = u32(pos);
      v.offset = u32(pos + 4);
      v.size = u32(pos + 8);
      auto badVar = [&](const llvm::Twine &problem) {
        return bad("var #" + llvm::Twine(i) + " type_id=" + llvm::Twine(v.type) + " offset=" +
                   llvm::Twine(v.offset) + " size=" + llvm::Twine(v.size) + ": " + problem);
      };
      if (!v.type || v.type > format::MaxType)
        return badVar("Invalid type_id");
      if (!checkLayout)
        continue;
      if (v.offset < lastEnd || v.offset >= t.size)
        return badVar("Invalid offset");
      if (!v.size || v.size > t.size)
        return badVar("Invalid size");
      lastEnd = uint64_t(v.offset) + v.size;
      if (lastEnd > t.size)
        return badVar("Invalid offset+size");
      sum += v.size;
    }
    if (checkLayout && t.size < sum)
      return bad("Invalid btf_info size");
    t.vars = std::span<const VarSecInfo>(impl_.vars.data() + first, t.vlen);
    return llvm::Error::success();
  }

  Btf::Impl &impl_;
  const ParseOptions &options_;
  uint32_t hdrLen_ = 0;
  std::vector<uint8_t> identCache_;
  SectionInfo types_{}, strs_{};
  uint64_t typeBegin_ = 0, typeEnd_ = 0;
  uint64_t typeCount_ = 0, memberCount_ = 0, enumCount_ = 0, paramCount_ = 0, varCount_ = 0;
};

} // namespace

llvm::Error parseRaw(Btf::Impl &impl, const ParseOptions &options) {
  return Parser(impl, options).run();
}

} // namespace bpfverify::btf

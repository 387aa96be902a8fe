// Parsing .BTF.ext with libbpf's checks (btf_ext_parse_hdr, btf_ext_setup_info) plus validation
// of every string offset, type id and relocation kind against the object's BTF.

#include "btf/btf_ext.h"
#include "lib/support/error.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Endian.h>

namespace bpfverify::btf {

llvm::StringRef coreReloKindName(CoreReloKind kind) {
  // libbpf core_relo_kind_str.
  switch (kind) {
  case CoreReloKind::FieldByteOffset:
    return "byte_off";
  case CoreReloKind::FieldByteSize:
    return "byte_sz";
  case CoreReloKind::FieldExists:
    return "field_exists";
  case CoreReloKind::FieldSigned:
    return "signed";
  case CoreReloKind::FieldLShiftU64:
    return "lshift_u64";
  case CoreReloKind::FieldRShiftU64:
    return "rshift_u64";
  case CoreReloKind::TypeIdLocal:
    return "local_type_id";
  case CoreReloKind::TypeIdTarget:
    return "target_type_id";
  case CoreReloKind::TypeExists:
    return "type_exists";
  case CoreReloKind::TypeMatches:
    return "type_matches";
  case CoreReloKind::TypeSize:
    return "type_size";
  case CoreReloKind::EnumvalExists:
    return "enumval_exists";
  case CoreReloKind::EnumvalValue:
    return "enumval_value";
  }
  return "unknown";
}

namespace {

using llvm::support::endian::read16le;
using llvm::support::endian::read32le;

constexpr uint32_t HeaderMin = 24;  // up to line_info_len
constexpr uint32_t HeaderCore = 32; // with core_relo_off/len

class ExtParser {
public:
  ExtParser(llvm::ArrayRef<uint8_t> data, llvm::StringRef sourceName, const Btf &btf)
      : data_(data), sourceName_(sourceName), btf_(btf) {}

  llvm::Expected<BtfExt> run() {
    if (data_.size() < 8 || data_.size() < u32(4))
      return fail("BTF.ext header not found");
    uint16_t magic = read16le(data_.data());
    if (magic == 0x9FeB)
      return fail("BTF.ext in non-native endianness is not supported");
    if (magic != 0xeB9F)
      return fail("Invalid BTF.ext magic:" + llvm::utohexstr(magic, true));
    if (data_[2] != 1)
      return fail("Unsupported BTF.ext version:" + llvm::Twine(unsigned(data_[2])));
    if (data_[3])
      return fail("Unsupported BTF.ext flags:" + llvm::utohexstr(data_[3], true));
    hdrLen_ = u32(4);
    if (data_.size() == hdrLen_)
      return fail("BTF.ext has no data");
    if (hdrLen_ < HeaderMin)
      return fail("BTF.ext header too short: hdr_len " + llvm::Twine(hdrLen_));

    BtfExt ext;
    if (auto err = section<FuncInfoRecord>(
            "func_info", u32(8), u32(12), 8, ext.funcInfo, ext.funcInfoRecordSize,
            [&](uint64_t pos, FuncInfoRecord &r) -> llvm::Error {
              r.insnOffset = u32(pos);
              r.typeId = u32(pos + 4);
              if (auto err = checkInsnOffset(r.insnOffset, "func_info"))
                return err;
              if (!btf_.validId(r.typeId) || btf_.type(r.typeId).kind != Kind::Func)
                return fail("func_info record type_id " + llvm::Twine(r.typeId) +
                            " is not a FUNC in the object's BTF");
              return llvm::Error::success();
            }))
      return err;
    if (auto err = section<LineInfoRecord>(
            "line_info", u32(16), u32(20), 16, ext.lineInfo, ext.lineInfoRecordSize,
            [&](uint64_t pos, LineInfoRecord &r) -> llvm::Error {
              r.insnOffset = u32(pos);
              r.fileNameOffset = u32(pos + 4);
              r.lineOffset = u32(pos + 8);
              uint32_t lineCol = u32(pos + 12);
              r.line = lineCol >> 10; // BPF_LINE_INFO_LINE_NUM
              r.column = lineCol & 0x3ff;
              if (auto err = checkInsnOffset(r.insnOffset, "line_info"))
                return err;
              if (r.fileNameOffset >= btf_.stringEnd() || r.lineOffset >= btf_.stringEnd())
                return fail("line_info record string offset out of range (file_name_off " +
                            llvm::Twine(r.fileNameOffset) + ", line_off " +
                            llvm::Twine(r.lineOffset) + ")");
              return llvm::Error::success();
            }))
      return err;
    if (hdrLen_ >= HeaderCore) {
      if (auto err = section<CoreReloRecord>(
              "core_relo", u32(24), u32(28), 16, ext.coreRelos, ext.coreReloRecordSize,
              [&](uint64_t pos, CoreReloRecord &r) -> llvm::Error {
                r.insnOffset = u32(pos);
                r.typeId = u32(pos + 4);
                r.accessStrOffset = u32(pos + 8);
                uint32_t kind = u32(pos + 12);
                if (auto err = checkInsnOffset(r.insnOffset, "core_relo"))
                  return err;
                if (!btf_.validId(r.typeId))
                  return fail("core_relo record type_id " + llvm::Twine(r.typeId) +
                              " out of range");
                if (r.accessStrOffset >= btf_.stringEnd())
                  return fail("core_relo record access_str_off " + llvm::Twine(r.accessStrOffset) +
                              " out of range");
                if (kind > static_cast<uint32_t>(CoreReloKind::TypeMatches))
                  return fail("core_relo record has unknown kind " + llvm::Twine(kind));
                r.kind = static_cast<CoreReloKind>(kind);
                return llvm::Error::success();
              }))
        return err;
    }
    return ext;
  }

private:
  uint32_t u32(uint64_t pos) const { return read32le(data_.data() + pos); }

  llvm::Error fail(const llvm::Twine &problem) const {
    return inputError(sourceName_, ".BTF.ext: " + problem);
  }

  llvm::Error checkInsnOffset(uint32_t offset, const char *desc) const {
    if (offset % 8)
      return fail(llvm::Twine(desc) + " record insn_off " + llvm::Twine(offset) +
                  " is not a multiple of 8");
    return llvm::Error::success();
  }

  // btf_ext_setup_info: [record_size] then per ELF section {sec_name_off, num_info, records}.
  template <class R, class Decode>
  llvm::Error section(const char *desc, uint32_t off, uint32_t len, uint32_t minRecordSize,
                      std::vector<ExtSection<R>> &out, uint32_t &recordSizeOut, Decode decode) {
    if (len == 0)
      return llvm::Error::success();
    auto bad = [&](const llvm::Twine &problem) { return fail(llvm::Twine(desc) + " " + problem); };
    if (off & 3)
      return bad("section is not aligned to 4 bytes");
    uint64_t begin = uint64_t(hdrLen_) + off;
    uint64_t end = begin + len;
    if (end > data_.size())
      return bad("section (off:" + llvm::Twine(off) + " len:" + llvm::Twine(len) +
                 ") is beyond the end of the ELF section .BTF.ext");
    if (len < 4)
      return bad("record size not found");
    uint32_t recordSize = u32(begin);
    if (recordSize < minRecordSize || (recordSize & 3))
      return bad("section has invalid record size " + llvm::Twine(recordSize));
    recordSizeOut = recordSize;
    uint64_t pos = begin + 4;
    if (pos == end)
      return bad("section has no records");
    while (pos < end) {
      if (end - pos < 8)
        return bad("section header is not found");
      uint32_t nameOffset = u32(pos);
      uint32_t count = u32(pos + 4);
      if (count == 0)
        return bad("section has incorrect num_records");
      uint64_t total = 8 + uint64_t(count) * recordSize;
      if (end - pos < total)
        return bad("section has incorrect num_records");
      if (nameOffset >= btf_.stringEnd())
        return bad("section name offset " + llvm::Twine(nameOffset) +
                   " is not in the BTF string table");
      ExtSection<R> &sec = out.emplace_back();
      sec.sectionName = btf_.string(nameOffset).str();
      sec.records.resize(count); // bounded by the bytes checked above
      uint64_t rec = pos + 8;
      for (uint32_t i = 0; i < count; ++i, rec += recordSize)
        if (auto err = decode(rec, sec.records[i]))
          return err;
      pos += total;
    }
    return llvm::Error::success();
  }

  llvm::ArrayRef<uint8_t> data_;
  llvm::StringRef sourceName_;
  const Btf &btf_;
  uint32_t hdrLen_ = 0;
};

} // namespace

llvm::Expected<BtfExt> BtfExt::parse(llvm::ArrayRef<uint8_t> data, llvm::StringRef sourceName,
                                     const Btf &objectBtf) {
  return ExtParser(data, sourceName, objectBtf).run();
}

} // namespace bpfverify::btf

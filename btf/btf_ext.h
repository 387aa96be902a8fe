#pragma once
// The .BTF.ext section of a BPF object: func_info, line_info and CO-RE relocation records.

#include "btf/btf.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bpfverify::btf {

/// bpf_func_info; insnOffset is in BYTES as stored in the object.
struct FuncInfoRecord {
  uint32_t insnOffset = 0;
  TypeId typeId = 0;
};
/// bpf_line_info; line and column are decoded from line_col (line << 10 | column).
struct LineInfoRecord {
  uint32_t insnOffset = 0;
  uint32_t fileNameOffset = 0, lineOffset = 0, line = 0, column = 0;
};
/// enum bpf_core_relo_kind.
enum class CoreReloKind : uint32_t {
  FieldByteOffset = 0,
  FieldByteSize,
  FieldExists,
  FieldSigned,
  FieldLShiftU64,
  FieldRShiftU64,
  TypeIdLocal,
  TypeIdTarget,
  TypeExists,
  TypeSize,
  EnumvalExists,
  EnumvalValue,
  TypeMatches
};
/// libbpf's name of a relocation kind ("byte_off", "type_id_target", ...).
llvm::StringRef coreReloKindName(CoreReloKind kind);

/// bpf_core_relo.
struct CoreReloRecord {
  uint32_t insnOffset = 0;
  TypeId typeId = 0;
  uint32_t accessStrOffset = 0;
  CoreReloKind kind = CoreReloKind::FieldByteOffset;
};

template <class R>
struct ExtSection {
  std::string sectionName;
  std::vector<R> records;
};

struct BtfExt {
  std::vector<ExtSection<FuncInfoRecord>> funcInfo;
  std::vector<ExtSection<LineInfoRecord>> lineInfo;
  std::vector<ExtSection<CoreReloRecord>> coreRelos;
  /// Record sizes found in the file (may exceed ours; extra bytes are ignored).
  uint32_t funcInfoRecordSize = 0, lineInfoRecordSize = 0, coreReloRecordSize = 0;

  /// Parses and validates .BTF.ext. Section names and strings are resolved in the object's BTF
  /// string table; every offset, size and count is checked.
  static llvm::Expected<BtfExt> parse(llvm::ArrayRef<uint8_t> data, llvm::StringRef sourceName,
                                      const Btf &objectBtf);
};

} // namespace bpfverify::btf

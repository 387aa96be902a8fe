#pragma once
// The BTF type model: a validated, immutable table of types and strings parsed from a raw blob.

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bpfverify::btf {

using TypeId = uint32_t;

/// BTF_KIND_* values, in the kernel's numbering.
enum class Kind : uint8_t {
  Void = 0,
  Int,
  Ptr,
  Array,
  Struct,
  Union,
  Enum,
  Fwd,
  Typedef,
  Volatile,
  Const,
  Restrict,
  Func,
  FuncProto,
  Var,
  DataSec,
  Float,
  DeclTag,
  TypeTag,
  Enum64
};
inline constexpr unsigned KindMax = static_cast<unsigned>(Kind::Enum64);

/// The kernel's name of a kind ("STRUCT", "FUNC_PROTO", ...), as in btf_kind_str.
llvm::StringRef kindName(Kind kind);

// BTF_INT_* encoding bits.
inline constexpr uint32_t IntSigned = 1;
inline constexpr uint32_t IntChar = 2;
inline constexpr uint32_t IntBool = 4;

// Linkage values (BTF_FUNC_* and BTF_VAR_*).
inline constexpr uint32_t LinkageStatic = 0;
inline constexpr uint32_t LinkageGlobal = 1;
inline constexpr uint32_t LinkageExtern = 2;

struct Member {
  std::string_view name;
  TypeId type = 0;
  uint32_t bitOffset = 0;
  uint32_t bitfieldSize = 0; // 0: not a bitfield
};
struct Param {
  std::string_view name; // empty for unnamed parameters and for a variadic "..." (type 0)
  TypeId type = 0;
};
struct Enumerator {
  std::string_view name;
  /// Enum: sign-extended when the enum is signed (kindFlag), else zero-extended.
  /// Enum64: the 64-bit pattern.
  int64_t value = 0;
};
struct VarSecInfo {
  TypeId type = 0;
  uint32_t offset = 0;
  uint32_t size = 0;
};

/// One decoded type. Spans point into flat arrays owned by the Btf that made it.
struct Type {
  // Field order packs the record into 136 bytes (kindFlag beside kind).
  Kind kind = Kind::Void;
  bool kindFlag = false;
  uint32_t nameOffset = 0;
  std::string_view name;
  uint32_t vlen = 0;
  uint32_t size = 0; // Int, Struct, Union, Enum, Enum64, DataSec, Float
  TypeId type = 0;   // Ptr, Typedef, Volatile, Const, Restrict, TypeTag, Func (its FuncProto),
                     // FuncProto (return type), Var, DeclTag (the tagged type)
  uint32_t intEncoding = 0, intBitOffset = 0, intBits = 0; // Int
  TypeId elemType = 0, indexType = 0;                      // Array
  uint32_t nelems = 0;                                     // Array
  uint32_t linkage = 0; // Var (0 static, 1 global, 2 extern), Func (0 static, 1 global, 2 extern)
  int32_t componentIdx = -1; // DeclTag (-1 = the type itself)
  std::span<const Member> members;
  std::span<const Param> params;
  std::span<const Enumerator> enumerators;
  std::span<const VarSecInfo> vars;

  bool isStructOrUnion() const { return kind == Kind::Struct || kind == Kind::Union; }
  bool isEnum() const { return kind == Kind::Enum || kind == Kind::Enum64; }
  bool isModifier() const {
    return kind == Kind::Const || kind == Kind::Volatile || kind == Kind::Restrict ||
           kind == Kind::TypeTag;
  }
};

/// How strictly parse() checks. The kernel rejects a few things that clang emits in objects and
/// libbpf rewrites before loading (DATASEC size 0, extern VARs and FUNCs); Object accepts them.
enum class Strictness { Object, Kernel };

struct ParseOptions {
  Strictness strictness = Strictness::Object;
};

/// One step of a member path: the member index within its struct/union and what it is.
struct MemberStep {
  TypeId parent = 0;  // the struct/union holding the member
  uint32_t index = 0; // index in parent's members
  const Member *member = nullptr;
  uint32_t bitOffset = 0; // offset of this member from the start of the outermost type
};

class Btf {
public:
  ~Btf();
  Btf(const Btf &) = delete;
  Btf &operator=(const Btf &) = delete;

  /// Parses and validates a raw BTF blob; with base, as split BTF whose ids and string offsets
  /// continue after the base's. Mirrors the kernel's btf_parse checks.
  static llvm::Expected<std::unique_ptr<Btf>> parse(llvm::ArrayRef<uint8_t> data,
                                                    llvm::StringRef sourceName,
                                                    std::shared_ptr<const Btf> base = nullptr);
  static llvm::Expected<std::unique_ptr<Btf>> parse(llvm::ArrayRef<uint8_t> data,
                                                    llvm::StringRef sourceName,
                                                    std::shared_ptr<const Btf> base,
                                                    const ParseOptions &options);
  /// Reads and parses a file; the file name is used in messages.
  static llvm::Expected<std::unique_ptr<Btf>> parseFile(llvm::StringRef path,
                                                        std::shared_ptr<const Btf> base = nullptr);
  static llvm::Expected<std::unique_ptr<Btf>>
  parseFile(llvm::StringRef path, std::shared_ptr<const Btf> base, const ParseOptions &options);

  llvm::StringRef sourceName() const;
  const Btf *base() const;
  std::shared_ptr<const Btf> sharedBase() const;
  TypeId firstOwnId() const; // 1 for a base BTF, base->endId() for split BTF
  TypeId endId() const;      // one past the last valid id
  bool validId(TypeId id) const { return id < endId(); }
  /// id 0 is void; ids below firstOwnId() come from the base. Precondition: validId(id).
  const Type &type(TypeId id) const;
  /// The type, or nullptr when id is out of range (for ids from untrusted input).
  const Type *tryType(TypeId id) const { return validId(id) ? &type(id) : nullptr; }
  /// A string by offset; split: offsets continue after the base's. Empty when out of range.
  llvm::StringRef string(uint32_t offset) const;
  /// Total string section size including the base's (the first own offset of a split BTF).
  uint32_t stringEnd() const;

  /// All types with this name, base first, in id order. Indexed on first use.
  llvm::ArrayRef<TypeId> findByName(llvm::StringRef name) const;
  std::optional<TypeId> findByNameKind(llvm::StringRef name, Kind kind) const;
  /// A C-style name: "struct sk_buff", "union bpf_attr", "enum bpf_prog_type", or a plain name
  /// (typedef, int, func, var...).
  std::optional<TypeId> findByCName(llvm::StringRef cname) const;

  TypeId skipModifiers(TypeId id) const; // const/volatile/restrict/type_tag
  TypeId skipModifiersAndTypedefs(TypeId id) const;
  llvm::Expected<uint64_t> sizeOf(TypeId id) const; // resolves through typedefs/arrays
  uint32_t alignOf(TypeId id) const;

  /// DECL_TAG ids whose target is this type (and component, -1 = the type itself). Indexed.
  std::vector<TypeId> declTagsOf(TypeId target, int32_t componentIdx = -1) const;

  /// The member path covering bitOffset inside a struct/union (after modifiers/typedefs),
  /// descending through nested anonymous structs/unions. Empty if no member covers it.
  std::vector<MemberStep> memberAt(TypeId structId, uint32_t bitOffset) const;
  /// The named member of a struct/union, searching nested anonymous members too.
  std::vector<MemberStep> memberByName(TypeId structId, llvm::StringRef name) const;

  /// The value of a named enumerator of an ENUM/ENUM64 type.
  std::optional<int64_t> enumValue(TypeId enumId, llvm::StringRef enumerator) const;

  /// The type printed as C, e.g. "struct task_struct *", "int (*)(void *, long)", "char[16]".
  std::string typeToC(TypeId id) const;
  /// A declaration of name with this type, e.g. "int (*cb)(void *)", "char comm[16]".
  std::string declToC(TypeId id, llvm::StringRef name) const;

  /// The raw blob this Btf was parsed from (own part only).
  llvm::ArrayRef<uint8_t> rawData() const;

  /// Parses a blob whose buffer the Btf takes over (no copy).
  static llvm::Expected<std::unique_ptr<Btf>> parseOwned(std::unique_ptr<llvm::MemoryBuffer> buffer,
                                                         llvm::StringRef sourceName,
                                                         std::shared_ptr<const Btf> base,
                                                         const ParseOptions &options);

  struct Impl;

private:
  explicit Btf(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace bpfverify::btf

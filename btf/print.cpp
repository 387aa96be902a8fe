// Printing a BTF type as C: declarators are built inside-out, the way C reads them
// (pointer "*" binds before array "[]" and call "()", so those need parentheses).

#include "btf/btf_impl.h"

namespace bpfverify::btf {

namespace {

class CPrinter {
public:
  explicit CPrinter(const Btf &btf) : btf_(btf) {}

  // The type declared with inner as its declarator ("" for an abstract declarator).
  std::string decl(TypeId id, const std::string &inner, int depth = 0) {
    if (depth > 64 || !btf_.validId(id))
      return join("<bad type " + std::to_string(id) + ">", inner);
    const Type &t = btf_.type(id);
    switch (t.kind) {
    case Kind::Ptr: {
      std::string s = "*" + inner;
      Kind next = btf_.type(btf_.skipModifiers(t.type)).kind;
      if (next == Kind::Array || next == Kind::FuncProto)
        s = "(" + s + ")";
      return decl(t.type, s, depth + 1);
    }
    case Kind::Const:
    case Kind::Volatile:
    case Kind::Restrict: {
      const char *q = t.kind == Kind::Const      ? "const"
                      : t.kind == Kind::Volatile ? "volatile"
                                                 : "restrict";
      // A qualified pointer puts the qualifier after its "*".
      if (btf_.validId(t.type) && btf_.type(t.type).kind == Kind::Ptr)
        return decl(t.type, join(q, inner), depth + 1);
      return std::string(q) + " " + decl(t.type, inner, depth + 1);
    }
    case Kind::TypeTag:
      return decl(t.type, inner, depth + 1);
    case Kind::Array:
      return decl(t.elemType, inner + "[" + std::to_string(t.nelems) + "]", depth + 1);
    case Kind::FuncProto:
      return decl(t.type, inner + "(" + paramList(t, depth) + ")", depth + 1);
    case Kind::Func:
      return decl(t.type, inner.empty() ? std::string(t.name) : inner, depth + 1);
    case Kind::Var:
      return decl(t.type, inner.empty() ? std::string(t.name) : inner, depth + 1);
    default:
      return join(baseName(id, t, depth), inner);
    }
  }

private:
  static std::string join(const std::string &base, const std::string &inner) {
    if (inner.empty())
      return base;
    if (inner[0] == '[')
      return base + inner;
    return base + " " + inner;
  }

  std::string paramList(const Type &proto, int depth) {
    if (proto.params.empty())
      return "void";
    std::string s;
    for (size_t i = 0; i < proto.params.size(); ++i) {
      const Param &p = proto.params[i];
      if (i)
        s += ", ";
      if (!p.type && i + 1 == proto.params.size())
        s += "...";
      else
        s += decl(p.type, std::string(p.name), depth + 1);
    }
    return s;
  }

  std::string baseName(TypeId id, const Type &t, int depth) {
    switch (t.kind) {
    case Kind::Void:
      return "void";
    case Kind::Struct:
    case Kind::Union:
    case Kind::Enum:
    case Kind::Enum64: {
      const char *tag = t.kind == Kind::Struct  ? "struct"
                        : t.kind == Kind::Union ? "union"
                                                : "enum";
      if (!t.name.empty())
        return std::string(tag) + " " + std::string(t.name);
      return std::string(tag) + " " + body(id, t, depth);
    }
    case Kind::Fwd:
      return std::string(t.kindFlag ? "union " : "struct ") + std::string(t.name);
    case Kind::DataSec:
      return "SEC(\"" + std::string(t.name) + "\")";
    case Kind::DeclTag:
      return "__attribute__((btf_decl_tag(\"" + std::string(t.name) + "\")))";
    default: // Int, Float, Typedef
      return std::string(t.name);
    }
  }

  // The body of an anonymous struct, union or enum. Bodies are expanded a bounded number of
  // times: shared anonymous types nested in each other would otherwise grow exponentially.
  std::string body(TypeId, const Type &t, int depth) {
    if (depth > 8 || bodies_ <= 0 || t.vlen > 512)
      return "{...}";
    --bodies_;
    std::string s = "{";
    if (t.isEnum()) {
      for (size_t i = 0; i < t.enumerators.size(); ++i) {
        s += i ? ", " : " ";
        s += std::string(t.enumerators[i].name) + " = " + std::to_string(t.enumerators[i].value);
      }
      return s + " }";
    }
    for (const Member &m : t.members) {
      s += " " + decl(m.type, std::string(m.name), depth + 1);
      if (m.bitfieldSize)
        s += ": " + std::to_string(m.bitfieldSize);
      s += ";";
    }
    return s + " }";
  }

  const Btf &btf_;
  int bodies_ = 64;
};

} // namespace

std::string Btf::typeToC(TypeId id) const {
  return CPrinter(*this).decl(id, "");
}

std::string Btf::declToC(TypeId id, llvm::StringRef name) const {
  return CPrinter(*this).decl(id, name.str());
}

} // namespace bpfverify::btf

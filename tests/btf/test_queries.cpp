// Queries on the shipped 6.18 vmlinux BTF, checked against `bpftool btf dump ... format raw`
// and the vmlinux.h bpftool generates from the same file.

#include "blob_builder.h"
#include "test_common.h"

#include <llvm/ADT/StringSet.h>
#include <llvm/Support/MemoryBuffer.h>

#include <set>

using namespace bpfverify;
using namespace bpfverify::btf;
using namespace bpfverify::btf::test;

TEST_CASE("sizes match bpftool", "[btf][query]") {
  auto btf = shippedVmlinux();
  auto size = [&](llvm::StringRef cname) -> uint64_t {
    auto s = btf->sizeOf(idOf(*btf, cname));
    REQUIRE(static_cast<bool>(s));
    return *s;
  };
  // bpftool: [873] STRUCT 'sk_buff' size=224, [13801] STRUCT '__sk_buff' size=192,
  // [114] STRUCT 'task_struct' size=3264.
  CHECK(size("struct sk_buff") == 224);
  CHECK(size("struct __sk_buff") == 192);
  CHECK(size("struct task_struct") == 3264);
  CHECK(size("__u32") == 4);
  CHECK(size("__u64") == 8);
  CHECK(size("enum bpf_prog_type") == 4);
  // Arrays resolve through their element: __sk_buff.cb is __u32[5].
  TypeId skb = idOf(*btf, "struct __sk_buff");
  auto cb = btf->memberByName(skb, "cb");
  REQUIRE(cb.size() == 1);
  CHECK(btf->type(cb[0].member->type).kind == Kind::Array);
  auto cbSize = btf->sizeOf(cb[0].member->type);
  REQUIRE(static_cast<bool>(cbSize));
  CHECK(*cbSize == 20);
  CHECK(btf->alignOf(cb[0].member->type) == 4);
  CHECK(btf->alignOf(skb) == 8);
  // BTF does not record __aligned(): as libbpf's btf__align_of, alignment caps at 8.
  CHECK(btf->alignOf(idOf(*btf, "struct task_struct")) == 8);
  // Function types have no size.
  auto func = btf->findByNameKind("tcp_sendmsg", Kind::Func);
  REQUIRE(func);
  auto noSize = btf->sizeOf(*func);
  REQUIRE_FALSE(static_cast<bool>(noSize));
  CHECK_THAT(errorMessage(noSize.takeError()), Catch::EndsWith("FUNC tcp_sendmsg has no size"));
}

TEST_CASE("enum values", "[btf][query]") {
  auto btf = shippedVmlinux();
  TypeId progType = idOf(*btf, "enum bpf_prog_type");
  CHECK(btf->enumValue(progType, "BPF_PROG_TYPE_XDP") == 6);
  CHECK(btf->enumValue(progType, "BPF_PROG_TYPE_SOCKET_FILTER") == 1);
  CHECK_FALSE(btf->enumValue(progType, "NOT_THERE").has_value());
  TypeId action = idOf(*btf, "enum sk_action");
  CHECK(btf->enumValue(action, "SK_PASS") == 1);
}

TEST_CASE("__sk_buff member offsets match bpftool", "[btf][query]") {
  auto btf = shippedVmlinux();
  TypeId skb = idOf(*btf, "struct __sk_buff");
  // From bpftool: 'len' 0, 'mark' 64, 'cb' 384, 'data' 608, 'data_end' 640, 'data_meta' 1120,
  // 'tstamp' 1216, 'hwtstamp' 1472.
  std::pair<const char *, uint32_t> expected[] = {
      {"len", 0},        {"mark", 64},        {"cb", 384},      {"data", 608},
      {"data_end", 640}, {"data_meta", 1120}, {"tstamp", 1216}, {"hwtstamp", 1472}};
  for (auto [name, bits] : expected) {
    auto path = btf->memberByName(skb, name);
    REQUIRE(path.size() == 1);
    CHECK(path[0].bitOffset == bits);
    auto at = btf->memberAt(skb, bits);
    REQUIRE(at.size() == 1);
    CHECK(at[0].member->name == name);
  }
  // Inside an array member: byte 52 is cb[1].
  auto inCb = btf->memberAt(skb, 384 + 32);
  REQUIRE(inCb.size() == 1);
  CHECK(inCb[0].member->name == "cb");
  // flow_keys sits in an anonymous union at bit 1152 (__bpf_md_ptr).
  auto flow = btf->memberAt(skb, 1152);
  REQUIRE(flow.size() == 2);
  CHECK(flow[0].member->name.empty());
  CHECK(btf->type(flow[0].member->type).kind == Kind::Union);
  CHECK(flow[1].member->name == "flow_keys");
  CHECK(flow[1].bitOffset == 1152);
  auto byName = btf->memberByName(skb, "flow_keys");
  REQUIRE(byName.size() == 2);
  CHECK(byName[1].bitOffset == 1152);
  // Past the end: nothing.
  CHECK(btf->memberAt(skb, 192 * 8).empty());
}

TEST_CASE("findByName is indexed and includes every kind", "[btf][query]") {
  auto btf = shippedVmlinux();
  auto ids = btf->findByName("task_struct");
  REQUIRE_FALSE(ids.empty());
  for (TypeId id : ids)
    CHECK(btf->type(id).name == "task_struct");
  CHECK(btf->findByNameKind("task_struct", Kind::Struct) == 114u); // bpftool: [114]
  CHECK(btf->findByName("no_such_type_anywhere").empty());
  // Every named type is found under its own name.
  size_t checked = 0;
  for (TypeId id = 1; id < btf->endId(); id += 97) {
    const Type &t = btf->type(id);
    if (t.name.empty())
      continue;
    auto found = btf->findByName(llvm::StringRef(t.name.data(), t.name.size()));
    CHECK(std::find(found.begin(), found.end(), id) != found.end());
    ++checked;
  }
  CHECK(checked > 500);
}

TEST_CASE("decl tags are indexed by target", "[btf][query]") {
  auto btf = shippedVmlinux();
  // bpftool: [48052] DECL_TAG 'bpf_kfunc' type_id=48051 component_idx=-1.
  auto tags = btf->declTagsOf(48051);
  REQUIRE(tags.size() >= 1);
  CHECK(btf->type(tags[0]).name == "bpf_kfunc");
  CHECK(btf->type(48051).kind == Kind::Func);
  CHECK(btf->declTagsOf(48051, 0).empty());
  CHECK(btf->declTagsOf(1).empty());
}

TEST_CASE("function prototypes keep parameter names", "[btf][query]") {
  auto btf = shippedVmlinux();
  auto func = btf->findByNameKind("tcp_sendmsg", Kind::Func);
  REQUIRE(func);
  const Type &proto = btf->type(btf->type(*func).type);
  REQUIRE(proto.kind == Kind::FuncProto);
  REQUIRE(proto.params.size() == 3);
  CHECK(proto.params[0].name == "sk");
  CHECK(proto.params[1].name == "msg");
  CHECK(proto.params[2].name == "size");
  CHECK(btf->typeToC(*func) == "int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size)");
}

TEST_CASE("typeToC matches bpftool's vmlinux.h member declarations", "[btf][print]") {
  auto btf = shippedVmlinux();
  auto header = llvm::MemoryBuffer::getFile(BPFVERIFY_SHIPPED_BTF_H);
  REQUIRE(header);
  llvm::StringRef text = (*header)->getBuffer();
  size_t compared = 0;
  std::vector<std::string> mismatches;
  for (const char *name : {"task_struct", "file_operations", "sk_buff", "bpf_map_ops", "net_device",
                           "bpf_prog", "xdp_md", "inode", "super_block", "bpf_verifier_env"}) {
    std::string open = "\nstruct " + std::string(name) + " {\n";
    size_t at = text.find(open);
    REQUIRE(at != llvm::StringRef::npos);
    llvm::StringRef body = text.substr(at + open.size());
    body = body.substr(0, body.find("\n};\n"));
    // Our rendering of every member.
    std::set<std::string> ours;
    TypeId id = idOf(*btf, "struct " + std::string(name));
    for (const Member &m : btf->type(id).members) {
      std::string decl = btf->declToC(m.type, llvm::StringRef(m.name.data(), m.name.size()));
      if (m.bitfieldSize)
        decl += ": " + std::to_string(m.bitfieldSize);
      ours.insert(decl + ";");
    }
    llvm::SmallVector<llvm::StringRef> lines;
    body.split(lines, '\n');
    for (llvm::StringRef line : lines) {
      // Only one-line declarations of direct members; skip padding bpftool adds.
      if (!line.starts_with("\t") || line.starts_with("\t\t") || line.contains('{') ||
          line.contains('}') || line.contains("long: ") || line.contains("int: "))
        continue;
      std::string decl = line.trim().str();
      // bpftool writes "T * (*f)(...)" where C style is "T *(*f)(...)".
      for (size_t pos; (pos = decl.find("* (")) != std::string::npos;)
        decl.replace(pos, 3, "*(");
      for (size_t pos; (pos = decl.find("* const")) != std::string::npos;)
        decl.replace(pos, 7, "*const");
      ++compared;
      if (!ours.count(decl))
        mismatches.push_back(std::string(name) + ": " + decl);
    }
  }
  for (size_t i = 0; i < mismatches.size() && i < 20; ++i)
    UNSCOPED_INFO(mismatches[i]);
  INFO("first mismatches: " << (mismatches.empty() ? "" : mismatches[0]) << " | "
                            << (mismatches.size() > 1 ? mismatches[1] : ""));
  CHECK(mismatches.empty());
  CHECK(compared > 500);
}

TEST_CASE("typeToC of pointers, arrays and function pointers", "[btf][print]") {
  auto btf = shippedVmlinux();
  TypeId task = idOf(*btf, "struct task_struct");
  // The PTR to task_struct.
  std::optional<TypeId> ptr;
  for (TypeId id = 1; id < btf->endId() && !ptr; ++id)
    if (btf->type(id).kind == Kind::Ptr && btf->type(id).type == task)
      ptr = id;
  REQUIRE(ptr);
  CHECK(btf->typeToC(*ptr) == "struct task_struct *");
  CHECK(btf->declToC(*ptr, "p") == "struct task_struct *p");
  TypeId skb = idOf(*btf, "struct __sk_buff");
  auto cb = btf->memberByName(skb, "cb");
  CHECK(btf->typeToC(cb[0].member->type) == "__u32[5]");
  auto fops = idOf(*btf, "struct file_operations");
  auto read = btf->memberByName(fops, "read");
  REQUIRE(read.size() == 1);
  CHECK(btf->typeToC(read[0].member->type) ==
        "ssize_t (*)(struct file *, char *, size_t, loff_t *)");
  auto flow = btf->memberAt(skb, 1152);
  CHECK(btf->typeToC(flow[0].member->type) == "union { struct bpf_flow_keys *flow_keys; }");
}

TEST_CASE("queries on a hand-built blob", "[btf][query]") {
  BlobBuilder b;
  b.intType("int", 4, 32, 1)                                // [1]
      .intType("char", 1, 8, 2)                             // [2]
      .array(2, 1, 3)                                       // [3] char[3]
      .array(3, 1, 2)                                       // [4] char[2][3]
      .ref(KConst, 2)                                       // [5] const char
      .ref(KPtr, 5)                                         // [6] const char *
      .ref(KConst, 6)                                       // [7] const char *const
      .proto(6, {{"a", 1}, {"", 0}})                        // [8] const char *(int, ...)
      .ref(KPtr, 8)                                         // [9] pointer to [8]
      .aggregate(KStruct, "", 4, {{"x", 1, 0}})             // [10] anonymous struct
      .aggregate(KUnion, "", 4, {{"u", 1, 0}, {"c", 2, 0}}) // [11] anonymous union
      .aggregate(KStruct, "outer", 24,                      // [12]
                 {{"", 10, 0}, {"", 11, 32}, {"name", 4, 64}, {"cb", 9, 128}})
      .aggregate(KStruct, "packed", 5, {{"c", 2, 0}, {"i", 1, 8}}) // [13]
      .aggregate(KStruct, "bits", 4, {{"lo", 1, (3u << 24) | 0}, {"hi", 1, (5u << 24) | 3}},
                 true)      // [14]
      .ref(KPtr, 4)         // [15] char (*)[2][3]
      .declTag("k", 12, 2); // [16]
  auto parsed = Btf::parse(b.build(), "q.btf");
  if (!parsed)
    FAIL(errorMessage(parsed.takeError()));
  const Btf &btf = **parsed;
  auto size = [&](TypeId id) {
    auto s = btf.sizeOf(id);
    REQUIRE(static_cast<bool>(s));
    return *s;
  };
  CHECK(size(4) == 6);
  CHECK(size(12) == 24);
  CHECK(size(7) == 8);
  CHECK(btf.alignOf(4) == 1);
  CHECK(btf.alignOf(12) == 8);
  CHECK(btf.alignOf(13) == 1); // int at byte 1: packed
  CHECK(btf.skipModifiers(7) == 6);
  CHECK(btf.typeToC(4) == "char[2][3]");
  CHECK(btf.typeToC(7) == "const char *const");
  CHECK(btf.typeToC(9) == "const char *(*)(int a, ...)");
  CHECK(btf.declToC(9, "cb") == "const char *(*cb)(int a, ...)");
  CHECK(btf.declToC(15, "p") == "char (*p)[2][3]");
  CHECK(btf.typeToC(11) == "union { int u; char c; }");
  CHECK(btf.typeToC(14) == "struct bits");
  // Members through anonymous struct and union.
  auto x = btf.memberAt(12, 0);
  REQUIRE(x.size() == 2);
  CHECK(x[1].member->name == "x");
  auto u = btf.memberAt(12, 32 + 4);
  REQUIRE(u.size() == 2);
  CHECK(u[1].member->name == "u"); // the first union member covering the bits
  CHECK(u[1].bitOffset == 32);
  auto c = btf.memberByName(12, "c");
  REQUIRE(c.size() == 2);
  CHECK(c[0].index == 1);
  CHECK(c[1].bitOffset == 32);
  auto name = btf.memberAt(12, 64 + 5 * 8);
  REQUIRE(name.size() == 1);
  CHECK(name[0].member->name == "name");
  CHECK(btf.memberAt(12, 120).empty()); // padding
  auto hi = btf.memberAt(14, 4);
  REQUIRE(hi.size() == 1);
  CHECK(hi[0].member->name == "hi");
  CHECK(hi[0].member->bitfieldSize == 5);
  CHECK(btf.declTagsOf(12, 2) == std::vector<TypeId>{16});
  CHECK(btf.declTagsOf(12).empty());
  CHECK(btf.findByCName("struct outer") == 12u);
  CHECK_FALSE(btf.findByCName("union outer").has_value());
  CHECK(btf.string(btf.stringEnd()).empty());
  CHECK(btf.tryType(16) == &btf.type(16));
  CHECK(btf.tryType(17) == nullptr);
}

// The PrintContext built from the loader's model: map names and sizes from object::Map, type
// names from btf::Btf (btf_type_name: the type's own name, no modifiers skipped).

#include "verifier/log/print_context.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

using namespace bpfverify;
using namespace bpfverify::verifier;

namespace {

void put32(std::vector<uint8_t> &out, uint32_t v) {
  for (int i = 0; i < 4; i++)
    out.push_back(uint8_t(v >> (8 * i)));
}

/// A raw BTF blob: [1] STRUCT 'task_struct' size 8, [2] PTR -> [1], [3] STRUCT 'bpf_iter_num'.
std::vector<uint8_t> tinyBtf() {
  const char strs[] = "\0task_struct\0bpf_iter_num";
  std::vector<uint8_t> types;
  put32(types, 1);        // name_off "task_struct"
  put32(types, 4u << 24); // STRUCT, vlen 0
  put32(types, 8);        // size
  put32(types, 0);        // anonymous
  put32(types, 2u << 24); // PTR
  put32(types, 1);        // -> [1]
  put32(types, 13);       // "bpf_iter_num"
  put32(types, 4u << 24);
  put32(types, 8);
  std::vector<uint8_t> blob;
  blob.push_back(0x9f);
  blob.push_back(0xeb); // BTF_MAGIC 0xeB9F, little endian
  blob.push_back(1);    // version
  blob.push_back(0);    // flags
  put32(blob, 24);      // hdr_len
  put32(blob, 0);       // type_off
  put32(blob, uint32_t(types.size()));
  put32(blob, uint32_t(types.size())); // str_off
  put32(blob, sizeof(strs));
  blob.insert(blob.end(), types.begin(), types.end());
  blob.insert(blob.end(), strs, strs + sizeof(strs));
  return blob;
}

} // namespace

TEST_CASE("object maps and BTF types through the default PrintContext", "[print][context]") {
  std::vector<uint8_t> raw = tinyBtf();
  auto parsed = btf::Btf::parse(raw, "tiny");
  REQUIRE(bool(parsed));
  const btf::Btf &b = **parsed;
  PrintContext ctx = objectPrintContext();

  object::Map map;
  map.name = "counters";
  map.keySize = 4;
  map.valueSize = 8;
  RegState mp;
  markPtrKnownZero(mp, RegType(RegBase::ConstPtrToMap));
  mp.map = &map;
  // linfo.bpf.o: 9: (18) r1 = 0x... ; frame1: R1=map_ptr(map=counters,ks=4,vs=8)
  CHECK(formatReg(mp, ctx) == "map_ptr(map=counters,ks=4,vs=8)");

  RegState task;
  markPtrKnownZero(task, RegType(RegBase::PtrToBtfId, PTR_TRUSTED));
  task.btf = &b;
  task.btfId = 1;
  CHECK(formatReg(task, ctx) == "trusted_ptr_task_struct()");
  // An anonymous type prints an empty name, as btf_name_by_offset(0) is "".
  task.btfId = 2;
  CHECK(formatReg(task, ctx) == "trusted_ptr_()");

  FuncState f;
  for (auto &r : f.regs)
    markRegNotInit(r);
  f.stack.resize(1);
  f.stack[0].slotType.fill(SlotType::Iter);
  f.stack[0].spilledPtr.btf = &b;
  f.stack[0].spilledPtr.btfId = 3;
  f.stack[0].spilledPtr.refObjId = 1;
  f.stack[0].spilledPtr.iterState = IterState::Drained;
  f.stack[0].spilledPtr.iterDepth = 2;
  VerifierState st;
  st.frames.push_back(f);
  CHECK(formatFuncState(st, 0, true, {}, ctx) ==
        " fp-8=iter_num(ref_id=1,state=drained,depth=2)\n");
  // iter_type_str without BTF.
  st.frames[0].stack[0].spilledPtr.btf = nullptr;
  CHECK(formatFuncState(st, 0, true, {}, ctx) ==
        " fp-8=iter_<invalid>(ref_id=1,state=drained,depth=2)\n");
}

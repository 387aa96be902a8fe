// print_reg_state: every expected string is copied from a log_level 2 log of Linux 6.18.44
// (this machine's kernel). The programs were raw instruction arrays loaded with BPF_PROG_LOAD
// as root (socket filter unless noted); each test names the program and instruction.

#include "builders.h"

#include "lib/object/object.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::verifier;
using namespace bpfverify::verifier::testing;

namespace {

object::Map makeMap(const char *name, uint32_t keySize, uint32_t valueSize) {
  object::Map m;
  m.name = name;
  m.keySize = keySize;
  m.valueSize = valueSize;
  return m;
}

/// Maps created by the recording program: BPF_MAP_CREATE with these names and sizes.
struct Maps {
  object::Map hmap = makeMap("hmap", 4, 48);
  object::Map vals = makeMap("vals", 4, 48);
  object::Map noname = makeMap("", 8, 16);
  object::Map rb = makeMap("rb", 0, 0);
};

PrintContext context() {
  PrintContext ctx;
  ctx.describeMap = [](const object::Map &m) { return MapDesc{m.name, m.keySize, m.valueSize}; };
  ctx.btfTypeName = [](const btf::Btf &, uint32_t id) {
    return id == 1 ? std::string("task_struct") : std::string("bpf_iter_num");
  };
  return ctx;
}

RegState mapReg(RegBase base, const object::Map &map, uint32_t flags = 0) {
  RegState r = pointer(base, flags);
  r.map = &map;
  return r;
}

} // namespace

TEST_CASE("constant scalars print as numbers", "[print][reg]") {
  PrintContext ctx = context();
  // "scalars": 1: r0 = 5 ; R0=5   2: r2 = -5 ; R2=-5
  CHECK(formatReg(known(5), ctx) == "5");
  CHECK(formatReg(known(uint64_t(-5)), ctx) == "-5");
  // 7: r5 = 0x123456789 ; R5=0x123456789   13: r9 = 0xfffffffedcba9877 ; R9=0xfffffffedcba9877
  CHECK(formatReg(known(0x123456789ULL), ctx) == "0x123456789");
  CHECK(formatReg(known(0xfffffffedcba9877ULL), ctx) == "0xfffffffedcba9877");
  // reloc_calls.bpf.o global_helper 21: w0 = -10 ; R0=0xfffffff6
  CHECK(formatReg(known(0xfffffff6ULL), ctx) == "0xfffffff6");
  // "failcall" mark_precise parent state: fp-8=P3 (a precise spilled constant)
  RegState three = known(3);
  three.precise = true;
  CHECK(formatReg(three, ctx) == "P3");
  RegState zero = known(0);
  CHECK(formatReg(zero, ctx) == "0");
  // A constant never shows its id: print_reg_state returns before the attribute list.
  RegState linkedConst = known(5);
  linkedConst.id = 2;
  CHECK(formatReg(linkedConst, ctx) == "5");
}

TEST_CASE("scalar ranges, ids and linked-register deltas", "[print][reg]") {
  PrintContext ctx = context();
  // "scalars": 3: r3 = *(u32 *)(r6 +0)
  CHECK(formatReg(scalar(u32Unknown()), ctx) ==
        "scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))");
  // "dynptr": 12: R0=scalar()
  CHECK(formatReg(unknownScalar(), ctx) == "scalar()");
  // "scalars": 5: r4 = r3 ; R3=scalar(id=1,...)
  ScalarBounds byte = smallRange({0, 0xff}, 0, 255);
  CHECK(formatReg(scalar(byte, 1), ctx) ==
        "scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))");
  // 6: r4 -= 100 ; R4=scalar(id=1-100,smin=smin32=-100,smax=smax32=155)
  ScalarBounds minus =
      bounds(domain::tnumUnknown(), -100, 155, 0, domain::U64Max, -100, 155, 0, domain::U32Max);
  CHECK(formatReg(scalar(minus, 1 | BPF_ADD_CONST, -100), ctx) ==
        "scalar(id=1-100,smin=smin32=-100,smax=smax32=155)");
  // 10: r7 += 65536
  ScalarBounds big = smallRange({0x10000, 0xff}, 0x10000, 0x100ff);
  CHECK(formatReg(scalar(big, 1 | BPF_ADD_CONST, 65536), ctx) ==
        "scalar(id=1+65536,smin=umin=smin32=umin32=0x10000,smax=umax=smax32=umax32=0x100ff,"
        "var_off=(0x10000; 0xff))");
  // 12: r8 += 5
  ScalarBounds plus5 = smallRange({0, 0x1ff}, 5, 260);
  CHECK(formatReg(scalar(plus5, 1 | BPF_ADD_CONST, 5), ctx) ==
        "scalar(id=1+5,smin=umin=smin32=umin32=5,smax=umax=smax32=umax32=260,var_off=(0x0; "
        "0x1ff))");
  // from 15 to 18: R3=scalar(id=1,smin=umin=smin32=umin32=11,...)
  ScalarBounds above10 = smallRange({0, 0xff}, 11, 255);
  CHECK(formatReg(scalar(above10, 1), ctx) ==
        "scalar(id=1,smin=umin=smin32=umin32=11,smax=umax=smax32=umax32=255,var_off=(0x0; "
        "0xff))");
  // example_map_oob.bpf.o mark_precise parent state: R1=Pscalar(...)
  RegState precise = scalar(u32Unknown());
  precise.precise = true;
  CHECK(formatReg(precise, ctx) ==
        "Pscalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))");
}

TEST_CASE("context, stack and packet pointers", "[print][reg]") {
  PrintContext ctx = context();
  // Every program: 0: R1=ctx() R10=fp0
  CHECK(formatReg(ctxPtr(), ctx) == "ctx()");
  CHECK(formatReg(fp(0), ctx) == "fp0");
  // "stack": 8: r4 += -40 ; R4=fp-40
  CHECK(formatReg(fp(-40), ctx) == "fp-40");
  // "call": callee: frame1: R1=fp[0]-8 R10=fp0 (a pointer into the caller's frame)
  CHECK(formatReg(fp(-8, 0), ctx, 1) == "fp[0]-8");
  CHECK(formatReg(fp(0, 1), ctx, 1) == "fp0");
  // "failcall" mark_precise parent state of frame 0: R1=fp-8
  CHECK(formatReg(fp(-8, 0), ctx, 0) == "fp-8");
  // "stack": 15: r5 += r3 ; R5=fp(off=-32,smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0;
  // 0xf))
  RegState varFp = fp(-32);
  varFp.bounds = smallRange({0, 0xf}, 0, 15);
  CHECK(formatReg(varFp, ctx) ==
        "fp(off=-32,smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))");

  // "pkt" (sched_cls): 0: r2 = *(u32 *)(r1 +76) ; R2=pkt(r=0)   1: R3=pkt_end()
  RegState pkt = pointer(RegBase::PtrToPacket);
  CHECK(formatReg(pkt, ctx) == "pkt(r=0)");
  CHECK(formatReg(pointer(RegBase::PtrToPacketEnd), ctx) == "pkt_end()");
  // 3: r4 += 14 ; R4=pkt(off=14,r=0)   4: if r4 > r3 goto pc+1 ; R4=pkt(off=14,r=14)
  pkt.off = 14;
  CHECK(formatReg(pkt, ctx) == "pkt(off=14,r=0)");
  pkt.range = 14;
  CHECK(formatReg(pkt, ctx) == "pkt(off=14,r=14)");
  // from 4 to 6: R4=pkt(off=14,r=0xfffffffffffffffe): range BEYOND_PKT_END (-2)
  pkt.range = -2;
  CHECK(formatReg(pkt, ctx) == "pkt(off=14,r=0xfffffffffffffffe)");
  RegState meta = pointer(RegBase::PtrToPacketMeta);
  meta.range = 4;
  CHECK(formatReg(meta, ctx) == "pkt_meta(r=4)");
}

TEST_CASE("map pointers and map values", "[print][reg]") {
  PrintContext ctx = context();
  Maps maps;
  // "maps": 3: r1 = <hmap> ; R1=map_ptr(map=hmap,ks=4,vs=48)
  CHECK(formatReg(mapReg(RegBase::ConstPtrToMap, maps.hmap), ctx) ==
        "map_ptr(map=hmap,ks=4,vs=48)");
  // 5: call bpf_map_lookup_elem#1 ; R0=map_value_or_null(id=1,map=hmap,ks=4,vs=48)
  RegState v = mapReg(RegBase::PtrToMapValue, maps.hmap, PTR_MAYBE_NULL);
  v.id = 1;
  CHECK(formatReg(v, ctx) == "map_value_or_null(id=1,map=hmap,ks=4,vs=48)");
  // 6: if r0 == 0x0 goto pc+7 ; R0=map_value(map=hmap,ks=4,vs=48)
  v = mapReg(RegBase::PtrToMapValue, maps.hmap);
  CHECK(formatReg(v, ctx) == "map_value(map=hmap,ks=4,vs=48)");
  // 7: r0 += 8 ; R0=map_value(map=hmap,ks=4,vs=48,off=8)
  v.off = 8;
  CHECK(formatReg(v, ctx) == "map_value(map=hmap,ks=4,vs=48,off=8)");
  // 10: r0 += r1 ; 11: R0=map_value(map=hmap,ks=4,vs=48,off=8,smin=smin32=0,...,var_off=(0x0;
  // 0x1f))
  v.bounds = smallRange({0, 0x1f}, 0, 31);
  CHECK(formatReg(v, ctx) == "map_value(map=hmap,ks=4,vs=48,off=8,smin=smin32=0,smax=umax=smax32="
                             "umax32=31,var_off=(0x0; 0x1f))");
  // "maps2": a map created without a name: R1=map_ptr(ks=8,vs=16),
  // R0=map_value_or_null(id=1,ks=8,vs=16)
  CHECK(formatReg(mapReg(RegBase::ConstPtrToMap, maps.noname), ctx) == "map_ptr(ks=8,vs=16)");
  RegState n = mapReg(RegBase::PtrToMapValue, maps.noname, PTR_MAYBE_NULL);
  n.id = 1;
  CHECK(formatReg(n, ctx) == "map_value_or_null(id=1,ks=8,vs=16)");
  // "ringbuf": 0: R1=map_ptr(map=rb,ks=0,vs=0)
  CHECK(formatReg(mapReg(RegBase::ConstPtrToMap, maps.rb), ctx) == "map_ptr(map=rb,ks=0,vs=0)");
  // The kernel keeps BPF_OBJ_NAME_LEN - 1 = 15 characters of a map name.
  object::Map longName = makeMap("a_map_name_longer_than_15", 4, 8);
  CHECK(formatReg(mapReg(RegBase::ConstPtrToMap, longName), ctx) ==
        "map_ptr(map=a_map_name_long,ks=4,vs=8)");
  // A constant part of a pointer's offset that is not in `off` (reg->var_off.value != 0).
  RegState imm = mapReg(RegBase::PtrToMapValue, maps.vals);
  imm.bounds = ScalarBounds::known(16);
  CHECK(formatReg(imm, ctx) == "map_value(map=vals,ks=4,vs=48,imm=16)");
}

TEST_CASE("memory, BTF and reference-carrying pointers", "[print][reg]") {
  PrintContext ctx = context();
  // "ringbuf": 4: call bpf_ringbuf_reserve#131 ; R0=ringbuf_mem_or_null(id=2,ref_obj_id=2,sz=8)
  RegState mem = pointer(RegBase::PtrToMem, MEM_RINGBUF | PTR_MAYBE_NULL);
  mem.id = 2;
  mem.refObjId = 2;
  mem.memSize = 8;
  CHECK(formatReg(mem, ctx) == "ringbuf_mem_or_null(id=2,ref_obj_id=2,sz=8)");
  // 5: if r0 == 0x0 goto pc+4 ; R0=ringbuf_mem(ref_obj_id=2,sz=8)
  mem.type = RegType(RegBase::PtrToMem, MEM_RINGBUF);
  mem.id = 0;
  CHECK(formatReg(mem, ctx) == "ringbuf_mem(ref_obj_id=2,sz=8)");
  // "btf" (kprobe): 0: call bpf_get_current_task_btf#158 ; R0=trusted_ptr_task_struct()
  RegState task = pointer(RegBase::PtrToBtfId, PTR_TRUSTED);
  static const int fakeBtf = 0; // only its address matters: the callback names the type
  task.btf = reinterpret_cast<const btf::Btf *>(&fakeBtf);
  task.btfId = 1;
  CHECK(formatReg(task, ctx) == "trusted_ptr_task_struct()");
  // Nullable BTF pointers put "or_null_" between "ptr_" and the type name (reg_type_str).
  task.type = RegType(RegBase::PtrToBtfId, PTR_MAYBE_NULL);
  task.id = 3;
  CHECK(formatReg(task, ctx) == "ptr_or_null_task_struct(id=3)");
  // Allocated objects owned elsewhere: non_own_ref (type_is_non_owning_ref).
  RegState node = pointer(RegBase::PtrToBtfId, MEM_ALLOC | NON_OWN_REF);
  node.btf = task.btf;
  node.btfId = 1;
  node.off = 16;
  CHECK(formatReg(node, ctx) == "ptr_task_struct(non_own_ref,off=16)");
  // CONST_PTR_TO_DYNPTR shows its dynptr type; PTR_TO_ARENA shows nothing more.
  RegState dyn = pointer(RegBase::ConstPtrToDynptr);
  dyn.dynptrType = DynptrType::Local;
  dyn.id = 4;
  CHECK(formatReg(dyn, ctx) == "dynptr_ptr(id=4,type=local)");
  RegState arena = pointer(RegBase::PtrToArena);
  CHECK(formatReg(arena, ctx) == "arena");
}

TEST_CASE("register and stack masks", "[print][mask]") {
  // "failcall": mark_precise: frame1: regs=r0 stack= before 10: ...;
  // mark_precise: frame0: regs= stack=-8 before 6: ...
  CHECK(formatRegMask(1u << 0) == "r0");
  CHECK(formatRegMask(0) == "");
  CHECK(formatRegMask((1u << 1) | (1u << 6)) == "r1,r6");
  CHECK(formatStackMask(1) == "-8");
  // "dynptr": (0) frame 0 insn 11 +written -16,-24
  CHECK(formatStackMask(0x6) == "-16,-24");
  // All 64 slots fit the kernel's 320-byte buffer (306 characters).
  std::string all = formatStackMask(~uint64_t(0));
  CHECK(all.size() == 306);
  CHECK(all.rfind("-8,-16,-24,", 0) == 0);
  CHECK(all.substr(all.size() - 9) == "-504,-512");
}

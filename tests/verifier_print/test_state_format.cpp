// print_verifier_state: registers, stack slots, references and frames, against lines copied
// from log_level 2 logs of Linux 6.18.44 (this machine's kernel) for raw programs loaded as root
// (socket filters unless noted). Each test names the program and the instruction.

#include "replays.h"

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

PrintContext context() {
  PrintContext ctx;
  ctx.describeMap = [](const object::Map &m) { return MapDesc{m.name, m.keySize, m.valueSize}; };
  ctx.btfTypeName = [](const btf::Btf &, uint32_t) { return std::string("bpf_iter_num"); };
  return ctx;
}

Scratched only(std::initializer_list<uint32_t> regs, std::initializer_list<uint32_t> slots) {
  Scratched s;
  for (uint32_t r : regs)
    s.markReg(r);
  for (uint32_t spi : slots)
    s.markStackSlot(spi);
  return s;
}

VerifierState oneFrame(FuncState f) {
  VerifierState st;
  st.frames.push_back(std::move(f));
  return st;
}

} // namespace

TEST_CASE("scratched registers and slots after each instruction", "[print][state]") {
  PrintContext ctx = context();
  VerifierState st = stackProgramState();
  // 0: (7b) *(u64 *)(r10 -8) = r1         ; R1=ctx() R10=fp0 fp-8=ctx()
  CHECK(formatFuncState(st, 0, false, only({1, 10}, {0}), ctx) == " R1=ctx() R10=fp0 fp-8=ctx()\n");
  // 2: (7b) *(u64 *)(r10 -16) = r2        ; R2=7 R10=fp0 fp-16=7
  CHECK(formatFuncState(st, 0, false, only({2, 10}, {1}), ctx) == " R2=7 R10=fp0 fp-16=7\n");
  // 3: (62) *(u32 *)(r10 -24) = 0         ; R10=fp0 fp-24=????0
  CHECK(formatFuncState(st, 0, false, only({10}, {2}), ctx) == " R10=fp0 fp-24=????0\n");
  // 6: (63) *(u32 *)(r10 -32) = r3        ; ... R10=fp0 fp-32=m???scalar(id=1,...)
  CHECK(formatFuncState(st, 0, false, only({10}, {3}), ctx) ==
        " R10=fp0 fp-32=m???scalar(id=1,smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n");
  // 9: (7b) *(u64 *)(r10 -48) = r4        ; R4=fp-40 R10=fp0 fp-48=fp-40
  CHECK(formatFuncState(st, 0, false, only({4, 10}, {5}), ctx) ==
        " R4=fp-40 R10=fp0 fp-48=fp-40\n");
  // 10: (7a) *(u64 *)(r10 -56) = 0        ; R10=fp0 fp-56=0
  CHECK(formatFuncState(st, 0, false, only({10}, {6}), ctx) == " R10=fp0 fp-56=0\n");
  // 11: (7b) *(u64 *)(r10 -64) = r3       ; ... fp-64=scalar(id=1,...)
  CHECK(formatFuncState(st, 0, false, only({}, {7}), ctx) ==
        " fp-64=scalar(id=1,smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n");
  // 16: (6a) *(u16 *)(r10 -70) = 4660     ; R10=fp0 fp-72=????mm??
  CHECK(formatFuncState(st, 0, false, only({10}, {8}), ctx) == " R10=fp0 fp-72=????mm??\n");
  // 17: (79) r6 = *(u64 *)(r10 -8)        ; R6=ctx() R10=fp0 fp-8=ctx()
  CHECK(formatFuncState(st, 0, false, only({6, 10}, {0}), ctx) == " R6=ctx() R10=fp0 fp-8=ctx()\n");
  // A scratched slot that was never written prints nothing (slot 4, fp-40), nor do scratched
  // uninitialised registers: the line is just "\n" ("ringbuf" 8: (85) call
  // bpf_ringbuf_discard#133          ; -- R0-R5 scratched and cleared by the call).
  CHECK(formatFuncState(st, 0, false, only({0, 3, 5}, {4}), ctx) == "\n");
}

TEST_CASE("the full state of a branch target", "[print][state]") {
  PrintContext ctx = context();
  object::Map vals = makeMap("vals", 4, 48);
  object::Map noname = makeMap("", 8, 16);
  // "maps2": from 13 to 15: R0=map_value(ks=8,vs=16) R6=map_value(map=vals,ks=4,vs=48) R10=fp0
  // fp-8=0000???? fp-16=0
  FuncState f = frame(0, 2);
  f.regs[0] = pointer(RegBase::PtrToMapValue);
  f.regs[0].map = &noname;
  f.regs[6] = pointer(RegBase::PtrToMapValue);
  f.regs[6].map = &vals;
  f.stack[0] = rawSlot("0000????");
  f.stack[1] = spill(known(0));
  VerifierState st = oneFrame(std::move(f));
  // print_all ignores the scratched masks.
  CHECK(formatFuncState(st, 0, true, Scratched{}, ctx) ==
        " R0=map_value(ks=8,vs=16) R6=map_value(map=vals,ks=4,vs=48) R10=fp0 fp-8=0000???? "
        "fp-16=0\n");
  // "stack": 5: (73) *(u8 *)(r10 -25) = r3 ; ... fp-32=m???????
  FuncState g = frame(0, 4);
  g.stack[3] = rawSlot("m???????");
  CHECK(formatFuncState(oneFrame(std::move(g)), 0, true, {}, ctx) == " R10=fp0 fp-32=m???????\n");
}

TEST_CASE("references, dynptr and iterator slots", "[print][state]") {
  PrintContext ctx = context();
  // "tworefs": 12: (b7) r0 = 0 ; R0=0 refs=2,4
  FuncState f = frame();
  f.regs[0] = known(0);
  VerifierState st = oneFrame(std::move(f));
  st.refs.push_back(RefState{RefType::Ptr, 2, 4, nullptr});
  st.refs.push_back(RefState{RefType::Ptr, 4, 10, nullptr});
  CHECK(formatFuncState(st, 0, false, only({0}, {}), ctx) == " R0=0 refs=2,4\n");
  // "leak" / "ringbuf": 5: R0=ringbuf_mem_or_null(id=2,ref_obj_id=2,sz=8) refs=2
  st.refs.pop_back();
  CHECK(formatFuncState(st, 0, false, only({}, {}), ctx) == " refs=2\n");

  // "dynptr": 11: call bpf_dynptr_from_mem#197 (r4 = fp-24)
  //   12: R0=scalar() fp-24=dynptr_local(id=1,dynptr_id=1)
  FuncState d = frame(0, 3);
  d.regs[0] = unknownScalar();
  d.stack[0] = rawSlot("0000????");
  for (int spi : {1, 2}) {
    StackSlot s = rawSlot("dddddddd");
    s.spilledPtr = pointer(RegBase::ConstPtrToDynptr);
    s.spilledPtr.dynptrType = DynptrType::Local;
    s.spilledPtr.id = 1; // dynptr_id=1 is the first_slot byte seen through the union
    s.spilledPtr.dynptrFirstSlot = spi == 2;
    d.stack[size_t(spi)] = s;
  }
  // mark_stack_slots_dynptr scratches both slots.
  CHECK(formatFuncState(oneFrame(d), 0, false, only({0}, {1, 2}), ctx) ==
        " R0=scalar() fp-24=dynptr_local(id=1,dynptr_id=1)\n");

  // "iter": 4: call bpf_iter_num_new#64242 ; R0=scalar()
  //   fp-8=iter_num(ref_id=1,state=active,depth=0) refs=1
  FuncState it = frame(0, 1);
  it.regs[0] = unknownScalar();
  StackSlot s = rawSlot("iiiiiiii");
  s.spilledPtr = pointer(RegBase::PtrToStack); // the type does not matter to the printer
  static const int fakeBtf = 0;
  s.spilledPtr.btf = reinterpret_cast<const btf::Btf *>(&fakeBtf);
  s.spilledPtr.btfId = 14179; // STRUCT 'bpf_iter_num' in this kernel's BTF
  s.spilledPtr.refObjId = 1;
  s.spilledPtr.iterState = IterState::Active;
  it.stack[0] = s;
  VerifierState ist = oneFrame(std::move(it));
  ist.refs.push_back(RefState{RefType::Ptr, 1, 4, nullptr});
  CHECK(formatFuncState(ist, 0, false, only({0}, {0}), ctx) ==
        " R0=scalar() fp-8=iter_num(ref_id=1,state=active,depth=0) refs=1\n");
  // An iterator's second slot (no ref_obj_id) prints nothing; "iter" 7: after
  // bpf_iter_num_destroy the slots are STACK_INVALID again ("...#64239       ;").
  ist.frames[0].stack[0].spilledPtr.refObjId = 0;
  CHECK(formatFuncState(ist, 0, false, only({}, {0}), ctx) == " refs=1\n");
}

TEST_CASE("frames of a bpf-to-bpf call", "[print][state]") {
  PrintContext ctx = context();
  // "call": 0: r6 = 3  1: *(u64 *)(r10 -8) = r6  2: r1 = r10  3: r1 += -8  4: call pc+2
  //   7: r0 = *(u64 *)(r1 +0)  8: *(u64 *)(r10 -8) = 1  9: r2 = r10  10: exit
  VerifierState st;
  st.frames.push_back(frame(0, 1));
  st.frames[0].regs[0] = known(3); // prepare_func_exit copied R0 before printing
  st.frames[0].regs[6] = known(3);
  st.frames[0].stack[0] = spill(known(3));
  st.frames.push_back(frame(1, 1));
  st.frames[1].callsite = 4;
  st.frames[1].regs[0] = known(3);
  st.frames[1].regs[1] = fp(-8, 0);
  st.frames[1].regs[2] = fp(0, 1);
  st.frames[1].stack[0] = spill(known(1));
  st.curframe = 1;
  // returning from callee:
  //  frame1: R0=3 R1=fp[0]-8 R2=fp0 R10=fp0 fp-8=1
  // to caller at 5:
  //  R0=3 R6=3 R10=fp0 fp-8=3
  CHECK(formatFuncState(st, 1, true, {}, ctx) ==
        " frame1: R0=3 R1=fp[0]-8 R2=fp0 R10=fp0 fp-8=1\n");
  CHECK(formatFuncState(st, 0, true, {}, ctx) == " R0=3 R6=3 R10=fp0 fp-8=3\n");
  // 7: (79) r0 = *(u64 *)(r1 +0)          ; frame1: R0=3 R1=fp[0]-8
  CHECK(formatFuncState(st, 1, false, only({0, 1}, {}), ctx) == " frame1: R0=3 R1=fp[0]-8\n");

  // loop.bpf.o (bpf_loop callback): from 5 to 8: frame1: R1=scalar() R2=0 R10=fp0 cb
  VerifierState cb;
  cb.frames.push_back(frame(0));
  cb.frames.push_back(frame(1));
  cb.frames[1].regs[1] = unknownScalar();
  cb.frames[1].regs[2] = known(0);
  cb.frames[1].inCallbackFn = true;
  cb.curframe = 1;
  CHECK(formatFuncState(cb, 1, true, {}, ctx) == " frame1: R1=scalar() R2=0 R10=fp0 cb\n");
  cb.frames[1].inCallbackFn = false;
  cb.frames[1].inAsyncCallbackFn = true;
  CHECK(formatFuncState(cb, 1, true, {}, ctx) == " frame1: R1=scalar() R2=0 R10=fp0 async_cb\n");
  // loop.bpf.o: 1: (18) r2 = 0x6 ; R2=func()
  CHECK(formatReg(pointer(RegBase::PtrToFunc), ctx) == "func()");
}

TEST_CASE("printing a state clears the scratch marks only when not printing all",
          "[print][state]") {
  PrintContext ctx = context();
  VerifierState st = stackProgramState();
  VerifierLog log(2);
  Scratched s = only({1, 10}, {0});
  printVerifierState(log, st, 0, true, s, ctx);
  CHECK(s.any());
  printVerifierState(log, st, 0, false, s, ctx);
  CHECK_FALSE(s.any());
  CHECK(log.text() == " R1=ctx() R2=7 R4=fp-40 R6=ctx() R10=fp0 fp-8=ctx() fp-16=7 fp-24=????0 "
                      "fp-32=m???scalar(id=1,smin=0,smax=umax=0xffffffff,var_off=(0x0; "
                      "0xffffffff)) fp-48=fp-40 fp-56=0 fp-64=scalar(id=1,smin=0,smax=umax="
                      "0xffffffff,var_off=(0x0; 0xffffffff)) fp-72=????mm??\n"
                      " R1=ctx() R10=fp0 fp-8=ctx()\n");
}

// The recorded programs against the running kernel (hidden: run `test_verifier_print
// "[kernel]"` as root on Linux 6.18). Each program is loaded with BPF_PROG_LOAD and the text the
// printer produces for the hand-built states must appear in the kernel's log -- or, for the
// level-1 log of "fail", be the kernel's whole log.

#include "replays.h"

#include "btf/btf.h"
#include "lib/object/object.h"
#include "verifier/log/print_context.h"

#include <catch2/catch.hpp>

#include <linux/bpf.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <vector>

using namespace bpfverify;
using namespace bpfverify::verifier;
using namespace bpfverify::verifier::testing;

namespace {

bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  bpf_insn i{};
  i.code = code;
  i.dst_reg = dst;
  i.src_reg = src;
  i.off = off;
  i.imm = imm;
  return i;
}
bpf_insn movImm(uint8_t dst, int32_t imm) {
  return insn(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
}
bpf_insn movReg(uint8_t dst, uint8_t src) {
  return insn(BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0);
}
bpf_insn addImm(uint8_t dst, int32_t imm) {
  return insn(BPF_ALU64 | BPF_ADD | BPF_K, dst, 0, 0, imm);
}
bpf_insn ldx(uint8_t size, uint8_t dst, uint8_t src, int16_t off) {
  return insn(BPF_LDX | BPF_MEM | size, dst, src, off, 0);
}
bpf_insn stx(uint8_t size, uint8_t dst, uint8_t src, int16_t off) {
  return insn(BPF_STX | BPF_MEM | size, dst, src, off, 0);
}
bpf_insn st(uint8_t size, uint8_t dst, int16_t off, int32_t imm) {
  return insn(BPF_ST | BPF_MEM | size, dst, 0, off, imm);
}
bpf_insn exitInsn() {
  return insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

int createMap(uint32_t type, uint32_t keySize, uint32_t valueSize, uint32_t maxEntries,
              const char *name) {
  bpf_attr attr{};
  attr.map_type = type;
  attr.key_size = keySize;
  attr.value_size = valueSize;
  attr.max_entries = maxEntries;
  std::strncpy(attr.map_name, name, sizeof(attr.map_name) - 1);
  return int(syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)));
}

std::string load(const std::vector<bpf_insn> &insns, uint32_t type, uint32_t level) {
  std::vector<char> log(1 << 20);
  bpf_attr attr{};
  attr.prog_type = type;
  attr.insns = uint64_t(uintptr_t(insns.data()));
  attr.insn_cnt = uint32_t(insns.size());
  attr.license = uint64_t(uintptr_t("GPL"));
  attr.log_level = level;
  attr.log_buf = uint64_t(uintptr_t(log.data()));
  attr.log_size = uint32_t(log.size());
  long fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  if (fd >= 0)
    close(int(fd));
  return std::string(log.data());
}

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
  return ctx;
}

} // namespace

TEST_CASE("printed states appear in the running kernel's log", "[.][kernel]") {
  if (geteuid() != 0) {
    WARN("needs root to load programs");
    return;
  }
  const std::vector<bpf_insn> fail = {
      ldx(BPF_W, 3, 1, 0), insn(BPF_JMP | BPF_JGT | BPF_K, 3, 0, 2, 10),
      movImm(0, 0),        exitInsn(),
      movReg(0, 2),        exitInsn(),
  };
  SECTION("fail: the whole level-1 log, and the level-2 log after its preamble") {
    CHECK(load(fail, BPF_PROG_TYPE_SOCKET_FILTER, 1) == FailProgram().run(1));
    std::string live = load(fail, BPF_PROG_TYPE_SOCKET_FILTER, 2);
    std::string ours = FailProgram().run(2);
    REQUIRE(live.size() >= ours.size());
    CHECK(live.substr(live.size() - ours.size()) == ours);
  }
  SECTION("call: caller/callee and return blocks") {
    const std::vector<bpf_insn> call = {
        movImm(6, 3),
        stx(BPF_DW, 10, 6, -8),
        movReg(1, 10),
        addImm(1, -8),
        insn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
        movImm(0, 0),
        exitInsn(),
        ldx(BPF_DW, 0, 1, 0),
        st(BPF_DW, 10, -8, 1),
        movReg(2, 10),
        exitInsn(),
    };
    std::string live = load(call, BPF_PROG_TYPE_SOCKET_FILTER, 2);
    CHECK(live.find(callProgramLog()) != std::string::npos);
  }
  SECTION("stack: spills, sub-register spills, zero and misc bytes") {
    const std::vector<bpf_insn> stack = {
        stx(BPF_DW, 10, 1, -8),
        movImm(2, 7),
        stx(BPF_DW, 10, 2, -16),
        st(BPF_W, 10, -24, 0),
        ldx(BPF_W, 3, 1, 0),
        stx(BPF_B, 10, 3, -25),
        stx(BPF_W, 10, 3, -32),
        movReg(4, 10),
        addImm(4, -40),
        stx(BPF_DW, 10, 4, -48),
        st(BPF_DW, 10, -56, 0),
        stx(BPF_DW, 10, 3, -64),
        insn(BPF_ALU64 | BPF_AND | BPF_K, 3, 0, 0, 0xf),
        movReg(5, 10),
        addImm(5, -32),
        insn(BPF_ALU64 | BPF_ADD | BPF_X, 5, 3, 0, 0),
        st(BPF_H, 10, -70, 0x1234),
        ldx(BPF_DW, 6, 10, -8),
        movImm(0, 0),
        exitInsn(),
    };
    std::string live = load(stack, BPF_PROG_TYPE_SOCKET_FILTER, 2);
    VerifierState state = stackProgramState();
    PrintContext ctx;
    auto line = [&](std::initializer_list<uint32_t> regs, std::initializer_list<uint32_t> slots) {
      Scratched s;
      for (uint32_t r : regs)
        s.markReg(r);
      for (uint32_t spi : slots)
        s.markStackSlot(spi);
      return ";" + formatFuncState(state, 0, false, s, ctx);
    };
    CHECK(live.find("0: (7b) *(u64 *)(r10 -8) = r1         " + line({1, 10}, {0})) !=
          std::string::npos);
    CHECK(live.find(line({2, 10}, {1})) != std::string::npos);
    CHECK(live.find(line({10}, {2})) != std::string::npos);
    CHECK(live.find(line({4, 10}, {5})) != std::string::npos);
    CHECK(live.find(line({10}, {6})) != std::string::npos);
    CHECK(live.find(line({10}, {8})) != std::string::npos);
    CHECK(live.find(line({6, 10}, {0})) != std::string::npos);
    RegState varFp = fp(-32);
    varFp.bounds = smallRange({0, 0xf}, 0, 15);
    CHECK(live.find(" R5=" + formatReg(varFp, ctx) + "\n") != std::string::npos);
  }
  SECTION("maps: map pointers and values, named and unnamed") {
    int hash = createMap(BPF_MAP_TYPE_HASH, 4, 48, 4, "hmap");
    REQUIRE(hash >= 0);
    const std::vector<bpf_insn> maps = {
        st(BPF_W, 10, -4, 0),
        movReg(2, 10),
        addImm(2, -4),
        insn(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, hash),
        insn(0, 0, 0, 0, 0),
        insn(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
        insn(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1, 0),
        addImm(0, 8),
        movImm(0, 0),
        exitInsn(),
    };
    std::string live = load(maps, BPF_PROG_TYPE_SOCKET_FILTER, 2);
    close(hash);
    object::Map hmap = makeMap("hmap", 4, 48);
    PrintContext ctx = context();
    RegState ptr = pointer(RegBase::ConstPtrToMap);
    ptr.map = &hmap;
    RegState value = pointer(RegBase::PtrToMapValue, PTR_MAYBE_NULL);
    value.map = &hmap;
    value.id = 1;
    CHECK(live.find("; R1=" + formatReg(ptr, ctx) + "\n") != std::string::npos);
    CHECK(live.find("; R0=" + formatReg(value, ctx) + "\n") != std::string::npos);
    value.type = RegType(RegBase::PtrToMapValue);
    value.id = 0;
    value.off = 8;
    CHECK(live.find("; R0=" + formatReg(value, ctx) + "\n") != std::string::npos);
  }
  SECTION("pkt: packet pointers and their ranges") {
    const std::vector<bpf_insn> pkt = {
        ldx(BPF_W, 2, 1, 76),
        ldx(BPF_W, 3, 1, 80),
        movReg(4, 2),
        addImm(4, 14),
        insn(BPF_JMP | BPF_JGT | BPF_X, 4, 3, 1, 0),
        ldx(BPF_B, 5, 2, 0),
        movImm(0, 0),
        exitInsn(),
    };
    std::string live = load(pkt, BPF_PROG_TYPE_SCHED_CLS, 2);
    PrintContext ctx;
    RegState p = pointer(RegBase::PtrToPacket);
    CHECK(live.find(" R2=" + formatReg(p, ctx)) != std::string::npos);
    CHECK(live.find(" R3=" + formatReg(pointer(RegBase::PtrToPacketEnd), ctx)) !=
          std::string::npos);
    p.off = 14;
    p.range = 14;
    CHECK(live.find(" R4=" + formatReg(p, ctx) + "\n") != std::string::npos);
    p.range = -2; // BEYOND_PKT_END on the taken branch
    CHECK(live.find(" R4=" + formatReg(p, ctx) + " R10=fp0\n") != std::string::npos);
  }
  SECTION("ringbuf: memory with references, refs= lists") {
    int rb = createMap(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, "rb");
    REQUIRE(rb >= 0);
    auto reserve = [&](int32_t size) {
      return std::vector<bpf_insn>{insn(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, rb),
                                   insn(0, 0, 0, 0, 0), movImm(2, size), movImm(3, 0),
                                   insn(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_reserve)};
    };
    std::vector<bpf_insn> prog = reserve(8);
    prog.push_back(movReg(6, 0));
    for (const bpf_insn &i : reserve(16))
      prog.push_back(i);
    prog.push_back(movReg(7, 0));
    prog.push_back(movImm(0, 0));
    prog.push_back(exitInsn());
    std::string live = load(prog, BPF_PROG_TYPE_SOCKET_FILTER, 2);
    close(rb);
    object::Map rbMap = makeMap("rb", 0, 0);
    PrintContext ctx = context();
    RegState mp = pointer(RegBase::ConstPtrToMap);
    mp.map = &rbMap;
    CHECK(live.find("; R1=" + formatReg(mp, ctx) + "\n") != std::string::npos);
    VerifierState st;
    st.frames.push_back(frame());
    RegState mem = pointer(RegBase::PtrToMem, MEM_RINGBUF | PTR_MAYBE_NULL);
    mem.id = mem.refObjId = 4;
    mem.memSize = 16;
    st.frames[0].regs[0] = mem;
    st.refs.push_back(RefState{RefType::Ptr, 2, 4, nullptr});
    st.refs.push_back(RefState{RefType::Ptr, 4, 10, nullptr});
    Scratched r0;
    r0.markReg(0);
    CHECK(live.find("\n11:" + formatFuncState(st, 0, false, r0, ctx)) != std::string::npos);
  }
  SECTION("kfunc iterator and BTF pointers, named from this kernel's BTF") {
    auto vmlinux = btf::Btf::parseFile("/sys/kernel/btf/vmlinux");
    REQUIRE(bool(vmlinux));
    const btf::Btf &kbtf = **vmlinux;
    auto iterNew = kbtf.findByNameKind("bpf_iter_num_new", btf::Kind::Func);
    auto iterDestroy = kbtf.findByNameKind("bpf_iter_num_destroy", btf::Kind::Func);
    auto iterType = kbtf.findByNameKind("bpf_iter_num", btf::Kind::Struct);
    auto task = kbtf.findByNameKind("task_struct", btf::Kind::Struct);
    REQUIRE((iterNew && iterDestroy && iterType && task));
    PrintContext ctx = objectPrintContext();

    const std::vector<bpf_insn> iter = {
        movReg(1, 10),
        addImm(1, -8),
        movImm(2, 0),
        movImm(3, 10),
        insn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, int32_t(*iterNew)),
        movReg(1, 10),
        addImm(1, -8),
        insn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, int32_t(*iterDestroy)),
        movImm(0, 0),
        exitInsn(),
    };
    std::string live = load(iter, BPF_PROG_TYPE_SOCKET_FILTER, 2);
    VerifierState st;
    st.frames.push_back(frame(0, 1));
    st.frames[0].regs[0] = unknownScalar();
    StackSlot slot = rawSlot("iiiiiiii");
    slot.spilledPtr = pointer(RegBase::PtrToStack);
    slot.spilledPtr.btf = &kbtf;
    slot.spilledPtr.btfId = *iterType;
    slot.spilledPtr.refObjId = 1;
    slot.spilledPtr.iterState = IterState::Active;
    st.frames[0].stack[0] = slot;
    st.refs.push_back(RefState{RefType::Ptr, 1, 4, nullptr});
    Scratched s;
    s.markReg(0);
    s.markStackSlot(0);
    CHECK(live.find(";" + formatFuncState(st, 0, false, s, ctx)) != std::string::npos);

    const std::vector<bpf_insn> btfPtr = {
        insn(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_current_task_btf),
        movReg(6, 0),
        movImm(0, 0),
        exitInsn(),
    };
    std::string kprobe = load(btfPtr, BPF_PROG_TYPE_KPROBE, 2);
    RegState t = pointer(RegBase::PtrToBtfId, PTR_TRUSTED);
    t.btf = &kbtf;
    t.btfId = *task;
    CHECK(kprobe.find("; R0=" + formatReg(t, ctx) + " R6=" + formatReg(t, ctx) + "\n") !=
          std::string::npos);
  }
}

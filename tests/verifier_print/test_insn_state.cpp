// print_insn_state and the lines do_check writes around it, replayed the way the engine will
// call them, against whole stretches of log_level 1 and 2 logs of Linux 6.18.44 (this machine's
// kernel) for raw socket-filter programs loaded as root. The instruction text is the kernel's
// (the lead's disassembler produces it; here it is literal).

#include "replays.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::verifier;
using namespace bpfverify::verifier::testing;

TEST_CASE("vlog_alignment puts the state at the kernel's column", "[print][insn]") {
  // "0: (bf) r7 = r1\n" (16 bytes): 23 spaces, ';' in column 39.
  CHECK(vlogAlignment(16) == 23);
  // "8: (85) call bpf_ringbuf_discard#133\n" (37): 10 spaces.
  CHECK(vlogAlignment(37) == 10);
  // "7: (85) call bpf_iter_num_destroy#64239\n" (40): 7 spaces, ';' in column 47.
  CHECK(vlogAlignment(40) == 7);
  CHECK(vlogAlignment(44) == 3);
  CHECK(vlogAlignment(45) == 10);
}

TEST_CASE("the state goes on the instruction's line, or on its own", "[print][insn]") {
  VerifierState st;
  st.frames.push_back(frame());
  st.frames[0].regs[1] = ctxPtr();
  st.frames[0].regs[7] = ctxPtr();
  VerifierLog log(2);
  Scratched s;
  PrintContext ctx;
  // example_map_oob.bpf.o: "0: (bf) r7 = r1                       ; R1=ctx() R7=ctx()"
  printInsnLine(log, 0, "(bf) r7 = r1\n");
  CHECK(log.prevInsnPrintPos == 16);
  s.markReg(1);
  s.markReg(7);
  printInsnState(log, 1, st, 0, s, ctx);
  CHECK(log.text() == "0: (bf) r7 = r1                       ; R1=ctx() R7=ctx()\n");
  CHECK_FALSE(s.any());
  // "ringbuf": "8: (85) call bpf_ringbuf_discard#133          ;" -- scratched, nothing to show.
  printInsnLine(log, 8, "(85) call bpf_ringbuf_discard#133\n");
  s.markReg(1);
  st.frames[0].regs[1] = RegState{};
  printInsnState(log, 9, st, 0, s, ctx);
  CHECK(log.text().substr(log.text().find("8: ")) ==
        "8: (85) call bpf_ringbuf_discard#133          ;\n");
  // "maps": after mark_precise lines the state starts its own line with the next index:
  // "10: (0f) r0 += r1\nmark_precise: ...\n11: R0=... R1=..."
  printInsnLine(log, 10, "(0f) r0 += r1\n");
  log.write("mark_precise: frame0: last_idx 10 first_idx 0 subseq_idx -1 \n");
  s.markReg(7);
  printInsnState(log, 11, st, 0, s, ctx);
  CHECK(log.text().substr(log.text().find("10: ")) ==
        "10: (0f) r0 += r1\nmark_precise: frame0: last_idx 10 first_idx 0 subseq_idx -1 \n"
        "11: R7=ctx()\n");
}

TEST_CASE("a rejected program's log at level 2", "[print][insn]") {
  // Program "fail", log_level 2 (after the "func#0 @0" and "Live regs before insn:" preamble).
  CHECK(FailProgram().run(2) ==
        "0: R1=ctx() R10=fp0\n"
        "0: (61) r3 = *(u32 *)(r1 +0)          ; R1=ctx() "
        "R3=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n"
        "1: (25) if r3 > 0xa goto pc+2         ; "
        "R3=scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))\n"
        "2: (b7) r0 = 0                        ; R0=0\n"
        "3: (95) exit\n"
        "\n"
        "from 1 to 4: R1=ctx() "
        "R3=scalar(smin=umin=umin32=11,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R10=fp0\n"
        "4: R1=ctx() R3=scalar(smin=umin=umin32=11,smax=umax=0xffffffff,var_off=(0x0; "
        "0xffffffff)) R10=fp0\n"
        "4: (bf) r0 = r2\n"
        "R2 !read_ok\n"
        "processed 5 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 "
        "mark_read 0\n");
}

TEST_CASE("a rejected program's log at level 1 keeps only the failing path", "[print][insn]") {
  // Program "fail", log_level 1. pop_stack resets the log to where the branch was pushed:
  // just after the jump's line, which the fall-through state had since extended, so the
  // jump line keeps one blank of its padding and the popped state follows on it.
  CHECK(FailProgram().run(1) ==
        "0: R1=ctx() R10=fp0\n"
        "0: (61) r3 = *(u32 *)(r1 +0)          ; R1=ctx() "
        "R3=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n"
        "1: (25) if r3 > 0xa goto pc+2 4: R1=ctx() "
        "R3=scalar(smin=umin=umin32=11,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R10=fp0\n"
        "4: (bf) r0 = r2\n"
        "R2 !read_ok\n"
        "processed 5 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 "
        "mark_read 0\n");
}

TEST_CASE("bpf-to-bpf call and return blocks", "[print][insn]") {
  // Program "call" at log_level 2 (replays.h).
  std::string text = callProgramLog();
  CHECK(text == "0: R1=ctx() R10=fp0\n"
                "0: (b7) r6 = 3                        ; R6=3\n"
                "1: (7b) *(u64 *)(r10 -8) = r6         ; R6=3 R10=fp0 fp-8=3\n"
                "2: (bf) r1 = r10                      ; R1=fp0 R10=fp0\n"
                "3: (07) r1 += -8                      ; R1=fp-8\n"
                "4: (85) call pc+2\n"
                "caller:\n"
                " R6=3 R10=fp0 fp-8=3\n"
                "callee:\n"
                " frame1: R1=fp[0]-8 R10=fp0\n"
                "7: frame1: R1=fp[0]-8 R10=fp0\n"
                "7: (79) r0 = *(u64 *)(r1 +0)          ; frame1: R0=3 R1=fp[0]-8\n"
                "8: (7a) *(u64 *)(r10 -8) = 1          ; frame1: R10=fp0 fp-8=1\n"
                "9: (bf) r2 = r10                      ; frame1: R2=fp0 R10=fp0\n"
                "10: (95) exit\n"
                "(4,7) frame 0 insn 7 +live -8 \n"
                "(4,7) frame 1 insn 8 +written -8 \n"
                "(4,7) frame 1 insn 7 +written -8 \n"
                "(4,7) live stack update done in 2 iterations\n"
                "(0) frame 0 insn 4 +live -8 \n"
                "(0) frame 0 insn 1 +written -8 \n"
                "(0) frame 0 insn 0 +written -8 \n"
                "(0) live stack update done in 2 iterations\n"
                "returning from callee:\n"
                " frame1: R0=3 R1=fp[0]-8 R2=fp0 R10=fp0 fp-8=1\n"
                "to caller at 5:\n"
                " R0=3 R6=3 R10=fp0 fp-8=3\n"
                "\n"
                "from 10 to 5: R0=3 R6=3 R10=fp0 fp-8=3\n"
                "5: (b7) r0 = 0                        ; R0=0\n"
                "6: (95) exit\n");
}

TEST_CASE("pruned paths", "[print][insn]") {
  // Program "prune" at log_level 2: "...7: (95) exit\n\nfrom 5 to 7: safe\n" right after a
  // pop, and "6: (b7) r0 = 1\n7: safe\n" on a path that reaches a visited state.
  VerifierLog log(2);
  printInsnLine(log, 7, "(95) exit\n");
  printPruned(log, true, 5, 7, false);
  printInsnLine(log, 6, "(b7) r0 = 1\n");
  printPruned(log, false, 6, 7, false);
  CHECK(log.text() == "7: (95) exit\n\nfrom 5 to 7: safe\n6: (b7) r0 = 1\n7: safe\n");
  VerifierLog spec(1);
  printPruned(spec, true, 3, 9, true);
  CHECK(spec.text() == "\nfrom 3 to 9 (speculative execution): safe\n");
}

TEST_CASE("statistics lines", "[print][stats]") {
  VerificationStats stats;
  stats.insnProcessed = 11;
  stats.totalStates = 1;
  stats.peakStates = 1;
  stats.subprogStackDepths = {8, 8};
  stats.verificationTimeNs = 81999;
  // "call" at log_level 4: verification time 81 usec / stack depth 8+8 / processed 11 insns ...
  VerifierLog statsLog(BPF_LOG_STATS);
  printVerificationStats(statsLog, stats);
  CHECK(statsLog.text() == "verification time 81 usec\n"
                           "stack depth 8+8\n"
                           "processed 11 insns (limit 1000000) max_states_per_insn 0 "
                           "total_states 1 peak_states 1 mark_read 0\n");
  // Levels 1 and 2 without BPF_LOG_STATS: only the "processed" line.
  VerifierLog level1(1);
  printVerificationStats(level1, stats);
  CHECK(level1.text() == "processed 11 insns (limit 1000000) max_states_per_insn 0 total_states "
                         "1 peak_states 1 mark_read 0\n");
  // reloc_calls.bpf.o main_a (log_level 6): stack depth 0+0+0+0.
  stats.subprogStackDepths = {0, 0, 0, 0};
  VerifierLog six(BPF_LOG_LEVEL2 | BPF_LOG_STATS);
  printVerificationStats(six, stats);
  CHECK(six.text().find("stack depth 0+0+0+0\n") != std::string::npos);
  // No log: nothing.
  VerifierLog off(0);
  printVerificationStats(off, stats);
  CHECK(off.text().empty());
}

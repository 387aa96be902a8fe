// kernel-oracle's reading of the kernel verifier log (scripts/kernel-oracle/log_parse.c), on
// log texts of the shapes Linux 6.18 prints.
extern "C" {
#include "scripts/kernel-oracle/log_parse.h"
}

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

namespace {
std::string errorLine(const char *log) {
  char *line = error_line(log);
  std::string out = line ? line : "<none>";
  free(line);
  return out;
}
} // namespace

TEST_CASE("oracle: the error is the last meaningful line before the statistics") {
  // As pass 1 (log_level 4) printed it for write_ctx_len: the kernel adds the source line of
  // the failing instruction after the message.
  const char *log = "invalid bpf_context access off=0 size=4\n"
                    "; skb->len = 0; @ example_socket_filter.bpf.c:28\n"
                    "verification time 27 usec\n"
                    "stack depth 0\n"
                    "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 "
                    "peak_states 0 mark_read 0\n";
  CHECK(errorLine(log) == "invalid bpf_context access off=0 size=4");
  // Two message lines: the last one is the error.
  CHECK(errorLine("Unreleased reference id=2 alloc_insn=4\n"
                  "BPF_EXIT instruction in main prog would lead to reference leak\n"
                  "verification time 216 usec\nstack depth 0\n") ==
        "BPF_EXIT instruction in main prog would lead to reference leak");
  // A message without its newline runs into the statistics.
  CHECK(errorLine("0: (bf) r0 = r2\nR2 !read_okverification time 58 usec\nstack depth 0\n") ==
        "R2 !read_ok");
  CHECK(errorLine("verification time 5 usec\nstack depth 0\n") == "<none>");
  CHECK(errorLine("") == "<none>");
}

TEST_CASE("oracle: statistics lines are parsed, the last occurrence winning") {
  verifier_stats s;
  parse_stats("verification time 216 usec\nstack depth 8+16\n"
              "processed 13 insns (limit 1000000) max_states_per_insn 2 total_states 7 "
              "peak_states 5 mark_read 1\n",
              &s);
  REQUIRE(s.have_processed);
  CHECK(s.processed_insns == 13);
  CHECK(s.insn_limit == 1000000);
  CHECK(s.max_states_per_insn == 2);
  CHECK(s.total_states == 7);
  CHECK(s.peak_states == 5);
  CHECK(s.mark_read == 1);
  REQUIRE(s.have_time);
  CHECK(s.verification_time_us == 216);
  CHECK(std::string(s.stack_depth) == "8+16");
  parse_stats("no statistics here\n", &s);
  CHECK_FALSE(s.have_processed);
  CHECK_FALSE(s.have_time);
}

TEST_CASE("oracle: the failing instruction") {
  const char *log = "0: R1=ctx() R10=fp0\n"
                    "0: (b7) r0 = 0                        ; R0=0\n"
                    "from 3 to 5: R0=1\n"
                    "5: (61) r6 = *(u32 *)(r0 +0)\n"
                    "R0 invalid mem access 'scalar'\n";
  CHECK(failing_insn(log, "R0 invalid mem access 'scalar'") == 5);
  // check_cfg() messages name the instruction and print no instruction lines.
  CHECK(failing_insn("back-edge from insn 7 to 3\n", "back-edge from insn 7 to 3") == 7);
  CHECK(failing_insn("unreachable insn 4\n", "unreachable insn 4") == 4);
  CHECK(failing_insn("", "something else") == -1);
  CHECK(log_is_empty(" \n\t"));
  CHECK_FALSE(log_is_empty("x"));
}

// kernel-oracle's log reading on what the raw corpus relies on: the infinite-loop message is
// followed by two state dumps, which are not the message.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

extern "C" {
#include "scripts/kernel-oracle/log_parse.h"
}

TEST_CASE("oracle log: infinite loop message, not the state dump after it") {
  // As is_state_visited() (kernel/bpf/verifier.c) prints it at log level 4.
  const char *log = "infinite loop detected at insn 12\n"
                    "cur state: R0=scalar() R6=0 R10=fp0\n"
                    "old state: R0=scalar() R6=0 R10=fp0\n"
                    "verification time 31 usec\n"
                    "stack depth 8\n"
                    "processed 20 insns (limit 1000000) max_states_per_insn 1 total_states 2 "
                    "peak_states 2 mark_read 1\n";
  char *message = error_line(log);
  REQUIRE(message != nullptr);
  CHECK(std::string(message) == "infinite loop detected at insn 12");
  CHECK(failing_insn(log, message) == 12);
  std::free(message);
}

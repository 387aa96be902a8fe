/* Reading the kernel verifier's text log: the statistics lines, the error line, the failing insn.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* The numbers of print_verification_stats() (kernel/bpf/verifier.c). */
struct verifier_stats {
  bool have_processed;
  uint64_t processed_insns, insn_limit, max_states_per_insn, total_states, peak_states, mark_read;
  bool have_time;
  uint64_t verification_time_us;
  char stack_depth[64]; /* "8+0": one figure per subprogram */
};

void parse_stats(const char *log, struct verifier_stats *out);
/* True when the log holds nothing but whitespace. */
bool log_is_empty(const char *log);
/* The last meaningful line before the statistics (malloc'd), or NULL; source lines ("; ...")
 * are not meaningful. A last message printed
 * without a newline runs into "verification time": it is split off. */
char *error_line(const char *log);
/* The failing instruction: the index a control-flow message names ("insn N"), else the last
 * "N: (..)" instruction line of a level-2 log; -1 when neither exists. */
int64_t failing_insn(const char *log, const char *message);

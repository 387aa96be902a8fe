/* Raw-program mode: loads programs given as instructions plus a map list (one JSON object per
 * line) through BPF_PROG_LOAD with fd_array, and records the kernel's answers as JSON lines. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

struct raw_options {
  const char *only_id; /* only the program with this id, or NULL */
  bool full_log;       /* add the level-2|4 log of every program */
  bool stats_only;     /* no level-2|4 pass: insn_index stays null */
};

/* Reads `corpus` (JSONL: id, prog_type, expected_attach_type, maps, insns as hex; see
 * docs/raw-corpus.md) and writes one result line per program to `out`. Returns 0, or -1 after
 * printing one line on stderr when the corpus cannot be read or a line is not valid input. */
int raw_run(const char *corpus, FILE *out, const char *release, const struct raw_options *opt);

/* JSON of a recorded BPF_PROG_LOAD (see docs/kernel-oracle.md for the format). */
#pragma once

#include "hook.h"
#include "json.h"

#include <stdbool.h>

/* insn_cnt, prog_flags, attach ids, func/line info counts and, with with_insns, the
 * instructions, func_info and line_info records. */
void emit_load_attr(struct json *j, const struct recorded_load *r, bool with_insns);

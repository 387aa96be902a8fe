/* Reading the kernel verifier's text log (formats of kernel/bpf/verifier.c and log.c, 6.18). */
/* The test that links this file with LLVM gets _GNU_SOURCE from LLVM_DEFINITIONS already. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "log_parse.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char STATS_TIME[] = "verification time ";
static const char STATS_DEPTH[] = "stack depth ";
static const char STATS_PROCESSED[] = "processed ";

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

void parse_stats(const char *log, struct verifier_stats *out) {
  memset(out, 0, sizeof(*out));
  /* The last occurrence wins: a rotated (truncated) log keeps the tail. */
  for (const char *p = log; (p = strstr(p, STATS_PROCESSED)); p++) {
    struct verifier_stats s = {0};
    if (sscanf(p,
               "processed %" SCNu64 " insns (limit %" SCNu64 ") max_states_per_insn %" SCNu64
               " total_states %" SCNu64 " peak_states %" SCNu64 " mark_read %" SCNu64,
               &s.processed_insns, &s.insn_limit, &s.max_states_per_insn, &s.total_states,
               &s.peak_states, &s.mark_read) >= 5) {
      out->have_processed = true;
      out->processed_insns = s.processed_insns;
      out->insn_limit = s.insn_limit;
      out->max_states_per_insn = s.max_states_per_insn;
      out->total_states = s.total_states;
      out->peak_states = s.peak_states;
      out->mark_read = s.mark_read;
    }
  }
  for (const char *p = log; (p = strstr(p, STATS_TIME)); p++) {
    uint64_t us;
    if (sscanf(p, "verification time %" SCNu64 " usec", &us) == 1) {
      out->have_time = true;
      out->verification_time_us = us;
    }
  }
  for (const char *p = log; (p = strstr(p, STATS_DEPTH)); p++) {
    const char *v = p + strlen(STATS_DEPTH);
    size_t n = strcspn(v, "\n");
    if (n >= sizeof(out->stack_depth))
      n = sizeof(out->stack_depth) - 1;
    memcpy(out->stack_depth, v, n);
    out->stack_depth[n] = '\0';
  }
}

bool log_is_empty(const char *log) {
  for (; *log; log++)
    if (!isspace((unsigned char)*log))
      return false;
  return true;
}

/* Statistics, and the "; source @ file:line" lines the kernel prints after an error too. */
static bool is_stats_line(const char *line) {
  return starts_with(line, "; ") || starts_with(line, STATS_TIME) ||
         starts_with(line, STATS_DEPTH) ||
         (starts_with(line, STATS_PROCESSED) && strstr(line, " insns (limit "));
}

/* is_state_visited() prints the two states it compared after "infinite loop detected at insn N";
 * they are not the message. */
static bool is_state_dump(const char *line) {
  return starts_with(line, "cur state:") || starts_with(line, "old state:");
}

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)s[i]))
      return false;
  return true;
}

char *error_line(const char *log) {
  /* The statistics start at "verification time", which may be glued to the message. */
  const char *glued = strstr(log, STATS_TIME);
  size_t len = glued ? (size_t)(glued - log) : strlen(log);
  char *copy = strndup(log, len);
  if (!copy)
    return NULL;
  const char *best = NULL;
  size_t best_len = 0;
  for (char *line = copy; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    size_t n = strlen(line);
    while (n && isspace((unsigned char)line[n - 1]))
      line[--n] = '\0';
    if (n && !is_blank(line, n) && !is_stats_line(line) && !is_state_dump(line)) {
      best = line;
      best_len = n;
    }
    line = nl ? nl + 1 : NULL;
  }
  char *result = best ? strndup(best, best_len) : NULL;
  free(copy);
  return result;
}

/* "N: (xx)" at the start of a line: an instruction of a level-2 log. */
static bool insn_line(const char *line, int64_t *index) {
  const char *p = line;
  if (!isdigit((unsigned char)*p))
    return false;
  int64_t v = 0;
  while (isdigit((unsigned char)*p) && v < INT32_MAX)
    v = v * 10 + (*p++ - '0');
  if (p[0] != ':' || p[1] != ' ' || p[2] != '(')
    return false;
  *index = v;
  return true;
}

int64_t failing_insn(const char *log, const char *message) {
  /* Messages of check_cfg()/check_subprogs() name the instruction; no instruction lines
   * are printed before them. */
  static const char *const named[] = {
      "back-edge from insn ",         "unreachable insn ", "infinite loop detected at insn ",
      "jump out of range from insn ", "invalid insn idx ", "last insn is not an exit or jmp"};
  if (message) {
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
      const char *p = strstr(message, named[i]);
      long long v;
      if (p && sscanf(p + strlen(named[i]), "%lld", &v) == 1)
        return v;
    }
  }
  int64_t last = -1, idx;
  const char *p = log;
  while (*p) {
    if (insn_line(p, &idx))
      last = idx;
    const char *nl = strchr(p, '\n');
    if (!nl)
      break;
    p = nl + 1;
  }
  return last;
}

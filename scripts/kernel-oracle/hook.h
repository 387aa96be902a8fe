/* Interception of the bpf(2) BPF_PROG_LOAD calls libbpf makes, recording what the kernel got. */
#pragma once

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bpf_object;

/* One BPF_PROG_LOAD as it reached the kernel. */
struct recorded_load {
  bool seen;
  union bpf_attr attr;    /* copy of the attributes (pointers are stale afterwards) */
  struct bpf_insn *insns; /* copy of attr.insns */
  uint32_t insn_cnt;
  struct bpf_func_info *func_info;
  uint32_t func_info_cnt;
  struct bpf_line_info *line_info;
  uint32_t line_info_cnt;
  /* map fd -> map name, captured while the maps were open */
  int *map_fds;
  char **map_names;
  size_t map_cnt;
  long result;       /* the syscall's return value */
  int err;           /* errno when result < 0 */
  double syscall_us; /* wall time of the load syscall alone */
};

/* Starts recording loads whose log buffer is `log_buf` (the program being examined); the map
 * names are looked up in `obj`. */
void hook_arm(struct bpf_object *obj, const char *log_buf, struct recorded_load *out);
void hook_disarm(void);
void recorded_load_free(struct recorded_load *r);
/* The map name for an fd seen in the recorded load, or NULL. */
const char *recorded_map_name(const struct recorded_load *r, int fd);

/* Our own syscall(): libbpf calls syscall(__NR_bpf, ...) through libc, so defining the symbol in
 * the executable interposes it. BPF_PROG_LOAD attributes are copied before forwarding. */
#define _GNU_SOURCE
#include "hook.h"

#include <bpf/libbpf.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

static struct bpf_object *armed_obj;
static const char *armed_log_buf;
static struct recorded_load *armed_out;

void hook_arm(struct bpf_object *obj, const char *log_buf, struct recorded_load *out) {
  armed_obj = obj;
  armed_log_buf = log_buf;
  armed_out = out;
  memset(out, 0, sizeof(*out));
}

void hook_disarm(void) {
  armed_obj = NULL;
  armed_log_buf = NULL;
  armed_out = NULL;
}

void recorded_load_free(struct recorded_load *r) {
  free(r->insns);
  free(r->func_info);
  free(r->line_info);
  for (size_t i = 0; i < r->map_cnt; i++)
    free(r->map_names[i]);
  free(r->map_names);
  free(r->map_fds);
  memset(r, 0, sizeof(*r));
}

const char *recorded_map_name(const struct recorded_load *r, int fd) {
  for (size_t i = 0; i < r->map_cnt; i++)
    if (r->map_fds[i] == fd)
      return r->map_names[i];
  return NULL;
}

/* Copies `cnt` records of `rec_size` bytes into records of our `ours` size (the kernel ABI
 * allows larger user records; only the common prefix matters). */
static void *copy_records(uint64_t ptr, uint32_t cnt, uint32_t rec_size, size_t ours) {
  if (!ptr || !cnt || rec_size == 0)
    return NULL;
  char *dst = calloc(cnt, ours);
  if (!dst)
    return NULL;
  size_t n = rec_size < ours ? rec_size : ours;
  for (uint32_t i = 0; i < cnt; i++)
    memcpy(dst + (size_t)i * ours, (const char *)(uintptr_t)ptr + (size_t)i * rec_size, n);
  return dst;
}

static void record(const union bpf_attr *attr, struct recorded_load *r) {
  recorded_load_free(r);
  r->seen = true;
  memcpy(&r->attr, attr, sizeof(r->attr));
  r->insn_cnt = attr->insn_cnt;
  r->insns =
      copy_records(attr->insns, attr->insn_cnt, sizeof(struct bpf_insn), sizeof(struct bpf_insn));
  r->func_info_cnt = attr->func_info_cnt;
  r->func_info = copy_records(attr->func_info, attr->func_info_cnt, attr->func_info_rec_size,
                              sizeof(struct bpf_func_info));
  r->line_info_cnt = attr->line_info_cnt;
  r->line_info = copy_records(attr->line_info, attr->line_info_cnt, attr->line_info_rec_size,
                              sizeof(struct bpf_line_info));
  struct bpf_map *map;
  size_t n = 0;
  bpf_object__for_each_map(map, armed_obj) n++;
  r->map_fds = calloc(n ? n : 1, sizeof(int));
  r->map_names = calloc(n ? n : 1, sizeof(char *));
  bpf_object__for_each_map(map, armed_obj) {
    int fd = bpf_map__fd(map);
    if (fd < 0 || !r->map_fds || !r->map_names)
      continue;
    r->map_fds[r->map_cnt] = fd;
    r->map_names[r->map_cnt] = strdup(bpf_map__name(map));
    r->map_cnt++;
  }
}

typedef long (*syscall_fn)(long, ...);

/* syscall(2) callers pass only the arguments they use; forwarding all six reads past them (a
 * stack slot of the caller on x86-64), harmless but reported by AddressSanitizer. */
__attribute__((no_sanitize("address"))) long syscall(long number, ...) {
  static syscall_fn real;
  if (!real)
    real = (syscall_fn)dlsym(RTLD_NEXT, "syscall");
  va_list ap;
  va_start(ap, number);
  long a1 = va_arg(ap, long), a2 = va_arg(ap, long), a3 = va_arg(ap, long);
  long a4 = va_arg(ap, long), a5 = va_arg(ap, long), a6 = va_arg(ap, long);
  va_end(ap);

  const union bpf_attr *attr = (const union bpf_attr *)(uintptr_t)a2;
  bool watch = number == __NR_bpf && a1 == BPF_PROG_LOAD && armed_out && attr && armed_log_buf &&
               attr->log_buf == (uint64_t)(uintptr_t)armed_log_buf;
  if (!watch)
    return real(number, a1, a2, a3, a4, a5, a6);

  record(attr, armed_out);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long ret = real(number, a1, a2, a3, a4, a5, a6);
  int saved = errno;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  armed_out->result = ret;
  armed_out->err = ret < 0 ? saved : 0;
  armed_out->syscall_us = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
  errno = saved;
  return ret;
}

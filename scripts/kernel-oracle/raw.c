/* Raw-program mode of kernel-oracle: maps created with bpf(BPF_MAP_CREATE), the program loaded
 * with BPF_PROG_LOAD and fd_array (the kernel resolves BPF_PSEUDO_MAP_IDX and
 * BPF_PSEUDO_MAP_IDX_VALUE through it, as in resolve_pseudo_ldimm64()), never attached. */
#define _GNU_SOURCE
#include <stdbool.h>

#include "raw.h"

#include "json.h"
#include "json_read.h"
#include "log_parse.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define RAW_STATS_LOG_SIZE (1u << 20)
#define RAW_FULL_LOG_START (4u << 20)
#define RAW_FULL_LOG_MAX (256u << 20)
#define RAW_MAX_MAPS 64 /* MAX_USED_MAPS of the kernel */
#define RAW_MAX_INSNS (1u << 20)

struct raw_map {
  uint32_t type, key_size, value_size, max_entries, flags;
  uint64_t map_extra;
  bool frozen;
  uint8_t *initial; /* value_size bytes or NULL */
  char name[16];
};

struct raw_program {
  char id[128];
  uint32_t prog_type, attach_type;
  struct bpf_insn *insns;
  uint32_t insn_cnt;
  struct raw_map maps[RAW_MAX_MAPS];
  size_t map_cnt;
};

static void program_free(struct raw_program *p) {
  free(p->insns);
  for (size_t i = 0; i < p->map_cnt; i++)
    free(p->maps[i].initial);
  memset(p, 0, sizeof(*p));
}

/* Map type names as raw_maps.h accepts them: "hash", "BPF_MAP_TYPE_HASH" or a number. */
static const struct {
  const char *name;
  uint32_t type;
} map_types[] = {
    {"hash", BPF_MAP_TYPE_HASH},
    {"array", BPF_MAP_TYPE_ARRAY},
    {"percpu_hash", BPF_MAP_TYPE_PERCPU_HASH},
    {"percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY},
    {"lru_hash", BPF_MAP_TYPE_LRU_HASH},
    {"lru_percpu_hash", BPF_MAP_TYPE_LRU_PERCPU_HASH},
    {"ringbuf", BPF_MAP_TYPE_RINGBUF},
};

static bool map_type(const struct jr_value *v, uint32_t *out) {
  if (v && v->kind == JR_NUMBER && v->is_integer && v->integer >= 0 && v->integer <= UINT32_MAX) {
    *out = (uint32_t)v->integer;
    return true;
  }
  if (!v || v->kind != JR_STRING)
    return false;
  const char *s = v->string;
  if (strncmp(s, "BPF_MAP_TYPE_", 13) == 0)
    s += 13;
  for (size_t i = 0; i < sizeof(map_types) / sizeof(map_types[0]); i++)
    if (strcasecmp(s, map_types[i].name) == 0) {
      *out = map_types[i].type;
      return true;
    }
  return false;
}

static bool u32_field(const struct jr_value *obj, const char *key, bool required, uint32_t *out) {
  const struct jr_value *v = jr_get(obj, key);
  if (!v)
    return !required;
  if (v->kind != JR_NUMBER || !v->is_integer || v->integer < 0 || v->integer > UINT32_MAX)
    return false;
  *out = (uint32_t)v->integer;
  return true;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes `n` bytes of hex into `out`; false on a bad digit. */
static bool hex_decode(const char *hex, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return false;
    out[i] = (uint8_t)(hi << 4 | lo);
  }
  return true;
}

/* Fills `p` from one corpus line; on failure writes the reason into `why`. */
static bool parse_program(const struct jr_value *line, struct raw_program *p, char *why,
                          size_t why_size) {
  const struct jr_value *id = jr_get(line, "id");
  if (!id || id->kind != JR_STRING) {
    snprintf(why, why_size, "missing string \"id\"");
    return false;
  }
  snprintf(p->id, sizeof(p->id), "%s", id->string);
  if (!u32_field(line, "prog_type", true, &p->prog_type) ||
      !u32_field(line, "expected_attach_type", false, &p->attach_type)) {
    snprintf(why, why_size, "prog_type and expected_attach_type must be unsigned integers");
    return false;
  }
  const struct jr_value *insns = jr_get(line, "insns");
  size_t len = insns && insns->kind == JR_STRING ? strlen(insns->string) : 0;
  if (!len || len % 16 != 0 || len / 16 > RAW_MAX_INSNS) {
    snprintf(why, why_size, "\"insns\" must be a non-empty hex string of 8-byte instructions");
    return false;
  }
  p->insn_cnt = (uint32_t)(len / 16);
  p->insns = calloc(p->insn_cnt, sizeof(struct bpf_insn));
  if (!p->insns || !hex_decode(insns->string, (uint8_t *)p->insns, len / 2)) {
    snprintf(why, why_size, "\"insns\" is not hex");
    return false;
  }
  const struct jr_value *maps = jr_get(line, "maps");
  if (maps && maps->kind != JR_ARRAY) {
    snprintf(why, why_size, "\"maps\" must be an array");
    return false;
  }
  for (size_t i = 0; maps && i < maps->count; i++) {
    if (i >= RAW_MAX_MAPS) {
      snprintf(why, why_size, "more than %d maps", RAW_MAX_MAPS);
      return false;
    }
    const struct jr_value *m = &maps->items[i];
    struct raw_map *rm = &p->maps[p->map_cnt++];
    if (m->kind != JR_OBJECT || !map_type(jr_get(m, "type"), &rm->type) ||
        !u32_field(m, "key_size", true, &rm->key_size) ||
        !u32_field(m, "value_size", true, &rm->value_size) ||
        !u32_field(m, "max_entries", true, &rm->max_entries) ||
        !u32_field(m, "flags", false, &rm->flags)) {
      snprintf(why, why_size, "map %zu: needs type, key_size, value_size, max_entries", i);
      return false;
    }
    const struct jr_value *extra = jr_get(m, "map_extra");
    if (extra && extra->kind == JR_NUMBER && extra->is_integer)
      rm->map_extra = (uint64_t)extra->integer;
    const struct jr_value *name = jr_get(m, "name");
    snprintf(rm->name, sizeof(rm->name), "%s", name && name->kind == JR_STRING ? name->string : "");
    const struct jr_value *frozen = jr_get(m, "frozen");
    rm->frozen = frozen && frozen->kind == JR_BOOL && frozen->boolean;
    const struct jr_value *init = jr_get(m, "initial_value");
    if (init) {
      const char *hex = init->kind == JR_STRING ? init->string : NULL;
      if (hex && strncmp(hex, "0x", 2) == 0)
        hex += 2;
      size_t n = hex ? strlen(hex) : 1;
      rm->initial = calloc(1, rm->value_size ? rm->value_size : 1);
      if (!hex || n % 2 || n / 2 > rm->value_size || !rm->initial ||
          !hex_decode(hex, rm->initial, n / 2)) {
        snprintf(why, why_size, "map %zu: initial_value must be at most value_size hex bytes", i);
        return false;
      }
    }
  }
  return true;
}

/* Creates the maps; frozen ones get entry 0 written (initial_value, zeros by default) and
 * BPF_MAP_FREEZE, as libbpf does for .rodata. Returns the number created, -errno on failure. */
static int create_maps(const struct raw_program *p, int *fds, char *why, size_t why_size) {
  for (size_t i = 0; i < p->map_cnt; i++) {
    const struct raw_map *m = &p->maps[i];
    LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = m->flags, .map_extra = m->map_extra);
    int fd = bpf_map_create(m->type, m->name[0] ? m->name : NULL, m->key_size, m->value_size,
                            m->max_entries, &opts);
    if (fd < 0) {
      int err = errno;
      snprintf(why, why_size, "map %zu: BPF_MAP_CREATE: %s", i, strerror(err));
      for (size_t k = 0; k < i; k++)
        close(fds[k]);
      return -err;
    }
    fds[i] = fd;
    if (m->frozen) {
      uint8_t *value = m->initial ? m->initial : calloc(1, m->value_size ? m->value_size : 1);
      uint32_t key = 0;
      int rc = value ? bpf_map_update_elem(fd, &key, value, 0) : -ENOMEM;
      if (!m->initial)
        free(value);
      if (rc == 0)
        rc = bpf_map_freeze(fd);
      if (rc < 0) {
        int err = errno ? errno : ENOMEM;
        snprintf(why, why_size, "map %zu: initial value or freeze: %s", i, strerror(err));
        for (size_t k = 0; k <= i; k++)
          close(fds[k]);
        return -err;
      }
    }
  }
  return (int)p->map_cnt;
}

struct raw_load {
  long result;
  int err;
  double syscall_us;
  char *log;
};

/* One BPF_PROG_LOAD with a fresh log buffer of `log_size` bytes. */
static void load(const struct raw_program *p, const int *fds, uint32_t log_level, size_t log_size,
                 struct raw_load *out) {
  memset(out, 0, sizeof(*out));
  out->log = calloc(1, log_size);
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.prog_type = p->prog_type;
  attr.expected_attach_type = p->attach_type;
  attr.insns = (uint64_t)(uintptr_t)p->insns;
  attr.insn_cnt = p->insn_cnt;
  attr.license = (uint64_t)(uintptr_t) "GPL";
  attr.fd_array = p->map_cnt ? (uint64_t)(uintptr_t)fds : 0;
  if (out->log) {
    attr.log_level = log_level;
    attr.log_buf = (uint64_t)(uintptr_t)out->log;
    attr.log_size = (uint32_t)log_size;
  }
  snprintf(attr.prog_name, sizeof(attr.prog_name), "raw");
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  int saved = errno;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  out->result = fd;
  out->err = fd < 0 ? saved : 0;
  out->syscall_us = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
  if (fd >= 0)
    close((int)fd);
  if (!out->log) {
    out->log = strdup("");
  }
}

static void emit_stats(struct json *j, const struct verifier_stats *s) {
  json_key(j, "processed_insns");
  s->have_processed ? json_uint(j, s->processed_insns) : json_null(j);
  json_key(j, "total_states");
  s->have_processed ? json_uint(j, s->total_states) : json_null(j);
  json_key(j, "peak_states");
  s->have_processed ? json_uint(j, s->peak_states) : json_null(j);
  json_key(j, "max_states_per_insn");
  s->have_processed ? json_uint(j, s->max_states_per_insn) : json_null(j);
  json_key(j, "mark_read");
  s->have_processed ? json_uint(j, s->mark_read) : json_null(j);
  json_key(j, "verification_time_us");
  s->have_time ? json_uint(j, s->verification_time_us) : json_null(j);
  json_key(j, "stack_depth");
  s->have_processed ? json_string(j, s->stack_depth) : json_null(j);
}

/* Loads one program (two passes, as examine() in main.c) and writes its result line. */
static void examine_raw(const struct raw_program *p, FILE *outf, const char *release,
                        const struct raw_options *opt) {
  int fds[RAW_MAX_MAPS];
  char why[256] = "";
  const char *verdict, *refused_by = NULL;
  int err = 0;
  char *message = NULL;
  int64_t insn_index = -1;
  struct verifier_stats stats;
  memset(&stats, 0, sizeof(stats));
  struct raw_load pass1 = {0}, pass2 = {0};
  bool loaded = false;
  int nmaps = create_maps(p, fds, why, sizeof(why));
  if (nmaps < 0) {
    verdict = "env-refused";
    refused_by = "maps";
    err = -nmaps;
  } else {
    loaded = true;
    load(p, fds, 4, RAW_STATS_LOG_SIZE, &pass1);
    err = pass1.err;
    parse_stats(pass1.log, &stats);
    if (getenv("KERNEL_ORACLE_DEBUG"))
      fprintf(stderr, "--- %s: log_level 4 log ---\n%s--- end ---\n", p->id, pass1.log);
    if (pass1.result >= 0) {
      verdict = "accept";
    } else if (log_is_empty(pass1.log)) {
      verdict = "env-refused";
      refused_by = "kernel";
    } else {
      verdict = "reject";
      message = error_line(pass1.log);
    }
    if (!opt->stats_only && (strcmp(verdict, "reject") == 0 || opt->full_log)) {
      for (size_t size = RAW_FULL_LOG_START; size <= RAW_FULL_LOG_MAX; size *= 4) {
        free(pass2.log);
        load(p, fds, 2 | 4, size, &pass2);
        if (pass2.err != ENOSPC || size == RAW_FULL_LOG_MAX)
          break;
      }
      if (message)
        insn_index = failing_insn(pass2.log, message);
    }
    for (int i = 0; i < nmaps; i++)
      close(fds[i]);
  }

  struct json j;
  json_init(&j, outf, false);
  json_begin_object(&j);
  json_key(&j, "id");
  json_string(&j, p->id);
  json_key(&j, "kernel_release");
  json_string(&j, release);
  json_key(&j, "verdict");
  json_string(&j, verdict);
  if (refused_by) {
    json_key(&j, "refused_by");
    json_string(&j, refused_by);
    if (why[0]) {
      json_key(&j, "refusal");
      json_string(&j, why);
    }
  }
  json_key(&j, "errno");
  json_int(&j, err);
  json_key(&j, "errno_name");
  if (err) {
    const char *n = strerrorname_np(err);
    json_string(&j, n ? n : "unknown");
  } else {
    json_null(&j);
  }
  json_key(&j, "message");
  json_string(&j, message);
  json_key(&j, "insn_index");
  insn_index >= 0 ? json_int(&j, insn_index) : json_null(&j);
  emit_stats(&j, &stats);
  json_key(&j, "load_syscall_us");
  loaded ? json_double(&j, pass1.syscall_us) : json_null(&j);
  if (opt->full_log) {
    json_key(&j, "log");
    json_string(&j, pass2.log ? pass2.log : pass1.log ? pass1.log : "");
  }
  json_end_object(&j);
  json_finish(&j);
  fflush(outf);
  free(message);
  free(pass1.log);
  free(pass2.log);
}

int raw_run(const char *corpus, FILE *out, const char *release, const struct raw_options *opt) {
  FILE *in = fopen(corpus, "r");
  if (!in) {
    fprintf(stderr, "kernel-oracle: %s: %s\n", corpus, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  size_t lineno = 0;
  int rc = 0;
  while ((n = getline(&line, &cap, in)) > 0) {
    lineno++;
    bool blank = true;
    for (ssize_t i = 0; i < n && blank; i++)
      blank = line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r';
    if (blank)
      continue;
    char err[256];
    struct jr_value *v = jr_parse(line, err, sizeof(err));
    if (!v) {
      fprintf(stderr, "kernel-oracle: %s:%zu: not JSON: %s\n", corpus, lineno, err);
      rc = -1;
      break;
    }
    if (!jr_get(v, "insns")) {
      jr_free(v); /* a header or meta line: nothing to load */
      continue;
    }
    struct raw_program *p = calloc(1, sizeof(*p));
    if (!p) {
      jr_free(v);
      rc = -1;
      break;
    }
    if (!parse_program(v, p, err, sizeof(err))) {
      fprintf(stderr, "kernel-oracle: %s:%zu: %s\n", corpus, lineno, err);
      program_free(p);
      free(p);
      jr_free(v);
      rc = -1;
      break;
    }
    if (!opt->only_id || strcmp(opt->only_id, p->id) == 0)
      examine_raw(p, out, release, opt);
    program_free(p);
    free(p);
    jr_free(v);
  }
  free(line);
  fclose(in);
  return rc;
}

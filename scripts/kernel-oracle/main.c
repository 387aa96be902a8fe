/* kernel-oracle: loads each program of a BPF object alone into the running kernel (never
 * attaching) and prints the kernel's verdict, message, statistics and the exact instructions
 * libbpf handed it, as JSON. The kernel side of bpfverify's differential testing. */
#define _GNU_SOURCE
#include "emit.h"
#include "hook.h"
#include "json.h"
#include "log_parse.h"
#include "raw.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fnmatch.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_NO_KERNEL = 3 };
#define ORACLE_FORMAT_VERSION 1
#define STATS_LOG_SIZE (1u << 20)
#define FULL_LOG_START (4u << 20)
#define FULL_LOG_MAX (256u << 20)

struct options {
  const char *record_dir;
  const char *program;
  const char *section;
  bool insns;
  bool full_log;
  bool stats_only; /* --stats-only: no pass 2, so no insn_index (benchmarks) */
  bool verbose;
  const char *raw_corpus; /* --raw: programs as JSON lines instead of objects */
  const char *raw_out;    /* --record-raw */
};

/* libbpf's messages are kept (the first warning of a load explains a refusal; later ones only
 * say the object failed) and shown with -v. */
static char libbpf_last[1024];
static bool libbpf_verbose;
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap) {
  char buf[4096];
  vsnprintf(buf, sizeof(buf), fmt, ap);
  if (libbpf_verbose)
    fputs(buf, stderr);
  if (level <= LIBBPF_WARN && !strstr(buf, "-- BEGIN") && !strstr(buf, "-- END")) {
    size_t n = strcspn(buf, "\n");
    if (n && !libbpf_last[0]) {
      snprintf(libbpf_last, sizeof(libbpf_last), "%.*s", (int)n, buf);
    }
  }
  return 0;
}

/* Exit status 3 when there is no kernel to ask: no bpf(2), or not allowed to load. */
static int check_kernel(void) {
  struct bpf_insn prog[] = {
      {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
      {.code = BPF_JMP | BPF_EXIT},
  };
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
  attr.insns = (uint64_t)(uintptr_t)prog;
  attr.insn_cnt = 2;
  attr.license = (uint64_t)(uintptr_t) "GPL";
  long fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  if (fd >= 0) {
    close((int)fd);
    if (geteuid() != 0)
      fprintf(stderr, "kernel-oracle: warning: not root; privileged-only checks "
                      "may differ from a root load\n");
    return 0;
  }
  int err = errno;
  if (err == ENOSYS)
    fprintf(stderr, "kernel-oracle: no usable kernel: this kernel has no bpf() system "
                    "call (ENOSYS)\n");
  else if (err == EPERM || err == EACCES)
    fprintf(stderr,
            "kernel-oracle: no usable kernel: BPF_PROG_LOAD is not permitted (%s); run "
            "as root or with CAP_BPF+CAP_PERFMON+CAP_NET_ADMIN\n",
            strerror(err));
  else
    fprintf(stderr, "kernel-oracle: no usable kernel: a trivial BPF_PROG_LOAD failed: %s\n",
            strerror(err));
  return -1;
}

struct load_attempt {
  struct recorded_load rec;
  char *log;
  size_t log_size;
  int libbpf_err;
  char libbpf_msg[1024];
};

/* Opens `path` afresh and loads only `target` with the given log level and buffer. */
static int load_one(const char *path, const char *target, uint32_t log_level, size_t log_size,
                    struct load_attempt *out) {
  struct bpf_object *obj = bpf_object__open_file(path, NULL);
  if (!obj)
    return -errno;
  struct bpf_program *prog, *found = NULL;
  bpf_object__for_each_program(prog, obj) {
    bool me = strcmp(bpf_program__name(prog), target) == 0;
    bpf_program__set_autoload(prog, me);
    if (me)
      found = prog;
  }
  if (!found) {
    bpf_object__close(obj);
    return -ENOENT;
  }
  out->log = calloc(1, log_size);
  if (!out->log) {
    bpf_object__close(obj);
    return -ENOMEM;
  }
  out->log_size = log_size;
  bpf_program__set_log_level(found, log_level);
  bpf_program__set_log_buf(found, out->log, log_size);
  libbpf_last[0] = '\0';
  hook_arm(obj, out->log, &out->rec);
  out->libbpf_err = bpf_object__load(obj);
  hook_disarm();
  snprintf(out->libbpf_msg, sizeof(out->libbpf_msg), "%s", libbpf_last);
  bpf_object__close(obj);
  return 0;
}

static void attempt_free(struct load_attempt *a) {
  recorded_load_free(&a->rec);
  free(a->log);
  memset(a, 0, sizeof(*a));
}

static const char *errno_name(int err) {
  const char *n = strerrorname_np(err);
  return n ? n : "unknown";
}

struct program_result {
  const char *verdict;
  const char *refused_by;
  int err;
  char *message;
  int64_t insn_index;
  struct verifier_stats stats;
  double load_us;
  char libbpf_msg[1024];
};

/* Pass 1 (log_level 4): verdict, errno, message and statistics. Pass 2 (log_level 2|4, buffer
 * grown on ENOSPC): the full log, for the failing instruction. */
/* check_pseudo_btf_id() when kallsyms_lookup_name() finds no address. */
static const char KALLSYMS_REFUSAL[] = "ldimm64 failed to find the address for kernel symbol";

static int examine(const char *path, struct bpf_program *prog, const struct options *opt,
                   struct json *j, struct json *insns_json) {
  const char *name = bpf_program__name(prog);
  struct program_result res = {.insn_index = -1};
  struct load_attempt stats_pass = {0}, full_pass = {0};
  int rc = load_one(path, name, 4, STATS_LOG_SIZE, &stats_pass);
  if (rc < 0) {
    fprintf(stderr, "kernel-oracle: %s: cannot reopen for program %s: %s\n", path, name,
            strerror(-rc));
    return -1;
  }
  const struct recorded_load *r = &stats_pass.rec;
  if (getenv("KERNEL_ORACLE_DEBUG"))
    fprintf(stderr, "--- %s: log_level 4 log ---\n%s--- end ---\n", name, stats_pass.log);
  snprintf(res.libbpf_msg, sizeof(res.libbpf_msg), "%s", stats_pass.libbpf_msg);
  if (!r->seen) {
    res.verdict = "env-refused";
    res.refused_by = "libbpf";
    res.err = stats_pass.libbpf_err < 0 ? -stats_pass.libbpf_err : 0;
  } else {
    res.err = r->err;
    res.load_us = r->syscall_us;
    parse_stats(stats_pass.log, &res.stats);
    if (r->result >= 0) {
      res.verdict = "accept";
    } else if (log_is_empty(stats_pass.log)) {
      res.verdict = "env-refused";
      res.refused_by = "kernel";
    } else {
      res.verdict = "reject";
      res.message = error_line(stats_pass.log);
      /* A typed ksym of a data symbol needs its address in kallsyms (CONFIG_KALLSYMS_ALL):
       * without it the kernel refuses the program before its verifier runs. That is this
       * machine's configuration, not a verdict about the program. */
      if (res.message &&
          strncmp(res.message, KALLSYMS_REFUSAL, sizeof(KALLSYMS_REFUSAL) - 1) == 0) {
        res.verdict = "env-refused";
        res.refused_by = "kallsyms";
      }
    }
  }

  char *full_log = NULL;
  if (r->seen && !opt->stats_only && (strcmp(res.verdict, "reject") == 0 || opt->full_log)) {
    for (size_t size = FULL_LOG_START; size <= FULL_LOG_MAX; size *= 4) {
      attempt_free(&full_pass);
      if (load_one(path, name, 2 | 4, size, &full_pass) < 0 || !full_pass.rec.seen ||
          full_pass.rec.err != ENOSPC || size == FULL_LOG_MAX)
        break;
    }
    if (full_pass.rec.seen) {
      full_log = full_pass.log;
      if (res.message)
        res.insn_index = failing_insn(full_log, res.message);
    }
  }

  json_begin_object(j);
  json_key(j, "section");
  json_string(j, bpf_program__section_name(prog));
  json_key(j, "name");
  json_string(j, name);
  json_key(j, "prog_type");
  json_string(j, libbpf_bpf_prog_type_str(bpf_program__type(prog)));
  json_key(j, "expected_attach_type");
  json_string(j, libbpf_bpf_attach_type_str(bpf_program__expected_attach_type(prog)));
  json_key(j, "prog_type_id");
  json_uint(j, bpf_program__type(prog));
  json_key(j, "expected_attach_type_id");
  json_uint(j, bpf_program__expected_attach_type(prog));
  json_key(j, "verdict");
  json_string(j, res.verdict);
  if (res.refused_by) {
    json_key(j, "refused_by");
    json_string(j, res.refused_by);
    json_key(j, "libbpf_message");
    json_string(j, res.libbpf_msg);
  }
  json_key(j, "errno");
  json_int(j, res.err);
  json_key(j, "errno_name");
  if (res.err)
    json_string(j, errno_name(res.err));
  else
    json_null(j);
  json_key(j, "error");
  if (res.message) {
    json_begin_object(j);
    json_key(j, "message");
    json_string(j, res.message);
    json_key(j, "insn_index");
    if (res.insn_index >= 0)
      json_int(j, res.insn_index);
    else
      json_null(j);
    json_end_object(j);
  } else {
    json_null(j);
  }
  json_key(j, "stats");
  if (res.stats.have_processed) {
    json_begin_object(j);
    json_key(j, "processed_insns");
    json_uint(j, res.stats.processed_insns);
    json_key(j, "insn_limit");
    json_uint(j, res.stats.insn_limit);
    json_key(j, "max_states_per_insn");
    json_uint(j, res.stats.max_states_per_insn);
    json_key(j, "total_states");
    json_uint(j, res.stats.total_states);
    json_key(j, "peak_states");
    json_uint(j, res.stats.peak_states);
    json_key(j, "mark_read");
    json_uint(j, res.stats.mark_read);
    json_key(j, "verification_time_us");
    if (res.stats.have_time)
      json_uint(j, res.stats.verification_time_us);
    else
      json_null(j);
    json_key(j, "stack_depth");
    json_string(j, res.stats.stack_depth);
    json_end_object(j);
  } else {
    json_null(j);
  }
  json_key(j, "load_syscall_us");
  if (r->seen)
    json_double(j, res.load_us);
  else
    json_null(j);
  if (r->seen)
    emit_load_attr(j, r, opt->insns && !opt->record_dir);
  if (opt->full_log) {
    json_key(j, "log");
    json_string(j, full_log ? full_log : stats_pass.log);
  }
  json_end_object(j);

  if (insns_json) {
    json_begin_object(insns_json);
    json_key(insns_json, "section");
    json_string(insns_json, bpf_program__section_name(prog));
    json_key(insns_json, "name");
    json_string(insns_json, name);
    json_key(insns_json, "prog_type");
    json_string(insns_json, libbpf_bpf_prog_type_str(bpf_program__type(prog)));
    json_key(insns_json, "expected_attach_type");
    json_string(insns_json, libbpf_bpf_attach_type_str(bpf_program__expected_attach_type(prog)));
    json_key(insns_json, "loaded");
    json_bool(insns_json, r->seen);
    if (r->seen)
      emit_load_attr(insns_json, r, true);
    json_end_object(insns_json);
  }

  free(res.message);
  attempt_free(&stats_pass);
  attempt_free(&full_pass);
  return 0;
}

/* "dir/foo.bpf.o" -> "foo" (the name recorded expectations are filed under). */
static char *object_stem(const char *path) {
  char *copy = strdup(path);
  char *base = strdup(basename(copy));
  free(copy);
  size_t n = strlen(base);
  if (n > 6 && strcmp(base + n - 6, ".bpf.o") == 0)
    base[n - 6] = '\0';
  else if (n > 2 && strcmp(base + n - 2, ".o") == 0)
    base[n - 2] = '\0';
  return base;
}

static FILE *open_record(const char *dir, const char *kind, const char *stem, char **path_out) {
  char *sub, *path;
  if (asprintf(&sub, "%s/%s", dir, kind) < 0)
    return NULL;
  mkdir(dir, 0755);
  mkdir(sub, 0755);
  if (asprintf(&path, "%s/%s.json", sub, stem) < 0) {
    free(sub);
    return NULL;
  }
  free(sub);
  FILE *f = fopen(path, "w");
  if (!f)
    fprintf(stderr, "kernel-oracle: %s: cannot write: %s\n", path, strerror(errno));
  *path_out = path;
  return f;
}

static bool selected(struct bpf_program *prog, const struct options *opt) {
  if (opt->program && strcmp(opt->program, bpf_program__name(prog)) != 0)
    return false;
  if (opt->section && fnmatch(opt->section, bpf_program__section_name(prog), 0) != 0)
    return false;
  return true;
}

static int examine_object(const char *path, const char *release, const struct options *opt,
                          struct json *j) {
  libbpf_last[0] = '\0';
  struct bpf_object *obj = bpf_object__open_file(path, NULL);
  if (!obj) {
    fprintf(stderr, "kernel-oracle: %s: libbpf cannot open it: %s\n", path,
            libbpf_last[0] ? libbpf_last : strerror(errno));
    return -1;
  }
  char *stem = object_stem(path);
  FILE *kernel_file = NULL, *insns_file = NULL;
  char *kernel_path = NULL, *insns_path = NULL;
  struct json kj, ij;
  struct json *out = j;
  if (opt->record_dir) {
    kernel_file = open_record(opt->record_dir, "kernel", stem, &kernel_path);
    insns_file = open_record(opt->record_dir, "libbpf-insns", stem, &insns_path);
    if (!kernel_file || !insns_file) {
      if (kernel_file)
        fclose(kernel_file);
      if (insns_file)
        fclose(insns_file);
      free(kernel_path);
      free(insns_path);
      free(stem);
      bpf_object__close(obj);
      return -1;
    }
    json_init(&kj, kernel_file, true);
    json_init(&ij, insns_file, true);
    out = &kj;
    json_begin_object(&ij);
    json_key(&ij, "oracle_format");
    json_int(&ij, ORACLE_FORMAT_VERSION);
    json_key(&ij, "object");
    json_string(&ij, stem);
    json_key(&ij, "kernel_release");
    json_string(&ij, release);
    json_key(&ij, "libbpf_version");
    json_string(&ij, libbpf_version_string());
    json_key(&ij, "programs");
    json_begin_array(&ij);
  }
  json_begin_object(out);
  if (opt->record_dir) {
    json_key(out, "oracle_format");
    json_int(out, ORACLE_FORMAT_VERSION);
    json_key(out, "kernel_release");
    json_string(out, release);
  }
  json_key(out, "object");
  json_string(out, opt->record_dir ? stem : path);
  json_key(out, "programs");
  json_begin_array(out);
  int rc = 0;
  struct bpf_program *prog;
  bpf_object__for_each_program(prog, obj) {
    if (!selected(prog, opt))
      continue;
    if (examine(path, prog, opt, out, opt->record_dir ? &ij : NULL) < 0)
      rc = -1;
  }
  json_end_array(out);
  json_end_object(out);
  if (opt->record_dir) {
    json_finish(&kj);
    json_end_array(&ij);
    json_end_object(&ij);
    json_finish(&ij);
    fclose(kernel_file);
    fclose(insns_file);
    fprintf(stderr, "kernel-oracle: recorded %s and %s\n", kernel_path, insns_path);
  }
  free(kernel_path);
  free(insns_path);
  free(stem);
  bpf_object__close(obj);
  return rc;
}

static void usage(FILE *f) {
  fputs("usage: kernel-oracle [options] OBJECT.bpf.o...\n"
        "       kernel-oracle --raw CORPUS.jsonl [--record-raw OUT.jsonl] [--program ID]\n"
        "Loads each program of each object alone into the running kernel (never attaches)\n"
        "and prints the kernel's verdict, message, statistics and libbpf's instructions as "
        "JSON.\n"
        "  --record DIR      write DIR/kernel/<object>.json and DIR/libbpf-insns/<object>.json\n"
        "                    (e.g. DIR = testdata/expect) instead of printing\n"
        "  --program NAME    only the program with this function name\n"
        "  --section GLOB    only programs whose section matches GLOB\n"
        "  --no-insns        leave the instructions out of the printed JSON\n"
        "  --full-log        include the verifier log (level 2|4) of every program\n"
        "  --compact         one line of JSON\n"
        "  --stats-only      pass 1 only: no level-2 log pass, so insn_index is null (for\n"
        "                    timing; a level-2 log of a long program can take minutes)\n"
        "  -v, --verbose     show libbpf's messages on stderr\n"
        "  --raw CORPUS.jsonl  raw programs instead of objects: one JSON object per line with\n"
        "                    id, prog_type, expected_attach_type, maps, insns (hex); maps are\n"
        "                    created and passed through fd_array; one result line per program\n"
        "  --record-raw OUT  write the --raw result lines to OUT instead of stdout\n"
        "  --program ID      with --raw: only the program with this id\n"
        "exit status: 0 done (every program has an answer, including env-refused), 2 bad\n"
        "usage or an object libbpf cannot open, 3 no usable kernel (no bpf(), not permitted)\n",
        f);
}

/* --raw mode: no objects, no libbpf loading; see raw.h. */
static int raw_main(const struct options *opt, bool have_objects) {
  if (have_objects || opt->record_dir || opt->section) {
    fprintf(stderr, "kernel-oracle: --raw takes no objects, --record or --section\n");
    return EXIT_USAGE;
  }
  if (access(opt->raw_corpus, R_OK) != 0) {
    fprintf(stderr, "kernel-oracle: %s: %s\n", opt->raw_corpus, strerror(errno));
    return EXIT_USAGE;
  }
  libbpf_verbose = opt->verbose;
  libbpf_set_print(libbpf_print);
  if (check_kernel() < 0)
    return EXIT_NO_KERNEL;
  struct utsname uts;
  const char *release = uname(&uts) == 0 ? uts.release : "unknown";
  FILE *out = stdout;
  if (opt->raw_out && !(out = fopen(opt->raw_out, "w"))) {
    fprintf(stderr, "kernel-oracle: %s: cannot write: %s\n", opt->raw_out, strerror(errno));
    return EXIT_USAGE;
  }
  struct raw_options ro = {
      .only_id = opt->program, .full_log = opt->full_log, .stats_only = opt->stats_only};
  int rc = raw_run(opt->raw_corpus, out, release, &ro);
  if (out != stdout && fclose(out) != 0) {
    fprintf(stderr, "kernel-oracle: %s: cannot write: %s\n", opt->raw_out, strerror(errno));
    rc = -1;
  }
  return rc < 0 ? EXIT_USAGE : EXIT_OK;
}

int main(int argc, char **argv) {
  struct options opt = {.insns = true};
  bool pretty = true;
  int first_file = argc;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--record") == 0 && i + 1 < argc) {
      opt.record_dir = argv[++i];
    } else if (strcmp(a, "--raw") == 0 && i + 1 < argc) {
      opt.raw_corpus = argv[++i];
    } else if (strcmp(a, "--record-raw") == 0 && i + 1 < argc) {
      opt.raw_out = argv[++i];
    } else if (strcmp(a, "--program") == 0 && i + 1 < argc) {
      opt.program = argv[++i];
    } else if (strcmp(a, "--section") == 0 && i + 1 < argc) {
      opt.section = argv[++i];
    } else if (strcmp(a, "--no-insns") == 0) {
      opt.insns = false;
    } else if (strcmp(a, "--full-log") == 0) {
      opt.full_log = true;
    } else if (strcmp(a, "--stats-only") == 0) {
      opt.stats_only = true;
    } else if (strcmp(a, "--compact") == 0) {
      pretty = false;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      opt.verbose = true;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return EXIT_OK;
    } else if (strcmp(a, "--") == 0) {
      first_file = i + 1;
      break;
    } else if (a[0] == '-') {
      fprintf(stderr, "kernel-oracle: unknown or incomplete option '%s'\n", a);
      usage(stderr);
      return EXIT_USAGE;
    } else {
      first_file = i;
      break;
    }
  }
  if (opt.raw_corpus)
    return raw_main(&opt, first_file < argc);
  if (opt.raw_out) {
    fprintf(stderr, "kernel-oracle: --record-raw needs --raw\n");
    return EXIT_USAGE;
  }
  if (first_file >= argc) {
    usage(stderr);
    return EXIT_USAGE;
  }
  for (int i = first_file; i < argc; i++) {
    if (access(argv[i], R_OK) != 0) {
      fprintf(stderr, "kernel-oracle: %s: %s\n", argv[i], strerror(errno));
      return EXIT_USAGE;
    }
  }
  libbpf_verbose = opt.verbose;
  libbpf_set_print(libbpf_print);
  libbpf_set_strict_mode(LIBBPF_STRICT_ALL);
  if (check_kernel() < 0)
    return EXIT_NO_KERNEL;

  struct utsname uts;
  const char *release = uname(&uts) == 0 ? uts.release : "unknown";
  struct json j;
  json_init(&j, stdout, pretty);
  if (!opt.record_dir) {
    json_begin_object(&j);
    json_key(&j, "oracle_format");
    json_int(&j, ORACLE_FORMAT_VERSION);
    json_key(&j, "kernel_release");
    json_string(&j, release);
    json_key(&j, "libbpf_version");
    json_string(&j, libbpf_version_string());
    json_key(&j, "objects");
    json_begin_array(&j);
  }
  int status = EXIT_OK;
  for (int i = first_file; i < argc; i++)
    if (examine_object(argv[i], release, &opt, &j) < 0)
      status = EXIT_USAGE;
  if (!opt.record_dir) {
    json_end_array(&j);
    json_end_object(&j);
    json_finish(&j);
  }
  return status;
}

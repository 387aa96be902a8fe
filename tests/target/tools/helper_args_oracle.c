// Root-only recorder: for each (program type, helper) the running kernel may call, searches
// argument by argument for the first kind of value the kernel accepts there (zero, ctx, a stack
// pointer, the constant 8, a trusted task_struct, an initialized dynptr, a callback, a read-only
// string, a map of some type), keeping the earlier arguments at their accepted kinds and filling
// the later ones with the context pointer (which fails with a message naming its register).
// Output (tests/target/data/helper_args_search.tsv): the accepted kind of every argument position
// ("?" where none was found) and the final log line. Build and run with record-helper-oracle.sh.
#define _GNU_SOURCE
#include <errno.h>
#include <bpf/btf.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum kind {
  ZERO, CTX, FP, CONST8, TASK, DYNPTR, FUNC, STR, LOCK, TIMER, SOCK, RBMEM, RBDYNPTR, MAP, KIND_COUNT
};
static const char *const kind_names[] = {"zero", "ctx",   "fp",   "const8", "task",
                                         "dynptr", "func", "str", "lock",   "timer",
                                         "sock", "rbmem", "rbdynptr", "map"};

struct target {
  const char *label;
  uint32_t prog_type, attach_type, prog_flags;
  const char *btf_name; // vmlinux BTF function or typedef naming the attach point
  int btf_kind;
  uint32_t btf_id;
  int has_sock; // the type may call bpf_sk_lookup_tcp, which makes the SOCK kind
};

// One target per program type (attach types the loader requires), as in helper_oracle.c.
static struct target targets[] = {
    {"socket_filter", 1, 0, 0},        {"kprobe", 2, 0, 0},
    {"sched_cls", 3, 0, 0},            {"tracepoint", 5, 0, 0},
    {"xdp", 6, 0, 0},                  {"perf_event", 7, 0, 0},
    {"cgroup_skb.ingress", 8, 0, 0},   {"cgroup_sock.create", 9, 2, 0},
    {"lwt_in", 10, 0, 0},              {"lwt_out", 11, 0, 0},
    {"lwt_xmit", 12, 0, 0},            {"sock_ops", 13, 0, 0},
    {"sk_skb", 14, 0, 0},              {"cgroup_device", 15, 0, 0},
    {"sk_msg", 16, 0, 0},              {"raw_tracepoint", 17, 0, 0},
    {"sock_addr.connect4", 18, 10, 0}, {"lwt_seg6local", 19, 0, 0},
    {"sk_reuseport.select", 21, 39, 0}, {"flow_dissector", 22, 0, 0},
    {"cgroup_sysctl", 23, 0, 0},       {"cgroup_sockopt.set", 25, 22, 0},
    {"sk_lookup", 30, 36, 0},          {"syscall", 31, 0, 1u << 4},
    {"netfilter", 32, 45, 0},
    {"tracing.tp_btf", 26, 23, 0, "btf_trace_sched_switch", BTF_KIND_TYPEDEF},
    {"tracing.iter", 26, 28, 0, "bpf_iter_task", BTF_KIND_FUNC},
};

// Map types tried for a map argument (enum bpf_map_type), with key/value sizes they accept.
struct map_spec {
  uint32_t type, key_size, value_size, max_entries, flags;
  uint32_t btf_value_type; // BTF value type id in the maps' BTF (key type int), or 0
};
static const struct map_spec map_specs[] = {
    {1, 4, 8, 1, 0, 0},          // hash
    {2, 4, 8, 1, 0, 0},          // array
    {3, 4, 4, 1, 0, 0},          // prog_array
    {4, 4, 4, 1, 0, 0},          // perf_event_array
    {5, 4, 8, 1, 0, 0},          // percpu_hash
    {7, 4, 64, 1, 0, 0},         // stack_trace
    {8, 4, 4, 1, 0, 0},          // cgroup_array
    {14, 4, 4, 1, 0, 0},         // devmap
    {15, 4, 4, 1, 0, 0},         // sockmap
    {16, 4, 4, 1, 0, 0},         // cpumap
    {17, 4, 4, 1, 0, 0},         // xskmap
    {18, 4, 4, 1, 0, 0},         // sockhash
    {19, 8, 8, 0, 0, 0},         // cgroup_storage
    {20, 4, 8, 1, 0, 0},         // reuseport_sockarray
    {22, 0, 8, 1, 0, 0},         // queue
    {24, 4, 4, 0, BPF_F_NO_PREALLOC, 1}, // sk_storage
    {27, 0, 0, 4096, 0, 0},      // ringbuf
    {28, 4, 4, 0, BPF_F_NO_PREALLOC, 1}, // inode_storage
    {29, 4, 4, 0, BPF_F_NO_PREALLOC, 1}, // task_storage
    {31, 0, 0, 4096, 0, 0},      // user_ringbuf
    {32, 4, 4, 0, BPF_F_NO_PREALLOC, 1}, // cgrp_storage
    {2, 4, 8, 1, 0, 3},                  // array whose value holds a bpf_spin_lock
    {2, 4, 16, 1, 0, 6},                 // array whose value holds a bpf_timer
};
#define MAP_SPEC_COUNT (sizeof(map_specs) / sizeof(map_specs[0]))
static int map_fds[MAP_SPEC_COUNT];
static int str_map_fd = -1, data_map_fd = -1, func_btf_fd = -1, ringbuf_fd = -1, lock_map_fd = -1,
           timer_map_fd = -1;

static long sys_bpf(int cmd, union bpf_attr *attr) {
  return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static int load_btf(const void *blob, uint32_t size) {
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.btf = (uintptr_t)blob;
  attr.btf_size = size;
  return (int)sys_bpf(BPF_BTF_LOAD, &attr);
}

// Program BTF for callbacks (the verifier needs func_info to know subprograms): [1] int,
// [2] int (void), [3] static func "main", [4] static func "cb".
static int load_func_btf(void) {
  struct {
    struct btf_header header;
    struct btf_type int_type;
    uint32_t encoding;
    struct btf_type proto, main_func, cb_func;
    char strings[13];
  } __attribute__((packed)) blob;
  memset(&blob, 0, sizeof(blob));
  blob.header.magic = BTF_MAGIC;
  blob.header.version = BTF_VERSION;
  blob.header.hdr_len = sizeof(blob.header);
  blob.header.type_len = sizeof(blob) - sizeof(blob.header) - sizeof(blob.strings);
  blob.header.str_off = blob.header.type_len;
  blob.header.str_len = sizeof(blob.strings);
  blob.int_type.name_off = 1;
  blob.int_type.info = BTF_KIND_INT << 24;
  blob.int_type.size = 4;
  blob.encoding = BTF_INT_SIGNED << 24 | 32;
  blob.proto.info = BTF_KIND_FUNC_PROTO << 24;
  blob.proto.type = 1;
  blob.main_func.name_off = 5;
  blob.main_func.info = BTF_KIND_FUNC << 24;
  blob.main_func.type = 2;
  blob.cb_func.name_off = 10;
  blob.cb_func.info = BTF_KIND_FUNC << 24;
  blob.cb_func.type = 2;
  memcpy(blob.strings, "\0int\0main\0cb", 13);
  return load_btf(&blob, sizeof(blob));
}

// The maps' BTF: [1] int, [2] struct bpf_spin_lock { int val; }, [3] struct lock_value { struct
// bpf_spin_lock lock; int pad; }, [4] long, [5] struct bpf_timer { long a, b; }, [6] struct
// timer_value { struct bpf_timer timer; }. The local-storage maps use int for key and value.
static uint32_t btf_words[128];
static int n_btf_words;
static char btf_strings[256];
static int n_btf_strings;

static uint32_t btf_string(const char *text) {
  uint32_t off = (uint32_t)n_btf_strings;
  memcpy(btf_strings + n_btf_strings, text, strlen(text) + 1);
  n_btf_strings += (int)strlen(text) + 1;
  return off;
}

static void btf_int(const char *name, uint32_t size) {
  btf_words[n_btf_words++] = btf_string(name);
  btf_words[n_btf_words++] = BTF_KIND_INT << 24;
  btf_words[n_btf_words++] = size;
  btf_words[n_btf_words++] = BTF_INT_SIGNED << 24 | size * 8;
}

static void btf_struct(const char *name, uint32_t size, int members, const char *const names[],
                       const uint32_t types[], const uint32_t bit_offsets[]) {
  btf_words[n_btf_words++] = btf_string(name);
  btf_words[n_btf_words++] = BTF_KIND_STRUCT << 24 | (uint32_t)members;
  btf_words[n_btf_words++] = size;
  for (int i = 0; i < members; i++) {
    btf_words[n_btf_words++] = btf_string(names[i]);
    btf_words[n_btf_words++] = types[i];
    btf_words[n_btf_words++] = bit_offsets[i];
  }
}

static int load_maps_btf(void) {
  n_btf_strings = 1; // offset 0 is ""
  btf_int("int", 4);
  btf_struct("bpf_spin_lock", 4, 1, (const char *const[]){"val"}, (const uint32_t[]){1},
             (const uint32_t[]){0});
  btf_struct("lock_value", 8, 2, (const char *const[]){"lock", "pad"}, (const uint32_t[]){2, 1},
             (const uint32_t[]){0, 32});
  btf_int("long", 8);
  btf_struct("bpf_timer", 16, 2, (const char *const[]){"a", "b"}, (const uint32_t[]){4, 4},
             (const uint32_t[]){0, 64});
  btf_struct("timer_value", 16, 1, (const char *const[]){"timer"}, (const uint32_t[]){5},
             (const uint32_t[]){0});
  static unsigned char blob[sizeof(struct btf_header) + sizeof(btf_words) + sizeof(btf_strings)];
  struct btf_header header;
  memset(&header, 0, sizeof(header));
  header.magic = BTF_MAGIC;
  header.version = BTF_VERSION;
  header.hdr_len = sizeof(header);
  header.type_len = (uint32_t)n_btf_words * 4;
  header.str_off = header.type_len;
  header.str_len = (uint32_t)n_btf_strings;
  memcpy(blob, &header, sizeof(header));
  memcpy(blob + sizeof(header), btf_words, header.type_len);
  memcpy(blob + sizeof(header) + header.type_len, btf_strings, header.str_len);
  return load_btf(blob, (uint32_t)(sizeof(header) + header.type_len + header.str_len));
}

static void create_maps(void) {
  int btf_fd = load_maps_btf();
  if (btf_fd < 0)
    fprintf(stderr, "maps BTF: %s\n", strerror(errno));
  for (size_t i = 0; i < MAP_SPEC_COUNT; i++) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.map_type = map_specs[i].type;
    attr.key_size = map_specs[i].key_size;
    attr.value_size = map_specs[i].value_size;
    attr.max_entries = map_specs[i].max_entries;
    attr.map_flags = map_specs[i].flags;
    if (map_specs[i].btf_value_type) {
      attr.btf_fd = (uint32_t)btf_fd;
      attr.btf_key_type_id = 1;
      attr.btf_value_type_id = map_specs[i].btf_value_type;
    }
    map_fds[i] = (int)sys_bpf(BPF_MAP_CREATE, &attr);
    if (map_fds[i] < 0)
      fprintf(stderr, "map type %u: %s\n", map_specs[i].type, strerror(errno));
  }
  for (size_t i = 0; i < MAP_SPEC_COUNT; i++) {
    if (map_specs[i].type == BPF_MAP_TYPE_RINGBUF)
      ringbuf_fd = map_fds[i];
    if (map_specs[i].btf_value_type == 3)
      lock_map_fd = map_fds[i];
    if (map_specs[i].btf_value_type == 6)
      timer_map_fd = map_fds[i];
  }
  func_btf_fd = load_func_btf();
  if (func_btf_fd < 0)
    fprintf(stderr, "func BTF: %s\n", strerror(errno));
  // A writable array whose value backs the local dynptr (bpf_dynptr_from_mem wants map memory).
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.map_type = BPF_MAP_TYPE_ARRAY;
  attr.key_size = 4;
  attr.value_size = 64;
  attr.max_entries = 1;
  data_map_fd = (int)sys_bpf(BPF_MAP_CREATE, &attr);
  // A frozen read-only array holding "%d": ARG_PTR_TO_CONST_STR.
  memset(&attr, 0, sizeof(attr));
  attr.map_type = BPF_MAP_TYPE_ARRAY;
  attr.key_size = 4;
  attr.value_size = 8;
  attr.max_entries = 1;
  attr.map_flags = BPF_F_RDONLY_PROG;
  str_map_fd = (int)sys_bpf(BPF_MAP_CREATE, &attr);
  uint32_t key = 0;
  char value[8] = "%d";
  memset(&attr, 0, sizeof(attr));
  attr.map_fd = str_map_fd;
  attr.key = (uintptr_t)&key;
  attr.value = (uintptr_t)value;
  sys_bpf(BPF_MAP_UPDATE_ELEM, &attr);
  memset(&attr, 0, sizeof(attr));
  attr.map_fd = str_map_fd;
  sys_bpf(BPF_MAP_FREEZE, &attr);
}

static struct bpf_insn insns[64];
static int n_insns;

static void emit(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  struct bpf_insn *insn = &insns[n_insns++];
  memset(insn, 0, sizeof(*insn));
  insn->code = code;
  insn->dst_reg = dst;
  insn->src_reg = src;
  insn->off = off;
  insn->imm = imm;
}

static void emit_ld_imm64(uint8_t dst, uint8_t src, int32_t imm, int32_t imm_hi) {
  emit(BPF_LD | BPF_IMM | BPF_DW, dst, src, 0, imm);
  emit(0, 0, 0, 0, imm_hi);
}

static char log_buf[1 << 16];
static uint32_t log_level = 1;
static int use_r0; // read r0 after the call, so that the log's state after the call shows it

// Builds and loads: r6 = ctx; zero fp-64..fp-1; preludes; r1..r5 by kind; call; r0 = 0; exit;
// the NULL exits of the preludes (r0 = 0; exit); then a callback subprogram (r0 = 0; exit).
// Preludes: r9 = trusted task_struct, fp-80 a local dynptr, r8 = a referenced socket from
// bpf_sk_lookup_tcp, r7 = reserved ringbuf memory, fp-96 a ringbuf dynptr.
// Returns errno (0 on success), or -2 when a kind cannot be made in this program type.
static int load(const struct target *t, int32_t helper, const enum kind kinds[5], int map_fd) {
  n_insns = 0;
  int need_task = 0, need_dynptr = 0, need_func = 0, need_sock = 0, need_rbmem = 0,
      need_rbdynptr = 0;
  for (int i = 0; i < 5; i++) {
    need_task |= kinds[i] == TASK;
    need_dynptr |= kinds[i] == DYNPTR;
    need_func |= kinds[i] == FUNC;
    need_sock |= kinds[i] == SOCK;
    need_rbmem |= kinds[i] == RBMEM;
    need_rbdynptr |= kinds[i] == RBDYNPTR;
  }
  if (need_sock && !t->has_sock)
    return -2;
  int null_jumps[2], n_null_jumps = 0;
  emit(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 0, 0); // r6 = ctx
  emit(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
  for (int off = -64; off < 0; off += 8)
    emit(BPF_STX | BPF_MEM | BPF_DW, 10, 0, off, 0); // *(u64 *)(r10 + off) = 0
  if (need_dynptr) { // bpf_dynptr_from_mem(&data_map[0], 8, 0, fp - 80)
    emit_ld_imm64(1, BPF_PSEUDO_MAP_VALUE, data_map_fd, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 8);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 4, 10, 0, 0);
    emit(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, -80);
    emit(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_dynptr_from_mem);
  }
  if (need_task) { // r9 = bpf_get_current_task_btf()
    emit(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_current_task_btf);
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 9, 0, 0, 0);
  }
  if (need_sock) { // r8 = bpf_sk_lookup_tcp(ctx, fp - 64, 12, BPF_F_CURRENT_NETNS, 0), not NULL
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 1, 6, 0, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0);
    emit(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -64);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 12);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 4, 0, 0, -1);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 5, 0, 0, 0);
    emit(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_sk_lookup_tcp);
    null_jumps[n_null_jumps++] = n_insns;
    emit(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0); // if r0 == 0 goto null exit
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 8, 0, 0, 0);
  }
  if (need_rbmem) { // r7 = bpf_ringbuf_reserve(ringbuf, 8, 0), not NULL
    emit_ld_imm64(1, BPF_PSEUDO_MAP_FD, ringbuf_fd, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 8);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0);
    emit(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_reserve);
    null_jumps[n_null_jumps++] = n_insns;
    emit(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 7, 0, 0, 0);
  }
  if (need_rbdynptr) { // bpf_ringbuf_reserve_dynptr(ringbuf, 8, 0, fp - 96)
    emit_ld_imm64(1, BPF_PSEUDO_MAP_FD, ringbuf_fd, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 8);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0);
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 4, 10, 0, 0);
    emit(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, -96);
    emit(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_reserve_dynptr);
  }
  int func_insn = -1;
  for (int i = 0; i < 5; i++) {
    uint8_t r = (uint8_t)(i + 1);
    switch (kinds[i]) {
    case ZERO:
      emit(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, 0);
      break;
    case CTX:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 6, 0, 0);
      break;
    case FP:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 10, 0, 0);
      emit(BPF_ALU64 | BPF_ADD | BPF_K, r, 0, 0, -64);
      break;
    case CONST8:
      emit(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, 8);
      break;
    case TASK:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 9, 0, 0);
      break;
    case DYNPTR:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 10, 0, 0);
      emit(BPF_ALU64 | BPF_ADD | BPF_K, r, 0, 0, -80);
      break;
    case FUNC:
      func_insn = n_insns;
      emit_ld_imm64(r, BPF_PSEUDO_FUNC, 0, 0); // imm patched below
      break;
    case STR:
      emit_ld_imm64(r, BPF_PSEUDO_MAP_VALUE, str_map_fd, 0);
      break;
    case MAP:
      emit_ld_imm64(r, BPF_PSEUDO_MAP_FD, map_fd, 0);
      break;
    case SOCK:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 8, 0, 0);
      break;
    case LOCK:
      emit_ld_imm64(r, BPF_PSEUDO_MAP_VALUE, lock_map_fd, 0);
      break;
    case TIMER:
      emit_ld_imm64(r, BPF_PSEUDO_MAP_VALUE, timer_map_fd, 0);
      break;
    case RBMEM:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 7, 0, 0);
      break;
    case RBDYNPTR:
      emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 10, 0, 0);
      emit(BPF_ALU64 | BPF_ADD | BPF_K, r, 0, 0, -96);
      break;
    default:
      break;
    }
  }
  emit(BPF_JMP | BPF_CALL, 0, 0, 0, helper);
  if (use_r0)
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 1, 0, 0, 0); // r1 = r0
  emit(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
  emit(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  if (n_null_jumps) { // the preludes' NULL exit
    for (int j = 0; j < n_null_jumps; j++)
      insns[null_jumps[j]].off = (int16_t)(n_insns - null_jumps[j] - 1);
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
    emit(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  }
  if (need_func) { // callback: r0 = 0; exit
    insns[func_insn].imm = n_insns - func_insn - 1;
    emit(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
    emit(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  }
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  struct bpf_func_info func_info[2] = {{0, 3}, {0, 4}};
  if (need_func) {
    func_info[1].insn_off = (uint32_t)(n_insns - 2);
    attr.prog_btf_fd = (uint32_t)func_btf_fd;
    attr.func_info = (uintptr_t)func_info;
    attr.func_info_rec_size = sizeof(func_info[0]);
    attr.func_info_cnt = 2;
  }
  attr.prog_type = t->prog_type;
  attr.expected_attach_type = t->attach_type;
  attr.prog_flags = t->prog_flags;
  attr.attach_btf_id = t->btf_id;
  attr.insns = (uintptr_t)insns;
  attr.insn_cnt = n_insns;
  attr.license = (uintptr_t) "GPL";
  attr.log_buf = (uintptr_t)log_buf;
  attr.log_size = sizeof(log_buf);
  attr.log_level = log_level;
  log_buf[0] = 0;
  int fd = (int)syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  if (fd >= 0)
    close(fd);
  return fd >= 0 ? 0 : errno;
}

static void last_message(char *out, size_t out_size) {
  out[0] = 0;
  char *save = NULL;
  for (char *line = strtok_r(log_buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    if (!strncmp(line, "processed ", 10) || !strncmp(line, "verification time", 17) ||
        !strncmp(line, "stack depth", 11) || !*line)
      continue;
    snprintf(out, out_size, "%s", line);
  }
  for (char *p = out; *p; p++)
    if (*p == '\t')
      *p = ' ';
}

// The lowest argument register (1..5) a message names ("R3 ...", "arg #2" is R3), or 6.
static int lowest_register(const char *msg) {
  int lowest = 6;
  for (const char *p = msg; *p; p++) {
    if (*p == 'R' && p[1] >= '1' && p[1] <= '5' && (p == msg || p[-1] == ' ') &&
        (p[2] == ' ' || p[2] == '=' || p[2] == 0 || p[2] == ','))
      lowest = p[1] - '0' < lowest ? p[1] - '0' : lowest;
    if (!strncmp(p, "arg #", 5) && p[5] >= '0' && p[5] <= '4')
      lowest = p[5] - '0' + 1 < lowest ? p[5] - '0' + 1 : lowest;
    if (!strncmp(p, "arg#", 4) && p[4] >= '0' && p[4] <= '4')
      lowest = p[4] - '0' + 1 < lowest ? p[4] - '0' + 1 : lowest;
  }
  return lowest;
}

// Complaints about the argument being checked that name no register: a zero-sized stack access,
// a const dynptr to a mutating helper, a map value without the BTF a timer/lock/kptr needs, a
// sockmap value argument, releasing an unacquired reference, writing a read-only map, or a map
// a sleepable program may not use at all (check_map_prog_compatibility).
static int argument_complaint(const char *msg) {
  static const char *const complaints[] = {
      "invalid zero-sized read",   "cannot pass pointer to const",
      "has to have BTF in order",  "invalid arg_type for sockmap",
      "is an unacquired reference", "write into map forbidden",
      "Sleepable programs can only use", "potential write to dynptr",
      "progs cannot use bpf_", "has no valid bpf_", "cannot be accessed directly"};
  for (size_t i = 0; i < sizeof(complaints) / sizeof(complaints[0]); i++)
    if (strstr(msg, complaints[i]))
      return 1;
  return 0;
}

// check_map_func_compatibility's refusal of the map's type, judged after all arguments.
static int map_refused(const char *msg) {
  return strstr(msg, "cannot pass map_type") || strstr(msg, "expected prog array map");
}

// Whether the argument at position pos (0-based) passed: the kernel's complaint is about a later
// argument, or names no argument at all (check_helper_call's checks after the arguments, the
// reference-leak and return-value checks at exit, or success).
static int accepted(const char *msg, int pos) {
  int reg = lowest_register(msg);
  if (reg <= pos + 1)
    return 0;
  return reg <= 5 || !argument_complaint(msg);
}

int main(int argc, char **argv) {
  create_maps();
  int only_helper = argc > 1 ? atoi(argv[1]) : 0;
  printf("# argument kinds the kernel accepts, searched position by position (helper_args_oracle.c)\n");
  printf("# target\tprog_type\tattach_type\thelper_id\tkinds\tmap_type\tlast_log_line\tr0_after_call\trdonly_map_access\n");
  char msg[512];
  for (size_t ti = 0; ti < sizeof(targets) / sizeof(targets[0]); ti++) {
    struct target *t = &targets[ti];
    if (t->btf_name) {
      static struct btf *vmlinux;
      if (!vmlinux)
        vmlinux = btf__load_vmlinux_btf();
      int id = vmlinux ? btf__find_by_name_kind(vmlinux, t->btf_name, t->btf_kind) : -1;
      if (id <= 0)
        continue;
      t->btf_id = (uint32_t)id;
    }
    enum kind zeros[5] = {ZERO, ZERO, ZERO, ZERO, ZERO};
    load(t, BPF_FUNC_sk_lookup_tcp, zeros, -1);
    t->has_sock = !strstr(log_buf, "cannot use helper");
    for (int32_t helper = 1; helper < 212; helper++) {
      if (only_helper && helper != only_helper)
        continue;
      enum kind probe[5] = {CTX, CTX, CTX, CTX, CTX};
      probe[0] = ZERO;
      load(t, helper, probe, -1);
      last_message(msg, sizeof(msg));
      if (strstr(msg, "cannot use helper") || strstr(msg, "GPL-restricted") ||
          strstr(msg, "not allowed in probe") || strstr(msg, "might sleep"))
        continue; // refused before its arguments: nothing to learn
      // Outer loop over map types: a map's type is only judged after all arguments
      // (check_map_func_compatibility), so keep the map type that gets furthest.
      int best_map = -1, best_score = -1, solved[5] = {0};
      enum kind best[5];
      char best_msg[512] = "";
      for (int m = -1; m < (int)MAP_SPEC_COUNT; m++) {
        if (m >= 0 && map_fds[m] < 0)
          continue;
        enum kind kinds[5] = {CTX, CTX, CTX, CTX, CTX};
        int ok[5] = {0}, solved_count = 0;
        for (int pos = 0; pos < 5; pos++) {
          for (int k = 0; k < KIND_COUNT; k++) {
            if (k == MAP && m < 0)
              continue;
            kinds[pos] = (enum kind)k;
            if (load(t, helper, kinds, m >= 0 ? map_fds[m] : -1) == -2)
              continue;
            last_message(msg, sizeof(msg));
            if (getenv("ORACLE_DEBUG"))
              fprintf(stderr, "%s #%d map %d pos %d kind %s: %s\n", t->label, helper,
                      m >= 0 ? (int)map_specs[m].type : -1, pos, kind_names[k], msg);
            if (accepted(msg, pos)) {
              ok[pos] = 1;
              break;
            }
          }
          if (!ok[pos]) {
            kinds[pos] = CTX;
            break; // later positions cannot be judged
          }
          solved_count++;
        }
        load(t, helper, kinds, m >= 0 ? map_fds[m] : -1);
        last_message(msg, sizeof(msg));
        int refused = map_refused(msg);
        int score = solved_count == 5 && !refused ? 100 : solved_count * 2 + !refused;
        if (score > best_score) {
          best_score = score;
          memcpy(best, kinds, sizeof(best));
          memcpy(solved, ok, sizeof(solved));
          snprintf(best_msg, sizeof(best_msg), "%s", msg);
          best_map = m;
        }
        if (score == 100)
          break;
      }
      int uses_map = 0;
      for (int pos = 0; pos < 5; pos++)
        uses_map |= solved[pos] && best[pos] == MAP;
      if (!uses_map)
        best_map = -1;
      // R0 after the call, from the instruction-level log of the best argument choice
      // ("R0=map_value_or_null(...)"; "-" when the program stops before reading r0, as after a
      // void helper: "R0 !read_ok").
      char r0[256] = "-";
      log_level = 2;
      use_r0 = 1;
      load(t, helper, best, best_map >= 0 ? map_fds[best_map] : -1);
      log_level = 1;
      use_r0 = 0;
      // The copy "r1 = r0" right after the call shows R0's type as R1's (the state after the
      // call itself may be printed apart, after precision-tracking lines).
      for (char *line = strtok(log_buf, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] < '0' || line[0] > '9' || !strstr(line, ": (bf) r1 = r0"))
          continue;
        char *state = strstr(line, "; ");
        char *reg = state ? strstr(state, " R1") : NULL;
        if (reg)
          snprintf(r0, sizeof(r0), "R0%.*s", (int)strcspn(reg + 3, " "), reg + 3);
        break;
      }
      // Each stack-pointer argument swapped for a pointer into the frozen read-only map: the
      // kernel refuses it with "write into map forbidden" exactly when the helper writes there
      // (MEM_WRITE). 'w' refused so, 'r' accepted, 'x' another complaint, '-' not a pointer.
      char access[6] = "-----";
      for (int pos = 0; pos < 5; pos++) {
        if (!solved[pos] || best[pos] != FP)
          continue;
        enum kind swapped[5];
        memcpy(swapped, best, sizeof(swapped));
        swapped[pos] = STR;
        load(t, helper, swapped, best_map >= 0 ? map_fds[best_map] : -1);
        last_message(msg, sizeof(msg));
        if (strstr(msg, "write into map forbidden"))
          access[pos] = 'w';
        else if (lowest_register(msg) <= 5 || argument_complaint(msg) ||
                 strstr(msg, "invalid access to map value"))
          access[pos] = 'x';
        else
          access[pos] = 'r';
      }
      printf("%s\t%u\t%u\t%d\t", t->label, t->prog_type, t->attach_type, helper);
      for (int pos = 0; pos < 5; pos++)
        printf("%s%s", pos ? "," : "", solved[pos] ? kind_names[best[pos]] : "?");
      printf("\t%d\t%s\t%s\t%s\n", best_map >= 0 ? (int)map_specs[best_map].type : -1, best_msg,
             r0, access);
      fflush(stdout);
    }
  }
  return 0;
}

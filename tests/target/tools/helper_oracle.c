// Root-only recorder: asks the running kernel, for every (program type, attach type, helper id),
// whether the program type may call the helper (check_helper_call's "program of this type cannot
// use helper" vs any other outcome). Output: one tab-separated line per probe, for
// tests/target/data/helper_availability.tsv. Build and run with record-helper-oracle.sh.
#define _GNU_SOURCE
#include <bpf/btf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct probe_target {
  const char *label;
  uint32_t prog_type;
  uint32_t attach_type;
  const char *btf_name; // vmlinux BTF type naming the attach point, or NULL
  int btf_kind;
  uint32_t prog_flags; // BPF_F_SLEEPABLE (1 << 4) where the type requires or allows it
};

// Attach types by number (Linux 6.18 enum bpf_attach_type) so older uapi headers still build.
static const struct probe_target targets[] = {
    {"socket_filter", 1, 0, NULL, 0},
    {"kprobe", 2, 0, NULL, 0},
    {"kprobe.multi", 2, 42, NULL, 0},
    {"uprobe.multi", 2, 48, NULL, 0},
    {"kprobe.session", 2, 56, NULL, 0},
    {"uprobe.session", 2, 57, NULL, 0},
    {"sched_cls", 3, 0, NULL, 0},
    {"sched_act", 4, 0, NULL, 0},
    {"tracepoint", 5, 0, NULL, 0},
    {"xdp", 6, 0, NULL, 0},
    {"xdp.devmap", 6, 33, NULL, 0},
    {"xdp.cpumap", 6, 35, NULL, 0},
    {"perf_event", 7, 0, NULL, 0},
    {"cgroup_skb.ingress", 8, 0, NULL, 0},
    {"cgroup_skb.egress", 8, 1, NULL, 0},
    {"cgroup_sock.create", 9, 2, NULL, 0},
    {"cgroup_sock.release", 9, 34, NULL, 0},
    {"cgroup_sock.post_bind4", 9, 12, NULL, 0},
    {"cgroup_sock.post_bind6", 9, 13, NULL, 0},
    {"lwt_in", 10, 0, NULL, 0},
    {"lwt_out", 11, 0, NULL, 0},
    {"lwt_xmit", 12, 0, NULL, 0},
    {"sock_ops", 13, 0, NULL, 0},
    {"sk_skb", 14, 0, NULL, 0},
    {"sk_skb.parser", 14, 4, NULL, 0},
    {"sk_skb.verdict", 14, 5, NULL, 0},
    {"cgroup_device", 15, 0, NULL, 0},
    {"sk_msg", 16, 0, NULL, 0},
    {"raw_tracepoint", 17, 0, NULL, 0},
    {"sock_addr.bind4", 18, 8, NULL, 0},
    {"sock_addr.bind6", 18, 9, NULL, 0},
    {"sock_addr.connect4", 18, 10, NULL, 0},
    {"sock_addr.connect6", 18, 11, NULL, 0},
    {"sock_addr.sendmsg4", 18, 14, NULL, 0},
    {"sock_addr.sendmsg6", 18, 15, NULL, 0},
    {"sock_addr.recvmsg4", 18, 19, NULL, 0},
    {"sock_addr.recvmsg6", 18, 20, NULL, 0},
    {"sock_addr.getpeername4", 18, 29, NULL, 0},
    {"sock_addr.getsockname4", 18, 31, NULL, 0},
    {"sock_addr.unix_connect", 18, 49, NULL, 0},
    {"sock_addr.unix_sendmsg", 18, 50, NULL, 0},
    {"sock_addr.unix_recvmsg", 18, 51, NULL, 0},
    {"sock_addr.unix_getpeername", 18, 52, NULL, 0},
    {"sock_addr.unix_getsockname", 18, 53, NULL, 0},
    {"sock_addr.getpeername6", 18, 30, NULL, 0},
    {"sock_addr.getsockname6", 18, 32, NULL, 0},
    {"lwt_seg6local", 19, 0, NULL, 0},
    {"lirc_mode2", 20, 0, NULL, 0},
    {"sk_reuseport.select", 21, 39, NULL, 0},
    {"sk_reuseport.migrate", 21, 40, NULL, 0},
    {"flow_dissector", 22, 0, NULL, 0},
    {"cgroup_sysctl", 23, 0, NULL, 0},
    {"raw_tracepoint_writable", 24, 0, NULL, 0},
    {"cgroup_sockopt.get", 25, 21, NULL, 0},
    {"cgroup_sockopt.set", 25, 22, NULL, 0},
    {"tracing.tp_btf", 26, 23, "btf_trace_sched_switch", BTF_KIND_TYPEDEF},
    {"tracing.fentry", 26, 24, "do_unlinkat", BTF_KIND_FUNC},
    {"tracing.fexit", 26, 25, "do_unlinkat", BTF_KIND_FUNC},
    {"tracing.iter", 26, 28, "bpf_iter_task", BTF_KIND_FUNC},
    {"tracing.iter.s", 26, 28, "bpf_iter_task", BTF_KIND_FUNC, 1u << 4},
    {"tracing.iter.tcp", 26, 28, "bpf_iter_tcp", BTF_KIND_FUNC},
    {"lsm", 29, 27, "bpf_lsm_file_open", BTF_KIND_FUNC},
    {"sk_lookup", 30, 36, NULL, 0},
    {"syscall", 31, 0, NULL, 0, 1u << 4},
    {"netfilter", 32, 45, NULL, 0},
};

static char log_buf[1 << 16];


// Probe modes, one data file each (record-helper-oracle.sh):
//   zero      r1..r5 = 0; call                      -> helper_availability.tsv
//   ctx       r1 = ctx, r2..r5 = 0; call            -> helper_args_ctx.tsv
//   fastcall  r1..r5 = 0, a bpf_fastcall spill/fill of r5 around the call; a successful load
//             reports "stack depth 0" when the verifier removed the pair (allow_fastcall and
//             the call is inlined: mark_fastcall_pattern_for_call) -> helper_fastcall.tsv
//   nongpl    as zero, with a non-GPL license (gpl_only helpers are refused first) -> helper_gpl.tsv
//   pkt       r1..r5 = a packet pointer with 8 bytes in range (sched_cls, xdp, sk_skb only): the
//             first non-ARG_ANYTHING argument says whether the proto has pkt_access -> helper_pkt.tsv
enum probe_mode { MODE_ZERO, MODE_CTX, MODE_FASTCALL, MODE_NONGPL, MODE_PKT };
static enum probe_mode mode;

static struct bpf_insn insns[32];
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

// Offsets of the packet pointers in the context: __sk_buff data/data_end, xdp_md data/data_end.
static int packet_offsets(uint32_t prog_type, int16_t *data, int16_t *data_end) {
  switch (prog_type) {
  case 3:  // sched_cls
  case 14: // sk_skb
    *data = 76;
    *data_end = 80;
    return 1;
  case 6: // xdp
    *data = 0;
    *data_end = 4;
    return 1;
  default:
    return 0;
  }
}

// Returns -1 when the mode does not apply to the target, else 0 or the load's errno.
static int load(const struct probe_target *t, uint32_t btf_id, int32_t helper) {
  n_insns = 0;
  if (mode == MODE_PKT) {
    int16_t data, data_end;
    if (!packet_offsets(t->prog_type, &data, &data_end))
      return -1;
    emit(BPF_LDX | BPF_MEM | BPF_W, 2, 1, data, 0);     // r2 = ctx->data
    emit(BPF_LDX | BPF_MEM | BPF_W, 3, 1, data_end, 0); // r3 = ctx->data_end
    emit(BPF_ALU64 | BPF_MOV | BPF_X, 4, 2, 0, 0);      // r4 = r2
    emit(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, 8);      // r4 += 8
    emit(BPF_JMP | BPF_JGT | BPF_X, 4, 3, 5, 0);        // if r4 > r3 goto r0 = 0
    for (int r = 1; r <= 5; r++)
      if (r != 2)
        emit(BPF_ALU64 | BPF_MOV | BPF_X, r, 2, 0, 0); // rN = r2
  } else {
    for (int r = mode == MODE_CTX ? 2 : 1; r <= 5; r++)
      emit(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, 0); // rN = 0
  }
  if (mode == MODE_FASTCALL)
    emit(BPF_STX | BPF_MEM | BPF_DW, 10, 5, -8, 0); // *(u64 *)(r10 - 8) = r5
  emit(BPF_JMP | BPF_CALL, 0, 0, 0, helper);
  if (mode == MODE_FASTCALL)
    emit(BPF_LDX | BPF_MEM | BPF_DW, 5, 10, -8, 0); // r5 = *(u64 *)(r10 - 8)
  emit(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0); // r0 = 0
  emit(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.prog_type = t->prog_type;
  attr.expected_attach_type = t->attach_type;
  attr.insns = (uintptr_t)insns;
  attr.insn_cnt = n_insns;
  attr.license = (uintptr_t)(mode == MODE_NONGPL ? "Proprietary" : "GPL");
  attr.log_buf = (uintptr_t)log_buf;
  attr.log_size = sizeof(log_buf);
  attr.log_level = mode == MODE_FASTCALL ? 4 : 1;
  attr.attach_btf_id = btf_id;
  attr.prog_flags = t->prog_flags;
  log_buf[0] = 0;
  int fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  if (fd >= 0)
    close(fd);
  return fd >= 0 ? 0 : errno;
}

// The last non-empty log line that is not a stats line.
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

int main(int argc, char **argv) {
  const char *mode_name = argc > 1 ? argv[1] : "zero";
  static const char *const names[] = {"zero", "ctx", "fastcall", "nongpl", "pkt"};
  int known = 0;
  for (int m = 0; m < 5; m++)
    if (!strcmp(mode_name, names[m])) {
      mode = (enum probe_mode)m;
      known = 1;
    }
  if (!known) {
    fprintf(stderr, "usage: %s [zero|ctx|fastcall|nongpl|pkt]\n", argv[0]);
    return 2;
  }
  struct btf *vmlinux = btf__load_vmlinux_btf();
  printf("# helper call probes, mode %s (see helper_oracle.c)\n", mode_name);
  printf("# CANNOT_USE = \"program of this type cannot use helper\"; REFUSED = no verifier log at all\n");
  printf("# target\tprog_type\tattach_type\thelper_id\terrno\tlast_log_line\n");
  for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
    const struct probe_target *t = &targets[i];
    uint32_t btf_id = 0;
    if (t->btf_name) {
      int id = vmlinux ? btf__find_by_name_kind(vmlinux, t->btf_name, t->btf_kind) : -1;
      if (id <= 0) {
        fprintf(stderr, "%s: %s not in vmlinux BTF\n", t->label, t->btf_name);
        continue;
      }
      btf_id = (uint32_t)id;
    }
    for (int32_t helper = 0; helper < 212; helper++) {
      int err = load(t, btf_id, helper);
      if (err < 0)
        break; // the mode does not apply to this target
      if (mode == MODE_FASTCALL) {
        const char *depth = strstr(log_buf, "stack depth ");
        if (!err && depth)
          printf("%s\t%u\t%u\t%d\t%d\t%.*s\n", t->label, t->prog_type, t->attach_type, helper, err,
                 (int)strcspn(depth, "\n"), depth);
        continue;
      }
      char msg[512];
      last_message(msg, sizeof(msg));
      if (err && !msg[0]) {
        // The verifier never ran (type not built in, or the environment refused the load).
        printf("%s\t%u\t%u\t*\t%d\tREFUSED\n", t->label, t->prog_type, t->attach_type, err);
        break;
      }
      if (strstr(msg, "program of this type cannot use helper")) {
        if (mode != MODE_ZERO) // availability is recorded by the "zero" run
          continue;
        snprintf(msg, sizeof(msg), "CANNOT_USE");
      }
      printf("%s\t%u\t%u\t%d\t%d\t%s\n", t->label, t->prog_type, t->attach_type, helper, err, msg);
    }
  }
  return 0;
}

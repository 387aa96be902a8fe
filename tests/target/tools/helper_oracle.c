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

// Probe mode: "zero" sets r1..r5 = 0; "ctx" keeps the context pointer in r1 and zeroes r2..r5;
// "fastcall" zeroes r1..r5 and wraps the call in a bpf_fastcall spill/fill of r5, so that a
// successful load reports "stack depth 0" when the verifier removed the pair (the helper's proto
// has allow_fastcall and the call is inlined: mark_fastcall_pattern_for_call).
static int keep_ctx, fastcall;

static int load(const struct probe_target *t, uint32_t btf_id, int32_t helper) {
  struct bpf_insn insns[11];
  memset(insns, 0, sizeof(insns));
  for (int r = keep_ctx ? 2 : 1; r <= 5; r++) { // rN = 0 (mov64 imm)
    insns[r - 1].code = BPF_ALU64 | BPF_MOV | BPF_K;
    insns[r - 1].dst_reg = r;
  }
  int n = 5;
  if (fastcall) { // *(u64 *)(r10 - 8) = r5
    insns[n].code = BPF_STX | BPF_MEM | BPF_DW;
    insns[n].dst_reg = 10;
    insns[n].src_reg = 5;
    insns[n++].off = -8;
  }
  insns[n].code = BPF_JMP | BPF_CALL;
  insns[n++].imm = helper;
  if (fastcall) { // r5 = *(u64 *)(r10 - 8)
    insns[n].code = BPF_LDX | BPF_MEM | BPF_DW;
    insns[n].dst_reg = 5;
    insns[n].src_reg = 10;
    insns[n++].off = -8;
  }
  insns[n++].code = BPF_ALU64 | BPF_MOV | BPF_K; // r0 = 0
  insns[n++].code = BPF_JMP | BPF_EXIT;
  union bpf_attr attr;
  memset(&attr, 0, sizeof(attr));
  attr.prog_type = t->prog_type;
  attr.expected_attach_type = t->attach_type;
  if (keep_ctx) { // r1 = r1 keeps the instruction count
    insns[0].code = BPF_ALU64 | BPF_MOV | BPF_X;
    insns[0].dst_reg = 1;
    insns[0].src_reg = 1;
  }
  attr.insns = (uintptr_t)insns;
  attr.insn_cnt = n;
  attr.license = (uintptr_t) "GPL";
  attr.log_buf = (uintptr_t)log_buf;
  attr.log_size = sizeof(log_buf);
  attr.log_level = fastcall ? 4 : 1;
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
  keep_ctx = argc > 1 && !strcmp(argv[1], "ctx");
  fastcall = argc > 1 && !strcmp(argv[1], "fastcall");
  struct btf *vmlinux = btf__load_vmlinux_btf();
  if (fastcall)
    printf("# successful loads of: r1..r5 = 0; *(u64 *)(r10 - 8) = r5; call id; r5 = *(u64 *)(r10 - 8); r0 = 0; exit\n");
  else if (keep_ctx)
    printf("# helper calls with the context in r1, probes: r2..r5 = 0; call id; r0 = 0; exit (GPL)\n");
  else
    printf("# kernel helper availability, probes: r1..r5 = 0; call id; r0 = 0; exit (GPL)\n");
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
      if (fastcall) {
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
        if (keep_ctx) // availability is recorded by the "zero" run
          continue;
        snprintf(msg, sizeof(msg), "CANNOT_USE");
      }
      printf("%s\t%u\t%u\t%d\t%d\t%s\n", t->label, t->prog_type, t->attach_type, helper, err, msg);
    }
  }
  return 0;
}

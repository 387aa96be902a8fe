// Candidate pruning: 6.18's BTF has two "struct getdents_callback" (40 and 48 bytes). Reading
// a field only the first has prunes the shared candidate list, so the later type_size
// relocation sees one candidate and is not ambiguous (libbpf's cand_cache behaviour). Fields
// both have at the same offset ("ctx") agree.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/do_nanosleep")
int core_pruned(struct pt_regs *ctx) {
  struct getdents_callback *cb = (void *)PT_REGS_PARM1(ctx);
  int err = BPF_CORE_READ(cb, error);
  void *c = BPF_CORE_READ(cb, ctx.actor);
  return err + bpf_core_type_size(struct getdents_callback) + (c != 0);
}

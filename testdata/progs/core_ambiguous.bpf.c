// Candidate ambiguity: 6.18's BTF has two "struct getdents_callback" of different sizes, so
// type_size cannot be decided: libbpf refuses the object ("relocation decision ambiguity").
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/do_nanosleep")
int core_ambiguous(void *ctx) {
  return bpf_core_type_size(struct getdents_callback);
}

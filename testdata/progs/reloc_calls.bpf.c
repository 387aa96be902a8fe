// Subprogram linking: static and global .text functions, a hidden global one, chains where two
// entry programs pull the same subprograms in different orders, callbacks passed to bpf_loop
// and bpf_for_each_map_elem (ld_imm64 BPF_PSEUDO_FUNC), several programs per section.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u64);
} values SEC(".maps");

__u64 calls;

static __noinline __u64 sub_b(__u64 x) {
  calls++;
  return x * 3 + 1;
}

static __noinline __u64 sub_a(__u64 x) { return sub_b(x) + 2; }

static __noinline __u64 sub_c(__u64 x) { return sub_b(x ^ 5) - 1; }

__noinline int global_helper(int x) { return x > 10 ? x - 10 : x + 1; }

__hidden __noinline int hidden_helper(int x) { return x & 0x7f; }

static int loop_body(__u32 index, void *ctx) {
  __u64 *acc = ctx;
  *acc += index;
  return 0;
}

static long sum_elem(struct bpf_map *map, __u32 *key, __u64 *val, void *ctx) {
  __u64 *acc = ctx;
  *acc += *val + *key;
  return 0;
}

SEC("tc")
int main_a(struct __sk_buff *skb) {
  __u64 r = sub_a(skb->len);
  return (r & 1) + global_helper(skb->protocol);
}

SEC("tc")
int main_c(struct __sk_buff *skb) {
  __u64 r = sub_c(skb->len);
  return (r & 1) + hidden_helper(skb->mark);
}

SEC("tc")
int with_callbacks(struct __sk_buff *skb) {
  __u64 acc = 0;
  bpf_loop(8, loop_body, &acc, 0);
  bpf_for_each_map_elem(&values, sum_elem, &acc, 0);
  return acc & 1;
}

SEC("socket")
int other_section(struct __sk_buff *skb) { return global_helper(skb->len) + sub_b(1); }

char LICENSE[] SEC("license") = "GPL";

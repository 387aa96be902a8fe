// Map definitions of every shape libbpf parses: typed and sized keys/values, flags, pinning,
// map_extra, ringbuf size rounding, map-in-map with an inner definition and initial values,
// and a prog array with initial programs. Programs reference several maps each.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct value {
  __u64 packets;
  __u64 bytes;
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, struct value);
  __uint(map_flags, BPF_F_NO_PREALLOC);
} flows SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 4);
  __uint(key_size, sizeof(__u32));
  __uint(value_size, sizeof(__u64));
} counters SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
  __uint(pinning, LIBBPF_PIN_NONE);
} plain SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 5000); /* libbpf rounds up to 8192 */
} events SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
  __uint(max_entries, 64);
  __type(value, __u32);
  __uint(map_extra, 3);
} seen SEC(".maps");

struct inner {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u64);
};
struct inner inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
  __uint(max_entries, 4);
  __type(key, __u32);
  __array(values, struct inner);
} outer SEC(".maps") = {
    .values = {[0] = &inner_a, [2] = &inner_b},
};

int tail_a(struct xdp_md *ctx);

struct {
  __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
  __uint(max_entries, 3);
  __uint(key_size, sizeof(__u32));
  __array(values, int(void *));
} jumps SEC(".maps") = {
    .values = {[1] = (void *)&tail_a},
};

SEC("xdp")
int count_flow(struct xdp_md *ctx) {
  __u32 key = ctx->ingress_ifindex & 3;
  struct value *v = bpf_map_lookup_elem(&flows, &key);
  if (v) {
    v->packets++;
  } else {
    struct value init = {1, 0};
    bpf_map_update_elem(&flows, &key, &init, BPF_ANY);
  }
  __u64 *c = bpf_map_lookup_elem(&counters, &key);
  if (c)
    *c += 1;
  if (bpf_map_peek_elem(&seen, &key) == 0)
    return XDP_DROP;
  return XDP_PASS;
}

SEC("xdp")
int tail_a(struct xdp_md *ctx) {
  __u32 key = 0;
  __u64 *p = bpf_map_lookup_elem(&plain, &key);
  if (p)
    *p = ctx->data_end - ctx->data;
  return XDP_PASS;
}

SEC("xdp")
int nested_lookup(struct xdp_md *ctx) {
  __u32 key = 0;
  void *inner = bpf_map_lookup_elem(&outer, &key);
  if (!inner)
    return XDP_PASS;
  __u64 *v = bpf_map_lookup_elem(inner, &key);
  if (v)
    *v += 1;
  __u64 *e = bpf_ringbuf_reserve(&events, sizeof(__u64), 0);
  if (e) {
    *e = key;
    bpf_ringbuf_submit(e, 0);
  }
  bpf_tail_call(ctx, &jumps, 1);
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";

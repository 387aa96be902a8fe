// Map value access with an off-by-one bound: the index check lets i == 16 through, so the
// program may read one element past the end of the 16-element array value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define SLOTS 16

struct slots {
	__u32 value[SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct slots);
} table SEC(".maps");

SEC("tc")
__failure __msg("invalid access to map value, value_size=64 off=64 size=4")
__msg("R0 max value is outside of the allowed memory range")
int read_slot_off_by_one(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct slots *s = bpf_map_lookup_elem(&table, &key);
	if (!s)
		return 0;
	__u32 i = skb->mark;
	if (i > SLOTS) /* should be i >= SLOTS */
		return 0;
	return s->value[i];
}

SEC("tc")
__success
int read_slot_checked(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct slots *s = bpf_map_lookup_elem(&table, &key);
	if (!s)
		return 0;
	__u32 i = skb->mark;
	if (i >= SLOTS)
		return 0;
	return s->value[i];
}

char LICENSE[] SEC("license") = "GPL";

// Helper family: bpf_timer_init / bpf_timer_set_callback / bpf_timer_start / bpf_timer_cancel.
// A struct bpf_timer lives in a map value (found by the kernel in the value's BTF); the timer
// helpers must point exactly at it, bpf_timer_init must name the map the value belongs to, and
// the callback is verified on its own (an async callback on a fresh stack: callback(map, key,
// value), returning 0). Tracing programs may not use maps holding timers; loads and stores may
// not touch the timer itself.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define CLOCK_MONOTONIC 1

struct elem {
	int hits;
	int pad;
	struct bpf_timer timer;
	long last;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, struct elem);
} timers SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, struct elem);
} other_timers SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, long);
} plain SEC(".maps");

static int count_hits(void *map, int *key, struct elem *e)
{
	e->hits++;
	e->last = bpf_ktime_get_ns();
	return 0;
}

static int return_one(void *map, int *key, struct elem *e)
{
	return 1;
}

static int read_past_value(void *map, int *key, struct elem *e)
{
	return *(volatile long *)((char *)e + sizeof(*e));
}

static int key_in_range(void *map, int *key, struct elem *e)
{
	if (*key > 1)
		e->hits = 0;
	return 0;
}

SEC("tc")
__description("init, set callback, start")
__success
int timer_start(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_init(&e->timer, &timers, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&e->timer, count_hits);
	bpf_timer_start(&e->timer, 1000000, 0);
	return 0;
}

SEC("tc")
__description("callback reads its key")
__success
int timer_callback_key(struct __sk_buff *skb)
{
	int key = 1;
	struct elem *e = bpf_map_lookup_elem(&other_timers, &key);

	if (!e)
		return 0;
	bpf_timer_init(&e->timer, &other_timers, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&e->timer, key_in_range);
	bpf_timer_start(&e->timer, 0, 0);
	return 0;
}

SEC("tc")
__description("cancel a timer")
__success
int timer_cancel(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_cancel(&e->timer);
	return 0;
}

SEC("tc")
__description("the callback returns 1")
__failure __msg("At async callback return the register R0 has smin=1 smax=1 should have been in [0, 0]")
int timer_callback_returns_one(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_init(&e->timer, &timers, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&e->timer, return_one);
	return 0;
}

SEC("tc")
__description("the callback reads past its map value")
__failure __msg("R3 min value is outside of the allowed memory range")
int timer_callback_oob(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_set_callback(&e->timer, read_past_value);
	return 0;
}

SEC("tc")
__description("bpf_timer_init with another map")
__failure __msg("timer pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0")
int timer_init_other_map(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_init(&e->timer, &other_timers, CLOCK_MONOTONIC);
	return 0;
}

SEC("tc")
__description("a timer helper pointed at another field")
__failure __msg("off 0 doesn't point to 'struct bpf_timer' that is at 8")
int timer_wrong_offset(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_start((struct bpf_timer *)e, 0, 0);
	return 0;
}

SEC("tc")
__description("a timer helper on a map value without a timer")
__failure __msg("map 'plain' has no valid bpf_timer")
int timer_in_plain_map(struct __sk_buff *skb)
{
	int key = 0;
	long *v = bpf_map_lookup_elem(&plain, &key);

	if (!v)
		return 0;
	bpf_timer_cancel((struct bpf_timer *)v);
	return 0;
}

SEC("tc")
__description("the timer written directly")
__failure __msg("bpf_timer cannot be accessed directly by load/store")
int timer_written_directly(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	*(volatile long *)&e->timer = 0;
	return 0;
}

SEC("tc")
__description("the fields around the timer written directly")
__success
int fields_around_timer(struct __sk_buff *skb)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	e->pad = 1;
	e->last = skb->len;
	return e->hits;
}

SEC("kprobe/do_unlinkat")
__description("a tracing program using a map with a timer")
__failure __msg("tracing progs cannot use bpf_timer yet")
int kprobe_timer(void *ctx)
{
	int key = 0;
	struct elem *e = bpf_map_lookup_elem(&timers, &key);

	if (!e)
		return 0;
	bpf_timer_start(&e->timer, 0, 0);
	return 0;
}

char _license[] SEC("license") = "GPL";

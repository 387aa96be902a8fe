// Helper family: bpf_spin_lock / bpf_spin_unlock and the special fields of map values. The
// kernel finds a struct bpf_spin_lock in the map value's BTF when the map is created (its
// btf_record); the lock helpers must point exactly at it, only one lock may be held, nothing but
// bpf_spin_unlock may be called while it is held (static subprograms may), it must be released
// before the program ends, and no load or store may touch the lock itself. Tracing programs and
// socket filters may not use such maps at all. kptr fields (pointers tagged "kptr") are special
// too: only whole 8-byte loads and stores, and only NULL may be stored into a referenced kptr.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))

struct counter {
	struct bpf_spin_lock lock;
	int packets;
	long bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, int);
	__type(value, struct counter);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, int);
	__type(value, struct counter);
} counter_array SEC(".maps");

struct plain {
	int packets;
	int pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, int);
	__type(value, struct plain);
} plain_map SEC(".maps");

/* A program-local type: kptrs to it are "local kptrs" (objects of bpf_obj_new). */
struct blob {
	long a;
	long b;
};

struct blob_slot {
	struct blob __kptr *owner;
	struct blob __kptr_untrusted *seen;
	long stamp;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct blob_slot);
} task_slots SEC(".maps");

/* Only pointed to, task_struct is a forward declaration in this object's BTF: the kernel refuses
 * a kptr to it, and libbpf creates the map again without BTF, so the field is plain memory. */
struct fwd_slot {
	struct task_struct __kptr *owner;
	long stamp;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct fwd_slot);
} fwd_slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct blob);
} blobs SEC(".maps");

SEC("tc")
__description("lock, update, unlock a hash map value")
__success
int lock_update_unlock(struct __sk_buff *skb)
{
	int key = skb->protocol & 0xf;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->packets++;
	c->bytes += skb->len;
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("tc")
__description("lock an array value found with a constant key (never NULL)")
__success
int lock_array_constant_key(struct __sk_buff *skb)
{
	int key = 1;
	struct counter *c = bpf_map_lookup_elem(&counter_array, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->packets = 1;
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("tc")
__description("the program ends while holding the lock")
__failure __msg("BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region")
int exit_while_locked(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->packets++;
	if (skb->len > 100)
		return 1;
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("tc")
__description("unlock without a lock")
__failure __msg("bpf_spin_unlock without taking a lock")
int unlock_without_lock(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	c->packets++;
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("tc")
__description("a helper called while holding the lock")
__failure __msg("function calls are not allowed while holding a lock")
int helper_while_locked(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->bytes = bpf_ktime_get_ns();
	bpf_spin_unlock(&c->lock);
	return 0;
}

static __attribute__((noinline)) void bump(struct counter *c)
{
	c->packets++;
	asm volatile("" ::: "memory");
}

SEC("tc")
__description("a static subprogram called while holding the lock")
__success
int static_call_while_locked(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	bump(c);
	bpf_spin_unlock(&c->lock);
	return 0;
}

__attribute__((noinline)) int global_bump(struct counter *c)
{
	if (c)
		c->packets++;
	return 0;
}

SEC("tc")
__description("a global function called while holding the lock")
__failure __msg("use static function instead")
int global_call_while_locked(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	global_bump(c);
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("tc")
__description("the lock word read directly")
__failure __msg("bpf_spin_lock cannot be accessed directly by load/store")
int lock_read_directly(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	return c->lock.val;
}

SEC("tc")
__description("a store overlapping the lock (8 bytes from offset 0)")
__failure __msg("bpf_spin_lock cannot be accessed directly by load/store")
__naked void store_over_lock(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -4;"
		     "r1 = 0;"
		     "*(u32 *)(r2 + 0) = r1;"
		     "r1 = %[counters] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto 1f;"
		     "r1 = 0;"
		     "*(u64 *)(r0 + 0) = r1;"
		     "1: r0 = 0;"
		     "exit;"
		     :
		     : __imm_addr(counters), __imm(bpf_map_lookup_elem)
		     : __clobber_all);
}

SEC("tc")
__description("the lock helper pointed past the lock")
__failure __msg("off 4 doesn't point to 'struct bpf_spin_lock' that is at 0")
int lock_wrong_offset(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock((struct bpf_spin_lock *)&c->packets);
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("tc")
__description("bpf_spin_lock on a map value without a lock")
__failure __msg("map 'plain_map' has no valid bpf_spin_lock")
int lock_in_plain_map(struct __sk_buff *skb)
{
	int key = 0;
	struct plain *p = bpf_map_lookup_elem(&plain_map, &key);

	if (!p)
		return 0;
	bpf_spin_lock((struct bpf_spin_lock *)p);
	bpf_spin_unlock((struct bpf_spin_lock *)p);
	return 0;
}

SEC("tc")
__description("unlock of another element's lock")
__failure __msg("bpf_spin_unlock of different lock")
int unlock_other_element(struct __sk_buff *skb)
{
	int k1 = 1, k2 = 2;
	struct counter *a = bpf_map_lookup_elem(&counters, &k1);
	struct counter *b = bpf_map_lookup_elem(&counters, &k2);

	if (!a || !b)
		return 0;
	bpf_spin_lock(&a->lock);
	a->packets++;
	bpf_spin_unlock(&b->lock);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("a tracing program using a map with a spin lock")
__failure __msg("tracing progs cannot use bpf_spin_lock yet")
int kprobe_lock(void *ctx)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->packets++;
	bpf_spin_unlock(&c->lock);
	return 0;
}

SEC("socket")
__description("a socket filter using a map with a spin lock")
__failure __msg("socket filter progs cannot use bpf_spin_lock yet")
int socket_lock(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	return c->packets;
}

SEC("tc")
__description("the map value's other fields read and written outside the lock")
__success
int fields_outside_lock(struct __sk_buff *skb)
{
	int key = 0;
	struct counter *c = bpf_map_lookup_elem(&counters, &key);

	if (!c)
		return 0;
	c->bytes = skb->len;
	return c->packets;
}

SEC("tc")
__description("a referenced kptr field set to NULL")
__success
int kptr_store_null(struct __sk_buff *skb)
{
	int key = 0;
	struct blob_slot *s = bpf_map_lookup_elem(&task_slots, &key);

	if (!s)
		return 0;
	s->stamp = skb->len;
	s->seen = NULL;
	return 0;
}

SEC("tc")
__description("a scalar stored into a referenced kptr")
__failure __msg("store to referenced kptr disallowed")
int kptr_store_scalar(struct __sk_buff *skb)
{
	int key = 0;
	struct blob_slot *s = bpf_map_lookup_elem(&task_slots, &key);

	if (!s)
		return 0;
	*(volatile long *)&s->owner = skb->len;
	return 0;
}

SEC("tc")
__description("a scalar stored into an untrusted kptr")
__failure __msg("invalid kptr access, R1 type=scalar expected=ptr_blob or untrusted_ptr_blob")
int kptr_untrusted_store_scalar(struct __sk_buff *skb)
{
	int key = 0;
	struct blob_slot *s = bpf_map_lookup_elem(&task_slots, &key);

	if (!s)
		return 0;
	*(volatile long *)&s->seen = skb->len;
	return 0;
}

SEC("tc")
__description("half of a kptr read")
__failure __msg("kptr access size must be BPF_DW")
int kptr_narrow_read(struct __sk_buff *skb)
{
	int key = 0;
	struct blob_slot *s = bpf_map_lookup_elem(&task_slots, &key);

	if (!s)
		return 0;
	return *(volatile int *)&s->seen;
}

SEC("tc")
__description("a kptr field handed to a helper as memory")
__failure __msg("kptr cannot be accessed indirectly by helper")
int kptr_to_helper(struct __sk_buff *skb)
{
	int key = 0;
	struct blob_slot *s = bpf_map_lookup_elem(&task_slots, &key);

	if (!s)
		return 0;
	bpf_skb_load_bytes(skb, 0, s, sizeof(*s));
	return 0;
}

SEC("tc")
__description("a scalar stored into a kptr to a forward-declared struct (map without BTF)")
__success
int kptr_fwd_plain_memory(struct __sk_buff *skb)
{
	int key = 0;
	struct fwd_slot *s = bpf_map_lookup_elem(&fwd_slots, &key);
	struct blob *b = bpf_map_lookup_elem(&blobs, &key);

	if (!s || !b)
		return 0;
	*(volatile long *)&s->owner = skb->len;
	return b->a;
}

char _license[] SEC("license") = "GPL";

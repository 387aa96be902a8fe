// Verifier core: calls between BPF functions. Static subprograms are verified in their caller's
// context (pointer arguments into the caller's stack keep their frame; a static callee may
// return a pointer); global functions (non-static, with BTF func_info) are verified once, on
// their own, from their BTF prototype. Also the call depth limit (8 frames), recursion (found by
// the kernel's stack-depth walk after verification), clang computing an address before the
// bound check that guards it, tail calls from subprograms (the stack below them; since 6.18 the
// path on which the tail call returns at once), return-value ranges crossing frames, and
// callbacks (bpf_loop with a stack context, bpf_for_each_map_elem).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct val {
	__u32 slots[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} vals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct val);
} hvals SEC(".maps");

/* Writes two u32 through a pointer into the caller's stack. */
static __noinline void fill_pair(__u32 *out, __u32 a)
{
	out[0] = a;
	out[1] = a + 1;
	asm volatile("" ::: "memory");
}

SEC("tc")
__description("static subprogram writing through a pointer to the caller's stack")
__success
int static_writes_caller_stack(struct __sk_buff *skb)
{
	__u32 pair[2];

	fill_pair(pair, skb->len);
	return pair[0] + pair[1] > 10 ? 1 : 0;
}

/* Reads out[2], past what its caller passed. */
static __noinline __u32 read_third(volatile __u32 *out)
{
	return out[2];
}

SEC("tc")
__description("static subprogram reading past the caller's buffer, above its frame")
__failure __msg("invalid read from stack R1 off=0 size=4")
int static_reads_past_caller_buffer(struct __sk_buff *skb)
{
	volatile __u32 pair[2];

	pair[0] = skb->len;
	pair[1] = skb->mark;
	return read_third(pair);
}

/* Returns a pointer into a hash map value (or NULL): allowed for static subprograms. The mask
 * (not a comparison) keeps clang from adding the index to the pointer before the check. */
static __noinline __u32 *slot_of(__u32 index)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&hvals, &key);

	if (!v)
		return 0;
	return &v->slots[index & 15];
}

/* The same with the bound written as a comparison: clang computes the address first. */
static __noinline __u32 *slot_of_speculated(__u32 index)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&hvals, &key);

	if (!v || index >= 16)
		return 0;
	return &v->slots[index];
}

SEC("tc")
__description("clang adds an unchecked index to the pointer before the bound check")
__failure __msg("R1 unbounded memory access, make sure to bounds check any such access")
int static_returns_speculated_pointer(struct __sk_buff *skb)
{
	__u32 *slot = slot_of_speculated(skb->mark);

	if (!slot)
		return 0;
	return *slot;
}

SEC("tc")
__description("static subprogram returning a checked map value pointer")
__success
int static_returns_pointer(struct __sk_buff *skb)
{
	__u32 *slot = slot_of(skb->mark);

	if (!slot)
		return 0;
	return *slot;
}

SEC("tc")
__description("the caller forgets the NULL check of the returned pointer")
__failure __msg("R0 invalid mem access 'scalar'")
__naked void static_returned_pointer_unchecked(void)
{
	asm volatile("r1 = 3;"
		     "call slot_of;"
		     "r0 = *(u32 *)(r0 + 0);"
		     "exit;" ::
			     : __clobber_all);
}

/* A chain of calls, each frame one deeper. */
__naked __noinline __attribute__((used)) static void depth8(void)
{
	asm volatile("r0 = 0; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth7(void)
{
	asm volatile("call depth8; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth6(void)
{
	asm volatile("call depth7; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth5(void)
{
	asm volatile("call depth6; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth4(void)
{
	asm volatile("call depth5; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth3(void)
{
	asm volatile("call depth4; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth2(void)
{
	asm volatile("call depth3; exit;" ::: __clobber_all);
}
__naked __noinline __attribute__((used)) static void depth1(void)
{
	asm volatile("call depth2; exit;" ::: __clobber_all);
}

SEC("socket")
__description("main + 7 nested calls: 8 frames, the limit")
__success
__naked void call_depth_8_frames(void)
{
	asm volatile("call depth2; exit;" ::: __clobber_all);
}

SEC("socket")
__description("main + 8 nested calls: 9 frames")
__failure __msg("the call stack of 9 frames is too deep")
__naked void call_depth_9_frames(void)
{
	asm volatile("call depth1; exit;" ::: __clobber_all);
}

/* Calls itself while r1 is not zero. */
__naked __noinline __attribute__((used)) static void self_recursive(void)
{
	asm volatile("if r1 == 0 goto l0_%=;"
		     "r1 -= 1;"
		     "call self_recursive;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a static subprogram calling itself")
__failure __msg("the call stack of 8 frames is too deep !")
__naked void recursion(void)
{
	asm volatile("r1 = 2;"
		     "call self_recursive;"
		     "exit;" ::
			     : __clobber_all);
}

/* Global: verified once, with out as PTR_TO_MEM of 4 bytes or NULL. */
__noinline int global_store(__u32 *out, __u32 v)
{
	if (!out)
		return 0;
	*out = v;
	return 1;
}

SEC("tc")
__description("global function with a checked pointer argument, called with a stack pointer")
__success
int global_checked(struct __sk_buff *skb)
{
	__u32 x = 0;

	global_store(&x, skb->len);
	return x;
}

/* Global: dereferences its pointer argument without a NULL check. */
__noinline int global_unchecked(__u32 *out)
{
	return *out + 1;
}

SEC("tc")
__description("global function dereferencing its argument without a NULL check")
__failure __msg("R1 invalid mem access 'mem_or_null'")
int global_unchecked_caller(struct __sk_buff *skb)
{
	__u32 x = skb->len;

	return global_unchecked(&x);
}

/* Global: reads its argument's 8 bytes, but the type says 4. */
__noinline int global_reads_beyond(__u32 *out)
{
	if (!out)
		return 0;
	return *(__u64 *)out > 5;
}

SEC("tc")
__description("global function reading more than its argument's type allows")
__failure __msg("invalid access to memory, mem_size=4 off=0 size=8")
__msg("R1 min value is outside of the allowed memory range")
int global_reads_beyond_caller(struct __sk_buff *skb)
{
	__u32 x = skb->len;

	return global_reads_beyond(&x);
}

/* Global taking the context: sees a PTR_TO_CTX. */
__noinline int global_ctx_len(struct __sk_buff *skb)
{
	if (!skb)
		return 0;
	return skb->len;
}

SEC("tc")
__description("global function with a ctx argument")
__success
int global_ctx(struct __sk_buff *skb)
{
	return global_ctx_len(skb) > 64;
}

SEC("tc")
__description("global function argument of 4 bytes, the caller passes a 2-byte buffer")
__failure __msg("invalid read from stack R1 off=-2 size=4")
__msg("Caller passes invalid args into func#1 ('global_store')")
int global_small_buffer(struct __sk_buff *skb)
{
	volatile __u16 y[1];

	y[0] = 1;
	return global_store((__u32 *)(y), 1);
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

/* A tail call from a subprogram: the frames below it must stay under 256 bytes of stack. */
static __noinline int tail_from_subprog(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return skb->len;
}

SEC("tc")
__description("tail call from a subprogram whose caller uses little stack")
__success
int tail_call_in_subprog(struct __sk_buff *skb)
{
	return tail_from_subprog(skb) > 64;
}

SEC("tc")
__description("tail call from a subprogram whose caller uses 320 bytes of stack")
__failure __msg("tail_calls are not allowed when call stack of previous frames is 320 bytes. Too large")
__naked void tail_call_in_subprog_big_caller_stack(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 320) = r2;"
		     "call tail_from_subprog;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* Tail-calls, then returns a value in [0, 15]. Since 6.18 the kernel also follows the path on
 * which the tail call leaves the subprogram at once: the caller then sees R0 unknown. */
static __noinline __u32 tail_then_index(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return skb->len & 15;
}

SEC("tc")
__description("a subprogram's bounded return after a tail call: the early-exit path returns an unknown R0")
__failure __msg("R8 unbounded memory access, make sure to bounds check any such access")
int tail_call_return_range(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	return v->slots[tail_then_index(skb)];
}

/* Global: returns a value in [0, 15], but its caller only learns "some scalar". */
__noinline int global_small_index(__u32 x)
{
	return x & 15;
}

SEC("tc")
__description("a global function's return range does not reach its caller")
__failure __msg("R7 unbounded memory access, make sure to bounds check any such access")
int global_return_range(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	return v->slots[global_small_index(skb->len)];
}

SEC("tc")
__description("a global function expecting the context, given a stack pointer")
__failure __msg("arg#0 expects pointer to ctx")
__msg("Caller passes invalid args into func#1 ('global_ctx_len')")
__naked void global_ctx_wrong_arg(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -8;"
		     "r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "call global_ctx_len;"
		     "exit;" ::
			     : __clobber_all);
}

/* Returns a value in [0, 15]: its range reaches the caller through R0. */
static __noinline __u32 small_index(__u32 x)
{
	return x & 15;
}

SEC("tc")
__description("a subprogram's bounded return value used as the caller's index")
__success
int subprog_return_range(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	return v->slots[small_index(skb->len)];
}

/* Returns a value in [0, 16]. */
static __noinline __u32 small_index_off_by_one(__u32 x)
{
	x &= 31;
	return x > 16 ? 16 : x;
}

SEC("tc")
__description("a subprogram's return value one past the caller's array")
__failure __msg("invalid access to map value, value_size=64 off=64 size=4")
__msg("R7 min value is outside of the allowed memory range")
int subprog_return_range_off_by_one(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	return v->slots[small_index_off_by_one(skb->len)];
}

struct each_ctx {
	__u64 sum;
};

static long sum_value(struct bpf_map *map, __u32 *key, struct val *value, struct each_ctx *c)
{
	c->sum += value->slots[15];
	return 0;
}

SEC("tc")
__description("bpf_for_each_map_elem with a callback reading the element's last slot")
__success
int for_each_elem(struct __sk_buff *skb)
{
	struct each_ctx c = {};

	bpf_for_each_map_elem(&hvals, sum_value, &c, 0);
	return c.sum > 5;
}

static long read_past_value(struct bpf_map *map, __u32 *key, struct val *value, struct each_ctx *c)
{
	c->sum += *(__u32 *)((char *)value + sizeof(*value));
	return 0;
}

SEC("tc")
__description("bpf_for_each_map_elem callback reading past the element")
__failure __msg("invalid access to map value, value_size=64 off=64 size=4")
__msg("R3 min value is outside of the allowed memory range")
int for_each_elem_past_value(struct __sk_buff *skb)
{
	struct each_ctx c = {};

	bpf_for_each_map_elem(&hvals, read_past_value, &c, 0);
	return c.sum > 5;
}

/* bpf_loop's context must point to the stack: the map value travels in a stack struct. */
struct index_ctx {
	struct val *v;
};

static int index_cb(__u32 index, struct index_ctx *c)
{
	if (index < 16)
		c->v->slots[index] = index;
	return 0;
}

SEC("tc")
__description("bpf_loop callback using its index as a checked array index into a map value")
__success
int loop_index_checked(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct index_ctx c = {.v = bpf_map_lookup_elem(&vals, &key)};

	if (!c.v)
		return 0;
	bpf_loop(16, index_cb, &c, 0);
	return 0;
}

static int index_cb_unchecked(__u32 index, struct index_ctx *c)
{
	c->v->slots[index] = index;
	return 0;
}

SEC("tc")
__description("bpf_loop callback using its index unchecked: the verifier does not bound it by nr_loops")
__failure __msg("R2 unbounded memory access, make sure to bounds check any such access")
int loop_index_unchecked(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct index_ctx c = {.v = bpf_map_lookup_elem(&vals, &key)};

	if (!c.v)
		return 0;
	bpf_loop(16, index_cb_unchecked, &c, 0);
	return 0;
}

SEC("tc")
__description("bpf_loop with a map value as its context")
__failure __msg("R3 type=map_value expected=fp")
int loop_ctx_not_stack(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return 0;
	bpf_loop(16, index_cb_unchecked, v, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

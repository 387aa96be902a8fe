// Verifier core: atomic instructions (BPF_STX | BPF_ATOMIC). add, fetch_add, xchg and cmpxchg on
// map values and on the stack; what they leave in the fetched register; the places they may not
// write (the context, misaligned addresses, past the value); cmpxchg's implicit R0.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct counters {
	__u64 hits;
	__u64 last;
	__u32 small;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counters);
} ctrs SEC(".maps");

/* r6 = &ctrs[0] (or exit 0 when the lookup fails). */
#define LOOKUP_R6                                                                                  \
	"r1 = 0;"                                                                                  \
	"*(u32 *)(r10 - 4) = r1;"                                                                  \
	"r2 = r10;"                                                                                \
	"r2 += -4;"                                                                                \
	"r1 = %[ctrs] ll;"                                                                         \
	"call %[bpf_map_lookup_elem];"                                                             \
	"if r0 == 0 goto l_out_%=;"                                                                \
	"r6 = r0;"

#define OUT_0                                                                                      \
	"l_out_%=:"                                                                                \
	"r0 = 0;"                                                                                  \
	"exit;"

#define ATOMIC_IMMS __imm(bpf_map_lookup_elem), __imm_addr(ctrs)

SEC("xdp")
__description("__sync_fetch_and_add, __sync_lock_test_and_set and __sync_val_compare_and_swap on a map value")
__success
int sync_builtins_on_map_value(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct counters *c = bpf_map_lookup_elem(&ctrs, &key);
	__u64 old;

	if (!c)
		return XDP_PASS;
	old = __sync_fetch_and_add(&c->hits, 1);
	__sync_lock_test_and_set(&c->last, old);
	__sync_val_compare_and_swap(&c->small, 0, ctx->ingress_ifindex);
	return XDP_PASS;
}

SEC("xdp")
__description("atomic add, fetch_add, xchg and cmpxchg on an initialised stack slot")
__success
__naked void atomics_on_stack(void)
{
	asm volatile("r1 = 1;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "lock *(u64 *)(r10 - 8) += r1;"
		     "r1 = atomic_fetch_add((u64 *)(r10 - 8), r1);"
		     "r1 = xchg_64(r10 - 8, r1);"
		     "r0 = 2;"
		     "r1 = 3;"
		     "r0 = cmpxchg_64(r10 - 8, r0, r1);"
		     "r0 = 2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("xdp")
__description("atomic add on a stack slot that was never written (allowed to root)")
__success
__naked void atomic_on_uninit_stack(void)
{
	asm volatile("r1 = 1;"
		     "lock *(u64 *)(r10 - 8) += r1;"
		     "r0 = 2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("xdp")
__description("fetch_add on a stack slot holding a spilled constant fetches that constant")
__success
__naked void fetch_spilled_constant(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 4;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "r1 = 0;"
		     "r1 = atomic_fetch_add((u64 *)(r10 - 16), r1);"
		     "r6 += r1;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : ATOMIC_IMMS
		     : __clobber_all);
}

SEC("xdp")
__description("xchg of a bounded value, then a bound check on the fetched old value")
__success
__naked void xchg_then_bound(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 7;"
		     "r1 = xchg_64(r6 + 8, r1);"
		     "if r1 > 16 goto l_out_%=;"
		     "r6 += r1;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : ATOMIC_IMMS
		     : __clobber_all);
}

SEC("xdp")
__description("32-bit atomic add at a misaligned map value offset")
__failure __msg("misaligned value access off 0+0+2 size 4")
__naked void atomic_misaligned(void)
{
	asm volatile(LOOKUP_R6
		     "w1 = 1;"
		     "lock *(u32 *)(r6 + 2) += w1;" OUT_0
		     :
		     : ATOMIC_IMMS
		     : __clobber_all);
}

SEC("xdp")
__description("32-bit atomic add just past the end of the value")
__failure __msg("invalid access to map value, value_size=24 off=24 size=4")
__msg("R6 min value is outside of the allowed memory range")
__naked void atomic_past_value(void)
{
	asm volatile(LOOKUP_R6
		     "w1 = 1;"
		     "lock *(u32 *)(r6 + 24) += w1;" OUT_0
		     :
		     : ATOMIC_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("atomic add into the context")
__failure __msg("BPF_ATOMIC stores into R1 ctx is not allowed")
__naked void atomic_into_ctx(void)
{
	asm volatile("w0 = 1;"
		     "lock *(u32 *)(r1 + %[mark]) += w0;"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm_const(mark, offsetof(struct __sk_buff, mark))
		     : __clobber_all);
}

SEC("xdp")
__description("cmpxchg with R0 never set")
__failure __msg("R0 !read_ok")
__naked void cmpxchg_r0_unset(void)
{
	asm volatile("r1 = 1;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r0 = cmpxchg_64(r10 - 8, r0, r1);"
		     "r0 = 2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("xdp")
__description("atomic add with a pointer as the operand stored into a map value (root may)")
__success
__naked void atomic_pointer_operand(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = r10;"
		     "lock *(u64 *)(r6 + 0) += r1;" OUT_0
		     :
		     : ATOMIC_IMMS
		     : __clobber_all);
}

SEC("xdp")
__description("32-bit fetch_add zero-extends the fetched value")
__failure __msg("R6 unbounded memory access, make sure to bounds check any such access")
__naked void fetch32_zero_extends(void)
{
	asm volatile(LOOKUP_R6
		     "w1 = 0;"
		     "w1 = atomic_fetch_add((u32 *)(r6 + 16), w1);"
		     "r6 += r1;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : ATOMIC_IMMS
		     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";

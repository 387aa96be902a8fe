// netfilter programs (struct bpf_nf_ctx: two trusted BTF pointers): the return range
// [NF_DROP, NF_ACCEPT], the read-only 16-byte context with 8-byte-only pointer fields, a helper
// it cannot call, and a load through ctx->state (PTR_TO_BTF_ID, issue 5).
// The oracle's libbpf 1.1 does not know SEC("netfilter") and refuses the object, so there is no
// recording in expect/kernel/ and the runner checks the annotations against bpfverify only. They
// were checked against 6.18.44 by loading each program's instructions raw (kernel-oracle --raw,
// prog_type 32, expected_attach_type BPF_NETFILTER): every verdict, message and failing
// instruction below is the kernel's. nf_read_state is unverified in bpfverify: ctx->state is a
// PTR_TO_BTF_ID (issue 5).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define NF_DROP 0
#define NF_ACCEPT 1

/* ---- netfilter ---- */

SEC("netfilter")
__description("netfilter: accept everything (the context is not read)")
__success
int nf_accept(struct bpf_nf_ctx *ctx)
{
	return NF_ACCEPT;
}

SEC("netfilter")
__description("netfilter: returning 2 (NF_STOLEN) is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int nf_ret_stolen(struct bpf_nf_ctx *ctx)
{
	return 2;
}

SEC("netfilter")
__description("netfilter: the context is read-only")
__failure __msg("invalid bpf_context access off=8 size=8")
int nf_write_skb(struct bpf_nf_ctx *ctx)
{
	ctx->skb = 0;
	return NF_ACCEPT;
}

SEC("netfilter")
__description("netfilter: a 4-byte read of the state pointer")
__failure __msg("invalid bpf_context access off=0 size=4")
__naked void nf_narrow_state(void)
{
	asm volatile("r0 = *(u32 *)(r1 + 0);"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("netfilter")
__description("netfilter: a read past struct bpf_nf_ctx")
__failure __msg("invalid bpf_context access off=16 size=8")
__naked void nf_past_ctx(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 16);"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("netfilter")
__description("netfilter: bpf_skb_load_bytes is not a netfilter helper")
__failure __msg("program of this type cannot use helper bpf_skb_load_bytes#26")
int nf_skb_load(struct bpf_nf_ctx *ctx)
{
	char buf[4];

	bpf_skb_load_bytes(ctx, 0, buf, sizeof(buf));
	return buf[0] ? NF_ACCEPT : NF_DROP;
}

SEC("netfilter")
__description("netfilter: the hook state's pf read through the trusted BTF pointer")
__success
int nf_read_state(struct bpf_nf_ctx *ctx)
{
	return ctx->state->pf == 2 ? NF_ACCEPT : NF_DROP;
}

char LICENSE[] SEC("license") = "GPL";

// Verifier core: facts shared between registers through ids. A NULL check on one copy of a
// map_value_or_null pointer (register copy or stack spill) applies to every copy; a bound
// on one copy of a scalar applies to its linked copies (also "r2 = r1 + const", linked since
// Linux 6.11); a fresh value breaks the link. An array lookup with a constant key inside
// max_entries is known not to return NULL (the array macros of the other vcore files rely on it:
// their NULL checks are dead branches). Packet ranges: a data_end comparison gives every copy
// of the packet pointer (same id) its range.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct val {
	char buf[256];
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

/* r0 = hvals lookup of key 0: map_value_or_null. */
#define LOOKUP_R0                                                                                  \
	"r1 = 0;"                                                                                  \
	"*(u32 *)(r10 - 4) = r1;"                                                                  \
	"r2 = r10;"                                                                                \
	"r2 += -4;"                                                                                \
	"r1 = %[hvals] ll;"                                                                        \
	"call %[bpf_map_lookup_elem];"

/* r6 = &vals[0] (or exit 0 when the lookup fails), r0 = an unknown scalar. */
#define LOOKUP_R6_RANDOM_R0                                                                        \
	"r1 = 0;"                                                                                  \
	"*(u32 *)(r10 - 4) = r1;"                                                                  \
	"r2 = r10;"                                                                                \
	"r2 += -4;"                                                                                \
	"r1 = %[vals] ll;"                                                                         \
	"call %[bpf_map_lookup_elem];"                                                             \
	"if r0 == 0 goto l_out_%=;"                                                                \
	"r6 = r0;"                                                                                 \
	"call %[bpf_get_prandom_u32];"

#define OUT_0                                                                                      \
	"l_out_%=:"                                                                                \
	"r0 = 0;"                                                                                  \
	"exit;"

#define LINK_IMMS                                                                                  \
	__imm(bpf_map_lookup_elem), __imm(bpf_get_prandom_u32), __imm_addr(vals), __imm_addr(hvals)

SEC("tc")
__description("NULL check on a copy, access through the original")
__success
__naked void null_check_on_copy(void)
{
	asm volatile(LOOKUP_R0
		     "r7 = r0;"
		     "if r7 == 0 goto l_out_%=;"
		     "r0 = *(u64 *)(r0 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("NULL check with != on the original, access through a copy")
__success
__naked void null_check_jne_copy(void)
{
	asm volatile(LOOKUP_R0
		     "r7 = r0;"
		     "if r0 != 0 goto l0_%=;"
		     "exit;"
		     "l0_%=:"
		     "r0 = *(u64 *)(r7 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("NULL check of a pointer filled back from the stack")
__success
__naked void null_check_after_fill(void)
{
	asm volatile(LOOKUP_R0
		     "*(u64 *)(r10 - 16) = r0;"
		     "if r0 == 0 goto l_out_%=;"
		     "r1 = *(u64 *)(r10 - 16);"
		     "r0 = *(u64 *)(r1 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("two lookups: the first is checked, the second used")
__failure __msg("R0 invalid mem access 'map_value_or_null'")
__naked void null_check_wrong_lookup(void)
{
	asm volatile(LOOKUP_R0
		     "r7 = r0;" LOOKUP_R0
		     "if r7 == 0 goto l_out_%=;"
		     "r0 = *(u64 *)(r0 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("pointer arithmetic before the NULL check")
__failure __msg("R0 pointer arithmetic on map_value_or_null prohibited, null-check it first")
__naked void arithmetic_before_null_check(void)
{
	asm volatile(LOOKUP_R0
		     "r0 += 8;"
		     "if r0 == 0 goto l_out_%=;"
		     "r0 = *(u64 *)(r0 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("comparison with a register holding zero is not a NULL check")
__failure __msg("R0 invalid mem access 'map_value_or_null'")
__naked void null_check_against_zero_register(void)
{
	asm volatile(LOOKUP_R0
		     "r1 = 0;"
		     "if r0 == r1 goto l_out_%=;"
		     "r0 = *(u64 *)(r0 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("bound on the original applies to its copy")
__success
__naked void linked_scalar_copy(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r2 = r1;"
		     "if r1 > 255 goto l_out_%=;"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("bound on the original applies to a copy with a constant added")
__msg("(07) r2 += 1{{ +}}; R2=scalar(id=1+1)")
__msg("(25) if r1 > 0xfe goto pc+2{{ +}}; R1=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=254,var_off=(0x0; 0xff))")
__success
__naked void linked_scalar_plus_const(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r2 = r1;"
		     "r2 += 1;"
		     "if r1 > 254 goto l_out_%=;"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("linked copy with a constant added: one past the end")
__failure __msg("invalid access to map value, value_size=256 off=256 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void linked_scalar_plus_const_off_by_one(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r2 = r1;"
		     "r2 += 1;"
		     "if r1 > 255 goto l_out_%=;"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("bound on a copy that was reassigned: the link is gone")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void linked_scalar_broken(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r7 = r0;"
		     "r8 = r0;"
		     "call %[bpf_get_prandom_u32];"
		     "r7 = r0;"
		     "if r7 > 255 goto l_out_%=;"
		     "r6 += r8;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("the link survives a spill and fill of the copy")
__success
__naked void linked_scalar_through_stack(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "if r1 > 255 goto l_out_%=;"
		     "r2 = *(u64 *)(r10 - 16);"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("bound through a 32-bit copy of a zero-extended value")
__msg("(26) if w1 > 0xff goto pc+2{{ +}}; R1=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void linked_scalar_mov32(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;"
		     "w2 = w1;"
		     "if w1 > 255 goto l_out_%=;"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("array lookup with a constant key inside max_entries: never NULL, no check needed")
__success
__naked void array_const_key_not_null(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[vals] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = *(u64 *)(r0 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("array lookup with a constant key past max_entries: may be NULL")
__failure __msg("R0 invalid mem access 'map_value_or_null'")
__naked void array_const_key_out_of_range(void)
{
	asm volatile("r1 = 1;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[vals] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = *(u64 *)(r0 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("a NULL check in C on a value reached through a second pointer variable")
__success
int null_check_in_c(struct __sk_buff *skb)
{
	__u32 key = skb->mark & 7;
	struct val *v = bpf_map_lookup_elem(&hvals, &key), *alias = v;

	if (!alias)
		return 0;
	return v->buf[skb->len & 0xff];
}

SEC("xdp")
__description("packet: 14 bytes checked, the 2-byte protocol at offset 12 read")
__success
__naked void pkt_eth_proto(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r4 = r2;"
		     "r4 += 14;"
		     "if r4 > r3 goto l0_%=;"
		     "r0 = *(u16 *)(r2 + 12);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("packet: 13 bytes checked, 2 bytes read at offset 12")
__failure __msg("invalid access to packet, off=12 size=2, R2(id=0,off=12,r=13)")
__msg("R2 offset is outside of the packet")
__naked void pkt_eth_proto_off_by_one(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r4 = r2;"
		     "r4 += 13;"
		     "if r4 > r3 goto l0_%=;"
		     "r0 = *(u16 *)(r2 + 12);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("packet: the range learnt on one copy applies to another copy of data")
__success
__naked void pkt_range_on_copy(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r5 = r2;"
		     "r4 = r2;"
		     "r4 += 8;"
		     "if r3 < r4 goto l0_%=;"
		     "r0 = *(u64 *)(r5 + 0);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("packet: a variable offset, then a bound check on the moved pointer")
__success
__naked void pkt_var_off_checked(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r4 = r2;"
		     "r4 += 1;"
		     "if r4 > r3 goto l0_%=;"
		     "r5 = *(u8 *)(r2 + 0);"
		     "r5 &= 0x3f;"
		     "r2 += r5;"
		     "r4 = r2;"
		     "r4 += 4;"
		     "if r4 > r3 goto l0_%=;"
		     "r0 = *(u32 *)(r2 + 0);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("packet: the check made before the pointer moved does not cover the moved pointer")
__failure __msg("invalid access to packet, off=0 size=4, R2(id=1,off=0,r=0)")
__msg("R2 offset is outside of the packet")
__naked void pkt_var_off_unchecked(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r4 = r2;"
		     "r4 += 68;"
		     "if r4 > r3 goto l0_%=;"
		     "r5 = *(u8 *)(r2 + 0);"
		     "r5 &= 0x3f;"
		     "r2 += r5;"
		     "r0 = *(u32 *)(r2 + 0);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("packet: a bound on the scalar data_end - data gives the packet pointer no range")
__failure __msg("invalid access to packet, off=0 size=8, R2(id=0,off=0,r=0)")
__msg("R2 offset is outside of the packet")
__naked void pkt_len_from_pointers(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r4 = r3;"
		     "r4 -= r2;"
		     "if r4 < 8 goto l0_%=;"
		     "r0 = *(u64 *)(r2 + 0);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("two pointers into one map value compared: no NULL check implied for a third lookup")
__success
__naked void map_value_pointer_compare(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r7 = r6;"
		     "r7 += 8;"
		     "if r7 > r6 goto l0_%=;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = *(u8 *)(r6 + 255);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

SEC("tc")
__description("map value pointers subtracted: the difference is an unknown scalar")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void map_value_pointer_diff(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r7 = r6;"
		     "r7 += 200;"
		     "r7 -= r6;"
		     "r6 += r7;"
		     "r0 = *(u8 *)(r6 + 55);" OUT_0
		     :
		     : LINK_IMMS
		     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";

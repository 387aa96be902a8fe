// Verifier core: scalar range tracking. 32-bit and 64-bit ALU, masks, shifts, signed and
// unsigned comparisons (64-bit and jmp32), sign extension (cpu v4 movsx / ldsx), byte swaps.
// Each range ends in a map value access that is either just in bounds or one byte past the
// 256-byte value, so the verdict depends on the bounds the verifier derived.
// Helper return values are unknown 64-bit scalars; modulo is not range-tracked by 6.18; 6.18.y
// (the reference machine) tracks byte swaps.
// Inline asm keeps clang from folding or reordering the range arithmetic; v4 instructions are
// written in asm, so the file still builds with -mcpu=v3.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define VALUE_SIZE 256

struct val {
	char buf[VALUE_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} vals SEC(".maps");

/* r6 = &vals[0] (or exit 0 when the lookup fails), r0 = bpf_get_prandom_u32(): a helper's
 * RET_INTEGER is an unknown 64-bit scalar for the verifier, although the value fits in 32 bits. */
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

/* Read one byte at r6 + r1 and return 0. */
#define READ_BYTE_AT_R1                                                                            \
	"r6 += r1;"                                                                                \
	"r0 = *(u8 *)(r6 + 0);"                                                                    \
	"l_out_%=:"                                                                                \
	"r0 = 0;"                                                                                  \
	"exit;"

#define SCALAR_IMMS __imm(bpf_map_lookup_elem), __imm(bpf_get_prandom_u32), __imm_addr(vals)

/* Global data: .rodata is frozen (its bytes are constants to the verifier), .bss is not. */
const volatile __u32 ro_limit = 255;
__u32 rw_limit = 255;

SEC("socket")
__description("mask 0xff: index 255 is the last byte")
__success
__naked void mask_just_in_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("mask 0xff then a 2-byte read: one byte past the value")
__failure __msg("invalid access to map value, value_size=256 off=255 size=2")
__msg("R6 max value is outside of the allowed memory range")
__naked void mask_off_by_one(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r6 += r1;"
		     "r0 = *(u16 *)(r6 + 0);"
		     "l_out_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("32-bit AND zero-extends: unknown upper half is cleared")
__msg("(54) w1 &= 255{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void alu32_and_zero_extends(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 32;"
		     "r1 |= r0;"  /* all 64 bits unknown */
		     "w1 &= 0xff;" /* 32-bit op: upper 32 bits become zero */
		     READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("32-bit subtraction wraps: [0,255] - 1 reaches 0xffffffff")
__failure __msg("R6 unbounded memory access, make sure to bounds check any such access")
__naked void alu32_sub_wraps(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "w1 &= 0xff;"
		     "w1 -= 1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("64-bit subtraction of the same range stays signed: min value is negative")
__failure __msg("R6 min value is negative, either use unsigned index or do a if (index >=0) check.")
__naked void alu64_sub_negative(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r1 -= 1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("shift left then arithmetic shift right: [-128,127] + 128")
__msg("(c7) r1 s>>= 56{{ +}}; R1=scalar(smin=smin32=-128,smax=smax32=127)")
__msg("(07) r1 += 128{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void shifts_arsh_in_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 56;"
		     "r1 s>>= 56;" /* [-128, 127] */
		     "r1 += 128;"  /* [0, 255] */
		     READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("logical shift right instead of arithmetic: [0,255] + 128 is past the end")
__failure __msg("invalid access to map value, value_size=256 off=383 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void shifts_rsh_off_end(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 56;"
		     "r1 >>= 56;" /* [0, 255] */
		     "r1 += 128;" /* [128, 383] */
		     READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("signed upper bound only: the index may be negative")
__failure __msg("R6 min value is negative, either use unsigned index or do a if (index >=0) check.")
__naked void signed_cmp_no_lower_bound(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 32;"
		     "r1 s>>= 32;" /* s32 range */
		     "if r1 s> 255 goto l_out_%=;"
		     "if r1 s< -100000 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("signed upper and lower bound: [0,255]")
__msg("(c5) if r1 s< 0x0 goto pc+2{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void signed_cmp_both_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 32;"
		     "r1 s>>= 32;"
		     "if r1 s> 255 goto l_out_%=;"
		     "if r1 s< 0 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("one unsigned comparison also excludes negative values")
__success
__naked void unsigned_cmp_covers_negative(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 32;"
		     "r1 s>>= 32;"
		     "if r1 > 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("unsigned bound 256 instead of 255: off-by-one")
__failure __msg("invalid access to map value, value_size=256 off=256 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void unsigned_cmp_off_by_one(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "if r1 > 256 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("jmp32 bound on a value with unknown upper half bounds only the subregister")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void jmp32_bound_upper_unknown(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;" /* all 64 bits unknown */
		     "if w1 > 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("jmp32 bound on a zero-extended u32 bounds the whole register")
__msg("(26) if w1 > 0xff goto pc+2{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void jmp32_bound_zero_extended(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;" /* mov32 zero-extends: upper half known zero */
		     "if w1 > 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("movsx s8 then +128: [0,255]")
__msg("(bf) r1 = (s8)r0{{ +}}; R0=scalar() R1=scalar(smin=smin32=-128,smax=smax32=127)")
__success
__naked void movsx8_in_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = (s8)r0;" /* [-128, 127] */
		     "r1 += 128;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("movsx s8 then +129: one past the end")
__failure __msg("invalid access to map value, value_size=256 off=256 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void movsx8_off_by_one(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = (s8)r0;"
		     "r1 += 129;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("movsx s16 is not bounded by 255")
__failure __msg("R6 min value is negative, either use unsigned index or do a if (index >=0) check.")
__naked void movsx16_negative(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = (s16)r0;"
		     "if r1 s> 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("32-bit movsx zero-extends: w1 = (s8)w0 is in [0,0xffffffff] as 64 bits")
__failure __msg("R6 unbounded memory access, make sure to bounds check any such access")
__naked void movsx32_zero_extends(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = (s8)w0;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("ldsx s8 from the map value, +128: [0,255]")
__msg("(91) r1 = *(s8 *)(r6 +7){{ +}}; R1=scalar(smin=smin32=-128,smax=smax32=127) R6=map_value(map=vals,ks=4,vs=256)")
__success
__naked void ldsx8_in_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = *(s8 *)(r6 + 7);" /* [-128, 127] */
		     "r1 += 128;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("zero-extending u8 load, +128: past the end")
__failure __msg("invalid access to map value, value_size=256 off=383 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void ldx8_unsigned_off_end(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = *(u8 *)(r6 + 7);" /* [0, 255] */
		     "r1 += 128;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("ldsx s16 from the stack: negative values possible")
__failure __msg("R6 min value is negative, either use unsigned index or do a if (index >=0) check.")
__naked void ldsx16_stack_negative(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "*(u64 *)(r10 - 16) = r0;"
		     "r1 = *(s16 *)(r10 - 16);"
		     "if r1 s> 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("be16 of (x & 0xff00) is in [0,255] (6.18.y tracks byte swaps)")
__msg("(dc) r1 = be16 r1{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void bswap16_tracked(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff00;"
		     "r1 = be16 r1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("be16 of (x & 0xff) is in [0,0xff00]")
__failure __msg("invalid access to map value, value_size=256 off=65280 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void bswap16_too_large(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r1 = be16 r1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("le16 truncates an unknown 64-bit value to [0,0xffff], then a bound check")
__msg("(d4) r1 = le16 r1{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff))")
__success
__naked void le16_truncates(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 32;"
		     "r1 |= r0;"
		     "r1 = le16 r1;"
		     "if r1 > 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("bswap64 (cpu v4) of a value bounded to the low byte lands in the top byte")
__msg("(d7) r1 = bswap64 r1{{ +}}; R1=scalar(smax=0x7f00000000000000,umax=0xff00000000000000,smin32=0,smax32=umax32=0,var_off=(0x0; 0xff00000000000000))")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void bswap64_top_byte(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r1 = bswap64 r1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("modulo by a constant is not range-tracked by 6.18: x % 256 stays unknown")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void mod_not_tracked(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 %%= 256;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("OR with a constant raises the minimum: (x & 0x7f) | 0x80 + 128 is past the end")
__msg("(47) r1 |= 128{{ +}}; R1=scalar(smin=umin=smin32=umin32=128,smax=umax=smax32=umax32=255,var_off=(0x80; 0x7f))")
__failure __msg("invalid access to map value, value_size=256 off=256 size=1")
__msg("R6 min value is outside of the allowed memory range")
__naked void or_raises_min(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0x7f;"
		     "r1 |= 0x80;" /* [128, 255] */
		     "r1 += 128;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("negation: -(x & 0xff) + 255 is in [0,255]")
__msg("(87) r1 = -r1{{ +}}; R1=scalar(smin=smin32=-255,smax=smax32=0)")
__success
__naked void neg_then_add(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r1 = -r1;"
		     "r1 += 255;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("XOR of a masked value: (x & 0xf0) ^ 0xff is in [0x0f,0xff]")
__msg("(a7) r1 ^= 255{{ +}}; R1=scalar(smin=umin=smin32=umin32=15,smax=umax=smax32=umax32=255,var_off=(0xf; 0xf0))")
__success
__naked void xor_mask(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xf0;"
		     "r1 ^= 0xff;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("multiplication: (x & 0xf) * 17 is at most 255")
__msg("(27) r1 *= 17{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void mul_in_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xf;"
		     "r1 *= 17;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("multiplication: (x & 0xf) * 18 reaches 270")
__failure __msg("invalid access to map value, value_size=256 off=270 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void mul_off_end(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xf;"
		     "r1 *= 18;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("JSET false branch: bit 8 of (x & 0x1ff) is known zero")
__msg("(45) if r1 & 0x100 goto pc+2{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))")
__success
__naked void jset_clears_bit(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0x1ff;"
		     "if r1 & 0x100 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("JSET false branch on bit 0 leaves bit 8 unknown")
__failure __msg("invalid access to map value, value_size=256 off=510 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void jset_wrong_bit(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0x1ff;"
		     "if r1 & 0x1 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("jmp32 signed bounds on a zero-extended value: [0,255]")
__success
__naked void jmp32_signed_both_bounds(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;"
		     "if w1 s> 255 goto l_out_%=;"
		     "if w1 s< 0 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("jmp32 signed upper bound only: u32 values above 0x7fffffff get through")
__failure __msg("R6 unbounded memory access, make sure to bounds check any such access")
__naked void jmp32_signed_upper_only(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;"
		     "if w1 s> 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("comparison with a register holding a constant bounds the other")
__success
__naked void reg_cmp_const_reg(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r2 = 255;"
		     "if r1 > r2 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("comparison with a register bounded to [0,511] bounds the other to 511")
__failure __msg("invalid access to map value, value_size=256 off=511 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void reg_cmp_bounded_reg(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r7 = r0;"
		     "call %[bpf_get_prandom_u32];"
		     "r2 = r0;"
		     "r2 &= 0x1ff;"
		     "if r7 > r2 goto l_out_%=;"
		     "r1 = r7;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("[0,255] - 128 crosses zero; the non-negative branch is [0,127]")
__msg("(c5) if r1 s< 0x0 goto pc+2{{ +}}; R1=scalar(smin=smin32=0,smax=umax=smax32=umax32=127,var_off=(0x0; 0x7f))")
__success
__naked void sign_boundary_crossing(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r1 -= 128;"
		     "if r1 s< 0 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("BPF_ST of an immediate to an aligned slot is a known constant after the fill")
__msg("(79) r1 = *(u64 *)(r10 -16){{ +}}; R1=200 R10=fp0 fp-16=200")
__success
__naked void st_imm_spill(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "*(u64 *)(r10 - 16) = 200;"
		     "r1 = *(u64 *)(r10 - 16);" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("signed division (cpu v4) leaves an unknown value")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void sdiv_not_tracked(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r1 s/= 2;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("division by a register that may be zero is allowed (the result is 0 at run time)")
__success
__naked void div_by_zero_reg(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xff;"
		     "r2 = 0;"
		     "r1 /= r2;"
		     "if r1 > 255 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("jmp32 register-register signed bounds: 0 <= w1 <= w2 == 255")
__success
__naked void jmp32_reg_reg_signed(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;"
		     "w2 = 255;"
		     "w3 = 0;"
		     "if w1 s> w2 goto l_out_%=;"
		     "if w1 s< w3 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("a 64-bit signed range [-1,1] has a 32-bit unsigned range that wraps: x + 1 is [0,2]")
__success
__naked void s64_range_to_u32(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 3;"
		     "r1 -= 1;"
		     "if r1 s> 1 goto l_out_%=;"
		     "w1 += 1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("an unsigned 32-bit bound on a value whose upper half is zero bounds 64 bits")
__success
__naked void u32_bound_then_64(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 <<= 32;"
		     "r1 >>= 32;"
		     "if w1 >= 256 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("jmp32 != on a 2-value range leaves one constant")
__success
__naked void jmp32_jne_const(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 1;"
		     "r1 += 254;"
		     "if w1 != 254 goto l_out_%=;"
		     "r1 += 1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("32-bit arithmetic shift of a zero-extended byte shifted to the top: [-128,127] in 32 bits, then zero-extended")
__success
__naked void arsh32_sign(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;"
		     "w1 <<= 24;"
		     "w1 s>>= 24;"
		     "w1 += 128;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("a bound learnt by comparing two scalars against each other")
__success
__naked void linked_cmp_both(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r1 &= 0xfff;"
		     "r2 = r1;"
		     "r2 >>= 4;"
		     "if r1 > 255 goto l_out_%=;"
		     "if r2 > r1 goto l_out_%=;"
		     "r1 = r2;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("32-bit negation of [-255,-1] is [1,255], zero-extended")
__success
__naked void neg32_of_negative(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "w1 = w0;"
		     "w1 &= 0xff;"
		     "w1 |= 1;"
		     "w1 = -w1;"
		     "w1 = -w1;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("a bound read from frozen .rodata is a constant")
__success
__naked void rodata_bound(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r2 = %[ro_limit] ll;"
		     "r2 = *(u32 *)(r2 + 0);"
		     "if r1 > r2 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS, __imm_addr(ro_limit)
		     : __clobber_all);
}

SEC("socket")
__description("a bound read from writable .bss is unknown")
__failure __msg("R6 unbounded memory access, make sure to bounds check any such access")
__naked void bss_bound(void)
{
	asm volatile(LOOKUP_R6_RANDOM_R0
		     "r1 = r0;"
		     "r2 = %[rw_limit] ll;"
		     "r2 = *(u32 *)(r2 + 0);"
		     "if r1 > r2 goto l_out_%=;" READ_BYTE_AT_R1
		     :
		     : SCALAR_IMMS, __imm_addr(rw_limit)
		     : __clobber_all);
}

SEC("socket")
__description("a store into frozen .rodata")
__failure __msg("write into map forbidden, value_size=4 off=0 size=4")
__naked void rodata_store(void)
{
	asm volatile("r1 = %[ro_limit] ll;"
		     "r2 = 1;"
		     "*(u32 *)(r1 + 0) = r2;"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm_addr(ro_limit)
		     : __clobber_all);
}

SEC("socket")
__description("a read one byte past a 4-byte .bss variable's map value")
__failure __msg("invalid access to map value, value_size=4 off=1 size=4")
__msg("R1 min value is outside of the allowed memory range")
__naked void bss_past_end(void)
{
	asm volatile("r1 = %[rw_limit] ll;"
		     "r0 = *(u32 *)(r1 + 1);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm_addr(rw_limit)
		     : __clobber_all);
}

SEC("socket")
__description("division by the constant zero")
__failure __msg("div by zero")
__naked void div_by_zero_imm(void)
{
	asm volatile("r0 = 1;"
		     "r0 /= 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a 64-bit shift by 64")
__failure __msg("invalid shift 64")
__naked void shift_by_64(void)
{
	asm volatile("r0 = 1;"
		     "r0 <<= 64;"
		     "exit;" ::
			     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";

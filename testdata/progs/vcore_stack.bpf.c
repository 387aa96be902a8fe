// Verifier core: the stack. Spills and fills of 1, 2, 4 and 8 bytes (a scalar spill keeps its
// value only in an 8-byte aligned slot; elsewhere the bytes become plain data), partial fills of
// a spilled pointer, a spilled pointer overwritten in part, uninitialised reads (allowed to root
// since Linux 6.5), variable-offset reads and writes, the 512-byte frame limit, and the combined
// stack of a call chain (checked after the walk: the message names no instruction of its own).
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

/* r6 = &vals[0] (or exit 0 when the lookup fails). */
#define LOOKUP_R6                                                                                  \
	"r1 = 0;"                                                                                  \
	"*(u32 *)(r10 - 4) = r1;"                                                                  \
	"r2 = r10;"                                                                                \
	"r2 += -4;"                                                                                \
	"r1 = %[vals] ll;"                                                                         \
	"call %[bpf_map_lookup_elem];"                                                             \
	"if r0 == 0 goto l_out_%=;"                                                                \
	"r6 = r0;"

#define OUT_0                                                                                      \
	"l_out_%=:"                                                                                \
	"r0 = 0;"                                                                                  \
	"exit;"

#define STACK_IMMS __imm(bpf_map_lookup_elem), __imm(bpf_get_prandom_u32), __imm_addr(vals)

SEC("socket")
__description("constants spilled with 1, 2, 4 and 8 bytes at 8-byte aligned slots are known after the fill")
__msg("(71) r2 = *(u8 *)(r10 -16){{ +}}; R2=255 R10=fp0 fp-16=???????255")
__msg("(69) r3 = *(u16 *)(r10 -24){{ +}}; R3=255 R10=fp0 fp-24=??????255")
__msg("(61) r4 = *(u32 *)(r10 -32){{ +}}; R4=255 R10=fp0 fp-32=????255")
__success
__naked void spill_fill_sizes(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 255;"
		     "*(u8 *)(r10 - 16) = r1;"
		     "*(u16 *)(r10 - 24) = r1;"
		     "*(u32 *)(r10 - 32) = r1;"
		     "*(u64 *)(r10 - 40) = r1;"
		     "r2 = *(u8 *)(r10 - 16);"
		     "r3 = *(u16 *)(r10 - 24);"
		     "r4 = *(u32 *)(r10 - 32);"
		     "r5 = *(u64 *)(r10 - 40);"
		     "r7 = r6;"
		     "r7 += r2;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "r7 = r6;"
		     "r7 += r3;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "r7 = r6;"
		     "r7 += r4;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "r7 = r6;"
		     "r7 += r5;"
		     "r0 = *(u8 *)(r7 + 0);" OUT_0
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("a 2-byte spill at an unaligned slot is data, not a register: its fill is [0,0xffff]")
__failure __msg("invalid access to map value, value_size=256 off=65535 size=1")
__msg("R6 max value is outside of the allowed memory range")
__naked void spill2_unaligned_slot(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 255;"
		     "*(u16 *)(r10 - 12) = r1;"
		     "r2 = *(u16 *)(r10 - 12);"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("a constant spilled with 8 bytes and filled with 1 byte keeps its low byte")
__msg("(71) r2 = *(u8 *)(r10 -16){{ +}}; R2=255 R10=fp0 fp-16=511")
__success
__naked void spill8_fill1_constant(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 0x1ff;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "r2 = *(u8 *)(r10 - 16);" /* little-endian: 0xff */
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("a 4-byte fill of the high half of a spilled 8-byte constant is unknown")
__failure __msg("R6 unbounded memory access, make sure to bounds check any such access")
__naked void spill8_fill4_high_half(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 0x100000000 ll;"
		     "r1 += 255;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "r2 = *(u32 *)(r10 - 12);" /* the high half: 1 */
		     "r2 += 255;"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("spilled ctx pointer filled back and dereferenced")
__success
__naked void spill_fill_ctx_pointer(void)
{
	asm volatile("*(u64 *)(r10 - 8) = r1;"
		     "r2 = *(u64 *)(r10 - 8);"
		     "r0 = *(u32 *)(r2 + %[mark]);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm_const(mark, offsetof(struct __sk_buff, mark))
		     : __clobber_all);
}

SEC("socket")
__description("a 4-byte fill of a spilled pointer")
__failure __msg("invalid size of register fill")
__naked void partial_fill_of_pointer(void)
{
	asm volatile("*(u64 *)(r10 - 8) = r1;"
		     "r2 = *(u32 *)(r10 - 8);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a byte written over a spilled pointer turns the slot into data")
__failure __msg("R2 invalid mem access 'scalar'")
__naked void spilled_pointer_overwritten(void)
{
	asm volatile("*(u64 *)(r10 - 8) = r1;"
		     "r3 = 0;"
		     "*(u8 *)(r10 - 5) = r3;"
		     "r2 = *(u64 *)(r10 - 8);"
		     "r0 = *(u32 *)(r2 + 0);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a 4-byte spilled constant filled with 8 bytes: the other half is unknown")
__failure __msg("math between map_value pointer and register with unbounded min value is not allowed")
__naked void half_spill_full_fill(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 1;"
		     "*(u32 *)(r10 - 16) = r1;"
		     "r2 = *(u64 *)(r10 - 16);" /* upper 4 bytes never written */
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("reading uninitialised stack is allowed to a privileged loader")
__success
__naked void uninit_stack_read(void)
{
	asm volatile("r0 = *(u64 *)(r10 - 64);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("uninitialised stack as a helper's key: allowed to a privileged loader")
__success
__naked void uninit_stack_helper_key(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -8;"
		     "r1 = %[vals] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("variable-offset stack write and read within [-16,-9]")
__success
__naked void var_off_stack_in_bounds(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r0 &= 7;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r2 += r0;"
		     "r1 = 42;"
		     "*(u8 *)(r2 + 0) = r1;"
		     "r0 = *(u8 *)(r2 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("variable-offset 8-byte stack write reaching above the frame")
__failure __msg("invalid variable-offset write to stack R2 var_off=(0x0; 0x18) off=-16 size=8")
__naked void var_off_stack_above_frame(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r0 &= 24;" /* 0, 8, 16 or 24 */
		     "r2 = r10;"
		     "r2 += -16;"
		     "r2 += r0;"
		     "r1 = 0;"
		     "*(u64 *)(r2 + 0) = r1;"
		     "r0 = 0;"
		     "exit;"
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("unbounded variable offset into the stack")
__failure __msg("math between fp pointer and register with unbounded min value is not allowed")
__naked void var_off_stack_unbounded(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r2 = r10;"
		     "r2 += r0;"
		     "r1 = 0;"
		     "*(u8 *)(r2 - 8) = r1;"
		     "r0 = 0;"
		     "exit;"
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("variable-offset read of a spilled pointer is a scalar")
__failure __msg("R3 invalid mem access 'scalar'")
__naked void var_off_read_of_spilled_pointer(void)
{
	asm volatile("r6 = r1;"
		     "call %[bpf_get_prandom_u32];"
		     "*(u64 *)(r10 - 8) = r6;"
		     "*(u64 *)(r10 - 16) = r6;"
		     "r0 &= 8;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r2 += r0;"
		     "r3 = *(u64 *)(r2 + 0);"
		     "r0 = *(u32 *)(r3 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("socket")
__description("the deepest slot of a 512-byte frame")
__success
__naked void stack_512_deepest(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 512) = r1;"
		     "r0 = *(u64 *)(r10 - 512);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("one slot beyond the 512-byte frame")
__failure __msg("invalid write to stack R10 off=-520 size=8")
__naked void stack_beyond_512(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 520) = r1;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a store above the frame pointer")
__failure __msg("invalid write to stack R10 off=0 size=8")
__naked void stack_above_fp(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 + 0) = r1;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* Uses 256 bytes of its own stack. */
__naked __noinline __attribute__((used)) static void uses_256(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 256) = r1;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* Uses 320 bytes of its own stack. */
__naked __noinline __attribute__((used)) static void uses_320(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 320) = r1;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("tc")
__description("256 + 256 bytes over two frames: exactly the limit")
__success
__naked void combined_stack_512(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 256) = r1;"
		     "call uses_256;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("tc")
__description("256 + 320 bytes over two frames")
__failure __msg("combined stack size of 2 calls is 576. Too large")
__naked void combined_stack_too_large(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 256) = r1;"
		     "call uses_320;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("tc")
__description("a 320-byte frame calling a 256-byte one after its own stack use is done")
__failure __msg("combined stack size of 2 calls is 576. Too large")
__naked void combined_stack_order(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 320) = r1;"
		     "r0 = *(u64 *)(r10 - 320);"
		     "call uses_256;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("tc")
__description("a 496-byte local array filled in C and summed")
__success
int large_local_array(struct __sk_buff *skb)
{
	volatile char buf[496];
	int i, sum = 0;

	for (i = 0; i < (int)sizeof(buf); i += 8)
		buf[i] = (char)skb->len;
	for (i = 0; i < (int)sizeof(buf); i += 62)
		sum += buf[i];
	return sum;
}

SEC("socket")
__description("the frame pointer is read-only")
__failure __msg("frame pointer is read only")
__naked void write_r10(void)
{
	asm volatile("r10 = 0;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a variable-offset byte store over a spilled pointer, then the pointer filled")
__failure __msg("R3 invalid mem access 'scalar'")
__naked void var_off_write_over_spilled_pointer(void)
{
	asm volatile("r6 = r1;"
		     "call %[bpf_get_prandom_u32];"
		     "*(u64 *)(r10 - 8) = r6;"
		     "r0 &= 7;"
		     "r2 = r10;"
		     "r2 += -8;"
		     "r2 += r0;"
		     "r1 = 0;"
		     "*(u8 *)(r2 + 0) = r1;"
		     "r3 = *(u64 *)(r10 - 8);"
		     "r0 = *(u32 *)(r3 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("bpf_probe_read_kernel into a variable-offset stack buffer, in bounds")
__success
__naked void probe_read_var_off_dst(void)
{
	asm volatile("r6 = r1;"
		     "call %[bpf_get_prandom_u32];"
		     "r0 &= 8;"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r1 += r0;"
		     "r2 = 16;"
		     "r3 = *(u64 *)(r6 + %[di]);"
		     "call %[bpf_probe_read_kernel];"
		     "r0 = *(u64 *)(r10 - 16);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32), __imm(bpf_probe_read_kernel),
		       __imm_const(di, offsetof(struct pt_regs, di))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("bpf_probe_read_kernel into a variable-offset stack buffer reaching above the frame")
__failure __msg("invalid variable-offset write to stack R1 var_off=(0x0; 0x18) off=-32 size=16")
__naked void probe_read_var_off_dst_above(void)
{
	asm volatile("r6 = r1;"
		     "call %[bpf_get_prandom_u32];"
		     "r0 &= 24;"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r1 += r0;"
		     "r2 = 16;"
		     "r3 = *(u64 *)(r6 + %[di]);"
		     "call %[bpf_probe_read_kernel];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32), __imm(bpf_probe_read_kernel),
		       __imm_const(di, offsetof(struct pt_regs, di))
		     : __clobber_all);
}

SEC("socket")
__description("a 4-byte spill of a 64-bit register keeps only a 32-bit view")
__success
__naked void spill4_of_wide_register(void)
{
	asm volatile(LOOKUP_R6
		     "r1 = 0x100000000 ll;"
		     "r1 += 200;"
		     "*(u32 *)(r10 - 16) = r1;"
		     "r2 = *(u32 *)(r10 - 16);"
		     "r6 += r2;"
		     "r0 = *(u8 *)(r6 + 0);" OUT_0
		     :
		     : STACK_IMMS
		     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";

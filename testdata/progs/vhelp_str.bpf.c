// Helper family: strings. bpf_probe_read_kernel_str / _user_str (the return value is at most the
// buffer size, do_refine_retval_range(): an index from it needs a "- 1" and a sign check),
// bpf_snprintf (the format is a constant NUL-terminated string in a read-only map, checked
// against the number of u64 arguments, check_bpf_snprintf_call()), bpf_strncmp
// (ARG_PTR_TO_CONST_STR), bpf_get_current_comm (size), bpf_strtol / bpf_strtoul in a
// cgroup_sysctl program (the result pointer is a fixed-size 8-byte, aligned stack slot).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct strval {
	char s[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct strval);
} strs SEC(".maps");

const char ro_fmt[] = "pid %d comm %s";
const char ro_bad_fmt[] = "%d %d %d";
const char ro_name[] = "bash";
char rw_fmt[] = "pid %d";
const char ro_unterminated[4] = { 'a', 'b', 'c', 'd' };

SEC("kprobe/do_unlinkat")
__description("probe_read_kernel_str: last byte at the returned length minus one")
__success
int read_str_last_byte(struct pt_regs *ctx)
{
	__u32 k = 0;
	struct strval *v = bpf_map_lookup_elem(&strs, &k);
	long n;

	if (!v)
		return 0;
	n = bpf_probe_read_kernel_str(v->s, sizeof(v->s), (void *)PT_REGS_PARM2(ctx));
	if (n <= 0)
		return 0;
	return v->s[(n - 1) & 63];
}

SEC("kprobe/do_unlinkat")
__description("probe_read_kernel_str: returned length checked > 0, index n - 1")
__success
__naked void read_str_index_minus_one(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[strs] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r7 = r0;"
		     "r3 = *(u64 *)(r6 + %[si]);"
		     "r1 = r7;"
		     "r2 = 64;"
		     "call %[bpf_probe_read_kernel_str];"
		     "if r0 s<= 0 goto l0_%=;"
		     "r0 += -1;"
		     "r7 += r0;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "exit;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_probe_read_kernel_str), __imm_addr(strs),
		       __imm_const(si, offsetof(struct pt_regs, si))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("probe_read_kernel_str: returned length used as an index (one past the value)")
__failure __msg("R7 max value is outside of the allowed memory range")
__naked void read_str_index_n(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[strs] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r7 = r0;"
		     "r3 = *(u64 *)(r6 + %[si]);"
		     "r1 = r7;"
		     "r2 = 64;"
		     "call %[bpf_probe_read_kernel_str];"
		     "if r0 s<= 0 goto l0_%=;"
		     "r7 += r0;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "exit;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_probe_read_kernel_str), __imm_addr(strs),
		       __imm_const(si, offsetof(struct pt_regs, si))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("probe_read_user_str: returned length used as an index without the sign check")
__failure __msg("R7 min value is negative, either use unsigned index or do a if (index >=0) check.")
__naked void read_user_str_index_signed(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[strs] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r7 = r0;"
		     "r3 = *(u64 *)(r6 + %[si]);"
		     "r1 = r7;"
		     "r2 = 64;"
		     "call %[bpf_probe_read_user_str];"
		     "r0 += -1;"
		     "r7 += r0;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "exit;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_probe_read_user_str), __imm_addr(strs),
		       __imm_const(si, offsetof(struct pt_regs, si))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("probe_read_user_str: 65 bytes into a 64-byte map value")
__failure __msg("invalid access to map value, value_size=64 off=0 size=65")
__msg("R1 min value is outside of the allowed memory range")
__naked void read_user_str_too_long(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[strs] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r3 = *(u64 *)(r6 + %[si]);"
		     "r1 = r0;"
		     "r2 = 65;"
		     "call %[bpf_probe_read_user_str];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_probe_read_user_str), __imm_addr(strs),
		       __imm_const(si, offsetof(struct pt_regs, si))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("snprintf: read-only format with two arguments, 16 bytes of data")
__success
int snprintf_ok(struct pt_regs *ctx)
{
	__u64 args[2];
	char out[32];

	args[0] = bpf_get_current_pid_tgid() >> 32;
	args[1] = (__u64)(long)ro_name;
	return bpf_snprintf(out, sizeof(out), ro_fmt, args, sizeof(args)) > 0;
}

SEC("kprobe/do_unlinkat")
__description("snprintf: format in a writable global (.data)")
__failure __msg("R3 does not point to a readonly map'")
int snprintf_rw_fmt(struct pt_regs *ctx)
{
	__u64 args[1] = { 1 };
	char out[32];

	return bpf_snprintf(out, sizeof(out), rw_fmt, args, sizeof(args)) > 0;
}

SEC("kprobe/do_unlinkat")
__description("snprintf: three %d but 16 bytes of data (two arguments)")
__failure __msg("Invalid format string")
int snprintf_too_few_args(struct pt_regs *ctx)
{
	__u64 args[2] = { 1, 2 };
	char out[32];

	return bpf_snprintf(out, sizeof(out), ro_bad_fmt, args, sizeof(args)) > 0;
}

SEC("kprobe/do_unlinkat")
__description("snprintf: format on the stack")
__failure __msg("R3 type=fp expected=map_value")
int snprintf_stack_fmt(struct pt_regs *ctx)
{
	char fmt[8] = "%d";
	__u64 args[1] = { 1 };
	char out[32];

	return bpf_snprintf(out, sizeof(out), fmt, args, sizeof(args)) > 0;
}

SEC("kprobe/do_unlinkat")
__description("snprintf: format at a variable offset of .rodata")
__failure __msg("R3 is not a constant address'")
__naked void snprintf_var_off_fmt(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r0 &= 3;"
		     "r3 = %[ro_fmt] ll;"
		     "r3 += r0;"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r2 = 32;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_snprintf];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32), __imm(bpf_snprintf), __imm_addr(ro_fmt)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("strncmp with a constant string in .rodata")
__success
int strncmp_ok(struct pt_regs *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), ro_name) == 0;
}

SEC("kprobe/do_unlinkat")
__description("strncmp with a string that is not NUL-terminated")
__failure __msg("string is not zero-terminated")
int strncmp_unterminated(struct pt_regs *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), ro_unterminated) == 0;
}

SEC("kprobe/do_unlinkat")
__description("strncmp with a writable global as the constant string")
__failure __msg("R3 does not point to a readonly map'")
int strncmp_rw(struct pt_regs *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(comm), rw_fmt) == 0;
}

SEC("kprobe/do_unlinkat")
__description("get_current_comm: 17 bytes into a 16-byte buffer")
__failure __msg("invalid write to stack R1 off=-16 size=17")
__naked void comm_too_long(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -16;"
		     "r2 = 17;"
		     "call %[bpf_get_current_comm];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_current_comm)
		     : __clobber_all);
}

SEC("cgroup/sysctl")
__description("strtol / strtoul of the new sysctl value into 8-byte results")
__success
int strtol_ok(struct bpf_sysctl *ctx)
{
	char buf[16];
	long l;
	unsigned long ul;

	if (bpf_sysctl_get_new_value(ctx, buf, sizeof(buf)) < 0)
		return 1;
	if (bpf_strtol(buf, sizeof(buf), 0, &l) < 0)
		return 1;
	if (bpf_strtoul(buf, sizeof(buf), 10, &ul) < 0)
		return 1;
	return l > 0 && ul < 100;
}

SEC("cgroup/sysctl")
__description("strtol with a 4-byte result slot")
__failure __msg("invalid write to stack R4 off=-4 size=8")
__naked void strtol_short_result(void)
{
	asm volatile("r1 = 0x3231;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 8;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -4;"
		     "call %[bpf_strtol];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_strtol)
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";

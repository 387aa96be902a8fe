// Helper family: more tracing helpers, by program type. Clocks, prandom, smp processor id (range
// from nr_cpu_ids), ancestor cgroup id, probe_write_user, trace_vprintk (format and data are
// plain memory, checked at run time), perf_event programs (perf_prog_read_value,
// read_branch_records sizes), get_stack in a raw tracepoint, ringbuf_output sizes, sleepable
// helpers (copy_from_user) refused in non-sleepable programs.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

const char vfmt[] = "pid %d\n";

SEC("kprobe/do_unlinkat")
__description("clocks, prandom, ancestor cgroup id")
__success
int clocks_ok(void *ctx)
{
	__u64 s = bpf_ktime_get_boot_ns() + bpf_ktime_get_tai_ns();

	s += bpf_get_prandom_u32();
	s += bpf_get_current_ancestor_cgroup_id(1);
	s += bpf_get_current_uid_gid();
	return s & 1;
}

SEC("kprobe/do_unlinkat")
__description("ktime_get_coarse_ns is not a kprobe helper")
__failure __msg("program of this type cannot use helper bpf_ktime_get_coarse_ns#160")
__naked void coarse_kprobe(void)
{
	asm volatile("call %[bpf_ktime_get_coarse_ns];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ktime_get_coarse_ns)
		     : __clobber_all);
}

SEC("tc")
__description("ktime_get_coarse_ns from tc")
__success
int coarse_tc(struct __sk_buff *skb)
{
	return bpf_ktime_get_coarse_ns() & 1;
}

SEC("kprobe/do_unlinkat")
__description("smp_processor_id indexes a 2-entry map value array (nr_cpu_ids 2)")
__success
__naked void smp_id_index(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[arr] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "call %[bpf_get_smp_processor_id];"
		     "r0 <<= 2;"
		     "r6 += r0;"
		     "r0 = *(u32 *)(r6 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_get_smp_processor_id), __imm_addr(arr)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("smp_processor_id * 8 + 8 past an 8-byte value read")
__failure __msg("R6 max value is outside of the allowed memory range")
__naked void smp_id_index_past(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[arr] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "call %[bpf_get_smp_processor_id];"
		     "r0 <<= 3;"
		     "r6 += r0;"
		     "r0 = *(u8 *)(r6 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_get_smp_processor_id), __imm_addr(arr)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("probe_write_user: refused on the reference machine (bpf_get_probe_write_proto: lockdown)")
__failure __msg("program of this type cannot use helper bpf_probe_write_user#36")
int write_user_ok(struct pt_regs *ctx)
{
	__u64 v = 0;

	bpf_probe_write_user((void *)PT_REGS_PARM2(ctx), &v, sizeof(v));
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("trace_vprintk with a .rodata format and one u64 of data")
__success
int vprintk_ok(void *ctx)
{
	__u64 args[1] = { bpf_get_current_pid_tgid() >> 32 };

	bpf_trace_vprintk(vfmt, sizeof(vfmt), args, sizeof(args));
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("trace_vprintk with a format size past the string")
__failure __msg("invalid access to map value, value_size=8 off=0 size=16")
__msg("R1 min value is outside of the allowed memory range")
__naked void vprintk_fmt_too_long(void)
{
	asm volatile("r1 = %[vfmt] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = 0;"
		     "call %[bpf_trace_vprintk];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_trace_vprintk), __imm_addr(vfmt)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("copy_from_user in a non-sleepable kprobe")
__failure __msg("helper call might sleep in a non-sleepable prog")
int copy_from_user_kprobe(struct pt_regs *ctx)
{
	__u64 v;

	bpf_copy_from_user(&v, sizeof(v), (void *)PT_REGS_PARM2(ctx));
	return v & 1;
}

SEC("kprobe/do_unlinkat")
__description("ringbuf_output of a 16-byte stack record")
__success
int ringbuf_output_ok(void *ctx)
{
	__u64 rec[2] = { bpf_ktime_get_ns(), 1 };

	return bpf_ringbuf_output(&rb, rec, sizeof(rec), 0) != 0;
}

SEC("kprobe/do_unlinkat")
__description("ringbuf_output of 24 bytes from a 16-byte record")
__failure __msg("invalid read from stack R2 off=-16 size=24")
__naked void ringbuf_output_too_long(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "r1 = %[rb] ll;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 24;"
		     "r4 = 0;"
		     "call %[bpf_ringbuf_output];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_output), __imm_addr(rb)
		     : __clobber_all);
}

SEC("perf_event")
__description("perf_event: perf_prog_read_value and read_branch_records")
__success
int perf_event_ok(struct bpf_perf_event_data *ctx)
{
	struct bpf_perf_event_value v;
	__u64 br[6];

	if (bpf_perf_prog_read_value(ctx, &v, sizeof(v)))
		return 0;
	return (bpf_read_branch_records(ctx, br, sizeof(br), 0) + v.counter) & 1;
}

SEC("perf_event")
__description("perf_event: perf_prog_read_value with 32 bytes into 24")
__failure __msg("invalid write to stack R2 off=-24 size=32")
__naked void perf_prog_read_value_too_long(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -24;"
		     "r3 = 32;"
		     "call %[bpf_perf_prog_read_value];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_perf_prog_read_value)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("perf_prog_read_value is not a kprobe helper")
__failure __msg("program of this type cannot use helper bpf_perf_prog_read_value#56")
__naked void perf_prog_read_value_kprobe(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -24;"
		     "r3 = 24;"
		     "call %[bpf_perf_prog_read_value];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_perf_prog_read_value)
		     : __clobber_all);
}

SEC("raw_tp/sys_enter")
__description("raw tracepoint: get_stack into an uninitialised 64-byte buffer, stackid")
__success
int raw_tp_stack_ok(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 buf[8];
	long n = bpf_get_stack(ctx, buf, sizeof(buf), 0);

	if (n < 8)
		return 0;
	return buf[0] & 1;
}

char _license[] SEC("license") = "GPL";

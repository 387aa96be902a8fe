// Helper family: GPL-only helpers. This object's license ("Dual BSD/MIT") is not GPL-compatible
// (license_is_gpl_compatible()), so a gpl_only helper (bpf_probe_read_kernel, bpf_trace_printk,
// bpf_get_current_task, bpf_perf_event_output... ) is refused at the call, while the others
// (bpf_ktime_get_ns, bpf_map_lookup_elem) are fine.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} a SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("non-GPL program: ktime_get_ns and a map lookup")
__success
int nongpl_ok(void *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&a, &k);

	if (v)
		*v = bpf_ktime_get_ns();
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("non-GPL program: probe_read_kernel")
__failure __msg("cannot call GPL-restricted function from non-GPL compatible program")
int nongpl_probe_read(struct pt_regs *ctx)
{
	__u64 v;

	bpf_probe_read_kernel(&v, sizeof(v), (void *)PT_REGS_PARM1(ctx));
	return v & 1;
}

SEC("kprobe/do_unlinkat")
__description("non-GPL program: get_current_task")
__failure __msg("cannot call GPL-restricted function from non-GPL compatible program")
int nongpl_current_task(void *ctx)
{
	return bpf_get_current_task() & 1;
}

SEC("tc")
__description("non-GPL tc program: skb_load_bytes (not GPL-only)")
__success
int nongpl_tc_ok(struct __sk_buff *skb)
{
	char b[4];

	return bpf_skb_load_bytes(skb, 0, b, sizeof(b)) == 0 && b[0];
}

char _license[] SEC("license") = "Dual BSD/MIT";

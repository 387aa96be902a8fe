// Sleepable programs (BPF_F_SLEEPABLE: "uprobe.s", "syscall") and the maps programs may use.
// Helpers that might sleep (bpf_copy_from_user, ...) are allowed only in sleepable programs;
// sleepable programs may only use some map types. Tracing programs no longer need preallocated
// hash maps (older kernels refused BPF_F_NO_PREALLOC hash maps to perf_event programs).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, int);
	__type(value, long);
} seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, long);
} lazy SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} events SEC(".maps");

SEC("uprobe.s")
__description("a sleepable uprobe copies from user memory")
__success
int sleepable_copy(struct pt_regs *ctx)
{
	char buf[16];
	int key = 0;
	long one = 1;

	if (bpf_copy_from_user(buf, sizeof(buf), (void *)ctx->di))
		return 0;
	bpf_map_update_elem(&seen, &key, &one, BPF_ANY);
	return buf[0];
}

SEC("uprobe")
__description("a non-sleepable uprobe copies from user memory")
__failure __msg("helper call might sleep in a non-sleepable prog")
int nonsleepable_copy(struct pt_regs *ctx)
{
	char buf[16];

	if (bpf_copy_from_user(buf, sizeof(buf), (void *)ctx->di))
		return 0;
	return buf[0];
}

SEC("uprobe.s")
__description("a sleepable uprobe uses a perf event array")
__failure __msg("Sleepable programs can only use array, hash, ringbuf and local storage maps")
int sleepable_perf_array(struct pt_regs *ctx)
{
	long v = ctx->di;

	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &v, sizeof(v));
	return 0;
}

SEC("syscall")
__description("a syscall program copies from user memory")
__success
int syscall_copy(void *ctx)
{
	char buf[8] = {};

	bpf_copy_from_user(buf, sizeof(buf), ctx);
	return buf[1];
}

SEC("perf_event")
__description("a perf_event program uses a hash map allocated at run time")
__success
int perf_event_lazy(void *ctx)
{
	int key = 0;
	long *v = bpf_map_lookup_elem(&lazy, &key);

	return v ? *v : 0;
}

SEC("kprobe/do_unlinkat")
__description("a kprobe uses a hash map allocated at run time")
__success
int kprobe_lazy(void *ctx)
{
	int key = 0;
	long *v = bpf_map_lookup_elem(&lazy, &key);

	return v ? *v : 0;
}

SEC("perf_event")
__description("a perf_event program uses a preallocated hash map")
__success
int perf_event_prealloc(void *ctx)
{
	int key = 0;
	long *v = bpf_map_lookup_elem(&seen, &key);

	return v ? *v : 0;
}

char _license[] SEC("license") = "GPL";

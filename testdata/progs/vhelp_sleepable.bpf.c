// Sleepable programs (BPF_F_SLEEPABLE: "uprobe.s", "syscall") and the maps programs may use.
// Helpers that might sleep (bpf_copy_from_user, ...) are allowed only in sleepable programs;
// sleepable programs may only use some map types. Tracing programs no longer need preallocated
// hash maps (older kernels refused BPF_F_NO_PREALLOC hash maps to perf_event programs). Program
// types whose context is kernel memory (kprobe, syscall, ...) may hand it to helpers as memory.
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

__attribute__((noinline)) int global_copy(const char *user)
{
	char buf[8] = {};

	bpf_copy_from_user(buf, sizeof(buf), user);
	return buf[0];
}

SEC("syscall")
__description("a sleepable program calls a global function that might sleep")
__success
int syscall_calls_sleeping_global(void *ctx)
{
	return global_copy(ctx);
}

SEC("kprobe/do_unlinkat")
__description("a non-sleepable program calls a global function that might sleep")
__failure __msg("a non-sleepable BPF program context")
int kprobe_calls_sleeping_global(struct pt_regs *ctx)
{
	return global_copy((const char *)ctx->di);
}

__attribute__((noinline)) int global_pull(struct __sk_buff *skb)
{
	if (!skb)
		return 0;
	return bpf_skb_pull_data(skb, 64);
}

SEC("tc")
__description("a packet pointer used after a global function that changes packet data")
__failure __msg("invalid mem access 'scalar'")
int packet_after_global_pull(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	int r;

	if (data + 8 > data_end)
		return 0;
	r = global_pull(skb);
	return r + *(volatile char *)data;
}

SEC("tc")
__description("packet pointers loaded again after a global function that changes packet data")
__success
int packet_reloaded_after_global_pull(struct __sk_buff *skb)
{
	void *data, *data_end;
	int r = global_pull(skb);

	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	if (data + 8 > data_end)
		return 0;
	return r + *(char *)data;
}

SEC("kprobe/do_unlinkat")
__description("a kprobe hands its pt_regs context to a helper as memory")
__failure __msg("R4 type=ctx expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_")
int kprobe_ctx_as_memory(struct pt_regs *ctx)
{
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, ctx, 16);
	return 0;
}

struct big {
	char bytes[70000];
};

__attribute__((noinline)) int global_last_byte(const struct big *b)
{
	return b ? b->bytes[sizeof(b->bytes) - 1] : 0;
}

SEC("syscall")
__description("a syscall context handed to a global function reading 70000 bytes")
__failure __msg("Caller passes invalid args into func#1 ('global_last_byte')")
int syscall_ctx_too_short(void *ctx)
{
	return global_last_byte(ctx);
}

char _license[] SEC("license") = "GPL";

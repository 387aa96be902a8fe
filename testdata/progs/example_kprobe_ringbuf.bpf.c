// A kprobe that reports unlinked file names through a ring buffer, and a variant that forgets
// to submit the reserved record (the kernel rejects the reference leak).
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct event {
	__u32 pid;
	char comm[16];
	char filename[128];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("kprobe/do_unlinkat")
__success
int BPF_KPROBE(report_unlink, int dfd, struct filename *name)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	const char *path = BPF_CORE_READ(name, name);
	bpf_probe_read_kernel_str(e->filename, sizeof(e->filename), path);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/do_unlinkat")
__failure __msg("Unreleased reference id=2 alloc_insn=4")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int BPF_KPROBE(leak_record, int dfd, struct filename *name)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	if (e->pid == 1)
		return 0; /* returns without submitting or discarding the record */
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

// Socket filters: one reads a stack slot it never wrote (allowed when privileged), one reads a register it never set,
// one writes to the read-only socket buffer context.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

/* Since Linux 6.5 a privileged load may read uninitialised stack (env->allow_uninit_stack,
 * granted with CAP_PERFMON): the kernel accepts this as root. Unprivileged it is refused. */
SEC("socket")
__success
int uninit_stack(struct __sk_buff *skb)
{
	volatile __u64 slots[2];
	if (skb->len > 100)
		slots[0] = skb->len;
	/* slots[0] is only written on one path; slots[1] never. */
	return slots[0] + slots[1] ? 0 : -1;
}

SEC("socket")
__failure __msg("R2 !read_ok")
__naked int uninit_register(void)
{
	asm volatile("r0 = r2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__failure __msg("invalid bpf_context access off=0 size=4")
int write_ctx_len(struct __sk_buff *skb)
{
	skb->len = 0;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

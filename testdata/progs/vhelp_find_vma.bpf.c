// bpf_find_vma(task, addr, callback, ctx, flags): the task is a BTF pointer to a task_struct;
// the callback is verified in its own frame with (task, vma, ctx) where vma is a BTF pointer to
// the vm_area_struct (read only) and must return 0 or 1.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct vma_info {
	__u64 start;
	__u64 end;
};

static long record_vma(struct task_struct *task, struct vm_area_struct *vma, struct vma_info *info)
{
	info->start = vma->vm_start;
	info->end = vma->vm_end;
	return 0;
}

static long return_two(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	return 2;
}

static long write_vma(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	vma->vm_start = 0;
	return 0;
}

static long info_past_end(struct task_struct *task, struct vm_area_struct *vma,
			  struct vma_info *info)
{
	return *(volatile __u64 *)((char *)info + sizeof(*info));
}

SEC("kprobe/do_unlinkat")
__description("find the vma of an address and record its bounds")
__success
int find_vma_record(struct pt_regs *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vma_info info = {};

	bpf_find_vma(task, ctx->di, record_vma, &info, 0);
	return info.start == info.end;
}

SEC("kprobe/do_unlinkat")
__description("a find_vma callback returning 2")
__failure __msg("At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]")
int find_vma_bad_return(struct pt_regs *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	bpf_find_vma(task, ctx->di, return_two, NULL, 0);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("a find_vma callback writing the vma")
__failure __msg("only read is supported")
int find_vma_write(struct pt_regs *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	bpf_find_vma(task, ctx->di, write_vma, NULL, 0);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("a find_vma callback reading past its context")
__failure __msg("invalid read from stack")
int find_vma_ctx_oob(struct pt_regs *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct vma_info info = {};

	bpf_find_vma(task, ctx->di, info_past_end, &info, 0);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("bpf_find_vma without a task")
__failure __msg("R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_")
int find_vma_no_task(struct pt_regs *ctx)
{
	bpf_find_vma(NULL, ctx->di, return_two, NULL, 0);
	return 0;
}

char _license[] SEC("license") = "GPL";

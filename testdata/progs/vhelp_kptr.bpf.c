// kptr fields of map values pointing to kernel objects (task_struct): a load gives a BTF pointer
// that may be NULL, untrusted for an unreferenced kptr and an RCU pointer for a referenced one in
// a non-sleepable program (btf_ld_kptr_type); an unreferenced kptr may be set to a task pointer
// directly, a referenced one only through bpf_kptr_xchg; a pointer of another struct is refused
// (map_kptr_match_type). Reading task->pid keeps task_struct complete in this object's BTF, so
// the kernel accepts the map's kptr fields.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))

struct task_slot {
	struct task_struct __kptr_untrusted *seen;
	struct task_struct __kptr *owned;
	long stamp;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct task_slot);
} slots SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("remember the current task in an unreferenced kptr")
__success
int kptr_store_current(void *ctx)
{
	int key = 0;
	struct task_slot *s = bpf_map_lookup_elem(&slots, &key);
	struct task_struct *task = bpf_get_current_task_btf();

	if (!s)
		return 0;
	s->seen = task;
	return task->pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("read the remembered task through the unreferenced kptr")
__success
int kptr_load_untrusted(void *ctx)
{
	int key = 0;
	struct task_slot *s = bpf_map_lookup_elem(&slots, &key);
	struct task_struct *t;

	if (!s)
		return 0;
	t = s->seen;
	if (!t)
		return 0;
	return t->pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("the unreferenced kptr read without a NULL check")
__failure __msg("invalid mem access 'untrusted_ptr_or_null_'")
int kptr_load_unchecked(void *ctx)
{
	int key = 0;
	struct task_slot *s = bpf_map_lookup_elem(&slots, &key);

	if (!s)
		return 0;
	return s->seen->pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("read a task through the referenced kptr (RCU)")
__success
int kptr_load_referenced(void *ctx)
{
	int key = 0;
	struct task_slot *s = bpf_map_lookup_elem(&slots, &key);
	struct task_struct *t;

	if (!s)
		return 0;
	t = s->owned;
	if (!t)
		return 0;
	return t->tgid & 1;
}

SEC("kprobe/do_unlinkat")
__description("the current task stored into the referenced kptr")
__failure __msg("store to referenced kptr disallowed")
int kptr_store_referenced(void *ctx)
{
	int key = 0;
	struct task_slot *s = bpf_map_lookup_elem(&slots, &key);

	if (!s)
		return 0;
	s->owned = bpf_get_current_task_btf();
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("an mm_struct stored into a task kptr")
__failure __msg("expected=ptr_task_struct or untrusted_ptr_task_struct")
int kptr_store_wrong_struct(void *ctx)
{
	int key = 0;
	struct task_slot *s = bpf_map_lookup_elem(&slots, &key);
	struct task_struct *task = bpf_get_current_task_btf();
	struct mm_struct *mm = task->mm;

	if (!s || !mm)
		return 0;
	s->seen = (struct task_struct *)mm;
	return 0;
}

char _license[] SEC("license") = "GPL";

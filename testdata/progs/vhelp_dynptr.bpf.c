// Helpers: dynptrs. A struct bpf_dynptr lives in two stack slots (STACK_DYNPTR). bpf_dynptr_from_mem
// makes a local dynptr over a map value; bpf_ringbuf_reserve_dynptr makes a ringbuf dynptr that
// holds a reference (even when the reservation fails) until bpf_ringbuf_submit_dynptr or
// bpf_ringbuf_discard_dynptr; bpf_dynptr_read / bpf_dynptr_write need an initialised dynptr;
// bpf_dynptr_data returns a slice of the requested constant size, or NULL, that dies with its
// dynptr. Writes over the dynptr's stack slots destroy an unreferenced dynptr and are refused
// over a referenced one. bpf_user_ringbuf_drain calls its callback with a const local dynptr
// (CONST_PTR_TO_DYNPTR) and wants 0 or 1 back; the map must be a user ring buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} user_events SEC(".maps");

struct value {
	__u64 data[8];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct value);
} values SEC(".maps");

/* ---- bpf_ringbuf_reserve_dynptr / submit / discard ---- */

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: reserve, write, submit")
__success
int rb_reserve_submit(void *ctx)
{
	struct bpf_dynptr d;
	__u64 v = 42;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_dynptr_write(&d, 0, &v, sizeof(v), 0);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: a failed reservation must still be discarded")
__success
int rb_reserve_fail_discard(void *ctx)
{
	struct bpf_dynptr d;

	if (bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d)) {
		bpf_ringbuf_discard_dynptr(&d, 0);
		return 0;
	}
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: returning on a failed reservation leaks the reference")
__failure __msg("Unreleased reference id=2 alloc_insn=6")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int rb_reserve_fail_leak(void *ctx)
{
	struct bpf_dynptr d;

	if (bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d))
		return 0;
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: never submitted")
__failure __msg("Unreleased reference id=2 alloc_insn=9")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int rb_reserve_leak(void *ctx)
{
	struct bpf_dynptr d;
	__u64 v = 1;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_dynptr_write(&d, 0, &v, sizeof(v), 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: submitted twice")
__failure __msg("arg 1 is an unacquired reference")
int rb_submit_twice(void *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: reserved again over a live reservation")
__failure __msg("cannot overwrite referenced dynptr")
int rb_reserve_twice(void *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: reserved again after submit")
__success
int rb_reserve_again_after_submit(void *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	bpf_ringbuf_discard_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: a store over the referenced dynptr")
__failure __msg("cannot overwrite referenced dynptr")
__naked void rb_overwrite_referenced(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: a store next to the dynptr")
__success
__naked void rb_store_next_to_dynptr(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 24) = r1;"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: the dynptr's bytes cannot be read directly")
__failure __msg("invalid read from stack off -16+0 size 8")
__naked void rb_read_dynptr_bytes(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r6 = *(u64 *)(r10 - 16);"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: the dynptr's bytes passed to a helper as memory")
__failure __msg("invalid read from stack R2 off -16+0 size 16")
__naked void rb_dynptr_as_helper_mem(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r1 = %[events] ll;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 16;"
		     "r4 = 0;"
		     "call %[bpf_ringbuf_output];"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm(bpf_ringbuf_output), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: at an offset that is not 8-byte aligned")
__failure __msg("cannot pass in dynptr at an offset=-20")
__msg("Dynptr has to be an uninitialized dynptr")
__naked void rb_misaligned(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -20;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("ringbuf dynptr: reserved from an array map")
__failure __msg("cannot pass map_type 2 into func bpf_ringbuf_reserve_dynptr#198")
int rb_reserve_wrong_map(void *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&values, 16, 0, &d);
	bpf_ringbuf_discard_dynptr(&d, 0);
	return 0;
}

/* ---- bpf_dynptr_from_mem: local dynptrs ---- */

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("local dynptr over a map value, read and written")
__success
int local_from_map_value(void *ctx)
{
	struct bpf_dynptr d;
	__u32 key = 0;
	__u64 buf[2] = {};
	struct value *v = bpf_map_lookup_elem(&values, &key);

	if (!v)
		return 0;
	bpf_dynptr_from_mem(v, sizeof(*v), 0, &d);
	bpf_dynptr_read(buf, sizeof(buf), &d, 8, 0);
	bpf_dynptr_write(&d, 0, buf, sizeof(buf), 0);
	return buf[0] & 1;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("local dynptr over stack memory")
__failure __msg("Unsupported reg type fp for bpf_dynptr_from_mem data")
int local_from_stack(void *ctx)
{
	struct bpf_dynptr d;
	__u64 mem[4] = {};
	__u64 buf = 0;

	bpf_dynptr_from_mem(mem, sizeof(mem), 0, &d);
	bpf_dynptr_read(&buf, sizeof(buf), &d, 0, 0);
	return buf & 1;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("read from a dynptr that was never initialised")
__failure __msg("Expected an initialized dynptr as arg #2")
int read_uninit(void *ctx)
{
	struct bpf_dynptr d;
	__u64 buf = 0;

	bpf_dynptr_read(&buf, sizeof(buf), &d, 0, 0);
	return buf & 1;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("local dynptr: an unreferenced dynptr may be overwritten, then it is gone")
__failure __msg("Expected an initialized dynptr as arg #2")
__naked void local_overwritten_then_read(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[values] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "r1 = 7;"
		     "*(u8 *)(r10 - 20) = r1;"
		     "r1 = r10;"
		     "r1 += -40;"
		     "r2 = 8;"
		     "r3 = r10;"
		     "r3 += -32;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_dynptr_read];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_dynptr_from_mem), __imm(bpf_dynptr_read),
		       __imm_addr(values)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("local dynptr: overwritten, then initialised again and read")
__success
__naked void local_overwritten_reinit(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[values] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "r1 = r0;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "r1 = 7;"
		     "*(u8 *)(r10 - 20) = r1;"
		     "r1 = r6;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "r1 = r10;"
		     "r1 += -40;"
		     "r2 = 8;"
		     "r3 = r10;"
		     "r3 += -32;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_dynptr_read];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_dynptr_from_mem), __imm(bpf_dynptr_read),
		       __imm_addr(values)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("local dynptr: a register spilled over its second slot destroys it")
__failure __msg("Expected an initialized dynptr as arg #0")
__naked void local_spill_over_second_slot(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[values] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "*(u64 *)(r10 - 24) = r10;"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -40;"
		     "r4 = 8;"
		     "r5 = 0;"
		     "call %[bpf_dynptr_write];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_dynptr_from_mem), __imm(bpf_dynptr_write),
		       __imm_addr(values)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("dynptr_read into the dynptr itself")
__failure __msg("potential write to dynptr at off=-32 disallowed")
__naked void read_into_dynptr(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[values] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r2 = 8;"
		     "r3 = r10;"
		     "r3 += -32;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_dynptr_read];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_dynptr_from_mem), __imm(bpf_dynptr_read),
		       __imm_addr(values)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("submit of a local dynptr")
__failure __msg("arg 1 is an unacquired reference")
int submit_local(void *ctx)
{
	struct bpf_dynptr d;
	__u32 key = 0;
	struct value *v = bpf_map_lookup_elem(&values, &key);

	if (!v)
		return 0;
	bpf_dynptr_from_mem(v, sizeof(*v), 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

/* ---- bpf_dynptr_data slices ---- */

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice of a ringbuf dynptr, written before submit")
__success
int slice_write_before_submit(void *ctx)
{
	struct bpf_dynptr d;
	__u64 *p;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	p = bpf_dynptr_data(&d, 0, 16);
	if (p) {
		p[0] = 1;
		p[1] = 2;
	}
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice of a ringbuf dynptr, written after submit")
__failure __msg("R6 invalid mem access 'scalar'")
__naked void slice_write_after_submit(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "r3 = 8;"
		     "call %[bpf_dynptr_data];"
		     "r6 = r0;"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "if r6 == 0 goto l0_%=;"
		     "r1 = 1;"
		     "*(u64 *)(r6 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm(bpf_dynptr_data), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice written past its size")
__failure __msg("invalid access to memory, mem_size=8 off=8 size=8")
__msg("R0 min value is outside of the allowed memory range")
__naked void slice_past_size(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "r3 = 8;"
		     "call %[bpf_dynptr_data];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = 1;"
		     "*(u64 *)(r0 + 8) = r1;"
		     "l0_%=:"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm(bpf_dynptr_data), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice used without the NULL check")
__failure __msg("R0 invalid mem access 'mem_or_null'")
__naked void slice_unchecked(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "call %[bpf_ringbuf_reserve_dynptr];"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "r3 = 8;"
		     "call %[bpf_dynptr_data];"
		     "r1 = 1;"
		     "*(u64 *)(r0 + 0) = r1;"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit_dynptr];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve_dynptr), __imm(bpf_ringbuf_submit_dynptr),
		       __imm(bpf_dynptr_data), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice size not a constant")
__failure __msg("R3 is not a known constant'")
int slice_variable_size(void *ctx)
{
	struct bpf_dynptr d;
	__u32 len = bpf_get_prandom_u32() & 7;
	__u8 *p;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	p = bpf_dynptr_data(&d, 0, len);
	if (p)
		p[0] = 1;
	bpf_ringbuf_submit_dynptr(&d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice of a local dynptr, used after the dynptr was overwritten")
__failure __msg("R6 invalid mem access 'scalar'")
__naked void local_slice_after_overwrite(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[values] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r2 = 0;"
		     "r3 = 8;"
		     "call %[bpf_dynptr_data];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 32) = r1;"
		     "r1 = 1;"
		     "*(u64 *)(r6 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_dynptr_from_mem), __imm(bpf_dynptr_data),
		       __imm_addr(values)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("slice of a local dynptr, used while the dynptr lives")
__success
__naked void local_slice_alive(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[values] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -32;"
		     "call %[bpf_dynptr_from_mem];"
		     "r1 = r10;"
		     "r1 += -32;"
		     "r2 = 0;"
		     "r3 = 8;"
		     "call %[bpf_dynptr_data];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 40) = r1;"
		     "r1 = 1;"
		     "*(u64 *)(r6 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_dynptr_from_mem), __imm(bpf_dynptr_data),
		       __imm_addr(values)
		     : __clobber_all);
}

/* ---- bpf_user_ringbuf_drain ---- */

static long read_sample(struct bpf_dynptr *dynptr, void *ctx)
{
	__u64 *sum = ctx;
	__u64 v = 0;

	if (bpf_dynptr_read(&v, sizeof(v), dynptr, 0, 0))
		return 1;
	*sum += v;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain: the callback reads its dynptr")
__success
int drain_read(void *ctx)
{
	__u64 sum = 0;

	bpf_user_ringbuf_drain(&user_events, read_sample, &sum, 0);
	return sum & 1;
}

static long slice_sample(struct bpf_dynptr *dynptr, void *ctx)
{
	__u64 *p = bpf_dynptr_data(dynptr, 0, 8);

	if (!p)
		return 1;
	return *p & 1;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain: the callback takes a slice of its dynptr")
__success
int drain_slice(void *ctx)
{
	bpf_user_ringbuf_drain(&user_events, slice_sample, NULL, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain on a kernel ring buffer")
__failure __msg("cannot pass map_type 27 into func bpf_user_ringbuf_drain#209")
int drain_wrong_map(void *ctx)
{
	__u64 sum = 0;

	bpf_user_ringbuf_drain(&events, read_sample, &sum, 0);
	return sum & 1;
}

static long return_two(struct bpf_dynptr *dynptr, void *ctx)
{
	return 2;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain: the callback returns 2")
__failure __msg("At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]")
int drain_returns_two(void *ctx)
{
	bpf_user_ringbuf_drain(&user_events, return_two, NULL, 0);
	return 0;
}

static long release_sample(struct bpf_dynptr *dynptr, void *ctx)
{
	bpf_ringbuf_discard_dynptr(dynptr, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain: the callback discards its const dynptr")
__failure __msg("cannot release unowned const bpf_dynptr")
int drain_release_const(void *ctx)
{
	bpf_user_ringbuf_drain(&user_events, release_sample, NULL, 0);
	return 0;
}

static long reinit_sample(struct bpf_dynptr *dynptr, void *ctx)
{
	bpf_ringbuf_reserve_dynptr(&events, 8, 0, dynptr);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain: the callback makes a new dynptr in its const dynptr")
__failure __msg("Dynptr has to be an uninitialized dynptr")
int drain_reinit_const(void *ctx)
{
	bpf_user_ringbuf_drain(&user_events, reinit_sample, NULL, 0);
	return 0;
}

static long deref_sample(struct bpf_dynptr *dynptr, void *ctx)
{
	return *(volatile __u64 *)dynptr & 1;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("user ringbuf drain: the callback reads the dynptr struct directly")
__failure __msg("R1 invalid mem access 'dynptr_ptr'")
int drain_deref_const(void *ctx)
{
	bpf_user_ringbuf_drain(&user_events, deref_sample, NULL, 0);
	return 0;
}

/* ---- global functions taking const struct bpf_dynptr * ---- */

__noinline int global_read_dynptr(const struct bpf_dynptr *d)
{
	__u64 v = 0;

	bpf_dynptr_read(&v, sizeof(v), (struct bpf_dynptr *)d, 0, 0);
	return v & 1;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("global function reads a ringbuf dynptr passed by its caller")
__success
int global_dynptr_arg(void *ctx)
{
	struct bpf_dynptr d;
	int ret;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	ret = global_read_dynptr(&d);
	bpf_ringbuf_discard_dynptr(&d, 0);
	return ret;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("global function given a stack buffer that holds no dynptr")
__failure __msg("Expected an initialized dynptr as arg #0")
__msg("Caller passes invalid args into func#1 ('global_read_dynptr')")
int global_dynptr_arg_uninit(void *ctx)
{
	struct bpf_dynptr d;

	__builtin_memset(&d, 0, sizeof(d));
	return global_read_dynptr(&d);
}

__noinline int global_discard_dynptr(struct bpf_dynptr *d)
{
	bpf_ringbuf_discard_dynptr(d, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("global function releases the dynptr it was given")
__failure __msg("cannot release unowned const bpf_dynptr")
int global_dynptr_release(void *ctx)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&events, 16, 0, &d);
	global_discard_dynptr(&d);
	bpf_ringbuf_discard_dynptr(&d, 0);
	return 0;
}

__noinline int global_poke_dynptr(struct bpf_dynptr *d)
{
	*(volatile __u64 *)d = 0;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("global function writes into the dynptr struct")
__failure __msg("R1 invalid mem access 'dynptr_ptr'")
int global_dynptr_poke(void *ctx)
{
	struct bpf_dynptr d;
	__u32 key = 0;
	struct value *v = bpf_map_lookup_elem(&values, &key);

	if (!v)
		return 0;
	bpf_dynptr_from_mem(v, sizeof(*v), 0, &d);
	return global_poke_dynptr(&d);
}

char _license[] SEC("license") = "GPL";

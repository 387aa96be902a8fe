// Verifier core: control flow. Bounded loops (a for with a constant bound, a while whose bound
// is computed at run time), loops the kernel cannot prove to end (an unchanged state:
// "infinite loop detected"; one pending branch per iteration: "The sequence of 8193 jumps is
// too complex"; "BPF program is too large" is left out because recording its million-instruction
// level-2 log takes the kernel minutes), and the control-flow graph checks (unreachable
// instructions, a program that falls off its end). Also state pruning (diamonds whose
// differences are dead, or precise), nested loops, loops with 32-bit counters and stack-held
// counters, bpf_loop callback iterations (fields the callback changes or not, a callback safe
// only on its first call, nested bpf_loop: 150,162 instructions and 14,135 states on 6.18.44),
// may_goto (cpu v4) and the open-coded numeric iterator (bpf_iter_num_* kfuncs).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

struct val {
	unsigned char buf[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} vals SEC(".maps");

SEC("xdp")
__description("for loop with a constant bound over a map value")
__success
int for_constant_bound(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	int i;

	if (!v)
		return XDP_PASS;
#pragma clang loop unroll(disable)
	for (i = 0; i < 64; i++)
		sum += v->buf[i];
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("for loop that runs one element too far")
__failure __msg("invalid access to map value, value_size=64 off=64 size=1")
__msg("R2 min value is outside of the allowed memory range")
int for_off_by_one(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	int i;

	if (!v)
		return XDP_PASS;
#pragma clang loop unroll(disable)
	for (i = 0; i <= 64; i++)
		sum += v->buf[i];
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("while loop whose bound is computed from the map value")
__success
int while_computed_bound(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0, n, i = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return XDP_PASS;
	n = v->buf[0] & 63;
	while (i < n) {
		sum += v->buf[i];
		i++;
	}
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("while loop with a computed bound of up to 64: index 64 possible")
__failure __msg("invalid access to map value, value_size=64 off=64 size=1")
__msg("R4 min value is outside of the allowed memory range")
int while_computed_bound_off_by_one(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0, n, i = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return XDP_PASS;
	n = v->buf[0] & 127;
	if (n > 64)
		return XDP_PASS;
	while (i < n) {
		sum += v->buf[i + 0];
		sum += v->buf[(i + 1) & 127];
		i += 2;
	}
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("socket")
__description("a loop whose state never changes")
__failure __msg("infinite loop detected at insn 1")
__naked void loop_state_unchanged(void)
{
	asm volatile("r0 = 0;"
		     "l0_%=:"
		     "r1 = 1;"
		     "if r1 == 1 goto l0_%=;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a counting loop that pushes one pending branch per iteration")
__failure __msg("The sequence of 8193 jumps is too complex.")
__naked void loop_too_many_pending_branches(void)
{
	asm volatile("r6 = 0;"
		     "l0_%=:"
		     "call %[bpf_get_prandom_u32];"
		     "if r0 == 0 goto l1_%=;"
		     "l1_%=:"
		     "r6 += 1;"
		     "if r6 != 100000 goto l0_%=;"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32)
		     : __clobber_all);
}

SEC("socket")
__description("a loop bounded by the random value's own comparison")
__success
__naked void loop_bounded_by_jmp(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r0 &= 0xf;"
		     "l0_%=:"
		     "if r0 == 0 goto l1_%=;"
		     "r0 -= 1;"
		     "goto l0_%=;"
		     "l1_%=:"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32)
		     : __clobber_all);
}

SEC("socket")
__description("instructions after the exit that no jump reaches")
__failure __msg("unreachable insn 2")
__naked void unreachable_code(void)
{
	asm volatile("r0 = 0;"
		     "exit;"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("the program's last instruction is neither an exit nor a jump")
__failure __msg("last insn is not an exit or jmp")
__naked void falls_off_the_end(void)
{
	asm volatile("r0 = 0;"
		     "if r0 == 0 goto l0_%=;"
		     "exit;"
		     "l0_%=:"
		     "r0 = 1;" ::
			     : __clobber_all);
}

SEC("socket")
__description("a jump forward over a dead branch decided by a constant")
__success
__naked void dead_branch_pruned(void)
{
	asm volatile("r1 = 5;"
		     "if r1 > 4 goto l0_%=;"
		     "r0 = *(u64 *)(r1 + 0);" /* never reached: r1 is a scalar */
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* Sixteen diamonds, each writing r7 in one arm; r7 is dead afterwards, so liveness lets the
 * states of both arms be pruned as equal. */
#define DIAMOND(n)                                                                                 \
	"r1 = r6;"                                                                                 \
	"r1 &= " #n ";"                                                                            \
	"if r1 == 0 goto ld" #n "_%=;"                                                             \
	"r7 = " #n ";"                                                                             \
	"ld" #n "_%=:"

SEC("socket")
__description("sixteen diamonds whose differences are dead: pruning keeps the walk linear")
__success
__naked void diamonds_pruned(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r6 = r0;"
		     "r7 = 0;" DIAMOND(1) DIAMOND(2) DIAMOND(4) DIAMOND(8) DIAMOND(16) DIAMOND(32)
			     DIAMOND(64) DIAMOND(128) DIAMOND(256) DIAMOND(512) DIAMOND(1024)
				     DIAMOND(2048) DIAMOND(4096) DIAMOND(8192) DIAMOND(16384)
					     DIAMOND(32768)
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32)
		     : __clobber_all);
}

SEC("socket")
__description("the same diamonds with r7 used as an index at the end: precise, so less pruning")
__success
__naked void diamonds_precise(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[vals] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r8 = r0;"
		     "call %[bpf_get_prandom_u32];"
		     "r6 = r0;"
		     "r7 = 0;" DIAMOND(1) DIAMOND(2) DIAMOND(4) DIAMOND(8) DIAMOND(16) DIAMOND(32)
		     "r8 += r7;"
		     "r0 = *(u8 *)(r8 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32), __imm(bpf_map_lookup_elem), __imm_addr(vals)
		     : __clobber_all);
}

SEC("xdp")
__description("nested loops with constant bounds over a map value")
__success
int nested_loops(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	int i, j;

	if (!v)
		return XDP_PASS;
#pragma clang loop unroll(disable)
	for (i = 0; i < 8; i++)
#pragma clang loop unroll(disable)
		for (j = 0; j < 8; j++)
			sum += v->buf[i * 8 + j];
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("socket")
__description("an unbounded loop made finite by may_goto (cpu v4)")
__success
__naked void may_goto_loop(void)
{
	asm volatile("r0 = 0;"
		     "l0_%=:"
		     "may_goto l1_%=;"
		     "r0 += 1;"
		     "goto l0_%=;"
		     "l1_%=:"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("xdp")
__description("a loop accumulating into a stack slot, bounded by a value read from a map")
__success
int loop_stack_accumulator(struct xdp_md *ctx)
{
	__u32 key = 0, n, i;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	volatile __u64 acc = 0;

	if (!v)
		return XDP_PASS;
	n = v->buf[1];
	for (i = 0; i < n && i < 200; i++)
		acc += i;
	return acc & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("open-coded numeric iterator (bpf_iter_num kfuncs) over a map value, index checked")
__success
int iter_num_checked(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	struct bpf_iter_num it;
	int *i;

	if (!v)
		return XDP_PASS;
	bpf_iter_num_new(&it, 0, 64);
	while ((i = bpf_iter_num_next(&it))) {
		if (*i >= 0 && *i < 64)
			sum += v->buf[*i];
	}
	bpf_iter_num_destroy(&it);
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("open-coded numeric iterator: the element is not bounded by the iterator's range")
__failure __msg("value -2147483648 makes map_value pointer be out of bounds")
int iter_num_unchecked(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	struct bpf_iter_num it;
	int *i;

	if (!v)
		return XDP_PASS;
	bpf_iter_num_new(&it, 0, 64);
	while ((i = bpf_iter_num_next(&it)))
		sum += v->buf[*i];
	bpf_iter_num_destroy(&it);
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("open-coded numeric iterator never destroyed")
__failure __msg("Unreleased reference id=1 alloc_insn=6")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int iter_num_leak(struct xdp_md *ctx)
{
	struct bpf_iter_num it;
	int *i, n = 0;

	bpf_iter_num_new(&it, 0, 8);
	while ((i = bpf_iter_num_next(&it)))
		n += *i;
	return n > 3 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("a loop that stops at the first zero byte or at the end of the value")
__success
int loop_until_zero(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	int i;

	if (!v)
		return XDP_PASS;
	for (i = 0; i < 64 && v->buf[i]; i++)
		;
	return i > 10 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("a loop with a 32-bit counter stepping by 3")
__success
int loop_u32_step3(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0, i;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return XDP_PASS;
#pragma clang loop unroll(disable)
	for (i = 0; i < 62; i += 3)
		sum += v->buf[i] + v->buf[i + 2];
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("a loop with a 32-bit counter stepping by 3, reading one past the end on the last step")
__failure __msg("invalid access to map value, value_size=64 off=65 size=1")
__msg("R3 min value is outside of the allowed memory range")
int loop_u32_step3_off_by_one(struct xdp_md *ctx)
{
	__u32 key = 0, sum = 0, i;
	struct val *v = bpf_map_lookup_elem(&vals, &key);

	if (!v)
		return XDP_PASS;
#pragma clang loop unroll(disable)
	for (i = 0; i < 64; i += 3)
		sum += v->buf[i] + v->buf[i + 2];
	return sum & 1 ? XDP_DROP : XDP_PASS;
}

struct walk_ctx {
	__u64 i;
	__u64 j;
};

/* Grows i on every call. */
static int grow_i(__u32 index, struct walk_ctx *c)
{
	c->i++;
	return 0;
}

SEC("xdp")
__description("after bpf_loop, a field the callback never changes keeps its value")
__success
int loop_widening_untouched(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	struct walk_ctx c = {.i = 0, .j = 63};

	if (!v)
		return XDP_PASS;
	bpf_loop(100, grow_i, &c, 0);
	return v->buf[c.j];
}

SEC("xdp")
__description("after bpf_loop, a field the callback increments is used as an index: precise, so the callback iterations are not widened and the index stays small")
__success
int loop_widening_changed(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	struct walk_ctx c = {.i = 0, .j = 63};

	if (!v)
		return XDP_PASS;
	bpf_loop(2, grow_i, &c, 0);
	return v->buf[c.i];
}

/* Sets i to 64 only on its second call. */
static int second_call_bad(__u32 index, struct walk_ctx *c)
{
	if (c->j == 1)
		c->i = 64;
	c->j = 1;
	return 0;
}

SEC("xdp")
__description("a bpf_loop callback that is safe on its first call only")
__failure __msg("invalid access to map value, value_size=64 off=64 size=1")
__msg("R6 min value is outside of the allowed memory range")
int loop_unsafe_second_iteration(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &key);
	struct walk_ctx c = {.i = 0, .j = 0};

	if (!v)
		return XDP_PASS;
	bpf_loop(100, second_call_bad, &c, 0);
	if (c.i > 64)
		return XDP_PASS;
	return v->buf[c.i];
}

static int inner_cb(__u32 index, struct walk_ctx *c)
{
	c->j += index;
	return 0;
}

static int outer_cb(__u32 index, struct walk_ctx *c)
{
	c->i++;
	bpf_loop(4, inner_cb, c, 0);
	return c->j > 1000;
}

SEC("xdp")
__description("bpf_loop inside a bpf_loop callback")
__success
int loop_nested_callbacks(struct xdp_md *ctx)
{
	struct walk_ctx c = {.i = 0, .j = 0};

	bpf_loop(8, outer_cb, &c, 0);
	return c.j > 10 ? XDP_DROP : XDP_PASS;
}

static int outer_cb_bad(__u32 index, struct walk_ctx *c)
{
	bpf_loop(4, inner_cb, c, 0);
	return 3;
}

SEC("xdp")
__description("an outer bpf_loop callback returning 3 after an inner bpf_loop")
__failure __msg("At callback return the register R0 has smin=3 smax=3 should have been in [0, 1]")
int loop_nested_bad_return(struct xdp_md *ctx)
{
	struct walk_ctx c = {.i = 0, .j = 0};

	bpf_loop(8, outer_cb_bad, &c, 0);
	return XDP_PASS;
}

SEC("socket")
__description("a loop keeping its counter in a stack slot across iterations")
__success
__naked void loop_counter_on_stack(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "l0_%=:"
		     "r1 = *(u64 *)(r10 - 8);"
		     "r1 += 1;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "if r1 < 100 goto l0_%=;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";

// Helper-family programs where bpfverify once differed from the kernel (found with
// testdata/progs/vhelp_*.bpf.c), kept as regression tests with the kernel's answers:
//   csum_diff_null_nonzero     the message is the whole log line "R1 type=scalar expected=fp"
//   xdp_devmap_update          record_func_map(): helpers may not change a read-only map
//   xdp_devmap_value_write     devmaps are BPF_F_RDONLY_PROG (dev_map_init_map)
//   strtoul_misaligned_result  MEM_ALIGNED of a fixed-size memory argument (check_ptr_alignment)
//   check_mtu_misaligned       the same (bpf_check_mtu's mtu_len)
//   tp_func_ip                 check_get_func_ip()
//   stale_after_global         a global function calling a packet changer drops the caller's
//                              packet pointers (changes_pkt_data of subprograms)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} devs SEC(".maps");

SEC("tc")
__description("csum_diff: NULL from buffer with from_size 4")
__failure __msg("R1 type=scalar expected=fp")
__naked void csum_diff_null_nonzero(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r1 = 0;"
		     "r2 = 4;"
		     "r3 = r10;"
		     "r3 += -4;"
		     "r4 = 4;"
		     "r5 = 0;"
		     "call %[bpf_csum_diff];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_csum_diff)
		     : __clobber_all);
}

SEC("xdp")
__description("xdp: bpf_map_update_elem on a devmap (read-only to programs)")
__failure __msg("write into map forbidden")
int xdp_devmap_update(struct xdp_md *xdp)
{
	__u32 k = 0, v = 1;

	bpf_map_update_elem(&devs, &k, &v, 0);
	return XDP_PASS;
}

SEC("xdp")
__description("xdp: write through a devmap lookup result (devmaps are BPF_F_RDONLY_PROG)")
__failure __msg("write into map forbidden, value_size=4 off=0 size=4")
int xdp_devmap_value_write(struct xdp_md *xdp)
{
	__u32 k = 0, *v;

	v = bpf_map_lookup_elem(&devs, &k);
	if (!v)
		return XDP_DROP;
	*v = 1;
	return XDP_PASS;
}

SEC("cgroup/sysctl")
__description("strtoul with a misaligned result slot")
__failure __msg("misaligned stack access off 0+-12+0 size 8")
__naked void strtoul_misaligned_result(void)
{
	asm volatile("r1 = 0x3231;"
		     "*(u64 *)(r10 - 24) = r1;"
		     "r1 = r10;"
		     "r1 += -24;"
		     "r2 = 8;"
		     "r3 = 0;"
		     "r4 = r10;"
		     "r4 += -12;"
		     "call %[bpf_strtoul];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_strtoul)
		     : __clobber_all);
}

SEC("tc")
__description("tc: check_mtu with a misaligned mtu slot")
__failure __msg("misaligned stack access off 0+-6+0 size 4")
__naked void check_mtu_misaligned(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -6;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_check_mtu];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_check_mtu)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("tracepoint: get_func_ip is in the proto table, check_get_func_ip() refuses it")
__failure __msg("func bpf_get_func_ip#173 not supported for program type 5")
__naked void tp_func_ip(void)
{
	asm volatile("call %[bpf_get_func_ip];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_func_ip)
		     : __clobber_all);
}

__noinline int global_pull(struct __sk_buff *skb)
{
	return bpf_skb_pull_data(skb, 0);
}

__noinline int global_nochange(struct __sk_buff *skb)
{
	return skb->len;
}

SEC("tc")
__description("a packet pointer checked before a call of a global function that pulls data, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void stale_after_global(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "call global_pull;"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";

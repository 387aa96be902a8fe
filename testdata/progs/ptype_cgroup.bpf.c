// cgroup program types with their own contexts: cgroup_sock (sock_create, post_bind4/6: fields
// differ per attach type), cgroup_sock_addr (connect, bind, sendmsg, recvmsg, getpeername:
// address fields, writable fields, bpf_bind and the return range per attach type), sock_ops,
// cgroup_device, cgroup_sysctl and cgroup_sockopt (getsockopt/setsockopt: optval packet, which
// fields each may write). Each has an accepted program using its context and typical helpers,
// and rejected ones for the type's rules.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bpfverify_expect.h"

#define AF_INET 2
#define BPF_DEVCG_DEV_CHAR 2
#define AF_INET6 10
#define SOL_SOCKET 1
#define SO_MARK 36
#define SOL_IP 0
#define IP_TOS 1
#define SOL_TCP 6
#define TCP_CONGESTION 13

struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} sk_bytes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} allowed SEC(".maps");

/* ---- cgroup_sock ---- */

SEC("cgroup/sock_create")
__description("sock_create: family/type/protocol read, mark and priority written")
__success
int sock_create_mark(struct bpf_sock *sk)
{
	__u32 uid = (__u32)bpf_get_current_uid_gid();

	if (sk->family == AF_INET6 && sk->type == 3 /* SOCK_RAW */ && uid != 0)
		return 0;
	sk->mark = 0x100 | sk->protocol;
	sk->priority = 4;
	return 1;
}

SEC("cgroup/sock_create")
__description("sock_create: src_ip4 exists only for post_bind4")
__failure __msg("invalid bpf_context access off=24 size=4")
int sock_create_src_ip4(struct bpf_sock *sk)
{
	return sk->src_ip4 != 0;
}

SEC("cgroup/sock_create")
__description("sock_create: family is read-only")
__failure __msg("invalid bpf_context access off=4 size=4")
int sock_create_write_family(struct bpf_sock *sk)
{
	sk->family = AF_INET;
	return 1;
}

SEC("cgroup/sock_create")
__description("sock_create: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int sock_create_ret2(struct bpf_sock *sk)
{
	return 2;
}

SEC("cgroup/post_bind4")
__description("post_bind4: src_ip4 and src_port of the bound socket")
__success
int post_bind4_port(struct bpf_sock *sk)
{
	__u32 port = sk->src_port;

	if (sk->src_ip4 == bpf_htonl(0x7f000001))
		return 1;
	return port >= 1024;
}

SEC("cgroup/post_bind4")
__description("post_bind4: src_ip6 belongs to post_bind6")
__failure __msg("invalid bpf_context access off=28 size=4")
int post_bind4_ip6(struct bpf_sock *sk)
{
	return sk->src_ip6[0] != 0;
}

SEC("cgroup/post_bind6")
__description("post_bind6: src_ip6 words and a 2-byte read of src_port")
__success
int post_bind6_port(struct bpf_sock *sk)
{
	if (sk->src_ip6[0] == 0 && sk->src_ip6[3] == bpf_htonl(1))
		return 1;
	return sk->src_port != 22;
}

SEC("cgroup/post_bind6")
__description("post_bind6: mark is writable only at sock_create")
__failure __msg("invalid bpf_context access off=16 size=4")
int post_bind6_mark(struct bpf_sock *sk)
{
	sk->mark = 1;
	return 1;
}

SEC("cgroup/sock_release")
__description("sock_release: bpf_get_socket_cookie and socket storage of the released socket")
__success
int sock_release_cookie(struct bpf_sock *sk)
{
	__u64 *v = bpf_sk_storage_get(&sk_bytes, sk, 0, 0);

	if (v)
		*v = bpf_get_socket_cookie(sk);
	return 1;
}

/* ---- cgroup_sock_addr ---- */

SEC("cgroup/connect4")
__description("connect4: rewrite user_ip4/user_port, bpf_bind the source, check ctx->sk")
__success
int connect4_rewrite(struct bpf_sock_addr *ctx)
{
	struct sockaddr_in sa = {};
	__u32 dst = ctx->user_ip4;

	if (ctx->user_family != AF_INET || ctx->type != 1 /* SOCK_STREAM */)
		return 1;
	if (!bpf_map_lookup_elem(&allowed, &dst))
		return 0;
	ctx->user_ip4 = bpf_htonl(0x7f000001);
	ctx->user_port = bpf_htons(8080);
	sa.sin_family = AF_INET;
	bpf_bind(ctx, (struct sockaddr *)&sa, sizeof(sa));
	return ctx->sk->protocol == 6;
}

SEC("cgroup/connect4")
__description("connect4: a 1-byte read of user_ip4 (narrow loads allowed)")
__success
int connect4_narrow(struct bpf_sock_addr *ctx)
{
	return *(volatile __u8 *)&ctx->user_ip4 == 127;
}

SEC("cgroup/connect4")
__description("connect4: user_ip6 belongs to the IPv6 attach types")
__failure __msg("invalid bpf_context access off=8 size=4")
int connect4_ip6(struct bpf_sock_addr *ctx)
{
	return ctx->user_ip6[0] == 0;
}

SEC("cgroup/connect4")
__description("connect4: msg_src_ip4 belongs to sendmsg4")
__failure __msg("invalid bpf_context access off=40 size=4")
int connect4_msg_src(struct bpf_sock_addr *ctx)
{
	return ctx->msg_src_ip4 == 0;
}

SEC("cgroup/connect4")
__description("connect4: a 2-byte write of user_port (writes must be 4 bytes)")
__failure __msg("invalid bpf_context access off=24 size=2")
__naked void connect4_narrow_port_write(void)
{
	asm volatile("r2 = 80;"
		     "*(u16 *)(r1 + %[port]) = r2;"
		     "r0 = 1;"
		     "exit;"
		     :
		     : [port] "i"(offsetof(struct bpf_sock_addr, user_port))
		     : __clobber_all);
}

SEC("cgroup/connect4")
__description("connect4: user_family is read-only")
__failure __msg("invalid bpf_context access off=0 size=4")
int connect4_write_family(struct bpf_sock_addr *ctx)
{
	ctx->user_family = AF_INET6;
	return 1;
}

SEC("cgroup/connect4")
__description("connect4: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int connect4_ret2(struct bpf_sock_addr *ctx)
{
	return 2;
}

SEC("cgroup/connect6")
__description("connect6: rewrite user_ip6 to ::1")
__success
int connect6_loopback(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port != bpf_htons(53))
		return 1;
	ctx->user_ip6[0] = 0;
	ctx->user_ip6[1] = 0;
	ctx->user_ip6[2] = 0;
	ctx->user_ip6[3] = bpf_htonl(1);
	return 1;
}

SEC("cgroup/bind4")
__description("bind4: returning 3 (allow, bypass the CAP_NET_BIND_SERVICE check) is in [0, 3]")
__success
int bind4_ret3(struct bpf_sock_addr *ctx)
{
	return ctx->user_port == bpf_htons(80) ? 3 : 1;
}

SEC("cgroup/bind4")
__description("bind4: returning 4 is outside [0, 3]")
__failure __msg("At program exit the register R0 has smin=4 smax=4 should have been in [0, 3]")
int bind4_ret4(struct bpf_sock_addr *ctx)
{
	return 4;
}

SEC("cgroup/bind4")
__description("bind4: bpf_bind is only for connect4/connect6")
__failure __msg("program of this type cannot use helper bpf_bind#64")
int bind4_bpf_bind(struct bpf_sock_addr *ctx)
{
	struct sockaddr_in sa = {};

	sa.sin_family = AF_INET;
	bpf_bind(ctx, (struct sockaddr *)&sa, sizeof(sa));
	return 1;
}

SEC("cgroup/sendmsg4")
__description("sendmsg4: rewrite msg_src_ip4 and the destination")
__success
int sendmsg4_src(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == bpf_htons(53)) {
		ctx->msg_src_ip4 = bpf_htonl(0x0a000001);
		ctx->user_ip4 = bpf_htonl(0x0a000035);
	}
	return 1;
}

SEC("cgroup/recvmsg4")
__description("recvmsg4: must return 1")
__success
int recvmsg4_ok(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == bpf_htons(5353))
		ctx->user_port = bpf_htons(53);
	return 1;
}

SEC("cgroup/recvmsg4")
__description("recvmsg4: returning 0 is outside [1, 1]")
__failure __msg("At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]")
int recvmsg4_ret0(struct bpf_sock_addr *ctx)
{
	return 0;
}

SEC("cgroup/getpeername6")
__description("getpeername6: returning 0 or 1 is outside [1, 1]")
__failure __msg("At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]")
int getpeername6_ret01(struct bpf_sock_addr *ctx)
{
	return ctx->user_ip6[3] == 0;
}

/* ---- sock_ops ---- */

SEC("sockops")
__description("sock_ops: op switch, callback flags, setsockopt, reply, tcp fields")
__success
int sockops_tune(struct bpf_sock_ops *skops)
{
	struct bpf_sock *sk;
	int mark = 5;
	__u64 *v;

	switch (skops->op) {
	case BPF_SOCK_OPS_TCP_CONNECT_CB:
		bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_STATE_CB_FLAG);
		break;
	case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB:
	case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB:
		if (skops->family == AF_INET && skops->remote_port == bpf_htonl(443))
			bpf_setsockopt(skops, SOL_SOCKET, SO_MARK, &mark, sizeof(mark));
		break;
	case BPF_SOCK_OPS_TIMEOUT_INIT:
		skops->reply = skops->srtt_us > 100000 ? 10 : -1;
		break;
	case BPF_SOCK_OPS_STATE_CB:
		sk = skops->sk;
		asm volatile("" : "+r"(sk));
		if (sk) {
			v = bpf_sk_storage_get(&sk_bytes, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
			if (v)
				*v = skops->bytes_acked;
		}
		break;
	}
	return 1;
}

SEC("sockops")
__description("sock_ops: ctx->sk loaded twice, the NULL check tested the first load only")
__failure __msg("R2 type=sock_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
int sockops_sk_reloaded(struct bpf_sock_ops *skops)
{
	__u64 *v;

	if (skops->sk) {
		v = bpf_sk_storage_get(&sk_bytes, skops->sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
		if (v)
			*v = skops->bytes_acked;
	}
	return 1;
}

SEC("sockops")
__description("sock_ops: ctx->sk dereferenced without the NULL check")
__failure __msg("R1 invalid mem access 'sock_or_null'")
__naked void sockops_sk_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[sk]);"
		     "r0 = *(u32 *)(r1 + 4);"
		     "r0 = 1;"
		     "exit;"
		     :
		     : [sk] "i"(offsetof(struct bpf_sock_ops, sk))
		     : __clobber_all);
}

SEC("sockops")
__description("sock_ops: op is read-only")
__failure __msg("invalid bpf_context access off=0 size=4")
int sockops_write_op(struct bpf_sock_ops *skops)
{
	skops->op = 0;
	return 1;
}

SEC("sockops")
__description("sock_ops: the header bytes at skb_data are readable, not writable")
__failure __msg("cannot write into packet")
int sockops_write_pkt(struct bpf_sock_ops *skops)
{
	void *data = (void *)(long)skops->skb_data;
	void *data_end = (void *)(long)skops->skb_data_end;

	if (data + 1 > data_end)
		return 1;
	*(__u8 *)data = 0;
	return 1;
}

SEC("sockops")
__description("sock_ops: reading the TCP header at skb_data with a bounds check")
__success
int sockops_read_pkt(struct bpf_sock_ops *skops)
{
	void *data = (void *)(long)skops->skb_data;
	void *data_end = (void *)(long)skops->skb_data_end;
	struct tcphdr *th = data;

	if ((void *)(th + 1) > data_end)
		return 1;
	return th->syn ? 1 : 0;
}

SEC("sockops")
__description("sock_ops: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int sockops_ret2(struct bpf_sock_ops *skops)
{
	return 2;
}

SEC("sockops")
__description("sock_ops: bpf_bind is a sock_addr helper")
__failure __msg("program of this type cannot use helper bpf_bind#64")
int sockops_bind(struct bpf_sock_ops *skops)
{
	struct sockaddr_in sa = {};

	bpf_bind((void *)skops, (struct sockaddr *)&sa, sizeof(sa));
	return 1;
}

/* ---- cgroup_device ---- */

SEC("cgroup/dev")
__description("cgroup_device: allow only /dev/null and /dev/zero (char 1:3, 1:5)")
__success
int dev_allow_null(struct bpf_cgroup_dev_ctx *ctx)
{
	__u16 type = ctx->access_type & 0xffff;

	if (type != BPF_DEVCG_DEV_CHAR)
		return 0;
	return ctx->major == 1 && (ctx->minor == 3 || ctx->minor == 5);
}

SEC("cgroup/dev")
__description("cgroup_device: a 2-byte read of access_type's upper half (the access bits)")
__success
__naked void dev_narrow_access(void)
{
	asm volatile("r0 = *(u16 *)(r1 + 2);"
		     "r0 &= 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup/dev")
__description("cgroup_device: the context is read-only")
__failure __msg("invalid bpf_context access off=4 size=4")
int dev_write_major(struct bpf_cgroup_dev_ctx *ctx)
{
	ctx->major = 1;
	return 1;
}

SEC("cgroup/dev")
__description("cgroup_device: a read past the 12-byte context")
__failure __msg("invalid bpf_context access off=12 size=4")
__naked void dev_past_ctx(void)
{
	asm volatile("r0 = *(u32 *)(r1 + 12);"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup/dev")
__description("cgroup_device: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int dev_ret2(struct bpf_cgroup_dev_ctx *ctx)
{
	return 2;
}

SEC("cgroup/dev")
__description("cgroup_device: bpf_sysctl_get_name is a sysctl helper")
__failure __msg("program of this type cannot use helper bpf_sysctl_get_name#101")
int dev_sysctl_name(struct bpf_cgroup_dev_ctx *ctx)
{
	char buf[8];

	bpf_sysctl_get_name((void *)ctx, buf, sizeof(buf), 0);
	return 1;
}

/* ---- cgroup_sysctl ---- */

SEC("cgroup/sysctl")
__description("sysctl: refuse writes of net/ipv4/tcp_mem values below 4096 (name, new value, strtoul)")
__success
int sysctl_tcp_mem(struct bpf_sysctl *ctx)
{
	char name[16], value[16];
	unsigned long v = 0;

	if (!ctx->write)
		return 1;
	if (bpf_sysctl_get_name(ctx, name, sizeof(name), BPF_F_SYSCTL_BASE_NAME) < 0)
		return 1;
	if (name[0] != 't' || name[1] != 'c' || name[2] != 'p')
		return 1;
	if (bpf_sysctl_get_new_value(ctx, value, sizeof(value)) < 0)
		return 0;
	if (bpf_strtoul(value, sizeof(value), 0, &v) < 0)
		return 0;
	ctx->file_pos = 0;
	return v >= 4096;
}

SEC("cgroup/sysctl")
__description("sysctl: write is read-only")
__failure __msg("invalid bpf_context access off=0 size=4")
int sysctl_write_write(struct bpf_sysctl *ctx)
{
	ctx->write = 0;
	return 1;
}

SEC("cgroup/sysctl")
__description("sysctl: a 2-byte write of file_pos (writes must be 4 bytes)")
__failure __msg("invalid bpf_context access off=4 size=2")
__naked void sysctl_narrow_pos_write(void)
{
	asm volatile("r2 = 0;"
		     "*(u16 *)(r1 + 4) = r2;"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup/sysctl")
__description("sysctl: a 1-byte read of file_pos (narrow loads allowed)")
__success
__naked void sysctl_narrow_pos_read(void)
{
	asm volatile("r0 = *(u8 *)(r1 + 4);"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup/sysctl")
__description("sysctl: returning -1 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=-1 smax=-1 should have been in [0, 1]")
__naked void sysctl_ret_minus1(void)
{
	asm volatile("r0 = -1;"
		     "exit;" ::
			     : __clobber_all);
}

/* ---- cgroup_sockopt ---- */

SEC("cgroup/getsockopt")
__description("getsockopt: rewrite the returned IP_TOS byte, set retval and optlen")
__success
int getsockopt_tos(struct bpf_sockopt *ctx)
{
	__u8 *optval = ctx->optval;
	__u8 *optval_end = ctx->optval_end;

	if (ctx->level != SOL_IP || ctx->optname != IP_TOS)
		return 1;
	if (optval + 1 > optval_end)
		return 0;
	optval[0] = 0x10;
	ctx->optlen = 1;
	ctx->retval = 0;
	return 1;
}

SEC("cgroup/getsockopt")
__description("getsockopt: level is writable only in setsockopt")
__failure __msg("invalid bpf_context access off=24 size=4")
int getsockopt_write_level(struct bpf_sockopt *ctx)
{
	ctx->level = SOL_IP;
	return 1;
}

SEC("cgroup/getsockopt")
__description("getsockopt: optval read without checking optval_end")
__failure __msg("R1 offset is outside of the packet")
__naked void getsockopt_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[optval]);"
		     "r0 = *(u8 *)(r1 + 0);"
		     "r0 = 1;"
		     "exit;"
		     :
		     : [optval] "i"(offsetof(struct bpf_sockopt, optval))
		     : __clobber_all);
}

SEC("cgroup/setsockopt")
__description("setsockopt: steer TCP_CONGESTION to another option, socket storage of ctx->sk")
__success
int setsockopt_cc(struct bpf_sockopt *ctx)
{
	char *optval = ctx->optval;
	char *optval_end = ctx->optval_end;
	__u64 *v;

	v = bpf_sk_storage_get(&sk_bytes, ctx->sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
	if (v)
		*v += 1;
	if (ctx->level != SOL_TCP || ctx->optname != TCP_CONGESTION)
		return 1;
	if (optval + 4 > optval_end)
		return 1;
	if (optval[0] == 'r' && optval[1] == 'e' && optval[2] == 'n' && optval[3] == 'o') {
		ctx->optname = TCP_CONGESTION;
		ctx->optlen = -1;
	}
	return 1;
}

SEC("cgroup/setsockopt")
__description("setsockopt: retval is writable only in getsockopt")
__failure __msg("invalid bpf_context access off=36 size=4")
int setsockopt_write_retval(struct bpf_sockopt *ctx)
{
	ctx->retval = 0;
	return 1;
}

SEC("cgroup/setsockopt")
__description("setsockopt: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int setsockopt_ret2(struct bpf_sockopt *ctx)
{
	return 2;
}

SEC("cgroup/setsockopt")
__description("setsockopt: a 4-byte read of the 8-byte optval pointer")
__failure __msg("invalid bpf_context access off=8 size=4")
__naked void setsockopt_optval_narrow(void)
{
	asm volatile("r0 = *(u32 *)(r1 + %[optval]);"
		     "r0 = 1;"
		     "exit;"
		     :
		     : [optval] "i"(offsetof(struct bpf_sockopt, optval))
		     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";

#pragma once
// Field access through socket pointers (check_sock_access of kernel/bpf/verifier.c, Linux 6.18):
// which offsets of struct bpf_sock, bpf_tcp_sock and bpf_xdp_sock a PTR_TO_SOCK_COMMON,
// PTR_TO_SOCKET, PTR_TO_TCP_SOCK or PTR_TO_XDP_SOCK register may be read at. These pointers
// are read-only: writes are refused before ("R%d cannot write into %s").

#include "verifier/target/ctx/ctx_access.h"
#include "verifier/target/ctx/ctx_layout.h"

namespace bpfverify::verifier::ctx {

/// sizeof(struct bpf_tcp_sock) up to offsetofend(icsk_retransmits), and the two u64 fields.
namespace tcpSock {
inline constexpr Field bytesReceived{80, 8}, bytesAcked{88, 8}, icskRetransmits{108, 4};
inline constexpr int Size = 112;
} // namespace tcpSock
/// struct bpf_xdp_sock: one u32 queue_id.
namespace xdpSock {
inline constexpr int Size = 4;
}

/// bpf_sock_common_is_valid_access (PtrToSockCommon), bpf_sock_is_valid_access (PtrToSocket),
/// bpf_tcp_sock_is_valid_access (PtrToTcpSock), bpf_xdp_sock_is_valid_access (PtrToXdpSock) of
/// net/core/filter.c; any other base type is refused. Sets info.ctxFieldSize for narrow loads.
/// When false the verifier logs "R%d invalid %s access off=%d size=%d" (reg_type_str).
bool sockPointerIsValidAccess(RegBase pointer, int off, int size, Access access, AccessInfo &info);

} // namespace bpfverify::verifier::ctx

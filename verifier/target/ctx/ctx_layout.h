#pragma once
// Offsets and sizes of the context structs of include/uapi/linux/bpf.h (Linux 6.18, x86_64), and
// the range helpers of include/linux/filter.h that the is_valid_access functions switch on.

namespace bpfverify::verifier::ctx {

/// One member of a context struct: byte offset and size.
struct Field {
  int off;
  int size;
  constexpr int end() const { return off + size; }
};

/// `case bpf_ctx_range(T, M)` (and bpf_ctx_range_ptr on 64-bit): off lies inside the member.
constexpr bool inField(int off, Field f) {
  return off >= f.off && off < f.end();
}
/// `case bpf_ctx_range_till(T, A, B)`: off lies in [offsetof(A), offsetofend(B)).
constexpr bool inFields(int off, Field first, Field last) {
  return off >= first.off && off < last.end();
}
/// bpf_ctx_narrow_access_ok: a power-of-two access no wider than the field.
constexpr bool narrowAccessOk(int size, int fieldSize) {
  return size <= fieldSize && (size & (size - 1)) == 0;
}
/// bpf_ctx_wide_access_ok: an aligned 8-byte access inside an array member.
constexpr bool wideAccessOk(int off, int size, Field f) {
  return size == 8 && off >= f.off && off + 8 <= f.end() && off % 8 == 0;
}

/// struct __sk_buff
namespace skb {
inline constexpr Field len{0, 4}, pktType{4, 4}, mark{8, 4}, queueMapping{12, 4}, protocol{16, 4},
    vlanPresent{20, 4}, vlanTci{24, 4}, vlanProto{28, 4}, priority{32, 4}, ingressIfindex{36, 4},
    ifindex{40, 4}, tcIndex{44, 4}, cb{48, 20}, cb0{48, 4}, cb4{64, 4}, hash{68, 4},
    tcClassid{72, 4}, data{76, 4}, dataEnd{80, 4}, napiId{84, 4}, family{88, 4}, remoteIp4{92, 4},
    localIp4{96, 4}, remoteIp6{100, 16}, localIp6{116, 16}, remotePort{132, 4}, localPort{136, 4},
    dataMeta{140, 4}, flowKeys{144, 8}, tstamp{152, 8}, wireLen{160, 4}, gsoSegs{164, 4},
    sk{168, 8}, gsoSize{176, 4}, tstampType{180, 1}, hwtstamp{184, 8};
inline constexpr int Size = 192;
} // namespace skb

/// struct xdp_md
namespace xdp {
inline constexpr Field data{0, 4}, dataEnd{4, 4}, dataMeta{8, 4}, ingressIfindex{12, 4},
    rxQueueIndex{16, 4}, egressIfindex{20, 4};
inline constexpr int Size = 24;
} // namespace xdp

/// struct bpf_sock
namespace sock {
inline constexpr Field boundDevIf{0, 4}, family{4, 4}, type{8, 4}, protocol{12, 4}, mark{16, 4},
    priority{20, 4}, srcIp4{24, 4}, srcIp6{28, 16}, srcPort{44, 4}, dstPort{48, 2}, dstIp4{52, 4},
    dstIp6{56, 16}, state{72, 4}, rxQueueMapping{76, 4};
inline constexpr int Size = 80;
} // namespace sock

/// struct bpf_sock_addr
namespace sockAddr {
inline constexpr Field userFamily{0, 4}, userIp4{4, 4}, userIp6{8, 16}, userPort{24, 4},
    family{28, 4}, type{32, 4}, protocol{36, 4}, msgSrcIp4{40, 4}, msgSrcIp6{44, 16}, sk{64, 8};
inline constexpr int Size = 72;
} // namespace sockAddr

/// struct bpf_sock_ops
namespace sockOps {
inline constexpr Field op{0, 4}, args{4, 16}, reply{4, 4}, replylong{4, 16}, family{20, 4},
    remoteIp4{24, 4}, localIp4{28, 4}, remoteIp6{32, 16}, localIp6{48, 16}, remotePort{64, 4},
    localPort{68, 4}, isFullsock{72, 4}, sndCwnd{76, 4}, srttUs{80, 4}, cbFlags{84, 4},
    state{88, 4}, sndSsthresh{96, 4}, skTxhash{164, 4}, bytesReceived{168, 8}, bytesAcked{176, 8},
    sk{184, 8}, skbData{192, 8}, skbDataEnd{200, 8}, skbLen{208, 4}, skbTcpFlags{212, 4},
    skbHwtstamp{216, 8};
inline constexpr int Size = 224;
} // namespace sockOps

/// struct sk_msg_md
namespace skMsg {
inline constexpr Field data{0, 8}, dataEnd{8, 8}, family{16, 4}, remoteIp4{20, 4}, localIp4{24, 4},
    remoteIp6{28, 16}, localIp6{44, 16}, remotePort{60, 4}, localPort{64, 4}, size{68, 4},
    sk{72, 8};
inline constexpr int Size = 80;
} // namespace skMsg

/// struct bpf_sk_lookup
namespace skLookup {
inline constexpr Field sk{0, 8}, family{8, 4}, protocol{12, 4}, remoteIp4{16, 4}, remoteIp6{20, 16},
    remotePort{36, 2}, localIp4{40, 4}, localIp6{44, 16}, localPort{60, 4}, ingressIfindex{64, 4};
inline constexpr int Size = 72;
} // namespace skLookup

/// struct sk_reuseport_md
namespace reuseport {
inline constexpr Field data{0, 8}, dataEnd{8, 8}, len{16, 4}, ethProtocol{20, 4}, ipProtocol{24, 4},
    bindInany{28, 4}, hash{32, 4}, sk{40, 8}, migratingSk{48, 8};
inline constexpr int Size = 56;
/// sizeof_field(struct sk_buff, protocol): eth_protocol reads may not be narrower.
inline constexpr int SkbProtocolSize = 2;
} // namespace reuseport

/// struct bpf_sysctl
namespace sysctl {
inline constexpr Field write{0, 4}, filePos{4, 4};
inline constexpr int Size = 8;
} // namespace sysctl

/// struct bpf_sockopt
namespace sockopt {
inline constexpr Field sk{0, 8}, optval{8, 8}, optvalEnd{16, 8}, level{24, 4}, optname{28, 4},
    optlen{32, 4}, retval{36, 4};
inline constexpr int Size = 40;
} // namespace sockopt

/// struct bpf_cgroup_dev_ctx
namespace cgroupDev {
inline constexpr Field accessType{0, 4}, major{4, 4}, minor{8, 4};
inline constexpr int Size = 12;
} // namespace cgroupDev

/// struct bpf_perf_event_data (x86_64: bpf_user_pt_regs_t is struct pt_regs)
namespace perfEvent {
inline constexpr Field regs{0, 168}, samplePeriod{168, 8}, addr{176, 8};
inline constexpr int Size = 184;
} // namespace perfEvent

/// struct bpf_nf_ctx
namespace nfCtx {
inline constexpr Field state{0, 8}, skb{8, 8};
inline constexpr int Size = 16;
} // namespace nfCtx

/// sizeof(struct pt_regs) on x86_64 (kprobe context).
inline constexpr int PtRegsSize = 168;
/// PERF_MAX_TRACE_SIZE (include/linux/trace_events.h): the tracepoint context bound.
inline constexpr int PerfMaxTraceSize = 8192;
/// MAX_BPF_FUNC_ARGS: raw tracepoint contexts hold up to 12 u64 arguments.
inline constexpr int MaxBpfFuncArgs = 12;
/// U16_MAX: the syscall program context bound.
inline constexpr int SyscallCtxMax = 65535;

} // namespace bpfverify::verifier::ctx

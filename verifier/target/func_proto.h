#pragma once
// Which helper prototype a program may call: the kernel's bpf_verifier_ops::get_func_proto of
// every program type (net/core/filter.c, kernel/trace/bpf_trace.c, kernel/bpf/cgroup.c, ...)
// and bpf_base_func_proto, for Linux 6.18 and a privileged loader.

#include "verifier/target/helper_proto.h"

#include <cstdint>
#include <string_view>

namespace bpfverify::target {

/// enum bpf_prog_type values (include/uapi/linux/bpf.h).
namespace prog_type {
inline constexpr uint32_t UNSPEC = 0, SOCKET_FILTER = 1, KPROBE = 2, SCHED_CLS = 3, SCHED_ACT = 4,
                          TRACEPOINT = 5, XDP = 6, PERF_EVENT = 7, CGROUP_SKB = 8, CGROUP_SOCK = 9,
                          LWT_IN = 10, LWT_OUT = 11, LWT_XMIT = 12, SOCK_OPS = 13, SK_SKB = 14,
                          CGROUP_DEVICE = 15, SK_MSG = 16, RAW_TRACEPOINT = 17,
                          CGROUP_SOCK_ADDR = 18, LWT_SEG6LOCAL = 19, LIRC_MODE2 = 20,
                          SK_REUSEPORT = 21, FLOW_DISSECTOR = 22, CGROUP_SYSCTL = 23,
                          RAW_TRACEPOINT_WRITABLE = 24, CGROUP_SOCKOPT = 25, TRACING = 26,
                          STRUCT_OPS = 27, EXT = 28, LSM = 29, SK_LOOKUP = 30, SYSCALL = 31,
                          NETFILTER = 32;
} // namespace prog_type

/// enum bpf_attach_type values the prototype choice depends on.
namespace attach_type {
inline constexpr uint32_t CGROUP_INET_INGRESS = 0, CGROUP_INET_EGRESS = 1, CGROUP_SOCK_OPS = 3,
                          CGROUP_INET4_BIND = 8, CGROUP_INET6_BIND = 9, CGROUP_INET4_CONNECT = 10,
                          CGROUP_INET6_CONNECT = 11, CGROUP_UDP4_SENDMSG = 14,
                          CGROUP_UDP6_SENDMSG = 15, CGROUP_UDP4_RECVMSG = 19,
                          CGROUP_UDP6_RECVMSG = 20, CGROUP_GETSOCKOPT = 21, CGROUP_SETSOCKOPT = 22,
                          TRACE_RAW_TP = 23, TRACE_FENTRY = 24, TRACE_FEXIT = 25,
                          MODIFY_RETURN = 26, LSM_MAC = 27, TRACE_ITER = 28,
                          CGROUP_INET4_GETPEERNAME = 29, CGROUP_INET6_GETPEERNAME = 30,
                          CGROUP_INET4_GETSOCKNAME = 31, CGROUP_INET6_GETSOCKNAME = 32,
                          TRACE_KPROBE_MULTI = 42, LSM_CGROUP = 43, TRACE_UPROBE_MULTI = 48,
                          CGROUP_UNIX_CONNECT = 49, CGROUP_UNIX_SENDMSG = 50,
                          CGROUP_UNIX_RECVMSG = 51, CGROUP_UNIX_GETPEERNAME = 52,
                          CGROUP_UNIX_GETSOCKNAME = 53, TRACE_KPROBE_SESSION = 56,
                          TRACE_UPROBE_SESSION = 57;
} // namespace attach_type

/// The program facts the kernel's *_func_proto functions consult beyond type and attach type.
struct ProgramFacts {
  uint32_t progType = prog_type::UNSPEC;
  uint32_t expectedAttachType = 0;
  /// prog->sleepable (BPF_F_SLEEPABLE).
  bool sleepable = false;
  /// The attach point's BTF name for tracing/LSM/iter programs ("bpf_lsm_socket_bind",
  /// "bpf_iter_tcp"): LSM cgroup sockopt hooks and iterator targets depend on it.
  std::string_view attachBtfName{};
  /// For struct_ops programs: the struct and member implemented ("tcp_congestion_ops", "release").
  std::string_view structOpsName{};
  std::string_view structOpsMember{};
  /// bpf_lsm_is_sleepable_hook(attach_btf_id) for LSM programs (bpf_d_path, ima hashes).
  bool lsmSleepableHook = false;
  /// prog->aux->dst_prog: an extension or tracing program attached to another BPF program.
  bool attachedToBpfProgram = false;
};

/// security_locked_down levels: integrity blocks LOCKDOWN_BPF_WRITE_USER, confidentiality also
/// LOCKDOWN_BPF_READ_KERNEL.
enum class Lockdown : uint8_t { None, Integrity, Confidentiality };

/// Kernel build and boot facts that change which prototypes exist. The loader is privileged
/// root (CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN, CAP_NET_ADMIN; no BPF token).
struct KernelConfig {
  Lockdown lockdown = Lockdown::None;
  /// CONFIG_BPF_KPROBE_OVERRIDE: bpf_override_return for kprobes.
  bool kprobeOverride = false;
  /// CONFIG_BPF_LIRC_MODE2: the lirc_mode2 program type exists.
  bool lircMode2 = true;

  /// The machine the kernel differential data was recorded on (6.18, lockdown=integrity forced,
  /// no CONFIG_BPF_KPROBE_OVERRIDE, no CONFIG_RC_CORE).
  static constexpr KernelConfig referenceMachine() {
    return {.lockdown = Lockdown::Integrity, .kprobeOverride = false, .lircMode2 = false};
  }
  /// A typical distribution kernel (Debian): no lockdown without secure boot, lirc built.
  static constexpr KernelConfig typicalDistribution() {
    return {.lockdown = Lockdown::None, .kprobeOverride = false, .lircMode2 = true};
  }
};

/// env->ops->get_func_proto(func_id, prog): the prototype the verifier uses for a call of helper
/// `funcId` from this program, or nullptr ("program of this type cannot use helper ..."). Ids
/// outside 0..211 give nullptr too (the kernel says "invalid func" for those).
const HelperProto *helperProtoFor(uint32_t funcId, const ProgramFacts &prog,
                                  const KernelConfig &config = KernelConfig::typicalDistribution());

/// Shorthand for a non-sleepable program with no attach-point name.
const HelperProto *helperProtoFor(uint32_t funcId, uint32_t progType, uint32_t expectedAttachType);

/// The prototype's `allowed` callback (check_helper_call: "helper call is not allowed in probe"):
/// bpf_d_path_allowed, bpf_sk_storage_tracing_allowed, bpf_ima_inode_hash_allowed.
bool helperAllowed(const HelperProto &proto, const ProgramFacts &prog);

/// bpf_base_func_proto(func_id, prog) alone, for a privileged loader.
const HelperProto *baseFuncProto(uint32_t funcId, const KernelConfig &config = {});

} // namespace bpfverify::target

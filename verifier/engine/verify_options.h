#pragma once
// What a verification run is asked to do: the target kernel's behaviour switches, log level,
// and machine facts the verifier reads (nr_cpu_ids).

#include "verifier/domain/options.h"
#include "verifier/target/func_proto.h"

#include <cstdint>

namespace bpfverify::verifier {

struct VerifyOptions {
  /// log_level of BPF_PROG_LOAD: 0, 1, 2, plus 4 (BPF_LOG_STATS).
  uint32_t logLevel = 0;
  /// Scalar-tracking variant of the target kernel (6.18 release or 6.18.y stable).
  domain::DomainOptions domain = domain::DomainOptions::linux618();
  /// Kernel configuration facts that change helper availability.
  target::KernelConfig kernelConfig = target::KernelConfig::typicalDistribution();
  /// nr_cpu_ids of the target machine (bpf_get_smp_processor_id's range).
  uint32_t nrCpuIds = 64;
  /// The most bytes of log text kept (the rest is dropped, as a full fixed-size log buffer).
  size_t logLimitBytes = size_t(64) << 20;
  /// Record the per-instruction trace into Result::trace.
  bool trace = false;
  /// collect_linked_regs() skips registers dead at the jump (6.18.y stable: upstream "bpf:
  /// collect only live registers in linked regs", backported March 2026).
  bool linkedRegsLiveOnly = false;
  /// Linked scalars through "rX += K" with negative K and through "rX -= K" (64-bit only,
  /// K within s32; 6.18.y stable backport of upstream "bpf: Support negative offsets, BPF_SUB
  /// ... for linked register tracking"). The release links only "rX += K", 0 <= K <= S32_MAX.
  bool linkedRegsSubAndNegative = false;
  /// regsafe(): a packet pointer at or beyond pkt_end (range AT_PKT_END / BEYOND_PKT_END) is
  /// equivalent only to one with the same marker (6.18.y stable backport of upstream "bpf: Fix
  /// regsafe() for pointers to packet"; the release lets any range >= the old one match).
  bool pktEndRangeExact = false;

  /// The behaviour switches of 6.18.y stable kernels (see domain::DomainOptions) or the release.
  void setStable(bool stable) {
    domain = stable ? domain::DomainOptions::linux618Stable() : domain::DomainOptions::linux618();
    linkedRegsLiveOnly = stable;
    linkedRegsSubAndNegative = stable;
    pktEndRangeExact = stable;
  }

  /// The oracle machine the repository's kernel recordings come from (6.18.44).
  static VerifyOptions referenceMachine() {
    VerifyOptions o;
    o.setStable(true);
    o.kernelConfig = target::KernelConfig::referenceMachine();
    o.nrCpuIds = 2;
    return o;
  }
};

} // namespace bpfverify::verifier

#pragma once
// Internal to verifier/target: the per-program-type get_func_proto functions shared between
// func_proto*.cpp, named after the kernel functions they mirror.

#include "verifier/target/func_ids.h"
#include "verifier/target/func_proto.h"
#include "verifier/target/helper_protos.h"

namespace bpfverify::target::funcproto {

namespace p = protos;
using Proto = const HelperProto *;

/// The program and kernel facts every *_func_proto consults.
struct Ctx {
  const ProgramFacts &prog;
  const KernelConfig &config;
  uint32_t attach() const { return prog.expectedAttachType; }
  bool readKernelLockedDown() const { return config.lockdown == Lockdown::Confidentiality; }
  bool writeUserLockedDown() const { return config.lockdown != Lockdown::None; }
};

/// bpf_prog_has_trampoline (kernel/bpf/trampoline.c).
bool hasTrampoline(const ProgramFacts &prog);
/// bpf_prog_check_recur (include/linux/bpf_verifier.h).
bool checkRecur(const ProgramFacts &prog);

// func_proto.cpp: bpf_base_func_proto, bpf_sk_base_func_proto.
Proto baseProto(uint32_t id, const Ctx &c);
Proto skBaseProto(uint32_t id, const Ctx &c);

// func_proto_cgroup.cpp (kernel/bpf/cgroup.c).
Proto cgroupCommonProto(uint32_t id, const Ctx &c);
Proto cgroupCurrentProto(uint32_t id);
Proto cgroupCommonThenCurrent(uint32_t id, const Ctx &c);
Proto cgroupDevProto(uint32_t id, const Ctx &c);
Proto sysctlProto(uint32_t id, const Ctx &c);
Proto cgSockoptProto(uint32_t id, const Ctx &c);

// func_proto_net.cpp (net/core/filter.c).
Proto skFilterProto(uint32_t id, const Ctx &c);
Proto cgSkbProto(uint32_t id, const Ctx &c);
Proto tcClsActProto(uint32_t id, const Ctx &c);
Proto xdpProto(uint32_t id, const Ctx &c);
Proto sockFilterProto(uint32_t id, const Ctx &c);
Proto sockAddrProto(uint32_t id, const Ctx &c);
Proto sockOpsProto(uint32_t id, const Ctx &c);
Proto skMsgProto(uint32_t id, const Ctx &c);
Proto skSkbProto(uint32_t id, const Ctx &c);
Proto flowDissectorProto(uint32_t id, const Ctx &c);
Proto lwtOutProto(uint32_t id, const Ctx &c);
Proto lwtInProto(uint32_t id, const Ctx &c);
Proto lwtXmitProto(uint32_t id, const Ctx &c);
Proto lwtSeg6localProto(uint32_t id, const Ctx &c);
Proto skReuseportProto(uint32_t id, const Ctx &c);
Proto skLookupProto(uint32_t id, const Ctx &c);

// func_proto_tracing.cpp (kernel/trace/bpf_trace.c, kernel/bpf/bpf_lsm.c, kernel/bpf/syscall.c,
// drivers/media/rc/bpf-lirc.c, net/ipv4/bpf_tcp_ca.c).
Proto kprobeProto(uint32_t id, const Ctx &c);
Proto tracepointProto(uint32_t id, const Ctx &c);
Proto perfEventProto(uint32_t id, const Ctx &c);
Proto rawTracepointProto(uint32_t id, const Ctx &c);
Proto tracingProto(uint32_t id, const Ctx &c);
Proto lsmProto(uint32_t id, const Ctx &c);
Proto syscallProto(uint32_t id, const Ctx &c);
Proto lircMode2Proto(uint32_t id, const Ctx &c);
Proto structOpsProto(uint32_t id, const Ctx &c);

} // namespace bpfverify::target::funcproto

// The prototype table itself: every helper id has its prototype under the kernel's name, and
// spot checks of kernel facts (include/linux/bpf.h encodings, individual protos, and which
// program types get which variant).

#include "lib/isa/helpers.h"
#include "verifier/target/func_ids.h"
#include "verifier/target/func_proto.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

using namespace bpfverify;
using namespace bpfverify::target;
using namespace bpfverify::verifier;

namespace {

const HelperProto &bySymbol(const char *symbol) {
  const HelperProto *proto = helperProtoBySymbol(symbol);
  REQUIRE(proto != nullptr);
  return *proto;
}

std::string symbolFor(uint32_t id, uint32_t progType, uint32_t attachType = 0) {
  const HelperProto *proto = helperProtoFor(id, progType, attachType);
  return proto ? proto->kernelSymbol : "";
}

} // namespace

TEST_CASE("the kernel's flag combinations of enum bpf_arg_type and enum bpf_return_type") {
  CHECK(ARG_PTR_TO_MAP_VALUE_OR_NULL == (PTR_MAYBE_NULL | ARG_PTR_TO_MAP_VALUE));
  CHECK(ARG_PTR_TO_UNINIT_MEM == (MEM_UNINIT | MEM_WRITE | ARG_PTR_TO_MEM));
  CHECK(ARG_PTR_TO_FIXED_SIZE_MEM == (MEM_FIXED_SIZE | ARG_PTR_TO_MEM));
  CHECK(RET_PTR_TO_RINGBUF_MEM_OR_NULL == (PTR_MAYBE_NULL | MEM_RINGBUF | RET_PTR_TO_MEM));
  CHECK(RET_PTR_TO_BTF_ID_TRUSTED == (PTR_TRUSTED | RET_PTR_TO_BTF_ID));
  CHECK(BPF_ARG_TYPE_MAX == 24);
  CHECK(BPF_RET_TYPE_MAX == 9);
  CHECK(baseType(ARG_PTR_TO_UNINIT_MEM) == ARG_PTR_TO_MEM);
  CHECK(typeFlags(ARG_PTR_TO_UNINIT_MEM) == (MEM_UNINIT | MEM_WRITE));
}

TEST_CASE("every helper id 1..211 has a prototype named as the kernel prints it") {
  std::map<uint32_t, unsigned> protosPerId;
  std::set<std::string> symbols;
  for (const HelperProto *proto : allHelperProtos()) {
    INFO(proto->kernelSymbol);
    CHECK(symbols.insert(proto->kernelSymbol).second);
    REQUIRE(proto->funcId < uint32_t(isa::kHelperCount));
    // func_id_name(): what "program of this type cannot use helper %s#%d" prints.
    auto name = isa::helperName(int32_t(proto->funcId));
    REQUIRE(name.has_value());
    CHECK(std::string(proto->name) == name->str());
    CHECK(baseType(proto->retType) < BPF_RET_TYPE_MAX);
    for (unsigned i = 0; i < 5; ++i) {
      CHECK(baseType(proto->argTypes[i]) < BPF_ARG_TYPE_MAX);
      // arg_size is only meaningful for MEM_FIXED_SIZE, as in the kernel's union.
      CHECK((proto->argSize[i] != 0) == ((proto->argTypes[i] & MEM_FIXED_SIZE) != 0));
    }
    ++protosPerId[proto->funcId];
  }
  // BPF_FUNC_unspec (0) has no prototype in the kernel either.
  CHECK(protosPerId.count(0) == 0);
  for (uint32_t id = 1; id < uint32_t(isa::kHelperCount); ++id) {
    INFO("helper id " << id);
    CHECK(protosPerId[id] >= 1);
  }
  CHECK(allHelperProtos().size() == 276);
  CHECK(protosPerId[BPF_FUNC_perf_event_output] == 6);
  CHECK(protosPerId[BPF_FUNC_get_stack] == 5);
}

TEST_CASE("spot checks of individual prototypes") {
  const HelperProto &lookup = bySymbol("bpf_map_lookup_elem_proto");
  CHECK(lookup.funcId == 1);
  CHECK(lookup.retType == RET_PTR_TO_MAP_VALUE_OR_NULL);
  CHECK(lookup.argTypes[0] == ARG_CONST_MAP_PTR);
  CHECK(lookup.argTypes[1] == ARG_PTR_TO_MAP_KEY);
  CHECK(lookup.argCount() == 2);
  CHECK(lookup.pktAccess);
  CHECK_FALSE(lookup.gplOnly);

  const HelperProto &readKernel = bySymbol("bpf_probe_read_kernel_proto");
  CHECK(readKernel.gplOnly);
  CHECK(readKernel.argTypes[0] == ARG_PTR_TO_UNINIT_MEM);
  CHECK(readKernel.argTypes[1] == ARG_CONST_SIZE_OR_ZERO);
  CHECK(readKernel.argTypes[2] == ARG_ANYTHING);

  const HelperProto &reserve = bySymbol("bpf_ringbuf_reserve_proto");
  CHECK(reserve.retType == RET_PTR_TO_RINGBUF_MEM_OR_NULL);
  CHECK(reserve.argTypes[1] == ARG_CONST_ALLOC_SIZE_OR_ZERO);
  CHECK(bySymbol("bpf_ringbuf_submit_proto").argTypes[0] == (ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE));
  CHECK(bySymbol("bpf_ringbuf_submit_proto").retType == RET_VOID);

  const HelperProto &tailCall = bySymbol("bpf_tail_call_proto");
  CHECK(tailCall.funcId == 12);
  CHECK(tailCall.retType == RET_VOID);
  CHECK(tailCall.argTypes[0] == ARG_PTR_TO_CTX);
  CHECK(tailCall.argTypes[1] == ARG_CONST_MAP_PTR);
  CHECK(tailCall.argTypes[2] == ARG_ANYTHING);

  const HelperProto &taskBtf = bySymbol("bpf_get_current_task_btf_proto");
  CHECK(taskBtf.retType == RET_PTR_TO_BTF_ID_TRUSTED);
  CHECK(std::string(taskBtf.retBtfType) == "task_struct");

  const HelperProto &toTcp = bySymbol("bpf_skc_to_tcp_sock_proto");
  CHECK(toTcp.retType == RET_PTR_TO_BTF_ID_OR_NULL);
  CHECK(std::string(toTcp.retBtfType) == "tcp_sock");
  CHECK(toTcp.argTypes[0] == ARG_PTR_TO_BTF_ID_SOCK_COMMON);

  CHECK(bySymbol("bpf_sk_release_proto").argTypes[0] ==
        (ARG_PTR_TO_BTF_ID_SOCK_COMMON | OBJ_RELEASE));
  CHECK(std::string(bySymbol("bpf_kptr_xchg_proto").retBtfType) == kBtfIdFromKptrField);
  CHECK(std::string(bySymbol("bpf_d_path_proto").argBtfType[0]) == "path");
  CHECK(bySymbol("bpf_d_path_proto").allowed == AllowedRule::DPath);

  const HelperProto &syncookie = bySymbol("bpf_tcp_raw_gen_syncookie_ipv4_proto");
  CHECK(syncookie.argTypes[0] == (ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY));
  CHECK(syncookie.argSize[0] == 20); // sizeof(struct iphdr)
  CHECK(bySymbol("bpf_tcp_raw_gen_syncookie_ipv6_proto").argSize[0] == 40);

  CHECK(bySymbol("bpf_copy_from_user_proto").mightSleep);
  CHECK(bySymbol("bpf_map_pop_elem_proto").argTypes[1] ==
        (ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE));
}

TEST_CASE("per-program-type availability: kernel facts") {
  using namespace prog_type;
  CHECK(symbolFor(BPF_FUNC_get_prandom_u32, SOCKET_FILTER) == "bpf_get_prandom_u32_proto");
  CHECK(symbolFor(BPF_FUNC_skb_store_bytes, SOCKET_FILTER) == "");
  CHECK(symbolFor(BPF_FUNC_skb_store_bytes, SCHED_CLS) == "bpf_skb_store_bytes_proto");
  // Privileged loads get the tracing helpers of bpf_base_func_proto everywhere.
  CHECK(symbolFor(BPF_FUNC_trace_printk, SOCKET_FILTER) == "bpf_trace_printk_proto");
  CHECK(symbolFor(BPF_FUNC_probe_read_kernel, XDP) == "bpf_probe_read_kernel_proto");
  // bpf_xdp_adjust_head: XDP only.
  for (uint32_t type = 0; type <= NETFILTER; ++type)
    for (uint32_t attach = 0; attach <= attach_type::TRACE_UPROBE_SESSION; ++attach) {
      INFO("prog type " << type << " attach type " << attach);
      REQUIRE((helperProtoFor(BPF_FUNC_xdp_adjust_head, type, attach) != nullptr) == (type == XDP));
    }
  // Ids outside the helper table.
  CHECK(helperProtoFor(0, SCHED_CLS, 0) == nullptr);
  CHECK(helperProtoFor(212, SCHED_CLS, 0) == nullptr);
  CHECK(helperProtoFor(uint32_t(-1), KPROBE, 0) == nullptr);
}

TEST_CASE("per-program-type prototype variants") {
  using namespace prog_type;
  // perf_event_output: the ctx argument differs per program type.
  CHECK(symbolFor(BPF_FUNC_perf_event_output, SCHED_CLS) == "bpf_skb_event_output_proto");
  CHECK(symbolFor(BPF_FUNC_perf_event_output, XDP) == "bpf_xdp_event_output_proto");
  CHECK(symbolFor(BPF_FUNC_perf_event_output, KPROBE) == "bpf_perf_event_output_proto");
  CHECK(symbolFor(BPF_FUNC_perf_event_output, TRACEPOINT) == "bpf_perf_event_output_proto_tp");
  CHECK(symbolFor(BPF_FUNC_perf_event_output, PERF_EVENT) == "bpf_perf_event_output_proto_tp");
  CHECK(symbolFor(BPF_FUNC_perf_event_output, RAW_TRACEPOINT) ==
        "bpf_perf_event_output_proto_raw_tp");
  CHECK(symbolFor(BPF_FUNC_perf_event_output, CGROUP_SOCK, 2) == "bpf_event_output_data_proto");
  // get_stack / get_stackid.
  CHECK(symbolFor(BPF_FUNC_get_stack, KPROBE) == "bpf_get_stack_proto");
  CHECK(symbolFor(BPF_FUNC_get_stack, TRACEPOINT) == "bpf_get_stack_proto_tp");
  CHECK(symbolFor(BPF_FUNC_get_stack, PERF_EVENT) == "bpf_get_stack_proto_pe");
  CHECK(symbolFor(BPF_FUNC_get_stack, RAW_TRACEPOINT) == "bpf_get_stack_proto_raw_tp");
  CHECK(symbolFor(BPF_FUNC_get_stack, TRACING, attach_type::TRACE_FENTRY) ==
        "bpf_get_stack_proto_raw_tp");
  CHECK(symbolFor(BPF_FUNC_get_stackid, PERF_EVENT) == "bpf_get_stackid_proto_pe");
  ProgramFacts sleepableKprobe{.progType = KPROBE, .sleepable = true};
  CHECK(std::string(helperProtoFor(BPF_FUNC_get_stack, sleepableKprobe)->kernelSymbol) ==
        "bpf_get_stack_sleepable_proto");
  // skb_load_bytes variants.
  CHECK(symbolFor(BPF_FUNC_skb_load_bytes, SK_REUSEPORT, 39) == "sk_reuseport_load_bytes_proto");
  CHECK(symbolFor(BPF_FUNC_skb_load_bytes, FLOW_DISSECTOR) ==
        "bpf_flow_dissector_load_bytes_proto");
  CHECK(symbolFor(BPF_FUNC_skb_load_bytes, SOCKET_FILTER) == "bpf_skb_load_bytes_proto");
  // sk_storage_get variants.
  CHECK(symbolFor(BPF_FUNC_sk_storage_get, SCHED_CLS) == "bpf_sk_storage_get_proto");
  CHECK(symbolFor(BPF_FUNC_sk_storage_get, CGROUP_SOCK, 2) == "bpf_sk_storage_get_cg_sock_proto");
  CHECK(symbolFor(BPF_FUNC_sk_storage_get, TRACING, attach_type::TRACE_RAW_TP) ==
        "bpf_sk_storage_get_tracing_proto");
  // get_smp_processor_id: the raw (non-inlinable) variant from bpf_base_func_proto.
  CHECK(symbolFor(BPF_FUNC_get_smp_processor_id, SOCKET_FILTER) ==
        "bpf_get_raw_smp_processor_id_proto");
  CHECK(symbolFor(BPF_FUNC_get_smp_processor_id, XDP) == "bpf_get_smp_processor_id_proto");
  // get_func_ip per kprobe flavour; get_func_arg only with a trampoline.
  CHECK(symbolFor(BPF_FUNC_get_func_ip, KPROBE) == "bpf_get_func_ip_proto_kprobe");
  CHECK(symbolFor(BPF_FUNC_get_func_ip, KPROBE, attach_type::TRACE_KPROBE_MULTI) ==
        "bpf_get_func_ip_proto_kprobe_multi");
  CHECK(symbolFor(BPF_FUNC_get_func_ip, KPROBE, attach_type::TRACE_UPROBE_MULTI) ==
        "bpf_get_func_ip_proto_uprobe_multi");
  CHECK(symbolFor(BPF_FUNC_get_func_arg, TRACING, attach_type::TRACE_FENTRY) ==
        "bpf_get_func_arg_proto");
  CHECK(symbolFor(BPF_FUNC_get_func_arg, TRACING, attach_type::TRACE_RAW_TP) == "");
  // task storage: the recursion-checking variant outside LSM and iterators.
  CHECK(symbolFor(BPF_FUNC_task_storage_get, KPROBE) == "bpf_task_storage_get_recur_proto");
  CHECK(symbolFor(BPF_FUNC_task_storage_get, LSM, attach_type::LSM_MAC) ==
        "bpf_task_storage_get_proto");
  // seq_* only for iterators.
  CHECK(symbolFor(BPF_FUNC_seq_printf, TRACING, attach_type::TRACE_ITER) == "bpf_seq_printf_proto");
  CHECK(symbolFor(BPF_FUNC_seq_printf, TRACING, attach_type::TRACE_FENTRY) == "");
}

TEST_CASE("attach-type dependent choices") {
  using namespace prog_type;
  using namespace attach_type;
  // sock_addr: bind() from connect hooks only.
  CHECK(symbolFor(BPF_FUNC_bind, CGROUP_SOCK_ADDR, CGROUP_INET4_CONNECT) == "bpf_bind_proto");
  CHECK(symbolFor(BPF_FUNC_bind, CGROUP_SOCK_ADDR, CGROUP_INET6_CONNECT) == "bpf_bind_proto");
  CHECK(symbolFor(BPF_FUNC_bind, CGROUP_SOCK_ADDR, CGROUP_INET4_BIND) == "");
  CHECK(symbolFor(BPF_FUNC_bind, CGROUP_SOCK_ADDR, CGROUP_UDP4_SENDMSG) == "");
  // get_retval/set_retval: not where the hook has no return value to override.
  CHECK(symbolFor(BPF_FUNC_get_retval, CGROUP_SKB, CGROUP_INET_EGRESS) == "");
  CHECK(symbolFor(BPF_FUNC_set_retval, CGROUP_SOCK, 2) == "bpf_set_retval_proto");
  CHECK(symbolFor(BPF_FUNC_get_retval, CGROUP_SOCK_ADDR, CGROUP_UDP4_RECVMSG) == "");
  CHECK(symbolFor(BPF_FUNC_get_retval, CGROUP_SOCK_ADDR, CGROUP_INET4_BIND) ==
        "bpf_get_retval_proto");
  // cgroup sockopt: both sockopt helpers only from setsockopt hooks.
  CHECK(symbolFor(BPF_FUNC_setsockopt, CGROUP_SOCKOPT, CGROUP_SETSOCKOPT) ==
        "bpf_sk_setsockopt_proto");
  CHECK(symbolFor(BPF_FUNC_getsockopt, CGROUP_SOCKOPT, CGROUP_GETSOCKOPT) == "");
  // LSM cgroup sockopt hooks.
  ProgramFacts lsmCgroup{.progType = LSM,
                         .expectedAttachType = LSM_CGROUP,
                         .attachBtfName = "bpf_lsm_socket_post_create"};
  CHECK(std::string(helperProtoFor(BPF_FUNC_setsockopt, lsmCgroup)->kernelSymbol) ==
        "bpf_unlocked_sk_setsockopt_proto");
  lsmCgroup.attachBtfName = "bpf_lsm_file_open";
  CHECK(helperProtoFor(BPF_FUNC_setsockopt, lsmCgroup) == nullptr);
}

TEST_CASE("kernel configuration and lockdown") {
  ProgramFacts kprobe{.progType = prog_type::KPROBE};
  KernelConfig config = KernelConfig::typicalDistribution();
  CHECK(helperProtoFor(BPF_FUNC_probe_write_user, kprobe, config) != nullptr);
  CHECK(helperProtoFor(BPF_FUNC_override_return, kprobe, config) == nullptr);
  config.kprobeOverride = true;
  CHECK(helperProtoFor(BPF_FUNC_override_return, kprobe, config) != nullptr);
  config.lockdown = Lockdown::Integrity;
  CHECK(helperProtoFor(BPF_FUNC_probe_write_user, kprobe, config) == nullptr);
  CHECK(helperProtoFor(BPF_FUNC_probe_read_kernel, kprobe, config) != nullptr);
  config.lockdown = Lockdown::Confidentiality;
  CHECK(helperProtoFor(BPF_FUNC_probe_read_kernel, kprobe, config) == nullptr);
  CHECK(helperProtoFor(BPF_FUNC_probe_read_user, kprobe, config) != nullptr);
  ProgramFacts lirc{.progType = prog_type::LIRC_MODE2};
  CHECK(helperProtoFor(BPF_FUNC_rc_keydown, lirc, KernelConfig::typicalDistribution()) != nullptr);
  CHECK(helperProtoFor(BPF_FUNC_rc_keydown, lirc, KernelConfig::referenceMachine()) == nullptr);
}

TEST_CASE("every prototype in the table is chosen for some program") {
  std::set<const HelperProto *> reached;
  unsigned wrongId = 0;
  KernelConfig config = KernelConfig::typicalDistribution();
  config.kprobeOverride = true;
  const char *names[] = {"", "bpf_iter_tcp", "bpf_lsm_sock_graft", "bpf_lsm_socket_post_create"};
  const char *members[] = {"", "release", "cong_avoid"};
  for (uint32_t type = 0; type <= prog_type::NETFILTER; ++type)
    for (uint32_t attach = 0; attach <= attach_type::TRACE_UPROBE_SESSION; ++attach)
      for (bool sleepable : {false, true})
        for (const char *name : names)
          for (const char *member : members)
            for (uint32_t id = 0; id < BPF_FUNC_MAX_ID; ++id) {
              ProgramFacts facts{.progType = type,
                                 .expectedAttachType = attach,
                                 .sleepable = sleepable,
                                 .attachBtfName = name,
                                 .structOpsName = *member ? "tcp_congestion_ops" : "",
                                 .structOpsMember = member};
              if (const HelperProto *proto = helperProtoFor(id, facts, config)) {
                wrongId += proto->funcId != id;
                reached.insert(proto);
              }
            }
  CHECK(wrongId == 0);
  for (const HelperProto *proto : allHelperProtos()) {
    INFO(proto->kernelSymbol);
    CHECK(reached.count(proto) == 1);
  }
}

// The constants of helper_proto.h, func_proto.h and func_ids.h against the enums of the shipped
// Linux 6.18 vmlinux BTF (enum bpf_arg_type, bpf_return_type, bpf_prog_type, bpf_attach_type,
// bpf_func_id are all described there).

#include "btf/btf.h"
#include "lib/support/error.h"
#include "verifier/target/func_ids.h"
#include "verifier/target/func_proto.h"

#include <catch2/catch.hpp>

#include <utility>

using namespace bpfverify;
using namespace bpfverify::target;

namespace {

const btf::Btf &shippedBtf() {
  static std::unique_ptr<btf::Btf> btf = [] {
    auto parsed = btf::Btf::parseFile(BPFVERIFY_SHIPPED_BTF);
    REQUIRE(static_cast<bool>(parsed));
    return std::move(*parsed);
  }();
  return *btf;
}

struct Constant {
  const char *name;
  uint64_t value;
};

#define CONSTANT(name)                                                                             \
  Constant {                                                                                       \
#name, name                                                                                    \
  }

void checkEnum(const char *enumName, std::initializer_list<Constant> constants) {
  const btf::Btf &btf = shippedBtf();
  auto id = btf.findByNameKind(enumName, btf::Kind::Enum);
  REQUIRE(id.has_value());
  for (const Constant &constant : constants) {
    INFO(enumName << "::" << constant.name);
    auto value = btf.enumValue(*id, constant.name);
    REQUIRE(value.has_value());
    CHECK(uint64_t(*value) == constant.value);
  }
}

} // namespace

TEST_CASE("enum bpf_arg_type matches the 6.18 BTF") {
  checkEnum("bpf_arg_type", {CONSTANT(ARG_DONTCARE),
                             CONSTANT(ARG_CONST_MAP_PTR),
                             CONSTANT(ARG_PTR_TO_MAP_KEY),
                             CONSTANT(ARG_PTR_TO_MAP_VALUE),
                             CONSTANT(ARG_PTR_TO_MEM),
                             CONSTANT(ARG_PTR_TO_ARENA),
                             CONSTANT(ARG_CONST_SIZE),
                             CONSTANT(ARG_CONST_SIZE_OR_ZERO),
                             CONSTANT(ARG_PTR_TO_CTX),
                             CONSTANT(ARG_ANYTHING),
                             CONSTANT(ARG_PTR_TO_SPIN_LOCK),
                             CONSTANT(ARG_PTR_TO_SOCK_COMMON),
                             CONSTANT(ARG_PTR_TO_SOCKET),
                             CONSTANT(ARG_PTR_TO_BTF_ID),
                             CONSTANT(ARG_PTR_TO_RINGBUF_MEM),
                             CONSTANT(ARG_CONST_ALLOC_SIZE_OR_ZERO),
                             CONSTANT(ARG_PTR_TO_BTF_ID_SOCK_COMMON),
                             CONSTANT(ARG_PTR_TO_PERCPU_BTF_ID),
                             CONSTANT(ARG_PTR_TO_FUNC),
                             CONSTANT(ARG_PTR_TO_STACK),
                             CONSTANT(ARG_PTR_TO_CONST_STR),
                             CONSTANT(ARG_PTR_TO_TIMER),
                             CONSTANT(ARG_KPTR_XCHG_DEST),
                             CONSTANT(ARG_PTR_TO_DYNPTR),
                             Constant{"__BPF_ARG_TYPE_MAX", BPF_ARG_TYPE_MAX},
                             CONSTANT(ARG_PTR_TO_MAP_VALUE_OR_NULL),
                             CONSTANT(ARG_PTR_TO_MEM_OR_NULL),
                             CONSTANT(ARG_PTR_TO_CTX_OR_NULL),
                             CONSTANT(ARG_PTR_TO_SOCKET_OR_NULL),
                             CONSTANT(ARG_PTR_TO_STACK_OR_NULL),
                             CONSTANT(ARG_PTR_TO_BTF_ID_OR_NULL),
                             CONSTANT(ARG_PTR_TO_UNINIT_MEM),
                             CONSTANT(ARG_PTR_TO_FIXED_SIZE_MEM)});
  // No ARG_SCALAR in 6.18 (Debian's 6.12 tree has one).
  const btf::Btf &btf = shippedBtf();
  CHECK_FALSE(btf.enumValue(*btf.findByNameKind("bpf_arg_type", btf::Kind::Enum), "ARG_SCALAR")
                  .has_value());
}

TEST_CASE("enum bpf_return_type matches the 6.18 BTF") {
  checkEnum("bpf_return_type",
            {CONSTANT(RET_INTEGER), CONSTANT(RET_VOID), CONSTANT(RET_PTR_TO_MAP_VALUE),
             CONSTANT(RET_PTR_TO_SOCKET), CONSTANT(RET_PTR_TO_TCP_SOCK),
             CONSTANT(RET_PTR_TO_SOCK_COMMON), CONSTANT(RET_PTR_TO_MEM),
             CONSTANT(RET_PTR_TO_MEM_OR_BTF_ID), CONSTANT(RET_PTR_TO_BTF_ID),
             Constant{"__BPF_RET_TYPE_MAX", BPF_RET_TYPE_MAX},
             CONSTANT(RET_PTR_TO_MAP_VALUE_OR_NULL), CONSTANT(RET_PTR_TO_SOCKET_OR_NULL),
             CONSTANT(RET_PTR_TO_TCP_SOCK_OR_NULL), CONSTANT(RET_PTR_TO_SOCK_COMMON_OR_NULL),
             CONSTANT(RET_PTR_TO_RINGBUF_MEM_OR_NULL), CONSTANT(RET_PTR_TO_DYNPTR_MEM_OR_NULL),
             CONSTANT(RET_PTR_TO_BTF_ID_OR_NULL), CONSTANT(RET_PTR_TO_BTF_ID_TRUSTED)});
}

TEST_CASE("program type, attach type and helper id constants match the 6.18 BTF") {
  using namespace prog_type;
  checkEnum("bpf_prog_type", {{"BPF_PROG_TYPE_SOCKET_FILTER", SOCKET_FILTER},
                              {"BPF_PROG_TYPE_KPROBE", KPROBE},
                              {"BPF_PROG_TYPE_SCHED_CLS", SCHED_CLS},
                              {"BPF_PROG_TYPE_SCHED_ACT", SCHED_ACT},
                              {"BPF_PROG_TYPE_TRACEPOINT", TRACEPOINT},
                              {"BPF_PROG_TYPE_XDP", XDP},
                              {"BPF_PROG_TYPE_PERF_EVENT", PERF_EVENT},
                              {"BPF_PROG_TYPE_CGROUP_SKB", CGROUP_SKB},
                              {"BPF_PROG_TYPE_CGROUP_SOCK", CGROUP_SOCK},
                              {"BPF_PROG_TYPE_LWT_IN", LWT_IN},
                              {"BPF_PROG_TYPE_LWT_OUT", LWT_OUT},
                              {"BPF_PROG_TYPE_LWT_XMIT", LWT_XMIT},
                              {"BPF_PROG_TYPE_SOCK_OPS", SOCK_OPS},
                              {"BPF_PROG_TYPE_SK_SKB", SK_SKB},
                              {"BPF_PROG_TYPE_CGROUP_DEVICE", CGROUP_DEVICE},
                              {"BPF_PROG_TYPE_SK_MSG", SK_MSG},
                              {"BPF_PROG_TYPE_RAW_TRACEPOINT", RAW_TRACEPOINT},
                              {"BPF_PROG_TYPE_CGROUP_SOCK_ADDR", CGROUP_SOCK_ADDR},
                              {"BPF_PROG_TYPE_LWT_SEG6LOCAL", LWT_SEG6LOCAL},
                              {"BPF_PROG_TYPE_LIRC_MODE2", LIRC_MODE2},
                              {"BPF_PROG_TYPE_SK_REUSEPORT", SK_REUSEPORT},
                              {"BPF_PROG_TYPE_FLOW_DISSECTOR", FLOW_DISSECTOR},
                              {"BPF_PROG_TYPE_CGROUP_SYSCTL", CGROUP_SYSCTL},
                              {"BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE", RAW_TRACEPOINT_WRITABLE},
                              {"BPF_PROG_TYPE_CGROUP_SOCKOPT", CGROUP_SOCKOPT},
                              {"BPF_PROG_TYPE_TRACING", TRACING},
                              {"BPF_PROG_TYPE_STRUCT_OPS", STRUCT_OPS},
                              {"BPF_PROG_TYPE_EXT", EXT},
                              {"BPF_PROG_TYPE_LSM", LSM},
                              {"BPF_PROG_TYPE_SK_LOOKUP", SK_LOOKUP},
                              {"BPF_PROG_TYPE_SYSCALL", SYSCALL},
                              {"BPF_PROG_TYPE_NETFILTER", NETFILTER}});
  using namespace attach_type;
  checkEnum("bpf_attach_type", {{"BPF_CGROUP_INET_INGRESS", CGROUP_INET_INGRESS},
                                {"BPF_CGROUP_INET_EGRESS", CGROUP_INET_EGRESS},
                                {"BPF_CGROUP_SOCK_OPS", CGROUP_SOCK_OPS},
                                {"BPF_CGROUP_INET4_BIND", CGROUP_INET4_BIND},
                                {"BPF_CGROUP_INET6_BIND", CGROUP_INET6_BIND},
                                {"BPF_CGROUP_INET4_CONNECT", CGROUP_INET4_CONNECT},
                                {"BPF_CGROUP_INET6_CONNECT", CGROUP_INET6_CONNECT},
                                {"BPF_CGROUP_UDP4_SENDMSG", CGROUP_UDP4_SENDMSG},
                                {"BPF_CGROUP_UDP6_SENDMSG", CGROUP_UDP6_SENDMSG},
                                {"BPF_CGROUP_UDP4_RECVMSG", CGROUP_UDP4_RECVMSG},
                                {"BPF_CGROUP_UDP6_RECVMSG", CGROUP_UDP6_RECVMSG},
                                {"BPF_CGROUP_GETSOCKOPT", CGROUP_GETSOCKOPT},
                                {"BPF_CGROUP_SETSOCKOPT", CGROUP_SETSOCKOPT},
                                {"BPF_TRACE_RAW_TP", TRACE_RAW_TP},
                                {"BPF_TRACE_FENTRY", TRACE_FENTRY},
                                {"BPF_TRACE_FEXIT", TRACE_FEXIT},
                                {"BPF_MODIFY_RETURN", MODIFY_RETURN},
                                {"BPF_LSM_MAC", LSM_MAC},
                                {"BPF_TRACE_ITER", TRACE_ITER},
                                {"BPF_CGROUP_INET4_GETPEERNAME", CGROUP_INET4_GETPEERNAME},
                                {"BPF_CGROUP_INET6_GETPEERNAME", CGROUP_INET6_GETPEERNAME},
                                {"BPF_CGROUP_INET4_GETSOCKNAME", CGROUP_INET4_GETSOCKNAME},
                                {"BPF_CGROUP_INET6_GETSOCKNAME", CGROUP_INET6_GETSOCKNAME},
                                {"BPF_TRACE_KPROBE_MULTI", TRACE_KPROBE_MULTI},
                                {"BPF_LSM_CGROUP", LSM_CGROUP},
                                {"BPF_TRACE_UPROBE_MULTI", TRACE_UPROBE_MULTI},
                                {"BPF_CGROUP_UNIX_CONNECT", CGROUP_UNIX_CONNECT},
                                {"BPF_CGROUP_UNIX_SENDMSG", CGROUP_UNIX_SENDMSG},
                                {"BPF_CGROUP_UNIX_RECVMSG", CGROUP_UNIX_RECVMSG},
                                {"BPF_CGROUP_UNIX_GETPEERNAME", CGROUP_UNIX_GETPEERNAME},
                                {"BPF_CGROUP_UNIX_GETSOCKNAME", CGROUP_UNIX_GETSOCKNAME},
                                {"BPF_TRACE_KPROBE_SESSION", TRACE_KPROBE_SESSION},
                                {"BPF_TRACE_UPROBE_SESSION", TRACE_UPROBE_SESSION}});
  checkEnum("bpf_func_id", {
#define BPF_HELPER(id, name) Constant{"BPF_FUNC_" #name, BPF_FUNC_##name},
#include "lib/isa/helper_ids.def"
#undef BPF_HELPER
                               Constant{"__BPF_FUNC_MAX_ID", BPF_FUNC_MAX_ID}});
}

TEST_CASE("the type flags the prototypes combine match the 6.18 BTF") {
  // verifier/state/reg_type.h's TypeFlag, which the ARG_*/RET_* combinations are built from.
  using namespace bpfverify::verifier;
  checkEnum("bpf_type_flag", {CONSTANT(PTR_MAYBE_NULL),    CONSTANT(MEM_RDONLY),
                              CONSTANT(MEM_RINGBUF),       CONSTANT(MEM_USER),
                              CONSTANT(MEM_PERCPU),        CONSTANT(OBJ_RELEASE),
                              CONSTANT(PTR_UNTRUSTED),     CONSTANT(MEM_UNINIT),
                              CONSTANT(DYNPTR_TYPE_LOCAL), CONSTANT(DYNPTR_TYPE_RINGBUF),
                              CONSTANT(MEM_FIXED_SIZE),    CONSTANT(MEM_ALLOC),
                              CONSTANT(PTR_TRUSTED),       CONSTANT(MEM_RCU),
                              CONSTANT(NON_OWN_REF),       CONSTANT(DYNPTR_TYPE_SKB),
                              CONSTANT(DYNPTR_TYPE_XDP),   CONSTANT(MEM_ALIGNED),
                              CONSTANT(MEM_WRITE),         CONSTANT(DYNPTR_TYPE_SKB_META)});
}

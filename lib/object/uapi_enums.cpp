// Tables of include/uapi/linux/bpf.h (Linux 6.18) with libbpf's short names.

#include "lib/object/uapi_enums.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace bpfverify::object {
namespace {

// clang-format off
constexpr std::array<UapiEnumEntry, 33> progTypes = {{
    {0, "BPF_PROG_TYPE_UNSPEC", "unspec"},
    {1, "BPF_PROG_TYPE_SOCKET_FILTER", "socket_filter"},
    {2, "BPF_PROG_TYPE_KPROBE", "kprobe"},
    {3, "BPF_PROG_TYPE_SCHED_CLS", "sched_cls"},
    {4, "BPF_PROG_TYPE_SCHED_ACT", "sched_act"},
    {5, "BPF_PROG_TYPE_TRACEPOINT", "tracepoint"},
    {6, "BPF_PROG_TYPE_XDP", "xdp"},
    {7, "BPF_PROG_TYPE_PERF_EVENT", "perf_event"},
    {8, "BPF_PROG_TYPE_CGROUP_SKB", "cgroup_skb"},
    {9, "BPF_PROG_TYPE_CGROUP_SOCK", "cgroup_sock"},
    {10, "BPF_PROG_TYPE_LWT_IN", "lwt_in"},
    {11, "BPF_PROG_TYPE_LWT_OUT", "lwt_out"},
    {12, "BPF_PROG_TYPE_LWT_XMIT", "lwt_xmit"},
    {13, "BPF_PROG_TYPE_SOCK_OPS", "sock_ops"},
    {14, "BPF_PROG_TYPE_SK_SKB", "sk_skb"},
    {15, "BPF_PROG_TYPE_CGROUP_DEVICE", "cgroup_device"},
    {16, "BPF_PROG_TYPE_SK_MSG", "sk_msg"},
    {17, "BPF_PROG_TYPE_RAW_TRACEPOINT", "raw_tracepoint"},
    {18, "BPF_PROG_TYPE_CGROUP_SOCK_ADDR", "cgroup_sock_addr"},
    {19, "BPF_PROG_TYPE_LWT_SEG6LOCAL", "lwt_seg6local"},
    {20, "BPF_PROG_TYPE_LIRC_MODE2", "lirc_mode2"},
    {21, "BPF_PROG_TYPE_SK_REUSEPORT", "sk_reuseport"},
    {22, "BPF_PROG_TYPE_FLOW_DISSECTOR", "flow_dissector"},
    {23, "BPF_PROG_TYPE_CGROUP_SYSCTL", "cgroup_sysctl"},
    {24, "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE", "raw_tracepoint_writable"},
    {25, "BPF_PROG_TYPE_CGROUP_SOCKOPT", "cgroup_sockopt"},
    {26, "BPF_PROG_TYPE_TRACING", "tracing"},
    {27, "BPF_PROG_TYPE_STRUCT_OPS", "struct_ops"},
    {28, "BPF_PROG_TYPE_EXT", "ext"},
    {29, "BPF_PROG_TYPE_LSM", "lsm"},
    {30, "BPF_PROG_TYPE_SK_LOOKUP", "sk_lookup"},
    {31, "BPF_PROG_TYPE_SYSCALL", "syscall"},
    {32, "BPF_PROG_TYPE_NETFILTER", "netfilter"},
}};

constexpr std::array<UapiEnumEntry, 58> attachTypes = {{
    {0, "BPF_CGROUP_INET_INGRESS", "cgroup_inet_ingress"},
    {1, "BPF_CGROUP_INET_EGRESS", "cgroup_inet_egress"},
    {2, "BPF_CGROUP_INET_SOCK_CREATE", "cgroup_inet_sock_create"},
    {3, "BPF_CGROUP_SOCK_OPS", "cgroup_sock_ops"},
    {4, "BPF_SK_SKB_STREAM_PARSER", "sk_skb_stream_parser"},
    {5, "BPF_SK_SKB_STREAM_VERDICT", "sk_skb_stream_verdict"},
    {6, "BPF_CGROUP_DEVICE", "cgroup_device"},
    {7, "BPF_SK_MSG_VERDICT", "sk_msg_verdict"},
    {8, "BPF_CGROUP_INET4_BIND", "cgroup_inet4_bind"},
    {9, "BPF_CGROUP_INET6_BIND", "cgroup_inet6_bind"},
    {10, "BPF_CGROUP_INET4_CONNECT", "cgroup_inet4_connect"},
    {11, "BPF_CGROUP_INET6_CONNECT", "cgroup_inet6_connect"},
    {12, "BPF_CGROUP_INET4_POST_BIND", "cgroup_inet4_post_bind"},
    {13, "BPF_CGROUP_INET6_POST_BIND", "cgroup_inet6_post_bind"},
    {14, "BPF_CGROUP_UDP4_SENDMSG", "cgroup_udp4_sendmsg"},
    {15, "BPF_CGROUP_UDP6_SENDMSG", "cgroup_udp6_sendmsg"},
    {16, "BPF_LIRC_MODE2", "lirc_mode2"},
    {17, "BPF_FLOW_DISSECTOR", "flow_dissector"},
    {18, "BPF_CGROUP_SYSCTL", "cgroup_sysctl"},
    {19, "BPF_CGROUP_UDP4_RECVMSG", "cgroup_udp4_recvmsg"},
    {20, "BPF_CGROUP_UDP6_RECVMSG", "cgroup_udp6_recvmsg"},
    {21, "BPF_CGROUP_GETSOCKOPT", "cgroup_getsockopt"},
    {22, "BPF_CGROUP_SETSOCKOPT", "cgroup_setsockopt"},
    {23, "BPF_TRACE_RAW_TP", "trace_raw_tp"},
    {24, "BPF_TRACE_FENTRY", "trace_fentry"},
    {25, "BPF_TRACE_FEXIT", "trace_fexit"},
    {26, "BPF_MODIFY_RETURN", "modify_return"},
    {27, "BPF_LSM_MAC", "lsm_mac"},
    {28, "BPF_TRACE_ITER", "trace_iter"},
    {29, "BPF_CGROUP_INET4_GETPEERNAME", "cgroup_inet4_getpeername"},
    {30, "BPF_CGROUP_INET6_GETPEERNAME", "cgroup_inet6_getpeername"},
    {31, "BPF_CGROUP_INET4_GETSOCKNAME", "cgroup_inet4_getsockname"},
    {32, "BPF_CGROUP_INET6_GETSOCKNAME", "cgroup_inet6_getsockname"},
    {33, "BPF_XDP_DEVMAP", "xdp_devmap"},
    {34, "BPF_CGROUP_INET_SOCK_RELEASE", "cgroup_inet_sock_release"},
    {35, "BPF_XDP_CPUMAP", "xdp_cpumap"},
    {36, "BPF_SK_LOOKUP", "sk_lookup"},
    {37, "BPF_XDP", "xdp"},
    {38, "BPF_SK_SKB_VERDICT", "sk_skb_verdict"},
    {39, "BPF_SK_REUSEPORT_SELECT", "sk_reuseport_select"},
    {40, "BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", "sk_reuseport_select_or_migrate"},
    {41, "BPF_PERF_EVENT", "perf_event"},
    {42, "BPF_TRACE_KPROBE_MULTI", "trace_kprobe_multi"},
    {43, "BPF_LSM_CGROUP", "lsm_cgroup"},
    {44, "BPF_STRUCT_OPS", "struct_ops"},
    {45, "BPF_NETFILTER", "netfilter"},
    {46, "BPF_TCX_INGRESS", "tcx_ingress"},
    {47, "BPF_TCX_EGRESS", "tcx_egress"},
    {48, "BPF_TRACE_UPROBE_MULTI", "trace_uprobe_multi"},
    {49, "BPF_CGROUP_UNIX_CONNECT", "cgroup_unix_connect"},
    {50, "BPF_CGROUP_UNIX_SENDMSG", "cgroup_unix_sendmsg"},
    {51, "BPF_CGROUP_UNIX_RECVMSG", "cgroup_unix_recvmsg"},
    {52, "BPF_CGROUP_UNIX_GETPEERNAME", "cgroup_unix_getpeername"},
    {53, "BPF_CGROUP_UNIX_GETSOCKNAME", "cgroup_unix_getsockname"},
    {54, "BPF_NETKIT_PRIMARY", "netkit_primary"},
    {55, "BPF_NETKIT_PEER", "netkit_peer"},
    {56, "BPF_TRACE_KPROBE_SESSION", "trace_kprobe_session"},
    {57, "BPF_TRACE_UPROBE_SESSION", "trace_uprobe_session"},
}};

constexpr std::array<UapiEnumEntry, 34> mapTypes = {{
    {0, "BPF_MAP_TYPE_UNSPEC", "unspec"},
    {1, "BPF_MAP_TYPE_HASH", "hash"},
    {2, "BPF_MAP_TYPE_ARRAY", "array"},
    {3, "BPF_MAP_TYPE_PROG_ARRAY", "prog_array"},
    {4, "BPF_MAP_TYPE_PERF_EVENT_ARRAY", "perf_event_array"},
    {5, "BPF_MAP_TYPE_PERCPU_HASH", "percpu_hash"},
    {6, "BPF_MAP_TYPE_PERCPU_ARRAY", "percpu_array"},
    {7, "BPF_MAP_TYPE_STACK_TRACE", "stack_trace"},
    {8, "BPF_MAP_TYPE_CGROUP_ARRAY", "cgroup_array"},
    {9, "BPF_MAP_TYPE_LRU_HASH", "lru_hash"},
    {10, "BPF_MAP_TYPE_LRU_PERCPU_HASH", "lru_percpu_hash"},
    {11, "BPF_MAP_TYPE_LPM_TRIE", "lpm_trie"},
    {12, "BPF_MAP_TYPE_ARRAY_OF_MAPS", "array_of_maps"},
    {13, "BPF_MAP_TYPE_HASH_OF_MAPS", "hash_of_maps"},
    {14, "BPF_MAP_TYPE_DEVMAP", "devmap"},
    {15, "BPF_MAP_TYPE_SOCKMAP", "sockmap"},
    {16, "BPF_MAP_TYPE_CPUMAP", "cpumap"},
    {17, "BPF_MAP_TYPE_XSKMAP", "xskmap"},
    {18, "BPF_MAP_TYPE_SOCKHASH", "sockhash"},
    {19, "BPF_MAP_TYPE_CGROUP_STORAGE", "cgroup_storage"},
    {20, "BPF_MAP_TYPE_REUSEPORT_SOCKARRAY", "reuseport_sockarray"},
    {21, "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE", "percpu_cgroup_storage"},
    {22, "BPF_MAP_TYPE_QUEUE", "queue"},
    {23, "BPF_MAP_TYPE_STACK", "stack"},
    {24, "BPF_MAP_TYPE_SK_STORAGE", "sk_storage"},
    {25, "BPF_MAP_TYPE_DEVMAP_HASH", "devmap_hash"},
    {26, "BPF_MAP_TYPE_STRUCT_OPS", "struct_ops"},
    {27, "BPF_MAP_TYPE_RINGBUF", "ringbuf"},
    {28, "BPF_MAP_TYPE_INODE_STORAGE", "inode_storage"},
    {29, "BPF_MAP_TYPE_TASK_STORAGE", "task_storage"},
    {30, "BPF_MAP_TYPE_BLOOM_FILTER", "bloom_filter"},
    {31, "BPF_MAP_TYPE_USER_RINGBUF", "user_ringbuf"},
    {32, "BPF_MAP_TYPE_CGRP_STORAGE", "cgrp_storage"},
    {33, "BPF_MAP_TYPE_ARENA", "arena"},
}};

// clang-format on

const UapiEnumEntry *findValue(std::span<const UapiEnumEntry> table, uint32_t value) {
  for (const UapiEnumEntry &entry : table)
    if (entry.value == value)
      return &entry;
  return nullptr;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<uint32_t> parseIn(std::span<const UapiEnumEntry> table, std::string_view prefix,
                                std::string_view text) {
  if (text.empty())
    return std::nullopt;
  uint32_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec == std::errc() && end == text.data() + text.size()) {
    if (findValue(table, number))
      return number;
    return std::nullopt;
  }
  for (const UapiEnumEntry &entry : table) {
    if (text == entry.shortName || text == entry.fullName)
      return entry.value;
    std::string_view suffix = entry.fullName.substr(prefix.size());
    if (equalsIgnoreCase(text, suffix) || equalsIgnoreCase(text, entry.fullName))
      return entry.value;
  }
  return std::nullopt;
}

std::string_view nameOf(std::span<const UapiEnumEntry> table, uint32_t value, bool full) {
  const UapiEnumEntry *entry = findValue(table, value);
  if (!entry)
    return {};
  return full ? entry->fullName : entry->shortName;
}

} // namespace

std::span<const UapiEnumEntry> progTypeTable() {
  return progTypes;
}
std::span<const UapiEnumEntry> attachTypeTable() {
  return attachTypes;
}
std::span<const UapiEnumEntry> mapTypeTable() {
  return mapTypes;
}

std::string_view progTypeName(uint32_t value) {
  return nameOf(progTypes, value, false);
}
std::string_view progTypeFullName(uint32_t value) {
  return nameOf(progTypes, value, true);
}
std::string_view attachTypeName(uint32_t value) {
  return nameOf(attachTypes, value, false);
}
std::string_view attachTypeFullName(uint32_t value) {
  return nameOf(attachTypes, value, true);
}
std::string_view mapTypeName(uint32_t value) {
  return nameOf(mapTypes, value, false);
}
std::string_view mapTypeFullName(uint32_t value) {
  return nameOf(mapTypes, value, true);
}

std::optional<uint32_t> parseProgType(std::string_view text) {
  return parseIn(progTypes, "BPF_PROG_TYPE_", text);
}
std::optional<uint32_t> parseAttachType(std::string_view text) {
  return parseIn(attachTypes, "BPF_", text);
}
std::optional<uint32_t> parseMapType(std::string_view text) {
  // The kernel keeps two aliases of renamed cgroup storage types.
  if (equalsIgnoreCase(text, "BPF_MAP_TYPE_CGROUP_STORAGE_DEPRECATED") ||
      equalsIgnoreCase(text, "CGROUP_STORAGE_DEPRECATED"))
    return 19;
  if (equalsIgnoreCase(text, "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE_DEPRECATED") ||
      equalsIgnoreCase(text, "PERCPU_CGROUP_STORAGE_DEPRECATED"))
    return 21;
  return parseIn(mapTypes, "BPF_MAP_TYPE_", text);
}

} // namespace bpfverify::object

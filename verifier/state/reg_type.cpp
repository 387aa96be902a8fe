#include "verifier/state/reg_type.h"

namespace bpfverify::verifier {

std::string regTypeName(RegType type) {
  // reg_type_str() of kernel/bpf/log.c.
  static const char *const names[] = {
      "?",           "scalar",   "ctx",       "map_ptr",    "map_value", "map_key",
      "fp",          "pkt_meta", "pkt",       "pkt_end",    "flow_keys", "sock",
      "sock_common", "tcp_sock", "tp_buffer", "xdp_sock",   "ptr_",      "mem",
      "arena",       "buf",      "func",      "dynptr_ptr",
  };
  unsigned base = unsigned(type.base());
  std::string out;
  if (type.has(MEM_RDONLY))
    out += "rdonly_";
  if (type.has(MEM_RINGBUF))
    out += "ringbuf_";
  if (type.has(MEM_USER))
    out += "user_";
  if (type.has(MEM_PERCPU))
    out += "percpu_";
  if (type.has(MEM_RCU))
    out += "rcu_";
  if (type.has(PTR_UNTRUSTED))
    out += "untrusted_";
  if (type.has(PTR_TRUSTED))
    out += "trusted_";
  out += base < std::size(names) ? names[base] : "?";
  if (type.has(PTR_MAYBE_NULL))
    out += type.base() == RegBase::PtrToBtfId ? "or_null_" : "_or_null";
  return out;
}

} // namespace bpfverify::verifier

// The UAPI enum tables against values and names of Linux 6.18's include/uapi/linux/bpf.h.

#include "lib/object/uapi_enums.h"

#include <catch2/catch.hpp>

#include <set>

using namespace bpfverify::object;

TEST_CASE("program type names, both forms") {
  CHECK(progTypeName(6) == "xdp");
  CHECK(progTypeFullName(6) == "BPF_PROG_TYPE_XDP");
  CHECK(progTypeName(3) == "sched_cls");
  CHECK(progTypeName(26) == "tracing");
  CHECK(progTypeName(32) == "netfilter");
  CHECK(progTypeName(33).empty());
  CHECK(parseProgType("xdp") == 6u);
  CHECK(parseProgType("BPF_PROG_TYPE_XDP") == 6u);
  CHECK(parseProgType("SCHED_CLS") == 3u);
  CHECK(parseProgType("raw_tracepoint_writable") == 24u);
  CHECK(parseProgType("31") == 31u);
  CHECK_FALSE(parseProgType("99").has_value());
  CHECK_FALSE(parseProgType("xdpx").has_value());
  CHECK_FALSE(parseProgType("").has_value());
  CHECK(progTypeTable().size() == 33); // __MAX_BPF_PROG_TYPE in 6.18
}

TEST_CASE("attach type names") {
  CHECK(attachTypeName(0) == "cgroup_inet_ingress");
  CHECK(attachTypeFullName(24) == "BPF_TRACE_FENTRY");
  CHECK(attachTypeName(27) == "lsm_mac");
  CHECK(attachTypeName(57) == "trace_uprobe_session");
  CHECK(parseAttachType("BPF_XDP") == 37u);
  CHECK(parseAttachType("tcx_ingress") == 46u);
  CHECK(attachTypeTable().size() == 58); // __MAX_BPF_ATTACH_TYPE in 6.18
}

TEST_CASE("map type names and aliases") {
  CHECK(mapTypeName(1) == "hash");
  CHECK(mapTypeName(33) == "arena");
  CHECK(mapTypeFullName(19) == "BPF_MAP_TYPE_CGROUP_STORAGE");
  CHECK(parseMapType("BPF_MAP_TYPE_CGROUP_STORAGE_DEPRECATED") == 19u);
  CHECK(parseMapType("ringbuf") == 27u);
  CHECK(mapTypeTable().size() == 34);
}

TEST_CASE("tables have unique values in ascending order") {
  for (auto table : {progTypeTable(), attachTypeTable(), mapTypeTable()}) {
    for (size_t i = 0; i < table.size(); ++i)
      CHECK(table[i].value == i);
  }
}

// SEC() name classification against libbpf's section_defs[] semantics.

#include "lib/object/section_defs.h"
#include "lib/object/uapi_enums.h"

#include <catch2/catch.hpp>

using namespace bpfverify::object;

namespace {
std::string_view typeOf(std::string_view sec) {
  return progTypeName(classifySection(sec).progType);
}
std::string_view attachOf(std::string_view sec) {
  return attachTypeName(classifySection(sec).expectedAttachType);
}
} // namespace

TEST_CASE("'+' rows match the bare name and the name/extras form only") {
  CHECK(typeOf("kprobe") == "kprobe");
  CHECK(typeOf("kprobe/do_unlinkat") == "kprobe");
  CHECK(classifySection("kprobe/do_unlinkat").attachTarget == "do_unlinkat");
  CHECK(classifySection("kprobex").def == nullptr);
  CHECK(classifySection("kprobex").progType == 0);
  CHECK(typeOf("tp/syscalls/sys_enter_openat") == "tracepoint");
  CHECK(classifySection("tp/syscalls/sys_enter_openat").attachTarget ==
        "syscalls/sys_enter_openat");
  CHECK(typeOf("raw_tp.w/foo") == "raw_tracepoint_writable");
}

TEST_CASE("exact rows reject extras") {
  CHECK(typeOf("socket") == "socket_filter");
  CHECK(classifySection("socket/foo").def == nullptr);
  CHECK(typeOf("tc") == "sched_cls");
  CHECK(classifySection("tc").expectedAttachType == 0);
  CHECK(classifySection("tc/foo").def == nullptr);
}

TEST_CASE("'/' rows and first-match order") {
  CHECK(attachOf("tc/ingress") == "tcx_ingress");
  CHECK(attachOf("tcx/egress") == "tcx_egress");
  CHECK(attachOf("sk_reuseport/migrate") == "sk_reuseport_select_or_migrate");
  CHECK(attachOf("sk_reuseport") == "sk_reuseport_select");
  CHECK(attachOf("cgroup/sock") == "cgroup_inet_sock_create");
  CHECK(attachOf("cgroup/sock_release") == "cgroup_inet_sock_release");
  CHECK(attachOf("cgroup/connect_unix") == "cgroup_unix_connect");
  CHECK(attachOf("xdp/devmap") == "xdp_devmap");
  CHECK(attachOf("xdp") == "xdp");
}

TEST_CASE("sleepable, frags and usdt flags") {
  SectionInfo fentrySleepable = classifySection("fentry.s/bpf_fentry_test1");
  CHECK(progTypeName(fentrySleepable.progType) == "tracing");
  CHECK(attachTypeName(fentrySleepable.expectedAttachType) == "trace_fentry");
  CHECK(fentrySleepable.sleepable);
  CHECK(fentrySleepable.progFlags == BPF_F_SLEEPABLE);
  CHECK_FALSE(classifySection("fentry/bpf_fentry_test1").sleepable);

  SectionInfo lsm = classifySection("lsm.s/file_open");
  CHECK(progTypeName(lsm.progType) == "lsm");
  CHECK(attachTypeName(lsm.expectedAttachType) == "lsm_mac");
  CHECK(lsm.sleepable);

  CHECK(classifySection("syscall").sleepable);
  CHECK(classifySection("xdp.frags").progFlags == BPF_F_XDP_HAS_FRAGS);
  CHECK(attachOf("xdp.frags/cpumap") == "xdp_cpumap");
  CHECK(classifySection("xdp").progFlags == 0);

  CHECK(attachOf("usdt/./bin:prov:probe") == "trace_uprobe_multi");
  CHECK(classifySection("usdt.s").sleepable);
  CHECK(attachOf("uprobe.session/x") == "trace_uprobe_session");
  CHECK(attachOf("kprobe.session/x") == "trace_kprobe_session");
}

TEST_CASE("'?' prefix turns autoload off and is dropped") {
  SectionInfo info = classifySection("?xdp");
  CHECK_FALSE(info.autoload);
  CHECK(info.sectionName == "xdp");
  CHECK(progTypeName(info.progType) == "xdp");
  CHECK(classifySection("xdp").autoload);
}

TEST_CASE("table shape") {
  CHECK(sectionDefs().size() == 103);
  for (const SectionDef &def : sectionDefs())
    CHECK_FALSE(progTypeName(def.progType).empty());
}

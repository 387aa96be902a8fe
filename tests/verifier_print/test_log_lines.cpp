// verbose_linfo: the "; <source> @ <file>:<line>" lines, against the log_level 2 log of
// linfo.bpf.c (program linfo_ok, a socket filter calling a static subprogram twice; compiled
// with clang-19 -g -O2 and loaded through libbpf on Linux 6.18.44). The records and source
// strings below are the line_info libbpf handed the kernel for it.

#include "verifier/log/source_lines.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace bpfverify::verifier;

namespace {

// Offsets into a pretend string section; the strings are the program's source lines.
const std::map<uint32_t, std::string> strings = {
    {461, "linfo.bpf.c"},
    {483, "\tif (skb->len > 100)"},
    {504, "\treturn r;"},
    {526, "static __noinline int bump(__u32 key)"},
    {564, "\t__u64 *v = bpf_map_lookup_elem(&counters, &key);"},
    {614, "\tif (!v)"},
    {623, "\t    *v += 1;   /* leading blanks on purpose */"},
    {671, "}"},
    {700, "/tmp/vlog/linfo.bpf.c"},
};

uint32_t lineCol(uint32_t line, uint32_t col) {
  return line << 10 | col;
}

SourceLines linfoOk() {
  std::vector<LineRecord> records = {
      {0, 461, 483, lineCol(26, 11)}, {5, 461, 504, lineCol(30, 2)},
      {6, 461, 526, lineCol(11, 0)},  {9, 461, 564, lineCol(13, 13)},
      {13, 461, 614, lineCol(15, 6)}, {14, 461, 623, lineCol(17, 9)},
      {18, 461, 671, lineCol(19, 1)},
  };
  return SourceLines(std::move(records), 20, [](uint32_t off) -> std::string_view {
    auto it = strings.find(off);
    return it == strings.end() ? std::string_view() : std::string_view(it->second);
  });
}

} // namespace

TEST_CASE("find_linfo picks the record covering an instruction", "[print][linfo]") {
  SourceLines lines = linfoOk();
  CHECK(lines.find(0)->insnOff == 0);
  CHECK(lines.find(4)->insnOff == 0);
  CHECK(lines.find(5)->insnOff == 5);
  CHECK(lines.find(12)->insnOff == 9);
  CHECK(lines.find(19)->insnOff == 18);
  CHECK(lines.find(20) == nullptr); // insn_off >= prog->len
  CHECK(SourceLines().find(0) == nullptr);
}

TEST_CASE("source lines in the order do_check visits instructions", "[print][linfo]") {
  SourceLines lines = linfoOk();
  VerifierLog log(2);
  // do_check calls verbose_linfo(env, insn_idx, "; ") before every instruction line.
  for (uint32_t insn : {0u,  1u,  2u,  3u,  4u,  6u,  7u,  8u, 9u,  11u, 12u,
                        13u, 14u, 15u, 16u, 17u, 18u, 19u, 5u, 18u, 19u, 4u})
    lines.print(log, insn, "; ");
  CHECK(log.text() == "; if (skb->len > 100) @ linfo.bpf.c:26\n"
                      "; static __noinline int bump(__u32 key) @ linfo.bpf.c:11\n"
                      "; __u64 *v = bpf_map_lookup_elem(&counters, &key); @ linfo.bpf.c:13\n"
                      "; if (!v) @ linfo.bpf.c:15\n"
                      "; *v += 1;   /* leading blanks on purpose */ @ linfo.bpf.c:17\n"
                      "; } @ linfo.bpf.c:19\n"
                      "; return r; @ linfo.bpf.c:30\n"
                      "; } @ linfo.bpf.c:19\n"
                      "; if (skb->len > 100) @ linfo.bpf.c:26\n");
}

TEST_CASE("verbose_linfo de-duplicates lines and keeps the file's base name", "[print][linfo]") {
  auto str = [](uint32_t off) -> std::string_view {
    auto it = strings.find(off);
    return it == strings.end() ? std::string_view() : std::string_view(it->second);
  };
  // Two records on the same file and line, different columns: one source line printed.
  SourceLines lines(
      {{0, 700, 504, lineCol(30, 2)}, {2, 700, 504, lineCol(30, 9)}, {3, 700, 671, lineCol(31, 1)}},
      4, str);
  VerifierLog log(1);
  lines.print(log, 0, "0: ");
  lines.print(log, 2, "2: ");
  lines.print(log, 3, "3: ");
  CHECK(log.text() == "0: return r; @ linfo.bpf.c:30\n3: } @ linfo.bpf.c:31\n");
  // do_check_common forgets the last record for each (sub)program pass.
  lines.reset();
  lines.print(log, 3, "; ");
  CHECK(log.text().substr(log.text().rfind("; ")) == "; } @ linfo.bpf.c:31\n");
  // Nothing without a log.
  VerifierLog none(0);
  lines.reset();
  lines.print(none, 0, "; ");
  CHECK(none.text().empty());
}

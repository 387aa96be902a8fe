#include "kernel_probe.h"

#include <linux/bpf.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <vector>

namespace bpfverify::verifier::ctx::testing {
namespace {

// Not in the 6.1 UAPI headers of this machine.
constexpr uint8_t ModeMemsx = 0x80;

bpf_insn makeInsn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  bpf_insn insn{};
  insn.code = code;
  insn.dst_reg = dst & 0xf;
  insn.src_reg = src & 0xf;
  insn.off = off;
  insn.imm = imm;
  return insn;
}

uint8_t sizeCode(int size) {
  switch (size) {
  case 1:
    return BPF_B;
  case 2:
    return BPF_H;
  case 4:
    return BPF_W;
  default:
    return BPF_DW;
  }
}

struct LoadResult {
  bool loaded;
  int error;
  std::string log;
};

LoadResult loadRaw(uint32_t progType, uint32_t attachType, bool sleepable,
                   const std::vector<bpf_insn> &insns);

LoadResult load(const ProbeConfig &config, const std::vector<bpf_insn> &insns) {
  return loadRaw(config.progType, config.attachType, config.sleepable, insns);
}

LoadResult loadRaw(uint32_t progType, uint32_t attachType, bool sleepable,
                   const std::vector<bpf_insn> &insns) {
  std::vector<char> log(1 << 16);
  bpf_attr attr;
  std::memset(&attr, 0, sizeof(attr));
  attr.prog_type = progType;
  attr.expected_attach_type = attachType;
  attr.insns = uint64_t(uintptr_t(insns.data()));
  attr.insn_cnt = uint32_t(insns.size());
  attr.license = uint64_t(uintptr_t("GPL"));
  attr.log_level = 2;
  attr.log_buf = uint64_t(uintptr_t(log.data()));
  attr.log_size = uint32_t(log.size());
  if (sleepable)
    attr.prog_flags = BPF_F_SLEEPABLE;
  long fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  LoadResult r{fd >= 0, fd < 0 ? errno : 0, std::string(log.data())};
  if (fd >= 0)
    close(int(fd));
  return r;
}

std::vector<std::string> lines(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

/// The last line that is neither instruction/state output nor statistics: the error message.
std::string errorLine(const LoadResult &r) {
  std::string last;
  for (const std::string &line : lines(r.log)) {
    if (line.empty() || line.rfind("processed ", 0) == 0 ||
        line.rfind("verification time", 0) == 0 || line.rfind("stack depth", 0) == 0 ||
        line.rfind("func#", 0) == 0 || line.find(": (") != std::string::npos ||
        line.rfind("from ", 0) == 0 || line.rfind("mark_precise", 0) == 0 ||
        line.rfind("last_idx", 0) == 0 || line.rfind("Live regs", 0) == 0 ||
        line.rfind("Global function", 0) == 0 || line.find(" .... ") != std::string::npos)
      continue;
    // "0: R1=ctx() R10=fp0" state lines
    if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0])) &&
        line.find(": R") != std::string::npos)
      continue;
    last = line;
  }
  if (last.empty())
    last = "errno " + std::to_string(r.error);
  return last;
}

/// The type printed for R0 on instruction `index`'s line ("; R0_w=pkt(r=0) ..."), or "".
std::string r0TypeAfterInsn(const std::string &log, int index) {
  std::string prefix = std::to_string(index) + ": (";
  for (const std::string &line : lines(log)) {
    if (line.rfind(prefix, 0) != 0)
      continue;
    size_t semi = line.find(';');
    if (semi == std::string::npos)
      return "";
    for (const char *key : {" R0_w=", " R0="}) {
      size_t at = line.find(key, semi);
      if (at == std::string::npos)
        continue;
      size_t start = at + std::strlen(key);
      size_t end = start;
      while (end < line.size() && line[end] != '(' && line[end] != ' ')
        end++;
      std::string type = line.substr(start, end - start);
      // A constant scalar prints as its value.
      if (!type.empty() && (std::isdigit(static_cast<unsigned char>(type[0])) || type[0] == '-'))
        return "scalar";
      return type;
    }
    return "";
  }
  return "";
}

} // namespace

bool kernelLoadsType(const ProbeConfig &config, std::string &why) {
  std::vector<bpf_insn> insns = {makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1),
                                 makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)};
  LoadResult r = load(config, insns);
  if (!r.loaded)
    why = errorLine(r);
  return r.loaded;
}

std::string probeKernel(const ProbeConfig &config, const AccessKind &access, int off) {
  std::vector<bpf_insn> insns;
  uint8_t size = sizeCode(access.size);
  if (access.write) {
    insns.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 0));
    insns.push_back(makeInsn(BPF_STX | BPF_MEM | size, 1, 2, int16_t(off), 0));
  } else {
    uint8_t mode = access.signExtend ? ModeMemsx : BPF_MEM;
    insns.push_back(makeInsn(BPF_LDX | mode | size, 0, 1, int16_t(off), 0));
  }
  insns.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1));
  insns.push_back(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  LoadResult r = load(config, insns);
  if (r.log.find("invalid bpf_context access") != std::string::npos)
    return "-";
  if (!access.write) {
    std::string type = r0TypeAfterInsn(r.log, 0);
    // A load refused after verification (convert_ctx_accesses) is not an is_valid_access answer.
    if (!type.empty())
      return r.loaded ? type : "!" + type + " then " + errorLine(r);
  } else if (r.loaded) {
    return "ok";
  }
  if (r.loaded)
    return "!loaded without a state line for insn 0";
  return "!" + errorLine(r);
}

namespace {

/// An XSKMAP (BPF_MAP_TYPE_XSKMAP = 17) whose lookups give PTR_TO_XDP_SOCK_OR_NULL.
int xskMapFd() {
  static int fd = [] {
    bpf_attr attr;
    std::memset(&attr, 0, sizeof(attr));
    attr.map_type = 17;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    return int(syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)));
  }();
  return fd;
}

} // namespace

std::string probeSockPointer(RegBase pointer, const AccessKind &access, int off) {
  std::vector<bpf_insn> insns;
  std::vector<size_t> exitJumps; // jumps to the final "r0 = 0; exit"
  uint32_t progType = 3;         // sched_cls
  uint8_t base = 1;
  if (pointer == RegBase::PtrToXdpSock) {
    progType = 6; // xdp
    if (xskMapFd() < 0)
      return "!no XSKMAP: errno " + std::to_string(errno);
    insns.push_back(makeInsn(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0));
    insns.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0));
    insns.push_back(makeInsn(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4));
    insns.push_back(makeInsn(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, xskMapFd()));
    insns.push_back(makeInsn(0, 0, 0, 0, 0));
    insns.push_back(makeInsn(BPF_JMP | BPF_CALL, 0, 0, 0, 1)); // map_lookup_elem
    exitJumps.push_back(insns.size());
    insns.push_back(makeInsn(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0));
    base = 0;
  } else {
    // r1 = skb->sk (sock_common_or_null); then bpf_sk_fullsock / bpf_tcp_sock for the others.
    insns.push_back(makeInsn(BPF_LDX | BPF_MEM | BPF_DW, 1, 1, int16_t(skb::sk.off), 0));
    exitJumps.push_back(insns.size());
    insns.push_back(makeInsn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 0, 0));
    if (pointer != RegBase::PtrToSockCommon) {
      int32_t helper = pointer == RegBase::PtrToSocket ? 95 : 96;
      insns.push_back(makeInsn(BPF_JMP | BPF_CALL, 0, 0, 0, helper));
      exitJumps.push_back(insns.size());
      insns.push_back(makeInsn(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0));
      base = 0;
    }
  }
  int accessAt = int(insns.size());
  insns.push_back(makeInsn(BPF_LDX | BPF_MEM | sizeCode(access.size), 0, base, int16_t(off), 0));
  insns.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0));
  insns.push_back(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  for (size_t at : exitJumps)
    insns[at].off = int16_t(insns.size() - at - 1);
  insns.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0));
  insns.push_back(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  LoadResult r = loadRaw(progType, 0, false, insns);
  if (r.log.find(" access off=") != std::string::npos &&
      r.log.find("invalid ") != std::string::npos)
    return "-";
  std::string type = r0TypeAfterInsn(r.log, accessAt);
  if (!type.empty())
    return r.loaded ? type : "!" + type + " then " + errorLine(r);
  return "!" + errorLine(r);
}

} // namespace bpfverify::verifier::ctx::testing

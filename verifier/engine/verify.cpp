#include "verifier/verify.h"

#include "btf/target.h"
#include "lib/isa/disasm.h"
#include "lib/isa/helpers.h"
#include "lib/isa/liveness.h"
#include "verifier/check/call.h"
#include "verifier/check/ld_imm.h"
#include "verifier/engine/cfg.h"
#include "verifier/engine/do_check.h"
#include "verifier/engine/engine_log.h"
#include "verifier/engine/global_funcs.h"
#include "verifier/engine/stack_depth.h"
#include "verifier/engine/uapi.h"
#include "verifier/log/print_context.h"
#include "verifier/target/func_proto.h"

#include <chrono>
#include <cstdio>

namespace bpfverify::verifier {

namespace {

/// license_is_gpl_compatible() of include/linux/license.h.
bool licenseIsGplCompatible(const std::string &license) {
  return license == "GPL" || license == "GPL v2" || license == "GPL and additional rights" ||
         license == "Dual BSD/GPL" || license == "Dual MIT/GPL" || license == "Dual MPL/GPL";
}

/// __BPF_FUNC_MAX_ID from the target's `enum bpf_func_id`; this build's table when the target has
/// no BTF or no such enum. Ids past our table stay unknown: we have no prototype for them.
int32_t targetHelperCount(const btf::Target *target) {
  if (!target || !target->vmlinux)
    return isa::kHelperCount;
  const btf::Btf &btf = *target->vmlinux;
  auto id = btf.findByNameKind("bpf_func_id", btf::Kind::Enum);
  if (!id)
    return isa::kHelperCount;
  for (const btf::Enumerator &e : btf.type(*id).enumerators)
    if (e.name == "__BPF_FUNC_MAX_ID" && e.value > 0)
      return int32_t(std::min<int64_t>(e.value, isa::kHelperCount));
  return isa::kHelperCount;
}

/// do_check_common(): a main program described by BTF has its signature checked
/// (btf_prepare_func_args); a mismatch only marks that BTF unreliable, but the reason is logged.
void logMainSignature(Env &env) {
  const btf::Btf *btf = env.obj.btf.get();
  if (env.prog.funcInfo.empty() || !btf || env.subprogs.empty())
    return;
  SubprogInfo &main = env.subprogs[0];
  const btf::Type *fn = btf->tryType(main.funcTypeId);
  if (!fn || fn->kind != btf::Kind::Func || fn->linkage != btf::LinkageGlobal)
    return; // a static main function logs nothing
  const btf::Type *proto = btf->tryType(fn->type);
  for (size_t i = 0; proto && i < proto->params.size(); i++)
    for (btf::TypeId tag : btf->declTagsOf(main.funcTypeId, int32_t(i)))
      if (const btf::Type *tt = btf->tryType(tag); tt && tt->name.starts_with("arg:"))
        return; // arg: tags are issue 5's
  bool wasGlobal = main.isGlobal;
  main.isGlobal = true;
  std::string message;
  if (!prepareFuncArgs(env, 0, message) && !message.empty())
    env.verbose("%s\n", message.c_str());
  main.isGlobal = wasGlobal;
  main.argsCached = false;
  main.args.clear();
}

/// check_attach_btf_id(), the part that needs no attach target: a syscall program must be loaded
/// sleepable (libbpf sets BPF_F_SLEEPABLE for SEC("syscall"); raw input never does).
bool checkAttachSleepable(Env &env) {
  if (env.prog.progType == uapi::BPF_PROG_TYPE_SYSCALL && !env.prog.sleepable)
    return env.fail("Syscall programs can only be sleepable");
  return true;
}

/// do_check_common() for the main program: the initial state has R1 = ctx, R10 = fp.
bool doCheckMain(Env &env) {
  logMainSignature(env);
  env.cur = std::make_unique<VerifierState>();
  VerifierState &st = *env.cur;
  st.frames.resize(1);
  initFuncState(st.frames[0], -1, 0, 0);
  st.branches = 1;
  st.curframe = 0;
  st.inSleepable = env.prog.sleepable;
  RegState &r1 = st.frames[0].regs[isa::BPF_REG_1];
  markRegKnownZero(r1);
  r1.type = RegType(RegBase::PtrToCtx);
  env.scratched.all();
  env.insnIdx = 0;
  bool ok = doCheck(env);
  // do_check_common(): without level 2, an accepted pass leaves no trace in the log.
  if (ok && !env.log.level2())
    env.log.resetTo(0);
  return ok;
}

/// The level-2 preamble: check_subprogs()'s "func#N @start" lines and
/// compute_live_registers()'s "Live regs before insn:" listing.
void logPreamble(Env &env) {
  if (!env.log.level2())
    return;
  for (size_t i = 0; i < env.subprogs.size(); i++)
    env.verbose("func#%zu @%u\n", i, env.subprogs[i].start);
}

void logLiveRegs(Env &env, const isa::CallParamCount &params) {
  if (!env.log.level2())
    return;
  env.verbose("Live regs before insn:\n");
  for (const std::string &line : isa::formatLiveRegsListing(env.insns, params))
    env.verbose("%s\n", line.c_str());
}

void setupSourceLines(Env &env) {
  if (env.prog.lineInfo.empty())
    return;
  std::vector<LineRecord> records;
  auto strings = std::make_shared<std::map<uint32_t, std::string>>();
  for (const object::LineInfo &li : env.prog.lineInfo) {
    records.push_back(
        LineRecord{li.insnOffset, li.fileNameOffset, li.lineOffset, (li.line << 10) | li.column});
    (*strings)[li.fileNameOffset] = li.fileName;
    (*strings)[li.lineOffset] = li.sourceText;
  }
  env.sourceLines = SourceLines(
      std::move(records), uint32_t(env.insns.size()), [strings](uint32_t off) -> std::string_view {
        auto it = strings->find(off);
        return it == strings->end() ? std::string_view() : std::string_view(it->second);
      });
}

/// The precision, stack-liveness and SCC machinery of verifier/engine/pruning for this run.
void setupPruning(Env &env, std::vector<uint32_t> scc) {
  pruning::PrecisionEnv &p = env.penv;
  p.insns = env.insns;
  p.findSubprog = [&env](uint32_t i) { return env.findSubprog(i); };
  p.subprogIsGlobal = [&env](uint32_t s) {
    return s < env.subprogs.size() && env.subprogs[s].isGlobal;
  };
  p.callsCallback = [&env](uint32_t i) { return i < env.aux.size() && env.aux[i].callsCallback; };
  p.isSyncCallbackCallingKfunc = [](const isa::Insn &) { return false; };
  p.bpfCapable = true;
  p.verbose = [&env](std::string_view s) { env.log.write(s); };
  p.logLevel2 = env.log.level2();
  p.formatInsn = [&env](uint32_t i) { return isa::formatInstruction(env.insns, i, {}); };
  p.printState = [&env](const VerifierState &st, uint32_t fr) {
    printVerifierState(env.log, st, fr, true, env.scratched, env.printCtx);
  };
  pruning::StackLivenessProgram program;
  program.insns = env.insns;
  for (const SubprogInfo &sp : env.subprogs)
    program.subprogStarts.push_back(sp.start);
  program.callsCallback = [&env](uint32_t i) {
    return i < env.aux.size() && env.aux[i].callsCallback;
  };
  env.liveness = std::make_unique<pruning::StackLiveness>(std::move(program));
  if (env.log.level2())
    env.liveness->setLog([&env](std::string_view s) { env.log.write(s); },
                         [&env](uint32_t i) { return env.aux[i].prunePoint; });
  env.scc = std::make_unique<pruning::SccVisits>(std::move(scc));
}

/// The per-instruction trace of Result, from the same log lines: "N: (..) insn" lines are
/// `insn`, "from X to Y:" lines `branch`, "; source @ file:line" lines `source` (with the index
/// of the instruction they precede), everything else `state` of the latest instruction.
std::vector<TraceEntry> traceFromLog(const std::string &log) {
  std::vector<TraceEntry> out;
  uint32_t current = 0;
  std::vector<size_t> pendingSource;
  size_t pos = 0;
  while (pos < log.size()) {
    size_t nl = log.find('\n', pos);
    std::string line = log.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? log.size() : nl + 1;
    if (line.empty())
      continue;
    TraceEntry e;
    e.text = line;
    unsigned idx = 0, from = 0;
    int used = 0;
    if (std::sscanf(line.c_str(), "from %u to %u:%n", &from, &idx, &used) == 2 && used > 0) {
      e.kind = "branch";
      current = idx;
    } else if (line.rfind("; ", 0) == 0) {
      e.kind = "source";
      pendingSource.push_back(out.size());
    } else if (std::sscanf(line.c_str(), "%u: %n", &idx, &used) == 1 && used > 0) {
      current = idx;
      e.kind = line.compare(size_t(used), 1, "(") == 0 ? "insn" : "state";
      for (size_t s : pendingSource)
        out[s].insnIndex = idx;
      pendingSource.clear();
    } else {
      e.kind = "state";
    }
    e.insnIndex = current;
    out.push_back(std::move(e));
  }
  return out;
}

/// The message the oracle reads: the last line written before the statistics.
std::string lastLine(const std::string &text) {
  size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n')
    end--;
  size_t start = text.rfind('\n', end ? end - 1 : 0);
  start = start == std::string::npos ? 0 : start + 1;
  return text.substr(start, end - start);
}

} // namespace

Result verify(const object::Object &obj, size_t programIndex, const btf::Target *target,
              const VerifyOptions &opts) {
  auto started = std::chrono::steady_clock::now();
  const object::Program &prog = obj.programs.at(programIndex);
  Env env(obj, prog, target, opts);
  env.printCtx = objectPrintContext();
  env.gplCompatible = licenseIsGplCompatible(obj.license);
  env.helperCount = targetHelperCount(target);
  setupSourceLines(env);

  bool ok = !env.insns.empty();
  if (!ok)
    env.fail("invalid program: no instructions");
  target::ProgramFacts facts = programFacts(prog);
  isa::CallParamCount params = [&](const isa::Insn &call) -> std::optional<unsigned> {
    if (call.src != 0)
      return std::nullopt;
    const target::HelperProto *fn =
        target::helperProtoFor(uint32_t(call.imm), facts, opts.kernelConfig);
    if (!fn)
      return std::nullopt;
    return fn->argCount();
  };
  ok = ok && setupSubprogs(env);
  if (ok)
    logPreamble(env);
  ok = ok && checkLdImmRefs(env);
  ok = ok && checkCfg(env);
  ok = ok && checkAttachSleepable(env);
  if (ok) {
    logLiveRegs(env, params);
    env.liveRegsBefore = isa::liveRegsBefore(env.insns, params);
    std::vector<uint32_t> scc = isa::computeScc(env.insns);
    for (size_t i = 0; i < env.aux.size() && i < env.liveRegsBefore.size(); i++)
      env.aux[i].liveRegsBefore = env.liveRegsBefore[i];
    for (size_t i = 0; i < env.aux.size() && i < scc.size(); i++)
      env.aux[i].scc = scc[i];
    setupPruning(env, std::move(scc));
    ok = doCheckMain(env);
    ok = ok && doCheckSubprogs(env);
    if (ok)
      env.insnIdx = env.lastProcessedInsn;
    ok = ok && checkMaxStackDepth(env);
  }
  uint64_t ns = uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count());

  Result result;
  result.stats.processedInsns = env.insnProcessed;
  result.stats.totalStates = env.totalStates;
  result.stats.peakStates = env.peakStates;
  result.stats.maxStatesPerInsn = env.maxStatesPerInsn;
  result.stats.verificationTimeUs = ns / 1000;
  for (const SubprogInfo &s : env.subprogs)
    result.stackDepths.push_back(uint32_t(s.stackDepth));
  if (env.unsupported) {
    result.verdict = Verdict::Unverified;
    result.unverifiedReason = env.unsupportedWhat;
  } else if (!ok) {
    result.verdict = Verdict::Reject;
    // The error is the text of the failing check (the kernel's last message line; dumps the
    // kernel prints after some errors, such as an infinite loop's states, come after it).
    Rejection rej = env.rejection.value_or(Rejection{env.insnIdx, lastLine(env.log.text())});
    result.rejection = rej;
  } else {
    result.verdict = Verdict::Accept;
  }
  logVerificationStats(env, ns, result.verdict == Verdict::Accept);
  if (opts.logLevel) {
    result.log = env.log.text();
    if (opts.logLevel & 3)
      result.trace = traceFromLog(result.log);
  }
  return result;
}

} // namespace bpfverify::verifier

#include "verifier/check/kfunc.h"

#include "btf/target.h"
#include "verifier/check/jmp.h"
#include "verifier/check/regs.h"

namespace bpfverify::verifier {

namespace {

constexpr int kCallerSavedRegs = 6;

/// The target BTF holding the kfunc: vmlinux, or module `off` (1-based).
const btf::Btf *kfuncBtf(const Env &env, const isa::Insn &insn) {
  if (!env.target || !env.target->vmlinux)
    return nullptr;
  if (insn.off == 0)
    return env.target->vmlinux.get();
  size_t module = size_t(insn.off) - 1;
  if (insn.off < 0 || module >= env.target->modules.size())
    return nullptr;
  return env.target->modules[module].btf.get();
}

/// bpf_rcu_read_unlock(): pointers valid only inside the section become untrusted, in registers
/// and in spilled stack slots.
void invalidateRcuPointers(VerifierState &st) {
  forEachRegInState(st, [](RegState &reg) {
    if (reg.type.has(MEM_RCU))
      reg.type = reg.type.without(MEM_RCU | PTR_MAYBE_NULL).with(PTR_UNTRUSTED);
  });
}

} // namespace

std::optional<std::string> kfuncName(const Env &env, const isa::Insn &insn) {
  const btf::Btf *btf = kfuncBtf(env, insn);
  if (!btf || insn.imm <= 0)
    return std::nullopt;
  const btf::Type *t = btf->tryType(btf::TypeId(insn.imm));
  if (!t || t->kind != btf::Kind::Func)
    return std::nullopt;
  return std::string(t->name);
}

bool checkKfuncCall(Env &env) {
  const isa::Insn insn = env.insn();
  std::optional<std::string> name = kfuncName(env, insn);
  if (!name)
    return env.notSupported("kfunc calls");
  bool rcuLock = *name == "bpf_rcu_read_lock";
  bool rcuUnlock = *name == "bpf_rcu_read_unlock";
  if (!rcuLock && !rcuUnlock)
    return env.notSupported("kfunc calls");
  VerifierState &st = *env.cur;
  if (st.activeRcuLock) {
    if (rcuLock)
      return env.fail("nested rcu read lock (kernel function %s)", name->c_str());
    invalidateRcuPointers(st);
    st.activeRcuLock = 0;
  } else if (rcuLock) {
    st.activeRcuLock = 1;
  } else {
    return env.fail("unmatched rcu read unlock (kernel function %s)", name->c_str());
  }
  // Both return void: the caller-saved registers are clobbered.
  RegState *regs = env.curRegs();
  for (int i = 0; i < kCallerSavedRegs; i++) {
    markRegNotInit(regs[i]);
    checkRegArg(env, uint32_t(i), RegArg::DstOpNoMark);
  }
  return true;
}

} // namespace bpfverify::verifier

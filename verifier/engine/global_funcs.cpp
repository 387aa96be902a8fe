#include "verifier/engine/global_funcs.h"

#include "btf/btf.h"
#include "verifier/check/call.h"
#include "verifier/check/dynptr.h"
#include "verifier/check/regs.h"
#include "verifier/engine/do_check.h"
#include "verifier/engine/engine_log.h"
#include "verifier/engine/uapi.h"
#include "verifier/target/ctx/ctx_fields.h"
#include "verifier/target/helper_proto.h"

#include <cstring>

namespace bpfverify::verifier {

namespace tg = bpfverify::target;

namespace {

/// The context struct a program type's functions may declare (the user-visible half of
/// bpf_ctx_convert in include/linux/bpf_types.h): the ctx table's struct, plus raw tracepoints,
/// whose context is accessed as u64 args[] and so has no table entry.
std::string_view ctxTypeName(uint32_t progType) {
  if (progType == uapi::BPF_PROG_TYPE_RAW_TRACEPOINT ||
      progType == uapi::BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE)
    return "bpf_raw_tracepoint_args";
  const ctx::CtxStruct *s = ctx::ctxStruct(progType);
  return s ? s->name : std::string_view();
}

/// btf_is_dynptr_ptr(): a pointer to struct bpf_dynptr (or its forward declaration), through
/// modifiers and typedefs.
bool isDynptrPtr(const btf::Btf &btf, btf::TypeId ptr) {
  const btf::Type *t = btf.tryType(ptr);
  if (!t || t->kind != btf::Kind::Ptr)
    return false;
  const btf::Type *target = btf.tryType(btf.skipModifiersAndTypedefs(t->type));
  if (!target)
    return false;
  bool isStruct =
      target->kind == btf::Kind::Struct || (target->kind == btf::Kind::Fwd && !target->kindFlag);
  return isStruct && target->name == "bpf_dynptr";
}

/// btf_is_prog_ctx_type() for a pointer type: does it point to the program type's ctx struct
/// (through modifiers and typedefs; kprobe also through the bpf_user_pt_regs_t typedef)?
bool isProgCtxType(const btf::Btf &btf, btf::TypeId ptr, uint32_t progType) {
  std::string_view want = ctxTypeName(progType);
  if (want.empty())
    return false;
  const btf::Type *t = btf.tryType(ptr);
  if (!t || t->kind != btf::Kind::Ptr)
    return false;
  btf::TypeId id = t->type;
  for (int guard = 0; guard < 64 && id; guard++) {
    const btf::Type *u = btf.tryType(id);
    if (!u)
      return false;
    if (u->kind == btf::Kind::Typedef && progType == uapi::BPF_PROG_TYPE_KPROBE &&
        u->name == "bpf_user_pt_regs_t")
      return true;
    if (u->isModifier() || u->kind == btf::Kind::Typedef) {
      id = u->type;
      continue;
    }
    return u->kind == btf::Kind::Struct && u->name == want;
  }
  return false;
}

const char *btfKindStr(const btf::Type *t) {
  if (!t)
    return "UNKNOWN";
  switch (t->kind) {
  case btf::Kind::Int:
    return "INT";
  case btf::Kind::Ptr:
    return "PTR";
  case btf::Kind::Array:
    return "ARRAY";
  case btf::Kind::Struct:
    return "STRUCT";
  case btf::Kind::Union:
    return "UNION";
  case btf::Kind::Enum:
    return "ENUM";
  case btf::Kind::Fwd:
    return "FWD";
  case btf::Kind::Typedef:
    return "TYPEDEF";
  case btf::Kind::Float:
    return "FLOAT";
  case btf::Kind::Enum64:
    return "ENUM64";
  default:
    return "UNKNOWN";
  }
}

bool isIntOrEnum(const btf::Type *t) {
  return t && (t->kind == btf::Kind::Int || t->isEnum());
}

} // namespace

std::string subprogName(const Env &env, uint32_t subprog) {
  const btf::Btf *btf = env.obj.btf.get();
  uint32_t id = env.subprogs[subprog].funcTypeId;
  if (btf && id)
    if (const btf::Type *t = btf->tryType(id))
      return std::string(t->name);
  return "func#" + std::to_string(subprog);
}

bool prepareFuncArgs(Env &env, uint32_t subprog, std::string &message) {
  SubprogInfo &sub = env.subprogs[subprog];
  if (sub.argsCached)
    return true;
  const btf::Btf *btf = env.obj.btf.get();
  bool isGlobal = sub.isGlobal;
  auto fail = [&](std::string m) {
    message = std::move(m);
    return false;
  };
  if (!btf || !sub.funcTypeId)
    return fail("Global functions need valid BTF");
  const btf::Type *fn = btf->tryType(sub.funcTypeId);
  if (!fn || fn->kind != btf::Kind::Func)
    return fail("BTF of func#" + std::to_string(subprog) + " doesn't point to KIND_FUNC");
  std::string tname(fn->name);
  const btf::Type *proto = btf->tryType(fn->type);
  if (!proto || proto->kind != btf::Kind::FuncProto)
    return fail("Invalid type of function " + tname + "()");
  if (proto->params.size() > size_t(MAX_BPF_FUNC_REG_ARGS))
    return fail(isGlobal ? "Global function " + tname + "() with " +
                               std::to_string(proto->params.size()) + " > 5 args. Buggy compiler."
                         : "");
  const btf::Type *ret = btf->tryType(btf->skipModifiers(proto->type));
  if (!isIntOrEnum(ret))
    return fail(isGlobal ? "Global function " + tname +
                               "() doesn't return scalar. Only those are supported."
                         : "");
  std::vector<SubprogArg> args;
  for (size_t i = 0; i < proto->params.size(); i++) {
    // arg:* decl tags are the BTF-typed work of issue 5.
    if (!btf->declTagsOf(sub.funcTypeId, int32_t(i)).empty()) {
      for (btf::TypeId tag : btf->declTagsOf(sub.funcTypeId, int32_t(i)))
        if (const btf::Type *tt = btf->tryType(tag); tt && tt->name.starts_with("arg:")) {
          env.notSupported("arg:* tags on global function arguments");
          return fail("");
        }
    }
    btf::TypeId argId = btf->skipModifiers(proto->params[i].type);
    const btf::Type *t = btf->tryType(argId);
    if (t && t->kind == btf::Kind::Ptr) {
      if (isProgCtxType(*btf, argId, env.prog.progType)) {
        args.push_back({tg::ARG_PTR_TO_CTX, 0});
        continue;
      }
      if (isDynptrPtr(*btf, argId)) {
        args.push_back({tg::ARG_PTR_TO_DYNPTR | MEM_RDONLY, 0});
        continue;
      }
      if (isGlobal) {
        btf::TypeId target = btf->skipModifiers(t->type);
        const btf::Type *rt = btf->tryType(target);
        auto size = btf->sizeOf(target);
        if (!target || !rt || !size || rt->kind == btf::Kind::Fwd ||
            rt->kind == btf::Kind::FuncProto) {
          if (!size)
            llvm::consumeError(size.takeError());
          return fail("arg#" + std::to_string(i) + " reference type('" +
                      std::string(btfKindStr(rt)) + " " + std::string(rt ? rt->name : "") +
                      "') size cannot be determined: -22");
        }
        args.push_back({tg::ARG_PTR_TO_MEM | PTR_MAYBE_NULL, uint32_t(*size)});
        continue;
      }
    }
    const btf::Type *st = btf->tryType(btf->skipModifiersAndTypedefs(proto->params[i].type));
    if (isIntOrEnum(st)) {
      args.push_back({tg::ARG_ANYTHING, 0});
      continue;
    }
    if (!isGlobal)
      return fail("");
    return fail("Arg#" + std::to_string(i) + " type " + btfKindStr(st) + " in " + tname +
                "() is not supported yet.");
  }
  sub.args = std::move(args);
  sub.argsCached = true;
  return true;
}

bool checkSubprogCall(Env &env, uint32_t subprog, std::string &message) {
  if (!prepareFuncArgs(env, subprog, message))
    return false;
  RegState *regs = env.curRegs();
  const SubprogInfo &sub = env.subprogs[subprog];
  for (size_t i = 0; i < sub.args.size(); i++) {
    uint32_t regno = uint32_t(i) + 1;
    RegState &reg = regs[regno];
    const SubprogArg &arg = sub.args[i];
    if (arg.argType == tg::ARG_ANYTHING) {
      if (!reg.isScalar()) {
        message = "R" + std::to_string(regno) + " is not a scalar";
        return false;
      }
    } else if (arg.argType == tg::ARG_PTR_TO_CTX) {
      if (!reg.type.is(RegBase::PtrToCtx) || reg.off || !reg.bounds.varOff.isConst() ||
          reg.bounds.varOff.value) {
        message = "arg#" + std::to_string(i) + " expects pointer to ctx";
        return false;
      }
    } else if (arg.argType == (tg::ARG_PTR_TO_DYNPTR | MEM_RDONLY)) {
      if (!checkGlobalDynptrArg(env, regno))
        return false;
    } else if (tg::baseType(arg.argType) == tg::ARG_PTR_TO_MEM) {
      if (!checkGlobalMemArg(env, regno, arg.memSize, message))
        return false;
      if (!(arg.argType & PTR_MAYBE_NULL) && reg.type.has(PTR_MAYBE_NULL)) {
        message = "arg#" + std::to_string(i) + " is expected to be non-NULL";
        return false;
      }
    }
  }
  return true;
}

bool doCheckSubprogs(Env &env) {
  if (env.prog.funcInfo.empty())
    return true;
  for (;;) {
    size_t newCnt = 0;
    for (uint32_t i = 1; i < env.subprogs.size(); i++) {
      SubprogInfo &sub = env.subprogs[i];
      if (!sub.isGlobal || !sub.called || sub.verified)
        continue;
      std::string message;
      env.insnIdx = sub.start;
      if (!prepareFuncArgs(env, i, message)) {
        if (env.unsupported)
          return false;
        return env.fail("%s", message.c_str());
      }
      // do_check_common(env, i): a fresh state whose registers follow the BTF prototype.
      env.cur = std::make_unique<VerifierState>();
      VerifierState &st = *env.cur;
      st.frames.resize(1);
      initFuncState(st.frames[0], -1, 0, i);
      st.branches = 1;
      st.inSleepable = env.prog.sleepable;
      RegState *regs = st.frames[0].regs.data();
      for (size_t a = 0; a < sub.args.size(); a++) {
        RegState &reg = regs[a + 1];
        const SubprogArg &arg = sub.args[a];
        if (arg.argType == tg::ARG_PTR_TO_CTX) {
          markRegKnownZero(reg);
          reg.type = RegType(RegBase::PtrToCtx);
        } else if (arg.argType == tg::ARG_ANYTHING) {
          markRegUnknown(reg);
        } else if (arg.argType == (tg::ARG_PTR_TO_DYNPTR | MEM_RDONLY)) {
          // Assumed to be a local dynptr.
          markDynptrCbReg(env, reg, DynptrType::Local);
        } else {
          markRegKnownZero(reg);
          reg.type = RegType(RegBase::PtrToMem, arg.argType & PTR_MAYBE_NULL);
          reg.memSize = arg.memSize;
          if (arg.argType & PTR_MAYBE_NULL)
            reg.id = env.newId();
        }
      }
      env.scratched.all();
      env.sourceLines.reset();
      env.prevInsnIdx = -1;
      size_t passStart = env.log.pos();
      if (!doCheck(env))
        return false;
      if (!env.log.level2())
        env.log.resetTo(passStart);
      if (env.log.verboseEnabled())
        env.verbose("Func#%u ('%s') is safe for any args that match its prototype\n", i,
                    subprogName(env, i).c_str());
      sub.verified = true;
      newCnt++;
    }
    if (!newCnt)
      return true;
  }
}

} // namespace bpfverify::verifier

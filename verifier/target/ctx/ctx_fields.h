#pragma once
// Names of the context struct members per program type, for diagnostics: which field an
// `invalid bpf_context access off=%d` points at ("__sk_buff.data", "pt_regs.di", "cb[2]").

#include "verifier/target/ctx/ctx_layout.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace bpfverify::verifier::ctx {

struct CtxStruct;

/// A named member of a context struct; arrays give their element size, nested structs their
/// layout (bpf_perf_event_data.regs).
struct NamedField {
  std::string_view name;
  Field field;
  int elemSize = 0; ///< > 0 for arrays: u32 cb[5] has 4
  const CtxStruct *nested = nullptr;
};

/// A UAPI context struct: its C name (without "struct"), size and members in offset order.
struct CtxStruct {
  std::string_view name;
  int size;
  std::span<const NamedField> members;
};

/// The struct a program type's context points to; nullptr when the context has no UAPI struct
/// (tracepoint records, syscall buffers, lirc_mode2's bare u32, raw tracepoint u64 arrays and the
/// BTF-typed program types).
const CtxStruct *ctxStruct(uint32_t progType);

/// "data", "cb[2]", "regs.di": the member holding byte `off`, or "" for padding and offsets
/// outside the struct. Union members: the first listed (bpf_sock_ops: "reply", "replylong[n]").
std::string ctxMemberAt(const CtxStruct &s, int off);

/// Every context struct of the table (for tests).
std::span<const CtxStruct *const> allCtxStructs();

} // namespace bpfverify::verifier::ctx

// Contexts of the tracing-like program types (kernel/trace/bpf_trace.c, Linux 6.18):
// kprobe_prog_is_valid_access (struct pt_regs), tp_prog_is_valid_access (the raw trace record),
// pe_prog_is_valid_access (struct bpf_perf_event_data), raw_tp_prog_is_valid_access
// (bpf_tracing_ctx_access: u64 arguments) and raw_tp_writable_prog_is_valid_access.
// Assumes x86_64: sizeof(long) == 8 and bpf_user_pt_regs_t is struct pt_regs (168 bytes).

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/uapi_types.h"

namespace bpfverify::verifier::ctx {
namespace {

bool kprobeAccess(int off, int size, Access access) {
  if (off < 0 || off >= PtRegsSize)
    return false;
  if (access != Access::Read)
    return false;
  if (off % size != 0)
    return false;
  return off + size <= PtRegsSize;
}

bool tracepointAccess(int off, int size, Access access) {
  // The first 8 bytes of the record (common_type, flags, preempt_count, pid) are hidden. The
  // kernel writes this bound as `off < sizeof(void *)`, an unsigned comparison, so negative
  // offsets pass it (and the signed `off >= PERF_MAX_TRACE_SIZE`): Linux 6.18 accepts them.
  if ((off >= 0 && off < 8) || off >= PerfMaxTraceSize)
    return false;
  if (access != Access::Read)
    return false;
  return off % size == 0;
}

bool perfEventAccess(int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= perfEvent::Size)
    return false;
  if (access != Access::Read)
    return false;
  if (off % size != 0)
    return false; // the 32-bit exception for misaligned u64 does not apply on x86_64
  if (inField(off, perfEvent::samplePeriod) || inField(off, perfEvent::addr)) {
    info.ctxFieldSize = 8;
    return narrowAccessOk(size, 8);
  }
  return size == 8; // the registers: whole longs
}

/// bpf_tracing_ctx_access
bool rawTracepointAccess(int off, int size, Access access) {
  if (off < 0 || off >= 8 * MaxBpfFuncArgs)
    return false;
  if (access != Access::Read)
    return false;
  return off % size == 0;
}

} // namespace

bool tracingFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                                AccessInfo &info) {
  switch (prog.progType) {
  case prog::Kprobe:
    return kprobeAccess(off, size, access);
  case prog::Tracepoint:
    return tracepointAccess(off, size, access);
  case prog::PerfEvent:
    return perfEventAccess(off, size, access, info);
  case prog::RawTracepointWritable:
    // The first argument is the tracepoint's writable buffer.
    if (off == 0) {
      if (size != 8 || access != Access::Read)
        return false;
      info.regType = RegBase::PtrToTpBuffer;
    }
    return rawTracepointAccess(off, size, access);
  default:
    return rawTracepointAccess(off, size, access);
  }
}

} // namespace bpfverify::verifier::ctx

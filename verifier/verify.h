#pragma once
// The verifier's entry point: would the target kernel accept this program? Mirrors bpf_check()
// of Linux 6.18 for one program of a loaded object.

#include "lib/object/object.h"
#include "verifier/engine/verify_options.h"
#include "verifier/result.h"

namespace bpfverify::btf {
struct Target;
}

namespace bpfverify::verifier {

/// Verifies obj.programs[programIndex] against the target kernel (its BTF may be null for
/// programs that need none). A rejection is a Result, never an error.
Result verify(const object::Object &obj, size_t programIndex, const btf::Target *target,
              const VerifyOptions &opts = {});

} // namespace bpfverify::verifier

#pragma once
// Matching a local CO-RE spec against one target candidate type: libbpf's compatibility and
// "match" relations between types of two BTFs.

#include "btf/btf.h"
#include "btf/core/core_spec.h"

#include <string>

namespace bpfverify::btf::core {

/// bpf_core_fields_are_compat: 1 compatible, 0 not, <0 error.
int fieldsAreCompat(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId targId);

/// bpf_core_types_are_compat (used by TYPE_EXISTS/TYPE_SIZE/TYPE_ID_TARGET): 1, 0 or <0.
int typesAreCompat(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId targId,
                   int level = 32);

/// bpf_core_types_match (used by TYPE_MATCHES): 1, 0 or <0.
int typesMatch(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId targId,
               bool behindPtr = false, int level = 32);

/// bpf_core_spec_match: fills targSpec for candidate targId. 1 matched, 0 not, <0 error.
/// A diagnostic libbpf would print is stored in *warning.
int specMatch(const CoreSpec &localSpec, const Btf &targBtf, TypeId targId, CoreSpec &targSpec,
              std::string *warning = nullptr);

} // namespace bpfverify::btf::core

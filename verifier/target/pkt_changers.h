#pragma once
// Helpers that may move or resize the packet: after a call to one of them every packet pointer
// of the program's state is invalid (clear_all_pkt_pointers()).

#include <cstdint>

namespace bpfverify::target {

/// bpf_helper_changes_pkt_data() (net/core/filter.c, Linux 6.18). A tail call is not listed:
/// check_helper_call() handles it on its own (the 6.18.y subprogram early return).
bool helperChangesPktData(uint32_t funcId);

} // namespace bpfverify::target

#include "verifier/target/pkt_changers.h"

#include "verifier/target/func_ids.h"

namespace bpfverify::target {

/// bpf_helper_changes_pkt_data(): the same members, checked one by one against the 6.18.44
/// oracle by testdata/progs/vhelp_pkt.bpf.c (`*_stale` rejected, `*_keeps` accepted).
bool helperChangesPktData(uint32_t funcId) {
  switch (funcId) {
  case BPF_FUNC_clone_redirect:
  case BPF_FUNC_l3_csum_replace:
  case BPF_FUNC_l4_csum_replace:
  case BPF_FUNC_lwt_push_encap:
  case BPF_FUNC_lwt_seg6_action:
  case BPF_FUNC_lwt_seg6_adjust_srh:
  case BPF_FUNC_lwt_seg6_store_bytes:
  case BPF_FUNC_msg_pop_data:
  case BPF_FUNC_msg_pull_data:
  case BPF_FUNC_msg_push_data:
  case BPF_FUNC_skb_adjust_room:
  case BPF_FUNC_skb_change_head:
  case BPF_FUNC_skb_change_proto:
  case BPF_FUNC_skb_change_tail:
  case BPF_FUNC_skb_pull_data:
  case BPF_FUNC_skb_store_bytes:
  case BPF_FUNC_skb_vlan_pop:
  case BPF_FUNC_skb_vlan_push:
  case BPF_FUNC_store_hdr_opt:
  case BPF_FUNC_xdp_adjust_head:
  case BPF_FUNC_xdp_adjust_meta:
  case BPF_FUNC_xdp_adjust_tail:
    return true;
  default:
    return false;
  }
}

} // namespace bpfverify::target

// Global data in .data, .rodata, .bss and custom .data.* / .rodata.* sections, read and written
// at several offsets, plus a static (non-mmapable) variable and string constants.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

__u64 hits = 7;                           /* .data */
__u32 ratio = 3;                          /* .data, offset 8 */
const volatile __u32 threshold = 100;     /* .rodata */
const volatile __u64 limits[4] = {1, 2, 3, 4}; /* .rodata */
__u64 total;                              /* .bss */
__u32 last_len;                           /* .bss, offset 8 */
__u64 custom_counter SEC(".data.custom") = 42;
const volatile __u32 custom_ro SEC(".rodata.config") = 5;
static __u64 hidden_state;                /* .bss, static */

SEC("socket")
int account(struct __sk_buff *skb) {
  hits++;
  total += skb->len;
  last_len = skb->len;
  hidden_state ^= skb->len;
  custom_counter += ratio;
  if (skb->len > threshold + custom_ro)
    return 0;
  return limits[skb->len & 3] + hidden_state;
}

SEC("socket")
int report(struct __sk_buff *skb) {
  char msg[] = "len %u";
  bpf_trace_printk(msg, sizeof(msg), skb->len);
  bpf_printk("total %llu hits %llu", total, hits);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";

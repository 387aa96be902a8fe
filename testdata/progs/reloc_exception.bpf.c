// An exception callback named by an "exception_callback:" decl tag (bpf_experimental.h's
// __exception_cb): libbpf >= 1.4 appends the callback after the program's own subprograms even
// though nothing calls it (bpf_prog_assign_exc_cb). libbpf 1.1 does not, so no golden here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern void bpf_throw(u64 cookie) __ksym;

__noinline int helper(int x) { return x * 2; }

__noinline int on_exception(u64 cookie) { return cookie + 1; }

__attribute__((btf_decl_tag("exception_callback:on_exception"))) SEC("tc") int
may_throw(struct __sk_buff *skb) {
  if (skb->len > 1000)
    bpf_throw(7);
  return helper(skb->len) & 1;
}

char LICENSE[] SEC("license") = "GPL";

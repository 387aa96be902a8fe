/* Expected-verdict annotations for test BPF programs, in the kernel selftests' convention.
 *
 * The macros below produce the same btf_decl_tag strings as
 * tools/testing/selftests/bpf/progs/bpf_misc.h of Linux 6.18 ("comment:test_expect_..."), so
 * that lib/report/expectations reads our test objects and the kernel's selftest objects alike.
 * The expectation travels inside the object's BTF as a DECL_TAG on the program's FUNC.
 *
 *   __success / __failure      the privileged load is accepted / rejected
 *   __msg("text")              text expected in the verifier log ("{{regex}}" parts allowed);
 *                              several __msg must appear in this order
 *   __not_msg("text")          text that must not appear
 *   __log_level(N)             the log level the test loads with
 *   __retval(V)                BPF_PROG_TEST_RUN return value (not checked by bpfverify)
 *   __flag(BPF_F_...)          extra prog_flags for the load
 *   __description("text")      display name
 *   __*_unpriv                 the same for an unprivileged load
 *
 * Expectations of our own examples were recorded from a real kernel by scripts/kernel-oracle
 * (see docs/kernel-oracle.md); the kernel's release is kept in testdata/expect/kernel/.
 */
#ifndef BPFVERIFY_EXPECT_H
#define BPFVERIFY_EXPECT_H

/* The kernel's own header defines the same macros; use whichever comes first. */
#ifndef __BPF_MISC_H__

#define BPFVERIFY_XSTR(s) BPFVERIFY_STR(s)
#define BPFVERIFY_STR(s) #s
#define BPFVERIFY_TAG(text) __attribute__((btf_decl_tag(text)))

/* __COUNTER__ keeps the order of several messages on one program (tags are unordered in BTF). */
#define __msg(msg) BPFVERIFY_TAG("comment:test_expect_msg=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __not_msg(msg)                                                                             \
  BPFVERIFY_TAG("comment:test_expect_not_msg=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __xlated(msg)                                                                              \
  BPFVERIFY_TAG("comment:test_expect_xlated=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __jited(msg) BPFVERIFY_TAG("comment:test_jited=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __failure BPFVERIFY_TAG("comment:test_expect_failure")
#define __success BPFVERIFY_TAG("comment:test_expect_success")
#define __description(desc) BPFVERIFY_TAG("comment:test_description=" desc)
#define __msg_unpriv(msg)                                                                          \
  BPFVERIFY_TAG("comment:test_expect_msg_unpriv=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __not_msg_unpriv(msg)                                                                      \
  BPFVERIFY_TAG("comment:test_expect_not_msg_unpriv=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __xlated_unpriv(msg)                                                                       \
  BPFVERIFY_TAG("comment:test_expect_xlated_unpriv=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __failure_unpriv BPFVERIFY_TAG("comment:test_expect_failure_unpriv")
#define __success_unpriv BPFVERIFY_TAG("comment:test_expect_success_unpriv")
#define __log_level(lvl) BPFVERIFY_TAG("comment:test_log_level=" #lvl)
#define __flag(flag) BPFVERIFY_TAG("comment:test_prog_flags=" #flag)
#define __retval(val) BPFVERIFY_TAG("comment:test_retval=" BPFVERIFY_XSTR(val))
#define __retval_unpriv(val) BPFVERIFY_TAG("comment:test_retval_unpriv=" BPFVERIFY_XSTR(val))
#define __auxiliary BPFVERIFY_TAG("comment:test_auxiliary")
#define __auxiliary_unpriv BPFVERIFY_TAG("comment:test_auxiliary_unpriv")
#define __btf_path(path) BPFVERIFY_TAG("comment:test_btf_path=" path)
#define __arch(arch) BPFVERIFY_TAG("comment:test_arch=" arch)
#define __arch_x86_64 __arch("X86_64")
#define __arch_arm64 __arch("ARM64")
#define __caps_unpriv(caps) BPFVERIFY_TAG("comment:test_caps_unpriv=" BPFVERIFY_XSTR(caps))
#define __load_if_JITed() BPFVERIFY_TAG("comment:load_mode=jited")
#define __load_if_no_JITed() BPFVERIFY_TAG("comment:load_mode=no_jited")
#define __stderr(msg)                                                                              \
  BPFVERIFY_TAG("comment:test_expect_stderr=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)
#define __stdout(msg)                                                                              \
  BPFVERIFY_TAG("comment:test_expect_stdout=" BPFVERIFY_XSTR(__COUNTER__) "=" msg)

/* Magic constants of __retval(), as the selftests define them. */
#define POINTER_VALUE 0xbadcafe
#define TEST_DATA_LEN 64

#define __naked __attribute__((naked))
#define __clobber_all "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory"
#define __clobber_common "r0", "r1", "r2", "r3", "r4", "r5", "memory"
#define __imm(name) [name] "i"(name)
#define __imm_const(name, expr) [name] "i"(expr)
#define __imm_addr(name) [name] "i"(&name)

#endif /* __BPF_MISC_H__ */
#endif /* BPFVERIFY_EXPECT_H */

// lirc_mode2 programs (the context is one u32 sample): a decoder reading the sample, and the
// type's rules: reads of the u32 at offset 0 only, no writes, a helper
// of another type. This machine's kernel has no CONFIG_BPF_LIRC_MODE2, so its loads come out
// env-refused; the annotations rest on lirc_mode2_is_valid_access / lirc_mode2_func_proto
// (drivers/media/rc/bpf-lirc.c) and check bpfverify only. bpfverify's reference machine has no
// lirc helpers either (KernelConfig::lircMode2 false), so bpf_rc_keydown is not exercised here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define LIRC_MODE2_PULSE 0x01000000
#define LIRC_VALUE_MASK 0x00FFFFFF

SEC("lirc_mode2")
__description("lirc_mode2: a pulse longer than 9 ms recognised from the sample")
__success
int lirc_decode(unsigned int *sample)
{
	unsigned int v = *sample;

	return (v & ~LIRC_VALUE_MASK) == LIRC_MODE2_PULSE && (v & LIRC_VALUE_MASK) > 9000;
}

SEC("lirc_mode2")
__description("lirc_mode2: the sample is read-only")
__failure __msg("invalid bpf_context access off=0 size=4")
int lirc_write(unsigned int *sample)
{
	*sample = 0;
	return 0;
}

SEC("lirc_mode2")
__description("lirc_mode2: a 2-byte read of the sample")
__failure __msg("invalid bpf_context access off=0 size=2")
__naked void lirc_narrow(void)
{
	asm volatile("r0 = *(u16 *)(r1 + 0);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("lirc_mode2")
__description("lirc_mode2: a read past the sample")
__failure __msg("invalid bpf_context access off=4 size=4")
__naked void lirc_past(void)
{
	asm volatile("r0 = *(u32 *)(r1 + 4);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("lirc_mode2")
__description("lirc_mode2: bpf_get_current_pid_tgid is not a lirc helper")
__failure __msg("program of this type cannot use helper bpf_get_current_pid_tgid#14")
int lirc_pid(unsigned int *sample)
{
	return bpf_get_current_pid_tgid() == 0;
}

char LICENSE[] SEC("license") = "GPL";

#!/usr/bin/env python3
"""Records the running kernel's disassembly of many instruction encodings into
tests/isa/data/disasm_golden.txt. Each case is loaded alone (load only) at log level 2; the
"Live regs before insn" listing of compute_live_registers() prints every instruction with the
verifier's print_bpf_insn callbacks, even when verification later fails.
Output lines: <hex of the slot(s)> | <kernel text without index>.  Needs root."""

import os
import re
import sys

from kload import insn, prog_load

ALU_OPS = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xA0, 0xB0, 0xC0]
JMP_OPS = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xA0, 0xB0, 0xC0, 0xD0]
SIZES = [0x00, 0x08, 0x10, 0x18]
# "Live regs" listing line of insn 1: optional SCC number, index, live-register map, text.
LISTING = re.compile(r"^\s*(?:\d+\s+)?1: [.0-9]{10} (.*)$", re.M)
KFUNC_ID = int(os.environ.get("KFUNC_ID", "65214"))  # bpf_obj_new_impl on the recording machine


def cases():
    out = []
    for cls in (0x04, 0x07):
        for op in ALU_OPS:
            out.append([insn(cls | op | 0x08, 3, 7)])
            out.append([insn(cls | op, 2, 0, 0, -5)])
            out.append([insn(cls | op, 9, 0, 0, 0x7FFFFFFF)])
        out.append([insn(cls | 0x80, 4)])                      # neg
        for off in (1,):                                        # sdiv / smod
            out.append([insn(cls | 0x30 | 0x08, 1, 2, off)])
            out.append([insn(cls | 0x90 | 0x08, 1, 2, off)])
            out.append([insn(cls | 0x30, 1, 0, off, -3)])
            out.append([insn(cls | 0x90, 1, 0, off, 7)])
        for off in (8, 16, 32):                                 # movsx
            out.append([insn(cls | 0xB8, 1, 2, off)])
        out.append([insn(cls | 0xB8, 1, 2, 5)])                 # reserved off: printed anyway
        out.append([insn(cls | 0x08, 1, 2, 3, 9)])
    for imm in (16, 32, 64):
        out.append([insn(0xD4, 1, 0, 0, imm)])                  # le
        out.append([insn(0xDC, 1, 0, 0, imm)])                  # be
        out.append([insn(0xD7, 1, 0, 0, imm)])                  # bswap
    out.append([insn(0xBF, 1, 2, 1, 1)])                        # addr_space_cast
    out.append([insn(0xBF, 1, 2, 1, 1 << 16)])
    out.append([insn(0xBF, 1, 2, -1, 0)])                       # internal percpu mov form
    for size in SIZES:
        out.append([insn(0x61 | size, 2, 1, 0)])
        out.append([insn(0x61 | size, 2, 10, -8)])
        out.append([insn(0x62 | size, 10, 0, -16, -1)])
        out.append([insn(0x62 | size, 1, 0, 32767, 0x12345)])
        out.append([insn(0x63 | size, 10, 1, -32768)])
        if size != 0x18:
            out.append([insn(0x81 | size, 3, 1, 14)])
            out.append([insn(0x20 | size, 0, 0, 0, 12)])          # ld_abs
            out.append([insn(0x40 | size, 0, 7, 0, -4)])          # ld_ind
    for size in (0x00, 0x18):
        for imm in (0x00, 0x40, 0x50, 0xA0, 0x01, 0x41, 0x51, 0xA1, 0xE1, 0xF1):
            out.append([insn(0xC3 | size, 10, 1, -8, imm)])
        out.append([insn(0xC3 | size, 10, 1, -8, 0x10)])        # invalid atomic op
    for size in SIZES:
        out.append([insn(0xC3 | size, 2, 1, 4, 0x100)])          # load_acquire
        out.append([insn(0xC3 | size, 1, 2, -4, 0x110)])         # store_release
    out.append([insn(0x18, 1, 0, 0, 0x12345678), insn(0, 0, 0, 0, -0x65432110)])
    out.append([insn(0x18, 0, 0, 0, -1), insn(0, 0, 0, 0, -1)])
    out.append([insn(0x18, 5, 0, 0, 0), insn(0, 0, 0, 0, 0)])
    for cls in (0x05, 0x06):
        for op in JMP_OPS:
            out.append([insn(cls | op | 0x08, 1, 2, 1)])
            out.append([insn(cls | op, 3, 0, -2, -7)])
            out.append([insn(cls | op, 4, 0, 0, 0x10)])
    out.append([insn(0x05, 0, 0, 1)])
    out.append([insn(0x05, 0, 0, -2)])
    out.append([insn(0x06, 0, 0, 0, 2)])                         # gotol
    out.append([insn(0x06, 0, 0, 0, -2)])
    out.append([insn(0xE5, 0, 0, 1)])                            # may_goto
    out.append([insn(0xE5, 0, 2, 1, 7)])                         # JCOND, not may_goto: "(null)"
    out.append([insn(0x05, 3, 1, 1, 0)])                         # reserved fields still print
    for imm in (0, 1, 2, 12, 25, 130, 211, 212, 1000, -1):
        out.append([insn(0x85, 0, 0, 0, imm)])
    out.append([insn(0x85, 0, 2, 0, KFUNC_ID)])
    out.append([insn(0x95)])
    return out


def program_for(case):
    # <first>; <case>; r0 = 0 (x3); exit  -- jumps of -2..+3 stay inside and everything stays
    # reachable: a one-slot case follows "if r1 == 0x0 goto pc+1", so insn 2 is reached even when
    # the case is an exit or an unconditional jump.
    first = insn(0xB7) if len(case) > 1 else insn(0x15, 1, 0, 1, 0)
    return first + b"".join(case) + insn(0xB7) * 3 + insn(0x95)


def main():
    lines = []
    for case in cases():
        fd, err, log = prog_load(program_for(case))
        found = None
        for line in log.split("\n"):
            m = LISTING.match(line)
            if m:
                found = m.group(1)
                break
        if found is None:
            print("no listing for", b"".join(case).hex(), "::", log.strip().split("\n")[-2:],
                  file=sys.stderr)
            continue
        lines.append(f"{b''.join(case).hex()} | {found}")
    # Pseudo call: r0 = 0; call pc+2; r0 = 0; exit; r0 = 0; exit
    prog = insn(0xB7) + insn(0x85, 0, 1, 0, 2) + insn(0xB7) + insn(0x95) + insn(0xB7) + insn(0x95)
    fd, err, log = prog_load(prog)
    m = LISTING.search(log)
    if m:
        lines.append(f"{insn(0x85, 0, 1, 0, 2).hex()} | {m.group(1)}")
    header = (f"# Recorded from Linux {os.uname().release} by tests/isa/oracle/gen_disasm_golden.py\n"
              f"# kfunc call case uses BTF id {KFUNC_ID} (bpf_obj_new_impl there)\n")
    sys.stdout.write(header + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

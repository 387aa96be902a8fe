#!/usr/bin/env python3
"""Records the kernel's "Live regs before insn:" listing (compute_live_registers(), log level 2)
for many small programs into tests/isa/data/liveness_golden.txt. Blocks:
  prog <hex of all slots>
  <listing lines, verbatim>
  end
Needs root."""

import os
import re
import sys

from gen_disasm_golden import cases, program_for
from kload import insn, prog_load

LINE = re.compile(r"^(?:\s{4}|\s*\d+ )\s*\d+: [.0-9]{10} .*$")


def loops():
    mov = lambda r, v: insn(0xB7, r, 0, 0, v)
    ex = insn(0x95)
    out = []
    # r1 = 0; loop: r1 += 1; if r1 < 10 goto loop; r0 = 0; exit
    out.append(mov(1, 0) + insn(0x07, 1, 0, 0, 1) + insn(0xA5, 1, 0, -2, 10) + mov(0, 0) + ex)
    # two consecutive loops and a nested one
    out.append(mov(1, 0) + insn(0x07, 1, 0, 0, 1) + insn(0xA5, 1, 0, -2, 10) +
               mov(2, 0) + insn(0x07, 2, 0, 0, 1) + insn(0xA5, 2, 0, -2, 10) + mov(0, 0) + ex)
    out.append(mov(1, 0) + mov(2, 0) + insn(0x07, 2, 0, 0, 1) + insn(0xA5, 2, 0, -2, 3) +
               insn(0x07, 1, 0, 0, 1) + insn(0xA5, 1, 0, -5, 3) + mov(0, 0) + ex)
    # may_goto loop: r0 = 0; loop: may_goto +2; r0 += 1; goto loop; exit
    out.append(mov(0, 0) + insn(0xE5, 0, 0, 2) + insn(0x07, 0, 0, 0, 1) + insn(0x05, 0, 0, -3) + ex)
    # self loop guarded by a branch: if r1 == 0 goto +1; goto -1 (self); r0 = 0; exit
    out.append(insn(0x15, 1, 0, 1, 0) + insn(0x05, 0, 0, -1) + mov(0, 0) + ex)
    # gotol back edge
    out.append(mov(1, 0) + insn(0x07, 1, 0, 0, 1) + insn(0xB5, 1, 0, 1, 5) + insn(0x06, 0, 0, 0, -3) +
               mov(0, 0) + ex)
    # helper calls: map_lookup_elem needs a map, use ktime_get_ns (0 args), get_prandom_u32 (0),
    # and xdp_adjust_tail (not available to socket filters: no call summary, r1..r5 used)
    out.append(mov(6, 1) + insn(0x85, 0, 0, 0, 5) + insn(0xBF, 7, 0) + insn(0x85, 0, 0, 0, 7) +
               insn(0x0F, 0, 7) + insn(0x0F, 0, 6) + ex)
    out.append(mov(1, 1) + mov(2, 2) + insn(0x85, 0, 0, 0, 65) + ex)
    # bpf-to-bpf call: main calls subprog, subprog adds its args
    out.append(mov(1, 1) + mov(2, 2) + insn(0x85, 0, 1, 0, 1) + ex +
               insn(0xBF, 0, 1) + insn(0x0F, 0, 2) + ex)
    # ld_imm64 and ld_abs in one program
    out.append(insn(0xBF, 6, 1) + insn(0x18, 3, 0, 0, 7) + insn(0) + insn(0x30, 0, 0, 0, 1) +
               insn(0x0F, 0, 3) + ex)
    return out


def main():
    progs = [program_for(c) for c in cases()] + loops()
    blocks = []
    for prog in progs:
        fd, err, log = prog_load(prog)
        lines = log.split("\n")
        if "Live regs before insn:" not in lines:
            print("no listing for", prog.hex(), lines[-3:], file=sys.stderr)
            continue
        start = lines.index("Live regs before insn:") + 1
        listing = []
        for line in lines[start:]:
            if not LINE.match(line):
                break
            listing.append(line)
        blocks.append("prog " + prog.hex() + "\n" + "\n".join(listing) + "\nend")
    header = (f"# Recorded from Linux {os.uname().release} by tests/isa/oracle/gen_liveness_golden.py\n"
              "# socket filter programs; listing lines verbatim (SCC column, index, live r0-r9, insn)\n")
    sys.stdout.write(header + "\n".join(blocks) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Records the running kernel's first error for many instruction encodings into
tests/isa/data/validation_corpus.txt. Each case is loaded (load only, socket filter, log level 1)
inside a fixed template (see TEMPLATE below) where every register is readable and the case can be
jumped over, so that an exit or unconditional jump in the case leaves nothing unreachable and the
encoding checks are what fails. Output lines: <hex of the case slot(s)> | <first error line, or OK>.
Needs root."""

import os
import random
import sys

from kload import insn, prog_load

# 0: r1 = *(u32 *)(r1 +0); 1-9: r0, r2..r9 = 0; 10: if r1 == 0x0 goto pc+<case slots>;
# 11: <case>; r0 = 0; exit.  The verifier explores the fall-through (the case) first.
def template(case):
    prefix = insn(0x61, 1, 1) + b"".join(insn(0xB7, r) for r in (0, 2, 3, 4, 5, 6, 7, 8, 9))
    return prefix + insn(0x15, 1, 0, len(case) // 8, 0) + case + insn(0xB7) + insn(0x95)

REGS = [0, 1, 2, 9, 10, 11, 15]
OFFS = [0, 0, 0, 1, -1, 2, 8, 16, 32, 5, -8, 0x7FFF, -0x8000]
IMMS = [0, 0, 0, 1, -1, 2, 8, 16, 32, 64, 31, 63, 65, 5, 0x100, 0x110, 0x10000, 0x10001,
        0x01, 0x41, 0x51, 0xA1, 0x40, 0x50, 0xA0, 0xE1, 0xF1, 0xE0, 0xF0, 0x10, 212, 12]


def first_error(log):
    lines = log.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("processed "):
            return lines[i - 1] if i > 0 else "?"
    return lines[-1]


def record(case, out):
    fd, err, log = prog_load(template(case), log_level=1)
    msg = "OK" if fd >= 0 else first_error(log)
    out.append(f"{case.hex()} | {msg}")


def random_case(rng, table_codes):
    code = rng.choice(table_codes) if rng.random() < 0.85 else rng.randrange(256)
    slot = insn(code, rng.choice(REGS), rng.choice(REGS), rng.choice(OFFS), rng.choice(IMMS))
    if code == 0x18:
        if rng.random() < 0.6:
            second = insn(0, 0, 0, 0, rng.choice(IMMS))
        else:
            second = insn(rng.choice([0, 0, 0x18, 0xB7]), rng.choice(REGS), rng.choice(REGS),
                          rng.choice(OFFS), rng.choice(IMMS))
        return slot + second
    return slot


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rng = random.Random(20251121)
    # Codes the kernel's opcode table knows (plus ld_imm64); the rest are mostly "unknown opcode".
    table_codes = []
    for c in range(256):
        fd, err, log = prog_load(template(insn(c)), log_level=1)
        if "unknown opcode" not in first_error(log):
            table_codes.append(c)
    out = []
    # Every opcode with all-zero fields, then random variations.
    for c in range(256):
        record(insn(c) + (insn(0) if c == 0x18 else b""), out)
    # Each known opcode with one field changed at a time.
    for c in table_codes:
        second = insn(0) if c == 0x18 else b""
        for dst in (1, 10, 11, 15):
            record(insn(c, dst) + second, out)
        for src in (1, 2, 3, 4, 5, 6, 7, 10, 11):
            record(insn(c, 0, src) + second, out)
        for off in (1, -1, 8, 16, 32, 5):
            record(insn(c, 0, 0, off) + second, out)
        for imm in (1, -1, 16, 32, 64, 0x100, 0x110, 0x10000, 0xE1, 0xF1, 0x10, 0x41):
            record(insn(c, 0, 0, 0, imm) + second, out)
    # ld_imm64 second halves and pseudo calls.
    for src in range(8):
        for second in (insn(0), insn(0, 0, 0, 0, 5), insn(0, 1), insn(0, 0, 1), insn(0, 0, 0, 1),
                       insn(0x18)):
            record(insn(0x18, 1, src) + second, out)
        record(insn(0x18, 1, src), out)  # missing second half: the case is last but 2
    for imm in (-12, -11, -1, 0, 1, 2, 3, 100):
        record(insn(0x85, 0, 1, 0, imm), out)
        record(insn(0x18, 1, 4, 0, imm) + insn(0), out)
    for _ in range(n):
        record(random_case(rng, table_codes), out)
    header = (f"# Recorded from Linux {os.uname().release} by tests/isa/oracle/gen_validation_corpus.py\n"
              "# template: r1 = *(u32 *)(r1 +0); r0, r2..r9 = 0; if r1 == 0x0 goto pc+<case slots>;"
              " <case at insn 11>; r0 = 0; exit\n")
    sys.stdout.write(header + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()

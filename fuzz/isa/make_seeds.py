#!/usr/bin/env python3
"""Writes seed inputs for fuzz_isa (one file per recorded kernel case of tests/isa/data) and for
fuzz_raw_input (maps.json + NUL + lookup.bin) into the given directories."""

import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
isa_dir, raw_dir = sys.argv[1], sys.argv[2]
os.makedirs(isa_dir, exist_ok=True)
os.makedirs(raw_dir, exist_ok=True)
n = 0
for name in ("disasm_golden.txt", "validation_corpus.txt"):
    for line in open(os.path.join(root, "tests/isa/data", name)):
        if line.startswith("#"):
            continue
        with open(os.path.join(isa_dir, f"seed{n}"), "wb") as f:
            f.write(bytes.fromhex(line.split(" | ")[0]))
        n += 1
data = os.path.join(root, "tests/raw_input/data")
with open(os.path.join(raw_dir, "seed0"), "wb") as f:
    f.write(open(os.path.join(data, "maps.json"), "rb").read() + b"\0" +
            open(os.path.join(data, "lookup.bin"), "rb").read())
print(f"{n} isa seeds, 1 raw_input seed")

#!/usr/bin/env python3
"""The committed raw corpus is reproducible: regenerating a sample of its entries with the
generator arguments recorded in corpus-v1.meta.json gives the same program type, maps and
instruction bytes."""
import json
import os
import subprocess
import sys


CORPORA = ["corpus-v1", "corpus-deep-v1", "corpus-prune-v1", "corpus-ctxhelp-v1"]


def check(root, stem):
    corpus = os.path.join(root, f"testdata/raw/{stem}.jsonl")
    meta = json.load(open(os.path.join(root, f"testdata/raw/{stem}.meta.json")))
    entries = [json.loads(line) for line in open(corpus) if line.strip()]
    # a spread sample: the first, the last and every 23rd entry
    sample = sorted({0, len(entries) - 1} | set(range(0, len(entries), 23)))
    args = [sys.executable, os.path.join(root, "scripts/raw-corpus/gen-raw-corpus")]
    args += meta["generator_args"]
    for i in sample:
        args += ["--only", str(entries[i]["index"])]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"{stem}: generator failed: " + proc.stderr.strip())
        return 1
    fresh = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(fresh) != len(sample):
        print(f"{stem}: asked for {len(sample)} programs, got {len(fresh)}")
        return 1
    failures = 0
    for i, new in zip(sample, fresh):
        old = entries[i]
        for key in ("id", "seed", "index", "prog_type", "expected_attach_type", "maps", "insns",
                    "intent"):
            if old.get(key) != new.get(key):
                print(f"{old['id']}: {key} differs when regenerated")
                failures += 1
    print(f"{stem}: {len(sample)} entries regenerated, {failures} differences")
    return failures


def main():
    root = sys.argv[1]
    return 1 if sum(check(root, stem) for stem in CORPORA) else 0


if __name__ == "__main__":
    sys.exit(main())

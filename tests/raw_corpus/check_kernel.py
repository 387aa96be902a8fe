#!/usr/bin/env python3
"""Re-asks the running kernel (kernel-oracle --raw) about a sample of the raw corpus and checks
the recording still holds: verdict, errno, message, failing instruction, processed count.
Exit 77 (CTest: skipped) without a usable kernel or on another kernel release than the one
recorded in corpus-v1.meta.json."""
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77


CORPORA = ["corpus-v1", "corpus-deep-v1", "corpus-prune-v1", "corpus-ctxhelp-v1"]


def check(oracle, root, stem):
    """Returns the number of differences, or SKIP."""
    corpus = os.path.join(root, f"testdata/raw/{stem}.jsonl")
    meta = json.load(open(os.path.join(root, f"testdata/raw/{stem}.meta.json")))
    release = os.uname().release
    if meta["kernel_release"] != release:
        print(f"SKIP: {stem} recorded on {meta['kernel_release']}, running {release}")
        return SKIP
    entries = [json.loads(line) for line in open(corpus) if line.strip()]
    sample = entries[::7]
    with tempfile.TemporaryDirectory() as tmp:
        programs = os.path.join(tmp, "programs.jsonl")
        with open(programs, "w") as f:
            for e in sample:
                f.write(json.dumps({k: v for k, v in e.items() if k != "kernel"}) + "\n")
        proc = subprocess.run([oracle, "--raw", programs], capture_output=True, text=True)
    if proc.returncode == 3:
        print("SKIP: " + proc.stderr.strip())
        return SKIP
    if proc.returncode != 0:
        print("kernel-oracle failed: " + proc.stderr.strip())
        return 1
    now = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            k = json.loads(line)
            now[k["id"]] = k
    failures = 0
    for e in sample:
        rec, cur = e["kernel"], now.get(e["id"])
        if cur is None:
            print(f"{e['id']}: no answer from kernel-oracle")
            failures += 1
            continue
        for key in ("verdict", "errno", "message", "insn_index", "processed_insns"):
            if rec.get(key) != cur.get(key):
                print(f"{e['id']}: {key}: recorded {rec.get(key)!r}, kernel now says {cur.get(key)!r}")
                failures += 1
    print(f"{stem}: {len(sample)} programs re-checked against the running kernel, {failures} differences")
    if failures:
        print("if the generator changed on purpose: scripts/raw-corpus/record")
    return failures


def main():
    oracle, root = sys.argv[1:3]
    results = [check(oracle, root, stem) for stem in CORPORA]
    if SKIP in results:
        return SKIP
    return 1 if sum(results) else 0


if __name__ == "__main__":
    sys.exit(main())

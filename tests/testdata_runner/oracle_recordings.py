#!/usr/bin/env python3
"""Re-asks the running kernel (kernel-oracle) about every object with a recording in
testdata/expect/kernel/ and checks the recording still holds: verdict, error message, failing
instruction, processed count. Exit 77 (CTest: skipped) when there is no usable kernel or the
running kernel is not the recorded release."""
import json
import os
import subprocess
import sys

SKIP = 77


def main():
    oracle, source_dir, progs_dir = sys.argv[1:4]
    expect = os.path.join(source_dir, "testdata", "expect", "kernel")
    release = os.uname().release
    failures = checked = 0
    for name in sorted(os.listdir(expect)):
        stem = name[:-len(".json")]
        recorded = json.load(open(os.path.join(expect, name)))
        obj = os.path.join(progs_dir, stem + ".bpf.o")
        if not os.path.exists(obj):
            print(f"{stem}: recording without a testdata object ({obj})")
            failures += 1
            continue
        if recorded["kernel_release"] != release:
            print(f"SKIP: recorded on {recorded['kernel_release']}, running {release}")
            return SKIP
        proc = subprocess.run([oracle, "--no-insns", "--compact", obj], capture_output=True, text=True)
        if proc.returncode == 3:
            print("SKIP: " + proc.stderr.strip())
            return SKIP
        if proc.returncode != 0:
            print(f"{stem}: kernel-oracle failed: {proc.stderr.strip()}")
            failures += 1
            continue
        now = {p["name"]: p for p in json.loads(proc.stdout)["objects"][0]["programs"]}
        for rp in recorded["programs"]:
            np = now.get(rp["name"])
            where = f"{stem}/{rp['name']}"
            if np is None:
                print(f"{where}: no longer in the object")
                failures += 1
                continue
            checked += 1
            for key in ("section", "prog_type", "verdict", "errno"):
                if np[key] != rp[key]:
                    print(f"{where}: {key}: recorded {rp[key]!r}, kernel now says {np[key]!r}")
                    failures += 1
            if (rp["error"] or {}).get("message") != (np["error"] or {}).get("message") or \
               (rp["error"] or {}).get("insn_index") != (np["error"] or {}).get("insn_index"):
                print(f"{where}: error: recorded {rp['error']}, kernel now says {np['error']}")
                failures += 1
            rs, ns = rp.get("stats") or {}, np.get("stats") or {}
            if rs.get("processed_insns") != ns.get("processed_insns"):
                print(f"{where}: processed_insns: recorded {rs.get('processed_insns')}, now {ns.get('processed_insns')}")
                failures += 1
    print(f"{checked} recorded programs re-checked against the running kernel, {failures} differences")
    if failures:
        print("if a source changed on purpose: kernel-oracle --record testdata/expect <object>")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

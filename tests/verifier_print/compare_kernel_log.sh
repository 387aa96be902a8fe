#!/usr/bin/env bash
# Diff bpfverify's kernel-format log against the running kernel's, program by program.
#
#   tests/verifier_print/compare_kernel_log.sh BUILD_DIR OBJECT.bpf.o [PROGRAM...]
#
# Needs root (the kernel side loads each program through kernel-oracle --full-log, i.e.
# log_level 2|4) and BUILD_DIR/bin/{bpfverify,kernel-oracle}. Both logs are normalised before
# the diff: kernel addresses in ld_imm64 lines (bpfverify cannot know them) and the
# "verification time" figure. Without PROGRAM names every program of the object is compared.
# Exit status: 0 when all logs match, 1 otherwise.
set -euo pipefail

build=$1
obj=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/bin/kernel-oracle" --full-log --no-insns "$obj" >"$tmp/kernel.json"

python3 - "$tmp/kernel.json" "$build/bin/bpfverify" "$obj" "$@" <<'PY'
import difflib, json, re, subprocess, sys

kernel_json, bpfverify, obj, *wanted = sys.argv[1:]
programs = json.load(open(kernel_json))["objects"][0]["programs"]

def normalise(text):
    text = re.sub(r"(\(18\) r\d+ = )0x[0-9a-f]+", r"\1<addr>", text)
    text = re.sub(r"verification time \d+ usec", "verification time N usec", text)
    # ld_imm64 lines are padded after the address: re-align the ';' is not possible, so cut
    # the padding of those lines.
    text = re.sub(r"(= <addr>) +;", r"\1 ;", text)
    return text.splitlines()

status = 0
for p in programs:
    name = p["name"]
    if wanted and name not in wanted:
        continue
    klog = p.get("log") or ""
    run = subprocess.run([bpfverify, "--format", "log", "--log-level", "2", "--program", name,
                          obj], capture_output=True, text=True)
    # bpfverify's own summary lines start with "; <object>: ".
    ours = "\n".join(l for l in run.stdout.splitlines()
                     if not re.match(r"; [^ ]+\.o: |; bpfverify: ", l))
    diff = list(difflib.unified_diff(normalise(klog), normalise(ours), "kernel", "bpfverify",
                                     lineterm="", n=1))
    print(f"== {name}: {'identical' if not diff else f'{len(diff)} diff lines'}")
    if diff:
        status = 1
        print("\n".join(diff))
sys.exit(status)
PY

#!/bin/sh
# Re-records what libbpf (Debian's 1.1) hands the running kernel for every testdata/progs/core_*
# object: testdata/expect/{libbpf-insns,kernel}/core_*.json. Needs root and a kernel whose BTF is
# the shipped one (testdata/btf/vmlinux-6.18.btf.xz); load only, never attach.
# usage: tests/core/tools/refresh-goldens.sh [build-dir]   (default: build-core)
set -eu
src=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$src/build-core}
cmake --build "$build" --target bpfverify_test_progs kernel-oracle
xz -dc "$src/testdata/btf/vmlinux-6.18.btf.xz" | cmp -s - /sys/kernel/btf/vmlinux ||
  { echo "refresh-goldens: this kernel's BTF is not the shipped one" >&2; exit 1; }
"$build/bin/kernel-oracle" --record "$src/testdata/expect" "$build"/testdata/progs/core_*.bpf.o

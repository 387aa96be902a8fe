#!/bin/sh
# Re-record tests/target/data/helper_availability.tsv (r1..r5 = 0) and helper_args_ctx.tsv
# (r1 = ctx) and helper_fastcall.tsv (bpf_fastcall spill/fill) from the running kernel (root only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -Wall -o "$tmp/helper_oracle" "$here/helper_oracle.c" -lbpf
for mode in zero ctx fastcall; do
  out="$data/helper_availability.tsv"
  [ "$mode" = ctx ] && out="$data/helper_args_ctx.tsv"
  [ "$mode" = fastcall ] && out="$data/helper_fastcall.tsv"
  {
    echo "# recorded on $(uname -r)"
    "$tmp/helper_oracle" "$mode"
  } >"$out"
  echo "wrote $out"
done

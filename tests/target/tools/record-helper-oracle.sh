#!/bin/sh
# Re-record tests/target/data/helper_availability.tsv (r1..r5 = 0) and helper_args_ctx.tsv
# (r1 = ctx) from the running kernel (root only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -Wall -o "$tmp/helper_oracle" "$here/helper_oracle.c" -lbpf
for mode in zero ctx; do
  out="$data/helper_availability.tsv"
  [ "$mode" = ctx ] && out="$data/helper_args_ctx.tsv"
  {
    echo "# recorded on $(uname -r)"
    "$tmp/helper_oracle" "$mode"
  } >"$out"
  echo "wrote $out"
done

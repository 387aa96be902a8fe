#!/bin/sh
# Re-record tests/target/data/helper_availability.tsv from the running kernel (root only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../data/helper_availability.tsv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -Wall -o "$tmp/helper_oracle" "$here/helper_oracle.c" -lbpf
{
  echo "# recorded on $(uname -r)"
  "$tmp/helper_oracle"
} >"$out"
echo "wrote $out"

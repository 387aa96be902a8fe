#!/bin/sh
# Re-record the kernel answers in tests/target/data/ (one file per probe mode of helper_oracle.c)
# from the running kernel (root only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -Wall -o "$tmp/helper_oracle" "$here/helper_oracle.c" -lbpf
gcc -O1 -Wall -o "$tmp/helper_args_oracle" "$here/helper_args_oracle.c" -lbpf
for mode in zero ctx fastcall nongpl pkt; do
  case $mode in
  zero) out="$data/helper_availability.tsv" ;;
  ctx) out="$data/helper_args_ctx.tsv" ;;
  fastcall) out="$data/helper_fastcall.tsv" ;;
  nongpl) out="$data/helper_gpl.tsv" ;;
  pkt) out="$data/helper_pkt.tsv" ;;
  esac
  {
    echo "# recorded on $(uname -r)"
    "$tmp/helper_oracle" "$mode"
  } >"$out"
  echo "wrote $out"
done
{
  echo "# recorded on $(uname -r)"
  "$tmp/helper_args_oracle"
} >"$data/helper_args_search.tsv"
echo "wrote $data/helper_args_search.tsv"

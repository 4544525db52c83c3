#!/usr/bin/env bash
# Issue 14's side-by-side: the same binfiles commands on the local engine (no --runner) and on the
# embedded DirectRunner (per-file tasks: --runner=DirectRunner; resharding: --runner=DirectRunner
# --shards=N), in one run, files in page cache. Prints a markdown table: wall time of the whole
# process (JVM start included) and the most memory resident.
#   bash benchmarks/scripts/cli-paths.sh [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-$(mktemp -d /tmp/binfiles-cli-paths-XXXXXX)}"
mkdir -p "$work"
cli="$root/binfiles"
"$cli" --version >/dev/null   # builds the tool once, outside the measurements

# one measured command: prints "seconds | RSS"
measure() {
  local out="$work/time.txt"
  /usr/bin/time -f "%e %M" -o "$out" "$@" >"$work/last.out" 2>"$work/last.err" || {
    echo "FAILED: $*" >&2; cat "$work/last.err" >&2; exit 1; }
  read -r secs kb <"$out"
  printf "%s s / %d MB" "$secs" $((kb / 1024))
}

"$cli" generate "$work/in/f" --format fixed --records 2000000 --shards 1 >/dev/null   # 128 MB, one file
echo "binfiles CLI, local engine vs DirectRunner ($(nproc) cores, $(date -u +%F)); process wall time / max RSS"
echo
echo "| command | local engine | --runner=DirectRunner (per-file tasks) | --runner=DirectRunner --shards (resharding) |"
echo "|---|---|---|---|"
row() {
  local name="$1"; shift
  local a b c
  rm -rf "$work/o1" "$work/o2" "$work/o3"
  a=$(measure "$cli" "$@" "${out1[@]}")
  b=$(measure "$cli" "$@" "${out2[@]}" --runner=DirectRunner)
  if [[ -n "${shards:-}" ]]; then
    c=$(measure "$cli" "$@" "${out3[@]}" --runner=DirectRunner "--shards=$shards")
  else
    c="-"
  fi
  echo "| $name | $a | $b | $c |"
}
out1=("$work/o1/c") out2=("$work/o2/c") out3=("$work/o3/c")
shards=1 row "convert 128 MB fixed -> zstd container (1 file)" convert "$work/in/f-*" --from fixed --record-length 64 --to container --codec zstd
out1=() out2=() out3=()
a=$(measure "$cli" generate "$work/g1/p" --format container --codec zstd --records 2000000 --shards 4)
b=$(measure "$cli" generate "$work/g2/p" --format container --codec zstd --records 2000000 --shards 4 --runner=DirectRunner)
echo "| generate 2,000,000 records -> 4 zstd containers | $a | $b | - |"
out1=("$work/o1/f") out2=("$work/o2/f") out3=("$work/o3/f")
shards=4 row "convert those 4 containers -> fixed" convert "$work/g1/p-*" --from container --to fixed --record-length 64
a=$(measure "$cli" verify "$work/g1/p-*")
echo "| verify the 4 containers | $a | - | - |"
a=$(measure bash -c "'$cli' cat '$work/g1/p-*' > /dev/null")
echo "| cat the 4 containers as JSON to /dev/null ($(du -shc "$work"/g1/p-* | tail -1 | cut -f1) on disk) | $a | - | - |"
echo
echo "work directory: $work"

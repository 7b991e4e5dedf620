#!/usr/bin/env bash
# A first start of one corpus by two or more builds, side by side: each run
# with a fresh cache folder (every file read, decoded, parsed, classified
# and its sketch made; the cache written), `list --json`, the builds taken
# in turn so that the machine's load falls on all of them alike. Prints each
# build's CPU time (perf task-clock) and wall time, min / median / max, and
# the ratio of its medians to the first build's.
#   scripts/compare-first-start.sh CORPUS RUNS BIN...
# e.g. (the corpus of scripts/gen-corpus.py, the build before extraction):
#   python3 scripts/gen-corpus.py /tmp/c3000 --count 3000 --big-mb 0
#   scripts/compare-first-start.sh /tmp/c3000 20 /tmp/yuedu-2dc2cca target/release/yuedu
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,12p "$0"; exit 2; }
corpus=$1 runs=$2
shift 2
command -v perf >/dev/null || { apt-get update -qq && apt-get install -y -qq linux-perf; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$runs"); do
  for b in "$@"; do
    cache=$(mktemp -d)
    start=$(date +%s%N)
    cpu=$(YUEDU_CACHE_DIR=$cache perf stat -x, -e task-clock "$b" --no-bundled --articles "$corpus" list --json 2>&1 >/dev/null |
      grep task-clock | cut -d, -f1)
    end=$(date +%s%N)
    rm -rf "$cache"
    echo "$b $cpu $(( (end - start) / 1000000 ))" >>"$out"
  done
done
python3 - "$out" "$@" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
builds = sys.argv[2:]
def figures(b, col):
    v = sorted(float(r[col]) for r in rows if r[0] == b)
    return v[0], statistics.median(v), v[-1]
base_cpu, base_wall = figures(builds[0], 1)[1], figures(builds[0], 2)[1]
print("| build | CPU ms, median (min–max) | ÷ first | wall ms, median (min–max) | ÷ first |")
print("| --- | --- | --- | --- | --- |")
for b in builds:
    c, w = figures(b, 1), figures(b, 2)
    print(f"| {b} | {c[1]:.0f} ({c[0]:.0f}–{c[2]:.0f}) | {c[1] / base_cpu:.2f}× "
          f"| {w[1]:.0f} ({w[0]:.0f}–{w[2]:.0f}) | {w[1] / base_wall:.2f}× |")
PY

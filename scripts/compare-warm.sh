#!/usr/bin/env bash
# Warm starts of one corpus by two or more builds, side by side, the builds
# taken in turn so that the machine's load falls on all of them alike. Each
# build first writes its own article cache and index (a cache is made for
# one build), then each run measures:
#   - the TUI's first frame: from the start in a tmux pane until the
#     library's count (篇) is on it, wall ms;
#   - `list --json` and `search WORD --json`: CPU (perf task-clock) and
#     wall ms.
# Prints min / median / max of each and the ratio of the medians to the
# first build's.
#   scripts/compare-warm.sh CORPUS RUNS BIN...       WORD=侨乡 by default;
# WARM_SECS (10) is how long the warming TUI runs: more at 100,000 articles.
# e.g.:
#   python3 scripts/gen-corpus.py /tmp/c30000 --count 30000 --big-mb 0
#   scripts/compare-warm.sh /tmp/c30000 9 /tmp/yuedu-before target/release/yuedu
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,16p "$0"; exit 2; }
corpus=$1 runs=$2
shift 2
word=${WORD:-侨乡}
command -v perf >/dev/null || { apt-get update -qq && apt-get install -y -qq linux-perf; }
command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux; }
work=$(mktemp -d)
trap 'tmux kill-session -t yuedu-warm 2>/dev/null || true; rm -rf "$work"' EXIT
cache_of() { echo "$work/cache-$(echo "$1" | md5sum | cut -c1-8)"; }
for b in "$@"; do
  c=$(cache_of "$b")
  YUEDU_CACHE_DIR=$c "$b" --no-bundled --articles "$corpus" search "$word" --json >/dev/null 2>&1 || true
  # The TUI's match keys and its look at the disk, once, so that the runs
  # are warm.
  YUEDU_CACHE_DIR=$c tmux new -d -s yuedu-warm -x 100 -y 30 \
    "$b --data-dir $work/data --no-bundled --articles $corpus"
  sleep "${WARM_SECS:-10}"
  tmux kill-session -t yuedu-warm
done
cpu_wall() {
  local s e c
  s=$(date +%s%N)
  c=$(perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | grep task-clock | cut -d, -f1)
  e=$(date +%s%N)
  echo "$c $(( (e - s) / 1000000 ))"
}
for _ in $(seq "$runs"); do
  for b in "$@"; do
    c=$(cache_of "$b")
    export YUEDU_CACHE_DIR=$c
    rm -rf "$work/data"
    s=$(date +%s%N)
    tmux new -d -s yuedu-warm -x 100 -y 30 "$b --data-dir $work/data --no-bundled --articles $corpus"
    until tmux capture-pane -p -t yuedu-warm 2>/dev/null | grep -q '篇'; do :; done
    e=$(date +%s%N)
    tmux kill-session -t yuedu-warm
    frame=$(( (e - s) / 1000000 ))
    list=$(cpu_wall "$b" --no-bundled --articles "$corpus" list --json)
    search=$(cpu_wall "$b" --no-bundled --articles "$corpus" search "$word" --json)
    echo "$b $frame $list $search" >>"$work/out"
  done
done
python3 - "$work/out" "$@" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
builds = sys.argv[2:]
cols = [("TUI first frame, wall", 1), ("list --json, CPU", 2), ("list --json, wall", 3),
        ("search --json, CPU", 4), ("search --json, wall", 5)]
def fig(b, col):
    v = sorted(float(r[col]) for r in rows if r[0] == b)
    return v[0], statistics.median(v), v[-1]
print("| measure (ms) | " + " | ".join(builds) + " |")
print("| --- |" + " --- |" * len(builds))
for name, col in cols:
    base = fig(builds[0], col)[1]
    cells = []
    for b in builds:
        lo, med, hi = fig(b, col)
        cells.append(f"{med:.0f} ({lo:.0f}–{hi:.0f}), {med / base:.2f}×")
    print(f"| {name} | " + " | ".join(cells) + " |")
PY

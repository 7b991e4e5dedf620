#!/usr/bin/env bash
# yuedu at scale, side by side with ripgrep on the same files:
#   - `list --json` (load, decode, parse, classify) against `rg -c 深圳`;
#   - `search 寻乌 --json` against `rg --json 寻乌`;
#   - peak memory (RSS) of `list`;
#   - the TUI's first frame (3,000 articles; measured in tmux);
# for corpora of 1,000, 3,000 and 10,000 articles made by
# scripts/gen-corpus.py. yuedu runs twice per corpus: with its article
# cache (the normal case from the second start on) and with --no-cache
# (every file parsed, as on a first start).
#   scripts/bench-scale.sh [COUNTS...]      default: 1000 3000 10000
#   scripts/bench-scale.sh start [COUNTS...] the start-up rows (see start_rows)
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2"; }; }
need rg ripgrep
need hyperfine hyperfine
need tmux tmux
cargo build --release -q
bin=$PWD/target/release/yuedu
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux kill-session -t yuedu-bench 2>/dev/null || true' EXIT
export YUEDU_CACHE_DIR="$work/cache"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 3000 10000)
mode=all
if [ "${counts[0]:-}" = start ]; then
  mode=start
  counts=("${counts[@]:1}")
  [ ${#counts[@]} -gt 0 ] || counts=(30000)
fi

# Mean wall time in seconds of a command, from hyperfine.
mean() {
  hyperfine -N --warmup 2 --runs 10 --export-json "$work/h.json" "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json"
}
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
ms() { python3 -c 'import sys; print("%.0f ms" % (float(sys.argv[1]) * 1000))' "$1"; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# CPU time (task-clock, ms) and wall time (s) of one run, from perf stat:
# the machine is shared, so CPU time is the steadier figure.
cpu_wall() {
  perf stat -x, -e task-clock -o "$work/perf.txt" "$@" >/dev/null 2>&1
  python3 - "$work/perf.txt" <<'PY'
import sys
cpu = wall = None
for line in open(sys.argv[1]):
    parts = line.strip().split(",")
    if len(parts) > 2 and parts[2].startswith("task-clock"):
        cpu = float(parts[0])
print("%.0f" % cpu)
PY
}
wall_of() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf "%s\n" "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The TUI's first frame: start to the library's article count on a tmux
# pane (cache warm), in ms, each run's time sorted, over RUNS runs; the
# rest of the arguments go to yuedu.
#   frame_times DIR RUNS [ARGS...]
frame_times() {
  local dir=$1 runs=$2 times=() s e
  shift 2
  local args=("$@")
  for _ in $(seq "$runs"); do
    rm -rf "$work/data"
    s=$(date +%s%N)
    tmux new -d -s yuedu-bench -x 100 -y 30 "$bin --data-dir $work/data ${args[*]} --articles $dir"
    until tmux capture-pane -p -t yuedu-bench 2>/dev/null | grep -q '篇'; do :; done
    e=$(date +%s%N)
    tmux kill-session -t yuedu-bench
    times+=($(( (e - s) / 1000000 )))
  done
  printf "%s\n" "${times[@]}" | sort -n | tr '\n' ' '
}
# The median of frame_times over 5 runs without the bundled articles.
first_frame() { median $(frame_times "$1" 5 --no-bundled); }

# Start-up at scale: a first start (every file parsed and classified, the
# cache written), a start from the cache, the start after one touched,
# added or removed file (median of 3, each another file), the TUI's first
# frame, and peak memory of `list` and `search`, beside `rg -c` on the same
# files. Wall times in ms; CPU times (perf task-clock) in brackets.
start_rows() {
  echo "| articles | on disk | rg -c 深圳 | first start | list (cache) | list ÷ rg | touched | added | removed | TUI first frame | peak RSS list / search |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for n in "${counts[@]}"; do
    # A corpus made before (YUEDU_BENCH_CORPORA/cN) is used where it is
    # (a few of its files are touched, added and removed), not made again.
    dir="$work/c$n"
    if [ -d "${YUEDU_BENCH_CORPORA:-/nonexistent}/c$n" ]; then
      dir="$YUEDU_BENCH_CORPORA/c$n"
    else
      python3 scripts/gen-corpus.py "$dir" --count "$n" --big-mb 0 >/dev/null
    fi
    sleep 1.1
    bytes=$(du -sb "$dir" | cut -f1)
    y="$bin --no-bundled --articles $dir"
    rg_c=$(mean "rg -c 深圳 $dir")
    rm -rf "$YUEDU_CACHE_DIR"
    first_w=$(wall_of $y list --json)
    rm -rf "$YUEDU_CACHE_DIR"
    first_c=$(cpu_wall $y list --json)
    list_c=$(mean "$y list --json")
    list_cpu=$(cpu_wall $y list --json)
    one() { # what to do to the corpus before the start measured
      local ws=() cs=() i
      for i in 1 2 3; do
        "$1" "$i"; sleep 1.1
        ws+=($(wall_of $y list --json))
        "$1" "$i"; sleep 1.1
        cs+=($(cpu_wall $y list --json))
      done
      echo "$(median "${ws[@]}") ms ($(median "${cs[@]}") ms)"
    }
    touch_one() { touch "$dir/a0000$1.txt"; }
    add_one() { cp "$(ls -d "$dir"/* | sed -n "$((10 + $1))p")" "$dir/added-$1-$RANDOM.txt"; }
    remove_one() { rm -f "$(ls -d "$dir"/* | sed -n "$((20 + $1))p")"; }
    touched=$(one touch_one)
    added=$(one add_one)
    removed=$(one remove_one)
    frame=$(first_frame "$dir")
    rss_l=$(peak_kb $y list --json)
    rss_s=$(peak_kb $y search 寻乌 --json)
    pct() { python3 -c 'import sys; print("%.2f×" % (int(sys.argv[1]) * 1024 / int(sys.argv[2])))' "$1" "$bytes"; }
    printf "| %s | %.0f MB | %s | %s ms (%s ms) | %s (%s ms) | %s× | %s | %s | %s | %s ms | %d MB (%s) / %d MB (%s) |\n" \
      "$n" "$(python3 -c "print($bytes/1e6)")" "$(ms "$rg_c")" "$first_w" "$first_c" \
      "$(ms "$list_c")" "$list_cpu" "$(ratio "$list_c" "$rg_c")" \
      "$touched" "$added" "$removed" "$frame" \
      $((rss_l / 1024)) "$(pct "$rss_l")" $((rss_s / 1024)) "$(pct "$rss_s")"
    [ "$dir" != "$work/c$n" ] || rm -rf "$dir"
  done
}
if [ "$mode" = start ]; then
  start_rows
  exit 0
fi

echo "| articles | on disk | list (cache) | list (no cache) | rg -c 深圳 | list ÷ rg | search (cache) | search (no cache) | rg --json 寻乌 | search ÷ rg | peak RSS of list (cache / no cache) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "${counts[@]}"; do
  dir="$work/c$n"
  python3 scripts/gen-corpus.py "$dir" --count "$n" --big-mb 0 >/dev/null
  # Files changed within the last second are not cached.
  sleep 1.1
  bytes=$(du -sb "$dir" | cut -f1)
  y="$bin --no-bundled --articles $dir"
  list_c=$(mean "$y list --json")
  list_n=$(mean "$y --no-cache list --json")
  rg_c=$(mean "rg -c 深圳 $dir")
  search_c=$(mean "$y search 寻乌 --json")
  search_n=$(mean "$y --no-cache search 寻乌 --json")
  rg_j=$(mean "rg --json 寻乌 $dir")
  rss_c=$(peak_kb $y list --json)
  rss_n=$(peak_kb $y --no-cache list --json)
  pct() { python3 -c 'import sys; print("%.1f×" % (int(sys.argv[1]) * 1024 / int(sys.argv[2])))' "$1" "$bytes"; }
  printf "| %s | %.1f MB | %s | %s | %s | %s× | %s | %s | %s | %s× | %d MB (%s) / %d MB (%s) |\n" \
    "$n" "$(python3 -c "print($bytes/1e6)")" \
    "$(ms "$list_c")" "$(ms "$list_n")" "$(ms "$rg_c")" "$(ratio "$list_c" "$rg_c")" \
    "$(ms "$search_c")" "$(ms "$search_n")" "$(ms "$rg_j")" "$(ratio "$search_c" "$rg_j")" \
    $((rss_c / 1024)) "$(pct "$rss_c")" $((rss_n / 1024)) "$(pct "$rss_n")"
done

# The TUI: time from start until the library's first frame is on the pane
# (3,000 articles, cache warm), median of 7.
dir="$work/c3000"
if [ -d "$dir" ]; then
  sorted=$(frame_times "$dir" 7)
  echo
  echo "TUI first frame, 3,000 articles (ms, sorted): $sorted"
fi

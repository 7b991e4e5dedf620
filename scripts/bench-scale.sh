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

# Mean wall time in seconds of a command, from hyperfine.
mean() {
  hyperfine -N --warmup 2 --runs 10 --export-json "$work/h.json" "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json"
}
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
ms() { python3 -c 'import sys; print("%.0f ms" % (float(sys.argv[1]) * 1000))' "$1"; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

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
  times=()
  for _ in 1 2 3 4 5 6 7; do
    rm -rf "$work/data"
    s=$(date +%s%N)
    tmux new -d -s yuedu-bench -x 100 -y 30 "$bin --data-dir $work/data --articles $dir"
    until tmux capture-pane -p -t yuedu-bench 2>/dev/null | grep -q '篇'; do :; done
    e=$(date +%s%N)
    tmux kill-session -t yuedu-bench
    times+=($(( (e - s) / 1000000 )))
  done
  sorted=$(printf "%s\n" "${times[@]}" | sort -n | tr '\n' ' ')
  echo
  echo "TUI first frame, 3,000 articles (ms, sorted): $sorted"
fi

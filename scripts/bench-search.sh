#!/usr/bin/env bash
# yuedu's search through its index at scale, side by side with ripgrep on
# the same files, in one run:
#   - `search WORD --json` for a rare word, a common word and two words,
#     against `rg --json WORD` (the two words: `rg --json -e A -e B`, which
#     finds lines with either, so it does less than the search);
#   - CPU time (perf stat -e task-clock, mean of 3: the machine is shared,
#     so wall time depends on other loads) and wall time;
#   - peak memory (RSS) of the search, against the corpus;
#   - the index on disk, against the corpus;
#   - a first start (no article cache, no index: parse, cache, index,
#     answer) and the search after one touched file;
# for corpora made by scripts/gen-corpus.py.
#   scripts/bench-search.sh [COUNTS...]      default: 30000
# NO_SCAN=1 leaves out the --no-cache columns (at 30,000 articles and more
# each of those runs parses every file: minutes of CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep; }
# YUEDU_BIN: a binary already built (else this builds one).
bin=${YUEDU_BIN:-}
[ -n "$bin" ] || { cargo build --release -q; bin=$PWD/target/release/yuedu; }
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export YUEDU_CACHE_DIR="$work/cache"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(30000)
rare=${RARE:-侨乡}
common=${COMMON:-发展}
two=${TWO:-深圳 产业}

# CPU ms (task-clock) and wall ms of a command, mean of 3 runs after one.
cpu() {
  "$@" >/dev/null 2>&1 || true
  perf stat -e task-clock -x, -r 3 -o "$work/perf" "$@" >/dev/null 2>&1 || true
  local c
  c=$(grep task-clock "$work/perf" | cut -d, -f1)
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
  printf "%.0f %d\n" "$c" $(( (e - s) / 1000000 ))
}
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", $1/1024}'; }
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / max(float(sys.argv[2]), 1)))' "$1" "$2"; }
hits() { "$@" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

for n in "${counts[@]}"; do
  dir="$work/c$n"
  rm -rf "$dir" "$work/cache"
  python3 scripts/gen-corpus.py "$dir" --count "$n" --big-mb 0 >/dev/null
  # The generated text is made of the bundled articles' paragraphs, so every
  # word of it is in a good share of the articles: three articles of its
  # own hold the rare word.
  for i in 1 2 3; do
    printf '侨乡的新闻（%d）\n\n广东江门是著名的侨乡，这是第%d篇。\n' "$i" "$i" >"$dir/rare$i.txt"
  done
  sleep 2.1
  bytes=$(du -sb "$dir" | cut -f1)
  mb=$(python3 -c "print('%.0f' % ($bytes/1e6))")
  y="$bin --no-bundled --articles $dir"
  echo "## $n articles, $mb MB"
  # First start: no cache, no index.
  s=$(date +%s%N)
  perf stat -e task-clock -x, -o "$work/perf" $y search "$rare" --json >/dev/null 2>&1 || true
  e=$(date +%s%N)
  first_cpu=$(grep task-clock "$work/perf" | cut -d, -f1)
  read -r rgc_cpu rgc_wall < <(cpu rg -c 深圳 "$dir")
  index=$(du -sb "$work/cache/text-index" | cut -f1)
  printf "first start (article cache and index built): %.0f ms CPU, %d ms wall; rg -c: %s ms CPU; ratio %s\n" \
    "$first_cpu" $(( (e - s) / 1000000 )) "$rgc_cpu" "$(ratio "$first_cpu" "$rgc_cpu")"
  printf "index on disk: %d MB (%s× the corpus)\n" $((index / 1000000)) "$(ratio "$index" "$bytes")"
  echo
  echo "| query | hits | search --json CPU / wall | --no-cache (scan) CPU / wall | rg --json CPU / wall | ÷ rg (CPU) | scan ÷ rg | peak RSS (index / scan) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  for q in "$rare" "$common" "$two"; do
    read -r y_cpu y_wall < <(cpu $y search $q --json)
    if [ -n "${NO_SCAN:-}" ]; then
      n_cpu=0 n_wall=0
    else
      read -r n_cpu n_wall < <(cpu $y --no-cache search $q --json)
    fi
    if [ "$q" = "$two" ]; then
      read -r a b <<<"$q"
      read -r r_cpu r_wall < <(cpu rg --json -e "$a" -e "$b" "$dir")
    else
      read -r r_cpu r_wall < <(cpu rg --json "$q" "$dir")
    fi
    h=$(hits $y search $q --json)
    rss=$(peak_mb $y search $q --json)
    rss_n=0
    [ -n "${NO_SCAN:-}" ] || rss_n=$(peak_mb $y --no-cache search $q --json)
    printf "| %s | %s | %s / %s ms | %s / %s ms | %s / %s ms | %s× | %s× | %s MB (%s×) / %s MB (%s×) |\n" \
      "$q" "$h" "$y_cpu" "$y_wall" "$n_cpu" "$n_wall" "$r_cpu" "$r_wall" \
      "$(ratio "$y_cpu" "$r_cpu")" "$(ratio "$n_cpu" "$r_cpu")" \
      "$rss" "$(ratio $((rss * 1000000)) "$bytes")" "$rss_n" "$(ratio $((rss_n * 1000000)) "$bytes")"
  done
  # One touched file: its text changes, the next search writes it again.
  f=$(find "$dir" -maxdepth 1 -type f -print -quit)
  echo "寻乌新添的一段。" >>"$f"
  s=$(date +%s%N)
  perf stat -e task-clock -x, -o "$work/perf" $y search "$rare" --json >/dev/null 2>&1 || true
  e=$(date +%s%N)
  printf "\nafter one touched file: %.0f ms CPU, %d ms wall (the index's segments: %s)\n" \
    "$(grep task-clock "$work/perf" | cut -d, -f1)" $(( (e - s) / 1000000 )) \
    "$(ls "$work/cache/text-index/tantivy" | grep -c '\.idx$')"
  rm -rf "$dir" "$work/cache"
  echo
done

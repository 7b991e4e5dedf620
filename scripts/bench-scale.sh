#!/usr/bin/env bash
# yuedu at scale, side by side with ripgrep on the same files: load/parse/
# classify (`list --json`) against `rg -c`, `search` against `rg --json`,
# and peak memory, for corpora of 1,000, 3,000 and 10,000 articles.
#   scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2"; }; }
need rg ripgrep
need hyperfine hyperfine
cargo build --release -q
bin=target/release/yuedu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1000 3000 10000; do
  dir="$work/c$n"
  python3 scripts/gen-corpus.py "$dir" --count "$n" --big-mb 0
  bytes=$(du -sb "$dir" | cut -f1)
  echo "== $n articles, $bytes bytes on disk"
  hyperfine -N --warmup 1 --runs 5 \
    "$bin --no-bundled --articles $dir list --json" "rg -c 深圳 $dir" \
    "$bin --no-bundled --articles $dir search 寻乌 --json" "rg --json 寻乌 $dir" 2>/dev/null |
    grep -E "Benchmark|Time"
  rss=$( { /usr/bin/time -f %M "$bin" --no-bundled --articles "$dir" list --json >/dev/null; } 2>&1 | tail -1)
  echo "peak RSS of list: $rss KB ($(( rss * 1024 * 100 / bytes ))% of the corpus)"
done

#!/usr/bin/env bash
# `yuedu bookmarks import` at scale: N bookmarks (default 20,000, as an
# export from another machine) imported into an empty store, the same file
# again (every bookmark left out as already there), and N different ones
# into the store of N. Prints the wall time of each and the peak memory.
#   scripts/bench-import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/yuedu
n=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen() { # gen N OFFSET FILE: an export of N bookmarks on a bundled article
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
n, off, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
q = lambda i: "第%d条书签，引用的一段话。" % i
bs = [{"id": "m%08d" % i, "article": "001_7a0a5d70e8cb94b2", "paragraph": i % 40,
       "start": 0, "end": len(q(i).encode()), "quote": q(i), "prefix": "", "suffix": "",
       "note": "笔记 %d" % i, "created": "2026-01-01T00:00:00Z",
       "updated": "2026-01-01T00:00:00Z", "orphaned": False} for i in range(off, off + n)]
json.dump({"version": 1, "bookmarks": bs}, open(path, "w"), ensure_ascii=False)
PY
}
gen "$n" 0 "$work/a.json"
gen "$n" "$n" "$work/b.json"
ls -l "$work/a.json" | awk '{printf "export of %s bookmarks: %.1f MB\n", "'"$n"'", $5/1e6}'

run() { # run LABEL FILE
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$bin" --data-dir "$work/data" bookmarks import "$2" 2>"$work/err"
  end=$(date +%s.%N)
  printf '%-34s %6.3f s  %4d MB peak  (%s)\n' "$1" "$(echo "$end - $start" | bc)" \
    "$(( $(cat "$work/rss") / 1024 ))" "$(head -c 60 "$work/err")"
}
run "into an empty store" "$work/a.json"
run "the same again (all duplicates)" "$work/a.json"
run "$n new into a store of $n" "$work/b.json"

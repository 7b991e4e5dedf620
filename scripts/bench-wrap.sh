#!/usr/bin/env bash
# End-to-end speed of `yuedu wrap` (read stdin, wrap at 80 columns, write
# stdout) on the bundled articles' paragraphs repeated to about 22 MB.
#   scripts/bench-wrap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release -q
input=$(mktemp)
trap 'rm -f "$input" /tmp/bench-wrap.json' EXIT
# The paragraphs of every bundled article, one blank line apart, repeated.
once=$(for id in $(target/release/yuedu list | cut -f1); do
  target/release/yuedu show "$id" --json |
    python3 -c 'import json,sys; print("\n\n".join(json.load(sys.stdin)["paragraphs"]))'
  echo
done)
for _ in $(seq 500); do printf '%s\n\n' "$once"; done > "$input"
bytes=$(stat -c %s "$input")
echo "input: $bytes bytes"
hyperfine --warmup 2 --runs 10 --export-json /tmp/bench-wrap.json \
  "target/release/yuedu wrap --width 80 < $input > /dev/null"
python3 - "$bytes" <<'PY'
import json, sys
b = int(sys.argv[1]); r = json.load(open("/tmp/bench-wrap.json"))["results"][0]
print("mean %.1f ms = %.0f MB/s; fastest %.1f ms = %.0f MB/s" % (r["mean"]*1e3, b/r["mean"]/1e6, r["min"]*1e3, b/r["min"]/1e6))
PY

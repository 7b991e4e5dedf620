#!/usr/bin/env bash
# A JSON Lines dump read as articles: throughput and peak memory.
#   scripts/bench-records.sh [MB]        default: 100
# Writes a dump of about MB megabytes (records made from the bundled
# articles: paragraphs shuffled and cut, a title, a date and a source each,
# the content as plain text in half of them and as HTML in the other half),
# then times, without the article cache (every record parsed and
# classified, as on a first start):
#   - `yuedu list --json` (metadata only: the text of each record is
#     dropped once counted, so memory stays that of the metadata);
#   - `yuedu search 寻乌 --json` (the whole text held, as the reader does);
# then the same two from the article cache (a second start: a first
# `search` has written it), each run once under /usr/bin/time for wall
# time and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
cargo build --release -q
bin=$PWD/target/release/yuedu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/dump.jsonl" "$mb" <<'PY'
import glob, json, os, random, re, sys
out, mb = sys.argv[1], int(sys.argv[2])
paras = []
for path in sorted(glob.glob("assets/articles/*")):
    text = re.sub(r"^---\n.*?\n---\n", "", open(path, encoding="utf-8").read(), flags=re.S)
    for l in text.splitlines():
        l = re.sub(r"<[^>]+>", "", l).strip()
        if len(l) > 20 and not l.startswith("["):
            paras.append(l)
rng = random.Random(19)
sources = ["新华社", "人民网", "南方日报", "深圳特区报", "赣南日报", "广西日报"]
size, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < mb << 20:
        n += 1
        body = rng.sample(paras, k=min(len(paras), rng.randint(4, 12)))
        content = "\n".join(body) if n % 2 else "".join(f"<p>{p}</p>" for p in body)
        rec = {"id": n, "title": body[0][:24], "content": content,
               "publish_time": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00:00",
               "source": rng.choice(sources), "url": f"https://example.com/{n}.html"}
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        f.write(line)
        size += len(line.encode())
print(f"{n} records, {size / (1 << 20):.1f} MiB", file=sys.stderr)
PY
bytes=$(stat -c %s "$work/dump.jsonl")
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
  read -r secs kb <"$work/t"
  python3 -c 'import sys; b,s,k=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f"| {sys.argv[4]} | {s:.2f} s | {b/(1<<20)/max(s,1e-9):.1f} MiB/s | {k/1024:.0f} MiB |")' "$bytes" "$secs" "$kb" "$name"
}
echo "| command | wall time | throughput | peak RSS |"
echo "| --- | --- | --- | --- |"
run "list --json" "$bin" --no-bundled --no-cache --articles "$work/dump.jsonl" list --json
run "search 寻乌 --json" "$bin" --no-bundled --no-cache --articles "$work/dump.jsonl" search 寻乌 --json
export YUEDU_CACHE_DIR="$work/cache"
# The cache keeps files that have not changed for a second.
sleep 1
"$bin" --no-bundled --articles "$work/dump.jsonl" search 寻乌 --json >/dev/null 2>&1 || true
run "list --json (cache)" "$bin" --no-bundled --articles "$work/dump.jsonl" list --json
run "search 寻乌 --json (cache)" "$bin" --no-bundled --articles "$work/dump.jsonl" search 寻乌 --json

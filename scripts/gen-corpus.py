#!/usr/bin/env python3
"""Generate a benchmark corpus from the bundled articles.

    python3 scripts/gen-corpus.py DIR [--count N] [--big-mb M] [--seed S]

Writes N articles (default 3,000) to DIR, made from the bundled articles with
variations: paragraphs shuffled and dropped, sentences from other articles
mixed in, a date and a source line, and every supported format and encoding
in turn (plain UTF-8, UTF-8 with BOM, GB18030, UTF-16 LE/BE with BOM, CRLF
line ends, Markdown with front matter and an HTML or Markdown body, HTML
pages). Also writes one large article of M MB (default 5) as `big.txt`.
Deterministic for a given seed.
"""
import argparse, glob, html, os, random, re

HERE = os.path.dirname(os.path.abspath(__file__))


def bundled():
    arts = []
    for path in sorted(glob.glob(os.path.join(HERE, "..", "assets", "articles", "*"))):
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
        lines = [re.sub(r"<[^>]+>", "", l).strip() for l in text.splitlines()]
        lines = [l for l in lines if l and not l.startswith("[") and not l.startswith("<")]
        arts.append((lines[0], lines[1:]))
    return arts


def render(fmt, title, date, source, paras):
    if fmt == "md-html":
        body = "\n".join("<p>%s</p>" % html.escape(p) for p in paras)
        return '---\ntitle: "%s"\ndate: %s\nsource: %s\n---\n%s\n' % (title, date, source, body)
    if fmt == "md":
        body = "\n\n".join(paras)
        return "---\ntitle: %s\ndate: %s\n---\n# %s\n\n%s\n\n来源：%s\n" % (title, date, title, body, source)
    if fmt == "html":
        body = "\n".join("<p>%s</p>" % html.escape(p) for p in paras)
        return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>'
                '<meta name="publishdate" content="%s"></head><body><h1>%s</h1>%s'
                "<p>来源：%s</p></body></html>\n" % (html.escape(title), date, html.escape(title), body, source))
    return "%s\n%s\n\n%s\n来源：%s\n" % (title, date.replace("-", "年", 1).replace("-", "月") + "日", "\n\n".join(paras), source)


FORMATS = [
    ("txt", "text", "utf-8"), ("txt", "text", "utf-8-sig"), ("txt", "text", "gb18030"),
    ("txt", "text", "utf-16"), ("txt", "text", "utf-16-be-bom"), ("txt", "text-crlf", "utf-8"),
    ("md", "md-html", "utf-8"), ("md", "md", "utf-8"), ("html", "html", "utf-8"),
]


def encode(text, enc):
    if enc == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(enc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--big-mb", type=float, default=5)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    arts = bundled()
    pool = [p for _, ps in arts for p in ps]
    os.makedirs(a.dir, exist_ok=True)
    sources = ["深圳特区报", "南方日报", "赣南日报", "右江日报", "新疆日报", "人民日报"]
    for i in range(a.count):
        title, paras = arts[i % len(arts)]
        paras = [p for p in paras if rnd.random() > 0.15]
        rnd.shuffle(paras)
        paras[rnd.randrange(len(paras) + 1):0] = rnd.sample(pool, 3)
        date = "%d-%02d-%02d" % (rnd.randint(2015, 2025), rnd.randint(1, 12), rnd.randint(1, 28))
        ext, fmt, enc = FORMATS[i % len(FORMATS)]
        text = render(fmt.replace("-crlf", ""), "%s（%d）" % (title, i), date, rnd.choice(sources), paras)
        if fmt.endswith("-crlf"):
            text = text.replace("\n", "\r\n")
        with open(os.path.join(a.dir, "a%05d.%s" % (i, ext)), "wb") as f:
            f.write(encode(text, enc))
    if a.big_mb > 0:
        target = int(a.big_mb * 1024 * 1024)
        out, size = ["五兆字节的长文章"], 0
        while size < target:
            p = rnd.choice(pool)
            out.append(p)
            size += len(p.encode("utf-8")) + 1
        with open(os.path.join(a.dir, "big.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

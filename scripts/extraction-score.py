#!/usr/bin/env python3
"""Score article extraction on the saved pages in tests/fixtures/pages/.

For every page in the manifest (expected.toml) it reads the page with yuedu
(`yuedu --no-bundled --articles FILE show ID --json`) and, where they are
installed, with the peers trafilatura, readability-lxml and dom_smoothie, and
counts per check:

  title    the title equals the expected headline
  first    the first body paragraph starts with the expected one
  source   the source equals the expected publisher (or both are absent)
  date     the date is the expected day (or both are absent)
  clean    no furniture string appears in any paragraph
  last     the article's last paragraph is kept
  regions  (yuedu only) every expected region is among the article's regions

Strings are compared with all whitespace removed. Before the first body
paragraph, headings and captions (yuedu's `kinds`) and the page's
`allowed_before` lines are skipped.

Usage:
  scripts/extraction-score.py [--manifest FILE] [--yuedu BIN]
                              [--peers trafilatura,readability,dom_smoothie]
                              [--dom-smoothie BIN] [--verbose] [--check-manifest]

--check-manifest checks only the manifest against the pages: every expected
string must occur in the page's own text. dom_smoothie is a small program
that reads one UTF-8 page on stdin and prints dom_smoothie's Article as JSON
(title, byline, published_time, site_name, content); README.md in the
fixture folder says how to build it outside the repository.
"""

import argparse
import html as htmllib
import json
import os
import re
import shutil
import subprocess
import tempfile
import sys
import tomllib

CHECKS = ["title", "first", "source", "date", "clean", "last", "regions"]
WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def norm(s):
    return WS.sub("", s or "")


def decode(data):
    """The page's text: BOM, then the declared charset, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:8192])
    tried = []
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        tried.append("gb18030" if enc in ("gb2312", "gbk", "gb18030") else enc)
    tried += ["utf-8", "gb18030"]
    for enc in tried:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


BLOCK = re.compile(
    r"<\s*(br|/?p|/?div|/?li|/?h[1-6]|/?tr|/?td|/?section|/?article|/?blockquote|/?figcaption|/?figure|/?ul|/?ol|/?table|/?center|/?font)\b[^>]*>",
    re.I,
)


def html_paragraphs(fragment):
    """Paragraphs of an HTML fragment: text between block boundaries."""
    s = re.sub(r"<(script|style|noscript)\b.*?</\1\s*>", " ", fragment, flags=re.S | re.I)
    s = re.sub(r"<!--.*?-->", " ", s, flags=re.S)
    s = BLOCK.sub("\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = htmllib.unescape(s)
    out = []
    for line in s.split("\n"):
        line = line.strip(" \t\r\u3000\u00a0")
        if norm(line):
            out.append(line)
    return out


def page_text(path):
    data = open(path, "rb").read()
    text = decode(data)
    if path.endswith((".html", ".htm")):
        return "\n".join(html_paragraphs(text))
    return text


# --- readers: each returns {title, source, date, paragraphs, kinds, regions}


def read_yuedu(path, binary):
    stem = os.path.splitext(os.path.basename(path))[0]
    # a folder holding only this page, so a build that reads folders only works too
    with tempfile.TemporaryDirectory() as tmp:
        one = os.path.join(tmp, os.path.basename(path))
        shutil.copyfile(path, one)
        cmd = [binary, "--no-bundled", "--data-dir", tmp, "--articles", one, "show", stem, "--json"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if r.returncode != 0 and "not a folder" in r.stderr:
            cmd[cmd.index(one)] = tmp
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}")
    j = json.loads(r.stdout)
    return {
        "title": j.get("title"),
        "source": j.get("source"),
        "date": j.get("date"),
        "paragraphs": j.get("paragraphs") or [],
        "kinds": j.get("kinds"),
        "regions": j.get("regions") or [],
    }


def read_trafilatura(path, _):
    import trafilatura

    if not path.endswith((".html", ".htm")):
        return None
    # decoded here as for the other peers, so no reader loses a page to its own charset guess
    data = decode(open(path, "rb").read())
    out = trafilatura.extract(data, output_format="json", with_metadata=True, include_comments=False)
    if not out:
        return {"title": None, "source": None, "date": None, "paragraphs": []}
    j = json.loads(out)
    return {
        "title": j.get("title"),
        "source": j.get("sitename"),
        "date": j.get("date"),
        "paragraphs": [p for p in (j.get("text") or "").split("\n") if norm(p)],
    }


def read_readability(path, _):
    from readability import Document

    if not path.endswith((".html", ".htm")):
        return None
    doc = Document(decode(open(path, "rb").read()))
    return {
        "title": doc.short_title(),
        "source": None,
        "date": None,
        "paragraphs": html_paragraphs(doc.summary(html_partial=True)),
    }


def read_dom_smoothie(path, binary):
    if not path.endswith((".html", ".htm")):
        return None
    text = decode(open(path, "rb").read())
    r = subprocess.run([binary], input=text, capture_output=True, text=True, timeout=120)
    j = json.loads(r.stdout or "{}")
    if "error" in j or r.returncode != 0:
        return {"title": None, "source": None, "date": None, "paragraphs": []}
    return {
        "title": j.get("title"),
        "source": j.get("site_name"),
        "date": j.get("published_time"),
        "paragraphs": html_paragraphs(j.get("content") or ""),
    }


READERS = {
    "trafilatura": read_trafilatura,
    "readability": read_readability,
    "dom_smoothie": read_dom_smoothie,
}


# what a reader that fails on a page is scored as: every check missed
FAILED = {"title": None, "source": None, "date": None, "paragraphs": []}


# --- checks


def first_body(out, page):
    allowed = [norm(a) for a in page.get("allowed_before", [])]
    kinds = out.get("kinds") or []
    for i, p in enumerate(out["paragraphs"]):
        n = norm(p)
        kind = kinds[i] if i < len(kinds) else None
        if kind in ("heading", "caption", "Heading", "Caption"):
            continue
        if any(n and (a.startswith(n) or n.startswith(a)) for a in allowed):
            continue
        return p
    return None


def date_of(s):
    m = re.search(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", s or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def score(out, page, with_regions):
    res = {}
    res["title"] = norm(out.get("title")) == norm(page["title"])
    fp = first_body(out, page)
    res["first"] = fp is not None and norm(fp).startswith(norm(page["first_paragraph_starts"]))
    want = page.get("source")
    got = out.get("source")
    res["source"] = (norm(got) == norm(want)) if want else not norm(got)
    want = page.get("date")
    res["date"] = (date_of(out.get("date")) == want) if want else not out.get("date")
    paras = [norm(p) for p in out["paragraphs"]]
    dirty = [f for f in page["furniture"] if any(norm(f) in p for p in paras)]
    res["clean"] = not dirty
    last = norm(page["last_paragraph_starts"])
    res["last"] = any(p.startswith(last) for p in paras)
    if with_regions:
        want = page.get("regions", [])
        res["regions"] = all(r in out.get("regions", []) for r in want)
    detail = {"first": fp, "dirty": dirty, "title": out.get("title"), "source": out.get("source"), "date": out.get("date")}
    return res, detail


def check_manifest(pages, folder):
    bad = 0
    for page in pages:
        path = os.path.join(folder, page["file"])
        if not os.path.exists(path):
            print(f"{page['file']}: missing file")
            bad += 1
            continue
        if os.path.getsize(path) > 300 * 1024:
            print(f"{page['file']}: larger than 300 KB")
            bad += 1
        text = norm(page_text(path))
        fields = ["title", "first_paragraph_starts", "last_paragraph_starts"]
        for f in ["file", "site", "title", "first_paragraph_starts", "last_paragraph_starts", "furniture", "provenance"]:
            if f not in page:
                print(f"{page['file']}: no {f}")
                bad += 1
        if not 3 <= len(page.get("furniture", [])) <= 6:
            print(f"{page['file']}: {len(page.get('furniture', []))} furniture strings, want 3-6")
            bad += 1
        strings = [(f, page.get(f, "")) for f in fields]
        strings += [("furniture", s) for s in page.get("furniture", [])]
        strings += [("allowed_before", s) for s in page.get("allowed_before", [])]
        if page.get("source"):
            strings.append(("source", page["source"]))
        for field, s in strings:
            if field == "title":
                # a headline may be split over lines or spread over a title and subtitle
                parts = [p for p in re.split(r"\s+", s) if p]
                missing = [p for p in parts if norm(p) not in text]
            else:
                missing = [s] if norm(s) not in text else []
            if missing:
                print(f"{page['file']}: {field} not in page: {missing[0]!r}")
                bad += 1
        if page.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", page["date"]):
            print(f"{page['file']}: date {page['date']!r} is not YYYY-MM-DD")
            bad += 1
    sites = {p["site"] for p in pages}
    print(f"{len(pages)} pages from {len(sites)} sites; {bad} problems")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--manifest", default=os.path.join(root, "tests/fixtures/pages/expected.toml"))
    ap.add_argument("--yuedu", default=os.path.join(root, "target/release/yuedu"))
    ap.add_argument("--peers", default="trafilatura,readability,dom_smoothie")
    ap.add_argument("--dom-smoothie", default=os.environ.get("DOM_SMOOTHIE", "/tmp/ds/target/release/ds"))
    ap.add_argument("--verbose", action="store_true", help="print each failed check")
    ap.add_argument("--check-manifest", action="store_true")
    args = ap.parse_args()

    with open(args.manifest, "rb") as f:
        pages = tomllib.load(f)["page"]
    folder = os.path.dirname(os.path.abspath(args.manifest))
    if args.check_manifest:
        return check_manifest(pages, folder)

    readers = [("yuedu", read_yuedu, args.yuedu)]
    for name in [p for p in args.peers.split(",") if p]:
        if name == "dom_smoothie":
            if os.access(args.dom_smoothie, os.X_OK):
                readers.append((name, READERS[name], args.dom_smoothie))
            else:
                print(f"# {name}: not measured (no program at {args.dom_smoothie})", file=sys.stderr)
            continue
        try:
            __import__("readability" if name == "readability" else name)
            readers.append((name, READERS[name], None))
        except ImportError:
            print(f"# {name}: not measured (not installed)", file=sys.stderr)

    totals = {name: {c: [0, 0] for c in CHECKS} for name, _, _ in readers}
    print("| page | " + " | ".join(name for name, _, _ in readers) + " |")
    print("|---|" + "---|" * len(readers))
    for page in pages:
        path = os.path.join(folder, page["file"])
        cells = []
        for name, reader, binary in readers:
            try:
                out = reader(path, binary)
            except Exception as e:  # a reader that fails scores nothing on that page
                print(f"# {name} on {page['file']}: {e}", file=sys.stderr)
                out = FAILED
            if out is None:
                cells.append("n/a")
                continue
            res, detail = score(out, page, name == "yuedu")
            if out is FAILED:
                res = {c: False for c in res}
            for c, ok in res.items():
                totals[name][c][0] += ok
                totals[name][c][1] += 1
            cells.append("".join(c[0].upper() if ok else "." for c, ok in res.items()))
            if args.verbose:
                for c, ok in res.items():
                    if not ok:
                        info = {
                            "title": detail["title"],
                            "first": (detail["first"] or "")[:60],
                            "source": detail["source"],
                            "date": detail["date"],
                            "clean": detail["dirty"],
                        }.get(c, "")
                        print(f"#   {name} {page['file']} {c}: {info!r}", file=sys.stderr)
        print(f"| {page['file']} | " + " | ".join(cells) + " |")
    print()
    print("Letters: T title, F first paragraph, S source, D date, C clean of furniture, L last paragraph, R regions.")
    print()
    print("| check | " + " | ".join(name for name, _, _ in readers) + " |")
    print("|---|" + "---|" * len(readers))
    for c in CHECKS:
        row = []
        for name, _, _ in readers:
            ok, n = totals[name][c]
            row.append(f"{ok}/{n}" if n else "-")
        print(f"| {c} | " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

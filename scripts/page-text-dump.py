#!/usr/bin/env python3
"""Make a page-text dump: the text a person gets by copying a whole saved page.

  scripts/page-text-dump.py PAGE.html OUT.txt [--style copy|render] [--crlf]

`copy` is what a browser's select-all and copy gives: the text of <body>,
scripts and styles and inline-hidden elements left out, one line per block
element, menus, share bars, related lists and footers kept. `render` lays the
page out as a text browser would (inscriptis: tables side by side, blank
lines between blocks). Either way the dump keeps the page's furniture, which
is what a reader of copied text must leave out. `--crlf` writes Windows line
ends, as text pasted into Notepad is saved.
"""

import argparse
import re
import sys

import lxml.html

BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4",
    "h5", "h6", "dd", "dt", "dl", "section", "article", "header", "footer",
    "nav", "aside", "form", "blockquote", "pre", "center", "hr",
}


def decode(data):
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:8192])
    names = [m.group(1).decode("ascii")] if m else []
    for name in names + ["utf-8", "gb18030"]:
        try:
            return data.decode("gb18030" if name.lower() in ("gbk", "gb2312") else name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", "replace")


def copy_text(doc):
    body = doc.find("body")
    root = body if body is not None else doc
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for hidden in root.xpath(".//*[@style]"):
        style = re.sub(r"\s", "", hidden.get("style", "")).lower()
        if "display:none" in style or "visibility:hidden" in style:
            hidden.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    lines = []
    for line in root.text_content().split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def render_text(html):
    from inscriptis import get_text

    text = get_text(html)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("out")
    ap.add_argument("--style", choices=["copy", "render"], default="copy")
    ap.add_argument("--crlf", action="store_true")
    args = ap.parse_args()
    html = decode(open(args.page, "rb").read())
    if args.style == "copy":
        text = copy_text(lxml.html.fromstring(html))
    else:
        text = render_text(re.sub(r"(?is)<(script|style)\b.*?</\1>", "", html))
    if args.crlf:
        text = text.replace("\n", "\r\n")
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())

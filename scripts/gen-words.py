#!/usr/bin/env python3
"""Generates assets/taxonomy/words.txt: the part of jieba's dictionary that
decides whether a place name is a word of a text.

The classifier segments a few characters around each short place name it
finds (面临高放射性 → 面临/高/放射性, so 临高 is no word there). Loading
jieba's whole dictionary (349,000 words) takes about a quarter of a second,
as long as classifying a few thousand articles, so the reader ships only the
words that can take part in that decision:
  - every single character (the segmenter needs their frequencies);
  - every word that contains a place name inside it (德州仪器, 黄河口);
  - every word that is a place name, or a piece of one (北京 in 北京市);
  - every word of frequency >= MIN_FREQ that overlaps a place name across
    its edge (面临 ends where 临高 starts; 青海 ends where 海南 starts).
A last line carries the frequency of the words left out, so word
probabilities are the same as with the whole dictionary.

    python3 scripts/gen-words.py [PATH/TO/jieba-rs/src/data/dict.txt]

Without a path the dictionary of jieba-rs in the cargo registry is used
(`cargo fetch` brings it); the version is the one in Cargo.lock.
"""
import glob
import os
import re
import sys

MIN_FREQ = 200
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TAX = os.path.join(ROOT, "assets", "taxonomy")


def jieba_dict():
    if len(sys.argv) > 1:
        return sys.argv[1]
    lock = open(os.path.join(ROOT, "Cargo.lock"), encoding="utf-8").read()
    version = re.search(r'name = "jieba-rs"\nversion = "([^"]+)"', lock).group(1)
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    found = glob.glob(f"{home}/registry/src/*/jieba-rs-{version}/src/data/dict.txt")
    if not found:
        sys.exit(f"jieba-rs {version} not in the cargo registry: run `cargo fetch`")
    return found[0]


def data_lines(name):
    for line in open(os.path.join(TAX, name), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def place_names():
    names = set()
    for f in ("regions.tsv", "regions-extra.tsv"):
        for cols in data_lines(f):
            names.add(cols[1])
            if len(cols) > 3:
                names.update(a.strip() for a in cols[3].split(",") if a.strip())
    for cols in data_lines("region-aliases.tsv"):
        names.add(cols[0])
    return names


def main():
    names = place_names()
    heads, tails = set(), set()
    for n in names:
        for k in range(1, len(n)):
            heads.add(n[:k])
            tails.add(n[k:])

    def contains(w):
        return any(
            w[i:j] in names
            for i in range(len(w))
            for j in range(i + 2, len(w) + 1)
            if (i, j) != (0, len(w))
        )

    def overlaps(w):
        return any(w[-k:] in heads or w[:k] in tails for k in range(1, len(w)))

    entries = [line.split() for line in open(jieba_dict(), encoding="utf-8")]
    total = sum(int(e[1]) for e in entries)
    kept = [
        e
        for e in entries
        if len(e[0]) == 1
        or e[0] in names
        or e[0] in heads
        or e[0] in tails
        or contains(e[0])
        or (int(e[1]) >= MIN_FREQ and overlaps(e[0]))
    ]
    rest = total - sum(int(e[1]) for e in kept)
    with open(os.path.join(TAX, "words.txt"), "w", encoding="utf-8") as out:
        for e in kept:
            out.write(" ".join(e[:2]) + "\n")
        # A private-use character: never in a text, it only holds the
        # frequency of the words left out.
        out.write(f"\ue000 {rest}\n")
    print(f"{len(kept)} of {len(entries)} words", file=sys.stderr)


main()

#!/usr/bin/env python3
"""Do two builds of one FAQ show the same pages? For every page of either: is it in both,
with the same h1, the same visible text of its article, the same links; and are the
redirect pages the same. For a change that should move nothing (a new generation step, a
new renderer): build the same FAQ with the old and the new code and compare.

  python bench/compare_sites.py BEFORE_SITE AFTER_SITE [--show 10] [--skip URL_PREFIX …]
"""

from __future__ import annotations

import argparse
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


class _Article(HTMLParser):
    """The h1, the article's words and its links (scripts, styles and the heading
    permalinks' ¶ left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1, self.words, self.links = [], [], []
        self.stack: list[str] = []
        self.article = self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.article += 1
        if tag in ("script", "style") or "headerlink" in (attrs.get("class") or ""):
            self.skip += 1
            self.stack.append(f"skip:{tag}")
            return
        self.stack.append(tag)
        if tag == "a" and self.article and attrs.get("href"):
            self.links.append(unquote(attrs["href"]))  # %E4%BA%BA and 人 are one address

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        while self.stack:
            top = self.stack.pop()
            if top.startswith("skip:"):
                self.skip -= 1
                if top == f"skip:{tag}":
                    break
            elif top == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        if "h1" in self.stack and self.article:
            self.h1.append(data)
        if self.article:
            self.words.append(data)


def page(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    refresh = REFRESH.search(text)
    if refresh:
        return {"redirect": refresh.group(1)}
    parser = _Article()
    parser.feed(text)
    return {"h1": " ".join("".join(parser.h1).split()), "text": " ".join(" ".join(parser.words).split()),
            "links": parser.links}


def pages(site: Path, skip: list[str]) -> dict[str, dict]:
    found = {}
    for path in sorted(site.rglob("index.html")):
        url = str(path.parent.relative_to(site)) + "/" if path.parent != site else ""
        if not any(url.startswith(prefix) for prefix in skip):
            found[url] = page(path)
    return found


def compare(before: dict[str, dict], after: dict[str, dict]) -> dict[str, list[str]]:
    differences: dict[str, list[str]] = {"only before": [], "only after": [], "h1": [], "text": [], "links": [],
                                         "redirect": []}
    for url in before.keys() - after.keys():
        differences["only before"].append(url)
    for url in after.keys() - before.keys():
        differences["only after"].append(url)
    for url in sorted(before.keys() & after.keys()):
        a, b = before[url], after[url]
        for key in ("redirect", "h1", "text", "links"):
            if a.get(key) != b.get(key):
                differences[key].append(url)
                break
    return differences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--show", type=int, default=5, help="differences shown for each kind")
    ap.add_argument("--skip", nargs="*", default=[], help="URL prefixes to leave out")
    args = ap.parse_args()
    before, after = pages(args.before, args.skip), pages(args.after, args.skip)
    differences = compare(before, after)
    changed = sum(len(urls) for kind, urls in differences.items() if not kind.startswith("only"))
    print(f"pages: {len(before)} before, {len(after)} after; the same: {len(before.keys() & after.keys()) - changed}")
    for kind, urls in differences.items():
        print(f"{kind}: {len(urls)}")
        for url in sorted(urls)[: args.show]:
            a, b = before.get(url, {}), after.get(url, {})
            print(f"  {url}")
            if kind in ("h1", "text", "links", "redirect"):
                x, y = a.get(kind), b.get(kind)
                if isinstance(x, str) and isinstance(y, str):
                    n = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
                    print(f"    before …{x[max(0, n - 60): n + 80]}")
                    print(f"    after  …{y[max(0, n - 60): n + 80]}")
                else:
                    print(f"    before {x}\n    after  {y}")


if __name__ == "__main__":
    main()

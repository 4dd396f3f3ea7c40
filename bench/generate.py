#!/usr/bin/env python3
"""Generate a synthetic FAQ in the same dialect, for scale benchmarks.

  python bench/generate.py 10000 OUT_DIR [--seed 7] [--corpus ../shared/corpus/icp-faq] [--products 50]

Questions and answers are recombined from the real corpus (deterministic for a
seed): a question joins the first part of one real question to the last part of
another, with a word from a third; an answer strings together 2-6 real answer
lines (lists, notices, screenshots and durations included). Files hold 40
questions each, ten files a folder, some with `##` sections.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from helpcenter.dialect.parse import parse
from helpcenter.dialect.source import read_sources

ROOT = Path(__file__).resolve().parent.parent

PER_FILE = 40
FILES_PER_FOLDER = 10


def material(corpus: Path) -> tuple[list[str], list[str], list[str]]:
    """(question heads, question tails, answer lines) from the real corpus."""
    heads, tails, lines = [], [], []
    files, _ = read_sources(corpus)
    for src in files:
        parsed, _ = parse(src.rel, src.text)
        for entry in parsed.questions:
            title = entry.title.rstrip("？?")
            cut = re.search(r"[，,]", title)
            at = cut.start() if cut else len(title) // 2
            heads.append(title[:at])
            tails.append(title[at:].lstrip("，,"))
            lines += [line for line in entry.answer.split("\n")
                      if line.strip() and not line.lstrip().startswith(("#", "<", "|"))]
    return heads, tails, lines


def generate(count: int, out: Path, seed: int, corpus: Path, products: int = 0) -> None:
    heads, tails, lines = material(corpus)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files = (count + PER_FILE - 1) // PER_FILE
    if products:
        (out / "site.yml").write_text(f"name: {products} 个产品的帮助中心\n", encoding="utf-8")
        for n in range(products):
            (out / f"product-{n:02d}").mkdir(exist_ok=True)
            (out / f"product-{n:02d}" / "product.yml").write_text(f"name: 产品 {n}\naliases: [P{n}]\n",
                                                                  encoding="utf-8")
    for n_file in range(files):
        product = f"product-{n_file * products // files:02d}/" if products else ""
        folder = out / f"{product}分类{n_file // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        parts = [f"本文件收录第 {n_file + 1} 组常见问题。\n"]
        first = n_file * PER_FILE
        for n in range(first, min(count, first + PER_FILE)):
            if n % 15 == 0 and n > first:
                parts.append(f"\n## 第 {n // 15} 部分\n")
            tail = rng.choice(tails) or "如何处理"
            title = f"{rng.choice(heads)}，{tail}（{n + 1}）？"
            answer = "\n".join(rng.choice(lines) for _ in range(rng.randint(2, 6)))
            parts.append(f"\n### {title}\n{answer}\n")
        (folder / f"问题集{n_file:04d}.md").write_text("".join(parts), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "icp-faq")
    ap.add_argument("--products", type=int, default=0, help="a help center of this many products")
    args = ap.parse_args()
    generate(args.count, args.out, args.seed, args.corpus, args.products)


if __name__ == "__main__":
    main()

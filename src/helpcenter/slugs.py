"""Short ASCII slugs for category URLs (pinyin of the Chinese name)."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

MAX_LENGTH = 60


def slugify(text: str) -> str:
    words = []
    for part in lazy_pinyin(text):
        words.extend(re.findall(r"[a-z0-9]+", part.lower()))
    slug = "-".join(words)[:MAX_LENGTH].strip("-")
    return slug or "category"


def unique_slugs(names: list[str]) -> list[str]:
    """One slug per name; later duplicates get -2, -3 …"""
    seen: dict[str, int] = {}
    slugs = []
    for name in names:
        slug = slugify(name)
        seen[slug] = seen.get(slug, 0) + 1
        slugs.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return slugs

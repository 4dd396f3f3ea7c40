"""Symptom tags from the editors' taxonomies: data/tags.yml for a one-product source; in a
help center of several products, each product's own (its product.yml's `taxonomy:`, or a
file in data/taxonomies/ whose `products:` names it), never another product's. A product
without one is tagged by its own structure: the `##` section a question stands in, else
the folder of its file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from helpcenter.datafile import read_yaml


@dataclass
class Tag:
    name: str
    description: str
    question: list[re.Pattern] = field(default_factory=list)
    answer: list[re.Pattern] = field(default_factory=list)


@dataclass
class Taxonomy:
    tags: list[Tag]
    fallback: str
    max_per_issue: int = 4
    overrides: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    products: tuple[str, ...] = ()  # whose taxonomy it is: product folders, names or aliases

    @property
    def descriptions(self) -> dict[str, str]:
        return {t.name: t.description for t in self.tags}


def _pattern(term: str) -> re.Pattern:
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return re.compile(term[1:-1], re.IGNORECASE)
    return re.compile(re.escape(term), re.IGNORECASE)


class TaxonomyError(ValueError):
    """The taxonomy file cannot be used; the message names the place."""


def load(path: Path) -> Taxonomy:
    data = read_yaml(path, "标签表", TaxonomyError)
    try:
        return _taxonomy(data)
    except TaxonomyError as exc:
        raise TaxonomyError(f"{path}: {exc}") from None
    except (KeyError, TypeError, AttributeError, ValueError, re.error) as exc:
        raise TaxonomyError(f"{path}: 标签表格式不对：{exc!r}") from exc


def _patterns(tag: dict, key: str) -> list[re.Pattern]:
    words = tag.get(key) or []
    # a bare string would be read a character at a time: 异常账号 as 异, 常, 账 and 号
    if not isinstance(words, list):
        raise TaxonomyError(f"{tag['name']}: {key}: 应为列表，如 {key}: [词一, 词二]")
    return [_pattern(str(x)) for x in words]


def _taxonomy(data: dict) -> Taxonomy:
    tags = [Tag(name=str(t["name"]), description=str(t.get("description", "")),
                question=_patterns(t, "question"), answer=_patterns(t, "answer"))
            for t in data.get("tags") or []]
    names = [tag.name for tag in tags]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:  # a second tag of one name is a copy-and-paste slip: its page and its rules would mix
        raise TaxonomyError(f"标签名重复：{'、'.join(twice)}")
    overrides = {str(k): v or {} for k, v in (data.get("overrides") or {}).items()}
    for key, change in overrides.items():
        for what in ("add", "remove"):
            if not isinstance(change.get(what) or [], list):
                raise TaxonomyError(f"overrides: {key}: {what}: 应为列表，如 {what}: [标签名]")
    products = data.get("products") or []
    if not isinstance(products, list):
        raise TaxonomyError("products: 应为列表，如 products: [cos-faq, 对象存储 COS]")
    return Taxonomy(tags=tags, fallback=str(data.get("fallback", "其他问题")),
                    max_per_issue=int(data.get("max_per_issue", 4)), overrides=overrides,
                    products=tuple(str(p) for p in products))


def for_products(one: Path, folder: Path, products: list) -> dict[str, Taxonomy | None]:
    """Product key -> its taxonomy (None: tagged by its structure). products: enrich.products
    .Declared. A one-product source uses `one` (the taxonomy setting)."""
    if [p.key for p in products] == [""]:
        return {"": load(one)}
    candidates = [load(path) for path in [one, *sorted(folder.glob("*.yml"))] if path.is_file()]
    found: dict[str, Taxonomy | None] = {}
    for product in products:
        if product.taxonomy is not None:
            found[product.key] = load(product.taxonomy)
            continue
        names = {product.key, product.name, *product.aliases}
        found[product.key] = next((t for t in candidates if names & set(t.products)), None)
    return found


def by_structure(section: str | None, file: str, product: str) -> list[str]:
    """The tag of a question in a product without a taxonomy: its `##` section, else the
    folder its file is in below the product's folder (none at the product's top)."""
    if section:
        return [section]
    folders = file.split("/")[1 if product else 0:-1]
    return [folders[-1]] if folders else []


def assign(taxonomy: Taxonomy, title: str, answer: str, issue_id: str = "") -> list[str]:
    """Tags of one issue: title hits first, then answer hits, in taxonomy order."""
    by_title = [t.name for t in taxonomy.tags if any(p.search(title) for p in t.question)]
    by_answer = [t.name for t in taxonomy.tags
                 if t.name not in by_title and any(p.search(answer) for p in t.answer)]
    chosen = (by_title + by_answer)[: taxonomy.max_per_issue]
    override = taxonomy.overrides.get(issue_id) or taxonomy.overrides.get(title) or {}
    chosen = [t for t in chosen if t not in (override.get("remove") or [])]
    chosen += [t for t in override.get("add") or [] if t not in chosen]
    return chosen or [taxonomy.fallback]

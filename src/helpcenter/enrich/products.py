"""Products: the top-level folders of a help center's source, each one product's FAQ.

A source is a help center of several products when its root holds a `site.yml` or a
top-level folder holds a `product.yml`: then each top-level folder is a product, named by
its product.yml or else by the folder. Otherwise it is one product (key ""), as a single
FAQ always was, however its folders are arranged.

    # product.yml, in the product's folder
    name: 对象存储 COS          # shown everywhere
    aliases: [COS, 对象存储]     # words readers use for it (search prefers it when they do)
    taxonomy: tags.yml         # optional: its symptom tags, relative to this file

    # site.yml, at the source's root
    name: 腾讯云帮助中心

Mistakes are warnings naming the file and line (--strict fails) and lose nothing: a
product whose product.yml cannot be used is named by its folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from helpcenter.datafile import DataFileError, load_yaml
from helpcenter.model import Diagnostic
from helpcenter.slugs import unique_slugs

PRODUCT_FILE, SITE_FILE = "product.yml", "site.yml"
PRODUCT_KEYS = {"name", "aliases", "taxonomy"}
SITE_KEYS = {"name"}
SEVERAL = "帮助中心"  # a help center of several products without a site.yml


@dataclass(frozen=True)
class Declared:
    """A product as its folder and product.yml declare it (enrich.knowledge makes the Product)."""

    key: str
    name: str
    slug: str
    aliases: tuple[str, ...]
    taxonomy: Path | None


def product_of(rel: str, keys: set[str]) -> str:
    """The product key of a source file (its top-level folder, or "" in a one-product source)."""
    top = rel.split("/", 1)[0] if "/" in rel else ""
    return top if top in keys else ""


def keys(root: Path, files: list[str]) -> list[str]:
    """The product keys of a source: its products' folders in order, or [""] for one product."""
    if not root.is_dir():
        return [""]
    tops = sorted({rel.split("/", 1)[0] for rel in files if "/" in rel})
    if (root / SITE_FILE).is_file() or any((root / top / PRODUCT_FILE).is_file() for top in tops):
        return tops + ([""] if any("/" not in rel for rel in files) else [])
    return [""]


def _mapping(path: Path, allowed: set[str], root: Path) -> tuple[dict, list[Diagnostic]]:
    """The file's settings and what is wrong with them (unknown keys, a bad value)."""
    where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        data = load_yaml(path, path.name) or {}
    except DataFileError as exc:
        return {}, [Diagnostic(where, exc.line, f"{exc.problem}这个文件没有用上。")]
    if not isinstance(data, dict):
        return {}, [Diagnostic(where, 1, "应为设置项的映射，如 name: 对象存储 COS；这个文件没有用上。")]
    lines = _key_lines(path)
    problems = [Diagnostic(where, lines.get(key, 1), f"没有“{key}”这个设置项（可用的有 {'、'.join(sorted(allowed))}），"
                                                     "已忽略。") for key in data if key not in allowed]
    if "name" in data and not (isinstance(data["name"], str) and data["name"].strip()):
        problems.append(Diagnostic(where, lines.get("name", 1),
                                   "name 应为一段文字，如 name: 对象存储 COS；已按文件夹命名。"))
        data = {k: v for k, v in data.items() if k != "name"}
    aliases = data.get("aliases")
    if aliases is not None and not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip()
                                                                          for a in aliases)):
        problems.append(Diagnostic(where, lines.get("aliases", 1),
                                   "aliases 应为词的列表，如 aliases: [COS, 对象存储]；已忽略。"))
        data = {k: v for k, v in data.items() if k != "aliases"}
    return {k: v for k, v in data.items() if k in allowed}, problems


def _key_lines(path: Path) -> dict[str, int]:
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in root.value}


def declare(root: Path, product_keys: list[str], site_default: str) -> tuple[str, list[Declared], list[Diagnostic]]:
    """(the help center's name, its products, problems). site_default: the name a
    one-product source keeps (mkdocs.yml's site_name)."""
    problems: list[Diagnostic] = []
    several = product_keys != [""]
    base = root if root.is_dir() else root.parent
    site_name = site_default if not several else SEVERAL
    site_file = base / SITE_FILE
    if site_file.is_file():
        data, found = _mapping(site_file, SITE_KEYS, base)
        problems += found
        site_name = data.get("name", site_name).strip()
    slugs = unique_slugs([key or "faq" for key in product_keys])
    declared = []
    for key, slug in zip(product_keys, slugs, strict=True):
        folder = base / key if key else base
        data, found = _mapping(folder / PRODUCT_FILE, PRODUCT_KEYS, base) if (folder / PRODUCT_FILE).is_file() \
            else ({}, [])
        problems += found
        if several and key and not (folder / PRODUCT_FILE).is_file():
            problems.append(Diagnostic(f"{key}/", 1, f"产品文件夹 {key} 没有 product.yml，已用文件夹名称呼它；写一个"
                                                     " product.yml（name: 产品名称）让读者看到产品的名字。", "info"))
        name = data.get("name", "").strip() or (key if several else site_name)
        taxonomy = (folder / data["taxonomy"]) if isinstance(data.get("taxonomy"), str) else None
        declared.append(Declared(key, name, slug, tuple(a.strip() for a in data.get("aliases") or []), taxonomy))
    problems += _same_names(declared)
    return site_name, declared, problems


def _same_names(declared: list[Declared]) -> list[Diagnostic]:
    """Two products of one name would read as one: both stay, the build says so."""
    seen: dict[str, str] = {}
    problems = []
    for product in declared:
        if product.name in seen:
            problems.append(Diagnostic(f"{product.key}/{PRODUCT_FILE}", 1,
                                       f"产品名称“{product.name}”和 {seen[product.name]}/{PRODUCT_FILE} 相同："
                                       "读者分不清，请改成不同的名称。"))
        else:
            seen[product.name] = product.key
    return problems

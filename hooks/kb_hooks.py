"""MkDocs event handlers: build the knowledge-base model once, hand its pages to MkDocs.

No parsing or business rule lives here; see the `kb` package next to this file.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).parent))

from kb import build, pages, sanitize, search_index, tags, validate  # noqa: E402
from kb.slugs import slugify  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kb")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "content"
TAXONOMY = ROOT / "data" / "tags.yml"
SYNONYMS = ROOT / "data" / "synonyms.yml"

_kb = None
_generated: set[str] = set()
_issues_by_uri: dict = {}
_rendered: dict[str, str] = {}  # issue src_uri -> page text, for the conservation check
_seconds: dict[str, float] = {}  # time spent in each handler, for bench/scale.py


def _timed(handler):
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            _seconds[handler.__name__] = _seconds.get(handler.__name__, 0.0) + time.perf_counter() - start
    return wrapper


def _source() -> Path:
    return Path(os.environ.get("KB_SOURCE") or DEFAULT_SOURCE)


def _registry_path(source: Path) -> Path:
    if os.environ.get("KB_IDS"):
        return Path(os.environ["KB_IDS"])
    name = source.resolve().stem if source.is_file() else source.resolve().name
    return ROOT / "data" / "ids" / f"{slugify(name)}.tsv"


@_timed
def on_config(config):
    global _kb
    source = _source()
    try:
        taxonomy = tags.load(TAXONOMY)
    except (OSError, tags.TaxonomyError) as exc:
        raise PluginError(str(exc)) from exc
    kb, registry = build.load(source, _registry_path(source), taxonomy)
    _report(kb.diagnostics)
    _sync_registry(registry, strict=config.strict)
    config.nav = pages.nav(kb)
    if "redirects" in config.plugins:
        config.plugins["redirects"].config["redirect_maps"] = pages.redirect_map(kb)
    if source.exists():
        config.watch.append(str(source))
    _kb = kb
    return config


def _report(problems) -> None:
    """Log each problem as file:line; stop the build on errors."""
    errors = 0
    for problem in problems:
        if problem.severity == "error":
            errors += 1
            log.error(str(problem))
        elif problem.severity == "warning":
            log.warning(str(problem))
        else:
            log.info(str(problem))
    if errors:
        raise PluginError(f"{errors} 个 FAQ 源文件错误，构建已停止（见上方 file:line）。")


def _sync_registry(registry: build.Registry, strict: bool) -> None:
    """Write the registry like a lockfile; --strict refuses to change an existing one
    (a new source's first registry is simply created)."""
    if not registry.stale:
        return
    if strict and registry.path.exists():
        log.warning(
            f"问题 ID 登记表 {registry.path} 需要更新（{len(registry.changes)} 处变化："
            f"{'；'.join(registry.changes[:5])}）。请先运行不带 --strict 的 mkdocs build 并提交该文件。")
        return
    try:
        for path, text in registry.files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        log.warning(f"问题 ID 登记表 {registry.path} 无法写入（{exc.strerror}）：本次构建的 ID 未保存，"
                    "请用 KB_IDS 指定一个可写的位置。")
        return
    for change in registry.changes:
        log.info(f"ID 登记表：{change}")


@event_priority(100)  # before other plugins (mkdocs-redirects) look at the files
@_timed
def on_files(files: Files, config) -> Files:
    _generated.clear()
    _rendered.clear()
    _issues_by_uri.clear()
    _issues_by_uri.update({issue.src_uri: issue for issue in _kb.issues})
    for src_uri, markdown in pages.render_all(_kb):
        files.append(File.generated(config, src_uri, content=markdown))
        _generated.add(src_uri)
    return files


def on_post_build(config) -> None:
    _check_conservation()
    _write_search_index(config)
    prefix = urlsplit(config.site_url or "/").path
    (Path(config.site_dir) / "nginx-redirects.conf").write_text(pages.nginx_redirects(_kb, prefix),
                                                                encoding="utf-8")
    if os.environ.get("KB_TIMINGS"):
        Path(os.environ["KB_TIMINGS"]).write_text(json.dumps(_seconds), encoding="utf-8")
    _seconds.clear()


@_timed
def _check_conservation() -> None:
    """Every question published once, with its answer on its page, or no site."""
    _report(validate.conservation(_kb, _kb.source_counts, _rendered))


@_timed
def _write_search_index(config) -> None:
    """Our search index (Material's own index stays empty: every page opts out)."""
    out = Path(config.site_dir) / "search" / "kb"
    for relative, content in search_index.build(_kb, search_index.load_vocabulary(SYNONYMS)).items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@_timed
def on_page_content(html: str, page, config, files) -> str:
    """Our pages carry FAQ text: sanitise what it rendered to."""
    if page.file.src_uri not in _generated:
        return html
    subject = unescape(page.title or "")  # the front matter holds it escaped for the theme
    html = sanitize.plain_h1(sanitize.describe_images(sanitize.clean(html), subject))
    issue = _issues_by_uri.get(page.file.src_uri)
    if issue:
        template = (config.extra.get("kb") or {}).get("reply_template", "{title}\n{url}")
        _rendered[issue.src_uri] = validate.page_text(html)
        html = sanitize.after_h1(html, pages.share_html(issue, config.site_url or "", template))
    return html

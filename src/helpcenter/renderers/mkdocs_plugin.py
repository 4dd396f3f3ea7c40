"""MkDocs event handlers: build the knowledge-base model once, hand its pages to MkDocs.

No parsing or business rule lives here; see the `kb` package next to this file.
Everything one build needs lives on one `Build` object, made anew in `on_config`.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from helpcenter import settings
from helpcenter.dialect import sanitize, validate
from helpcenter.enrich import elsewhere, ids, learned, moves
from helpcenter.enrich import knowledge as build
from helpcenter.enrich import taxonomy as tags
from helpcenter.index import build as search_index
from helpcenter.index import vocabulary as search_vocabulary
from helpcenter.model import Issue, KnowledgeBase
from helpcenter.pages import assets, category_pages, index_pages, issue_page
from helpcenter.pages import site as pages
from helpcenter.renderers import link_messages

log = logging.getLogger("mkdocs.hooks.kb")



class _WarningCount(logging.Handler):
    """Counts the warnings of this build, so a strict build that will abort writes nothing."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Build:
    """One build's state: the model, its registry and what the pages rendered to."""

    kb: KnowledgeBase
    registry: build.Registry
    strict: bool
    vocabulary: search_vocabulary.Vocabulary
    settings: settings.KbConfig  # extra.kb, checked
    generated: set[str] = field(default_factory=set)
    subjects: dict = field(default_factory=dict)  # src_uri -> its Issue or Category (image alt texts)
    answers: dict[str, str] = field(default_factory=dict)  # issue ID -> its answer's text as rendered
    warnings: _WarningCount = field(default_factory=_WarningCount)
    assets: dict[str, str] = field(default_factory=dict)  # docs/assets name -> hashed site path
    seconds: dict[str, float] = field(default_factory=dict)  # time in each handler, for bench/scale.py


_command = "build"  # set by on_startup: "serve" previews, never records IDs
_build: Build | None = None  # the current build's state, made anew by on_config


def _timed(handler):
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            if _build is not None:
                seconds = _build.seconds
                seconds[handler.__name__] = seconds.get(handler.__name__, 0.0) + time.perf_counter() - start
    return wrapper


class _PageLinks(logging.Filter):
    """MkDocs' words about links in our generated pages, for an editor: in Chinese, naming
    the FAQ file and line (link_messages). MkDocs checks anchors before Material's tags
    plugin writes the `#tag:` ones it links to: those INFO lines are dropped as noise."""

    kb_page_links = True  # this module's own replaces one a previous load left (it reads this _build)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "'#tag:" in message:
            return False
        if _build is not None:
            said = link_messages.translate(message, _source_of)
            if said:
                record.msg, record.args = said, ()
        return True


def _source_of(src_uri: str) -> tuple[str, int] | None:
    """The FAQ file and line a generated page comes from."""
    subject = _build.subjects.get(src_uri) if _build else None
    if isinstance(subject, Issue):
        return subject.file, subject.line
    key = getattr(subject, "key", None)
    return (key, 1) if key else None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    pages_log = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in pages_log.filters if getattr(f, "kb_page_links", False)]:
        pages_log.removeFilter(old)
    pages_log.addFilter(_PageLinks())


def on_shutdown() -> None:
    if _build is not None:
        logging.getLogger("mkdocs").removeHandler(_build.warnings)


@_timed
def on_config(config):
    global _build
    if _build is not None:
        logging.getLogger("mkdocs").removeHandler(_build.warnings)
    warnings = _WarningCount()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:  # everything editors can get wrong in settings and data, checked before any page is rendered
        kb_settings, unknown = settings.load(config.extra, config.config_file_path, os.environ)
        for message in unknown:
            log.warning(message)
        source = Path(kb_settings.source)
        taxonomy = tags.load(Path(kb_settings.taxonomy))
        vocabulary = search_vocabulary.load_vocabulary(Path(kb_settings.synonyms))
        kb, registry = build.load(source, Path(kb_settings.ids), taxonomy,
                                  tuple(kb_settings.image_hosts))
        kb.learned, unusable = learned.load(Path(kb_settings.learned), {i.id for i in kb.issues},
                                            {str(row.id) for row in kb.retired})
        kb.diagnostics.extend(unusable + elsewhere.own_topics(kb, Path(kb_settings.synonyms)))
    except (OSError, settings.SettingsError, tags.TaxonomyError, search_vocabulary.VocabularyError,
            ids.RegistryError) as exc:
        logging.getLogger("mkdocs").removeHandler(warnings)
        raise PluginError(str(exc)) from None
    state = Build(kb, registry, bool(config.strict), vocabulary, kb_settings, warnings=warnings)
    _report(kb.diagnostics + validate.counts(kb, kb.source_counts))  # before any page is rendered
    _check_registry(registry, strict=config.strict)
    if _command != "serve" and (problem := settings.site_url_problem(config.site_url)):
        log.warning(problem)
    config.nav = category_pages.nav(kb, kb_settings.nav_limit)
    # search's 没有找到 notice and the home page link to it
    config.extra["kb_ticket"] = index_pages.ticket_url(kb, kb_settings.ticket_url)
    if "redirects" in config.plugins:
        config.plugins["redirects"].config["redirect_maps"] = moves.redirect_map(kb.moved)
    # editors change the FAQ, the taxonomy and the synonyms while previewing
    for watched in {source, Path(kb_settings.taxonomy).parent, Path(kb_settings.synonyms).parent,
                    Path(kb_settings.learned).parent}:
        if watched.exists():
            config.watch.append(str(watched))
    _fingerprint_assets(config, state)
    if not kb_settings.events:  # no events script, no vote: Material renders neither without it
        config.extra.pop("analytics", None)
    _build = state
    return config


def _fingerprint_assets(config, state: Build) -> None:
    """Pages link our CSS/JS by content-hashed names (a year of cache is safe)."""
    state.assets = {name: "assets/" + assets.hashed_name(name, (assets.SOURCE / name).read_bytes())
                    for name in assets.FINGERPRINTED}
    config.extra["kb_assets"] = state.assets
    config.extra_css = [state.assets["kb.css"]]
    config.extra_javascript = [state.assets["kb.js"]]


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


def _check_registry(registry: build.Registry, strict: bool) -> None:
    """The registry is a lockfile: --strict refuses to change an existing one."""
    if _command == "serve" or not registry.stale:
        return
    if strict and registry.path.exists():
        log.warning(
            f"问题 ID 登记表 {registry.path} 需要更新（{len(registry.changes)} 处变化："
            f"{'；'.join(registry.changes[:5])}）。请先运行不带 --strict 的 mkdocs build 并提交该文件。")


def _record_registry(state: Build) -> None:
    """Write the registry once the build has succeeded; serve previews never do
    (a half-typed draft must not spend an ID or retire one)."""
    registry = state.registry
    if _command == "serve" or not registry.stale:
        return
    if state.strict and (registry.path.exists() or state.warnings.count):
        return  # a strict build never changes a registry, and one that warned will abort
    first = not registry.path.exists()
    try:
        for path, text in registry.files().items():
            ids.write(path, text)
    except OSError as exc:
        log.warning(f"问题 ID 登记表 {registry.path} 无法写入（{exc.strerror}）：本次构建的 ID 未保存，"
                    "请用 KB_IDS 指定一个可写的位置。")
        return
    if first:
        log.info(f"ID 登记表：新建 {registry.path}，登记了 {len(registry.rows)} 个问题。")
        return
    for change in registry.changes:
        log.info(f"ID 登记表：{change}")


@event_priority(100)  # before other plugins (mkdocs-redirects) look at the files
@_timed
def on_files(files: Files, config) -> Files:
    state = _build
    state.subjects = {**{c.src_uri: c for c in state.kb.categories}, **{i.src_uri: i for i in state.kb.issues}}
    for name, hashed in state.assets.items():
        files.append(File.generated(config, hashed, abs_src_path=str(assets.SOURCE / name)))
    ticket = config.extra["kb_ticket"]
    kb_settings = state.settings
    reply = {"template": kb_settings.reply_template, "greeting": kb_settings.reply_greeting,
             "closing": kb_settings.reply_closing}
    for src_uri, markdown in pages.render_all(state.kb, ticket, kb_settings.nav_limit, reply, kb_settings.events):
        files.append(File.generated(config, src_uri, content=markdown))
        state.generated.add(src_uri)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """The sitemap's lastmod is the day the question last changed (none when the
    source has no git history), never the build date: rebuilding changes nothing."""
    state = _build
    if page.file.src_uri in state.generated:
        subject = state.subjects.get(page.file.src_uri)
        date = state.kb.updated.get(subject.file) if hasattr(subject, "file") else state.kb.last_update
        page.meta["kb_lastmod"] = date
        page.update_date = date or state.kb.last_update or page.update_date  # the sitemap.xml.gz mtime
    return markdown


def on_post_build(config) -> None:
    state = _build
    _report(validate.all_rendered(state.kb, state.answers))
    _write_search_index(state, config)
    prefix = urlsplit(config.site_url or "/").path
    (Path(config.site_dir) / "nginx-redirects.conf").write_text(moves.nginx_redirects(state.kb.moved, prefix),
                                                                encoding="utf-8")
    _record_registry(state)
    if os.environ.get("KB_TIMINGS"):
        Path(os.environ["KB_TIMINGS"]).write_text(json.dumps(state.seconds), encoding="utf-8")


@_timed
def _write_search_index(state: Build, config) -> None:
    """Our search index, its manifest inside Material's search_index.json (see
    search_index.into_material)."""
    site = Path(config.site_dir) / "search"
    files = search_index.build(state.kb, state.vocabulary, state.answers)
    material = site / "search_index.json"
    index = material.read_text(encoding="utf-8") if material.exists() else "{}"
    material.write_text(search_index.into_material(index, files.pop("manifest.json")), encoding="utf-8")
    for folder in {posixpath.dirname(relative) for relative in files}:
        (site / "kb" / folder).mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (site / "kb" / relative).write_bytes(data)


@_timed
def on_page_content(html: str, page, config, files) -> str:
    """Our pages carry FAQ text: sanitise what it rendered to. An issue page's answer
    is then checked complete, and what the page says about it elsewhere (description,
    JSON-LD, 复制回复, search) is derived from this rendering: the theme renders the
    page chrome from page.meta afterwards (overrides/issue.html)."""
    state = _build
    if page.file.src_uri not in state.generated:
        return html
    html = sanitize.clean(html, tuple(state.settings.image_hosts))
    subject = state.subjects.get(page.file.src_uri)
    if subject is None:
        return html
    html = sanitize.describe_images(html, subject.title)
    if isinstance(subject, Issue):
        html = issue_page.mark_durations(subject, html)
        answer = issue_page.answer_text(html)
        # a page that lost part of its answer stops the build now, not after the whole site
        _report(validate.page_complete(subject, answer) + validate.headings_as_text(subject, html))
        page.meta.update(issue_page.answer_meta(subject, answer, state.settings.reply_template))
        state.answers[subject.id] = answer
    return html

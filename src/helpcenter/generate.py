"""The generation step: from the FAQ and the settings, everything a renderer needs to build
the site, with no site generator involved: the pages (Markdown with front matter), their
assets, the search index, the redirect pages of old addresses and nginx's list of them.

  python -m helpcenter.generate -d DIR [--config mkdocs.yml]     (scripts/dev.py generate)

writes them under DIR as a docs folder any renderer builds (renderers/engines.py); the
MkDocs plugin (renderers/mkdocs_plugin.py) hands the same files to MkDocs in memory."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from helpcenter.enrich import ids, knowledge
from helpcenter.enrich.knowledge import Registry
from helpcenter.enrich.taxonomy import TaxonomyError
from helpcenter.hosting import policy, redirects
from helpcenter.index import build as search_index
from helpcenter.index.vocabulary import Vocabulary, VocabularyError, load_vocabulary
from helpcenter.model import Diagnostic, KnowledgeBase
from helpcenter.pages import assets, site
from helpcenter.pages.index_pages import ticket_url
from helpcenter.pages.texts import TemplateError, Texts
from helpcenter.settings import Settings, SettingsError, missing_files, problem_lines, read

log = logging.getLogger("helpcenter")
SEARCH = "search/kb/"  # where the search index lives in the site (the worker fetches it there)


class GenerationError(Exception):
    """Data the build cannot use at all (settings, taxonomy, synonyms, registry, templates)."""


@dataclass
class Source:
    """What the generation reads, checked: the model, its registry, the search vocabulary."""

    settings: Settings
    kb: KnowledgeBase
    registry: Registry
    vocabulary: Vocabulary


@dataclass
class Site:
    """Everything generated. pages: uri -> Markdown; files: uri -> content of static files."""

    pages: dict[str, str]
    files: dict[str, str | bytes]
    assets: dict[str, str]  # name under assets/ -> its content-hashed uri (the templates link these)
    nav: list
    ticket: str  # where 提交工单 leads
    manifest: str  # the search manifest, which rides in Material's search_index.json
    reply_template: str = ""
    policy: str = ""  # the security policy, as a page's <meta> holds it
    answers: dict[str, str] = field(default_factory=dict)  # issue ID -> its answer's text
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def extra(self) -> dict:
        """What the theme's templates read from mkdocs.yml's extra."""
        return {"kb_assets": self.assets, "kb_ticket": self.ticket, "kb_reply_template": self.reply_template,
                "kb_policy": self.policy}


def load(settings: Settings, site_name: str, config_file: str | None = None) -> Source:
    """The model and the data beside it; GenerationError for what cannot be used at all."""
    missing = missing_files(settings)
    if missing:
        raise GenerationError(problem_lines(config_file, missing))
    try:
        vocabulary = load_vocabulary(settings.synonyms)
        kb, registry = knowledge.load(settings, site_name)
    except (OSError, TaxonomyError, VocabularyError, ids.RegistryError) as exc:
        raise GenerationError(str(exc)) from None
    return Source(settings, kb, registry, vocabulary)


def generate(source: Source, site_url: str | None) -> Site:
    kb, settings = source.kb, source.settings
    ticket = ticket_url(kb, settings.ticket_url)
    try:
        texts = Texts(settings.templates)
        pages = site.generate(kb, settings, ticket)
        moved = redirects.pages(kb.moved, texts, policy.meta(settings.image_hosts))
    except TemplateError as exc:
        raise GenerationError(str(exc)) from None
    hashed = assets.fingerprinted()
    files: dict[str, str | bytes] = dict(hashed.values())
    index = search_index.build(kb, source.vocabulary, pages.answers)
    manifest = index["manifest.json"]
    files.update((SEARCH + path, content) for path, content in index.items())
    files.update(moved)
    files["nginx-redirects.conf"] = redirects.nginx(kb.moved, urlsplit(site_url or "/").path)
    files["nginx-headers.conf"] = policy.nginx(settings.image_hosts)
    return Site(pages.pages, files, {name: uri for name, (uri, _) in hashed.items()}, pages.nav, ticket, manifest,
                settings.reply_template, policy.meta(settings.image_hosts), pages.answers, pages.problems)


def write(generated: Site, folder: Path) -> None:
    """folder/docs: the pages and files, a docs folder any renderer builds; folder/kb.yml:
    what the renderer's configuration adds for it (the sidebar, the theme's extra)."""
    for uri, content in [*generated.pages.items(), *generated.files.items()]:
        path = folder / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    extra = {"nav": generated.nav, "extra": generated.extra}
    (folder / "kb.yml").write_text(yaml.safe_dump(extra, allow_unicode=True, sort_keys=False), encoding="utf-8")


def record(registry: Registry, logger: logging.Logger = log) -> None:
    """Write the ID registry (and the category moves) when this build changed them: atomically,
    saying what changed. Callers decide when (never while previewing, never under --strict)."""
    if not registry.stale:
        return
    first = not registry.path.exists()
    try:
        for path, text in registry.files().items():
            ids.write(path, text)
    except OSError as exc:
        logger.warning(f"问题 ID 登记表 {registry.path} 无法写入（{exc.strerror}）：本次构建的 ID 未保存，"
                       "请用 KB_IDS 指定一个可写的位置。")
        return
    if first:
        logger.info(f"ID 登记表：新建 {registry.path}，登记了 {len(registry.rows)} 个问题。")
        return
    for change in registry.changes:
        logger.info(f"ID 登记表：{change}")


def report(problems: list[Diagnostic], logger: logging.Logger = log) -> int:
    """Log each problem as file:line (a renderer passes its own logger: MkDocs counts the
    warnings of its loggers for --strict); the number of errors."""
    errors = 0
    for problem in problems:
        level = {"error": logging.ERROR, "warning": logging.WARNING}.get(problem.severity, logging.INFO)
        errors += problem.severity == "error"
        logger.log(level, str(problem))
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--dir", type=Path, required=True,
                        help="where to write: DIR/docs (the pages and files) and DIR/kb.yml")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the plugins: - kb: settings")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-8s-  %(message)s", level=logging.INFO)
    try:
        settings, warnings = read(args.config)
        config = yaml.load(args.config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        source = load(settings, str(config.get("site_name") or ""), str(args.config))
    except (SettingsError, GenerationError) as exc:
        log.error(str(exc))
        return 1
    for warning in warnings:
        log.warning(warning)
    if report(list(source.kb.diagnostics)):
        return 1
    try:
        generated = generate(source, os.environ.get("KB_SITE_URL") or str(config.get("site_url") or ""))
    except GenerationError as exc:
        log.error(str(exc))
        return 1
    if report(generated.problems):
        return 1
    write(generated, args.dir)
    record(source.registry)
    log.info(f"{len(generated.pages)} 个页面和 {len(generated.files)} 个文件写入了 {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


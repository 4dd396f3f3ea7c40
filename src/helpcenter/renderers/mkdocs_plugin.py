"""The `kb` plugin: MkDocs (and ProperDocs) as the renderer of the generation step.

    plugins:
      - search
      - kb:
          source: content

on_config reads the FAQ and its data (every problem an editor can cause is reported, as
file:line, before any page is rendered); on_files hands the generated pages and files to
MkDocs; on_post_build puts the search manifest in Material's search_index.json and
records the ID registry once the build has succeeded."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from helpcenter import generate, settings
from helpcenter.dialect import validate
from helpcenter.index.build import into_material
from helpcenter.pages.markup import read_front_matter, served_links
from helpcenter.pages.render import RENDERED

_ID = re.compile(r'\bid="([^"]+)"')
log = logging.getLogger("mkdocs.plugins.kb")


class _Setting(c.BaseConfigOption):
    """One of settings.FIELDS: its default and its check, with the editor's words."""

    def __init__(self, field: settings.Field) -> None:
        super().__init__()
        self.field = field
        self.default = field.default

    def run_validation(self, value: object) -> object:
        if value is None:
            return None
        try:
            return self.field.check(value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from None


KbConfig = type("KbConfig", (base.Config,), {name: _Setting(field) for name, field in settings.FIELDS.items()})


class _Warnings(logging.Handler):
    """Counts this build's warnings: a strict build that will abort records no registry."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class KnowledgeBasePlugin(BasePlugin[KbConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.source: generate.Source | None = None
        self.site: generate.Site | None = None
        self.warnings = _Warnings()

    def load_config(self, options, config_file_path=None):
        """MkDocs' checks, with each message naming the line of mkdocs.yml it is about."""
        errors, warnings = super().load_config(options, config_file_path)
        where = settings.line_finder(config_file_path)
        errors = [(key, c.ValidationError(f"{where(key)}plugins.kb.{key}：{exc}")) for key, exc in errors]
        warnings = [(key, f"{where(key)}plugins.kb.{key}：{message}") for key, message in warnings]
        return errors, warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command  # serve previews: it never records IDs

    def on_config(self, config):
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        kb_settings = settings.resolve(dict(self.config), root, os.environ)
        try:
            self.source = generate.load(kb_settings, config.site_name, config.config_file_path)
        except generate.GenerationError as exc:
            raise PluginError(str(exc)) from None
        kb = self.source.kb
        self._stop_on_errors(list(kb.diagnostics) + validate.counts(kb, kb.source_counts))
        self._check_registry(config.strict)
        if self.command != "serve" and (problem := settings.site_url_problem(config.site_url)):
            log.warning(problem)
        config.site_name = kb.name  # mkdocs.yml's, or the source's site.yml (a help center of products)
        if not config.use_directory_urls:
            raise PluginError("mkdocs.yml：use_directory_urls 必须是 true：问题的永久地址是 /q/<编号>/。")
        # editors change the FAQ, the taxonomies, the synonyms and the page texts while previewing
        for watched in {kb_settings.source, kb_settings.taxonomy.parent, kb_settings.taxonomies,
                        kb_settings.synonyms.parent, kb_settings.learned.parent, kb_settings.templates}:
            if watched.exists():
                config.watch.append(str(watched))
        if not kb_settings.events:  # no events script, no vote: Material renders neither without it
            config.extra.pop("analytics", None)
        # the search's own marks (assets/kb.js): Material's would mark every pair, everywhere
        features = config.theme.get("features") or []
        if "search.highlight" in features:
            features.remove("search.highlight")
        return config

    def _stop_on_errors(self, problems) -> None:
        if generate.report(problems, log):
            raise PluginError("FAQ 源文件有错误，构建已停止（见上方 file:line）。")

    def _check_registry(self, strict: bool) -> None:
        """The registry is a lockfile: --strict refuses to change an existing one."""
        registry = self.source.registry
        if self.command != "serve" and registry.stale and strict and registry.path.exists():
            log.warning(f"问题 ID 登记表 {registry.path} 需要更新（{len(registry.changes)} 处变化："
                        f"{'；'.join(registry.changes[:5])}）。请先运行不带 --strict 的 mkdocs build 并提交该文件。")

    @event_priority(100)  # before other plugins look at the files
    def on_files(self, files: Files, config) -> Files:
        try:
            self.site = site = generate.generate(self.source, config.site_url)
        except generate.GenerationError as exc:
            raise PluginError(str(exc)) from None
        self._stop_on_errors(site.problems)  # a page that lost part of its answer: before any is rendered
        config.nav = site.nav
        config.extra.update(site.extra)
        if self.command == "serve":  # live reload is an inline script, which the page's policy would stop
            config.extra["kb_policy"] = ""
        config.extra_css = [site.assets["kb.css"]]
        config.extra_javascript = [site.assets["search/marks.js"], site.assets["kb.js"]]
        for uri, content in site.pages.items():
            file = File.generated(config, uri, content=content)
            files.append(file)
            GeneratedPage(None, file, config)  # becomes file.page
        for uri, content in site.files.items():
            files.append(File.generated(config, uri, content=content))
        return files

    def on_env(self, env, config, files):
        env.globals["kb_once"] = Once()  # a fresh one each build: the sidebar may have changed
        return env

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """The sitemap's lastmod is the day the source last changed."""
        date = page.meta.get("kb_lastmod")
        page.update_date = date or page.update_date  # the sitemap.xml.gz mtime: rebuilding changes nothing
        return markdown

    @event_priority(-100)  # after Material's search plugin has written search_index.json
    def on_post_build(self, config) -> None:
        material = Path(config.site_dir) / "search" / "search_index.json"
        index = material.read_text(encoding="utf-8") if material.exists() else "{}"
        material.parent.mkdir(parents=True, exist_ok=True)
        material.write_text(into_material(index, self.site.manifest), encoding="utf-8")
        self._record_registry(bool(config.strict))

    def _record_registry(self, strict: bool) -> None:
        """Once the build has succeeded; serve previews never write it (a half-typed draft
        must not spend an ID or retire one), nor does a strict build change one."""
        registry = self.source.registry
        if self.command == "serve" or (strict and (registry.path.exists() or self.warnings.count)):
            return
        generate.record(registry, log)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


class GeneratedPage(Page):
    """A page of the generation step: its front matter is JSON (pages/markup.py), read as
    such, and a body it rendered already (issue and category pages: one raw HTML block) is
    used as it is, its links made MkDocs' own. MkDocs would parse the front matter as YAML
    and make a Markdown instance with every extension for each page, most of the time a
    100,000-question build spent in MkDocs."""

    def read_source(self, config) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        ours = read_front_matter(self.file.content_string if source is None else source)
        if ours is None:
            super().read_source(config)
        else:
            self.meta, self.markdown = ours

    def render(self, config, files: Files) -> None:
        if not self.markdown.startswith(RENDERED):
            super().render(config, files)
            return
        self.content = served_links(self.markdown, self.file.src_uri)
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set(_ID.findall(self.content))  # what other pages' #anchors may name
        self.links_to_anchors = {}


class Once:
    """What a template renders the same on many pages, rendered once a build
    (overrides/issue.html: the sidebars of issue pages)."""

    def __init__(self) -> None:
        self.kept: dict[str, Markup] = {}

    def get(self, key: str) -> Markup | None:
        return self.kept.get(key)

    def put(self, key: str, html: str) -> Markup:
        self.kept[key] = Markup(html)
        return self.kept[key]

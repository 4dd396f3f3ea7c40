"""The knowledge base's settings: `extra.kb` in mkdocs.yml, declared and checked the
way Material declares its plugins' settings (a typed MkDocs `Config`).

Hooks cannot add a top-level key to mkdocs.yml (MkDocs warns about unknown keys, and
--strict fails), so the settings live under `extra.kb`. KB_SOURCE and KB_IDS in the
environment override `source` and `ids` (one checkout, several FAQs).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c

from helpcenter.dialect.sanitize import IMAGE_HOSTS
from helpcenter.pages.issue_page import ReplyTemplateError, reply_template
from helpcenter.slugs import slugify

ENVIRONMENT = {"KB_SOURCE": "source", "KB_IDS": "ids", "KB_LEARNED": "learned"}


class _ReplyTemplate(c.Type):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        try:
            return reply_template(super().run_validation(value))
        except ReplyTemplateError as exc:
            raise c.ValidationError(str(exc)) from None


class _Hosts(c.ListOfItems):
    def run_validation(self, value: object) -> list[str]:
        hosts = [h.strip().lower() for h in super().run_validation(value)]
        if not hosts or not all(re.fullmatch(r"[a-z0-9.-]+", h) for h in hosts):
            raise c.ValidationError("应为主机名列表，如 [qcloudimg.com, myqcloud.com]。")
        return hosts


class _Positive(c.Type):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise c.ValidationError(f"应为正整数，现在是 {value!r}。")
        return value


class KbConfig(base.Config):
    """`extra.kb`; relative paths are relative to mkdocs.yml."""

    # the FAQ: one Markdown file or a folder of them (read recursively)
    source = c.Type(str, default="content")
    # the ID registry; default data/ids/<slug of the source's name>.tsv
    ids = c.Optional(c.Type(str))
    taxonomy = c.File(exists=True, default="data/tags.yml")
    synonyms = c.File(exists=True, default="data/synonyms.yml")
    # 复制回复: {title} the question, {fix} the answer's first sentence, {url} the permanent link
    reply_template = _ReplyTemplate(default="{title}\n{url}")
    # the reply desk (/reply/) puts these before and after the issues it quotes
    reply_greeting = c.Type(str, default="")
    reply_closing = c.Type(str, default="")
    # categories listed in the sidebar; beyond, top-level folders only
    nav_limit = _Positive(default=60)
    # where 提交工单 leads; default: the link the FAQ itself uses most
    ticket_url = c.Optional(c.URL())
    # FAQ images load only from these hosts and their subdomains
    image_hosts = _Hosts(c.Type(str), default=list(IMAGE_HOSTS))
    # readers' events to /kb-event (docs/assets/kb-events.js) and the 有帮助/没帮助 vote
    events = c.Type(bool, default=True)
    # the search's learned queries; default data/learned/<slug of the source's name>.yml
    learned = c.Optional(c.Type(str))


class SettingsError(ValueError):
    """extra.kb cannot be used; the message names mkdocs.yml, the line and the setting."""


def load(extra: Mapping, config_file: str | None, environ: Mapping[str, str]) -> tuple[KbConfig, list[str]]:
    """extra.kb checked, with environment overrides; returns it and warnings to log
    (an unknown setting: a typo an editor should see, and --strict fails on)."""
    raw = extra.get("kb") or {}
    if not isinstance(raw, Mapping):
        raise SettingsError(f"{_where(config_file, None)}extra.kb 应为设置项的映射（source、reply_template 等）。")
    raw = dict(raw)
    for variable, key in ENVIRONMENT.items():
        if environ.get(variable):
            raw[key] = environ[variable]
    settings = KbConfig(config_file_path=config_file)
    settings.load_dict(raw)
    failed, warnings = settings.validate()
    if failed:
        raise SettingsError("\n".join(f"{_where(config_file, key)}extra.kb.{key}：{exc}" for key, exc in failed))
    root = Path(config_file).parent if config_file else Path.cwd()
    source = (root / settings.source).resolve()
    settings.source = str(source)
    # each FAQ its own registry, named after it (content.tsv, icp-faq.tsv)
    name = source.stem if source.is_file() else source.name
    settings.ids = str((root / (settings.ids or f"data/ids/{slugify(name)}.tsv")).resolve())
    settings.learned = str((root / (settings.learned or f"data/learned/{slugify(name)}.yml")).resolve())
    return settings, [f"{_where(config_file, key)}extra.kb.{key}：{exc}" for key, exc in warnings]


def _where(config_file: str | None, key: str | None) -> str:
    """`mkdocs.yml:12: ` for the line that sets extra.kb.<key> (or extra.kb itself)."""
    if not config_file:
        return ""
    name = Path(config_file).name
    try:
        lines = Path(config_file).read_text(encoding="utf-8").split("\n")
    except OSError:
        return f"{name}: "
    start = next((n for n, line in enumerate(lines) if re.match(r"\s+kb\s*:", line)), None)
    if start is None:
        return f"{name}: "
    if key:
        for n in range(start + 1, len(lines)):
            if re.match(rf"\s+{re.escape(key)}\s*:", lines[n]):
                return f"{name}:{n + 1}: "
    return f"{name}:{start + 1}: "


def site_url_problem(site_url: str | None) -> str | None:
    """Canonical URLs, the sitemap and JSON-LD are built from site_url: a published
    site must not point them at a developer's machine."""
    host = urlsplit(site_url or "").hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost" or host.endswith(".localhost")
    if host and not loopback:
        return None
    return (f"mkdocs.yml 的 site_url 是“{site_url or ''}”：规范链接、sitemap 和结构化数据会指向"
            "这个地址。发布前请把 site_url（或环境变量 KB_SITE_URL）设为站点的公开地址。")

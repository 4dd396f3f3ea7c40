"""The knowledge base's settings: what `plugins: - kb:` holds in mkdocs.yml, declared once
(FIELDS), checked with messages an editor can act on (`mkdocs.yml:41: plugins.kb.nav_limit：
应为正整数…`), with paths resolved beside mkdocs.yml and KB_SOURCE, KB_IDS and KB_LEARNED
from the environment. The MkDocs plugin builds its typed config from FIELDS
(renderers/mkdocs_plugin.py); `read` takes the same section from mkdocs.yml without
MkDocs, for the generation step on its own and other renderers."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from helpcenter import reply
from helpcenter.slugs import slugify

ENVIRONMENT = {"KB_SOURCE": "source", "KB_IDS": "ids", "KB_LEARNED": "learned"}
# FAQ images load from these hosts (and their subdomains) only: FAQ text must not make
# readers' browsers call other hosts (tracking pixels, reachability in mainland China)
IMAGE_HOSTS = ("qcloudimg.com", "cloud.tencent.com", "qcloud.com", "tencent.com", "myqcloud.com", "tencent-cloud.cn")


class SettingsError(ValueError):
    """The settings cannot be used; the message names mkdocs.yml, the line and the setting."""


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"应为文字，现在是 {value!r}。")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"应为 true 或 false，现在是 {value!r}。")
    return value


def _positive(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"应为正整数，现在是 {value!r}。")
    return value


def _hosts(value: object) -> tuple[str, ...]:
    hosts = [h.strip().lower() for h in value] if isinstance(value, list) and all(
        isinstance(h, str) for h in value) else None
    if not hosts or not all(re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", h) for h in hosts):
        raise ValueError("应为主机名列表，如 [qcloudimg.com, myqcloud.com]（不带 http:// 和路径）。")
    return tuple(hosts)


def _url(value: object) -> str:
    parts = urlsplit(_text(value))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"应为完整的网址（https://…），现在是 {value!r}。")
    return value


def _template(value: object) -> str:
    try:
        return reply.check(_text(value))
    except reply.ReplyTemplateError as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class Field:
    default: object
    check: Callable[[object], object]
    help: str


# Each setting: its default, its check (returns the value to use, raises ValueError with
# the editor's message) and what it is for. Paths are relative to mkdocs.yml; None means
# "named after the source" (ids, learned).
FIELDS: dict[str, Field] = {
    "source": Field("content", _text, "the FAQ: one Markdown file or a folder (of products' folders)"),
    "ids": Field(None, _text, "the permanent-ID registry; default data/ids/<source name>.tsv"),
    "taxonomy": Field("data/tags.yml", _text, "symptom tags of a one-product source"),
    "taxonomies": Field("data/taxonomies", _text, "a folder of products' taxonomies (their `products:` say whose)"),
    "synonyms": Field("data/synonyms.yml", _text, "what readers type instead of the FAQ's words"),
    "learned": Field(None, _text, "what readers taught the search; default data/learned/<source name>.yml"),
    "templates": Field("overrides/kb", _text, "page texts that replace the package's (pages/templates/)"),
    "reply_template": Field("{title}\n{url}", _template, "复制回复: {title}, {fix}, {url}"),
    "reply_greeting": Field("", _text, "what the reply desk puts before the issues it quotes"),
    "reply_closing": Field("", _text, "what the reply desk puts after them"),
    "nav_limit": Field(60, _positive, "categories listed in the sidebar; beyond, products and folders"),
    "ticket_url": Field(None, _url, "where 提交工单 leads; default the link the FAQ uses most"),
    "image_hosts": Field(list(IMAGE_HOSTS), _hosts, "FAQ images load only from these hosts"),
    "events": Field(True, _flag, "readers' events to /kb-event and the 有帮助/没帮助 vote"),
}
PATHS = ("source", "ids", "taxonomy", "taxonomies", "synonyms", "learned", "templates")


@dataclass(frozen=True)
class Settings:
    """The checked settings; paths absolute."""

    source: Path
    ids: Path
    taxonomy: Path
    taxonomies: Path
    synonyms: Path
    learned: Path
    templates: Path
    reply_template: str
    reply_greeting: str
    reply_closing: str
    nav_limit: int
    ticket_url: str | None
    image_hosts: tuple[str, ...]
    events: bool


def check(raw: Mapping) -> tuple[dict[str, object], list[tuple[str, str]], list[str]]:
    """(values with defaults, [(setting, problem)], unknown setting names)."""
    values, problems = {}, []
    for name, field in FIELDS.items():
        value = raw.get(name, field.default)
        if value is None:
            values[name] = None
            continue
        try:
            values[name] = field.check(value)
        except ValueError as exc:
            problems.append((name, str(exc)))
    return values, problems, [key for key in raw if key not in FIELDS]


def defaults(root: Path, environ: Mapping[str, str] | None = None, **values: object) -> Settings:
    """The settings mkdocs.yml's defaults give, with `values` instead (tests, benchmarks)."""
    checked, problems, _ = check(values)
    if problems:
        raise SettingsError(problem_lines(None, problems))
    return resolve(checked, root, environ or {})


def resolve(values: Mapping[str, object], root: Path, environ: Mapping[str, str]) -> Settings:
    """Settings from checked values: the environment's overrides, paths beside mkdocs.yml."""
    values = dict(values)
    for variable, name in ENVIRONMENT.items():
        if environ.get(variable):
            values[name] = environ[variable]
    source = (root / str(values["source"])).resolve()
    name = slugify(source.stem if source.is_file() else source.name)  # each FAQ its own registry
    values.setdefault("ids", None)
    values["ids"] = values["ids"] or f"data/ids/{name}.tsv"
    values["learned"] = values.get("learned") or f"data/learned/{name}.yml"
    paths = {key: (root / str(values[key])).resolve() for key in PATHS}
    return Settings(**{**values, **paths, "image_hosts": tuple(values["image_hosts"])})


def problem_lines(config_file: str | None, problems: list[tuple[str, str]]) -> str:
    where = line_finder(config_file)
    return "\n".join(f"{where(name)}plugins.kb.{name}：{message}" for name, message in problems)


def line_finder(config_file: str | None) -> Callable[[str | None], str]:
    """name -> `mkdocs.yml:41: ` for the line that sets plugins.kb.<name> (or the kb entry)."""
    lines = _kb_lines(config_file) if config_file else {}
    label = Path(config_file).name if config_file else ""

    def where(name: str | None) -> str:
        line = lines.get(name) or lines.get(None)
        return f"{label}:{line}: " if line else (f"{label}: " if label else "")
    return where


class Tolerant(yaml.SafeLoader):
    """mkdocs.yml as YAML: MkDocs' tags (!ENV, !!python/name) read as their plain value."""


Tolerant.add_multi_constructor("", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None))


def _kb_node(root: yaml.Node | None) -> yaml.Node | None:
    """The node of `plugins: - kb: …` (a list or a mapping of plugins)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    plugins = next((value for key, value in root.value if key.value == "plugins"), None)
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins] if plugins else []
    for item in items:
        if isinstance(item, yaml.ScalarNode) and item.value == "kb":
            return item
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if key.value == "kb":
                    return value if isinstance(value, yaml.MappingNode) else key
    return None


def _kb_lines(config_file: str) -> dict[str | None, int]:
    try:
        node = _kb_node(yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=Tolerant))
    except (OSError, yaml.YAMLError):
        return {}
    if node is None:
        return {}
    lines: dict[str | None, int] = {None: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        lines.update((key.value, key.start_mark.line + 1) for key, _ in node.value)
    return lines


def read(config_file: Path, environ: Mapping[str, str] = os.environ) -> tuple[Settings, list[str]]:
    """The settings in mkdocs.yml's `plugins: - kb:`, without MkDocs; (settings, warnings)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Tolerant) or {}
        node = _kb_node(yaml.compose(config_file.read_text(encoding="utf-8"), Loader=Tolerant))
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"{config_file}: 无法读取（{exc}）") from None
    raw = yaml.load(yaml.serialize(node), Loader=Tolerant) if isinstance(node, yaml.MappingNode) else {}
    if not isinstance(data, dict) or node is None:
        raise SettingsError(f"{config_file.name}: 没有找到 plugins: - kb: 设置。")
    values, problems, unknown = check(raw)
    if problems:
        raise SettingsError(problem_lines(str(config_file), problems))
    where = line_finder(str(config_file))
    warnings = [f"{where(name)}plugins.kb.{name}：没有这个设置项。" for name in unknown]
    return resolve(values, config_file.parent, environ), warnings


def missing_files(settings: Settings) -> list[tuple[str, str]]:
    """[(setting, problem)] for data files that must exist."""
    return [(name, f"文件 {getattr(settings, name)} 不存在。") for name in ("taxonomy", "synonyms")
            if not getattr(settings, name).is_file()]


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

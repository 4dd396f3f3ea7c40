"""The links in the pages this step renders (issue and category pages), checked as MkDocs
checks a page's links, and said to an editor: in Chinese, naming the FAQ file and line
the link came from. A link to a page or place that does not exist stays as written;
the build says so (a relative link is a warning, so --strict fails; a missing anchor and
a link starting with / are news, as MkDocs' validation defaults have them)."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from helpcenter.model import Diagnostic

_HREF = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"")
_ID = re.compile(r"\bid=\"([^\"]*)\"")

RELATIVE = "链接“{link}”在帮助中心找不到目标，已原样保留；请改成完整地址（如 https://cloud.tencent.com/document/…）。"
ABSOLUTE = "链接“{link}”以 / 开头，在帮助中心可能打不开；请改成完整地址（https://…）。"
ANCHOR = "链接“{link}”指向的锚点不存在；请检查它和 [](id:…) 或 <span id> 写的名字是否一致。"


def _served(uri: str) -> str:
    """The folder a page is served from: q/12.md -> q/12."""
    stem = uri[:-3] if uri.endswith(".md") else uri
    return "" if stem == "index" else stem.removesuffix("/index")


def check(rendered: dict[str, tuple[str, tuple[str, int]]], pages: set[str]) -> list[Diagnostic]:
    """rendered: page uri -> (its HTML, the FAQ file and line it comes from); pages: the
    uris of every page of the site."""
    ids = {_served(uri): set(map(html.unescape, _ID.findall(body))) for uri, (body, _) in rendered.items()}
    known = {_served(uri) for uri in pages}
    problems = []
    for uri, (body, (file, line)) in rendered.items():
        here = _served(uri)
        for target in dict.fromkeys(html.unescape(h) for h in _HREF.findall(body)):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "tel:")):
                continue
            if parts.path.startswith("/"):
                problems.append(Diagnostic(file, line, ABSOLUTE.format(link=target), "info"))
                continue
            if parts.path.endswith(".md"):  # as Markdown links are written: relative to the source file
                page = _served(posixpath.normpath(posixpath.join(posixpath.dirname(uri), parts.path)))
            else:
                page = posixpath.normpath(posixpath.join(here, parts.path)) if parts.path else here
            page = "" if page == "." else page
            if page not in known:
                problems.append(Diagnostic(file, line, RELATIVE.format(link=target)))
            elif parts.fragment and page in ids and unquote(parts.fragment) not in ids[page]:
                problems.append(Diagnostic(file, line, ANCHOR.format(link=target), "info"))
    return problems

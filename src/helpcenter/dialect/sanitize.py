"""Make rendered FAQ HTML safe and reader-friendly.

FAQ text is data: whatever raw HTML editors wrote (or attackers slipped in) goes
through nh3 (the Rust `ammonia` sanitiser) with an allow-list: formatting, links,
images, tables and the markup our own Markdown extensions produce. Scripts,
iframes, styles, event handlers and `javascript:`/`data:` URLs are dropped.
Images become lazy-loaded and get a meaningful alt text; images from hosts other
than the FAQ's own (the image_hosts setting: settings.IMAGE_HOSTS by default) lose their
source; the security policy allows images from the same hosts (hosting/policy.py).
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlsplit

import nh3

from helpcenter.settings import IMAGE_HOSTS

TAGS = nh3.ALLOWED_TAGS
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "ol": {"start", "type"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript",
                     "template", "textarea", "select", "frameset", "frame"}

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_ALT = re.compile(r'\balt="([^"]*)"')




def image_host_allowed(url: str, hosts: tuple[str, ...] = IMAGE_HOSTS) -> bool:
    host = (urlsplit(url).hostname or "") if "//" in url else ""
    if not host:
        return True  # a relative path: the site's own file
    return any(host == h or host.endswith("." + h) for h in hosts)


@functools.cache
def _filter_for(hosts: tuple[str, ...]):
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src" and not image_host_allowed(value, hosts):
            return None
        return value
    return keep


def clean(fragment: str, image_hosts: tuple[str, ...] = IMAGE_HOSTS) -> str:
    return nh3.clean(
        fragment,
        attribute_filter=_filter_for(tuple(image_hosts)),
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        set_tag_attribute_values={"img": {"loading": "lazy"}},
    )


def describe_images(fragment: str, subject: str) -> str:
    """Give every image without alt text one: '<subject> 截图 N'."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        count += 1
        attrs = match.group(1)
        alt = _ALT.search(attrs)
        if alt and alt.group(1).strip():
            return match.group(0)
        text = html.escape(f"{subject} 截图 {count}", quote=True)
        attrs = _ALT.sub("", attrs) if alt else attrs
        return f'<img alt="{text}"{attrs}>'

    return _IMG.sub(replace, fragment)

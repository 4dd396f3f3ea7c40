"""The Content-Security-Policy every page carries (hosting/policy.py): no page needs an
inline script, a style attribute or an event handler, so the policy can forbid them all;
the FAQ's image hosts are the only other origin. (Headers from nginx: test_hosting.py;
what a browser does with the policy: test_security_policy_browser.py.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT
from helpcenter import generate, settings
from helpcenter.hosting import policy, redirects
from helpcenter.pages.texts import Texts

DATA_SCRIPTS = {"application/json", "application/ld+json"}  # data blocks: nothing runs


class Inline(HTMLParser):
    """What a strict policy would block, and the policy <meta>s, of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.before_policy: list[str] = []  # tags in <head> before the policy
        self.blocked: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")
        elif not self.policies and tag not in ("html", "head", "meta", "title"):
            self.before_policy.append(tag)
        if tag == "style":
            self.blocked.append("<style>")
        if tag == "script" and "src" not in attrs and attrs.get("type") not in DATA_SCRIPTS:
            self._script = True
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.blocked.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        if self._script and data.strip():
            self.blocked.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False


def read(path: Path) -> Inline:
    parser = Inline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_carries_the_policy_first_and_needs_nothing_it_forbids(seed_site):
    expected = policy.meta(settings.IMAGE_HOSTS)
    pages = sorted(seed_site.rglob("*.html"))
    assert len(pages) > 20 and any("/c/" in str(p) for p in pages)
    for path in pages:
        page = read(path)
        assert page.policies == [expected], path
        assert page.before_policy == [], (path, page.before_policy)
        assert page.blocked == [], (path, page.blocked)
    for name, value in policy.directives(settings.IMAGE_HOSTS).items():
        assert f"{name} {value}" in (seed_site / "nginx-headers.conf").read_text(encoding="utf-8")


def test_a_moved_category_page_carries_the_policy(tmp_path):
    expected = policy.meta(settings.IMAGE_HOSTS)
    for name, text in redirects.pages({"old": "new"}, Texts(), expected).items():
        (tmp_path / "page.html").write_text(text, encoding="utf-8")
        page = read(tmp_path / "page.html")
        assert (page.policies, page.before_policy, page.blocked) == ([expected], [], []), name


def test_the_policy_forbids_inline_code_and_framing():
    directives = policy.directives(("qcloudimg.com",))
    assert directives["script-src"] == directives["style-src"] == directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "frame-ancestors" not in policy.meta(("qcloudimg.com",))  # browsers ignore it in a <meta>
    assert "'unsafe" not in policy.header(("qcloudimg.com",))


def test_images_load_from_the_hosts_the_settings_name_and_no_other(tmp_path):
    values = settings.defaults(ROOT, ids=str(tmp_path / "ids.tsv"), image_hosts=["img.example.org"])
    site = generate.generate(generate.load(values, "帮助中心"), "https://help.example.org/")
    images = policy.directives(("img.example.org",))["img-src"]
    assert images == "'self' data: img.example.org *.img.example.org"
    assert f"img-src {images};" in site.policy
    assert f"img-src {images};" in site.files["nginx-headers.conf"]
    assert "qcloudimg" not in site.policy + site.files["nginx-headers.conf"]

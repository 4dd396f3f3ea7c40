"""The built site behind a real nginx (Debian's), started on a loopback port."""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
from pathlib import Path

import pytest
from test_links import split_seed

from conftest import build_site
from helpcenter.hosting.nginx import NGINX, start


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: `apt-get install nginx` (scripts/dev.py test does it)")
    work = tmp_path_factory.mktemp("nginx")
    source, ids = work / "faq", work / "ids.tsv"
    split_seed(source)
    assert build_site(work / "first", source=source, ids=ids).returncode == 0
    old = next(p.name for p in (work / "first" / "c").iterdir() if p.name.startswith("he-yan"))
    (source / "核验与报错.md").rename(source / "视频核验与报错.md")  # a renamed category
    site = work / "site"
    assert build_site(site, source=source, ids=ids).returncode == 0
    process, port = start(site, work)
    yield port, old
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(work / "site", ignore_errors=True)


def get(port: int, path: str, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response, body.decode("utf-8", "replace")


def test_a_page(hosted):
    port, _ = hosted
    response, body = get(port, "/q/2/", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "max-age=300" in response.getheader("Cache-Control")
    assert '<meta name="kb-id" content="2">' in body and "<h1" in body


def test_hashed_assets_are_cached_long(hosted):
    """Material's bundle and our own CSS, JS and search worker: content-hashed names."""
    port, _ = hosted
    _, home = get(port, "/")
    assets = re.findall(r'(?:src|href)="([^"]*(?:bundle|kb)\.[0-9a-f]{8}(?:\.min)?\.(?:js|css))"', home)
    assets += re.findall(r'"([^"]*search/worker\.[0-9a-f]{8}\.js)"', home)
    assert len(assets) == 4 and not re.search(r'"[^"]*assets/kb\.(css|js)"', home)
    for asset in assets:
        response, _ = get(port, "/" + asset.lstrip("./"))
        assert response.status == 200 and "immutable" in response.getheader("Cache-Control"), asset
    response, _ = get(port, "/search/search_index.json")
    assert "max-age=300" in response.getheader("Cache-Control")


def test_a_moved_category_redirects(hosted):
    port, old = hosted
    response, _ = get(port, f"/c/{old}/")
    assert response.status == 301
    assert response.getheader("Location").endswith("/c/shi-pin-he-yan-yu-bao-cuo/")
    response, body = get(port, "/c/shi-pin-he-yan-yu-bao-cuo/")
    assert response.status == 200 and "视频核验与报错" in body


def test_a_missing_page_is_a_chinese_404_with_search(hosted):
    port, _ = hosted
    response, body = get(port, "/no/such/page/")
    assert response.status == 404
    assert "页面不存在" in body and 'for="__search"' in body


def request(port: int, method: str, path: str, body: bytes | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body)
    response = connection.getresponse()
    response.read()
    return response


@pytest.mark.parametrize("method, path, body, status", [
    ("GET", "/", None, 200),
    ("GET", "/q/2/", None, 200),
    ("GET", "/search/search_index.json", None, 200),
    ("GET", "HASHED", None, 200),
    ("GET", "/no/such/page/", None, 404),
    ("GET", "OLD", None, 301),
    ("POST", "/kb-event", b'{"v":1,"e":"search","q":"x"}', 204),
    ("POST", "/kb-event", b"x" * 4096, 413),
    ("GET", "/kb-event", None, 403),
], ids=["home", "page", "index", "hashed asset", "404", "moved", "event", "oversized event", "event by GET"])
def test_every_response_carries_the_security_headers(hosted, method, path, body, status):
    """nginx drops the server's add_header lines in a location with its own, and sends
    them on errors only with `always`: every kind of response, checked."""
    port, old = hosted
    if path == "HASHED":
        _, home = get(port, "/")
        path = "/" + re.search(r'src="([^"]*bundle\.[0-9a-f]{8}\.min\.js)"', home)[1].lstrip("./")
    path = f"/c/{old}/" if path == "OLD" else path
    response = request(port, method, path, body)
    assert response.status == status
    policy = response.getheader("Content-Security-Policy") or ""
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")

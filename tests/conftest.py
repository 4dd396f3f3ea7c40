"""Shared helpers: building the site with the real MkDocs CLI, serving it, a browser."""

from __future__ import annotations

import functools
import http.server
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "icp-faq"
DEFAULT_SOURCE = ROOT / "content"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner, in-process builds too


class BuildResult(NamedTuple):
    returncode: int
    stdout: str
    stderr: str  # the log, as the CLI prints it: "WARNING -  file:line: message"


class _Log(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def build_site(out: Path, source: Path | None = None, ids: Path | None = None, strict: bool = False,
               config: Path | None = None, hash_seed: str | None = None) -> BuildResult:
    """`mkdocs build` as a user runs it. In this process, by the CLI's own steps
    (load_config, on_startup, build, on_shutdown), so that jieba's dictionary loads once
    per test run instead of once per build; in a new interpreter when the test needs
    one (hash_seed: PYTHONHASHSEED)."""
    kb_env = {"KB_SOURCE": str(source) if source is not None else None,
              "KB_IDS": str(ids) if ids is not None else None}
    cmd = ["build", "-d", str(out), "-f", str(config or ROOT / "mkdocs.yml")] + (["--strict"] if strict else [])
    if hash_seed is not None:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        for name, value in kb_env.items():
            env.pop(name, None)
            if value is not None:
                env[name] = value
        done = subprocess.run([sys.executable, "-m", "mkdocs", *cmd], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)
        return BuildResult(done.returncode, done.stdout, done.stderr)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved = {name: os.environ.get(name) for name in kb_env}
    logger = logging.getLogger("mkdocs")
    log, level = _Log(), logger.level
    logger.addHandler(log)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        for name, value in kb_env.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value
        config_ = load_config(str(config or ROOT / "mkdocs.yml"), site_dir=str(out), strict=strict)
        config_.plugins.on_startup(command="build", dirty=False)
        try:
            build(config_)
        finally:
            config_.plugins.on_shutdown()
    except SystemExit as exc:  # mkdocs.exceptions.Abort: what the CLI prints, and exit status 1
        log.lines.append(str(exc))
        returncode = 1
    except Exception:  # the CLI would print a traceback
        log.lines.append(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(log)
        logger.setLevel(level)
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value
    return BuildResult(returncode, "", "\n".join(log.lines) + "\n")


def site_config(folder: Path, **kb) -> Path:
    """mkdocs.yml as the project has it, written in `folder`, with the kb plugin's settings
    `kb` (YAML values) after its own (the last of a key wins) and every path absolute."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    paths = {"source": ROOT / "content", "taxonomy": ROOT / "data/tags.yml", "taxonomies": ROOT / "data/taxonomies",
             "synonyms": ROOT / "data/synonyms.yml", "templates": ROOT / "overrides/kb"}
    settings = {**{key: str(value) for key, value in paths.items()}, **kb}
    lines = "".join(f"      {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in settings.items())
    head, _, tail = text.partition("\nextra:\n")
    config = folder / "mkdocs.yml"
    config.write_text(f"{head.rstrip()}\n{lines}\nextra:\n{tail}", encoding="utf-8")
    return config


def load_kb(source: Path, ids: Path, **values):
    """(KnowledgeBase, Registry) of a source with mkdocs.yml's default settings but `values`."""
    from helpcenter import settings
    from helpcenter.enrich import knowledge

    return knowledge.load(settings.defaults(ROOT, source=str(source), ids=str(ids), **values), "备案帮助中心")


def rendered_answers(kb) -> dict[str, str]:
    """Issue ID -> its answer's text, as the generation step renders it (pages/site.py)."""
    from helpcenter import settings
    from helpcenter.pages import site

    return site.generate(kb, settings.defaults(ROOT), "https://example.org/ticket").answers


def source_questions(root: Path) -> list[tuple[str, int, str]]:
    """(file, line, title) of every `###` question or symptom heading, read straight
    from the source files (an oracle independent of the parser)."""
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix in ("", ".md", ".txt", ".markdown")
        and not any(part.startswith(".") for part in p.relative_to(root).parts[:-1])
        and not p.name.startswith("._") and (not p.name.startswith(".") or p.suffix in (".md", ".markdown")))
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        in_fence = False
        for n, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            match = re.match(r"^ {0,3}###(?!#)\s*(.*)$", line)  # CommonMark: up to three spaces
            # a question, or a symptom stated as the heading (收不到…, …打不开, 提示“…”; README)
            heading = match.group(1) if match else ""
            if match and not in_fence and re.search(
                    r"[？?“「\"]|提示|报错|错误|失败|打不开|收不到|无法|未通过|不通过|超时|异常|黑屏|不上"
                    r"|(返回|出现)\s*[1-5]\d\d(?!\d)|^(如何|怎么|怎样|为什么|为何|能否|是否|可否)|(是什么|吗)[。.]?$",
                    heading.strip()):
                title = re.sub(r"\s*\[\]\(id:[^)]*\)\s*$", "", match.group(1)).strip()
                found.append((path.name, n, title))
    return found


class _PageText(HTMLParser):
    """h1 text and visible article text of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self._in_article = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "article":
            self._in_article += 1
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "article":
            self._in_article -= 1
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self._skip:
            return
        if "h1" in self._stack and self._in_article:
            self.h1.append(data)
        if self._in_article:
            self.text.append(data)


def parse_page(path: Path) -> tuple[str, str]:
    """(h1, article text) of a built HTML page."""
    parser = _PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.h1).strip(), " ".join(parser.text)


def issue_pages(site: Path) -> dict[Path, tuple[str, str]]:
    return {p: parse_page(p) for p in sorted((site / "q").glob("*/index.html"))}


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "site"
    result = build_site(out, strict=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the real corpus is not here ({CORPUS}); it is beside the project in CI")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_build(corpus, tmp_path_factory):
    """The corpus site built once; (site dir, build result)."""
    work = tmp_path_factory.mktemp("corpus")
    ids = work / "ids.tsv"
    committed = ROOT / "data" / "ids" / "icp-faq.tsv"
    if committed.exists():
        shutil.copy(committed, ids)
    result = build_site(work / "site", source=corpus, ids=ids)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site", result


# -- serving and browsing -----------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL, one server per folder; they stop at the end of the session."""
    servers: dict[Path, http.server.ThreadingHTTPServer] = {}

    def start(site: Path) -> str:
        server = servers.get(site)
        if server is None:
            handler = functools.partial(_QuietHandler, directory=str(site))
            server = servers[site] = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            # a short poll: shutdown() waits for it, once per server
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (scripts/dev.py test does it)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# a phone as the reader holds it: 390 px, touch, a mobile viewport
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2, "locale": "zh-CN"}


@pytest.fixture
def fresh_page(browser):
    """fresh_page(**context options) -> a page in a new context (a cold page: empty cache,
    no storage); the contexts close when the test ends."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    """Type a query into Material's header search box once the engine is ready;
    the result titles in order."""
    box = page.locator("input.md-search__input")
    box.click()
    meta = "document.querySelector('.md-search-result__meta')"
    page.wait_for_function(f"() => {meta} && !/初始化/.test({meta}.textContent)", timeout=15000)
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 0"
        f" || /没有找到/.test({meta}.textContent)", timeout=15000)
    settle(page)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link article :is(h1, h2)",
        "els => els.map(e => e.textContent.replace(/\\u200b/g, '').trim())")


def settle(page, quiet_ms: int = 300) -> None:
    """Wait until the search results have not changed for quiet_ms: every character typed
    asks the worker again, and the list is redrawn for each answer."""
    page.evaluate("""quiet => new Promise(done => {
        const result = document.querySelector('.md-search-result');
        const finish = () => { observer.disconnect(); done(); };
        let timer = setTimeout(finish, quiet);
        const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, quiet); });
        observer.observe(result, {childList: true, subtree: true, characterData: true});
    })""", quiet_ms)


def page_by_title(site: Path, title: str) -> Path:
    """The built issue page whose h1 is `title`."""
    for path, (h1, _) in issue_pages(site).items():
        if h1 == title:
            return path
    raise AssertionError(f"no issue page titled {title!r}")

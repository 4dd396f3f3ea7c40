"""The kb plugin's settings in mkdocs.yml (helpcenter/settings.py, declared once): each
mistake an editor can make is one message naming mkdocs.yml, the line and the setting,
whether MkDocs reads them (the plugin's typed config) or the generation step alone does;
the environment overrides paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from helpcenter import settings


def project(tmp_path: Path, kb: str) -> Path:
    """A mkdocs.yml whose plugins: - kb: holds `kb` (YAML lines), with the data files beside it."""
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "docs").mkdir(exist_ok=True)
    for name in ("tags.yml", "synonyms.yml"):
        (tmp_path / "data" / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = "site_name: x\nplugins:\n  - search\n  - kb:\n" + "".join(f"      {line}\n" for line in kb.splitlines())
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_default_content_and_the_data_folder(tmp_path):
    kb, warnings = settings.read(project(tmp_path, ""), {})
    assert warnings == []
    assert kb.source == (tmp_path / "content").resolve()
    assert kb.ids == (tmp_path / "data" / "ids" / "content.tsv").resolve()
    assert kb.taxonomy == (tmp_path / "data" / "tags.yml").resolve()
    assert kb.nav_limit == 60 and kb.ticket_url is None and kb.image_hosts == settings.IMAGE_HOSTS
    assert kb.reply_template == "{title}\n{url}"


def test_the_environment_overrides_source_and_registry(tmp_path):
    path = project(tmp_path, "source: faq\nids: data/ids/a.tsv")
    kb, _ = settings.read(path, {"KB_SOURCE": "/srv/other-faq", "KB_IDS": "/srv/ids.tsv"})
    assert (kb.source, kb.ids) == (Path("/srv/other-faq"), Path("/srv/ids.tsv"))
    kb, _ = settings.read(path, {})
    assert kb.source == (tmp_path / "faq").resolve() and kb.ids == (tmp_path / "data/ids/a.tsv").resolve()


def test_values_are_normalised(tmp_path):
    path = project(tmp_path, "image_hosts: [' QCloudImg.com ', example.org]\nnav_limit: 5\n"
                             "ticket_url: https://example.org/ticket")
    kb, _ = settings.read(path, {})
    assert kb.image_hosts == ("qcloudimg.com", "example.org")
    assert (kb.nav_limit, kb.ticket_url) == (5, "https://example.org/ticket")


BAD = [
    ('reply_template: "{title} {answer}"', r"mkdocs\.yml:6: plugins\.kb\.reply_template：有未知的占位符 \{answer\}"),
    ('reply_template: "{title"', r"mkdocs\.yml:6: plugins\.kb\.reply_template：花括号不成对"),
    ("image_hosts: qcloudimg.com", r"mkdocs\.yml:6: plugins\.kb\.image_hosts：应为主机名列表"),
    ("image_hosts: ['http://x.com/']", r"mkdocs\.yml:6: plugins\.kb\.image_hosts：应为主机名列表"),
    ("image_hosts: ['*']", r"mkdocs\.yml:6: plugins\.kb\.image_hosts：应为主机名列表"),
    ("nav_limit: 0", r"mkdocs\.yml:6: plugins\.kb\.nav_limit：应为正整数"),
    ("nav_limit: many", r"mkdocs\.yml:6: plugins\.kb\.nav_limit：应为正整数"),
    ("ticket_url: not a url", r"mkdocs\.yml:6: plugins\.kb\.ticket_url：应为完整的网址"),
    ("events: sometimes", r"mkdocs\.yml:6: plugins\.kb\.events：应为 true 或 false"),
]


@pytest.mark.parametrize("line, message", BAD)
def test_a_bad_setting_is_one_message_with_file_line_and_name(tmp_path, line, message):
    with pytest.raises(settings.SettingsError, match=message):
        settings.read(project(tmp_path, "source: faq\n" + line), {})


@pytest.mark.slow
@pytest.mark.parametrize("line, message", BAD[:3] + BAD[5:6])
def test_mkdocs_says_the_same_naming_the_line(tmp_path, line, message):
    """The plugin's typed config (MkDocs checks it before any event) names the line too."""
    path = project(tmp_path, f"source: {ROOT / 'content'}\n" + line)
    result = build_site(tmp_path / "site", ids=tmp_path / "ids.tsv", config=path)
    assert result.returncode == 1
    assert re.search(message, result.stderr), result.stderr


def test_a_missing_data_file_names_its_setting_and_line(tmp_path):
    from helpcenter import generate

    path = project(tmp_path, "source: faq\ntaxonomy: data/missing.yml")
    kb, _ = settings.read(path, {})
    with pytest.raises(generate.GenerationError, match=r"mkdocs\.yml:6: plugins\.kb\.taxonomy：.*missing\.yml"):
        generate.load(kb, "x", str(path))


def test_an_unknown_setting_is_a_warning_naming_its_line(tmp_path):
    _, warnings = settings.read(project(tmp_path, "source: faq\nimage_host: [example.org]"), {})
    assert warnings == ["mkdocs.yml:6: plugins.kb.image_host：没有这个设置项。"]


def test_the_kb_entry_must_be_there(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"mkdocs\.yml: 没有找到 plugins: - kb: 设置"):
        settings.read(path, {})


@pytest.mark.parametrize("site_url, warns", [
    ("https://help.example.com/", False),
    ("https://10.0.0.5/kb/", False),
    ("http://127.0.0.1:8000/", True),
    ("http://localhost:8000/", True),
    ("http://docs.localhost/", True),
    ("http://[::1]/", True),
    ("", True),
    (None, True),
])
def test_a_published_site_url_must_not_point_at_this_machine(site_url, warns):
    assert (settings.site_url_problem(site_url) is not None) == warns


def test_serve_watches_the_faq_and_the_data_files(tmp_path):
    """Editors change data, not code: a preview reloads when the taxonomy, the synonyms or
    the page texts change, not only the FAQ."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        config = config.plugins.on_config(config)
    finally:
        config.plugins.on_shutdown()
    assert {str(ROOT / "content"), str(ROOT / "data")} <= set(config.watch)

"""extra.kb in mkdocs.yml (hooks/kb/settings.py): each mistake an editor can make is one
message naming mkdocs.yml, the line and the setting; the environment overrides paths."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from helpcenter import settings
from helpcenter.dialect.sanitize import IMAGE_HOSTS


def project(tmp_path: Path, kb: str) -> tuple[dict, str]:
    """A mkdocs.yml whose extra.kb is `kb` (YAML lines under `kb:`), with data files beside it."""
    (tmp_path / "data").mkdir(exist_ok=True)
    for name in ("tags.yml", "synonyms.yml"):
        (tmp_path / "data" / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = "site_name: x\nextra:\n  kb:\n" + "".join(f"    {line}\n" for line in kb.splitlines())
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return yaml.safe_load(text)["extra"], str(path)


def test_defaults_are_the_default_content_and_the_data_folder(tmp_path):
    extra, path = project(tmp_path, "")
    kb, warnings = settings.load(extra, path, {})
    assert warnings == []
    assert Path(kb.source) == (tmp_path / "content").resolve()
    assert Path(kb.ids) == (tmp_path / "data" / "ids" / "content.tsv").resolve()
    assert Path(kb.taxonomy) == tmp_path / "data" / "tags.yml"
    assert kb.nav_limit == 60 and kb.ticket_url is None and kb.image_hosts == list(IMAGE_HOSTS)
    assert kb.reply_template == "{title}\n{url}"


def test_the_environment_overrides_source_and_registry(tmp_path):
    extra, path = project(tmp_path, "source: faq\nids: data/ids/a.tsv")
    kb, _ = settings.load(extra, path, {"KB_SOURCE": "/srv/other-faq", "KB_IDS": "/srv/ids.tsv"})
    assert (kb.source, kb.ids) == ("/srv/other-faq", "/srv/ids.tsv")
    kb, _ = settings.load(extra, path, {})
    assert Path(kb.source) == (tmp_path / "faq").resolve() and Path(kb.ids) == (tmp_path / "data/ids/a.tsv").resolve()


def test_values_are_normalised(tmp_path):
    extra, path = project(tmp_path, "image_hosts: [' QCloudImg.com ', example.org]\nnav_limit: 5\n"
                                    "ticket_url: https://example.org/ticket")
    kb, _ = settings.load(extra, path, {})
    assert kb.image_hosts == ["qcloudimg.com", "example.org"]
    assert (kb.nav_limit, kb.ticket_url) == (5, "https://example.org/ticket")


@pytest.mark.parametrize("lines, message", [
    ('reply_template: "{title} {answer}"', r"mkdocs\.yml:5: extra\.kb\.reply_template：有未知的占位符 \{answer\}"),
    ('reply_template: "{title"', r"mkdocs\.yml:5: extra\.kb\.reply_template：花括号不成对"),
    ("image_hosts: qcloudimg.com", r"mkdocs\.yml:5: extra\.kb\.image_hosts："),
    ("image_hosts: ['http://x.com/']", r"mkdocs\.yml:5: extra\.kb\.image_hosts：应为主机名列表"),
    ("nav_limit: 0", r"mkdocs\.yml:5: extra\.kb\.nav_limit：应为正整数"),
    ("nav_limit: many", r"mkdocs\.yml:5: extra\.kb\.nav_limit："),
    ("ticket_url: not a url", r"mkdocs\.yml:5: extra\.kb\.ticket_url："),
    ("taxonomy: data/missing.yml", r"mkdocs\.yml:5: extra\.kb\.taxonomy：.*missing\.yml"),
])
def test_a_bad_setting_is_one_message_with_file_line_and_name(tmp_path, lines, message):
    extra, path = project(tmp_path, "source: faq\n" + lines)
    with pytest.raises(settings.SettingsError, match=message):
        settings.load(extra, path, {})


def test_an_unknown_setting_is_a_warning_naming_its_line(tmp_path):
    extra, path = project(tmp_path, "source: faq\nimage_host: [example.org]")
    _, warnings = settings.load(extra, path, {})
    assert len(warnings) == 1 and warnings[0].startswith("mkdocs.yml:5: extra.kb.image_host：")


def test_extra_kb_must_be_a_mapping(tmp_path):
    with pytest.raises(settings.SettingsError, match=r"mkdocs\.yml: extra\.kb 应为设置项的映射"):
        settings.load({"kb": ["source"]}, str(tmp_path / "mkdocs.yml"), {})


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
    """Editors change data, not code: a preview reloads when the taxonomy or the
    synonyms change, not only the FAQ."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        config = config.plugins.on_config(config)
    finally:
        config.plugins.on_shutdown()
    assert {str(ROOT / "content"), str(ROOT / "data")} <= set(config.watch)

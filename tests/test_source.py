"""Reading sources: which files count, encodings, line ends."""

import codecs

from helpcenter.dialect.source import decode, read_sources


def test_utf8_bom_and_crlf_are_read_as_plain_text():
    text, problems = decode(codecs.BOM_UTF8 + "### 问题？\r\n答案\r旧 Mac 行尾".encode(), "a.md")
    assert text == "### 问题？\n答案\n旧 Mac 行尾" and problems == []


def test_utf16_with_bom_is_decoded():
    text, problems = decode("### 问题？\n".encode("utf-16"), "a.md")
    assert text == "### 问题？\n" and problems == []


def test_gbk_is_decoded_with_a_warning_naming_file_and_line():
    data = "第一行\n### 问题？\n".encode("gbk")
    text, problems = decode(data, "gbk.md")
    assert text == "第一行\n### 问题？\n"
    assert [str(p) for p in problems] == [
        "gbk.md:1: 文件不是 UTF-8 编码，已按 GBK/GB18030 解码；请另存为 UTF-8。"]
    assert problems[0].severity == "warning"


def test_undecodable_bytes_are_an_error():
    text, problems = decode(b"ok\n\xff\xff\xff\xff", "bin.md")
    assert text is None and problems[0].severity == "error"
    assert str(problems[0]).startswith("bin.md:2: ")


def test_nul_bytes_are_an_error():
    text, problems = decode(b"abc\x00def", "nul.md")
    assert text is None and problems[0].severity == "error"


def test_folder_reading_rules(tmp_path):
    (tmp_path / "b.md").write_text("### B？\n答\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("### A？\n答\n", encoding="utf-8")
    (tmp_path / "无扩展名").write_text("### 无扩展名？\n答\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("plain words, no heading\n", encoding="utf-8")
    (tmp_path / "SOURCES.tsv").write_text("a\tb\n", encoding="utf-8")
    (tmp_path / ".hidden").write_text("### 隐藏？\n", encoding="utf-8")
    (tmp_path / "._b.md").write_bytes(b"\x00\x05\x16\x07 macOS resource fork")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.md").write_text("### 仓库里的？\n", encoding="utf-8")
    (tmp_path / ".NET SDK.md").write_text("### .NET SDK 是否支持下载对象到内存？\n支持。\n", encoding="utf-8")
    files, problems = read_sources(tmp_path)
    assert [f.rel for f in files] == [".NET SDK.md", "b.md", "sub/a.txt", "无扩展名"]
    assert problems == []


def test_single_file_source(tmp_path):
    path = tmp_path / "one.md"
    path.write_text("### 一？\n答\n", encoding="utf-8")
    files, _ = read_sources(path)
    assert [f.rel for f in files] == ["one.md"]


def test_missing_source_is_an_error(tmp_path):
    files, problems = read_sources(tmp_path / "nope")
    assert files == [] and problems[0].severity == "error"

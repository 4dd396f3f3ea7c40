"""Find the FAQ source files and decode them to text.

Policy (documented in the README):
- a folder is read recursively in path order; hidden folders (.git) are skipped, and so
  are hidden files, except a Markdown file (`.NET SDK.md` is a product's FAQ); macOS's
  `._name` companion files never count;
- `.md`, `.markdown`, `.txt` files count, and so does a file without extension
  that holds Markdown (a heading line); other files are not FAQ sources;
- UTF-8 with or without BOM is read as is; UTF-16 with a BOM is decoded;
  text that is not UTF-8 but is valid GB18030 (GBK's superset) and reads as
  Chinese is decoded with a warning asking the editor to save it as UTF-8;
  anything else is an error;
- CRLF and lone CR line ends are read as LF.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from helpcenter.model import Diagnostic

MARKDOWN_SUFFIXES = {".md", ".markdown", ".txt"}
_HEADING = re.compile(r"^#{1,6}(?!#)", re.MULTILINE)


@dataclass
class SourceFile:
    rel: str  # path relative to the source root, '/'-separated
    text: str  # decoded, LF line ends, no BOM


def _candidates(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found = []
    for path in sorted(root.rglob("*")):
        *folders, name = path.relative_to(root).parts
        if any(part.startswith(".") for part in folders) or not path.is_file() or name.startswith("._"):
            continue
        if name.startswith(".") and path.suffix.lower() not in (".md", ".markdown"):
            continue
        if path.suffix.lower() in MARKDOWN_SUFFIXES or path.suffix == "":
            found.append(path)
    return found


def _plausible_chinese(text: str) -> bool:
    """GBK decoding is unambiguous only if the result reads as Chinese: nearly all
    non-ASCII characters are common ones (in GB2312). Latin-1 bytes decoded as GBK
    give rare characters instead."""
    wide = [ch for ch in text if ord(ch) > 127]
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return bool(wide) and common >= 0.95 * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def decode(data: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to LF text; None when the file cannot be trusted as text."""
    problems: list[Diagnostic] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [Diagnostic(rel, 1, "无法按 UTF-16 解码，请另存为 UTF-8。", "error")]
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                text = None
            if text is None or not _plausible_chinese(text):
                return None, [Diagnostic(
                    rel, line, "不是 UTF-8 编码，也无法按 GBK/GB18030 解码；请另存为 UTF-8。",
                    "error")]
            problems.append(Diagnostic(
                rel, line, "文件不是 UTF-8 编码，已按 GBK/GB18030 解码；请另存为 UTF-8。"))
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Diagnostic(rel, line, "文件含有 NUL 字节，不是文本文件；已跳过。", "error")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str, rel: str) -> tuple[str, list[Diagnostic]]:
    """Control characters (DEL, C0/C1 but tab and newline) are invisible, and in a title
    they break the page's front matter: remove them, and say where."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if _CONTROL.search(line):
            found.append(Diagnostic(rel, number,
                                    "这一行有不可见的控制字符（如 U+007F），已删除；请在编辑器里删掉它们。"))
    return (_CONTROL.sub("", text), found) if found else (text, found)


def read_sources(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every FAQ file under `root` (a file or a folder), decoded."""
    if not root.exists():
        return [], [Diagnostic(str(root), 0, "KB_SOURCE 指向的路径不存在。", "error")]
    base = root.parent if root.is_file() else root
    files: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for path in _candidates(root):
        rel = path.relative_to(base).as_posix()
        text, found = decode(path.read_bytes(), rel)
        problems.extend(found)
        if text is None:
            continue
        if path.suffix == "" and not _HEADING.search(text):
            continue  # an extension-less file that is not Markdown (LICENSE, notes)
        text, found = strip_controls(text, rel)
        problems.extend(found)
        files.append(SourceFile(rel, text))
    if not files and not problems:
        problems.append(Diagnostic(str(root), 0, "没有找到任何 FAQ 文件（.md/.markdown/.txt）。", "error"))
    return files, problems

"""Editor data files (YAML): read them, or say which file and line is wrong."""

from __future__ import annotations

from pathlib import Path

import yaml


class _KeyTwice(yaml.constructor.ConstructorError):
    """Valid YAML, but one key of a mapping is written twice."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping. YAML keeps the last
    one without a word, so an editor who adds 丢失: again further down the synonyms
    would lose the first list."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        self.flatten_mapping(node)
        lines: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = lines.get(key)
            except TypeError:  # an unhashable key: SafeLoader's own message follows
                break
            if first is not None:
                problem = f"“{key}”写了两次（第 {first} 行和第 {line} 行），只会留下后一处，请合并成一处"
                raise _KeyTwice(None, None, problem, key_node.start_mark)
            lines[key] = line
        return super().construct_mapping(node, deep)


class DataFileError(ValueError):
    """Not YAML, or a key written twice: the line (1-based) and the editor's words."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line, self.problem = line, problem


def load_yaml(path: Path, what: str) -> object:
    """The file's data (None when empty); DataFileError when it is not YAML or gives a key twice."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        if isinstance(exc, _KeyTwice):
            raise DataFileError(line, f"{what}里{exc.problem}。") from None
        raise DataFileError(line, f"{what}不是合法的 YAML（{getattr(exc, 'problem', exc)}）。") from None


def read_yaml(path: Path, what: str, error: type[Exception] = ValueError) -> dict:
    """The file's mapping ({} when empty); `error` naming `path:line` when it is not YAML
    or gives a key twice."""
    try:
        return load_yaml(path, what) or {}
    except DataFileError as exc:
        raise error(f"{path}:{exc.line}: {exc.problem}") from None

"""data/synonyms.yml: the editors' search vocabulary, loaded and checked with
messages that name the file (and, for YAML errors, the line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpcenter.datafile import read_yaml
from helpcenter.index.terms import normalise


@dataclass
class Vocabulary:
    """data/synonyms.yml: what readers type instead of the FAQ's words, and the
    question phrases that say nothing about the problem."""

    synonyms: dict[str, list[str]]  # canonical word -> aliases
    ignore: list[str]
    duration_cues: list[str] = field(default_factory=list)  # 多久, 几天 …: the reader asks how long
    lookalikes: list[str] = field(default_factory=list)  # groups of characters OCR confuses: 未末
    # 什么, 多少 …: say what kind of answer is wanted, not what about (the 没有找到 decision)
    question_words: list[str] = field(default_factory=list)
    # SSL, 发票 …: topics of neighbouring products this FAQ does not answer (没有找到)
    elsewhere: list[str] = field(default_factory=list)
    # 急, 麻烦了 …: chat around a query readers taught still leaves it their query (index/key.py)
    chat_filler: list[str] = field(default_factory=list)


class VocabularyError(ValueError):
    """data/synonyms.yml cannot be used; the message names the file and line."""


def load_vocabulary(path: Path) -> Vocabulary:
    data = read_yaml(path, "同义词表", VocabularyError)

    def word_list(where: str, value: object) -> list[str]:
        if value is None or value == "":
            return []
        # a bare string would be read a character at a time: 发票 as 发 and 票
        if not isinstance(value, list):
            raise VocabularyError(f"{path}: {where}: 应为列表，如 {where}: [词一, 词二]")
        # an empty or nested item would become the word "None" or "['x']"
        if any(w is None or isinstance(w, (list, dict, bool)) for w in value):
            raise VocabularyError(f"{path}: {where}: 列表里有空的或嵌套的项，每项应是一个词")
        return [str(w) for w in value]

    def words(key: str) -> list[str]:
        return word_list(key, data.get(key))

    table = data.get("synonyms") or {}
    if not isinstance(table, dict):
        raise VocabularyError(f"{path}: 同义词表应为 synonyms:（词 -> 别名列表）和 ignore:（列表）")
    synonyms = {str(c): word_list(f"synonyms: {c}", aliases) for c, aliases in table.items()}
    elsewhere = words("elsewhere")
    short = [w for w in elsewhere if len(w) < 2]
    if short:
        # one character (票) is in too many of the site's own questions to mean another product
        raise VocabularyError(f"{path}: elsewhere: 每个词至少两个字：{'、'.join(short)}")
    # a synonym says the site answers it in its own words; elsewhere says it does not
    both = [w for w in elsewhere if w in synonyms or any(w in aliases for aliases in synonyms.values())]
    if both:
        raise VocabularyError(f"{path}: elsewhere: 这些词也写在 synonyms 里，只能留一处：{'、'.join(both)}")
    ignore = words("ignore")
    # the query loses its ignored phrases before aliases are looked for: 怎么弄 would never match
    phrases = [(phrase, normalise(phrase)) for phrase in ignore]
    dead = []
    for alias in (alias for aliases in synonyms.values() for alias in aliases):
        inside = [phrase for phrase, normalised in phrases if normalised in normalise(alias)]
        if inside:
            dead.append(f"{alias}（{inside[0]}）")
    if dead:
        raise VocabularyError(f"{path}: synonyms: 这些别名含有 ignore 里的词，搜索时那个词先被去掉，"
                              f"别名永远用不上：{'、'.join(dead)}")
    lookalikes = words("lookalikes")
    alone = [w for w in lookalikes if len(w) < 2]
    if alone:
        raise VocabularyError(f"{path}: lookalikes: 每组至少两个字（容易认错的几个字写在一起）：{'、'.join(alone)}")
    return Vocabulary(synonyms, ignore, words("durations"), lookalikes, words("question_words"), elsewhere,
                      words("chat_filler"))

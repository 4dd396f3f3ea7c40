"""Find waiting periods and deadlines in answers.

A duration is a number (Arabic or Chinese, 半 for a half) or a range of two, with
a unit (分钟 小时 天 日 自然日 工作日 周 星期 个月 年) and the qualifiers around
it (满 不足 超过 … / 内 后 左右 …). Calendar dates (4月15日, 2020年1月15日) and
ordinals (第二天) and ages (十八周岁) are not durations.

Each duration is classified from its sentence:
- 期限: a term of validity, a renewal or a price period (有效期三年, 续费一年, 年限最长
  10年, 按年收费), and any span of years no one waits through: no notice, it is no wait;
- 时限: act within it (24小时内完成核验, 逾期, 期限);
- 其他: intervals, settings, periods and sums (每次间隔半小时, 默认缓存30天, 近一周,
  30天 × 24小时): said, but no one waits or hurries for them, so no notice either;
- 等待: wait before acting (满3个自然日, 耐心等待48小时, 预计1个工作日), the
  default for a duration in a sentence about waiting, syncing or review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpcenter.text import plain_text

WAIT, DEADLINE, OTHER, TERM = "等待", "时限", "其他", "期限"
NOTICE_KINDS = (WAIT, DEADLINE)  # only a wait or a deadline is worth a notice above the answer

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+|半)"
_UNIT = r"(?:个?半?(?:分钟|小时|钟头|自然日|工作日|天|星期|周(?!岁|末|[一二三四五六日])))|个月|日|年"
_PATTERN = re.compile(
    r"(?P<pre>不超过|超过|不少于|不足|不满|至少|最多|最长|大约|约|满)?\s*"
    # a unit after the first number only where a range goes on (1小时-2小时): 一年年费 is one year
    r"(?<![第\d.月年号])(?P<a>" + _NUM + r")\s*(?:(?P<ua>" + _UNIT + r")\s*(?=[-－—–~～到至]))?\s*"
    r"(?:(?P<sep>-|－|—|–|~|～|到|至)\s*(?P<b>" + _NUM + r")\s*)?"
    r"(?P<unit>" + _UNIT + r")"
    r"(?P<post>以内|之内|内|以后|之后|后|左右|以上)?"
)
_HOURS = {"分钟": 1 / 60, "小时": 1, "钟头": 1, "天": 24, "日": 24, "自然日": 24,
          "工作日": 24, "周": 168, "星期": 168, "个月": 720, "年": 8760}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")

WINDOW = 12  # characters either side of a duration that decide its kind
# validity, renewal and price periods: what a service lasts or costs, never a wait
_TERM_CUES = re.compile(r"有效期|有效时间|续费|续期|年限|租期|购买时长|包年|包月|按年|按月|每年|每月|首年|年费|"
                        r"价格|费用|收费|计费|元")
_WAITED_YEARS = re.compile(r"等待|耐心|审核")  # a span of years is a term unless someone waits through it
# intervals, settings, past periods, purchase terms, penalties: not a wait, not a deadline
_OTHER_CUES = re.compile(r"间隔|每隔|每次|保留|购买|剩余|处罚|停机|默认|缺省|设置|配置|改为|统计|周期|近|最近|过去|"
                         r"最后|计算|记录|到期日")
_ARITHMETIC = re.compile(r"[=＝×÷]|/\s*(?:天|小时|分钟|秒)")  # 30天 × 24小时/天 = 43200分钟 is a sum, not a wait
# the system or an office acts during it: the reader waits
_SYSTEM_AFTER = re.compile(r"审核|反馈|同步|邮寄|做出|联系|致电|电话|生效|到账|清理|注销|自动解封|恢复")
# the reader must act within it
_DEADLINE_BEFORE = re.compile(r"需在|须在|必须|应当|请在|未在|需于|之日起|尽快")
_DEADLINE_AFTER = re.compile(r"必须|登录|完成|办理|操作|提交|实名|核验|验证|修改|整改|上传|续费|处理")
_DEADLINE_ANYWHERE = re.compile(r"逾期|期限|否则|超期|不得超过|欠费|停止服务|停服")
_WAIT_CUES = re.compile(r"等待|耐心|满|不足|预计|左右|同步|审核|反馈|邮寄|生效|之后再|后再|才能|才可|"
                        r"方可|时长|一般|大概|大约|需要|延迟|耗时|通常|颁发")


@dataclass(frozen=True)
class Duration:
    phrase: str  # as written, e.g. "满3个自然日"
    text: str  # the duration in plain words, e.g. "3个自然日"
    hours: float  # the longest end of it, for sorting
    kind: str  # WAIT, DEADLINE or OTHER
    sentence: str  # the sentence it came from


def chinese_number(text: str) -> float:
    if text == "半":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return float(total + current)


def _unit_name(unit: str) -> str:
    return "个月" if unit == "个月" else unit.lstrip("个半")


def _is_date(match: re.Match, text: str) -> bool:
    unit = _unit_name(match.group("unit"))
    after = text[match.end(): match.end() + 4]
    value = match.group("b") or match.group("a")
    if unit == "年":
        return len(value) >= 3 or bool(re.match(r"\s*\d{1,2}\s*月|度", after))
    if unit == "日" and re.match(r"\s*[起至前]", after):
        return True
    return False


def classify(sentence: str, match: re.Match, offset: int) -> str | None:
    """The kind of a duration, from the words right around it in its sentence
    (`offset`: where the sentence starts in the text `match` ran on); None when
    nothing around it tells."""
    start, end = match.start() - offset, match.end() - offset
    before = sentence[max(0, start - WINDOW): start] + (match.group("pre") or "")
    after = (match.group("post") or "") + sentence[end: end + WINDOW]
    within = match.group("post") in ("内", "之内", "以内")
    if _TERM_CUES.search(before + after) or (
            _unit_name(match.group("unit")) == "年" and not _WAITED_YEARS.search(before + after)):
        return TERM
    if _OTHER_CUES.search(before + after) or _ARITHMETIC.search(sentence):
        return OTHER
    if _SYSTEM_AFTER.search(after[:8]):
        return WAIT
    if _DEADLINE_ANYWHERE.search(before + after) or (
            within and (_DEADLINE_BEFORE.search(before) or _DEADLINE_AFTER.search(after))) or (
            _DEADLINE_BEFORE.search(before) and "必须" in after):
        return DEADLINE
    if match.group("post") in ("后", "之后", "以后") or _WAIT_CUES.search(before + after):
        return WAIT
    return None


def _sentence_at(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence around text[start:end] and where it starts."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left: right.end() if right else len(text)], left


def find(answer: str) -> list[Duration]:
    """Every duration in an answer (dialect Markdown), in order of appearance."""
    text = plain_text_lines(answer)
    found: list[Duration] = []
    last: tuple[int, str] = (-1, OTHER)  # (sentence offset, kind) of the previous duration
    for match in _PATTERN.finditer(text):
        if _is_date(match, text):
            continue
        unit = _unit_name(match.group("unit"))
        high = chinese_number(match.group("b") or match.group("a"))
        phrase = match.group(0).strip()
        core = phrase
        for part in ("pre", "post"):
            if match.group(part):
                core = core.removeprefix(match.group(part)) if part == "pre" else core.removesuffix(
                    match.group(part))
        sentence, offset = _sentence_at(text, match.start(), match.end())
        # "1 - 5个工作日，最长不超过20个工作日": an undecided one shares its neighbour's kind
        kind = classify(sentence, match, offset) or (last[1] if last[0] == offset else OTHER)
        last = (offset, kind)
        found.append(Duration(phrase, core.strip(), high * _HOURS[unit], kind, sentence.strip()))
    return found


def plain_text_lines(markdown: str) -> str:
    """Plain text that keeps line breaks (a sentence never spans two list items)."""
    return "\n".join(plain_text(line) for line in markdown.split("\n"))


_PLAIN_WORDS = {WAIT: "需要等待", DEADLINE: "须在此时限内完成"}  # the kinds that make a notice


def headline(duration: Duration, *more: Duration) -> str:
    """'需要等待：48小时'; several of one kind: '需要等待：3个自然日；3个工作日'."""
    return f"{_PLAIN_WORDS[duration.kind]}：" + "；".join(d.text for d in (duration, *more))


def distinct(found: list[Duration]) -> list[Duration]:
    """Each duration of a kind once: an answer that states a wait twice waits once."""
    first: dict[tuple[str, str], Duration] = {}
    for duration in found:
        first.setdefault((duration.text, duration.kind), duration)
    return list(first.values())

"""Enumeration markers (一是, 二要, 第三, （四）, 5., First, Three is, …) and the lists they form.

Markers are found on folded text (see fold.py). A marker counts only at a boundary (start
of text or after punctuation), followed by some content, and as part of a run 1, 2, 3…
of at least two markers of one family, so that 统一要求, 进一步 or 一是一、二是二 are text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_EN_NUMBERS = {
    word: i
    for i, words in enumerate(
        [
            ("first", "one"),
            ("second", "two"),
            ("third", "three"),
            ("fourth", "four"),
            ("fifth", "five"),
            ("sixth", "six"),
            ("seventh", "seven"),
            ("eighth", "eight"),
            ("ninth", "nine"),
            ("tenth", "ten"),
        ],
        start=1,
    )
    for word in words
}
_ZH_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3}
LAST = 0  # "最后", "Finally,": the item after the current one

_CN = r"(?P<n>[一二三四五六七八九十]{1,3})"
_EN_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_EN_CARD = r"one|two|three|four|five|six|seven|eight|nine|ten"
_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "zh": [
        ("shi", _CN + r"(?:是要|要是|是|要)(?![求素点务闻害紧])"),
        ("di", r"第" + _CN + r"(?:是要?|要(?![求务点素]))?(?=[,:、\s]|(?<=[是要]))"),
        ("cn_paren", r"\(" + _CN + r"\)"),
        ("cn_dun", _CN + r"、"),
        ("seq", r"(?P<n>首先|其次|再次|最后)(?=[,:\s])"),
    ],
    "en": [
        ("en", rf"(?i:(?:the\s+)?(?P<n>{_EN_ORD})(?:ly)?(?:\s+of\s+all)?\s*[,:])"),
        ("en", rf"(?i:(?:the\s+)?(?P<n>{_EN_ORD}|{_EN_CARD}|\d{{1,2}})\s+(?:it\s+)?(?:is|are)\b)"),
        ("en", r"(?i:(?P<n>finally|lastly|last\s+but\s+not\s+least)\s*,)"),
    ],
    "any": [
        ("ar_dot", r"(?P<n>\d{1,2})\.(?![\d.])"),
        ("ar_dun", r"(?P<n>\d{1,2})、"),
        ("ar_paren", r"\(?(?P<n>\d{1,2})\)"),
        ("circled", r"(?P<n>[①-⑳])"),
    ],
}


@cache
def _compiled(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """(family, pattern) of one language, compiled when that language is first split."""
    return [(family, re.compile(pattern)) for family, pattern in _PATTERNS[lang] + _PATTERNS["any"]]


_BOUNDARY = frozenset('\n,;:。.!?)]】”"')
_SKIP_BACK = " \t\u3000"
_LOOK_BACK = 12
# "…各单位要一是…", "各街道一要…二要…"
_CUE_BEFORE = re.compile(
    r"(?:强调|指出|要求|提出|要|街道|镇街|部门|单位|社区|企业|科室|(?<![A-Za-z])(?i:that))$"
)
_CONTENT_JUNK = re.compile(r"[\s\W_]+")
_MIN_CONTENT = {"zh": 3, "en": 6}


@dataclass(frozen=True)
class Marker:
    """A marker in the text: [start, end) is the marker as written (without a trailing comma)."""

    start: int
    end: int
    family: str
    number: int  # 1, 2, …; LAST for "最后"/"Finally"


@dataclass
class Item:
    """One enumerated item: its marker, where it ends, and the lists nested in it."""

    marker: Marker
    end: int = 0
    children: list[MarkerList] = field(default_factory=list)


@dataclass
class MarkerList:
    """A run of markers of one family numbered 1, 2, 3…"""

    items: list[Item]

    @property
    def start(self) -> int:
        return self.items[0].marker.start

    @property
    def family(self) -> str:
        return self.items[0].marker.family


def find_markers(text: str, lang: str, sentence_ends: list[int]) -> list[Marker]:
    """Marker candidates at boundaries, each followed by content, in text order."""
    found: dict[int, Marker] = {}
    for family, pattern in _compiled(lang):
        for match in pattern.finditer(text):
            if not _at_boundary(text, match.start()):
                continue
            marker = Marker(match.start(), match.end(), family, _number(match.group("n")))
            if marker.number is not None and (
                match.start() not in found or found[match.start()].end < match.end()
            ):
                found[match.start()] = marker
    markers = [found[start] for start in sorted(found)]
    return [
        m
        for i, m in enumerate(markers)
        if _has_content(text, m, markers[i + 1 : i + 2], sentence_ends, lang)
    ]


def _at_boundary(text: str, start: int) -> bool:
    """Whether a marker may begin here: at the start, after punctuation or after a cue
    word ("会议要求一是…", "各单位要一是…", "stressed that one is…")."""
    before = text[max(start - _LOOK_BACK, 0) : start].rstrip(_SKIP_BACK)
    return not before or before[-1] in _BOUNDARY or bool(_CUE_BEFORE.search(before))


def _number(written: str) -> int | None:
    """The ordinal a marker stands for; None if it is not a number."""
    key = written.lower()
    if key.isascii() and key.isdigit():
        return int(key)
    if key in _EN_NUMBERS:
        return _EN_NUMBERS[key]
    if key in _ZH_SEQUENCE:
        return _ZH_SEQUENCE[key]
    if key in ("最后", "finally", "lastly") or key.startswith("last"):
        return LAST
    if "①" <= written <= "⑳":
        return ord(written) - ord("①") + 1
    return _cn_number(written)


def _cn_number(written: str) -> int | None:
    """一…九十九 as an int; None for malformed numerals such as 一二."""
    if "十" not in written:
        return _CN_DIGITS.get(written)
    tens, _, units = written.partition("十")
    high = _CN_DIGITS.get(tens) if tens else 1
    low = _CN_DIGITS.get(units) if units else 0
    return None if high is None or low is None else high * 10 + low


def _has_content(
    text: str, marker: Marker, following: list[Marker], sentence_ends: list[int], lang: str
) -> bool:
    """Whether some words follow the marker before the next marker or the end of its sentence."""
    index = bisect.bisect_right(sentence_ends, marker.end)
    stop = sentence_ends[index] if index < len(sentence_ends) else len(text)
    if following:
        stop = min(stop, following[0].start)
    return len(_CONTENT_JUNK.sub("", text[marker.end : stop])) >= _MIN_CONTENT[lang]


def build_lists(markers: list[Marker], barriers: list[int]) -> list[MarkerList]:
    """Runs 1, 2, 3… of each family; a run does not continue across a barrier (a cue or footer)."""
    open_lists: dict[str, MarkerList] = {}
    done: list[MarkerList] = []
    for marker in markers:
        current = open_lists.get(marker.family)
        if current and _continues(current, marker, barriers):
            number = current.items[-1].marker.number + 1
            current.items.append(Item(Marker(marker.start, marker.end, marker.family, number)))
        elif marker.number == 1:
            if current:
                done.append(current)
            open_lists[marker.family] = MarkerList([Item(marker)])
    done.extend(open_lists.values())
    return sorted((lst for lst in done if len(lst.items) >= 2), key=lambda lst: lst.start)


def _continues(current: MarkerList, marker: Marker, barriers: list[int]) -> bool:
    """Whether the marker is the next item of the open list."""
    last = current.items[-1].marker
    if marker.number not in (LAST, last.number + 1):
        return False
    index = bisect.bisect_right(barriers, last.start)
    return index >= len(barriers) or barriers[index] >= marker.start

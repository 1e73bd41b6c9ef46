"""Paragraphs and sentences of a (folded) text, as spans of positions."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line ending that does not close a paragraph: a soft wrap inside a long line.
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_ENDS_OPEN = re.compile(r"[,、\w\u4e00-\u9fff]\s*$")
_STARTS_CONTINUED_ZH = re.compile(r"\s*[\u4e00-\u9fff]")
_STARTS_CONTINUED_EN = re.compile(r"\s*[a-z]")
_STARTS_ITEM = re.compile(
    r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]|[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]"
    r"|(?i:first|second|third|fourth|fifth|finally)\b)"
)
_SOFT_WRAP_MIN = {"zh": 30, "en": 50}
_PROSE = re.compile(r"[,;:。]")  # titles, dates and bylines have none: they never wrap

# Sentence ends: the terminator is part of the sentence.
_END_ZH = re.compile(r"[。!?;](?:[”\"')]*)|\.(?=[\u4e00-\u9fff])")
_END_EN = re.compile(
    r"[。!?;](?:[”\"')]*)|\.(?:[”\"')]*)(?=\s+[A-Z0-9“\"(\u4e00-\u9fff]|[A-Z“\"\u4e00-\u9fff]|\s*$)"
)
_BLANK = re.compile(r"\s*")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text: [start, end) including its terminator; para is its paragraph
    number."""

    start: int
    end: int
    para: int


def paragraphs(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: lines, joined where a long line wraps softly into the next."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    spans: list[list[int]] = []
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            continue
        if spans and _wraps_into(text[lines[index - 1][0] : lines[index - 1][1]], line, lang):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def _wraps_into(previous: str, line: str, lang: str) -> bool:
    """Whether `previous` is a long line cut mid-sentence that `line` continues."""
    if len(previous.strip()) < _SOFT_WRAP_MIN[lang] or not _ENDS_OPEN.search(previous):
        return False
    if not _PROSE.search(previous):
        return False
    continued = _STARTS_CONTINUED_ZH if lang == "zh" else _STARTS_CONTINUED_EN
    return bool(continued.match(line)) and not _STARTS_ITEM.match(line)


def sentences(text: str, lang: str) -> list[Sentence]:
    """Sentences of every paragraph, in order, with surrounding whitespace trimmed."""
    ends = _END_ZH if lang == "zh" else _END_EN
    result: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text, lang)):
        start = p_start
        for match in ends.finditer(text, p_start, p_end):
            _add(result, text, start, match.end(), number)
            start = match.end()
        _add(result, text, start, p_end, number)
    return result


def _add(result: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    """Append the sentence [start, end) trimmed of whitespace, unless it is blank."""
    start = _BLANK.match(text, start, end).end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        result.append(Sentence(start, end, para))

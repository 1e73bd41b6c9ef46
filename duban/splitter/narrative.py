"""What a sentence is: a requirement, narrative (attendance, reports, footers) or neither.

All patterns run on folded text (simplified, half-width), see fold.py.
"""
from __future__ import annotations

import re
from enum import Enum


class Kind(Enum):
    """The role of a sentence in a report."""

    REQUIREMENT = "requirement"  # somebody must do something: a directive or part of one
    NEUTRAL = "neutral"  # continues what precedes it (an imperative without 要, a reason)
    NARRATIVE = "narrative"  # attendance, presiding, reports heard, the situation, a title
    FOOTER = "footer"  # dates, bylines, sources, disclaimers, web footers


_REQUIREMENT = {
    "zh": re.compile(
        r"必须|务必|应当|应该|需要|须|要求|严禁|禁止|不得|切实|坚决|确保|强调"
        r"|(?<![重主需只简纪提概摘首次险扼政机显必紧])要(?![求素点闻害员件领职道塞览旨义])"
    ),
    "en": re.compile(
        r"\b(?:must|should|shall|(?:the\s+)?needs?\s+to|necessary\s+to|ha(?:ve|s)\s+to|be\s+sure\s+to"
        r"|(?:is|are)\s+required|required\s+to|requir(?:e|es|ing)|call(?:s|ed)?\s+for|urg(?:e|es|ed)"
        r"|stress(?:ed|es)|emphasi[sz](?:ed|es)|we\s+will|make\s+sure|ensure\s+that|strive\s+to"
        r"|it\s+is\s+(?:necessary|imperative|essential|important|required)\s+to|resolutely)\b",
        re.IGNORECASE,
    ),
}
_NARRATIVE = {
    "zh": re.compile(
        r"参加|参会|出席|列席|主持|召开|举行|传达|学习了|观看|收看|听取|汇报|通报了|讲话|与会|安排部署"
        r"|进行了.{0,8}部署|作了.{0,8}部署|调研|走访|慰问"
    ),
    "en": re.compile(
        r"\b(?:attend(?:ed|ing|s)?|presid(?:ed|ing)|chaired|hosted|participated|participating|held"
        r"|organi[sz]ed|convened|reported|briefed|studied|watched|viewed|conveyed|relayed|listened\s+to"
        r"|heard|spoke|made\s+(?:an?\s+)?(?:important\s+)?speech(?:es)?|made\s+arrangements|interviewed)\b",
        re.IGNORECASE,
    ),
}
_FOOTER = re.compile(
    r"^\W*(?:来源|时间|发布时间|日期|作者|编辑|责任编辑|审核|校对|供稿|通讯员|记者|摄影|原标题|免责声明|声明"
    r"|(?i:disclaimer|copyright|e-?mail(?:\s+address)?|wechat(?:\s+id)?|source|editor|responsible\s+editor"
    r"|tel|phone|contact|statement|author|reporter))\s*:"
    r"|公网安备|ICP备|版权所有|(?i:all\s+rights\s+reserved)|©"
)
_DATE_LINE = re.compile(r"^\W*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}月\d{1,2}日)")
_DATE_LINE_MAX = 40

# A lead before the requirement proper: "会议要求，" / "..., requiring" / "The meeting stressed".
_LEAD = {
    "zh": re.compile(r"(?:^|[,:])\s*(?:并|会议|会上|同时)?(?:强调|要求|指出|提出|明确)\s*[,:]?\s*"),
    "en": re.compile(
        r"(?:^|,)\s*(?:and\s+)?(?:requiring|required|requires|stressing|emphasi[sz]ing|calling\s+for)"
        r"(?:\s+that)?\s*,?\s*",
        re.IGNORECASE,
    ),
}
_LEAD_MAX = {"zh": 80, "en": 200}


def is_requirement(text: str, lang: str) -> bool:
    """Whether the text asks somebody to do something."""
    return bool(_REQUIREMENT[lang].search(text))


def requirement_start(text: str, lang: str) -> int | None:
    """Where the first requirement word of the text is, or None."""
    match = _REQUIREMENT[lang].search(text)
    return match.start() if match else None


def is_footer(text: str) -> bool:
    """Whether the sentence is a date line, byline, source, disclaimer or web footer."""
    return bool(_FOOTER.search(text)) or (len(text) <= _DATE_LINE_MAX and bool(_DATE_LINE.match(text)))


def classify(text: str, lang: str, *, is_cue: bool = False, is_title: bool = False) -> Kind:
    """The kind of one sentence; a cue without a requirement ("会议指出，形势严峻") is narrative."""
    if is_footer(text):
        return Kind.FOOTER
    if is_title:
        return Kind.NARRATIVE
    if is_requirement(text, lang):
        return Kind.REQUIREMENT
    if is_cue or _NARRATIVE[lang].search(text):
        return Kind.NARRATIVE
    return Kind.NEUTRAL


def lead_end(text: str, lang: str) -> int:
    """Where the requirement proper begins, after a lead such as "会议要求，" or ", requiring"."""
    for match in _LEAD[lang].finditer(text, 0, _LEAD_MAX[lang]):
        if not is_requirement(text[: match.start()], lang):
            return match.end()
    return 0

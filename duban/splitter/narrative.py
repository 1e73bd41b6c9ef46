"""What a sentence is: a requirement, narrative (attendance, reports, footers) or neither.

All patterns run on folded text (simplified, half-width), see fold.py.
"""

from __future__ import annotations

import re
from enum import Enum

from duban.splitter.mentions import mention_pattern


class Kind(Enum):
    """The role of a sentence in a report."""

    REQUIREMENT = "requirement"  # somebody must do something: a directive or part of one
    NEUTRAL = "neutral"  # continues what precedes it (an imperative without 要, a reason)
    NARRATIVE = "narrative"  # attendance, presiding, reports heard, the situation, a title
    FOOTER = "footer"  # dates, bylines, sources, disclaimers, web footers


# Strong words ask for action by themselves; weak ones (要求, 确保, stressed, requiring) also
# appear in narrative ("传达了…会议要求", "对…进行强调"), so they count only where the sentence
# reports nothing.
_STRONG = {
    "zh": re.compile(
        r"必须|务必|应当|应该|需要|须|严禁|禁止|不得(?!力)|严肃(?:追究|问责|查处)"
        # "…汇报，要求各街道…", not "会议要求，"
        r"|(?:^|[,:;])\s*(?:并|同时|会议)?要求(?=[\u4e00-\u9fff])"
        r"|(?<![重主需只简纪提概摘首次险扼政机显必紧])要(?![求素点闻害员件领职道塞览旨义])"
    ),
    "en": re.compile(
        r"\b(?:must|should|shall|(?:the\s+)?needs?\s+to|necessary\s+to|ha(?:ve|s)\s+to|be\s+sure\s+to"
        r"|(?:is|are)\s+required|required\s+to|we\s+will|strive\s+to"
        r"|it\s+is\s+(?:necessary|imperative|essential|important|required)\s+to"
        r"|,\s*(?:and\s+)?(?:requiring|calling\s+for|urging))\b",
        re.IGNORECASE,
    ),
}
_WEAK = {
    "zh": re.compile(r"要求|切实|坚决|确保|强调"),
    "en": re.compile(
        r"\b(?:requir(?:e|es|ing)|call(?:s|ed)?\s+for|urg(?:e|es|ed)|stress(?:ed|es)|emphasi[sz](?:ed|es)"
        r"|make\s+sure|ensure\s+that|resolutely)\b",
        re.IGNORECASE,
    ),
}
# Words in quotation marks are slogans and names (“三管三必须”, “Three Stresses”), not asks.
_QUOTED = re.compile(r"“[^“”]{1,60}”|\"[^\"]{1,60}\"")
_PURPOSE = re.compile(r"(?:^|,)\s*为了?(?!止)")
_CLAUSE = re.compile(r"[^,]*$")
_NARRATIVE = {
    "zh": re.compile(
        r"参加|参会|出席|列席|主持|召开|举行|传达|学习了|观看|收看|听取|汇报|通报了|讲话|与会|安排部署"
        r"|进行了.{0,8}部署|作了.{0,8}部署|调研|走访|慰问|进行了?强调|作了?强调"
        r"|提出了?[^,;:。]{0,6}(?:要求|意见)|[作做]出了?[^,;:。]{0,6}(?:安排|部署)"
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
    # a byline: (张政), (记者 谢捷)
    r"|^\((?:记者|通讯员|供稿|(?i:reporter|by))?[\s\u4e00-\u9fff·A-Za-z.]{2,16}\)$"
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


def masked(text: str) -> str:
    """The text with quoted words blanked out (same length)."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def _first(text: str, lang: str) -> re.Match[str] | None:
    """The first strong or weak requirement word outside quotation marks."""
    hidden = masked(text)
    found = [m for m in (_STRONG[lang].search(hidden), _WEAK[lang].search(hidden)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def is_requirement(text: str, lang: str) -> bool:
    """Whether the text has a word that asks somebody to do something."""
    return _first(text, lang) is not None


def requirement_start(text: str, lang: str) -> int | None:
    """Where the first requirement word of the text is, or None."""
    match = _first(text, lang)
    return match.start() if match else None


def is_footer(text: str) -> bool:
    """Whether the sentence is a date line, byline, source, disclaimer or web footer."""
    return bool(_FOOTER.search(text)) or (
        len(text) <= _DATE_LINE_MAX and bool(_DATE_LINE.match(text))
    )


def classify(text: str, lang: str, *, is_cue: bool = False, is_title: bool = False) -> Kind:
    """The kind of one sentence (without its cue); a cue without a requirement ("会议指出，
    形势严峻") is narrative, and so is a report whose only asks are weak words ("会议传达了…
    要求", "为切实加强…，街办开展了…")."""
    if is_footer(text):
        return Kind.FOOTER
    if is_title:
        return Kind.NARRATIVE
    hidden = masked(text)
    if _STRONG[lang].search(hidden):
        return Kind.REQUIREMENT
    reports = bool(_NARRATIVE[lang].search(hidden))
    if _WEAK[lang].search(hidden) and not reports and not _purpose_only(hidden, lang):
        return Kind.REQUIREMENT
    if is_cue or reports or _WEAK[lang].search(hidden):
        return Kind.NARRATIVE
    return Kind.NEUTRAL


def _purpose_only(text: str, lang: str) -> bool:
    """Whether the asks stand only in a purpose clause ("临近年末，为了切实加强…，街办开展了…")."""
    return bool(_PURPOSE.search(text)) and not _WEAK[lang].search(_CLAUSE.search(text).group(0))


def lead_end(text: str, lang: str) -> int:
    """Where the requirement proper begins, after a lead such as "会议要求，" or ", requiring"."""
    for match in _LEAD[lang].finditer(text, 0, _LEAD_MAX[lang]):
        if not is_requirement(text[: match.start()], lang):
            return match.end()
    return 0


# A lead-in that only names who and announces a list ("要求各社区要做好以下几点：",
# "All departments must do the following:") asks nothing of its own.
_ANNOUNCES_LIST = {
    "zh": re.compile(r"以下|如下|下列|[一二三四五六七八九十两几\d]+(?:点|项|个?方面|条)"),
    "en": re.compile(
        r"(?i:\b(?:following|as\s+follows|points|aspects|requirements|tasks|measures)\b)"
    ),
}
_ADDRESSEE_ZH = re.compile(r"各[\u4e00-\u9fff]{1,4}?(?=[、,:和及与]|$)")
_OWN_WORDS_MIN = {"zh": 4, "en": 3}
_WORD = {"zh": re.compile(r"[\u4e00-\u9fff]"), "en": re.compile(r"[A-Za-z]+")}


def announces_list(text: str, lang: str) -> bool:
    """Whether a lead-in announces the list after it ("提出三点要求：", "as follows:")."""
    return bool(_ANNOUNCES_LIST[lang].search(text))


def asks_on_its_own(text: str, lang: str) -> bool:
    """Whether a list's lead-in ("各社区要针对…全面开展检查整治：") says what to do itself,
    beyond whom it asks and a requirement word ("要求各科室、各单位要", "会议强调，")."""
    rest = mention_pattern(lang).sub(" ", masked(text))
    rest = _STRONG[lang].sub(" ", _WEAK[lang].sub(" ", rest))
    if lang == "zh":
        rest = _ADDRESSEE_ZH.sub(" ", rest)
    return len(_WORD[lang].findall(rest)) >= _OWN_WORDS_MIN[lang]

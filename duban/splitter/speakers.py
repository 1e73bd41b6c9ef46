"""Cues that open a speaker's or the meeting's words: "区长张三强调，",
"Secretary Zhang Fei stressed"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CUE_VERBS_ZH = r"强调|指出|要求|提出|表示|认为|明确"
# "提出三点要求", "做出安排", "讲了几点意见": the words that announce a list of asks.
_ANNOUNCE_ZH = r"(?:提出了?|讲了?)[^,;:。]{0,6}(?:要求|意见)|[作做]出了?[^,;:。]{0,6}(?:安排|部署)"
_WHO_ZH = r"(?P<who>[^,;:。要的按照根据对把将在就]{1,20}?)"
_ABOUT_ZH = r"[就对][^;:。]{1,60}?"  # "就做好夏季安全工作", "对安全生产工作"
_OPENING = {  # "会议最后，" / "To do a good job in the next step," before the speaker
    "zh": r"(?:(?:会议最后|会议期间|会上|会议上|最后|随后|其后|接着|同时|此外|另外)\s*,?\s*)?",
    "en": r"(?:(?:(?:To|In|At|During|After|On|For)\s[^,]{1,80}"
    r"|Finally|Meanwhile|Lastly|Later|Then|In\s+addition)"
    r",\s*)?",
}
_CUE = {
    "zh": re.compile(
        rf"^{_OPENING['zh']}{_WHO_ZH}(?:在(?:讲话|会上|会议上|会议中|讲话中)中?)?"
        rf"(?:(?:{_ABOUT_ZH})?(?:{_ANNOUNCE_ZH})(?:[,:]\s*|。?\s*$)"
        rf"|(?:{_CUE_VERBS_ZH})(?:[,:]\s*|(?=要|各|全|必须)))"
    ),
    "en": re.compile(
        rf"^{_OPENING['en']}(?P<who>(?:[\w.'’-]+\s+){{0,7}}?[\w.'’-]+),?\s+"
        r"(?:pointed\s+out|stressed|emphasi[sz]ed|required|requires|requirements|demanded|called\s+for"
        r"|calls\s+for|urged|noted|said|asked|instructed|made\s+it\s+clear)"
        r"\b(?:\s+that\b)?\s*[,:]?\s*",
        re.IGNORECASE,
    ),
}
# A speaker announcing asks at the end of a longer sentence:
# "…召开部署会，招远忠就…提出三方面要求。"
_ANNOUNCE_CLAUSE_ZH = re.compile(rf",\s*{_WHO_ZH}{_ABOUT_ZH}(?:{_ANNOUNCE_ZH})[:。]?\s*$")
_MEETING = {
    "zh": re.compile(
        r"^(?:会议|会上|大会|会议还|会议同时|会议最后|会议再次|与会\S*|通知|文件|上级)$"
    ),
    "en": re.compile(
        r"\b(?:meeting|conference|interview|session|forum|notice|circular)\b", re.IGNORECASE
    ),
}
# The cue verb right after the speaker is itself an ask ("门轩主任要求", "The meeting called for").
_ASKING = re.compile(
    r",?\s*(?:在(?:讲话|会上|会议上|会议中|讲话中)中?)?"
    r"(?:要求|(?i:required|requires|demanded|called\s+for|calls\s+for|urged|asked|instructed)\b)"
)
# "会议传达了省委批示要求，": a report of what was relayed, not somebody asking.
_ZH_REPORTED = re.compile(r"了|传达|学习|听取|召开|通报|观看|收看|主持|参加|出席")
_PRONOUN = re.compile(r"^(?:他|她|(?i:he|she))$")
_ZH_WHO_TAIL = re.compile(r"(?:同志|在讲话中|在会上)$")
# A Chinese speaker is a name (2–3 characters) or carries a title or office; "落实上级" is neither.
_ZH_TITLE = re.compile(
    r"书记|长|主任|主席|委员|部长|领导|负责人|指挥|总|经理|秘书|局|委|办|处|科|中心|政府|党组"
)
_ZH_NAME_MAX = 3
_ZH_ACTORS = re.compile(
    r"^(?:各|全|所有|有关|相关)"
)  # "各街道就…提出意见": those who act, not a speaker
_EN_TITLES = frozenset(
    "secretary deputy district head chief director mayor governor minister vice executive party "
    "committee chairman chairwoman comrade mr mrs ms the standing president member leader county "
    "city municipal provincial general office of and a an".split()
)
_EN_TOKEN = re.compile(r"[\w.'’-]+")


@dataclass(frozen=True)
class Cue:
    """A cue at the start of a sentence: where the words proper begin and who speaks.

    `speaker` is None for the meeting itself; `keeps_speaker` is set for a pronoun (他/He);
    `asks` for a verb that is itself an ask (要求, called for), not a statement (强调, noted).
    """

    end: int
    speaker: str | None
    keeps_speaker: bool = False
    asks: bool = False


def find_cue(sentence: str, lang: str, written: str | None = None) -> Cue | None:
    """The speaker or meeting cue opening the (folded) sentence, if any; the speaker is
    taken from `written`, the sentence as written, when given (traditional stays traditional)."""
    match = _CUE[lang].match(sentence)
    if not match and lang == "zh":
        match = _ANNOUNCE_CLAUSE_ZH.search(sentence)
    if not match:
        return None
    who = match.group("who").strip()
    if lang == "zh" and _ZH_REPORTED.search(who):
        return None
    asks = bool(_ASKING.match(sentence, match.end("who"), match.end()))
    if _PRONOUN.match(who):
        return Cue(match.end(), None, keeps_speaker=True, asks=asks)
    if _MEETING[lang].search(who):
        return Cue(match.end(), None, asks=asks)
    speaker = _zh_speaker(who) if lang == "zh" else _en_speaker(who)
    if not speaker:
        return None
    start = sentence.find(speaker, match.start("who"))
    if written is not None and start >= 0:  # a name re-spaced from its words is kept as built
        speaker = written[start : start + len(speaker)]
    return Cue(match.end(), speaker, asks=asks)


def _zh_speaker(who: str) -> str | None:
    """The speaker as written, without 同志 or 在讲话中; None if it names nobody."""
    name = _ZH_WHO_TAIL.sub("", who)
    if _ZH_ACTORS.match(name):
        return None
    return name if _ZH_TITLE.search(name) or 2 <= len(name) <= _ZH_NAME_MAX else None


def _en_speaker(who: str) -> str | None:
    """The name in a phrase such as "Secretary Zhang Fei" or "Shu Guichuan district chief".

    The last run of capitalised words that are not titles; failing that, the phrase itself
    when it names an office ("the district head"); None when it names nobody ("It", "We").
    """
    runs: list[list[str]] = [[]]
    has_title = False
    for token in _EN_TOKEN.findall(who):
        if token.lower() in _EN_TITLES:
            has_title = True
            runs.append([])
        elif token[0].isupper():
            runs[-1].append(token)
        else:
            runs.append([])
    names = [run for run in runs if run]
    if names and (has_title or len(names[-1]) >= 2):
        return " ".join(names[-1][-3:])
    if has_title:
        return re.sub(r"^(?i:the)\s+", "", who)
    return None

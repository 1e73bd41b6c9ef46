"""Cues that open a speaker's or the meeting's words: "区长张三强调，", "Secretary Zhang Fei stressed"."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CUE_VERBS_ZH = r"强调|指出|要求|提出|表示|认为|明确"
_CUE = {
    "zh": re.compile(
        rf"^(?P<who>[^,;:。要的按照根据对把将在]{{1,20}}?)(?:在(?:讲话|会上|会议上|会议中|讲话中)中?)?"
        rf"(?:{_CUE_VERBS_ZH})(?:[,:]\s*|(?=要|各|全|必须))"
    ),
    "en": re.compile(
        r"^(?P<who>(?:[\w.'’-]+\s+){0,7}?[\w.'’-]+),?\s+"
        r"(?:pointed\s+out|stressed|emphasi[sz]ed|required|requires|requirements|demanded|called\s+for"
        r"|calls\s+for|urged|noted|said|asked|instructed|made\s+it\s+clear)\b(?:\s+that\b)?\s*[,:]?\s*",
        re.IGNORECASE,
    ),
}
_MEETING = {
    "zh": re.compile(r"^(?:会议|会上|大会|会议还|会议同时|会议最后|会议再次|与会\S*|通知|文件|上级)$"),
    "en": re.compile(r"\b(?:meeting|conference|interview|session|forum|notice|circular)\b", re.IGNORECASE),
}
_PRONOUN = re.compile(r"^(?:他|她|(?i:he|she))$")
_ZH_WHO_TAIL = re.compile(r"(?:同志|在讲话中|在会上)$")
_EN_TITLES = frozenset(
    "secretary deputy district head chief director mayor governor minister vice executive party "
    "committee chairman chairwoman comrade mr mrs ms the standing president member leader county "
    "city municipal provincial general office of and a an".split()
)
_EN_TOKEN = re.compile(r"[\w.'’-]+")


@dataclass(frozen=True)
class Cue:
    """A cue at the start of a sentence: where the words proper begin and who speaks.

    `speaker` is None for the meeting itself; `keeps_speaker` is set for a pronoun (他/He).
    """

    end: int
    speaker: str | None
    keeps_speaker: bool = False


def find_cue(sentence: str, lang: str) -> Cue | None:
    """The speaker or meeting cue opening the sentence, if any."""
    match = _CUE[lang].match(sentence)
    if not match:
        return None
    who = match.group("who").strip()
    if _PRONOUN.match(who):
        return Cue(match.end(), None, keeps_speaker=True)
    if _MEETING[lang].search(who):
        return Cue(match.end(), None)
    speaker = _zh_speaker(who) if lang == "zh" else _en_speaker(who)
    return Cue(match.end(), speaker) if speaker else None


def _zh_speaker(who: str) -> str | None:
    """The speaker as written, without 同志 or 在讲话中."""
    return _ZH_WHO_TAIL.sub("", who) or None


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

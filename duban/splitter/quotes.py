"""Question marks that stand for lost characters: quotation marks a converter could not write.

Reports translated from Chinese and saved in a narrow encoding turn “” (and 《》, ——) into
ASCII "?": `the ?three-in-one? places`, `strictly follow the? Three Musts? Requirements`.
Such a "?" does not end a sentence. `mend()` rewrites them in the folded text, length for
length: the two marks of a quoted phrase become `"` (so the phrase counts as a quotation,
as “…” does) and a lone one becomes a space. A full-width ？ as written is always a real
question mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RUN = re.compile(r"\?+")
_QUOTE, _LOST = '"', " "
# A question asks with its first word; a quoted slogan seldom begins with one of these
# (it may begin with "Do", "Don't" or "Must": only a whole question is judged by those).
_WH = r"what|why|how|who|whom|whose|where|when|which|is|are|was|were|am|can|could|will|would"
_PHRASE_ASKS_EN = re.compile(rf"^\W*(?i:{_WH})\b")
_QUESTION_EN = re.compile(
    rf"^\W*(?i:{_WH}|do|does|did|shall|should|may|might|must|has|have|had|isn't|aren't"
    r"|don't|doesn't|didn't|can't|won't)\b"
)
_ASKS_ZH = re.compile(r"吗|呢|么|何|谁|哪|几|是否|难道|岂|多少")
_PHRASE_MAX = {"en": 60, "zh": 12}
_PHRASE_WORDS_MAX = 8
_PHRASE = {"en": re.compile(r"[^.!?;:\n]+"), "zh": re.compile(r"[^\s.,!?;:。、\"“”()]+")}
# Words that cannot end a question: the "?" after them opens a quotation ("follow the? X?").
_OPENS_AFTER = re.compile(
    r"(?<![\w-])(?i:the|a|an|of|to|and|or|as|for|with|by|in|on|at|from|into|its|their|our"
    r"|this|these|those|such|so-called|called|named|entitled)\s*$"
)
_SEGMENT = re.compile(r"[^.!?;:。\n]*$")
_SEGMENT_WINDOW = 300


@dataclass(frozen=True)
class _Run:
    """A run of ASCII question marks, [start, end), and what its neighbours say of it."""

    start: int
    end: int
    ends_sentence: bool  # followed by a capital, a quotation mark, the line's end: maybe real


def mend(written: str, folded: str, lang: str) -> str:
    """The folded text with question marks that stand for lost characters rewritten."""
    runs = [_classify(written, m.start(), m.end(), lang) for m in _RUN.finditer(written)]
    if not runs:
        return folded
    chars = list(folded)
    index = 0
    while index < len(runs):
        run = runs[index]
        following = runs[index + 1] if index + 1 < len(runs) else None
        if following and _pair(written, run, following, lang):
            for part in (run, following):
                chars[part.start : part.end] = _QUOTE * (part.end - part.start)
            index += 2
            continue
        if not run.ends_sentence:
            chars[run.start : run.end] = _LOST * (run.end - run.start)
        index += 1
    return "".join(chars)


def _classify(text: str, start: int, end: int, lang: str) -> _Run:
    """A run ends a sentence unless the sentence goes on right after it: a comma or other
    mid-sentence mark; in English also a letter or digit with no space (an opening mark),
    a lower-case word, a "?" standing between spaces, or one after "the" or "of"."""
    after = text[end : end + 1]
    if after and after in ",;:)]、，；：":
        return _Run(start, end, ends_sentence=False)
    if lang == "zh":
        return _Run(start, end, ends_sentence=True)
    before = text[start - 1 : start]
    rest = text[end : end + 3].lstrip(" \t")
    goes_on = (
        after.isalnum()
        or (before.isspace() and after == " ")
        or rest[:1].islower()
        or bool(_OPENS_AFTER.search(text[max(start - 16, 0) : start]))
    )
    return _Run(start, end, ends_sentence=not goes_on)


def _pair(text: str, first: _Run, second: _Run, lang: str) -> bool:
    """Whether two runs enclose a short quoted phrase on one line, not two questions."""
    phrase = text[first.end : second.start]
    if not (0 < len(phrase.strip()) <= _PHRASE_MAX[lang]):
        return False
    if not _PHRASE[lang].fullmatch(phrase.strip()):
        return False
    if not first.ends_sentence and not second.ends_sentence:
        return True
    lead = _SEGMENT.search(text, max(first.start - _SEGMENT_WINDOW, 0), first.start).group()
    if lang == "zh":
        return not _ASKS_ZH.search(phrase) and not _ASKS_ZH.search(lead[-10:])
    return (
        len(phrase.split()) <= _PHRASE_WORDS_MAX
        and not _PHRASE_ASKS_EN.match(phrase)
        and not _QUESTION_EN.match(lead)
    )

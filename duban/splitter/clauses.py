"""Several requirements in one sentence: "We must strengthen X, improve Y, and crack down on
Z", "各街道要加强……，要完善……，区住建局要……".

A sentence is cut at a comma only where the clause after it is a requirement of its own: a
verb with its object in English (after "and", "to", an adverb or its own subject and
modal), or 要/必须/务必 (after its own subject) in Chinese. A list of objects ("inspect gas,
electricity and fire exits"), a purpose or result ("确保…", "ensuring …") and words in
quotation marks never start one. All patterns run on folded text (see fold.py).
"""

from __future__ import annotations

import re
from functools import cache

from duban.splitter.mentions import mention_pattern
from duban.splitter.narrative import masked

_COMMA = re.compile(r",")
_VERBS_EN = (
    r"strengthen|improve|implement|establish|promote|enhance|step\s+up|intensify|conduct"
    r"|carry\s+out|deepen|tighten|organi[sz]e|investigate|rectify|eliminate|prevent|consolidate"
    r"|crack\s+down|push\s+forward|advance|urge|guide|optimi[sz]e|refine|reinforce|build"
    r"|formulate|launch|focus\s+on|pay\s+(?:close\s+)?attention\s+to|do\s+a\s+(?:good|solid)\s+job"
    r"|adhere\s+to|insist\s+on|perfect|standardi[sz]e|keep|maintain|punish|deal\s+with|combat"
    r"|curb|fulfil+|compact|clarify|accelerate|speed\s+up|set\s+up|strive|persist\s+in|stick\s+to"
    r"|inspect|supervise|publici[sz]e|educate|mobili[sz]e|coordinate|expand|clean\s+up"
    r"|examine|verify|prohibit|shut\s+down"
)
_ADVERBS_EN = (
    r"(?:(?:strictly|resolutely|further|effectively|actively|comprehensively|continuously"
    r"|vigorously|earnestly|conscientiously|firmly|fully|seriously|severely|constantly|steadily"
    r"|also|promptly|solidly|truly|strongly|decisively|quickly|always|immediately|regularly"
    r"|thoroughly|carefully|timely)\s+)*"
)
_MODAL_EN = (
    r"(?:must|should|shall|will|needs?\s+to|ha(?:ve|s)\s+to|required\s+to"
    r"|(?:necessary|imperative|essential|important)\s+to)"
)
_FIRST_EN = rf"(?i:\b{_MODAL_EN}\s+(?:to\s+)?{_ADVERBS_EN}(?:{_VERBS_EN})\b)"
# Spaces and a conjunction before a clause; the clause begins where group "lead" ends.
_SKIP_EN = r"(?P<lead>\s*(?:(?:and\s+also|and|as\s+well\s+as|while)\s+)?)"
# "…, improve Y": a verb with its object (maybe after "to" or "we must").
_NEXT_VERB_EN = (
    rf"(?i:{_SKIP_EN}(?:(?:we|they)\s+{_MODAL_EN}\s+|to\s+)?{_ADVERBS_EN}(?:{_VERBS_EN})\b\s+\S)"
)
# "…, and the departments must …": its own subject and modal.
_NEXT_SUBJECT_EN = (
    rf"(?i:{_SKIP_EN}(?:the|all|each|every|relevant)\s+(?:[\w-]+\s+){{0,5}}?{_MODAL_EN}\s+\S)"
)
_ASK_ZH = re.compile(
    r"(?:也|还|都|同时|并)?\s*(?:要(?!求|素|点|闻|害|员|件|领|职|道|塞|览|旨|义|确保|保证|做到)"
    r"|必须|务必|应当)"
)
_MIN_REST_ZH = 3
_EN = ("first", "verb", "subject")


@cache
def _english() -> dict[str, re.Pattern[str]]:
    """The English clause patterns, compiled when English is first split."""
    sources = (_FIRST_EN, _NEXT_VERB_EN, _NEXT_SUBJECT_EN)
    return {name: re.compile(source) for name, source in zip(_EN, sources, strict=True)}


_CONTENT_ZH = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END_ZH = re.compile(r"[,;。]")
_SPACES = re.compile(r"\s*")


def clause_cuts(folded: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Where the sentence [start, end) holds more than one requirement: for each later one,
    (the comma that ends the one before, where it begins), in order.

    In English a clause with its own subject and modal always begins one; bare verb clauses
    ("…, improve Y, and crack down on Z") only when every comma of the sentence begins one,
    so that a list of objects or an aside keeps the sentence whole.
    """
    text = masked(folded[start:end])
    commas = [m.start() for m in _COMMA.finditer(text)]
    if not commas or not _first_asks(text[: commas[0]], lang):
        return []
    if lang == "zh":
        begins = [_begins_zh(text, comma + 1) for comma in commas]
    else:
        own = [_begins_en(_english()["subject"], text, comma + 1) for comma in commas]
        verbs = [_begins_en(_english()["verb"], text, comma + 1) for comma in commas]
        every = all(o is not None or v is not None for o, v in zip(own, verbs, strict=True))
        begins = [
            o if o is not None else (v if every else None) for o, v in zip(own, verbs, strict=True)
        ]
    return [
        (start + comma, start + begin)
        for comma, begin in zip(commas, begins, strict=True)
        if begin is not None
    ]


def _first_asks(clause: str, lang: str) -> bool:
    """Whether the sentence's first clause asks for an action itself (a modal and a verb)."""
    if lang == "zh":
        return bool(_ASK_ZH.search(clause))
    return bool(_english()["first"].search(clause))


def _begins_zh(text: str, offset: int) -> int | None:
    """Where a requirement of its own (要…, 区住建局要…) begins at `offset`, or None."""
    position = _SPACES.match(text, offset).end()
    subject = mention_pattern("zh").match(text, position)
    ask = _ASK_ZH.match(text, subject.end() if subject else position)
    if ask is None:
        return None
    rest = _CLAUSE_END_ZH.split(text[ask.end() :], maxsplit=1)[0]
    return position if len(_CONTENT_ZH.findall(rest)) >= _MIN_REST_ZH else None


def _begins_en(pattern: re.Pattern[str], text: str, offset: int) -> int | None:
    """Where the clause `pattern` finds at `offset` begins, after "and"; or None."""
    match = pattern.match(text, offset)
    return None if match is None else match.end("lead")

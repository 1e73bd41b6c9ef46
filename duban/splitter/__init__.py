"""Split a meeting report into directives (部署事项): Chinese or English, with areas and units.

Standard library only. `split()` finds enumerated items (一是…, （一）…, 1., First, …,
nested, with themes and lead-ins) and unenumerated requirements (要…, must, should),
leaves narrative out, and tags each directive with key areas and who must act.
`split_report()` also gives the narrative: every sentence no directive touches, so that
together they account for the whole report.

Every directive's `text` is an exact substring of the input, `text[start:end]` (markers,
leads such as "会议要求，" and edge punctuation left out), and directives come in input order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from itertools import accumulate
from pathlib import Path

from duban.splitter.areas import load_tagger
from duban.splitter.mentions import RegistryEntry, find_mentions, resolve_mentions
from duban.splitter.structure import Node, Outline

__all__ = [
    "Directive",
    "NarrativeSentence",
    "RegistryEntry",
    "Report",
    "detect_lang",
    "resolve_mentions",
    "split",
    "split_report",
]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Directive:
    """One deployed requirement: its place in the outline, its words and who and what it
    touches; [start, end) is where its text stands in the input."""

    seq: str
    parent: str | None
    marker: str | None
    speaker: str | None
    text: str
    areas: list[str]
    mentions: list[str]
    start: int
    end: int

    def to_dict(self) -> dict:
        """A plain dict: seq, parent, marker, speaker, text, areas, mentions, start, end."""
        return asdict(self)


@dataclass(frozen=True)
class NarrativeSentence:
    """A sentence of the report that no directive touches (attendance, reports heard, a
    missed ask): `text` is `input[start:end]`; `index` is its number among the report's
    sentences (0-based); `after` is the seq of the last directive before it (None when it
    comes first), so that a directive made from it can be placed in reading order; `kind`
    is how the splitter read it: "narrative", "footer", "neutral" (no ask of its own) or
    "requirement" (an ask it could not place)."""

    index: int
    start: int
    end: int
    text: str
    after: str | None
    kind: str

    def to_dict(self) -> dict:
        """A plain dict with keys index, start, end, text, after, kind."""
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """A split report: the proposed directives and the narrative, both in input order."""

    directives: list[Directive]
    narrative: list[NarrativeSentence]


def detect_lang(text: str) -> str:
    """ "zh" if the text is mostly Chinese characters, else "en"."""
    cjk = len(_CJK.findall(text))
    return "zh" if cjk and cjk * 2 >= len(_LATIN.findall(text)) else "en"


def split(text: str, lang: str = "auto", areas_path: str | Path | None = None) -> list[Directive]:
    """The directives of a report, in order; `areas_path` names another keyword file.

    Raises ValueError for a `lang` other than auto/zh/en or a bad keyword file.
    """
    return split_report(text, lang, areas_path).directives


def split_report(text: str, lang: str = "auto", areas_path: str | Path | None = None) -> Report:
    """The directives and the narrative of a report (see split() for the arguments).

    Every sentence of the report is either touched by a directive or in the narrative,
    never both and never twice.
    """
    if lang not in ("auto", "zh", "en"):
        raise ValueError(f"lang must be auto, zh or en, not {lang!r}")
    tagger = load_tagger(areas_path)
    if not text.strip():
        return Report([], [])
    lang = detect_lang(text) if lang == "auto" else lang
    outline = Outline(text, lang)
    directives: list[Directive] = []
    named: dict[int, list[str]] = {}

    def emit(nodes: list[Node], parent_seq: str | None, inherited: list[str]) -> None:
        for number, node in enumerate(nodes, start=1):
            seq = f"{parent_seq}.{number}" if parent_seq else str(number)
            words = text[node.start : node.end]
            mentions = (
                find_mentions(words, lang)
                or named.get(id(node.shares), [])
                or _inherited(node, outline, text, lang, inherited)
            )
            named[id(node)] = mentions
            marker = text[node.marker[0] : node.marker[1]] if node.marker else None
            directives.append(
                Directive(
                    seq,
                    parent_seq,
                    marker,
                    node.speaker,
                    words,
                    tagger.tag(words),
                    mentions,
                    node.start,
                    node.end,
                )
            )
            emit(node.children, seq, mentions)

    emit(outline.nodes(), None, [])
    return Report(directives, _narrative(text, outline, directives))


def _inherited(node: Node, outline: Outline, text: str, lang: str, parents: list[str]) -> list[str]:
    """Mentions an enumerated item takes from its lead-in or its parent when it names nobody."""
    if not node.inherits:
        return []
    span = outline.context_mentions_span(node)
    return (find_mentions(text[span[0] : span[1]], lang) if span else []) or list(parents)


def _narrative(text: str, outline: Outline, directives: list[Directive]) -> list[NarrativeSentence]:
    """The sentences no directive's span overlaps, each after the last directive before it."""
    spans = sorted((d.start, d.end, d.seq) for d in directives)
    starts = [start for start, _, _ in spans]
    ends = [end for _, end, _ in spans]
    reach = list(accumulate(ends, max))  # the furthest end so far
    found = []
    for index, sentence in enumerate(outline.sentences):
        before = bisect.bisect_left(starts, sentence.end)  # spans that start before its end
        if before and reach[before - 1] > sentence.start:
            continue
        after = spans[before - 1][2] if before else None
        words = text[sentence.start : sentence.end]
        kind = outline.kinds[index].value
        found.append(NarrativeSentence(index, sentence.start, sentence.end, words, after, kind))
    return found

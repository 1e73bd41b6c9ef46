"""Split a meeting report into directives (部署事项): Chinese or English, with areas and units.

Standard library only. `split()` finds enumerated items (一是…, （一）…, 1., First, …,
nested, with themes and lead-ins) and unenumerated requirements (要…, must, should),
leaves narrative out, and tags each directive with key areas and who must act.

Every directive's `text` is an exact substring of the input (markers, leads such as
"会议要求，" and edge punctuation left out), and directives come in input order.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from duban.splitter.areas import load_tagger
from duban.splitter.mentions import RegistryEntry, find_mentions, resolve_mentions
from duban.splitter.structure import Node, Outline

__all__ = ["Directive", "RegistryEntry", "detect_lang", "resolve_mentions", "split"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Directive:
    """One deployed requirement: its place in the outline, its words and who and what it touches."""

    seq: str
    parent: str | None
    marker: str | None
    speaker: str | None
    text: str
    areas: list[str]
    mentions: list[str]

    def to_dict(self) -> dict:
        """A plain dict with keys seq, parent, marker, speaker, text, areas, mentions."""
        return asdict(self)


def detect_lang(text: str) -> str:
    """ "zh" if the text is mostly Chinese characters, else "en"."""
    cjk = len(_CJK.findall(text))
    return "zh" if cjk and cjk * 2 >= len(_LATIN.findall(text)) else "en"


def split(text: str, lang: str = "auto", areas_path: str | Path | None = None) -> list[Directive]:
    """The directives of a report, in order; `areas_path` names another keyword file.

    Raises ValueError for a `lang` other than auto/zh/en or a bad keyword file.
    """
    if lang not in ("auto", "zh", "en"):
        raise ValueError(f"lang must be auto, zh or en, not {lang!r}")
    tagger = load_tagger(areas_path)
    if not text.strip():
        return []
    lang = detect_lang(text) if lang == "auto" else lang
    outline = Outline(text, lang)
    directives: list[Directive] = []

    def emit(nodes: list[Node], parent_seq: str | None, inherited: list[str]) -> None:
        for number, node in enumerate(nodes, start=1):
            seq = f"{parent_seq}.{number}" if parent_seq else str(number)
            words = text[node.start : node.end]
            mentions = find_mentions(words, lang) or _inherited(
                node, outline, text, lang, inherited
            )
            marker = text[node.marker[0] : node.marker[1]] if node.marker else None
            directives.append(
                Directive(seq, parent_seq, marker, node.speaker, words, tagger.tag(words), mentions)
            )
            emit(node.children, seq, mentions)

    emit(outline.nodes(), None, [])
    return directives


def _inherited(node: Node, outline: Outline, text: str, lang: str, parents: list[str]) -> list[str]:
    """Mentions an enumerated item takes from its lead-in or its parent when it names nobody."""
    if not node.inherits:
        return []
    span = outline.context_mentions_span(node)
    return (find_mentions(text[span[0] : span[1]], lang) if span else []) or list(parents)

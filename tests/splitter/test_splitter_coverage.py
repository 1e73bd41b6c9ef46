"""Every sentence of every real report is in a proposed directive or in the narrative."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duban.splitter import split_report

HERE = Path(__file__).resolve().parent
_SENTENCE_END = re.compile(r"[。！？；!?;]|\.\s")
_TRAILING = "。.，,；;：:!！?？\"'”’ " + "0123456789"
_TAIL = 6
REPORTS = sorted([*(HERE / "corpus").glob("*.txt"), *(HERE / "unseen").glob("*.txt")])


@pytest.mark.parametrize("path", REPORTS, ids=[path.stem for path in REPORTS])
def test_every_sentence_of_a_real_report_is_a_directive_or_narrative(path, covered):
    """By offsets (covered), and as words: the end of each sentence of each line (whitespace
    normalised; its start may be a cue, a lead or a marker, which no directive repeats)
    stands in the directives' or the narrative's words."""
    text = path.read_text(encoding="utf-8")
    covered(text)
    report = split_report(text)
    shown = _normalised(
        " ".join([*(d.text for d in report.directives), *(s.text for s in report.narrative)])
    )
    for line in text.splitlines():
        for part in _SENTENCE_END.split(line):
            words = _normalised(part).rstrip(_TRAILING)
            assert words[-_TAIL:] in shown, words


def test_narrative_says_where_it_stands():
    """Narrative sentences come with their offsets and the directive they follow, so that
    a directive made from one can be put in its place."""
    text = "会议由区长主持。会议要求，各街道要加强燃气检查。会议还观看了警示片。各部门要压实责任。"
    report = split_report(text)
    assert [(s.text, s.after, s.kind) for s in report.narrative] == [
        ("会议由区长主持。", None, "narrative"),
        ("会议还观看了警示片。", "1", "narrative"),
    ]
    assert [(d.seq, d.text) for d in report.directives] == [
        ("1", "各街道要加强燃气检查"),
        ("2", "各部门要压实责任"),
    ]
    assert text[report.narrative[1].start : report.narrative[1].end] == "会议还观看了警示片。"


def _normalised(text: str) -> str:
    """The text with every run of whitespace as one space."""
    return " ".join(text.split())

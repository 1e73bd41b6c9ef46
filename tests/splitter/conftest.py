"""Shared helpers for the splitter tests: the corpus of real reports (copied here so that a
clean clone has it), a check that directive texts come from the input, in order, and the
check of the splitter's contract with the clerk's page: every sentence of a report is in a
proposed directive or in the narrative, nothing dropped, nothing twice."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from duban.splitter import Directive, split, split_report

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def corpus_split():
    """Split a corpus text by file stem; also checks texts are in-order substrings."""

    def run(stem: str) -> list[Directive]:
        text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
        directives = split(text)
        assert_in_order(text, directives)
        return directives

    return run


@pytest.fixture(scope="session")
def covered():
    """The check that directives and narrative account for every sentence of a text."""
    return assert_covered


@pytest.fixture
def in_order():
    """The check that directive texts are in-order substrings of the input."""
    return assert_in_order


def assert_in_order(text: str, directives: list[Directive]) -> None:
    """Every directive text (and marker) is a substring of the input, in input order."""
    position = 0
    for directive in directives:
        if directive.marker is not None:
            position = text.index(directive.marker, position) + len(directive.marker)
        found = text.find(directive.text, position)
        assert found >= 0, f"{directive.seq}: text not found in order: {directive.text[:40]!r}"
        position = found + len(directive.text)


# Pieces of text between sentence marks (every 。？；！; ! and line end, not an ASCII "?",
# which may stand for a lost quotation mark): none may be left out.
_PIECE = re.compile(r"[^。！？；!;\n]+")
_CONTENT = re.compile(r"[^\W_]")


def assert_covered(text: str) -> None:
    """Directives and narrative are the input's own words at their offsets, never overlap,
    and between them touch every piece of the input that has a letter or a character."""
    report = split_report(text)
    spans = []
    for directive in report.directives:
        assert text[directive.start : directive.end] == directive.text, directive
        spans.append((directive.start, directive.end))
    for sentence in report.narrative:
        assert text[sentence.start : sentence.end] == sentence.text, sentence
        assert sentence.text.strip() == sentence.text and sentence.text
        spans.append((sentence.start, sentence.end))
    spans.sort()
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start, f"duplicated: {text[start:end]!r}"
    indexes = [sentence.index for sentence in report.narrative]
    assert indexes == sorted(set(indexes))
    for piece in _PIECE.finditer(text):
        if _CONTENT.search(piece.group()):
            assert any(a < piece.end() and b > piece.start() for a, b in spans), (
                f"dropped: {piece.group()!r}"
            )
    for sentence in report.narrative:
        before = [d for d in report.directives if d.start < sentence.start]
        assert sentence.after == (max(before, key=lambda d: d.start).seq if before else None)

"""Shared helpers for the splitter tests: the corpus of real reports (copied here so that a
clean clone has it) and a check that directive texts come from the input, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.splitter import Directive, split

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

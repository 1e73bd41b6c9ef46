"""Question marks standing for quotation marks a converter lost (“” saved in a narrow
encoding): they do not end a sentence, so a quoted phrase is never a directive of its own.
Real question marks still end one, and a full-width ？ always does."""

from __future__ import annotations

import pytest

from duban.splitter import split, split_report


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        # both marks glued to the phrase: an opening "?" before a letter, a closing one
        # before a lower-case word
        (
            "Rectify the ?three-in-one? places, and the streets must report weekly.",
            ["Rectify the ?three-in-one? places, and the streets must report weekly"],
        ),
        # spaced the other way ("the? Three … must? Requirements"): a "?" after "the" opens
        (
            "All streets should strictly follow the? Safety must come first? Principle, "
            "and refine the tasks to every enterprise.",
            [
                "All streets should strictly follow the? Safety must come first? Principle, "
                "and refine the tasks to every enterprise"
            ],
        ),
        # a pair around a short phrase, both marks followed by capitals
        (
            "Departments must establish? Hidden dangers must be cleared? System and check the "
            "?Four Ones?? requirements.",
            [
                "Departments must establish? Hidden dangers must be cleared? System and check the "
                "?Four Ones?? requirements"
            ],
        ),
        # Chinese text with ASCII "?" for “”
        ("会议要求，各街道要落实?四个一?要求，加强检查。", ["各街道要落实?四个一?要求，加强检查"]),
    ],
)
def test_a_quoted_phrase_stays_in_its_sentence(text, texts):
    assert [d.text for d in split(text)] == texts


@pytest.mark.parametrize(
    ("text", "narrative"),
    [
        ("What is the problem? Hidden dangers remain. The streets must check.", 0),
        ("Why? How? The streets must check the ?three-in-one? places.", 0),
        ("怎么办?各街道要加强巡查。", 0),
        ("落实？四个一？要求。各街道要加强巡查。", 0),
    ],
)
def test_a_real_question_mark_still_ends_a_sentence(text, narrative):
    """The question before the ask is a sentence of its own, in the narrative."""
    report = split_report(text)
    first = report.narrative[narrative].text
    assert first.endswith(("?", "？")) and first in text
    assert all(first not in d.text for d in report.directives)

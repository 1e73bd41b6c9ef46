"""Enumeration markers: the forms that count, and the look-alikes that do not."""

from __future__ import annotations

import pytest

from duban.splitter import detect_lang, split


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("一要加强领导，落实责任；二要加强排查，消除隐患。", ["一要", "二要"]),
        ("一是要加强领导工作；二是要加强排查工作。", ["一是要", "二是要"]),
        ("第一，加强领导工作。第二，加强排查工作。", ["第一", "第二"]),
        ("（一）加强领导工作。（二）加强排查工作。", ["（一）", "（二）"]),
        ("1.加强领导工作。2.加强排查工作。", ["1.", "2."]),
        ("１．加强领导工作；２．加强排查工作。", ["１．", "２．"]),
        ("①加强领导工作；②加强排查工作。", ["①", "②"]),
        ("会议要求一是加强领导工作，二是加强排查工作。", ["一是", "二是"]),
        ("九是加强领导工作；十是加强排查工作；十一是做好值班工作。", []),
        ("First, strengthen leadership. Second, strengthen inspection.", ["First,", "Second,"]),
        (
            "Firstly, strengthen leadership. Secondly, strengthen inspection.",
            ["Firstly,", "Secondly,"],
        ),
        ("One is to strengthen leadership. Two is to strengthen inspection.", ["One is", "Two is"]),
        (
            "1 it is to strengthen leadership. 2 it is to strengthen inspection.",
            ["1 it is", "2 it is"],
        ),
        (
            "First, strengthen leadership. Second, strengthen inspection. Finally, keep duty "
            "rosters.",
            ["First,", "Second,", "Finally,"],
        ),
    ],
)
def test_marker_forms(text, markers):
    """Each family of markers as written; a run must start at 1 (九是/十是 alone is not a list)."""
    assert [d.marker for d in split(text) if d.marker] == markers


def test_a_run_must_start_at_one_and_have_two_items():
    """A lone 一是, or 二是/三是 without 一是, is not a list."""
    assert [d.marker for d in split("会议要求，一是要加强领导。")] == [None]
    assert [d.marker for d in split("会议要求，二是要加强领导；三是要加强排查。")] == [None, None]


def test_numbers_in_text_are_not_markers():
    """Dates, decimals and counts (February 11., 1.5, 24小时, 2024-03-27) are text."""
    text = (
        "On February 11.Zhang Fei said the rate rose 1.5 percent. We must keep 24-hour duty. "
        "2 units must report."
    )
    assert all(d.marker is None for d in split(text))
    assert all(
        d.marker is None for d in split("2024-03-27\n要实行24小时值守，3个检查组要每天巡查。")
    )


def test_marker_text_excludes_the_marker_and_its_comma():
    directives = split("第一，加强领导工作。第二，加强排查工作。")
    assert [d.text for d in directives] == ["加强领导工作", "加强排查工作"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("会议要求各街道要加强消防安全。", "zh"),
        ("會議要求各街道要加強消防安全。", "zh"),
        (
            "The meeting stressed the need to strengthen fire safety. 浙公网安备33010802003254号",
            "en",
        ),
        ("", "en"),
        ("12345", "en"),
    ],
)
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


def test_lang_can_be_forced_and_is_checked():
    assert split("一是加强领导工作；二是加强排查工作。", lang="zh")[1].marker == "二是"
    with pytest.raises(ValueError):
        split("text", lang="fr")

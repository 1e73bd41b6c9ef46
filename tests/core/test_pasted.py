"""Text and dates as pasted from Word or PDF: one reading for every field (duban.infra.pasted)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from duban.infra.pasted import pasted_day, pasted_name, pasted_text


@pytest.mark.parametrize(
    "typed",
    [
        "2027-01-20",
        "２０２７-０１-２０",
        "２０２７－０１－２０",
        "2027年1月20日",
        "２０２７年１月２０日",
        "\u00a02027-01-20\u200b ",
        "\ufeff2027-01-20",
        "2027/1/20",
        "2027.1.20",
        "2027 年 1 月 20 日",
        "20270120",
        date(2027, 1, 20),
        datetime(2027, 1, 20, 9, 30),
    ],
)
def test_every_way_of_writing_a_day_reads_as_that_day(typed):
    assert pasted_day(typed) == date(2027, 1, 20)


@pytest.mark.parametrize(
    "typed", ["next week", "下周", "2027-02-30", "2027-13-01", "", None, 20270120]
)
def test_what_names_no_day_reads_as_none(typed):
    assert pasted_day(typed) is None


def test_pasted_text_folds_widths_and_drops_invisible_characters():
    assert pasted_text("\u3000ＡＢ\u00a0１２\u200b\u00ad ") == "AB 12"


def test_a_pasted_name_keeps_its_chinese_punctuation():
    assert (
        pasted_name("\u200b区应急管理局（安委办）\u3000 ２号\u00a0 ")
        == "区应急管理局（安委办） 2号"
    )

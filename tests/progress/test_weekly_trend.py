"""The weekly trend adds up to the headline."""

from __future__ import annotations

from .conftest import PERIOD


def test_weeks_of_the_period(history):
    trend = history.wb.trend(PERIOD)
    assert trend.to_dict("list") == {
        "week": [
            "2026-09-28",
            "2026-10-05",
            "2026-10-12",
            "2026-10-19",
            "2026-10-26",
            "2026-11-02",
            "2026-11-09",
            "2026-11-16",
        ],
        "assigned": [4, 0, 0, 0, 0, 2, 0, 0],
        "closed": [0, 0, 1, 0, 1, 1, 0, 0],
        "overdue": [0, 0, 0, 2, 1, 1, 2, 2],
    }


def test_the_trend_agrees_with_the_headline(history):
    trend, figures = history.wb.trend(PERIOD), history.wb.headline(PERIOD)
    assert (trend["assigned"].sum(), trend["closed"].sum(), trend["overdue"].iloc[-1]) == (
        figures["assigned"],
        figures["closed"],
        figures["overdue"],
    )

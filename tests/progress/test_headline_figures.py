"""Headline figures of a period, worked out by hand (see conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import ValidationError
from duban.service.progress import Scope, preset_period

from .conftest import PERIOD


def test_the_periods_figures(history):
    figures = history.wb.headline(PERIOD)
    assert figures == {
        "assigned": 6,
        "closed": 3,
        "closed_on_time": 2,
        "closed_late": 1,
        "open": 3,
        "overdue": 2,
        "due": 5,  # closed or past the deadline: all but A2's (due 11-18, still open)
        "returned": 1,
        "green": 2,
        "yellow": 1,
        "red": 3,
        "avg_days_late": 13.0,
        "on_time_rate": 2 / 3,
    }


def test_all_time_adds_the_earlier_meeting(history):
    figures = history.wb.headline()
    assert (
        figures["assigned"],
        figures["closed"],
        figures["closed_on_time"],
        figures["green"],
    ) == (7, 4, 3, 3)


def test_filters_narrow_the_figures(history):
    wb = history.wb
    assert wb.headline(PERIOD.narrowed(level="municipal"))["assigned"] == 2
    assert wb.headline(PERIOD.narrowed(kind="plenary"))["assigned"] == 4
    assert wb.headline(PERIOD.narrowed(area="gas"))["assigned"] == 1
    streets = wb.headline(PERIOD.narrowed(unit_kind="street"))
    assert (streets["assigned"], streets["overdue"], streets["closed"]) == (4, 1, 3)


def test_a_reporter_sees_only_their_units_figures(history):
    figures = history.wb.as_user("east").headline(PERIOD)
    assert (figures["assigned"], figures["closed_on_time"]) == (2, 2)


def test_an_empty_period_counts_nothing(history):
    figures = history.wb.headline(Scope(date(2020, 1, 1), date(2020, 1, 31)))
    assert (
        figures["assigned"] == 0
        and figures["on_time_rate"] is None
        and figures["avg_days_late"] is None
    )


def test_bad_filters_are_refused(history):
    with pytest.raises(ValidationError):
        history.wb.headline(PERIOD.narrowed(level="galactic"))
    with pytest.raises(ValidationError):
        history.wb.headline(Scope(date(2026, 11, 2), date(2026, 11, 1)))


def test_presets(today):
    assert preset_period("last_month", today) == (date(2026, 10, 1), date(2026, 10, 31))
    assert preset_period("this_quarter", today) == (date(2026, 10, 1), today)
    assert preset_period("all", today) == (None, None)

"""Standing directives: calendar periods, and which periodic reports were sent, due or missing."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from duban.service.cycles import Period, period_of, period_reports, periods


@pytest.mark.parametrize(
    ("day", "cycle", "start", "end"),
    [
        (date(2026, 11, 16), "weekly", date(2026, 11, 16), date(2026, 11, 22)),  # a Monday
        (date(2026, 11, 22), "weekly", date(2026, 11, 16), date(2026, 11, 22)),  # its Sunday
        (date(2026, 12, 31), "weekly", date(2026, 12, 28), date(2027, 1, 3)),  # across the year
        (date(2026, 2, 14), "monthly", date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 14), "monthly", date(2028, 2, 1), date(2028, 2, 29)),  # a leap year
        (date(2026, 12, 5), "monthly", date(2026, 12, 1), date(2026, 12, 31)),
        (date(2026, 11, 16), "quarterly", date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 3, 31), "quarterly", date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), "quarterly", date(2027, 4, 1), date(2027, 6, 30)),
    ],
)
def test_period_of_a_date(day, cycle, start, end):
    assert period_of(day, cycle) == Period(cycle, start, end)


def test_no_periods_without_a_cycle():
    with pytest.raises(ValueError):
        period_of(date(2026, 11, 16), "none")


def test_periods_run_from_the_first_to_the_last_day_without_gaps():
    found = periods("monthly", date(2026, 10, 20), date(2027, 1, 2))
    assert [p.label() for p in found] == ["2026-10", "2026-11", "2026-12", "2027-01"]
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in itertools.pairwise(found))
    assert period_of(date(2026, 11, 16), "quarterly").label() == "2026 Q4"
    assert period_of(date(2026, 11, 18), "weekly").label() == "week of 2026-11-16"


def test_each_period_sent_missing_or_due():
    rows = period_reports(
        "weekly",
        assigned_on=date(2026, 10, 28),  # a Wednesday
        sent=["2026-10-30T10:00:00", "2026-11-12T09:00:00", "2026-11-13T16:30:00"],
        today=date(2026, 11, 18),
    )
    assert [(r.period.start.isoformat(), r.state, r.sent_at) for r in rows] == [
        ("2026-10-26", "sent", ("2026-10-30T10:00:00",)),
        ("2026-11-02", "missing", ()),
        ("2026-11-09", "sent", ("2026-11-12T09:00:00", "2026-11-13T16:30:00")),
        ("2026-11-16", "due", ()),  # the week still runs
    ]


def test_the_current_period_once_sent_is_not_due():
    rows = period_reports("monthly", date(2026, 11, 3), ["2026-11-16T08:00:00"], date(2026, 11, 16))
    assert [r.state for r in rows] == ["sent"]


def test_a_period_ending_today_is_still_due():
    rows = period_reports("weekly", date(2026, 11, 16), [], date(2026, 11, 22))
    assert [r.state for r in rows] == ["due"]


def test_a_closed_task_owes_nothing_after_its_closing():
    rows = period_reports(
        "monthly",
        date(2026, 9, 10),
        ["2026-09-20T10:00:00", "2026-10-30T10:00:00"],
        today=date(2027, 1, 5),
        closed_on=date(2026, 11, 2),
    )
    assert [(r.period.label(), r.state) for r in rows] == [
        ("2026-09", "sent"),
        ("2026-10", "sent"),
    ]  # November (closed in it, no report) and later owe nothing

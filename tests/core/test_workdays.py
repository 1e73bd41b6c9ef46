"""Working-day deadlines: Chinese public holidays and make-up working days count."""

from __future__ import annotations

from datetime import date

import pytest

from duban.service.workdays import add_working_days, is_workday


def test_national_day_week_and_its_make_up_saturday():
    # From Tue 29 Sep 2026: 30 Sep, (1–7 Oct holiday), 8 Oct, 9 Oct, Sat 10 Oct (make-up day),
    # Mon 12 Oct.
    result = add_working_days(date(2026, 9, 29), 5)
    assert result.date == date(2026, 10, 12)
    assert result.warning is None


def test_make_up_saturday_is_a_working_day_and_holiday_monday_is_not():
    assert is_workday(date(2026, 10, 10)) is True
    assert is_workday(date(2026, 10, 5)) is False


def test_ordinary_week_skips_the_weekend():
    assert add_working_days(date(2026, 11, 20), 1).date == date(2026, 11, 23)  # Friday -> Monday


def test_outside_the_known_years_only_weekends_are_skipped_with_a_warning():
    result = add_working_days(date(2031, 1, 3), 1)  # a Friday in a year the calendar does not know
    assert result.date == date(2031, 1, 6)
    assert result.warning and "2031" in result.warning


def test_zero_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), 0)


def test_assign_counts_working_days_from_today(office):
    from duban.infra import clock

    meeting = office.log_meeting("Holiday check", "special", "district", "2026-09-28")
    directive = office.add_directive(
        meeting, "Check gas stations before the holiday", areas=["gas"]
    )
    with clock.frozen(date(2026, 9, 29)):
        result = office.assign(directive, ["东街街道"], 5)
    assert result.deadline == date(2026, 10, 12)
    assert office.tasks()["deadline"].tolist() == ["2026-10-12"]


def test_resolve_deadline_raises_on_its_own_and_collects_when_given_checks(office):
    from duban.infra.errors import ValidationError

    with pytest.raises(ValidationError, match="working days"):
        office.resolve_deadline(0)
    with pytest.raises(ValidationError, match="deadline"):
        office.resolve_deadline("soon")
    checks = office._checks()
    assert office.resolve_deadline(300, checks) == (None, None)
    assert "deadline" in checks.errors
    assert office.resolve_deadline(1) == (date(2026, 11, 17), None)

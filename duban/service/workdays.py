"""Working days in mainland China: public holidays and make-up working days counted.

`chinese_calendar` knows the State Council's schedule for the years it was released
with; outside them only weekends are skipped, and the result carries a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from duban.infra.i18n import _
from duban.service.base import WorkbookBase


@dataclass(frozen=True)
class WorkdayResult:
    date: date
    warning: str | None = None


def _is_workday(day: date) -> tuple[bool, bool]:
    """(is it a working day, did the official calendar know the day)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def is_workday(day: date) -> bool:
    """Whether `day` is a working day (weekends only, outside the known years)."""
    return _is_workday(day)[0]


def add_working_days(start: date, days: int) -> WorkdayResult:
    """The date `days` working days after `start` (start itself not counted)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    current, counted, guessed = start, 0, False
    while counted < days:
        current += timedelta(days=1)
        workday, known = _is_workday(current)
        guessed = guessed or not known
        counted += workday
    warning = None
    if guessed:
        warning = _(
            "The holiday calendar does not cover {year}: only weekends were skipped."
        ).format(year=current.year)
    return WorkdayResult(current, warning)


class WorkdaysMixin(WorkbookBase):
    """Working days as the office's calendar has them: what every deadline in days uses."""

    def add_working_days(self, start: date, days: int) -> WorkdayResult:
        """The date `days` working days after `start` (start itself not counted)."""
        return add_working_days(start, days)

"""Standing directives: the periods of a reporting cycle, and which periodic reports were sent.

Periods are calendar periods: a week runs Monday to Sunday, a month and a quarter as the
calendar has them. A task owes one report per period, from the period in which it was
assigned to the one holding today (or its closing day). A period is `sent` when a progress
report (a closure request too) falls in it, `missing` when it ended without one, and `due`
while it is still running without one. A closed task owes nothing for the period it was
closed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from duban.infra.i18n import _

# A period's state (move to duban/vocabulary.py with the other controlled lists).


@dataclass(frozen=True)
class Period:
    """One period of a cycle, first and last day included."""

    cycle: str
    start: date
    end: date

    def label(self) -> str:
        """The period as people name it: 2026-11, 2026 Q4, week of 2026-11-16."""
        if self.cycle == "monthly":
            return f"{self.start:%Y-%m}"
        if self.cycle == "quarterly":
            return _("{year} Q{quarter}").format(
                year=self.start.year, quarter=(self.start.month - 1) // 3 + 1
            )
        return _("week of {start}").format(start=self.start.isoformat())

    def next(self) -> Period:
        return period_of(self.end + timedelta(days=1), self.cycle)


def period_of(day: date, cycle: str) -> Period:
    """The period of `cycle` (weekly, monthly, quarterly) that holds `day`."""
    if cycle == "weekly":
        start = day - timedelta(days=day.weekday())
        return Period(cycle, start, start + timedelta(days=6))
    if cycle == "monthly":
        start = day.replace(day=1)
    elif cycle == "quarterly":
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    else:
        raise ValueError(f"no periods for the cycle {cycle!r}")
    months = 1 if cycle == "monthly" else 3
    year, month = divmod(start.month - 1 + months, 12)
    return Period(cycle, start, date(start.year + year, month + 1, 1) - timedelta(days=1))


def periods(cycle: str, first: date, last: date) -> list[Period]:
    """Every period from the one holding `first` to the one holding `last`, in order."""
    found, current = [], period_of(first, cycle)
    while current.start <= last:
        found.append(current)
        current = current.next()
    return found


@dataclass(frozen=True)
class PeriodReport:
    """A period of a task's cycle: its state and the times of the reports sent in it."""

    period: Period
    state: str  # one of PERIOD_STATES
    sent_at: tuple[str, ...] = field(default=())


def period_reports(
    cycle: str,
    assigned_on: date,
    sent: Iterable[str],
    today: date,
    closed_on: date | None = None,
) -> list[PeriodReport]:
    """Each period a task owes a report for, oldest first; `sent`: the reports' timestamps."""
    last = min(today, closed_on) if closed_on else today
    stamps = sorted(sent)
    result = []
    for period in periods(cycle, assigned_on, max(last, assigned_on)):
        inside = tuple(
            s for s in stamps if period.start <= datetime.fromisoformat(s).date() <= period.end
        )
        if inside:
            result.append(PeriodReport(period, "sent", inside))
        elif closed_on is not None and period.end >= closed_on:
            break  # the period it was closed in owes nothing more
        else:
            result.append(PeriodReport(period, "missing" if period.end < today else "due"))
    return result

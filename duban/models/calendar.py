"""The working-day calendar page as state: the year shown (its entered days a page at a time),
the day being entered, a calendar file's preview, and the "working days from" calculator.

Every rule is the workbook's (duban.service.workdays); the model only holds what the office
typed and calls it. A view redraws when `version` changes.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from traitlets import Any as AnyTrait
from traitlets import Int, Unicode

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.infra.pasted import pasted_day
from duban.models.base import PageModel
from duban.models.directive_review import on_page, page_count, turned
from duban.service.workbook import Workbook
from duban.service.workdays import HolidayPlan, WorkdayResult
from duban.vocabulary import HOLIDAY_KINDS

YEARS_AROUND = (-1, 3)  # the years offered: from last year to three years ahead


def default_year(today: date) -> int:
    """The year the page opens on: next year from November (when the State Council publishes
    the next year's schedule), else this year."""
    return today.year + 1 if today.month >= 11 else today.year


class CalendarModel(PageModel):
    """Enter, change and remove the office's days; import a file after its preview; count."""

    STATE = ("year", "page", "day", "kind", "name", "start", "days")

    year = Int()
    page = Int(0)
    day = Unicode("")  # the day being entered, changed or removed (as typed)
    kind = Unicode("holiday")
    name = Unicode("")
    start = Unicode("")  # the calculator: N working days from `start`
    days = Unicode("")
    plan = AnyTrait(None)  # the HolidayPlan of the file previewed last
    version = Int(0)

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.year = default_year(wb.today())
        self.start = wb.today().isoformat()
        self.entered = pd.DataFrame()
        self._upload: bytes | None = None
        self.observe(lambda _c: self.refresh(), names="year")
        self.refresh()

    def reset(self) -> None:
        """The default year, an empty form, the calculator from today, no preview."""
        super().reset()
        self.year = default_year(self.wb.today())
        self.start = self.wb.today().isoformat()
        self.plan, self._upload = None, None

    # -- reads ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the year's entered days again; the view redraws."""
        self.entered = self.wb.holidays(self.year)
        self.page = min(self.page, page_count(len(self.entered)) - 1)
        self.version += 1

    def years(self) -> list[int]:
        """The years to choose from: around today, and every year with an entered day."""
        today = self.wb.today().year
        entered = {int(day[:4]) for day in self.wb.holidays()["date"]}
        around = range(today + YEARS_AROUND[0], today + YEARS_AROUND[1] + 1)
        return sorted(entered | set(around) | {self.year})

    def note(self) -> str:
        """What the kit knows of the year chosen."""
        return self.wb.calendar_note(self.year)

    def known(self) -> bool:
        return self.wb.calendar_known(self.year)

    def shown(self) -> pd.DataFrame:
        """The entered days on the page shown."""
        return self.entered.iloc[on_page(range(len(self.entered)), self.page)]

    def turn(self, offset: int) -> None:
        self.page = turned(self.page, offset, len(self.entered))
        self.version += 1

    def choices(self) -> list[tuple[str, str]]:
        """The year's entered days as (label, date) pairs, to pick one into the form."""
        return [
            (f"{r.date} {HOLIDAY_KINDS.label(r.kind)} {r.name}", r.date)
            for r in self.entered.itertuples()
        ]

    def pick(self, day: str) -> None:
        """Put an entered day into the form (to change or remove it)."""
        row = self.entered[self.entered["date"] == day].iloc[0]
        self.day, self.kind, self.name = row["date"], row["kind"], row["name"]

    # -- the office's writes ----------------------------------------------------------------
    def enter(self) -> str:
        """Enter the day of the form (or change it); the page turns to its year."""
        change = self.wb.enter_holiday(self.day, self.kind, self.name)
        day = pasted_day(self.day)
        self._show_year(day.year)
        texts = {
            "added": _("{day} entered: {kind}, {name}."),
            "changed": _("{day} changed: {kind}, {name}."),
            "unchanged": _("{day} was already entered so: {kind}, {name}."),
        }
        return texts[change].format(
            day=day.isoformat(), kind=HOLIDAY_KINDS.label(self.kind), name=self.name.strip()
        )

    def remove(self) -> str:
        """Remove the day of the form."""
        self.wb.remove_holiday(self.day)
        day = pasted_day(self.day)
        self.name = ""
        self._show_year(day.year)
        return _("{day} removed.").format(day=day.isoformat())

    def preview(self, data: bytes) -> HolidayPlan:
        """Check a calendar file and keep it for `import_file` (nothing is written)."""
        self.plan, self._upload = None, None
        plan = self.wb.plan_holidays(data)
        self.plan, self._upload = plan, data
        return plan

    def import_file(self) -> str:
        """Import the file previewed (the workbook checks it again: one bad row, nothing)."""
        if self._upload is None:
            raise ValidationError.single("file", _("choose a file and look at its preview first"))
        plan = self.wb.import_holidays(self._upload)
        self.plan, self._upload = None, None
        if plan.entries:
            self._show_year(plan.entries[0][1].day.year)
        return plan.imported_text()

    def count(self) -> WorkdayResult:
        """The calculator: the date `days` working days after `start`."""
        return self.wb.working_days_from(self.start, self.days)

    def _show_year(self, year: int) -> None:
        if year == self.year:
            self.refresh()
        else:
            self.year = year  # refreshes

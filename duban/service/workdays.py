"""Working days as the office counts them: the days it entered, then chinesecalendar, then weeks.

The rules, defined here only, for one date:

1. a day the office entered (the `holidays` table) is what the office says: a holiday, or a
   make-up working day (调休上班);
2. otherwise, in a year the `chinesecalendar` package covers (2004–2026 in version 1.11), the
   package's State Council schedule;
3. otherwise Monday to Friday are working days, Saturday and Sunday are not.

A year is *known* when the package covers it or the office has entered at least one day of it:
entering a year's schedule means entering all of its holidays and make-up days, and once the
first is in, the year's other days are ordinary weeks. A deadline counted through a year that is
not known is provisional (暂按双休日计算): its `WorkdayResult.warning` names the year and says
how to fix it.

The table is read once per change of the database (SQLite's `PRAGMA data_version` for other
connections, `forget()` after this module's own writes), not once per deadline: a page computes
hundreds of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, cached_property
from weakref import WeakKeyDictionary

import chinese_calendar
import pandas as pd

from duban.db import Store
from duban.db.store import Writer
from duban.infra.clock import now_iso
from duban.infra.errors import NotFoundError, ValidationError
from duban.infra.i18n import _
from duban.infra.pasted import pasted_day, pasted_name, pasted_text
from duban.infra.textfiles import csv_rows
from duban.service.base import WorkbookBase
from duban.service.checks import Checks
from duban.vocabulary import HOLIDAY_KINDS, IMPORT_CHANGES

NAME_LIMIT = 60  # characters of a day's name (春节, 国庆节调休上班)
# What a file or a form may write for a kind (after NFKC, lower case), and the kind it means.
KIND_WORDS = {
    **{value: value for value in HOLIDAY_KINDS},
    **{word: "holiday" for word in ("休", "假", "假日", "节假日", "放假", "休息")},
    **{word: "workday" for word in ("班", "上班", "调休上班", "补班", "工作日")},
}
# The columns of a calendar file (header names, after NFKC, lower case), by what they hold.
COLUMN_WORDS = {
    "date": "date",
    "日期": "date",
    "kind": "kind",
    "类型": "kind",
    "类别": "kind",
    "name": "name",
    "名称": "name",
    "节日": "name",
}


MAX_WORKING_DAYS = 250  # the most working days a deadline may be set in


@dataclass(frozen=True)
class WorkdayResult:
    """A date counted in working days; `warning` says when it is provisional."""

    date: date
    warning: str | None = None


# -- text as people paste it -----------------------------------------------------------------
def parse_kind(value: object) -> str | None:
    """holiday or workday, from the words a file may use (休/班, 假日/调休上班, a kind's label
    in the kit's language); else None."""
    if not isinstance(value, str):
        return None
    labels = {pasted_text(HOLIDAY_KINDS.label(kind)).lower(): kind for kind in HOLIDAY_KINDS}
    return {**KIND_WORDS, **labels}.get(pasted_text(value).lower())


def years_text(years: list[int]) -> str:
    """Years as a list in the language: '2027, 2028' / '2027、2028'."""
    return _(", ").join(str(year) for year in years)


# -- the package -----------------------------------------------------------------------------
@cache
def package_year(year: int) -> Mapping[date, bool] | None:
    """chinesecalendar's exceptions to the ordinary week in `year` (date -> is a working day),
    or None when the package does not cover the year. Asked once per year and process."""
    first = date(year, 1, 1)
    days = [first + timedelta(n) for n in range((date(year + 1, 1, 1) - first).days)]
    try:
        return {d: work for d in days if (work := chinese_calendar.is_workday(d)) != _weekday(d)}
    except NotImplementedError:
        return None


def package_knows(year: int) -> bool:
    """Whether the chinesecalendar package has the State Council's schedule for `year`."""
    return package_year(year) is not None


def _weekday(day: date) -> bool:
    return day.weekday() < 5


# -- the office's calendar -------------------------------------------------------------------
@dataclass(frozen=True)
class Calendar:
    """The days the office entered (date -> 'holiday' or 'workday') over the package."""

    entered: Mapping[date, str] = field(default_factory=dict)

    @cached_property
    def entered_years(self) -> frozenset[int]:
        return frozenset(day.year for day in self.entered)

    def knows(self, year: int) -> bool:
        """Whether `year` is known: the office entered a day of it, or the package covers it."""
        return year in self.entered_years or package_knows(year)

    def is_workday(self, day: date) -> bool:
        """Whether `day` is a working day, by the rules of this module."""
        kind = self.entered.get(day)
        if kind is not None:
            return kind == "workday"
        return (package_year(day.year) or {}).get(day, _weekday(day))

    def add(self, start: date, days: int) -> WorkdayResult:
        """The date `days` working days after `start` (start itself not counted); provisional
        when the count passes through a year that is not known."""
        if days < 1:
            raise ValueError(_("working days must be at least 1"))
        current, counted, unknown = start, 0, set()
        while counted < days:
            current += timedelta(days=1)
            if not self.knows(current.year):
                unknown.add(current.year)
            counted += self.is_workday(current)
        return WorkdayResult(current, provisional(sorted(unknown)) if unknown else None)


def provisional(years: list[int]) -> str:
    """The warning of a deadline counted through `years`, which are not known."""
    return _(
        "Provisional: the holiday schedule of {years} is not entered, so only weekends were "
        "skipped. Enter the year's schedule (the working-day calendar page, or "
        "duban holidays import) to count its holidays."
    ).format(years=years_text(years))


_CALENDARS: WeakKeyDictionary[Store, tuple[int, Calendar]] = WeakKeyDictionary()


def office_calendar(store: Store) -> Calendar:
    """The office's calendar of `store`, read again only after the database changed."""
    (version,) = store.conn.execute("PRAGMA data_version").fetchone()
    cached = _CALENDARS.get(store)
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = store.conn.execute("SELECT date, kind FROM holidays").fetchall()
    found = Calendar({date.fromisoformat(day): kind for day, kind in rows})
    _CALENDARS[store] = (version, found)
    return found


def forget(store: Store) -> None:
    """Drop the cached calendar of `store` (its own writes do not change data_version)."""
    _CALENDARS.pop(store, None)


# -- entering days ---------------------------------------------------------------------------
@dataclass(frozen=True)
class HolidayEntry:
    """One day as the office enters it."""

    day: date
    kind: str
    name: str


@dataclass(frozen=True)
class HolidayPlan:
    """What importing a file does: each good row's (row number, entry, change) and each bad
    row's reason by row number. Nothing is imported while `errors` has a row."""

    entries: list[tuple[int, HolidayEntry, str]]
    errors: dict[int, str]

    def count(self, change: str) -> int:
        """How many rows are `change` (added, changed, unchanged)."""
        return sum(1 for _row, _entry, done in self.entries if done == change)

    def imported_text(self) -> str:
        """What importing did, in a sentence (the CLI and the page)."""
        return _("Imported: {added} days added, {changed} changed, {unchanged} unchanged.").format(
            **{change: self.count(change) for change in IMPORT_CHANGES}
        )


def _checked(checks: Checks, day: object, kind: object, name: object) -> HolidayEntry | None:
    """The entry; or None, each problem recorded in `checks` under date, kind or name, its
    reason naming the value (for a file's bad-row list and the page's form alike)."""
    found, sort, text = (
        pasted_day(day),
        parse_kind(kind),
        (pasted_name(name) if isinstance(name, str) else ""),
    )
    if found is None:
        checks.fail(
            "date",
            _("“{value}” is not a date (write 2027-02-08 or 2027年2月8日)").format(value=day or ""),
        )
    if sort is None:
        checks.fail(
            "kind",
            _("the kind “{value}” is neither holiday (休) nor workday (班)").format(
                value=kind or ""
            ),
        )
    elif sort == "workday" and found is not None and _weekday(found):
        checks.fail(
            "kind",
            _("{day} is a weekday: a make-up working day is a Saturday or a Sunday").format(
                day=found.isoformat()
            ),
        )
    if not text:
        checks.fail("name", _("the day has no name (春节, 国庆节)"))
    elif len(text) > NAME_LIMIT:
        checks.fail(
            "name",
            _("the name “{value}” is longer than {limit} characters").format(
                value=text, limit=NAME_LIMIT
            ),
        )
    return None if checks.errors else HolidayEntry(found, sort, text)


def read_calendar_file(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows of a calendar CSV (UTF-8 with or without BOM, or GB18030) as (row number,
    {date, kind, name}); the header is row 1, blank lines are skipped but counted."""
    try:
        records = csv_rows(data)
    except ValueError:
        raise ValidationError.single("file", _("is neither UTF-8 nor GB18030 text")) from None
    first = records[0][1] if records else []
    header = [COLUMN_WORDS.get(pasted_text(cell).lower()) for cell in first]
    missing = [c for c in ("date", "kind", "name") if c not in header]
    if missing:
        raise ValidationError.single(
            "file",
            _("needs the columns date, kind, name (missing: {cols})").format(
                cols=", ".join(missing)
            ),
        )
    rows = []
    for number, cells in records[1:]:
        if any(cell.strip() for cell in cells):
            values = dict(zip(header, cells, strict=False))
            rows.append((number, {c: values.get(c, "") for c in ("date", "kind", "name")}))
    return rows


class WorkdaysMixin(WorkbookBase):
    """Working days as the office's calendar has them: what every deadline in days uses."""

    # -- reads (open to everyone: a deadline is counted for every user) ---------------------
    def calendar(self) -> Calendar:
        """The office's calendar as it stands (read once per change of the database)."""
        return office_calendar(self.store)

    def add_working_days(self, start: date, days: int) -> WorkdayResult:
        """The date `days` working days after `start` (start itself not counted)."""
        return self.calendar().add(start, days)

    def is_workday(self, day: date) -> bool:
        """Whether `day` is a working day by the office's calendar."""
        return self.calendar().is_workday(day)

    def calendar_known(self, year: int) -> bool:
        """Whether `year` is known (entered by the office, or in the package); a deadline in a
        year that is not known is provisional."""
        return self.calendar().knows(year)

    def working_days_from(self, start: object, days: object) -> WorkdayResult:
        """`add_working_days` for what a person typed: a date as text, a number as text."""
        checks = self._checks()
        found = pasted_day(start)
        if found is None:
            checks.fail("start", _("must be a date (YYYY-MM-DD)"))
        count = checks.integer("days", _whole(days), 1, MAX_WORKING_DAYS)
        checks.raise_if_any()
        return self.add_working_days(found, count)

    def holidays(self, year: int | None = None) -> pd.DataFrame:
        """The days the office entered (of `year`, or all), by date: date, kind, name,
        entered_by (a login), entered_by_name (the user's display name) and entered_at."""
        where = "WHERE h.date LIKE ?" if year is not None else ""
        return self.store.frame(
            "SELECT h.date, h.kind, h.name, h.entered_by,"
            " COALESCE(u.display_name, h.entered_by) AS entered_by_name, h.entered_at"
            f" FROM holidays h LEFT JOIN users u ON u.login = h.entered_by {where} ORDER BY h.date",
            [f"{year:04d}-%"] if year is not None else [],
        )

    def calendar_note(self, year: int) -> str:
        """What the kit knows of `year`, in a sentence (the CLI's `holidays show`, the page)."""
        entered = sum(1 for day in self.calendar().entered if day.year == year)
        package = package_knows(year)
        if entered and package:
            text = _(
                "{year}: {n} days entered by the office, over the chinesecalendar package's "
                "schedule."
            )
        elif entered:
            text = _(
                "{year}: {n} days entered by the office; the chinesecalendar package does not "
                "cover {year}, so its other days are ordinary weeks."
            )
        elif package:
            text = _("{year}: nothing entered; the chinesecalendar package's schedule is used.")
        else:
            text = _(
                "{year} is not known: nothing entered, and the chinesecalendar package does not "
                "cover it. Deadlines in {year} are provisional (weekends only) until its "
                "schedule is entered."
            )
        return text.format(year=year, n=entered)

    # -- writes (the office: manage_calendar) --------------------------------------------------
    def enter_holiday(self, day: object, kind: object, name: object) -> str:
        """Enter one day, or change an entered one; returns added, changed or unchanged."""
        self._require("manage_calendar")
        checks = self._checks()
        entry = _checked(checks, day, kind, name)
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            change = self._put(tx, entry)
        forget(self.store)
        return change

    def remove_holiday(self, day: object) -> None:
        """Remove an entered day (it counts by the package, or as an ordinary week, again)."""
        self._require("manage_calendar")
        found = pasted_day(day)
        if found is None:
            raise ValidationError.single("date", _("must be a date (YYYY-MM-DD)"))
        with self.store.write(self.actor) as tx:
            row = self._entered(found)
            if row is None:
                raise NotFoundError(_("{day} is not entered").format(day=found.isoformat()))
            tx.delete("holidays", row["id"], "remove_holiday")
        forget(self.store)

    def plan_holidays(self, data: bytes) -> HolidayPlan:
        """What importing the calendar file `data` would do (nothing is written): every good
        row's change, every bad row's reason."""
        self._require("manage_calendar")
        entries, errors, seen = [], {}, {}
        for number, values in read_calendar_file(data):
            checks = self._checks()
            entry = _checked(checks, values["date"], values["kind"], values["name"])
            problems = list(checks.errors.values())
            day = pasted_day(values["date"])
            if day in seen:
                problems.append(
                    _("{day} is already in row {row}").format(day=day.isoformat(), row=seen[day])
                )
            elif day is not None:
                seen[day] = number
            if problems:
                errors[number] = _("; ").join(problems)
            else:
                entries.append((number, entry, self._change(entry)))
        return HolidayPlan(entries, errors)

    def import_holidays(self, data: bytes) -> HolidayPlan:
        """Import a calendar file (columns date, kind, name): every row is checked first, and
        one bad row imports nothing (ValidationError by row). Importing the same file again
        changes nothing. Days entered before and not in the file stay."""
        self._require("manage_calendar")
        with self.store.write(self.actor) as tx:  # planned inside the lock: what is written
            plan = self.plan_holidays(data)
            if plan.errors:
                raise ValidationError(
                    {_("row {n}").format(n=n): reason for n, reason in plan.errors.items()}
                )
            for _row, entry, change in plan.entries:
                if change != "unchanged":
                    self._put(tx, entry)
        forget(self.store)
        return plan

    def _entered(self, day: date) -> dict | None:
        return self.store.one("SELECT * FROM holidays WHERE date = ?", [day.isoformat()])

    def _change(self, entry: HolidayEntry) -> str:
        """What entering `entry` would do: added, changed or unchanged."""
        row = self._entered(entry.day)
        if row is None:
            return "added"
        same = (row["kind"], row["name"]) == (entry.kind, entry.name)
        return "unchanged" if same else "changed"

    def _put(self, tx: Writer, entry: HolidayEntry) -> str:
        """Write `entry` (a new row, or the kind and name of an entered one)."""
        row = self._entered(entry.day)
        change = self._change(entry)
        values = {"kind": entry.kind, "name": entry.name, "entered_by": self.actor}
        values["entered_at"] = now_iso()
        if change == "added":
            tx.insert("holidays", {"date": entry.day.isoformat(), **values}, "enter_holiday")
        elif change == "changed":
            tx.update("holidays", row["id"], values, "change_holiday")
        return change


def _whole(value: object) -> object:
    """A number typed as text (full-width digits too) as an int; anything else as it is."""
    if isinstance(value, str) and pasted_text(value).isdigit():
        return int(pasted_text(value))
    return value

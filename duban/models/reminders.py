"""The office's reminders page as state: reminders (催办), escalation (约谈), look-back (回头看).

Each list is read in SQL a page (PAGE_SIZE) at a time, with the ids chosen kept across pages
(`PagedChoice`): a list of thousands of tasks is never read whole, nor made thousands of
widgets; the filters' choices are read by SQL too (the units and meetings listed).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from traitlets import Any as AnyTrait
from traitlets import HasTraits, Instance, Int, List, Unicode

from duban.documents.reminders import ReminderFiles, send_reminders
from duban.models.base import PageModel
from duban.models.directive_review import PAGE_SIZE, turned
from duban.service.reminders import TaskList
from duban.service.workbook import Workbook


class PagedChoice(HasTraits):
    """A list of tasks (a TaskList, read in SQL) shown a page at a time (`rows`, `total`
    listed), and the ids chosen in it (`chosen`, in the order chosen), kept as pages turn and
    as the list is narrowed."""

    rows = Instance(pd.DataFrame, args=())  # the page shown
    total = Int(0)
    page = Int(0)
    chosen = List(Int())

    def __init__(self) -> None:
        super().__init__()
        self.listing: TaskList | None = None

    def show(self, listing: TaskList) -> None:
        """A new list: what was chosen and is still listed stays chosen."""
        with self.hold_trait_notifications():
            self.listing = listing
            self.total = listing.count()
            if self.chosen:
                listed = set(listing.ids(among=self.chosen))
                self.chosen = [i for i in self.chosen if i in listed]
            self._read(turned(self.page, 0, self.total))

    def _read(self, page: int) -> None:
        with self.hold_trait_notifications():
            self.page = page
            self.rows = (
                self.listing.page(page * PAGE_SIZE, PAGE_SIZE)
                if self.listing is not None
                else pd.DataFrame()
            )

    def on_page(self) -> pd.DataFrame:
        """The rows of the page shown."""
        return self.rows

    def turn(self, offset: int) -> None:
        self._read(turned(self.page, offset, self.total))

    def choose_on_page(self, ids: list[int]) -> None:
        """The rows chosen among the page shown are `ids`; other pages' choices stay."""
        shown = [int(i) for i in self.rows.get("id", [])]
        wanted = {int(i) for i in ids}
        kept = [i for i in self.chosen if i not in shown or i in wanted]
        self.chosen = kept + [i for i in shown if i in wanted and i not in kept]

    def choose_all(self) -> None:
        """Every task listed, on every page (their ids only are read)."""
        self.chosen = self.listing.ids() if self.listing is not None else []

    def clear(self) -> None:
        self.chosen = []


class RemindersModel(PageModel):
    """Reminders: filter (`unit_id`, `meeting_id`, `light`), choose in `reminders`, `send()`.
    Escalation: `escalations` flagged by the office's rule, `interview(unit_ids)`.
    Look-back: filter (`lookback_meeting_id`, `area`, `closed_before`), choose in `lookback`,
    `reopen()` with the required `reason`."""

    unit_id = Int(None, allow_none=True)
    meeting_id = Int(None, allow_none=True)
    light = Unicode("")  # "" both, "red" overdue, "yellow" near the deadline
    note = Unicode("")
    escalations = Instance(pd.DataFrame, args=())
    interview_note = Unicode("")
    lookback_meeting_id = Int(None, allow_none=True)
    area = Unicode("")
    closed_before = Instance(date, allow_none=True)
    reason = Unicode("")
    files = AnyTrait(None)  # the ReminderFiles last sent
    # the filters' choices: the units and meetings with a task to remind, the meetings with a
    # closed task
    reminder_units = Instance(pd.DataFrame, args=())
    reminder_meetings = Instance(pd.DataFrame, args=())
    lookback_meetings = Instance(pd.DataFrame, args=())

    STATE = (
        "unit_id",
        "meeting_id",
        "light",
        "note",
        "interview_note",
        "lookback_meeting_id",
        "area",
        "closed_before",
        "reason",
    )

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.reminders = PagedChoice()
        self.lookback = PagedChoice()
        self.refresh()

    # -- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read every list again (after a write, or when the page is opened)."""
        with self.hold_trait_notifications():  # observers see the choices with their filters
            self.reminder_units = self.wb.reminder_units()
            self.reminder_meetings = self.wb.reminder_meetings()
            self.lookback_meetings = self.wb.lookback_meetings()
            self._lift_stale_filters()
            self.escalations = self.wb.escalations()
        self.find_reminders()
        self.find_lookback()

    def _lift_stale_filters(self) -> None:
        """A filter on a unit or meeting no longer in its list (its last task reopened or
        closed) is lifted, so that the filters always name what is listed."""
        for name, choices, column in (
            ("unit_id", self.reminder_units, "unit_id"),
            ("meeting_id", self.reminder_meetings, "meeting_id"),
            ("lookback_meeting_id", self.lookback_meetings, "meeting_id"),
        ):
            if getattr(self, name) not in set(choices.get(column, [])):
                setattr(self, name, None)

    def find_reminders(self) -> None:
        """The candidates matching the reminders' filters."""
        self.reminders.show(
            self.wb.reminder_list(
                unit_id=self.unit_id, meeting_id=self.meeting_id, light=self.light or None
            )
        )

    def find_lookback(self) -> None:
        """The closed tasks matching the look-back's filters."""
        self.lookback.show(
            self.wb.lookback_list(
                meeting_id=self.lookback_meeting_id,
                area=self.area or None,
                closed_before=self.closed_before,
            )
        )

    def rule(self) -> str:
        """The office's escalation rule in words."""
        return self.wb.escalation_rule()

    def flagged_units(self) -> set[int]:
        return {int(u) for u in self.escalations.get("unit_id", [])}

    # -- writing --------------------------------------------------------------------------
    def send(self) -> ReminderFiles:
        """Remind the units of the chosen tasks: the notices written, one reminder per task."""
        self.files = send_reminders(self.wb, self.reminders.chosen, self.note)
        self.note = ""
        self.reminders.clear()
        self.refresh()
        return self.files

    def interview(self, unit_ids: list[int]) -> dict[int, int]:
        """Record an interview with each unit (on its open late tasks)."""
        done = self.wb.record_interviews(unit_ids, self.interview_note)
        self.interview_note = ""
        self.refresh()
        return done

    def reopen(self) -> int:
        """Reopen the chosen closed tasks for re-checking, with the reason."""
        count = self.wb.reopen_for_lookback(self.lookback.chosen, self.reason)
        self.reason = ""
        self.lookback.clear()
        self.refresh()
        return count

    # -- state ----------------------------------------------------------------------------
    def set_state(self, state: dict[str, Any]) -> None:
        super().set_state(state)
        self.find_reminders()
        self.find_lookback()

    def reset(self) -> None:
        super().reset()
        self.reminders.clear()
        self.lookback.clear()
        self.files = None
        self.refresh()

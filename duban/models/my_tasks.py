"""The unit reporters' page as state: whose tasks, which page of them, the task opened, and
the unit's actions on it (acknowledge, report with evidence, ask for an extension or closure).

A reporter sees their own unit; a clerk or an administrator chooses the unit and acts as the
office for it (the audit records who acted). Days left or late are calendar days, as the
derived `days_late` of every other page counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from traitlets import Bool, Int

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.models.base import PageModel, sentences
from duban.models.directive_review import PAGE_SIZE, page_count
from duban.service.cycles import PeriodReport
from duban.service.evidence import EvidenceFile, Upload
from duban.service.status import allowed_actions
from duban.service.tasks import extension_too_late
from duban.service.workbook import Workbook

LIGHT_ORDER = {"red": 0, "yellow": 1, "green": 2}


def days_text(task: dict[str, Any], today: date) -> str:
    """Calendar days left or late (a closed task: whether it closed on time)."""
    if task["status"] == "closed":
        late = int(task["days_late"] or 0)
        return _("closed {n} days late").format(n=late) if late else _("closed on time")
    left = (date.fromisoformat(task["deadline"]) - today).days
    if left > 0:
        return _("{n} days left").format(n=left)
    if left == 0:
        return _("due today")
    return _("{n} days late").format(n=-left)


def ordered(tasks: pd.DataFrame, show_closed: bool) -> pd.DataFrame:
    """Open tasks first (red, yellow, green; nearest deadline first), then, if asked for, the
    closed ones (the latest closed first)."""
    open_ = tasks[tasks["status"] != "closed"].copy()
    open_["_light"] = open_["light"].map(LIGHT_ORDER)
    open_ = open_.sort_values(["_light", "deadline", "id"]).drop(columns="_light")
    if not show_closed:
        return open_.reset_index(drop=True)
    closed = tasks[tasks["status"] == "closed"].sort_values(
        ["closed_at", "id"], ascending=[False, True]
    )
    return pd.concat([open_, closed], ignore_index=True)


class MyTasksModel(PageModel):
    """`unit_id`, `show_closed` and `page` choose the list; `task_id` the task opened.

    `version` counts the changes a view redraws the list for: every action and every choice;
    `task_version` those it redraws the task opened for: another task opened, or the task read
    again (after an action, or `refresh()`)."""

    STATE = ("unit_id", "show_closed", "page", "task_id")
    unit_id = Int(None, allow_none=True)
    show_closed = Bool(False)
    page = Int(0)
    task_id = Int(None, allow_none=True)
    version = Int(0)
    task_version = Int(0)

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.for_office = wb.user["role"] != "reporter"
        self._rows = pd.DataFrame()
        self.unit_id = None if self.for_office else wb.user["unit_id"]
        if self.for_office:
            choices = self.unit_choices()
            self.unit_id = choices[0][1] if choices else None
        self.observe(lambda _c: self._listed_anew(), names=["unit_id", "show_closed"])
        self.refresh()

    # -- the list ---------------------------------------------------------------------------
    def unit_choices(self) -> list[tuple[str, int]]:
        """(name, id) of the active units, for the office to choose among (a reporter: none)."""
        if not self.for_office:
            return []
        units = self.wb.units()
        return [(str(r["name"]), int(r["id"])) for r in units.to_dict("records")]

    def _listed_anew(self) -> None:
        self.page = 0
        self.refresh(detail=False)

    def refresh(self, detail: bool = True) -> None:
        """Read the unit's tasks again (after an action, or another unit or toggle chosen); with
        `detail`, the task opened too (it is closed when the list no longer has it)."""
        opened = self.task_id
        if self.unit_id is None:
            self._rows = pd.DataFrame(columns=["id", "status"])
        else:
            tasks = self.wb.tasks(unit=self.unit_id if self.for_office else None)
            self._rows = ordered(tasks, self.show_closed)
        ids = set(self._rows["id"].astype(int)) if not self._rows.empty else set()
        if self.task_id is not None and self.task_id not in ids:
            self.task_id = None
        self.page = min(self.page, page_count(len(self._rows)) - 1)
        self.version += 1
        if detail or self.task_id != opened:
            self.task_version += 1

    @property
    def total(self) -> int:
        return len(self._rows)

    def page_rows(self) -> list[dict[str, Any]]:
        """The tasks of the page shown, each with `position` (1-based, in the whole list)."""
        start = self.page * PAGE_SIZE
        rows = self._rows.iloc[start : start + PAGE_SIZE].to_dict("records")  # the page only
        for offset, row in enumerate(rows):
            row["position"] = start + offset + 1
        return rows

    def turn(self, offset: int) -> None:
        self.page = max(0, min(page_count(self.total) - 1, self.page + offset))
        self.version += 1

    def counts(self) -> dict[str, int]:
        """Open tasks by light, new ones (to acknowledge) and returned ones."""
        open_ = self._rows[self._rows["status"] != "closed"] if self.total else self._rows
        lights = open_["light"].value_counts() if len(open_) else {}
        return {
            "open": len(open_),
            **{light: int(lights.get(light, 0)) for light in LIGHT_ORDER},
            "new": int((open_["status"] == "assigned").sum()) if len(open_) else 0,
            "returned": int((open_["status"] == "returned").sum()) if len(open_) else 0,
        }

    def standing(self) -> list[tuple[dict[str, Any], list[PeriodReport]]]:
        """The unit's open standing directives with their periods."""
        if self.unit_id is None:
            return []
        return self.wb.standing_tasks(unit=self.unit_id if self.for_office else None)

    # -- the task opened --------------------------------------------------------------------
    def open(self, task_id: int | None) -> None:
        """Open another task (or none); opening the one open changes nothing."""
        if task_id != self.task_id:
            self.task_id = task_id
            self.task_version += 1

    def task(self) -> dict[str, Any] | None:
        return None if self.task_id is None else self.wb.task(self.task_id)

    def can(self, action: str) -> bool:
        """Whether the status rules allow `action` on the task opened now."""
        task = self.task()
        return task is not None and action in allowed_actions(task["status"])

    def extension_too_late(self) -> bool:
        """Whether an extension of the task opened would be refused (the workbook's rule)."""
        task = self.task()
        return task is not None and extension_too_late(task, self.wb.today())

    def timeline(self) -> pd.DataFrame:
        return self.wb.task_timeline(self.task_id)

    def evidence(self) -> list[EvidenceFile]:
        return self.wb.evidence_files(self.task_id)

    def return_comment(self) -> str | None:
        return self.wb.return_comment(self.task_id)

    def periods(self) -> list[PeriodReport]:
        return self.wb.cycle_reports(self.task_id)

    # -- actions: each returns what to tell the person, and the page is read again ------------
    def _done(self, message: str) -> str:
        self.refresh()
        return message

    def acknowledge(self) -> str:
        self.wb.acknowledge(self._opened())
        return self._done(_("Task acknowledged (签收)."))

    def report(
        self, percent: int, text: str, uploads: Sequence[Upload], *, closure: bool = False
    ) -> str:
        """A progress report (or a closure request: the task done, 100 %, whatever the
        percent field says) with its evidence files as sent."""
        if closure:
            self.wb.request_closure(self._opened(), text, uploads)
        else:
            self.wb.report_progress(self._opened(), percent, text, uploads)
        message = (
            _("Closure requested; the office will review it.")
            if closure
            else _("Progress reported ({percent} %).").format(percent=percent)
        )
        if uploads:
            message = sentences(message, _("{n} evidence files kept.").format(n=len(uploads)))
        return self._done(message)

    def request_extension(self, new_deadline: date | str | None, reason: str) -> str:
        self.wb.request_extension(self._opened(), new_deadline, reason)
        return self._done(_("Extension requested; the office will decide."))

    def _opened(self) -> int:
        if self.task_id is None:
            raise ValidationError.single("task", _("Choose a task first."))
        return self.task_id

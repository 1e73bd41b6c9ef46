"""The supervision page (督办) as state: every unit's tasks a page at a time, the closure
requests to review and the extension requests to decide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from traitlets import Instance, Int, List, Unicode

from duban.infra.errors import DubanError, ValidationError
from duban.infra.i18n import _
from duban.models.base import PageModel, row_by_id
from duban.models.directive_review import PAGE_SIZE, turned
from duban.service.supervision import TaskFilters
from duban.service.workbook import Workbook

# The task list's filters: a dropdown's id or value ("" or None: all), or typed dates.
FILTERS = (
    "meeting_id",
    "directive_id",
    "unit_id",
    "status",
    "light",
    "area",
    "deadline_from",
    "deadline_to",
)
MEETING_CHOICES = 50  # meetings offered at a time; a search finds the others


class SupervisionModel(PageModel):
    """Filter and page the tasks (`update`, `turn`); review closure requests (`choose_task`,
    `close`, `return_task`); decide extensions (`choose_request`, `approve`, `refuse`).

    Every decision reloads the three lists and their counts (`refresh`).
    """

    meeting_id = Int(None, allow_none=True)
    directive_id = Int(None, allow_none=True)
    unit_id = Int(None, allow_none=True)
    status = Unicode("")
    light = Unicode("")
    area = Unicode("")
    deadline_from = Unicode("")
    deadline_to = Unicode("")
    order = Unicode("overdue")
    page = Int(0)
    tasks = Instance(pd.DataFrame, args=())  # the page of tasks shown
    total = Int(0)  # how many tasks match the filters

    closure_page = Int(0)
    closures = Instance(pd.DataFrame, args=())  # a page of closure requests, oldest first
    closure_total = Int(0)
    task_id = Int(None, allow_none=True)  # the closure request under review
    reports = Instance(pd.DataFrame, args=())  # its unit's progress reports, oldest first
    reviews = Instance(pd.DataFrame, args=())  # the office's earlier decisions on it
    evidence = List()  # its evidence files (duban.service.evidence.EvidenceFile), oldest first

    extension_page = Int(0)
    extensions = Instance(pd.DataFrame, args=())  # a page of pending extension requests
    extension_total = Int(0)
    request_id = Int(None, allow_none=True)  # the extension request being decided

    STATE = (*FILTERS, "order", "page", "closure_page", "extension_page")

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.refresh()

    # -- the task list ------------------------------------------------------------------------
    def filters(self) -> TaskFilters:
        """The filters as the workbook takes them ("" means all)."""
        return TaskFilters(**{name: getattr(self, name) or None for name in FILTERS})

    def update(self, **changes: Any) -> None:
        """Change filters or the order and show the first page; a bad filter raises
        ValidationError and the list stays as it was."""
        unknown = set(changes) - {*FILTERS, "order"}
        if unknown:
            raise ValueError(f"not a filter: {', '.join(sorted(unknown))}")
        before = {name: getattr(self, name) for name in changes}
        with self.hold_trait_notifications():
            for name, value in changes.items():
                setattr(self, name, value if value is not None or name.endswith("_id") else "")
            if "meeting_id" in changes and "directive_id" not in changes:
                self.directive_id = None  # a directive belongs to the meeting it was chosen in
        try:
            self.load_tasks(0)
        except Exception:
            for name, value in before.items():
                setattr(self, name, value)
            raise

    def meeting_choices(self, search: str = "") -> pd.DataFrame:
        """Meetings whose title or date matches `search`, newest first (at most
        MEETING_CHOICES); the one chosen is always among them."""
        found = self.wb.find_meetings(search, MEETING_CHOICES)
        if self.meeting_id is not None and self.meeting_id not in set(found["id"]):
            chosen = self.wb.meeting(self.meeting_id)
            first = {"id": chosen["id"], "meeting": chosen["title"], "held_on": chosen["held_on"]}
            found = pd.concat([pd.DataFrame([first]), found], ignore_index=True)
        return found

    def directive_choices(self) -> pd.DataFrame:
        """The directives of the meeting chosen (none without one)."""
        if self.meeting_id is None:
            return pd.DataFrame(columns=["id", "seq", "text"])
        return self.wb.directives(self.meeting_id)

    def unit_choices(self) -> pd.DataFrame:
        """Every unit, retired ones too (their tasks stay on the list)."""
        return self.wb.units(include_inactive=True)

    def turn(self, offset: int) -> None:
        """Show the page `offset` pages on, stopping at either end."""
        self.load_tasks(turned(self.page, offset, self.total))

    def load_tasks(self, page: int) -> None:
        frame, total = self.wb.task_page(self.filters(), page, PAGE_SIZE, self.order)
        if frame.empty and total and page:  # the list shrank under the page: show its last
            page = turned(page, 0, total)
            frame, total = self.wb.task_page(self.filters(), page, PAGE_SIZE, self.order)
        self.page, self.total, self.tasks = page, total, frame

    # -- closure requests -----------------------------------------------------------------------
    def turn_closures(self, offset: int) -> None:
        self.closure_page = turned(self.closure_page, offset, self.closure_total)
        self.load_closures()

    def load_closures(self) -> None:
        frame, total = self.wb.closure_requests(self.closure_page, PAGE_SIZE)
        if frame.empty and total:
            self.closure_page = turned(self.closure_page, 0, total)
            frame, total = self.wb.closure_requests(self.closure_page, PAGE_SIZE)
        self.closure_total, self.closures = total, frame
        ids = [] if frame.empty else [int(i) for i in frame["id"]]
        # the request under review read again (its reports may have changed), or the first
        self.choose_task(self.task_id if self.task_id in ids else ids[0] if ids else None)

    def choose_task(self, task_id: int | None) -> None:
        """Review the closure request of `task_id`: its reports and the earlier decisions."""
        chosen = task_id is not None
        self.reports = self.wb.reports(task_id) if chosen else pd.DataFrame()
        self.reviews = self.wb.review_history(task_id) if chosen else pd.DataFrame()
        self.evidence = self.wb.evidence_files(task_id) if chosen else []
        self.task_id = task_id

    def chosen_task(self) -> dict[str, Any] | None:
        """The row of the closure request under review."""
        return row_by_id(self.closures, self.task_id)

    def close(self, comment: str = "") -> None:
        """Close (办结) the task under review."""
        self._decide(lambda: self.wb.close(self._chosen("task_id"), comment))

    def return_task(self, comment: str) -> None:
        """Send the task under review back (退回) to its unit, saying why."""
        self._decide(lambda: self.wb.return_task(self._chosen("task_id"), comment))

    # -- extension requests ---------------------------------------------------------------------
    def turn_extensions(self, offset: int) -> None:
        self.extension_page = turned(self.extension_page, offset, self.extension_total)
        self.load_extensions()

    def load_extensions(self) -> None:
        frame, total = self.wb.pending_extensions(self.extension_page, PAGE_SIZE)
        if frame.empty and total:
            self.extension_page = turned(self.extension_page, 0, total)
            frame, total = self.wb.pending_extensions(self.extension_page, PAGE_SIZE)
        self.extension_total, self.extensions = total, frame
        if self.request_id not in set(frame["id"] if not frame.empty else ()):
            self.request_id = None if frame.empty else int(frame["id"].iloc[0])

    def chosen_request(self) -> dict[str, Any] | None:
        """The row of the extension request being decided."""
        return row_by_id(self.extensions, self.request_id)

    def approve(self, comment: str = "") -> None:
        """Approve the extension request: the task's deadline moves to the date asked for."""
        self._decide(lambda: self.wb.decide_extension(self._chosen("request_id"), True, comment))

    def refuse(self, reason: str) -> None:
        """Refuse the extension request, saying why: the deadline stays."""
        self._decide(lambda: self.wb.decide_extension(self._chosen("request_id"), False, reason))

    # -- everything ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the three lists and their counts (after a decision, or on request)."""
        with self.hold_trait_notifications():
            self.load_tasks(self.page)
            self.load_closures()
            self.load_extensions()

    def _decide(self, decision: Callable[[], None]) -> None:
        """Make a decision, then reload the lists; reload them too when it was refused because
        the request had changed (another clerk decided first), so the page shows what still
        waits. A refused input (ValidationError) keeps the page as it is, to be corrected."""
        try:
            decision()
        except ValidationError:
            raise
        except DubanError:
            self.refresh()
            raise
        self.refresh()

    def _chosen(self, name: str) -> int:
        chosen = getattr(self, name)
        if chosen is None:
            raise ValidationError.single(name, _("choose a request first"))
        return chosen

    def set_state(self, state: dict[str, Any]) -> None:
        super().set_state(state)
        self.refresh()

    def reset(self) -> None:
        """No filter, the first page of each list."""
        super().reset()
        self.refresh()

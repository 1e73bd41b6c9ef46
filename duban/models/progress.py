"""The leaders' progress page as state: the scope chosen, and the figures the workbook gives for it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import pandas as pd
from traitlets import Dict, HasTraits, Instance, Int, Unicode, observe

from duban.infra.i18n import _
from duban.service.progress import BOARD_LIMIT, Scope, preset_period, score_formula
from duban.service.workbook import Workbook

DRILL_FIELDS = {"unit": "unit_id", "meeting": "meeting_id", "directive": "directive_id"}


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


class ProgressModel(HasTraits):
    """Set `preset` or call `update(level=…)`; every figure of the page follows the scope."""

    preset = Unicode("this_year")
    scope = Instance(Scope)
    headline = Dict()
    counts = Dict()
    meetings = Instance(pd.DataFrame, args=())  # traffic lights by meeting (most red first)
    directives = Instance(pd.DataFrame, args=())  # traffic lights by directive
    ranking = Instance(pd.DataFrame, args=())
    areas = Instance(pd.DataFrame, args=())
    trend = Instance(pd.DataFrame, args=())
    meeting_list = Instance(pd.DataFrame, args=())  # meetings with tasks in scope, for pickers
    drill_kind = Unicode("unit")
    drill_id = Int(None, allow_none=True)
    drill_tasks = Instance(pd.DataFrame, args=())
    history = Instance(pd.DataFrame, args=())
    lineage_id = Int(None, allow_none=True)
    chain = Instance(pd.DataFrame, args=())
    cascade = Instance(pd.DataFrame, args=())
    version = Int(0)  # counts refreshes: a view redraws when it changes, after every figure is in
    board_limit = BOARD_LIMIT  # how many meetings and directives the traffic-light tables show

    def __init__(self, wb: Workbook, preset: str = "this_year"):
        self.wb = wb
        start, end = preset_period(preset, wb.today())
        super().__init__(preset=preset, scope=Scope(start, end))
        self.refresh()

    # -- the scope ------------------------------------------------------------------------
    def update(self, **changes: Any) -> None:
        """Change filters (start, end, level, kind, area, unit_kind; "" or None means all)."""
        clean = {k: (v if v not in ("", None) else None) for k, v in changes.items()}
        scope = self.scope.narrowed(**clean)
        self.wb.check_scope(scope)
        self.scope = scope

    @observe("preset")
    def _preset_changed(self, change: dict) -> None:
        if change["new"] != "custom":
            start, end = preset_period(change["new"], self.wb.today())
            self.update(start=start, end=end)

    @observe("scope")
    def _scope_changed(self, change: dict) -> None:
        if change["old"] is not None:
            self.refresh()

    def refresh(self) -> None:
        """Recompute every figure for the scope (each one an SQL aggregate)."""
        wb, scope = self.wb, self.scope
        self.headline = wb.headline(scope)
        self.counts = wb.count_groups(scope)
        self.meetings = wb.board_by_meeting(scope, limit=self.board_limit)
        self.directives = wb.board_by_directive(scope, limit=self.board_limit)
        self.ranking = wb.ranking(scope)
        self.areas = wb.by_area(scope)
        self.trend = wb.trend(scope)
        self.meeting_list = wb.meeting_choices(scope)
        if self.drill_id is not None:
            self.drill(self.drill_kind, self.drill_id)
        self.version += 1

    # -- drill-down and lineage -------------------------------------------------------------
    def drill(self, kind: str, item_id: int | None) -> None:
        """Show the tasks of one unit, meeting or directive within the scope."""
        if kind not in DRILL_FIELDS:
            raise ValueError(f"drill kind must be one of {tuple(DRILL_FIELDS)}")
        self.drill_kind, self.drill_id = kind, item_id
        self.drill_tasks = (
            _empty()
            if item_id is None
            else self.wb.scoped_tasks(self.scope.narrowed(**{DRILL_FIELDS[kind]: item_id}))
        )
        self.show_history(None)

    def show_history(self, task_id: int | None) -> None:
        """Show one task's reports, reviews and reminders."""
        self.history = _empty() if task_id is None else self.wb.task_history(task_id)

    def show_lineage(self, meeting_id: int | None) -> None:
        """The meeting's upstream chain, and how its upstream's directives cascade to tasks."""
        self.lineage_id = meeting_id
        if meeting_id is None:
            self.chain, self.cascade = _empty(), _empty()
            return
        self.chain = self.wb.upstream_chain(meeting_id)
        root = self.wb.meeting(meeting_id)["upstream_meeting_id"] or meeting_id
        self.cascade = self.wb.cascade(root)

    # -- words for the page -------------------------------------------------------------
    def period_note(self) -> str:
        """What the figures count, in words."""
        start, end, today = self.scope.start, self.scope.end, self.wb.today()
        if start is None and end is None:
            period = _("Tasks assigned at any time")
        else:
            period = _("Tasks assigned from {start} to {end}").format(
                start=start.isoformat() if start else "…", end=end.isoformat() if end else "…"
            )
        return _(
            "{period}, with their status as of today ({today}); deadlines as currently set, extensions included."
        ).format(period=period, today=today.isoformat())

    def score_formula(self) -> str:
        """The ranking score, with the configured weights."""
        return score_formula(self.wb.settings.score)

    def get_state(self) -> dict[str, Any]:
        scope = {
            k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self.scope).items()
        }
        return {
            "preset": self.preset,
            "scope": scope,
            "drill_kind": self.drill_kind,
            "drill_id": self.drill_id,
        }

    def set_state(self, state: dict[str, Any]) -> None:
        scope = {
            k: (date.fromisoformat(v) if k in ("start", "end") and v else v)
            for k, v in state["scope"].items()
        }
        self.preset = state["preset"]
        self.scope = Scope(**scope)
        self.drill(state["drill_kind"], state["drill_id"])

"""The leaders' progress page as state: the scope chosen, and the workbook's figures for it."""

from __future__ import annotations

from typing import Any

import pandas as pd
from traitlets import Dict, Instance, Int, Unicode, observe

from duban.models.base import PageModel
from duban.models.directive_review import PAGE_SIZE
from duban.models.period import PeriodModel
from duban.service.progress import BOARD_LIMIT, CHOICE_LIMIT, Scope, score_formula
from duban.service.workbook import Workbook

DRILL_FIELDS = {"unit": "unit_id", "meeting": "meeting_id", "directive": "directive_id"}
FILTERS = ("level", "kind", "area", "unit_kind")  # the scope beside its period
# The page's parts (its tabs, in order): each one's figures are computed for a scope when the
# part is first looked at; the headline is computed with every scope.
PARTS = ("board", "ranking", "areas", "trend", "lineage", "details")


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


class ProgressModel(PageModel):
    """Choose the period (`period`) or call `update(level=…)`; every figure follows the scope."""

    scope = Instance(Scope)
    headline = Dict()
    counts = Dict()
    meetings = Instance(pd.DataFrame, args=())  # traffic lights by meeting (most red first)
    directives = Instance(pd.DataFrame, args=())  # traffic lights by directive
    ranking = Instance(pd.DataFrame, args=())
    areas = Instance(pd.DataFrame, args=())
    trend = Instance(pd.DataFrame, args=())
    meeting_list = Instance(pd.DataFrame, args=())  # meetings with tasks in scope, for lineage
    drill_kind = Unicode("unit")
    drill_search = Unicode("")  # words the drill-down's items must match
    choices = Instance(pd.DataFrame, args=())  # the items of drill_kind matching drill_search
    drill_id = Int(None, allow_none=True)
    drill_page = Int(0)  # the page of the drilled item's tasks shown (0-based)
    drill_tasks = Instance(pd.DataFrame, args=())
    history = Instance(pd.DataFrame, args=())
    lineage_id = Int(None, allow_none=True)
    chain = Instance(pd.DataFrame, args=())
    cascade = Instance(pd.DataFrame, args=())
    version = Int(0)  # counts refreshes: a view redraws when it changes, after the figures are in
    looking_at = Unicode(PARTS[0])  # the part in view
    computing = Unicode("")  # the part whose figures are being computed ("": none)
    board_limit = BOARD_LIMIT  # how many meetings and directives the traffic-light tables show
    choice_limit = CHOICE_LIMIT  # how many matching items the drill-down offers at a time

    STATE = ("drill_kind", "drill_search", "drill_id", "lineage_id")

    def __init__(self, wb: Workbook, preset: str = "this_year"):
        self.wb = wb
        self.stale: set[str] = set(PARTS)  # parts not computed for the scope yet
        self.period = PeriodModel(wb, preset)
        super().__init__(scope=self.period.scope())
        self._follow_period = True
        self.period.observe(self._period_changed, names="version")
        self.refresh()

    # -- the scope ------------------------------------------------------------------------
    def update(self, **changes: Any) -> None:
        """Change filters (level, kind, area, unit_kind; "" or None means all); dates: `period`."""
        unknown = set(changes) - set(FILTERS)
        if unknown:
            raise ValueError(
                f"not a filter: {', '.join(sorted(unknown))}; the dates are `period`'s"
            )
        self._rescope(**{k: (v if v not in ("", None) else None) for k, v in changes.items()})

    def _period_changed(self, _change: dict) -> None:
        if self._follow_period:
            self._rescope()

    def _rescope(self, **filters: Any) -> None:
        scope = self.scope.narrowed(start=self.period.start, end=self.period.end, **filters)
        self.wb.check_scope(scope)
        self.scope = scope

    @observe("scope")
    def _scope_changed(self, change: dict) -> None:
        if change["old"] is not None:
            self.refresh()

    def refresh(self) -> None:
        """The headline for the scope, and the figures of the part in view; every other part
        is computed when it is looked at (`look_at`)."""
        self.headline = self.wb.headline(self.scope)
        self.stale = set(PARTS)
        self._compute(self.looking_at)
        self.version += 1

    def look_at(self, part: str) -> bool:
        """Bring `part` into view, computing its figures if the scope changed since they were;
        whether they were computed now."""
        if part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}")
        self.looking_at = part
        if part not in self.stale:
            return False
        self._compute(part)
        return True

    def _compute(self, part: str) -> None:
        """The figures of `part` for the scope (each one an SQL aggregate)."""
        wb, scope = self.wb, self.scope
        self.computing = part
        try:
            if part == "board":
                self.counts = wb.count_groups(scope)
                self.meetings = wb.board_by_meeting(scope, limit=self.board_limit)
                self.directives = wb.board_by_directive(scope, limit=self.board_limit)
            elif part == "ranking":
                self.ranking = wb.with_escalation(wb.ranking(scope))  # the rule flags units
            elif part == "areas":
                self.areas = wb.by_area(scope)
            elif part == "trend":
                self.trend = wb.trend(scope)
            elif part == "lineage":
                self.meeting_list = wb.meeting_choices(scope)
            else:
                self._list_choices()
                if self.drill_id is not None:
                    self.drill(self.drill_kind, self.drill_id)
        finally:
            self.computing = ""
        self.stale.discard(part)

    # -- drill-down and lineage -------------------------------------------------------------
    def search(self, kind: str, words: str = "") -> None:
        """Offer the units, meetings or directives (`kind`) matching `words` to drill into
        (see Workbook.drill_choices); another kind clears what was drilled into."""
        if kind not in DRILL_FIELDS:
            raise ValueError(f"drill kind must be one of {tuple(DRILL_FIELDS)}")
        if kind != self.drill_kind:
            self.drill(kind, None)
        self.drill_search = words
        self._list_choices()

    def choices_total(self) -> int:
        """How many items match the search (the picker shows at most `choice_limit`)."""
        return 0 if self.choices.empty else int(self.choices["total"].iloc[0])

    def _list_choices(self) -> None:
        self.choices = self.wb.drill_choices(
            self.scope, self.drill_kind, self.drill_search, self.choice_limit
        )

    def drill(self, kind: str, item_id: int | None, page: int = 0) -> None:
        """Show the tasks of one unit, meeting or directive within the scope, a page of
        PAGE_SIZE at a time (`page`, 0-based), red first."""
        if kind not in DRILL_FIELDS:
            raise ValueError(f"drill kind must be one of {tuple(DRILL_FIELDS)}")
        self.drill_kind, self.drill_id, self.drill_page = kind, item_id, max(0, page)
        self.drill_tasks = (
            _empty()
            if item_id is None
            else self.wb.scoped_tasks(
                self.scope.narrowed(**{DRILL_FIELDS[kind]: item_id}),
                limit=PAGE_SIZE,
                offset=self.drill_page * PAGE_SIZE,
            )
        )
        self.show_history(None)

    def turn_drill(self, step: int) -> None:
        """The drilled item's next (+1) or previous (-1) page of tasks."""
        self.drill(self.drill_kind, self.drill_id, self.drill_page + step)

    def drill_total(self) -> int:
        """How many tasks the drilled item has in the scope (the pages hold them all)."""
        return 0 if self.drill_tasks.empty else int(self.drill_tasks["matching"].iloc[0])

    def show_history(self, task_id: int | None) -> None:
        """Show one task's reports, reviews and reminders."""
        self.history = _empty() if task_id is None else self.wb.task_timeline(task_id)

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
    def score_formula(self) -> str:
        """The ranking score, with the configured weights."""
        return score_formula(self.wb.settings.score)

    def escalation_rule(self) -> str:
        """The office's escalation rule, which flags units in the ranking."""
        return self.wb.escalation_rule()

    # -- state ----------------------------------------------------------------------------
    def get_state(self) -> dict[str, Any]:
        """The period, the filters, what is drilled into and whose lineage is shown."""
        return {
            "period": self.period.get_state(),
            **{name: getattr(self.scope, name) for name in FILTERS},
            **super().get_state(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        """Period and filters make one new scope: the figures are computed once."""
        self.drill_id = None  # the refresh must not drill into the item shown before
        self._follow_period = False
        try:
            self.period.set_state(state.get("period", {}))
        finally:
            self._follow_period = True
        self.update(**{name: state.get(name) for name in FILTERS})
        self.search(state.get("drill_kind", "unit"), state.get("drill_search", ""))
        self.drill(self.drill_kind, state.get("drill_id"))
        self.show_lineage(state.get("lineage_id"))

    def reset(self) -> None:
        """The page as it opens: its own period, no filter, nothing drilled into."""
        self.set_state({"period": {"preset": self.period.default}})

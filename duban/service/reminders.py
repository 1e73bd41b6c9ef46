"""Reminders (催办), escalation (约谈) of repeated lateness, and the look-back (回头看).

The escalation rule is the office's (settings.escalation, `[escalation]` in duban.toml): a unit
is flagged when `overdue_times` of its tasks became overdue within the last `within_days` days.
A task becomes overdue the day after its deadline, whether it is still open then or is closed
late; the deadline is the current one (an approved extension moves it). `escalations()` is the
one place the rule is applied; the reminders page, the progress page and the bulletin read it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from numbers import Integral
from typing import Any

import pandas as pd

from duban.db import Store
from duban.db.queries import CLOSED_LATE, IN_AREA, IS_OPEN, TASK_COLUMNS, TASKS_FROM
from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.service.base import WorkbookBase
from duban.vocabulary import AREAS, REMINDABLE_LIGHTS, REMINDER_KINDS, UNIT_KINDS

# Units in the order of their kinds (streets first, as the ranking lists them), then by name.
UNIT_ORDER = (
    "CASE u.kind "
    + " ".join(f"WHEN '{kind}' THEN {i}" for i, kind in enumerate(UNIT_KINDS))
    + " END, u.name"
)
REMINDER, INTERVIEW = REMINDER_KINDS
OF_MEETING = "t.directive_id IN (SELECT id FROM directives WHERE meeting_id = :meeting_id)"

# The tasks the escalation rule counts: overdue (the deadline passed while open, or closed late)
# since a day within the window. Parameters: :window_start, :today.
BECAME_OVERDUE = f"""t.deadline >= :window_start AND t.deadline < :today
    AND ({IS_OPEN} OR {CLOSED_LATE})"""


def escalation_sentence(rule: Any) -> str:
    """The office's escalation rule in words (settings.escalation)."""
    if not rule.enabled:
        return _("No escalation rule is set: no unit is flagged for an interview.")
    return _(
        "A unit is flagged for an interview (约谈) when {times} or more of its tasks became "
        "overdue in the last {days} days (the deadline passed while the task was open, "
        "or it was closed late)."
    ).format(times=rule.overdue_times, days=rule.within_days)


def _unique_ids(ids: Iterable[int], field: str) -> list[int]:
    """The ids without repeats; a text where the list belongs, or an item that is not a whole
    number, is refused naming `field`."""
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise ValidationError.single(field, _("must be a list"))
    items = list(ids)
    bad = [i for i in items if isinstance(i, bool) or not isinstance(i, Integral)]
    if bad:
        raise ValidationError.single(field, _("{value} is not an id").format(value=bad[0]))
    return list(dict.fromkeys(int(i) for i in items))


@dataclass(frozen=True)
class TaskList:
    """A list of tasks read in SQL a page at a time: how many, one page of rows, or every id
    (`where` over `tasks t`, `order` over it and `order_from`)."""

    store: Store
    where: str
    params: dict[str, Any]
    order: str
    order_from: str = ""  # the tables the order reads besides `tasks t`
    columns: str = ""  # more columns of each row, e.g. LAST_REMINDED
    joins: str = ""  # what those columns read; over the page's ids (:page_ids)

    def count(self) -> int:
        return self.store.one(f"SELECT COUNT(*) AS n FROM tasks t WHERE {self.where}", self.params)[
            "n"
        ]

    def ids(self, among: Iterable[int] | None = None) -> list[int]:
        """Every id listed, in the list's order; with `among`, only those of them listed."""
        where, params = self.where, self.params
        if among is not None:
            where += " AND t.id IN (SELECT value FROM json_each(:among))"
            params = {**params, "among": json.dumps([int(i) for i in among])}
        rows = self.store.rows(
            f"SELECT t.id FROM tasks t {self.order_from} WHERE {where} ORDER BY {self.order}",
            params,
        )
        return [row["id"] for row in rows]

    def page(self, offset: int, limit: int) -> pd.DataFrame:
        """The rows at positions offset.. (at most `limit`), every column people read."""
        params = {**self.params, "limit": int(limit), "offset": max(0, int(offset))}
        ids = [
            row["id"]
            for row in self.store.rows(
                f"SELECT t.id FROM tasks t {self.order_from} WHERE {self.where} "
                f"ORDER BY {self.order} LIMIT :limit OFFSET :offset",
                params,
            )
        ]
        return self._rows(ids)

    def rows(self) -> pd.DataFrame:
        """Every row listed."""
        return self._rows(self.ids())

    def _rows(self, ids: list[int]) -> pd.DataFrame:
        params = {**self.params, "page_ids": json.dumps(ids)}
        frame = self.store.frame(
            f"""SELECT {TASK_COLUMNS}{self.columns} {TASKS_FROM} {self.joins}
                WHERE t.id IN (SELECT value FROM json_each(:page_ids)) ORDER BY {self.order}""",
            params,
        )
        frame["areas"] = frame["areas"].map(json.loads)
        return frame


# When each task was last reminded (None if never), for TaskList(columns=, joins=).
LAST_REMINDED = ", lr.last_reminded"
LAST_REMINDED_JOIN = f"""LEFT JOIN (
    SELECT task_id, MAX(sent_at) AS last_reminded FROM reminders
    WHERE kind = '{REMINDER}' AND task_id IN (SELECT value FROM json_each(:page_ids))
    GROUP BY task_id) lr ON lr.task_id = t.id"""


class RemindersMixin(WorkbookBase):
    """Remind units of late and near-deadline tasks, flag repeated lateness, reopen closed tasks."""

    # -- reminders ------------------------------------------------------------------------
    def reminder_list(
        self,
        *,
        unit_id: int | None = None,
        meeting_id: int | None = None,
        light: str | None = None,
        today: date | None = None,
    ) -> TaskList:
        """Open tasks overdue (red) or near their deadline (yellow), most late first, each with
        when it was last reminded (`last_reminded`, None if never), read a page at a time."""
        self._require("remind")
        if light is not None:
            checks = self._checks()
            checks.choice("light", light, REMINDABLE_LIGHTS)
            checks.raise_if_any()
        where, params = self._candidate_scope(today)
        if light == "red":
            where.append("t.deadline < :today")
        elif light == "yellow":
            where.append("t.deadline >= :today")
        if unit_id is not None:
            where.append("t.unit_id = :unit_id")
            params["unit_id"] = unit_id
        if meeting_id is not None:
            where.append(OF_MEETING)
            params["meeting_id"] = meeting_id
        return TaskList(
            self.store,
            " AND ".join(where),
            params,
            f"t.deadline, {UNIT_ORDER}, t.id",
            "JOIN units u ON u.id = t.unit_id",
            LAST_REMINDED,
            LAST_REMINDED_JOIN,
        )

    def reminder_candidates(self, **filters: Any) -> pd.DataFrame:
        """Every row of reminder_list(**filters) (its filters), as one frame."""
        return self.reminder_list(**filters).rows()

    def _candidate_scope(self, today: date | None = None) -> tuple[list[str], dict[str, Any]]:
        """The tasks that may be reminded: open, and red or yellow (in the reader's scope)."""
        where, params = self._task_scope(today)
        return [*where, "t.status != 'closed'", "t.deadline <= :yellow_until"], params

    def reminder_units(self, today: date | None = None) -> pd.DataFrame:
        """The units with a task to remind (`unit_id`, `unit`): the choices of the unit filter."""
        self._require("remind")
        where, params = self._candidate_scope(today)
        return self.store.frame(
            f"""SELECT u.id AS unit_id, u.name AS unit FROM units u
                JOIN (SELECT DISTINCT t.unit_id FROM tasks t WHERE {" AND ".join(where)}) c
                ON c.unit_id = u.id ORDER BY u.name""",
            params,
        )

    def reminder_meetings(self, today: date | None = None) -> pd.DataFrame:
        """The meetings with a task to remind: the choices of the meeting filter."""
        self._require("remind")
        where, params = self._candidate_scope(today)
        return self._meetings_of(where, params)

    def _meetings_of(self, where: list[str], params: dict[str, Any]) -> pd.DataFrame:
        """The meetings (`meeting_id`, `meeting`, `held_on`) with a task matching `where`."""
        return self.store.frame(
            f"""SELECT m.id AS meeting_id, m.title AS meeting, m.held_on FROM meetings m
                JOIN (SELECT DISTINCT d.meeting_id FROM tasks t
                      JOIN directives d ON d.id = t.directive_id
                      WHERE {" AND ".join(where)}) c ON c.meeting_id = m.id
                ORDER BY m.held_on DESC, m.id DESC""",
            params,
        )

    def send_reminders(
        self,
        task_ids: Iterable[int],
        note: str = "",
        kind: str = REMINDER,
        *,
        before_commit: Callable[[], object] | None = None,
    ) -> list[int]:
        """Record a reminder (or an interview) for each task, all in one transaction: one
        refused task (closed, unknown) and none is recorded. `before_commit` runs last inside
        that transaction (the notices' folder put in place): if it fails, nothing is recorded.
        Returns the reminders' ids."""
        self._require("remind")
        ids = _unique_ids(task_ids, "task")
        if not ids:
            raise ValidationError.single("task", _("choose at least one task"))
        with self.store.write(self.actor):
            recorded = [self.remind(task_id, note, kind) for task_id in ids]
            if before_commit is not None:
                before_commit()
            return recorded

    # -- escalation -----------------------------------------------------------------------
    def _window(self, today: date | None) -> tuple[list[str], dict[str, Any]]:
        """The tasks the escalation rule counts (BECAME_OVERDUE), within the reader's scope."""
        where, params = self._task_scope(today)
        start = date.fromisoformat(params["today"]) - timedelta(
            days=self.settings.escalation.within_days
        )
        params["window_start"] = start.isoformat()
        return [*where, BECAME_OVERDUE], params

    def escalations(self, today: date | None = None) -> pd.DataFrame:
        """The active units the escalation rule flags: how many of their tasks became overdue in
        the window (`late_times`), the latest such deadline, and when an interview was last
        recorded (`last_interview`); most late first. Empty when the rule is off."""
        rule = self.settings.escalation
        where, params = self._window(today)
        params["times"] = rule.overdue_times if rule.enabled else -1
        return self.store.frame(
            f"""SELECT f.unit_id, u.name AS unit, u.kind AS unit_kind, f.late_times,
                       f.last_deadline, i.last_interview
                FROM (SELECT t.unit_id, COUNT(*) AS late_times, MAX(t.deadline) AS last_deadline
                      FROM tasks t WHERE {" AND ".join(where)} AND :times > 0
                      GROUP BY t.unit_id HAVING COUNT(*) >= :times) f
                JOIN units u ON u.id = f.unit_id
                LEFT JOIN (SELECT x.unit_id, MAX(r.sent_at) AS last_interview
                           FROM reminders r JOIN tasks x ON x.id = r.task_id
                           WHERE r.kind = '{INTERVIEW}' GROUP BY x.unit_id) i
                     ON i.unit_id = f.unit_id
                WHERE u.active = 1
                ORDER BY f.late_times DESC, {UNIT_ORDER}""",
            params,
        )

    def escalation_rule(self) -> str:
        """The office's escalation rule in words."""
        return escalation_sentence(self.settings.escalation)

    def with_escalation(self, frame: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
        """`frame` (a column `unit_id`) with `escalate`: whether the rule flags the row's unit."""
        flagged = set(self.escalations(today)["unit_id"])
        return frame.assign(escalate=[uid in flagged for uid in frame.get("unit_id", [])])

    def escalation_tasks(self, unit_id: int, today: date | None = None) -> pd.DataFrame:
        """The tasks of a unit that the escalation rule counts, latest deadline first."""
        self._require("remind")
        where, params = self._window(today)
        params["unit"] = unit_id
        return self.store.frame(
            f"SELECT {TASK_COLUMNS} {TASKS_FROM} WHERE {' AND '.join(where)} "
            "AND t.unit_id = :unit ORDER BY t.deadline DESC, t.id",
            params,
        )

    def record_interviews(self, unit_ids: Iterable[int], note: str = "") -> dict[int, int]:
        """Record an interview (约谈) with each unit, on each of its counted tasks still open,
        in one transaction. A unit none of whose counted tasks is open is refused (an interview
        is kept with a task). Returns unit id -> how many tasks it was recorded on."""
        self._require("remind")
        ids = _unique_ids(unit_ids, "unit")
        if not ids:
            raise ValidationError.single("unit", _("choose at least one unit"))
        tasks = {uid: self.escalation_tasks(uid) for uid in ids}
        open_ids = {
            uid: [int(t) for t in f[f["status"] != "closed"]["id"]] for uid, f in tasks.items()
        }
        without = [self.find_unit(uid)["name"] for uid, found in open_ids.items() if not found]
        if without:
            raise ValidationError.single(
                "unit",
                _("{units}: no open late task to record the interview with").format(
                    units=_(", ").join(without)
                ),
            )
        with self.store.write(self.actor):
            for found in open_ids.values():
                self.send_reminders(found, note, INTERVIEW)
        return {uid: len(found) for uid, found in open_ids.items()}

    # -- look-back ------------------------------------------------------------------------
    def lookback_list(
        self,
        *,
        meeting_id: int | None = None,
        area: str | None = None,
        closed_before: date | str | None = None,
    ) -> TaskList:
        """Closed tasks (of a meeting, of a key area, closed before a day), latest closed
        first, read a page at a time."""
        self._require("reopen")
        checks = self._checks()
        if area is not None:
            checks.choice("area", area, AREAS)
        before = checks.day("closed_before", closed_before) if closed_before else None
        checks.raise_if_any()
        where, params = self._lookback_scope()
        if meeting_id is not None:
            where.append(OF_MEETING)
            params["meeting_id"] = meeting_id
        if area is not None:
            where.append(IN_AREA)
            params["area"] = area
        if before is not None:
            where.append("substr(t.closed_at, 1, 10) < :before")
            params["before"] = before.isoformat()
        return TaskList(self.store, " AND ".join(where), params, "t.closed_at DESC, t.id")

    def lookback_candidates(self, **filters: Any) -> pd.DataFrame:
        """Every row of lookback_list(**filters) (its filters), as one frame."""
        return self.lookback_list(**filters).rows()

    def _lookback_scope(self) -> tuple[list[str], dict[str, Any]]:
        where, params = self._task_scope()
        # `+`: not by the status index, so that a page is read along the index on closed_at
        # (latest first) instead of sorting every closed task
        return [*where, "+t.status = 'closed'"], params

    def lookback_meetings(self) -> pd.DataFrame:
        """The meetings with a closed task: the choices of the look-back's meeting filter."""
        self._require("reopen")
        return self._meetings_of(*self._lookback_scope())

    def reopen_for_lookback(self, task_ids: Iterable[int], reason: str) -> int:
        """Reopen closed tasks for re-checking (回头看), the reason recorded on each, in one
        transaction (one refused and none is reopened). Returns how many were reopened."""
        self._require("reopen")
        ids = _unique_ids(task_ids, "task")
        checks = self._checks()
        clean = checks.text("reason", reason, limit=2000)
        if not ids:
            checks.fail("task", _("choose at least one task"))
        checks.raise_if_any()
        with self.store.write(self.actor):
            for task_id in ids:
                self.reopen(task_id, clean)
        return len(ids)

"""Reminders (催办), escalation (约谈) of repeated lateness, and the look-back (回头看).

The escalation rule is the office's (settings.escalation, `[escalation]` in duban.toml): a unit
is flagged when `overdue_times` of its tasks became overdue within the last `within_days` days.
A task becomes overdue the day after its deadline, whether it is still open then or is closed
late; the deadline is the current one (an approved extension moves it). `escalations()` is the
one place the rule is applied; the reminders page, the progress page and the bulletin read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pandas as pd

from duban.db.queries import TASK_COLUMNS, TASKS_FROM
from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.service.base import WorkbookBase
from duban.vocabulary import AREAS, UNIT_KINDS

# Units in the order of their kinds (streets first, as the ranking lists them), then by name.
UNIT_ORDER = (
    "CASE u.kind "
    + " ".join(f"WHEN '{kind}' THEN {i}" for i, kind in enumerate(UNIT_KINDS))
    + " END, u.name"
)
REMINDABLE_LIGHTS = ("red", "yellow")  # overdue, and near the deadline

# The tasks the escalation rule counts: overdue (the deadline passed while open, or closed late)
# since a day within the window. Parameters: :window_start, :today.
BECAME_OVERDUE = """t.deadline >= :window_start AND t.deadline < :today
    AND (t.status != 'closed' OR substr(t.closed_at, 1, 10) > t.deadline)"""


def escalation_sentence(rule: Any) -> str:
    """The office's escalation rule in words (settings.escalation)."""
    if not rule.enabled:
        return _("No escalation rule is set: no unit is flagged for an interview.")
    return _(
        "A unit is flagged for an interview (约谈) when {times} or more of its tasks became "
        "overdue in the last {days} days (the deadline passed while the task was open, "
        "or it was closed late)."
    ).format(times=rule.overdue_times, days=rule.within_days)


def _unique_ids(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids))


class RemindersMixin(WorkbookBase):
    """Remind units of late and near-deadline tasks, flag repeated lateness, reopen closed tasks."""

    # -- reminders ------------------------------------------------------------------------
    def reminder_candidates(
        self,
        *,
        unit_id: int | None = None,
        meeting_id: int | None = None,
        light: str | None = None,
        today: date | None = None,
    ) -> pd.DataFrame:
        """Open tasks overdue (red) or near their deadline (yellow), most late first, with
        when each was last reminded (`last_reminded`, None if never)."""
        self._require("remind")
        if light is not None:
            checks = self._checks()
            checks.choice("light", light, REMINDABLE_LIGHTS)
            checks.raise_if_any()
        where, params = self._task_scope(today)
        where += ["t.status != 'closed'", "t.deadline <= :yellow_until"]
        if light == "red":
            where.append("t.deadline < :today")
        elif light == "yellow":
            where.append("t.deadline >= :today")
        for column, value in (("t.unit_id", unit_id), ("d.meeting_id", meeting_id)):
            if value is not None:
                key = column.split(".")[1]
                where.append(f"{column} = :{key}")
                params[key] = value
        return self.store.frame(
            f"""SELECT {TASK_COLUMNS},
                       (SELECT MAX(r.sent_at) FROM reminders r
                        WHERE r.task_id = t.id AND r.kind = 'reminder') AS last_reminded
                {TASKS_FROM} WHERE {" AND ".join(where)}
                ORDER BY t.deadline, {UNIT_ORDER}, t.id""",
            params,
        )

    def send_reminders(
        self, task_ids: Iterable[int], note: str = "", kind: str = "reminder"
    ) -> list[int]:
        """Record a reminder (or an interview) for each task, all in one transaction: one
        refused task (closed, unknown) and none is recorded. Returns the reminders' ids."""
        self._require("remind")
        ids = _unique_ids(task_ids)
        if not ids:
            raise ValidationError.single("task", _("choose at least one task"))
        with self.store.write(self.actor):
            return [self.remind(task_id, note, kind) for task_id in ids]

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
            f"""SELECT t.unit_id, u.name AS unit, u.kind AS unit_kind, COUNT(*) AS late_times,
                       MAX(t.deadline) AS last_deadline,
                       (SELECT MAX(r.sent_at) FROM reminders r JOIN tasks x ON x.id = r.task_id
                        WHERE x.unit_id = t.unit_id AND r.kind = 'interview') AS last_interview
                FROM tasks t JOIN units u ON u.id = t.unit_id
                WHERE u.active = 1 AND {" AND ".join(where)} AND :times > 0
                GROUP BY t.unit_id HAVING COUNT(*) >= :times
                ORDER BY late_times DESC, {UNIT_ORDER}""",
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
        ids = _unique_ids(unit_ids)
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
                self.send_reminders(found, note, "interview")
        return {uid: len(found) for uid, found in open_ids.items()}

    # -- look-back ------------------------------------------------------------------------
    def lookback_candidates(
        self,
        *,
        meeting_id: int | None = None,
        area: str | None = None,
        closed_before: date | None = None,
    ) -> pd.DataFrame:
        """Closed tasks (of a meeting, of a key area, closed before a day), latest closed first."""
        self._require("reopen")
        checks = self._checks()
        if area is not None:
            checks.choice("area", area, AREAS)
        before = checks.day("closed_before", closed_before) if closed_before else None
        checks.raise_if_any()
        where, params = self._task_scope()
        where.append("t.status = 'closed'")
        if meeting_id is not None:
            where.append("d.meeting_id = :meeting_id")
            params["meeting_id"] = meeting_id
        if area is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(d.areas) WHERE value = :area)")
            params["area"] = area
        if before is not None:
            where.append("substr(t.closed_at, 1, 10) < :before")
            params["before"] = before.isoformat()
        frame = self.store.frame(
            f"SELECT {TASK_COLUMNS} {TASKS_FROM} WHERE {' AND '.join(where)} "
            "ORDER BY t.closed_at DESC, t.id",
            params,
        )
        frame["areas"] = frame["areas"].map(json.loads)
        return frame

    def reopen_for_lookback(self, task_ids: Iterable[int], reason: str) -> int:
        """Reopen closed tasks for re-checking (回头看), the reason recorded on each, in one
        transaction (one refused and none is reopened). Returns how many were reopened."""
        self._require("reopen")
        ids = _unique_ids(task_ids)
        checks = self._checks()
        clean = checks.text("reason", reason, limit=2000)
        if not ids:
            checks.fail("task", _("choose at least one task"))
        checks.raise_if_any()
        with self.store.write(self.actor):
            for task_id in ids:
                self.reopen(task_id, clean)
        return len(ids)

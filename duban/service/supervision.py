"""Supervision (督办): the office's list of every unit's tasks, closure reviews, extensions.

The task list is read a page at a time in two parts: the open tasks, then the closed ones.
Each part has its own order and its own COUNT, both answered by the task indexes (the open
part by a partial index on the deadline, the closed part by (status, deadline)); a page far
down a part is read from that part's other end, so the last page costs what the first does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import pandas as pd

from duban.db.queries import (
    CLOSED_LATE,
    CLOSED_ON_TIME,
    IN_AREA,
    IS_CLOSED,
    IS_OPEN,
    TASK_COLUMNS,
    TASKS_FROM,
)
from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.infra.pasted import pasted_day, pasted_text
from duban.service.base import WorkbookBase
from duban.service.progress import SEARCHED
from duban.vocabulary import AREAS, LIGHTS, STATUSES, TASK_ORDERS

OPEN, CLOSED = IS_OPEN, IS_CLOSED

# How the task list is ordered: open tasks always before closed ones; per part, the columns
# (with True for descending). "overdue first": the open by deadline (so the most overdue lead),
# the closed with the latest deadline first.
ORDER_PARTS: dict[str, dict[str, tuple[tuple[str, bool], ...]]] = {
    "overdue": {
        OPEN: (("t.deadline", False), ("t.id", False)),
        CLOSED: (("t.deadline", True), ("t.id", True)),
    },
    "assigned": {
        OPEN: (("t.assigned_at", True), ("t.id", True)),
        CLOSED: (("t.assigned_at", True), ("t.id", True)),
    },
}
# A light, within each part: the derived `light` of db.queries, with the part's status known.
LIGHT_IN_PART = {
    OPEN: {
        "red": "t.deadline < :today",
        "yellow": "t.deadline BETWEEN :today AND :yellow_until",
        "green": "t.deadline > :yellow_until",
    },
    CLOSED: {
        "red": CLOSED_LATE,
        "yellow": "0",
        "green": CLOSED_ON_TIME,
    },
}
FILTER_SQL = {
    "meeting_id": "t.directive_id IN (SELECT id FROM directives WHERE meeting_id = :meeting_id)",
    "directive_id": "t.directive_id = :directive_id",
    "unit_id": "t.unit_id = :unit_id",
    "status": "t.status = :status",
    "area": IN_AREA,
    "deadline_from": "t.deadline >= :deadline_from",
    "deadline_to": "t.deadline <= :deadline_to",
}


@dataclass(frozen=True)
class TaskFilters:
    """What the task list shows: every field None shows all. The deadline range includes both
    ends, given as dates or as text that people typed or pasted."""

    meeting_id: int | None = None
    directive_id: int | None = None
    unit_id: int | None = None
    status: str | None = None
    light: str | None = None
    area: str | None = None
    deadline_from: date | str | None = None
    deadline_to: date | str | None = None


def _day_field(errors: dict[str, str], name: str, value: date | str | None) -> str | None:
    """A deadline bound as an ISO string, or None; a bad one noted in `errors`."""
    if value is None or (isinstance(value, str) and not pasted_text(value)):
        return None
    day = value if isinstance(value, date) else pasted_day(value)
    if day is None:
        errors[name] = _("must be a date, e.g. 2027-02-05 or 2027年2月5日")
        return None
    return day.isoformat()


def _order_sql(columns: tuple[tuple[str, bool], ...], reverse: bool) -> str:
    return ", ".join(f"{c} {'ASC' if desc == reverse else 'DESC'}" for c, desc in columns)


def _page_clause(page: int, page_size: int) -> str:
    """LIMIT and OFFSET of page `page` (0-based)."""
    return f"LIMIT {int(page_size)} OFFSET {max(0, int(page)) * int(page_size)}"


@dataclass(frozen=True)
class _Part:
    """One part of the list (open or closed tasks): its WHERE clause and its order."""

    where: str
    order: tuple[tuple[str, bool], ...]


class SupervisionMixin(WorkbookBase):
    """What the office reads and decides while it follows every task to closure."""

    # -- the task list ----------------------------------------------------------------------
    def task_page(
        self,
        filters: TaskFilters = TaskFilters(),  # noqa: B008 (frozen, never changed)
        page: int = 0,
        page_size: int = 20,
        order: str = "overdue",
    ) -> tuple[pd.DataFrame, int]:
        """One page (0-based) of every unit's tasks matching `filters`, and how many match.

        Open tasks come first, ordered as `order` says (TASK_ORDERS), then closed ones. The
        frame has the columns of db.queries.TASK_COLUMNS (areas decoded); past the end it is
        empty.
        """
        self._require("close")
        parts, params = self._task_parts(filters, order)
        if filters == TaskFilters():  # the whole list: COUNT(*) of every row is SQLite's quickest
            still_open = self._count(parts[0], params)
            counts = [
                still_open,
                self.store.one("SELECT COUNT(*) AS n FROM tasks")["n"] - still_open,
            ]
        else:
            counts = [self._count(part, params) for part in parts]
        ids: list[int] = []
        offset = max(0, page) * page_size
        for part, count in zip(parts, counts, strict=True):
            if offset < count and len(ids) < page_size:
                ids += self._part_ids(part, params, count, offset, page_size - len(ids))
            offset = max(0, offset - count)
        return self._tasks_by_id(ids, params), sum(counts)

    def _task_parts(self, filters: TaskFilters, order: str) -> tuple[list[_Part], dict[str, Any]]:
        """The parts to read (open, closed) with their clauses, and the query parameters."""
        errors: dict[str, str] = {}
        if order not in TASK_ORDERS:
            errors["order"] = _("must be one of: {allowed}").format(allowed=", ".join(TASK_ORDERS))
        for name, allowed in (("status", STATUSES), ("light", LIGHTS), ("area", AREAS)):
            value = getattr(filters, name)
            if value is not None and value not in allowed:
                errors[name] = _("must be one of: {allowed}").format(allowed=", ".join(allowed))
        values = {f.name: getattr(filters, f.name) for f in fields(filters)}
        for name in ("deadline_from", "deadline_to"):
            values[name] = _day_field(errors, name, values[name])
        if errors:
            raise ValidationError(errors)
        where = [FILTER_SQL[k] for k, v in values.items() if v is not None and k in FILTER_SQL]
        params = {k: v for k, v in values.items() if v is not None}
        params |= {
            "today": self.today().isoformat(),
            "yellow_until": self.yellow_until().isoformat(),
        }
        parts = []
        for status_clause, columns in ORDER_PARTS[order].items():
            if filters.status is not None and (filters.status == "closed") != (
                status_clause == CLOSED
            ):
                continue
            light = [LIGHT_IN_PART[status_clause][filters.light]] if filters.light else []
            parts.append(_Part(" AND ".join([status_clause, *where, *light]), columns))
        return parts, params

    def _count(self, part: _Part, params: dict[str, Any]) -> int:
        return self.store.one(f"SELECT COUNT(*) AS n FROM tasks t WHERE {part.where}", params)["n"]

    def _part_ids(
        self, part: _Part, params: dict[str, Any], count: int, offset: int, limit: int
    ) -> list[int]:
        """The ids at positions offset.. of a part (of `count` tasks), read from its nearer end."""
        end = min(offset + limit, count)
        reverse = offset > count - end
        skip = count - end if reverse else offset
        rows = self.store.rows(
            f"SELECT t.id FROM tasks t WHERE {part.where}"
            f" ORDER BY {_order_sql(part.order, reverse)} LIMIT {end - offset} OFFSET {skip}",
            params,
        )
        ids = [row["id"] for row in rows]
        return ids[::-1] if reverse else ids

    def _tasks_by_id(self, ids: list[int], params: dict[str, Any], extra: str = "") -> pd.DataFrame:
        """The tasks `ids` with every column people read (and the `extra` ones), in the order
        given."""
        marks = ", ".join(f":id{i}" for i in range(len(ids))) or "NULL"
        frame = self.store.frame(
            f"SELECT {TASK_COLUMNS}{extra} {TASKS_FROM} WHERE t.id IN ({marks})",
            {**params, **{f"id{i}": task_id for i, task_id in enumerate(ids)}},
        )
        frame["areas"] = frame["areas"].map(json.loads)
        position = {task_id: i for i, task_id in enumerate(ids)}
        return frame.sort_values("id", key=lambda s: s.map(position)).reset_index(drop=True)

    # -- closure requests and extensions ------------------------------------------------------
    def closure_requests(self, page: int = 0, page_size: int = 20) -> tuple[pd.DataFrame, int]:
        """Tasks whose unit asked for closure, the longest waiting first (one page), and how many.

        `requested_at`: when the unit last asked.
        """
        self._require("close")
        _where, params = self._task_scope()
        waiting = "FROM tasks WHERE status = 'closure_requested'"
        total = self.store.one(f"SELECT COUNT(*) AS n {waiting}")["n"]
        ids = [
            row["id"]
            for row in self.store.rows(
                f"SELECT id {waiting} ORDER BY updated_at, id {_page_clause(page, page_size)}"
            )
        ]
        asked = """, (SELECT MAX(r.reported_at) FROM progress_reports r
                      WHERE r.task_id = t.id AND r.closure_request = 1) AS requested_at"""
        return self._tasks_by_id(ids, params, asked), total

    def find_meetings(self, search: str = "", limit: int = 50) -> pd.DataFrame:
        """Meetings whose title holds every word of `search` (a word with a dash: the start of
        the date, 2026-11), newest first, at most `limit`: id, title as `meeting`, held_on."""
        self._require("close")
        words = pasted_text(search).split()
        params: dict[str, Any] = {}
        for i, word in enumerate(words):
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params |= {f"w{i}": f"%{escaped}%", f"d{i}": f"{escaped}%" if "-" in word else None}
        match = " AND ".join(SEARCHED["meeting"].format(i=i) for i in range(len(words))) or "1"
        return self.store.frame(
            f"""SELECT m.id, m.title AS meeting, m.held_on FROM meetings m WHERE {match}
                ORDER BY m.held_on DESC, m.id DESC LIMIT {int(limit)}""",
            params,
        )

    def review_history(self, task_id: int) -> pd.DataFrame:
        """The office's earlier decisions on a task (closed, returned, reopened), oldest first,
        the reviewer by display name."""
        self._require("close")
        self.task(task_id)
        return self.store.frame(
            """SELECT r.decision, r.comment, r.reviewed_at,
                      COALESCE(u.display_name, r.reviewer) AS reviewer
               FROM reviews r LEFT JOIN users u ON u.login = r.reviewer
               WHERE r.task_id = ? ORDER BY r.reviewed_at, r.id""",
            [task_id],
        )

    def pending_extensions(self, page: int = 0, page_size: int = 20) -> tuple[pd.DataFrame, int]:
        """Extension requests not yet decided, the oldest first (one page), and how many.

        Each with its task's unit, directive and meeting, the deadline asked to move
        (`old_deadline`), the date asked for (`new_deadline`), the reason and who asked.
        """
        self._require("decide_extension")
        total = self.store.one(
            "SELECT COUNT(*) AS n FROM extension_requests WHERE decision IS NULL"
        )["n"]
        frame = self.store.frame(
            f"""SELECT e.id, e.task_id, e.requested_at, e.reason, e.old_deadline, e.new_deadline,
                       COALESCE(us.display_name, e.requested_by) AS requested_by,
                       t.deadline, t.status, u.name AS unit, d.seq, d.text AS directive,
                       m.title AS meeting, m.held_on
                FROM extension_requests e
                JOIN tasks t ON t.id = e.task_id
                JOIN directives d ON d.id = t.directive_id
                JOIN meetings m ON m.id = d.meeting_id
                JOIN units u ON u.id = t.unit_id
                LEFT JOIN users us ON us.login = e.requested_by
                WHERE e.decision IS NULL
                ORDER BY e.requested_at, e.id {_page_clause(page, page_size)}"""
        )
        return frame, total

"""Progress figures for leaders and the bulletin, computed in SQL (never by loading every task).

The period: the figures count the tasks *assigned* between `Scope.start` and `Scope.end`
(both days included), with their status as of today; deadlines are the current ones
(approved extensions included). Every figure is an aggregate over the derived task
columns of `duban.db.queries.TASK_COLUMNS` (overdue, due, days_late, light, closed_on_time),
so the page, the bulletin and the ledger count the same way as `Workbook.tasks()`.

The whole office's headline, boards, ranking, figures by area and trend over a period (no
other filter) read the summaries the schema's triggers keep (task_days, directive_days,
unit_days, area_days, trend_days: duban.db.queries.DERIVED_TABLES) instead of every task;
tests/progress/test_summaries_agree.py checks that both ways give the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from duban.db.queries import (
    CLOSED_DAY,
    CLOSED_LATE,
    IN_AREA,
    IS_CLOSED,
    IS_OPEN,
    OVERDUE,
    TASK_COLUMNS,
    TASK_ROW_COLUMNS,
    TASKS_FROM,
)
from duban.infra.i18n import _
from duban.service.base import WorkbookBase
from duban.vocabulary import AREAS, MEETING_KINDS, MEETING_LEVELS, PERIOD_PRESETS, UNIT_KINDS

BOARD_LIMIT = (
    50  # the traffic-light boards list at most this many meetings or directives, most red first
)
CHOICE_LIMIT = 50  # a drill-down picker offers this many matches at a time (see drill_choices)

# The items a drill-down may pick, those with tasks in scope (`{scoped}`), newest first;
# `{match}` is the search's condition. `total` is how many match, before the limit.
CHOICES = {
    "unit": """SELECT u.id, u.name AS unit, u.kind AS unit_kind, COUNT(*) OVER () AS total
               FROM units u WHERE u.id IN (SELECT unit_id FROM {scoped}) AND {match}
               ORDER BY u.kind, u.name, u.id""",
    "meeting": """SELECT m.id, m.title AS meeting, m.held_on, m.level, m.kind,
                         COUNT(*) OVER () AS total
                  FROM meetings m WHERE m.id IN (SELECT meeting_id FROM {scoped}) AND {match}
                  ORDER BY m.held_on DESC, m.id DESC""",
    "directive": """SELECT d.id, d.meeting_id, m.title AS meeting, m.held_on, m.level, m.kind,
                           d.seq, d.text AS directive, COUNT(*) OVER () AS total
                    FROM directives d JOIN meetings m ON m.id = d.meeting_id
                    WHERE d.id IN (SELECT directive_id FROM {scoped}) AND {match}
                    ORDER BY m.held_on DESC, m.id DESC, d.position""",
}
# What a search word may match, per kind: words in a name or text (anywhere), a directive's
# number (exactly, or the items under it: "2" finds 2 and 2.1), a meeting's date from its start
# (a word with a dash: "2026-11").
SEARCHED = {
    "unit": "u.name LIKE :w{i} ESCAPE '\\'",
    "meeting": "(m.title LIKE :w{i} ESCAPE '\\' OR m.held_on LIKE :d{i} ESCAPE '\\')",
    "directive": (
        "(d.text LIKE :w{i} ESCAPE '\\' OR m.title LIKE :w{i} ESCAPE '\\'"
        " OR d.seq = :n{i} OR d.seq LIKE :n{i} || '.%' OR m.held_on LIKE :d{i} ESCAPE '\\')"
    ),
}
COUNTS = (
    "assigned",
    "closed",
    "closed_on_time",
    "closed_late",
    "open",
    "overdue",
    "due",
    "returned",
    "green",
    "yellow",
    "red",
)

# Aggregates over the scoped tasks (see `_scoped`); `returned`: 1 if a task was ever sent back.
FIGURES = """
    COUNT(*) AS assigned,
    TOTAL(status = 'closed') AS closed,
    TOTAL(closed_on_time) AS closed_on_time,
    TOTAL(closed_on_time = 0) AS closed_late,
    TOTAL(status != 'closed') AS open,
    TOTAL(overdue) AS overdue,
    TOTAL(due) AS due,
    TOTAL(returned) AS returned,
    TOTAL(light = 'green') AS green,
    TOTAL(light = 'yellow') AS yellow,
    TOTAL(light = 'red') AS red,
    AVG(NULLIF(days_late, 0)) AS avg_days_late
"""
FIGURE_NAMES = (*COUNTS, "avg_days_late")

# FIGURES from task_days, area_days, directive_days or unit_days (a row per assignment day and
# open tasks' deadline, its tasks' counts summed): the closed tasks as counted (their row's
# open_deadline is ''), the open ones (tasks - closed) judged by the row's deadline.
OPEN_IN_DAY = "(tasks - closed)"
OVERDUE_IN_DAY = f"CASE WHEN open_deadline < :today THEN {OPEN_IN_DAY} ELSE 0 END"
DAY_FIGURES = f"""
    TOTAL(tasks) AS assigned,
    TOTAL(closed) AS closed,
    TOTAL(closed_on_time) AS closed_on_time,
    TOTAL(closed_late) AS closed_late,
    TOTAL({OPEN_IN_DAY}) AS open,
    TOTAL({OVERDUE_IN_DAY}) AS overdue,
    TOTAL(closed + {OVERDUE_IN_DAY}) AS due,
    TOTAL(returned) AS returned,
    TOTAL(closed_on_time + CASE WHEN open_deadline > :yellow_until THEN {OPEN_IN_DAY} ELSE 0 END)
        AS green,
    TOTAL(CASE WHEN open_deadline BETWEEN :today AND :yellow_until THEN {OPEN_IN_DAY} ELSE 0 END)
        AS yellow,
    TOTAL(closed - closed_on_time + {OVERDUE_IN_DAY}) AS red,
    (TOTAL(closed_days_late) + TOTAL({OVERDUE_IN_DAY}
        * CAST(julianday(:today) - julianday(open_deadline) AS INTEGER)))
        / NULLIF(TOTAL(closed_late) + TOTAL({OVERDUE_IN_DAY}), 0) AS avg_days_late
"""
# The summaries (of DAY_FIGURES' shape) that hold the tasks' counts per group, where one does.
GROUP_SUMMARIES = {
    "directive_id": "directive_days",
    "meeting_id": "directive_days s JOIN directives d ON d.id = s.directive_id",
    "unit_id": "unit_days",
}
# What count_groups counts: the distinct keys of the scoped tasks, and their names.
COUNTED_GROUPS = (("meeting_id", "meetings"), ("directive_id", "directives"), ("unit_id", "units"))


@dataclass(frozen=True)
class Scope:
    """Which tasks the figures count.

    start/end: the assignment dates (both included; None leaves that side open).
    level, kind: of the meeting; area: a key area of the directive; unit_kind: street,
    department, …; meeting_id, directive_id, unit_id: narrow to one (for drill-downs).
    """

    start: date | None = None
    end: date | None = None
    level: str | None = None
    kind: str | None = None
    area: str | None = None
    unit_kind: str | None = None
    meeting_id: int | None = None
    directive_id: int | None = None
    unit_id: int | None = None

    def narrowed(self, **changes: Any) -> Scope:
        return replace(self, **changes)

    @property
    def period_only(self) -> bool:
        """Whether the scope is every task of its period (no filter but the dates)."""
        return replace(self, start=None, end=None) == Scope()


def preset_period(preset: str, today: date) -> tuple[date | None, date | None]:
    """The (start, end) days of a named period ending today or earlier."""
    first_of_month = today.replace(day=1)
    if preset == "this_month":
        return first_of_month, today
    if preset == "last_month":
        end = first_of_month - timedelta(days=1)
        return end.replace(day=1), end
    if preset == "this_quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today
    if preset == "this_year":
        return today.replace(month=1, day=1), today
    if preset == "last_30_days":
        return today - timedelta(days=29), today
    if preset == "all":
        return None, None
    raise ValueError(f"unknown period preset {preset!r}; one of {', '.join(PERIOD_PRESETS)}")


def score_formula(weights: Any) -> str:
    """The ranking score in words, with the configured weights (settings.score), and who is
    not ranked (see `score`)."""
    return _(
        "score = {on_time:g} × on-time rate − {overdue:g} × overdue tasks "
        "− {returned:g} × returned tasks "
        "(on-time rate = closed on time ÷ closed; returned = sent back at least once). "
        "A unit with no task due in the period (none closed, none past its deadline) "
        "is not ranked: its rank and score show as –, after the ranked units."
    ).format(
        on_time=weights.on_time, overdue=weights.overdue_penalty, returned=weights.returned_penalty
    )


def score(row: dict[str, Any], weights: Any) -> float | None:
    """The ranking score of a unit's figures, None if none of its tasks is due.

    on_time × on-time rate − overdue_penalty × overdue − returned_penalty × returned. A task
    is due once closed or past its deadline (`due` in duban.db.queries): a unit whose tasks
    are all open and not yet due has done nothing that could be judged, and is not ranked.
    """
    if not row["due"]:
        return None
    rate = row["closed_on_time"] / row["closed"] if row["closed"] else 0.0
    return round(
        weights.on_time * rate
        - weights.overdue_penalty * row["overdue"]
        - weights.returned_penalty * row["returned"],
        1,
    )


class ProgressMixin(WorkbookBase):
    """Headline figures, traffic lights, rankings, areas, trend, lineage and drill-downs."""

    # -- the scope as SQL ---------------------------------------------------------------
    def check_scope(self, scope: Scope) -> None:
        """ValidationError for an unknown level, kind, area or unit kind, or end before start."""
        checks = self._checks()
        for field, value, allowed in (
            ("level", scope.level, MEETING_LEVELS),
            ("kind", scope.kind, MEETING_KINDS),
            ("area", scope.area, AREAS),
            ("unit_kind", scope.unit_kind, UNIT_KINDS),
        ):
            if value is not None:
                checks.choice(field, value, allowed)
        if scope.start and scope.end and scope.start > scope.end:
            checks.fail("end", _("must not be before the start of the period"))
        checks.raise_if_any()

    def _scoped(
        self,
        scope: Scope,
        today: date | None = None,
        also: str | None = None,
        lean: bool = False,
        meetings: bool = False,
    ) -> tuple[str, dict[str, Any]]:
        """A subquery of the tasks in `scope` with their derived columns, and its parameters.

        `also` is one more SQL condition on the joined tables (t, d, m, u). `lean` gives
        only the task's own and derived columns (and `meeting_id` with `meetings`), joining
        directives and meetings only if asked or the scope filters on them: the figures that
        need no names run on `tasks` alone.
        """
        self.check_scope(scope)
        where, params = self._task_scope(today)
        period, params["start"], params["after_end"] = _period(scope, "t.assigned_at")
        where += period
        if scope.unit_kind:  # on t, so that it is checked before the other tables are looked up
            where.append("t.unit_id IN (SELECT id FROM units WHERE kind = :unit_kind)")
            params["unit_kind"] = scope.unit_kind
        for column, value in (
            ("m.level", scope.level),
            ("m.kind", scope.kind),
            ("d.meeting_id", scope.meeting_id),
            ("t.directive_id", scope.directive_id),
            ("t.unit_id", scope.unit_id),
        ):
            if value is not None:
                name = column.replace(".", "_")
                where.append(f"{column} = :{name}")
                params[name] = value
        if scope.area:
            where.append(IN_AREA)
            params["area"] = scope.area
        if also:
            where.append(also)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        returned = (
            "EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = t.id AND r.decision = 'returned')"
            " AS returned"
        )
        if not lean:
            return (
                f"(SELECT {TASK_COLUMNS}, m.level, m.kind, {returned} {TASKS_FROM} {clause})",
                params,
            )
        by_meeting = any(v is not None for v in (scope.level, scope.kind))
        by_directive = meetings or by_meeting or scope.meeting_id is not None
        columns = f"{TASK_ROW_COLUMNS}, d.meeting_id" if by_directive else TASK_ROW_COLUMNS
        joins = "JOIN directives d ON d.id = t.directive_id" if by_directive else ""
        joins += " JOIN meetings m ON m.id = d.meeting_id" if by_meeting else ""
        return f"(SELECT {columns}, {returned} FROM tasks t {joins} {clause})", params

    def _grouped(
        self,
        scope: Scope,
        key: str,
        names: str,
        joins: str,
        order: str = "",
        limit: int | None = None,
    ) -> pd.DataFrame:
        """FIGURES of the scoped tasks (lean rows) per `key`, then each group (alias g) named:
        `names` are columns of the tables `joins` joins to g; `order` is the ORDER BY."""
        groups, params = self._figures_sql(
            scope, GROUP_SUMMARIES[key], key, meetings=key == "meeting_id"
        )
        figures = ", ".join(f"g.{name}" for name in FIGURE_NAMES)
        sql = f"""SELECT g.{key}, {names}, {figures} FROM ({groups}) AS g {joins}
                  {"ORDER BY " + order if order else ""}"""
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return _finish(self.store.frame(sql, params))

    def _figures_sql(
        self,
        scope: Scope,
        summary: str,
        key: str | None = None,
        today: date | None = None,
        tasks_join: str = "",
        meetings: bool = False,
    ) -> tuple[str, dict[str, Any]]:
        """A SELECT of the scope's figures per `key` (None: one row) and its parameters: from
        the summary table `summary` where it answers for the scope (see _summarised), else
        over the scoped tasks (lean rows, alias s, `tasks_join` joined to them)."""
        select, group = (f"{key}, ", f" GROUP BY {key}") if key else ("", "")
        summarised = self._summarised(scope, today)
        if summarised:
            where, params = summarised
            return f"SELECT {select}{DAY_FIGURES} FROM {summary} WHERE {where}{group}", params
        scoped, params = self._scoped(scope, today, lean=True, meetings=meetings)
        return f"SELECT {select}{FIGURES} FROM {scoped} AS s {tasks_join}{group}", params

    def _summarised(self, scope: Scope, today: date | None) -> tuple[str, dict[str, Any]] | None:
        """The condition on a summary's `assigned_day` and the parameters, when the summaries
        answer for `scope` (every task of a period, read by a role that sees every unit's);
        else None."""
        if not scope.period_only or self.user["role"] == "reporter":
            return None
        self.check_scope(scope)
        params = self._task_scope(today)[1]  # :today and :yellow_until
        period, params["start"], params["after_end"] = _period(scope, "assigned_day")
        return " AND ".join(period) or "1", params

    # -- the figures --------------------------------------------------------------------
    def headline(self, scope: Scope | None = None, today: date | None = None) -> dict[str, Any]:
        """The headline figures of the scope.

        Tasks assigned, closed (on time, late), open, overdue, returned; on-time rate;
        mean days late.
        """
        sql, params = self._figures_sql(scope or Scope(), "task_days", today=today)
        row = _finish(self.store.frame(sql, params)).to_dict("records")[0]
        return {k: (None if v is None or pd.isna(v) else v) for k, v in row.items()}

    def board_by_meeting(self, scope: Scope, limit: int | None = BOARD_LIMIT) -> pd.DataFrame:
        """Traffic lights per meeting (one task per unit and directive), most red first."""
        return self._grouped(
            scope,
            "meeting_id",
            "m.title AS meeting, m.held_on, m.level, m.kind",
            "JOIN meetings m ON m.id = g.meeting_id",
            "g.red DESC, g.yellow DESC, m.held_on DESC, g.meeting_id DESC",
            limit,
        )

    def board_by_directive(self, scope: Scope, limit: int = BOARD_LIMIT) -> pd.DataFrame:
        """Traffic lights per directive (how many units green, yellow, red), most red first."""
        return self._grouped(
            scope,
            "directive_id",
            "d.meeting_id, m.title AS meeting, m.held_on, m.level, m.kind, d.seq,"
            " d.text AS directive",
            "JOIN directives d ON d.id = g.directive_id JOIN meetings m ON m.id = d.meeting_id",
            "g.red DESC, g.yellow DESC, g.directive_id DESC",
            limit,
        )

    def count_groups(self, scope: Scope) -> dict[str, int]:
        """How many meetings, directives and units the scope touches (for "showing n of N")."""
        summarised = self._summarised(scope, None)
        if summarised:
            where, params = summarised
            counted = ", ".join(
                f"(SELECT COUNT(DISTINCT {key}) FROM {GROUP_SUMMARIES[key]} WHERE {where})"
                f" AS {name}"
                for key, name in COUNTED_GROUPS
            )
            row = self.store.one(f"SELECT {counted}", params)
        else:
            scoped, params = self._scoped(scope, lean=True, meetings=True)
            counted = ", ".join(f"COUNT(DISTINCT {key}) AS {name}" for key, name in COUNTED_GROUPS)
            row = self.store.one(f"SELECT {counted} FROM {scoped}", params)
        return {k: int(v) for k, v in row.items()}

    def ranking(self, scope: Scope) -> pd.DataFrame:
        """Units with tasks in scope, scored (see `score`) and ranked within their kind.

        The kinds are those of UNIT_KINDS: streets, departments, … Within a kind, the ranked
        units by score, then the units with no task due (`ranked` False, rank <NA> and score
        NaN), by name.
        """
        frame = self._grouped(
            scope,
            "unit_id",
            "u.name AS unit, u.kind AS unit_kind",
            "JOIN units u ON u.id = g.unit_id",
        )
        scores = [score(row, self.settings.score) for row in frame.to_dict("records")]
        frame["score"] = pd.Series(scores, index=frame.index, dtype=float)  # NaN: not ranked
        frame["ranked"] = [s is not None for s in scores]
        frame["order"] = [-s if s is not None else 0.0 for s in scores]
        frame = frame.sort_values(
            ["unit_kind", "ranked", "order", "unit"],
            ascending=[True, False, True, True],
            kind="stable",
        ).drop(columns="order")
        places = frame.groupby("unit_kind").cumcount() + 1
        frame.insert(
            0,
            "rank",
            pd.Series(
                [int(p) if ok else None for p, ok in zip(places, frame["ranked"], strict=True)],
                index=frame.index,
                dtype="Int64",
            ),
        )
        return frame.reset_index(drop=True)

    def by_area(self, scope: Scope) -> pd.DataFrame:
        """Figures per key area (a task counts in every area of its directive), in AREAS order."""
        sql, params = self._figures_sql(
            scope,
            "area_days",
            "area",
            tasks_join="JOIN directive_areas a ON a.directive_id = s.directive_id",
        )
        frame = _finish(self.store.frame(sql, params))
        frame["order"] = frame["area"].map({a: i for i, a in enumerate(AREAS)})
        return frame.sort_values("order").drop(columns="order").reset_index(drop=True)

    def overdue_units(self, scope: Scope) -> pd.DataFrame:
        """Units with overdue tasks: how many, and the longest delay in days, most overdue first."""
        # `also` only narrows the rows early (through an index); `overdue = 1` decides.
        scoped, params = self._scoped(scope, also=OVERDUE, lean=True)
        return self.store.frame(
            f"""SELECT late.unit_id, u.name AS unit, u.kind AS unit_kind, late.overdue,
                       late.max_days_late
                FROM (SELECT unit_id, COUNT(*) AS overdue, MAX(days_late) AS max_days_late
                      FROM {scoped} WHERE overdue = 1 GROUP BY unit_id) AS late
                JOIN units u ON u.id = late.unit_id
                ORDER BY late.overdue DESC, late.max_days_late DESC, u.name""",
            params,
        )

    def trend(self, scope: Scope, today: date | None = None) -> pd.DataFrame:
        """Per week (Monday) of the period: tasks assigned, closed, and overdue at the week's end.

        The tasks are those of `scope`, so the weeks add up to the headline: the assigned
        and closed columns sum to its figures and the last overdue value is its overdue.
        """
        today = today or self.today()
        summarised = self._summarised(scope, today)
        if summarised:
            where, params = summarised
            rows = self.store.rows(
                f"""SELECT kind, week, SUM(delta) AS n FROM trend_days
                    WHERE {where} AND day <= :today GROUP BY kind, week""",
                params,
            )
            return _weekly(rows, scope.start, today)
        scoped, params = self._scoped(scope, today)
        rows = self.store.rows(
            f"""WITH s AS (SELECT assigned_at, deadline, closed_at, status FROM {scoped}),
                     events(kind, day, delta) AS (
                        SELECT 'assigned', substr(t.assigned_at, 1, 10), 1 FROM s t
                        UNION ALL SELECT 'closed', {CLOSED_DAY}, 1 FROM s t WHERE {IS_CLOSED}
                        UNION ALL SELECT 'overdue', date(t.deadline, '+1 day'), 1 FROM s t
                                  WHERE {IS_OPEN} OR {CLOSED_LATE}
                        UNION ALL SELECT 'overdue', {CLOSED_DAY}, -1 FROM s t
                                  WHERE {IS_CLOSED} AND {CLOSED_LATE})
                SELECT kind, date(day, 'weekday 0', '-6 days') AS week, SUM(delta) AS n
                FROM events WHERE day <= :today GROUP BY kind, week""",
            params,
        )
        return _weekly(rows, scope.start, today)

    # -- drill-downs --------------------------------------------------------------------
    def scoped_tasks(self, scope: Scope, limit: int | None = 200, offset: int = 0) -> pd.DataFrame:
        """The tasks of a scope (e.g. one unit's), red first, then by deadline: at most `limit`
        of them (None: all) from position `offset` on; `matching` is how many the scope holds.
        """
        scoped, params = self._scoped(scope)
        limit = -1 if limit is None else limit
        return self.store.frame(
            f"""SELECT id, meeting_id, meeting, held_on, level, kind, directive_id, seq, directive,
                       unit_id, unit, role, deadline, status, percent, closed_at, overdue,
                       days_late, light, closed_on_time, returned, COUNT(*) OVER () AS matching
                FROM {scoped}
                ORDER BY CASE light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, deadline, id
                LIMIT {int(limit)} OFFSET {max(0, int(offset))}""",
            params,
        )

    def drill_choices(
        self, scope: Scope, kind: str, search: str = "", limit: int = CHOICE_LIMIT
    ) -> pd.DataFrame:
        """The units, meetings or directives (`kind`) with tasks in scope that match `search`.

        Every word of `search` must match (see SEARCHED): so a directive outside any top list,
        e.g. of a meeting just held, is found by a word of its text, its number or its
        meeting. At most `limit`, newest meetings first; the `total` column counts every match.
        """
        if kind not in CHOICES:
            raise ValueError(f"kind must be one of {tuple(CHOICES)}")
        scoped, params = self._scoped(scope, lean=True, meetings=True)
        words = search.split()
        for i, word in enumerate(words):
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            day = f"{escaped}%" if "-" in word else None
            params |= {f"w{i}": f"%{escaped}%", f"d{i}": day, f"n{i}": word}
        match = " AND ".join(SEARCHED[kind].format(i=i) for i in range(len(words))) or "1"
        sql = CHOICES[kind].format(scoped=scoped, match=match)
        return self.store.frame(f"{sql} LIMIT {int(limit)}", params)

    def meeting_choices(self, scope: Scope, limit: int = 300) -> pd.DataFrame:
        """Meetings with tasks in scope (newest first): id, title (`meeting`), held_on, level,
        kind, upstream."""
        scoped, params = self._scoped(scope, lean=True, meetings=True)
        params |= self._reach(meeting="m.id")[1]
        return self.store.frame(
            f"""SELECT m.id, m.title AS meeting, m.held_on, m.level, m.kind,
                       {self._upstream_of("m")} AS upstream_meeting_id
                FROM meetings m
                WHERE m.id IN (SELECT meeting_id FROM {scoped})
                ORDER BY m.held_on DESC, m.id DESC LIMIT {int(limit)}""",
            params,
        )

    # -- lineage ------------------------------------------------------------------------
    def upstream_chain(self, meeting_id: int) -> pd.DataFrame:
        """The meeting and the meetings it passes on, from the highest upstream down to it (a
        reporter: up to the first meeting their unit has no task from)."""
        self.meeting(meeting_id)
        reach, params = self._reach(meeting="m.upstream_meeting_id")
        return self.store.frame(
            f"""WITH RECURSIVE up(id, depth) AS (
                   SELECT :id, 0 UNION ALL
                   SELECT m.upstream_meeting_id, up.depth + 1
                   FROM up JOIN meetings m ON m.id = up.id
                   WHERE m.upstream_meeting_id IS NOT NULL AND up.depth < 50
                         AND {reach})
               SELECT m.id, m.title, m.level, m.kind, m.held_on
               FROM up JOIN meetings m ON m.id = up.id
               ORDER BY up.depth DESC""",
            {**params, "id": meeting_id},
        )

    def cascade(self, upstream_id: int, today: date | None = None) -> pd.DataFrame:
        """How an upstream meeting's directives cascade to the tasks of the meetings passing it on.

        One row per pair (upstream directive, downstream directive sharing a key area), over
        every meeting below `upstream_id` (recursively), with the downstream directive's
        task lights; an upstream directive no downstream directive matches gets one row
        of zeros. A reporter: only the meetings and directives their unit has tasks from.
        """
        self.meeting(upstream_id)
        scoped, params = self._scoped(Scope(), today, also="d.meeting_id IN (SELECT id FROM below)")
        up_reach, reach_params = self._reach(directive="up.id")
        down_reach, _params = self._reach(directive="down.id")
        params |= {**reach_params, "root": upstream_id}
        return _finish(
            self.store.frame(
                f"""WITH RECURSIVE below(id, depth) AS (
                    SELECT id, 1 FROM meetings WHERE upstream_meeting_id = :root UNION ALL
                    SELECT m.id, below.depth + 1
                    FROM below JOIN meetings m ON m.upstream_meeting_id = below.id
                    WHERE below.depth < 50),
                lights AS (
                    SELECT directive_id, {FIGURES} FROM {scoped} GROUP BY directive_id),
                pairs AS (
                    SELECT DISTINCT up.id AS up_id, down.id AS down_id
                    FROM directives up
                    JOIN directive_areas ua ON ua.directive_id = up.id
                    JOIN directive_areas da ON da.area = ua.area
                    JOIN directives down ON down.id = da.directive_id
                    WHERE up.meeting_id = :root AND down.meeting_id IN (SELECT id FROM below)
                          AND {down_reach})
                SELECT up.id AS upstream_directive_id, up.seq AS upstream_seq,
                       up.text AS upstream_directive, dm.id AS meeting_id, dm.title AS meeting,
                       dm.held_on, dm.level, dm.kind, down.id AS directive_id, down.seq,
                       down.text AS directive,
                       COALESCE(l.assigned, 0) AS assigned, COALESCE(l.closed, 0) AS closed,
                       COALESCE(l.green, 0) AS green, COALESCE(l.yellow, 0) AS yellow,
                       COALESCE(l.red, 0) AS red
                FROM directives up
                LEFT JOIN pairs p ON p.up_id = up.id
                LEFT JOIN directives down ON down.id = p.down_id
                LEFT JOIN meetings dm ON dm.id = down.meeting_id
                LEFT JOIN lights l ON l.directive_id = down.id
                WHERE up.meeting_id = :root AND {up_reach}
                ORDER BY up.position, dm.held_on, down.position""",
                params,
            )
        ).astype({"meeting_id": "Int64", "directive_id": "Int64"})


def _period(scope: Scope, column: str) -> tuple[list[str], str | None, str | None]:
    """The conditions keeping `column` (an assignment time or day) within the scope's period,
    and their parameters :start and :after_end (None for an open side)."""
    start = scope.start.isoformat() if scope.start else None
    after_end = (scope.end + timedelta(days=1)).isoformat() if scope.end else None
    where = [f"{column} >= :start"] if start else []
    where += [f"{column} < :after_end"] if after_end else []
    return where, start, after_end


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts as integers, the on-time rate added, mean days late rounded to one decimal."""
    for column in COUNTS:
        if column in frame:
            frame[column] = frame[column].fillna(0).astype(int)
    if "closed" in frame and "closed_on_time" in frame:
        frame["on_time_rate"] = [
            on / closed if closed else None
            for on, closed in zip(frame["closed_on_time"], frame["closed"], strict=True)
        ]
    if "avg_days_late" in frame:
        frame["avg_days_late"] = [
            None if pd.isna(v) else round(float(v), 1) for v in frame["avg_days_late"]
        ]
    return frame


def _weekly(rows: list[dict[str, Any]], start: date | None, end: date) -> pd.DataFrame:
    """One row per week from the period's first week (or the first event's) to `end`'s week."""
    by = {(r["kind"], r["week"]): r["n"] for r in rows}
    weeks = sorted({r["week"] for r in rows})
    monday = end - timedelta(days=end.weekday())
    first = (
        start - timedelta(days=start.weekday())
        if start
        else (date.fromisoformat(weeks[0]) if weeks else monday)
    )
    overdue = sum(
        n for (kind, week), n in by.items() if kind == "overdue" and week < first.isoformat()
    )
    out = []
    day = first
    while day <= monday:
        key = day.isoformat()
        overdue += by.get(("overdue", key), 0)
        out.append(
            {
                "week": key,
                "assigned": by.get(("assigned", key), 0),
                "closed": by.get(("closed", key), 0),
                "overdue": overdue,
            }
        )
        day += timedelta(days=7)
    return pd.DataFrame(out, columns=["week", "assigned", "closed", "overdue"])

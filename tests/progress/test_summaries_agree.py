"""The tables the schema's triggers derive (duban.db.queries.DERIVED_TABLES) stay in step with
what they are derived from, after every kind of write; and the figures read from them are the
figures read from every task.

Each derived table is compared with its rows worked out afresh (RECOUNTED): after the demo
build (half a year of an office's work through the API), after each kind of write of the
workbook, and after row changes the workbook never makes (a review deleted, a task moved).
The headline, the boards, the ranking, the counts, the figures by area and the trend of the
whole office are compared
with the same figures read from every task (the path every narrower scope takes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from duban.db import Store
from duban.db.queries import DERIVED_TABLES
from duban.infra import clock
from duban.service.progress import ProgressMixin, Scope
from duban.service.workbook import open_workbook

COUNTS = (
    "SUM(tasks), SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),"
    " SUM(returned)"
)
RECOUNTED = {
    "directive_areas": """SELECT DISTINCT d.id, a.value FROM directives d, json_each(d.areas) a
                          WHERE a.type = 'text'""",
    "task_days": f"SELECT assigned_day, open_deadline, {COUNTS} FROM task_day_counts GROUP BY 1, 2",
    "area_days": f"""SELECT area, assigned_day, open_deadline, {COUNTS} FROM task_area_day_counts
                     GROUP BY 1, 2, 3""",
    "directive_days": f"""SELECT directive_id, assigned_day, open_deadline, {COUNTS}
                          FROM task_day_counts GROUP BY 1, 2, 3""",
    "unit_days": f"""SELECT unit_id, assigned_day, open_deadline, {COUNTS}
                     FROM task_day_counts GROUP BY 1, 2, 3""",
    "trend_days": """SELECT assigned_day, kind, day, date(day, 'weekday 0', '-6 days'), COUNT(*),
                            SUM(delta)
                     FROM task_trend_events GROUP BY 1, 2, 3""",
}


def out_of_step(conn: sqlite3.Connection) -> list[str]:
    """The derived tables whose rows are not their rows worked out afresh."""
    assert set(RECOUNTED) == set(DERIVED_TABLES)
    return [
        table
        for table, sql in RECOUNTED.items()
        if set(conn.execute(f"SELECT * FROM {table}")) != set(conn.execute(sql))
    ]


def test_the_demo_build_leaves_every_summary_in_step(demo_copy: Path):
    conn = sqlite3.connect(demo_copy)
    try:
        assert conn.execute("SELECT COUNT(*) FROM task_days").fetchone()[0] > 10
        assert out_of_step(conn) == []
    finally:
        conn.close()


def test_each_kind_of_write_keeps_the_summaries_in_step(history):
    wb, tasks = history.wb, history.tasks
    conn = wb.store.conn
    assert out_of_step(conn) == []  # assigned, closed, returned, reminded
    request = wb.request_extension(tasks["A2 bureau"], "2026-12-18", "more time")
    wb.decide_extension(request, True, "ok")
    assert out_of_step(conn) == []
    wb.reopen(tasks["B1 east"], "look again")
    assert out_of_step(conn) == []
    extra = wb.add_directive(history.meetings["B"], "B2", areas=["fire", "gas"])
    wb.edit_directive(extra, areas=["gas", "campus"])
    assert out_of_step(conn) == []
    wb.delete_directive(extra)
    assert out_of_step(conn) == []


# Row changes the workbook never makes, each then checked (SQL over a fresh schema); at the end
# no task is left, so no summary row either.
RAW_WRITES = [
    "UPDATE reviews SET decision = 'closed' WHERE id = 1",
    "UPDATE reviews SET decision = 'returned', task_id = 2 WHERE id = 1",
    "DELETE FROM reviews WHERE id = 1",
    "UPDATE tasks SET directive_id = 2 WHERE id = 1",
    "UPDATE tasks SET unit_id = 1 WHERE id = 2",
    "UPDATE tasks SET assigned_at = '2026-10-05T09:00:00', deadline = '2026-10-06' WHERE id = 2",
    "UPDATE tasks SET status = 'closed', closed_at = '2026-10-09T18:00:00' WHERE id = 2",
    "UPDATE tasks SET status = 'closed', closed_at = NULL WHERE id = 3",
    'UPDATE directives SET areas = \'["gas", "gas", null, 7]\' WHERE id = 2',
    "DELETE FROM tasks WHERE id = 3",
    "DELETE FROM reviews",
    "DELETE FROM tasks",
    "DELETE FROM directives WHERE id = 1",
]


def test_row_changes_the_workbook_never_makes_keep_the_summaries_in_step(tmp_path: Path):
    path = tmp_path / "raw.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        """
        INSERT INTO units (id, name, kind, created_at) VALUES (1, 'A', 'street', 'x'),
            (2, 'B', 'department', 'x');
        INSERT INTO meetings (id, title, kind, level, held_on, created_by, created_at)
            VALUES (1, 'M', 'other', 'district', '2026-10-01', 'x', 'x');
        INSERT INTO directives (id, meeting_id, seq, position, text, areas, created_at)
            VALUES (1, 1, '1', 1, 'one', '["fire", "gas"]', 'x'),
                   (2, 1, '2', 2, 'two', '["fire"]', 'x');
        INSERT INTO tasks (id, directive_id, unit_id, role, deadline, original_deadline, status,
                           assigned_at, assigned_by, closed_at, updated_at)
            VALUES (1, 1, 1, 'lead', '2026-10-20', '2026-10-20', 'closed',
                    '2026-10-02T10:00:00', 'x', '2026-10-25T16:00:00', 'x'),
                   (2, 1, 2, 'lead', '2026-10-20', '2026-10-20', 'in_progress',
                    '2026-10-02T10:00:00', 'x', NULL, 'x'),
                   (3, 2, 2, 'lead', '2026-10-31', '2026-10-31', 'assigned',
                    '2026-10-02T11:00:00', 'x', NULL, 'x');
        INSERT INTO reviews (id, task_id, decision, reviewer, reviewed_at)
            VALUES (1, 1, 'returned', 'x', 'x'), (2, 1, 'returned', 'x', 'x'),
                   (3, 1, 'closed', 'x', 'x');
        """
    )
    try:
        assert out_of_step(conn) == []
        for statement in RAW_WRITES:
            conn.execute(statement)
            assert out_of_step(conn) == [], statement
        counts = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in RECOUNTED]
        assert counts == [1, 0, 0, 0, 0, 0]
    finally:
        conn.close()


PERIODS = [
    Scope(),
    Scope(date(2026, 10, 1), date(2026, 11, 16)),
    Scope(date(2026, 11, 1)),
    Scope(None, date(2026, 8, 31)),
    Scope(date(2030, 1, 1), date(2030, 1, 31)),  # no task
]
DAYS = [date(2026, 7, 1), date(2026, 11, 16), date(2027, 2, 1)]
FIGURES: dict[str, Callable[[Any, Scope, date], Any]] = {
    "headline": lambda wb, scope, day: wb.headline(scope, today=day),
    "by_area": lambda wb, scope, day: wb.by_area(scope),
    "board_by_meeting": lambda wb, scope, day: wb.board_by_meeting(scope, limit=None),
    "board_by_directive": lambda wb, scope, day: wb.board_by_directive(scope, limit=10_000),
    "trend": lambda wb, scope, day: wb.trend(scope, today=day),
    "ranking": lambda wb, scope, day: wb.ranking(scope),
    "count_groups": lambda wb, scope, day: wb.count_groups(scope),
}


@pytest.mark.parametrize("figure", FIGURES)
def test_the_summaries_give_the_figures_of_every_task(figure, demo_copy, monkeypatch):
    wb = open_workbook(demo_copy, user="leader")
    assert all(wb._summarised(scope, None) for scope in PERIODS)  # the summaries answer these
    read = FIGURES[figure]
    for day in DAYS:
        with clock.frozen(day):
            summed = [read(wb, scope, day) for scope in PERIODS]
            with monkeypatch.context() as every_task:
                every_task.setattr(ProgressMixin, "_summarised", lambda *_args: None)
                counted = [read(wb, scope, day) for scope in PERIODS]
        for scope, ours, theirs in zip(PERIODS, summed, counted, strict=True):
            if isinstance(ours, pd.DataFrame):
                pd.testing.assert_frame_equal(ours, theirs, check_dtype=False, obj=str(scope))
            else:
                assert ours == theirs, (scope, day)

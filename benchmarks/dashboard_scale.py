"""The leaders' progress page at city scale: its queries against the plain-SQLite floor.

Builds once (cached in benchmarks/.cache/, keyed by the schema's migrations) a database of
200 units, 5,000 meetings, 100,000 directives, 1,000,000 tasks and 3,000,000 progress
reports: the schema comes from duban's own Store, the rows from plain sqlite3 executemany
in one transaction. Then, for each query the progress page runs, it times the service
call against the minimal hand-written SQL giving the same numbers (checking that they
agree), and measures the memory a child process gains by building the page.

    .venv/bin/python benchmarks/dashboard_scale.py [--small]

Prints one line per query, a memory line, and last `max_ratio=<float>`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from duban import clock
from duban.areas import AREAS
from duban.db import Store
from duban.db import migrations
from duban.db.migrations import MEETING_KINDS, MEETING_LEVELS

CACHE = Path(__file__).resolve().parent / ".cache"
TODAY = date(2026, 11, 16)
FIRST_MEETING = date(2024, 1, 2)
SCALE = {"units": 200, "meetings": 5_000, "directives_per_meeting": 20, "tasks_per_directive": 10, "reports_per_task": 3}
SMALL = {"units": 60, "meetings": 300, "directives_per_meeting": 10, "tasks_per_directive": 5, "reports_per_task": 3}
OPEN_STATUSES = ("assigned", "acknowledged", "in_progress", "closure_requested", "returned", "extension_requested")
REPEATS = 3
STAMP = "2023-12-01T09:00:00"


# -- building the database ------------------------------------------------------------------
def database_path(scale: dict[str, int]) -> Path:
    """The cached file for this scale and this schema version."""
    schema = hashlib.sha256(Path(migrations.__file__).read_bytes()).hexdigest()[:10]
    label = "city" if scale is SCALE else "small"
    return CACHE / f"dashboard-{label}-{schema}.sqlite"


def build(path: Path, scale: dict[str, int], seed: int = 5) -> None:
    """Create the schema through duban's Store, then bulk-insert the rows in one transaction."""
    rng = random.Random(seed)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    Store(partial).close()
    conn = sqlite3.connect(partial, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("BEGIN")
    units = _units(conn, scale["units"])
    meetings = _meetings(conn, rng, scale["meetings"])
    directive_ids = _directives(conn, rng, meetings, scale["directives_per_meeting"])
    conn.executemany("INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", _tasks(rng, directive_ids, units, scale))
    tasks = conn.execute("SELECT id, assigned_at, closed_at, status FROM tasks").fetchall()
    conn.executemany(
        "INSERT INTO progress_reports (task_id, reported_at, reporter, percent, text, closure_request) VALUES (?,?,?,?,?,?)",
        _reports(rng, tasks, scale["reports_per_task"]),
    )
    conn.executemany(
        "INSERT INTO reviews (task_id, decision, comment, reviewer, reviewed_at) VALUES (?,?,?,?,?)", _reviews(rng, tasks)
    )
    conn.executemany(
        "INSERT INTO reminders (task_id, kind, note, sent_by, sent_at) VALUES (?,?,?,?,?)", _reminders(rng, tasks)
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    partial.rename(path)


def _units(conn: sqlite3.Connection, count: int) -> list[int]:
    streets = count // 5
    rows = [
        (i, f"第{i}街道" if i <= streets else f"第{i}部门", "street" if i <= streets else "department", "[]", 1, STAMP)
        for i in range(1, count + 1)
    ]
    conn.executemany("INSERT INTO units (id, name, kind, aliases, active, created_at) VALUES (?,?,?,?,?,?)", rows)
    conn.executemany(
        "INSERT INTO users (login, display_name, role, unit_id, active, created_at) VALUES (?,?,?,?,?,?)",
        [("leader", "Leader", "leader", None, 1, STAMP), ("clerk", "Clerk", "clerk", None, 1, STAMP)],
    )
    return [r[0] for r in rows]


def _meetings(conn: sqlite3.Connection, rng: random.Random, count: int) -> list[tuple[int, date]]:
    span = (TODAY - timedelta(days=3) - FIRST_MEETING).days
    days = sorted(FIRST_MEETING + timedelta(days=rng.randrange(span)) for _ in range(count))
    rows = []
    for number, held in enumerate(days, start=1):
        level = rng.choice(MEETING_LEVELS)
        upstream = rng.randrange(max(1, number - 30), number) if level in ("district", "street") and number > 1 else None
        rows.append((number, f"会议{number}", rng.choice(MEETING_KINDS), level, held.isoformat(), "[]", upstream, "", "bench", STAMP))
    conn.executemany(
        """INSERT INTO meetings (id, title, kind, level, held_on, speakers, upstream_meeting_id, text, created_by, created_at)
           VALUES (?,?,?,?,?,?,?,?,?,?)""",
        rows,
    )
    return [(r[0], date.fromisoformat(r[4])) for r in rows]


def _directives(conn: sqlite3.Connection, rng: random.Random, meetings: list[tuple[int, date]], per: int) -> list[tuple[int, date]]:
    rows, out, next_id = [], [], 1
    for meeting_id, held in meetings:
        for position in range(1, per + 1):
            areas = json.dumps(rng.sample(AREAS, rng.randint(1, 3)))
            rows.append((next_id, meeting_id, str(position), position, f"部署事项{next_id}", areas, STAMP))
            out.append((next_id, held))
            next_id += 1
    conn.executemany(
        "INSERT INTO directives (id, meeting_id, seq, position, text, areas, created_at) VALUES (?,?,?,?,?,?,?)", rows
    )
    return out


def _tasks(rng: random.Random, directives: list[tuple[int, date]], units: list[int], scale: dict[str, int]) -> Iterator[tuple]:
    task_id = 0
    for directive_id, held in directives:
        assigned = datetime.combine(held + timedelta(days=1), datetime.min.time()).replace(hour=10)
        for number, unit_id in enumerate(rng.sample(units, scale["tasks_per_directive"])):
            task_id += 1
            deadline = (assigned + timedelta(days=rng.randint(8, 25))).date()
            fate = rng.random()
            closed = None
            if fate < 0.62:
                closed = datetime.combine(deadline - timedelta(days=rng.randint(0, 5)), datetime.min.time()).replace(hour=16)
            elif fate < 0.82:
                closed = datetime.combine(deadline + timedelta(days=rng.randint(1, 25)), datetime.min.time()).replace(hour=16)
            if closed is not None and closed.date() > TODAY:
                closed = None
            status = "closed" if closed else rng.choice(OPEN_STATUSES)
            yield (task_id, directive_id, unit_id, "lead" if number == 0 else "cooperating", deadline.isoformat(),
                   deadline.isoformat(), "none", status, 100 if closed else rng.choice((0, 30, 60)),
                   assigned.isoformat(), "bench", closed.isoformat() if closed else None, assigned.isoformat())


def _reports(rng: random.Random, tasks: list[tuple], per: int) -> Iterator[tuple]:
    for task_id, assigned_at, closed_at, _status in tasks:
        start = datetime.fromisoformat(assigned_at)
        for n in range(1, per + 1):
            yield (task_id, (start + timedelta(days=2 * n, hours=n)).isoformat(), "unit", min(100, 30 * n), "已推进整改。", int(n == per and bool(closed_at)))


def _reviews(rng: random.Random, tasks: list[tuple]) -> Iterator[tuple]:
    for task_id, assigned_at, closed_at, status in tasks:
        start = datetime.fromisoformat(assigned_at)
        if rng.random() < 0.1 or status == "returned":
            yield (task_id, "returned", "佐证材料不全。", "clerk", (start + timedelta(days=5)).isoformat())
        if closed_at:
            yield (task_id, "closed", "同意办结。", "clerk", closed_at)


def _reminders(rng: random.Random, tasks: list[tuple]) -> Iterator[tuple]:
    for task_id, assigned_at, closed_at, status in tasks:
        if not closed_at and rng.random() < 0.5:
            yield (task_id, "reminder", "请抓紧办理。", "clerk", (datetime.fromisoformat(assigned_at) + timedelta(days=20)).isoformat())

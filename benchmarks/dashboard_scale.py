"""The leaders' progress page and the office's task list at city scale, against the plain-SQLite
floor.

Builds once (cached in benchmarks/.cache/, keyed by the schema's migrations) a database of
200 units, 5,000 meetings, 100,000 directives, 1,000,000 tasks and 3,000,000 progress
reports: the schema comes from duban's own Store, the rows from plain sqlite3 executemany
in one transaction. Then, for each query the progress page runs, it times the service
call against the minimal hand-written SQL giving the same numbers (checking that they
agree), and divides its time by the same call's on the demo database (duban.demo, built
afresh in a temporary folder: a district's half year), so that what grows with the data
shows; and it measures the memory a child process gains by building the page. The office's
supervision list (Workbook.task_page: a page of every unit's tasks and how many match) is
timed the same way, unfiltered, by unit, by status and light, by a deadline range, deep in
the list and at its last page, its floor the hand-written count and page of the same rows;
so is the first page of the closure requests, the longest waiting first.

    .venv/bin/python benchmarks/dashboard_scale.py [--small]

Prints one line per query, a memory line, and last
`max_ratio=<float> max_city_over_demo=<float>` (the largest service/floor ratio, and the
largest city/demo ratio of the progress page's queries).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from duban.db import Store, migrations
from duban.infra import clock
from duban.service.progress import COUNTS
from duban.service.status import OPEN_STATUSES
from duban.vocabulary import AREAS, MEETING_KINDS, MEETING_LEVELS

CACHE = Path(__file__).resolve().parent / ".cache"
TODAY = date(2026, 11, 16)
FIRST_MEETING = date(2024, 1, 2)
SCALE = {
    "units": 200,
    "meetings": 5_000,
    "directives_per_meeting": 20,
    "tasks_per_directive": 10,
    "reports_per_task": 3,
}
SMALL = {
    "units": 60,
    "meetings": 300,
    "directives_per_meeting": 10,
    "tasks_per_directive": 5,
    "reports_per_task": 3,
}
REPEATS = 3
# A query whose floor takes less is printed but left out of max_ratio (fixed per-call costs
# dominate).
NOISE_MS = 5.0
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
    conn.executemany(
        "INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        _tasks(rng, directive_ids, units, scale),
    )
    tasks = conn.execute("SELECT id, assigned_at, closed_at, status FROM tasks").fetchall()
    conn.executemany(
        "INSERT INTO progress_reports"
        " (task_id, reported_at, reporter, percent, text, closure_request) VALUES (?,?,?,?,?,?)",
        _reports(rng, tasks, scale["reports_per_task"]),
    )
    conn.executemany(
        "INSERT INTO reviews (task_id, decision, comment, reviewer, reviewed_at)"
        " VALUES (?,?,?,?,?)",
        _reviews(rng, tasks),
    )
    conn.executemany(
        "INSERT INTO reminders (task_id, kind, note, sent_by, sent_at) VALUES (?,?,?,?,?)",
        _reminders(rng, tasks),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    partial.rename(path)


def _units(conn: sqlite3.Connection, count: int) -> list[int]:
    streets = count // 5
    rows = [
        (
            i,
            f"第{i}街道" if i <= streets else f"第{i}部门",
            "street" if i <= streets else "department",
            "[]",
            1,
            STAMP,
        )
        for i in range(1, count + 1)
    ]
    conn.executemany(
        "INSERT INTO units (id, name, kind, aliases, active, created_at) VALUES (?,?,?,?,?,?)", rows
    )
    conn.executemany(
        "INSERT INTO users (login, display_name, role, unit_id, active, created_at)"
        " VALUES (?,?,?,?,?,?)",
        [
            ("leader", "Leader", "leader", None, 1, STAMP),
            ("clerk", "Clerk", "clerk", None, 1, STAMP),
        ],
    )
    return [r[0] for r in rows]


def _meetings(conn: sqlite3.Connection, rng: random.Random, count: int) -> list[tuple[int, date]]:
    span = (TODAY - timedelta(days=3) - FIRST_MEETING).days
    days = sorted(FIRST_MEETING + timedelta(days=rng.randrange(span)) for _ in range(count))
    rows = []
    for number, held in enumerate(days, start=1):
        level = rng.choice(MEETING_LEVELS.values)
        upstream = (
            rng.randrange(max(1, number - 30), number)
            if level in ("district", "street") and number > 1
            else None
        )
        rows.append(
            (
                number,
                f"会议{number}",
                rng.choice(MEETING_KINDS.values),
                level,
                held.isoformat(),
                "[]",
                upstream,
                "",
                "bench",
                STAMP,
            )
        )
    conn.executemany(
        """INSERT INTO meetings (id, title, kind, level, held_on, speakers, upstream_meeting_id,
               text, created_by, created_at)
           VALUES (?,?,?,?,?,?,?,?,?,?)""",
        rows,
    )
    return [(r[0], date.fromisoformat(r[4])) for r in rows]


def _directives(
    conn: sqlite3.Connection, rng: random.Random, meetings: list[tuple[int, date]], per: int
) -> list[tuple[int, date]]:
    rows, out, next_id = [], [], 1
    for meeting_id, held in meetings:
        for position in range(1, per + 1):
            areas = json.dumps(rng.sample(AREAS.values, rng.randint(1, 3)))
            rows.append(
                (next_id, meeting_id, str(position), position, f"部署事项{next_id}", areas, STAMP)
            )
            out.append((next_id, held))
            next_id += 1
    conn.executemany(
        "INSERT INTO directives (id, meeting_id, seq, position, text, areas, created_at)"
        " VALUES (?,?,?,?,?,?,?)",
        rows,
    )
    return out


def _tasks(
    rng: random.Random, directives: list[tuple[int, date]], units: list[int], scale: dict[str, int]
) -> Iterator[tuple]:
    task_id = 0
    for directive_id, held in directives:
        assigned = datetime.combine(held + timedelta(days=1), datetime.min.time()).replace(hour=10)
        for number, unit_id in enumerate(rng.sample(units, scale["tasks_per_directive"])):
            task_id += 1
            deadline = (assigned + timedelta(days=rng.randint(8, 25))).date()
            fate = rng.random()
            closed = None
            if fate < 0.62:
                closed = datetime.combine(
                    deadline - timedelta(days=rng.randint(0, 5)), datetime.min.time()
                ).replace(hour=16)
            elif fate < 0.82:
                closed = datetime.combine(
                    deadline + timedelta(days=rng.randint(1, 25)), datetime.min.time()
                ).replace(hour=16)
            if closed is not None and closed.date() > TODAY:
                closed = None
            status = "closed" if closed else rng.choice(OPEN_STATUSES)
            yield (
                task_id,
                directive_id,
                unit_id,
                "lead" if number == 0 else "cooperating",
                deadline.isoformat(),
                deadline.isoformat(),
                "none",
                status,
                100 if closed else rng.choice((0, 30, 60)),
                assigned.isoformat(),
                "bench",
                closed.isoformat() if closed else None,
                assigned.isoformat(),
            )


def _reports(rng: random.Random, tasks: list[tuple], per: int) -> Iterator[tuple]:
    for task_id, assigned_at, closed_at, _status in tasks:
        start = datetime.fromisoformat(assigned_at)
        for n in range(1, per + 1):
            yield (
                task_id,
                (start + timedelta(days=2 * n, hours=n)).isoformat(),
                "unit",
                min(100, 30 * n),
                "已推进整改。",
                int(n == per and bool(closed_at)),
            )


def _reviews(rng: random.Random, tasks: list[tuple]) -> Iterator[tuple]:
    for task_id, assigned_at, closed_at, status in tasks:
        start = datetime.fromisoformat(assigned_at)
        if rng.random() < 0.1 or status == "returned":
            yield (
                task_id,
                "returned",
                "佐证材料不全。",
                "clerk",
                (start + timedelta(days=5)).isoformat(),
            )
        if closed_at:
            yield (task_id, "closed", "同意办结。", "clerk", closed_at)


def _reminders(rng: random.Random, tasks: list[tuple]) -> Iterator[tuple]:
    for task_id, assigned_at, closed_at, _status in tasks:
        if not closed_at and rng.random() < 0.5:
            yield (
                task_id,
                "reminder",
                "请抓紧办理。",
                "clerk",
                (datetime.fromisoformat(assigned_at) + timedelta(days=20)).isoformat(),
            )


# -- the floor: minimal hand-written SQL giving the same numbers ---------------------------
PERIOD = "t.assigned_at >= :start AND t.assigned_at < :after_end"
FLOOR_FIGURES = """COUNT(*) AS assigned,
    TOTAL(t.status = 'closed') AS closed,
    TOTAL(t.status = 'closed' AND substr(t.closed_at, 1, 10) <= t.deadline) AS closed_on_time,
    TOTAL(t.status = 'closed' AND substr(t.closed_at, 1, 10) > t.deadline) AS closed_late,
    TOTAL(t.status != 'closed') AS open,
    TOTAL(t.status != 'closed' AND t.deadline < :today) AS overdue,
    TOTAL(t.status = 'closed' OR t.deadline < :today) AS due,
    TOTAL(EXISTS (SELECT 1 FROM reviews r
                  WHERE r.task_id = t.id AND r.decision = 'returned')) AS returned,
    TOTAL(CASE WHEN t.status = 'closed' THEN substr(t.closed_at, 1, 10) <= t.deadline
               ELSE t.deadline > :yellow_until END) AS green,
    TOTAL(t.status != 'closed' AND t.deadline BETWEEN :today AND :yellow_until) AS yellow,
    TOTAL(CASE WHEN t.status = 'closed' THEN substr(t.closed_at, 1, 10) > t.deadline
               ELSE t.deadline < :today END) AS red,
    AVG(CASE WHEN t.status = 'closed' AND substr(t.closed_at, 1, 10) > t.deadline
             THEN julianday(substr(t.closed_at, 1, 10)) - julianday(t.deadline)
             WHEN t.status != 'closed' AND t.deadline < :today
             THEN julianday(:today) - julianday(t.deadline) END) AS avg_days_late"""
FIGURE_NAMES = (*COUNTS, "avg_days_late")


def floor_queries() -> dict[str, str]:
    """Query name -> the plain SQL (over :start, :after_end, :today, :yellow_until, …)."""
    grouped = (
        "SELECT g.*, {label} FROM (SELECT {key}, "
        + FLOOR_FIGURES
        + " FROM tasks t {join} WHERE "
        + PERIOD
        + " GROUP BY {key}) g {outer}"
    )
    return {
        "headline": f"SELECT {FLOOR_FIGURES} FROM tasks t WHERE {PERIOD}",
        "headline (all time)": f"SELECT {FLOOR_FIGURES} FROM tasks t",
        "headline (district meetings)": f"""SELECT {FLOOR_FIGURES} FROM tasks t
            JOIN directives d ON d.id = t.directive_id
            JOIN meetings m ON m.id = d.meeting_id WHERE {PERIOD} AND m.level = 'district'""",
        "headline (area fire)": f"""SELECT {FLOOR_FIGURES} FROM tasks t
            JOIN directives d ON d.id = t.directive_id
            WHERE {PERIOD} AND EXISTS (SELECT 1 FROM json_each(d.areas) WHERE value = 'fire')""",
        "headline (streets)": f"""SELECT {FLOOR_FIGURES} FROM tasks t
            JOIN units u ON u.id = t.unit_id
            WHERE {PERIOD} AND u.kind = 'street'""",
        "board_by_meeting": grouped.format(
            key="d.meeting_id",
            label="m.title",
            join="JOIN directives d ON d.id = t.directive_id",
            outer="JOIN meetings m ON m.id = g.meeting_id"
            " ORDER BY g.red DESC, g.yellow DESC, m.held_on DESC, m.id DESC LIMIT 50",
        ),
        "board_by_directive": "SELECT g.*, d.seq, m.title FROM (SELECT t.directive_id, "
        + FLOOR_FIGURES
        + f""" FROM tasks t
            WHERE {PERIOD} GROUP BY t.directive_id
            ORDER BY red DESC, yellow DESC, t.directive_id DESC LIMIT 50) g
            JOIN directives d ON d.id = g.directive_id JOIN meetings m ON m.id = d.meeting_id""",
        "count_groups": f"""SELECT COUNT(DISTINCT d.meeting_id), COUNT(DISTINCT t.directive_id),
                COUNT(DISTINCT t.unit_id)
            FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE {PERIOD}""",
        "ranking": grouped.format(
            key="t.unit_id", label="u.name", join="", outer="JOIN units u ON u.id = g.unit_id"
        ),
        "by_area": f"""SELECT a.value AS area, {FLOOR_FIGURES} FROM tasks t
            JOIN directives d ON d.id = t.directive_id
            JOIN json_each(d.areas) a WHERE {PERIOD} GROUP BY a.value""",
        "trend": f"""WITH s AS (SELECT assigned_at, deadline, closed_at, status FROM tasks t
                       WHERE {PERIOD}),
            e(kind, day, delta) AS (SELECT 'assigned', substr(assigned_at, 1, 10), 1 FROM s
                UNION ALL SELECT 'closed', substr(closed_at, 1, 10), 1 FROM s
                    WHERE status = 'closed'
                UNION ALL SELECT 'overdue', date(deadline, '+1 day'), 1 FROM s
                    WHERE status != 'closed' OR substr(closed_at, 1, 10) > deadline
                UNION ALL SELECT 'overdue', substr(closed_at, 1, 10), -1 FROM s
                    WHERE status = 'closed' AND substr(closed_at, 1, 10) > deadline)
            SELECT kind, date(day, 'weekday 0', '-6 days') AS week, SUM(delta) FROM e
            WHERE day <= :today GROUP BY kind, week""",
        "overdue_units": f"""SELECT g.*, u.name FROM (SELECT t.unit_id, COUNT(*) AS overdue,
                MAX(CAST(julianday(:today) - julianday(t.deadline) AS INTEGER)) AS max_days_late
            FROM tasks t WHERE {PERIOD} AND t.status != 'closed' AND t.deadline < :today
            GROUP BY t.unit_id) g
            JOIN units u ON u.id = g.unit_id""",
        "meeting_choices": f"""SELECT id, title, held_on FROM meetings
            WHERE id IN (SELECT d.meeting_id FROM tasks t
                         JOIN directives d ON d.id = t.directive_id WHERE {PERIOD})
            ORDER BY held_on DESC, id DESC LIMIT 300""",
        "scoped_tasks (one unit)": f"""SELECT t.id, d.seq, m.title, u.name, t.deadline, t.status
            FROM tasks t
            JOIN directives d ON d.id = t.directive_id JOIN meetings m ON m.id = d.meeting_id
            JOIN units u ON u.id = t.unit_id
            WHERE {PERIOD} AND t.unit_id = :unit
            ORDER BY CASE WHEN t.status = 'closed'
                          THEN CASE WHEN substr(t.closed_at, 1, 10) <= t.deadline THEN 2 ELSE 0 END
                          WHEN t.deadline < :today THEN 0 WHEN t.deadline <= :yellow_until THEN 1
                          ELSE 2 END, t.deadline, t.id
            LIMIT 200""",
        "task_timeline": """SELECT at FROM events WHERE entity = 'tasks' AND entity_id = :task
            UNION ALL SELECT reported_at FROM progress_reports WHERE task_id = :task
            UNION ALL SELECT reviewed_at FROM reviews WHERE task_id = :task
            UNION ALL SELECT sent_at FROM reminders WHERE task_id = :task ORDER BY 1""",
        "cascade": f"""WITH RECURSIVE below(id) AS (
                SELECT id FROM meetings WHERE upstream_meeting_id = :root
                UNION ALL SELECT m.id FROM below
                JOIN meetings m ON m.upstream_meeting_id = below.id),
            lights AS (SELECT t.directive_id, {FLOOR_FIGURES} FROM tasks t
                JOIN directives d ON d.id = t.directive_id
                WHERE d.meeting_id IN (SELECT id FROM below) GROUP BY t.directive_id)
            SELECT up.id, down.id, l.* FROM directives up
            JOIN directives down ON down.meeting_id IN (SELECT id FROM below)
            LEFT JOIN lights l ON l.directive_id = down.id
            WHERE up.meeting_id = :root
              AND EXISTS (SELECT 1 FROM json_each(up.areas) ua, json_each(down.areas) da
                          WHERE ua.value = da.value)""",
    }


def service_calls(
    wb: Any, scope: Any, unit: int, task: int, root: int
) -> dict[str, Callable[[], Any]]:
    """Query name -> the workbook call the progress page makes."""
    from duban.service.progress import Scope

    return {
        "headline": lambda: wb.headline(scope),
        "headline (all time)": lambda: wb.headline(Scope()),
        "headline (district meetings)": lambda: wb.headline(scope.narrowed(level="district")),
        "headline (area fire)": lambda: wb.headline(scope.narrowed(area="fire")),
        "headline (streets)": lambda: wb.headline(scope.narrowed(unit_kind="street")),
        "board_by_meeting": lambda: wb.board_by_meeting(scope),
        "board_by_directive": lambda: wb.board_by_directive(scope),
        "count_groups": lambda: wb.count_groups(scope),
        "ranking": lambda: wb.ranking(scope),
        "by_area": lambda: wb.by_area(scope),
        "trend": lambda: wb.trend(scope),
        "overdue_units": lambda: wb.overdue_units(scope),
        "meeting_choices": lambda: wb.meeting_choices(scope),
        "scoped_tasks (one unit)": lambda: wb.scoped_tasks(scope.narrowed(unit_id=unit)),
        "task_timeline": lambda: wb.task_timeline(task),
        "cascade": lambda: wb.cascade(root),
    }


def best_of(run: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of REPEATS runs (seconds, after one run that warms the caches) and the last
    result."""
    run()
    times, result = [], None
    for _ in range(REPEATS):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def check_same(name: str, ours: Any, floor: list[tuple]) -> None:
    """The service's numbers must equal the floor's (for the figure queries)."""
    if name.startswith("headline"):
        expected = dict(zip(FIGURE_NAMES, floor[0], strict=True))
        expected["avg_days_late"] = (
            round(expected["avg_days_late"], 1) if expected["avg_days_late"] is not None else None
        )
        got = {k: ours[k] for k in FIGURE_NAMES}
        assert got == expected, (name, got, expected)
    elif name in GROUP_KEYS:
        key = GROUP_KEYS[name]
        got = {(r[key], int(r["red"]), int(r["assigned"])) for r in ours.to_dict("records")}
        red, assigned = 1 + FIGURE_NAMES.index("red"), 1 + FIGURE_NAMES.index("assigned")
        assert got == {(row[0], int(row[red]), int(row[assigned])) for row in floor}, name
    elif name == "trend":
        check_trend(ours, floor)


GROUP_KEYS = {
    "board_by_meeting": "meeting_id",
    "board_by_directive": "directive_id",
    "ranking": "unit_id",
    "by_area": "area",
}


def check_trend(ours: Any, floor: list[tuple]) -> None:
    """Each week's assigned and closed are the floor's, and its overdue their running sum."""
    by = {(kind, week): n for kind, week, n in floor}
    overdue = 0
    for row in ours.to_dict("records"):
        overdue += by.get(("overdue", row["week"]), 0)
        expected = (by.get(("assigned", row["week"]), 0), by.get(("closed", row["week"]), 0))
        assert (row["assigned"], row["closed"], row["overdue"]) == (*expected, overdue), row
    assert {week for _kind, week, _n in floor} <= set(ours["week"]), "trend: weeks missing"


def measure(
    name: str,
    call: Callable[[], Any],
    floor_run: Callable[[], Any],
    check: Callable,
    demo: float | None = None,
) -> tuple[float | None, float | None]:
    """Time the service call and its floor, check they agree, print the line (with the time
    over `demo`, the call's time on the demo, when given); the ratio (None when the floor is
    under NOISE_MS) and the city/demo ratio (None without `demo`)."""
    ours, result = best_of(call)
    floor, floor_result = best_of(floor_run)
    check(name, result, floor_result)
    counted = floor * 1000 >= NOISE_MS
    note = "" if counted else f"   (floor under {NOISE_MS:g} ms: not in max_ratio)"
    grown = ours / demo if demo else None
    print(
        f"{name:30s} service {ours * 1000:8.1f} ms   "
        f"sqlite floor {floor * 1000:8.1f} ms   ratio {ours / floor:5.2f}"
        + (f"   city/demo {grown:6.1f}" if grown else "")
        + note
    )
    return (ours / floor if counted else None), grown


# -- the office's task list (supervision) ---------------------------------------------------
PAGE = 20
LIST_ROWS = """t.id, t.deadline, t.status, u.name, d.seq, d.text, m.title
    FROM tasks t JOIN directives d ON d.id = t.directive_id
    JOIN meetings m ON m.id = d.meeting_id JOIN units u ON u.id = t.unit_id"""
OPEN_FIRST = "t.status != 'closed' ORDER BY t.deadline, t.id"


@dataclass(frozen=True)
class ListFloor:
    """The plain SQL of one page of the task list: the count, and the page's rows
    (`backwards`: read in reverse from the list's end, as a hand would for the last page)."""

    count: str
    rows: str
    limit: int = 20
    offset: int = 0
    backwards: bool = False

    def run(self, conn: sqlite3.Connection, params: dict) -> tuple[list[int], int]:
        """The page's task ids and the count."""
        sql = f"{self.rows} LIMIT {self.limit} OFFSET {self.offset}"
        ids = [row[0] for row in conn.execute(sql, params)]
        return (ids[::-1] if self.backwards else ids), conn.execute(self.count, params).fetchone()[
            0
        ]


def task_list_cases(conn: sqlite3.Connection, unit: int) -> dict[str, tuple[dict, int, ListFloor]]:
    """Case name -> (TaskFilters fields, page, floor)."""
    total = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
    still_open = conn.execute("SELECT COUNT(*) FROM tasks WHERE status != 'closed'").fetchone()[0]
    last, deep = -(-total // PAGE) - 1, still_open // PAGE // 2  # deep: amid the open tasks
    span = "t.deadline BETWEEN :deadline_from AND :deadline_to"
    red = "t.status = 'in_progress' AND t.deadline < :today"
    everything = "SELECT COUNT(*) FROM tasks"
    return {
        "tasks: first page": (
            {},
            0,
            ListFloor(everything, f"SELECT {LIST_ROWS} WHERE {OPEN_FIRST}"),
        ),
        "tasks: one unit": (
            {"unit_id": unit},
            0,
            ListFloor(
                "SELECT COUNT(*) FROM tasks t WHERE t.unit_id = :unit",
                f"SELECT {LIST_ROWS} WHERE t.unit_id = :unit AND {OPEN_FIRST}",
            ),
        ),
        "tasks: in progress, red": (
            {"status": "in_progress", "light": "red"},
            0,
            ListFloor(
                f"SELECT COUNT(*) FROM tasks t WHERE {red}",
                f"SELECT {LIST_ROWS} WHERE {red} ORDER BY t.deadline, t.id",
            ),
        ),
        "tasks: deadline range": (
            {"deadline_from": "2025年3月1日", "deadline_to": "２０２５-０３-３１"},  # as pasted
            0,
            ListFloor(
                f"SELECT COUNT(*) FROM tasks t WHERE {span}",
                f"SELECT {LIST_ROWS} WHERE {span} AND {OPEN_FIRST}",
            ),
        ),
        f"tasks: page {deep + 1:,}": (
            {},
            deep,
            ListFloor(everything, f"SELECT {LIST_ROWS} WHERE {OPEN_FIRST}", offset=deep * PAGE),
        ),
        "tasks: last page": (
            {},
            last,
            ListFloor(
                everything,
                f"SELECT {LIST_ROWS} WHERE t.status = 'closed' ORDER BY t.deadline, t.id",
                limit=total - last * PAGE,
                backwards=True,
            ),
        ),
    }


def check_page(name: str, ours: tuple, floor: tuple) -> None:
    frame, total = ours
    assert (list(frame["id"]), total) == floor, (name, list(frame["id"])[:3], total, floor)


def run_task_list(
    clerk: Any, conn: sqlite3.Connection, params: dict
) -> list[tuple[float | None, float | None]]:
    """Time Workbook.task_page for each case against its floor (`clerk`: the office's clerk's
    workbook)."""
    from duban.service.supervision import TaskFilters

    case = {**params, "deadline_from": "2025-03-01", "deadline_to": "2025-03-31"}
    ratios = []
    for name, (filters, page, floor) in task_list_cases(conn, params["unit"]).items():
        ratios.append(
            measure(
                name,
                lambda f=filters, p=page: clerk.task_page(TaskFilters(**f), p, PAGE),
                lambda fl=floor, c=case: fl.run(conn, c),
                check_page,
            )
        )
    waiting = "FROM tasks WHERE status = 'closure_requested'"
    ratios.append(
        measure(
            "closure requests (oldest)",
            lambda: clerk.closure_requests(0, PAGE),
            lambda: ListFloor(
                f"SELECT COUNT(*) {waiting}", f"SELECT id {waiting} ORDER BY updated_at, id"
            ).run(conn, {}),
            check_page,
        )
    )
    return ratios


def page_calls(path: Path) -> tuple[Any, dict[str, Callable[[], Any]], dict[str, Any]]:
    """The leader's workbook on `path`, its page's calls (service_calls) and their parameters:
    this year, unit 5, the last task returned, the last meeting passed on."""
    from duban.service.progress import Scope, preset_period
    from duban.service.workbook import open_workbook

    wb = open_workbook(path, user="leader")
    conn = sqlite3.connect(path)
    start, end = preset_period("this_year", TODAY)
    task = conn.execute("SELECT MAX(task_id) FROM reviews WHERE decision = 'returned'").fetchone()[
        0
    ]
    root = conn.execute(
        "SELECT upstream_meeting_id FROM meetings"
        " WHERE upstream_meeting_id IS NOT NULL ORDER BY id DESC"
    ).fetchone()[0]
    conn.close()
    params = {"start": start, "end": end, "unit": 5, "task": task, "root": root}
    return wb, service_calls(wb, Scope(start, end), 5, task, root), params


def demo_times() -> dict[str, float]:
    """Query name -> the page's call timed (best_of) on a demo database built afresh."""
    from duban.demo import build_demo

    with tempfile.TemporaryDirectory() as folder, clock.frozen(TODAY):
        path = Path(folder) / "demo.sqlite"
        build_demo(path, password="bench-demo-2026").store.close()
        _wb, calls, _params = page_calls(path)
        return {name: best_of(call)[0] for name, call in calls.items()}


def run_benchmark(path: Path) -> tuple[float, float]:
    """Time every query of the page against its floor and on the demo; print the lines; return
    the largest service/floor ratio and the largest city/demo ratio."""
    from duban.service.workbook import open_workbook

    demo = demo_times()
    with clock.frozen(TODAY):
        wb, calls, chosen = page_calls(path)
        conn = sqlite3.connect(path)
        start, end, unit, task, root = (chosen[k] for k in ("start", "end", "unit", "task", "root"))
        params = {
            "start": start.isoformat(),
            "after_end": (end + timedelta(days=1)).isoformat(),
            "today": TODAY.isoformat(),
            "yellow_until": wb.yellow_until(TODAY).isoformat(),
            "unit": unit,
            "task": task,
            "root": root,
        }
        floors = floor_queries()
        print(
            f"scope: tasks assigned {start} .. {end}, status as of {TODAY}; best of {REPEATS} runs"
        )
        timings = [
            measure(
                name,
                call,
                lambda sql=floors[name]: conn.execute(sql, params).fetchall(),
                check_same,
                demo[name],
            )
            for name, call in calls.items()
        ]
        timings += run_task_list(open_workbook(path, user="clerk"), conn, params)
        ratios = [ratio for ratio, _grown in timings if ratio is not None]
        return max(ratios), max(grown for _ratio, grown in timings if grown is not None)


# -- memory: the page built in a child process ---------------------------------------------
def page_memory(path: Path) -> None:
    """(In a child process) print RSS at start, after imports, and after building the progress
    page."""
    import psutil

    process = psutil.Process()
    at_start = process.memory_info().rss
    from duban.models.progress import ProgressModel
    from duban.service.workbook import open_workbook
    from duban.widgets.progress import ProgressView

    with clock.frozen(TODAY):
        wb = open_workbook(path, user="leader")
        after_imports = process.memory_info().rss
        began = time.perf_counter()
        model = ProgressModel(wb)
        view = ProgressView(model)
        model.drill("unit", 5)
        took = time.perf_counter() - began
        after_page = process.memory_info().rss
    mb = 1024 * 1024
    print(
        json.dumps(
            {
                "start": at_start / mb,
                "imports": after_imports / mb,
                "page": after_page / mb,
                "seconds": took,
                "shown_tasks": len(view.model.drill_tasks),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--small", action="store_true", help="a small database (a quick check of the script)"
    )
    parser.add_argument("--page-memory", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.page_memory:
        page_memory(args.page_memory)
        return
    scale = SMALL if args.small else SCALE
    path = database_path(scale)
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        build(path, scale)
        print(f"built {path.name} in {time.perf_counter() - began:.0f} s")
    max_ratio, max_city_over_demo = run_benchmark(path)
    child = subprocess.run(
        [sys.executable, __file__, "--page-memory", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    memory = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"page memory (child process): RSS {memory['start']:.0f} MB at start, "
        f"{memory['imports']:.0f} MB after imports, "
        f"{memory['page']:.0f} MB after building the page in {memory['seconds']:.1f} s: "
        f"+{memory['page'] - memory['imports']:.0f} MB for the page's data and widgets "
        f"(+{memory['page'] - memory['start']:.0f} MB with imports)"
    )
    print(f"max_ratio={max_ratio:.2f} max_city_over_demo={max_city_over_demo:.1f}")


if __name__ == "__main__":
    main()

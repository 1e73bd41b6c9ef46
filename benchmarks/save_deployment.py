"""Save a report of 20 directives assigned to 30 units (600 tasks) in one transaction.

Prints the median time of Workbook.save_deployment (each run into a fresh database)
against a bare sqlite-utils insert of the same 600 task rows, and their ratio.
Run: .venv/bin/python benchmarks/save_deployment.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from duban.infra import clock
from duban.service.deployments import DirectivePlan
from duban.service.tasks import Target
from duban.service.workbook import Workbook, open_workbook

DIRECTIVES, UNITS, RUNS = 20, 30, 5
TODAY = date(2026, 11, 16)
MEETING = {"title": "区安委会全体会议", "kind": "plenary", "level": "district", "held_on": TODAY}


def office(folder: Path) -> Workbook:
    """A fresh database with 30 streets, their group and a clerk."""
    admin = open_workbook(folder / "duban.sqlite", user="admin")
    with admin.store.write(admin.actor):
        for number in range(UNITS):
            admin.add_unit(f"第{number + 1}街道", "street")
        admin.add_group("所有街道", unit_kind="street")
        admin.add_user("clerk", "Clerk", "clerk")
    return admin.as_user("clerk")


def plans() -> list[DirectivePlan]:
    return [
        DirectivePlan(
            f"第{n + 1}项：要开展安全生产隐患排查整治，落实属地责任。",
            ["fire"],
            targets=[Target("所有街道", group=True)],
            deadline=10,
        )
        for n in range(DIRECTIVES)
    ]


def time_save() -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        wb = office(Path(tmp))
        start = time.perf_counter()
        deployment = wb.save_deployment(MEETING, plans())
        elapsed = time.perf_counter() - start
        wb.store.close()
    return elapsed, len(deployment.tasks)


def time_bare_insert() -> float:
    """The same 600 task rows through sqlite-utils' insert_all, in one transaction, nothing else."""
    with tempfile.TemporaryDirectory() as tmp:
        wb = office(Path(tmp))
        meeting_id = wb.log_meeting(**MEETING)
        directive_ids = [wb.add_directive(meeting_id, plan.text) for plan in plans()]
        stamp = clock.now_iso()
        rows = [
            {
                "directive_id": d,
                "unit_id": u,
                "role": "lead",
                "deadline": "2026-11-30",
                "original_deadline": "2026-11-30",
                "cycle": "none",
                "status": "assigned",
                "percent": 0,
                "assigned_at": stamp,
                "assigned_by": "clerk",
                "updated_at": stamp,
            }
            for d in directive_ids
            for u in range(1, UNITS + 1)
        ]
        start = time.perf_counter()
        with wb.store.write("benchmark"):  # the floor: a bare insert, no audit
            wb.store.db["tasks"].insert_all(rows)
        elapsed = time.perf_counter() - start
        wb.store.close()
    return elapsed


def main() -> None:
    with clock.frozen(TODAY):
        saves = [time_save() for _ in range(RUNS)]
        bare = [time_bare_insert() for _ in range(RUNS)]
    tasks = {count for _t, count in saves}
    assert tasks == {DIRECTIVES * UNITS}, tasks
    save_median = statistics.median(t for t, _c in saves)
    bare_median = statistics.median(bare)
    print(
        f"save_deployment: {DIRECTIVES} directives x {UNITS} units = {DIRECTIVES * UNITS} tasks, "
        f"median of {RUNS} runs, each into a fresh database"
    )
    print(
        "  save_deployment (meeting + directives + tasks + audit, one transaction): "
        f"{save_median * 1000:.1f} ms"
    )
    print(
        "  baseline: bare sqlite-utils insert_all of the same 600 task rows:        "
        f"{bare_median * 1000:.1f} ms"
    )
    print(f"  ratio: {save_median / bare_median:.1f}x")


if __name__ == "__main__":
    main()

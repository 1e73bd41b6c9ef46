"""Several processes writing one database at once: every write lands, no 'database is locked'."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

WRITERS, REPORTS_EACH = 4, 15
WRITER = """
import sys
from duban.service.workbook import open_workbook
db, login, task_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
wb = open_workbook(db, user=login)
for n in range(count):
    wb.report_progress(task_id, n, f"step {n} by {login}")
"""


def test_concurrent_reporters_lose_nothing(office, admin):
    admin.add_unit("北街街道", "street")
    admin.add_user("north", "Reporter north", "reporter", "北街街道")
    meeting = office.log_meeting("Concurrency", "dispatch", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Report often")
    office.assign(directive, ["所有街道"], date(2026, 12, 30))
    tasks = office.tasks().set_index("unit")["id"]
    jobs = [
        ("east", "东街街道"),
        ("west", "西街街道"),
        ("south", "南街街道"),
        ("north", "北街街道"),
    ]
    events_before = office.store.db["events"].count
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(office.store.path),
                login,
                str(tasks[unit]),
                str(REPORTS_EACH),
            ]
        )
        for login, unit in jobs
    ]
    assert [p.wait(120) for p in processes] == [0] * WRITERS
    assert office.store.db["progress_reports"].count == WRITERS * REPORTS_EACH
    assert office.store.db["events"].count - events_before == 2 * WRITERS * REPORTS_EACH

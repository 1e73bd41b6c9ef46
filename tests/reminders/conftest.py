"""A small office with a known record of lateness, around TODAY (Monday 2026-11-16).

The default escalation rule: 2 tasks overdue within 90 days, so a task counts when its deadline
lies from 2026-08-18 (the window's first day: overdue since 08-19) to 2026-11-15 (overdue since
today), and it is open or was closed late. Yellow lasts until Thursday 2026-11-19.

    东街街道 east   D1 due 08-18 open (counts: the window's edge), D2 due 11-15 open   -> 2, flagged
    西街街道 west   D1 due 08-17 open (one day outside), D2 due 11-15 open             -> 1
    南街街道 south  D3 due 10-10 closed 10-12 (late), D4 due 10-20 closed 10-19 (on time),
                    D2 due 11-15 open                                                -> 2, flagged
    区应急管理局    D1 due 11-16 (today: not yet overdue, yellow), D5 due 11-30 (green) -> 0
    区消防救援大队 fire  D3 due 10-10 closed 10-12, D4 due 10-20 closed 10-25 (both late) -> 2,
                    flagged, nothing open
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from duban.infra import clock
from duban.service.workbook import Workbook

REPORTERS = {"东街街道": "east", "西街街道": "west", "南街街道": "south", "区消防救援大队": "fire"}


@dataclass
class Late:
    wb: Workbook
    meeting: int
    tasks: dict[str, int]  # "east D1", …
    units: dict[str, int]  # "east", "west", "south", "bureau", "fire"


def at(day: str):
    return clock.frozen(datetime.fromisoformat(f"{day}T10:00:00"))


@pytest.fixture
def late(office: Workbook) -> Late:
    wb = office
    names = {"east": "东街街道", "west": "西街街道", "south": "南街街道"}
    names |= {"bureau": "区应急管理局", "fire": "区消防救援大队"}
    units = {key: wb.find_unit(name)["id"] for key, name in names.items()}
    with at("2026-08-01"):
        meeting = wb.log_meeting("夏季消防检查部署会", "special", "district", "2026-08-01")
        directives = {
            f"D{n}": wb.add_directive(meeting, text, areas=areas)
            for n, (text, areas) in enumerate(
                [
                    ("开展高层建筑消防 <通道> & 排查", ["fire"]),
                    ("整治燃气管线隐患", ["gas"]),
                    ("检查建筑工地", ["construction"]),
                    ("Inspect road works", ["road_traffic"]),
                    ("督导企业自查", ["fire"]),
                ],
                1,
            )
        }
        plan = [
            ("east", "D1", "2026-08-18"),
            ("east", "D2", "2026-11-15"),
            ("west", "D1", "2026-08-17"),
            ("west", "D2", "2026-11-15"),
            ("south", "D3", "2026-10-10"),
            ("south", "D4", "2026-10-20"),
            ("south", "D2", "2026-11-15"),
            ("bureau", "D1", "2026-11-16"),
            ("bureau", "D5", "2026-11-30"),
            ("fire", "D3", "2026-10-10"),
            ("fire", "D4", "2026-10-20"),
        ]
        tasks = {
            f"{unit} {d}": wb.assign(directives[d], [names[unit]], due).task_ids[0]
            for unit, d, due in plan
        }
    for key, closed in (
        ("south D3", "2026-10-12"),
        ("south D4", "2026-10-19"),
        ("fire D3", "2026-10-12"),
        ("fire D4", "2026-10-25"),
    ):
        reporter = wb.as_user(REPORTERS[names[key.split()[0]]])
        with at(closed):
            reporter.request_closure(tasks[key], "done")
            wb.close(tasks[key], "ok")
    return Late(wb, meeting, tasks, units)

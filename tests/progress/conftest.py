"""A small office with a known history, whose figures the tests work out by hand.

TODAY is Monday 2026-11-16; yellow until Thursday 2026-11-19 (3 working days).

U  provincial video conference, 2026-09-25: U1 [fire], U2 [flood]      (no tasks)
C  district dispatch, 2026-09-01, assigned 09-02: C1 [construction] → 南街 (due 09-30),
   closed 09-20 on time                                                    (before the period)
A  district plenary, 2026-10-01, passes on U, assigned 10-02:
   A1 [fire] → every street, due 10-20:
       东街 closed 10-16 (on time, green); 西街 returned 10-19, closed 10-26 (6 days late, red);
       南街 open, overdue 27 days (red)
   A2 [gas, fire] → 区应急管理局, due 11-18: open (yellow)
B  municipal video conference, 2026-11-02, assigned 11-03:
   B1 [road_traffic] → 区消防救援大队 due 11-10: open, overdue 6 days (red), reminded 11-12;
                      → 东街 due 11-10: closed 11-05 (on time, green)

Period 2026-10-01 .. 2026-11-16 (A and B): 6 tasks, 3 closed (2 on time, 1 late), 3 open,
2 overdue, 1 returned; lights 2 green, 1 yellow, 3 red; mean days late (6 + 27 + 6) / 3 = 13.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from duban.infra import clock
from duban.service.progress import Scope
from duban.service.tasks import Target
from duban.service.workbook import Workbook

PERIOD = Scope(date(2026, 10, 1), date(2026, 11, 16))


@dataclass
class History:
    wb: Workbook
    meetings: dict[str, int]
    directives: dict[str, int]
    tasks: dict[str, int]  # "A1 east", …
    units: dict[str, int]


def _at(day: str, hour: int = 10):
    return clock.frozen(datetime.fromisoformat(f"{day}T{hour:02d}:00:00"))


def _close(wb: Workbook, reporter: str, task_id: int, asked: str, closed: str) -> None:
    with _at(asked):
        wb.as_user(reporter).acknowledge(task_id)
        wb.as_user(reporter).request_closure(task_id, "done")
    with _at(closed):
        wb.close(task_id, "ok")


@pytest.fixture
def history(office: Workbook) -> History:
    wb = office
    units = {
        name: wb.find_unit(name)["id"]
        for name in ("东街街道", "西街街道", "南街街道", "区应急管理局", "区消防救援大队")
    }
    with _at("2026-09-01"):
        c = wb.log_meeting("C dispatch", "dispatch", "district", "2026-09-01")
        c1 = wb.add_directive(c, "C1 text", areas=["construction"])
    with _at("2026-09-02"):
        (c1_south,) = wb.assign(c1, ["南街街道"], "2026-09-30").task_ids
    _close(wb, "south", c1_south, "2026-09-19", "2026-09-20")
    with _at("2026-09-25"):
        u = wb.log_meeting("U provincial", "video_conference", "provincial", "2026-09-25")
        u1 = wb.add_directive(u, "U1 fire", areas=["fire"])
        u2 = wb.add_directive(u, "U2 flood", areas=["flood"])
    with _at("2026-10-01"):
        a = wb.log_meeting("A plenary", "plenary", "district", "2026-10-01", upstream_meeting_id=u)
        a1 = wb.add_directive(a, "A1 fire", areas=["fire"])
        a2 = wb.add_directive(a, "A2 gas", areas=["gas", "fire"])
    with _at("2026-10-02"):
        a1_tasks = wb.assign(a1, [Target("所有街道", group=True)], "2026-10-20").task_ids
        (a2_bureau,) = wb.assign(a2, ["区应急管理局"], "2026-11-18").task_ids
    by_unit = {wb.task(t)["unit_id"]: t for t in a1_tasks}
    a1_east, a1_west, a1_south = (by_unit[units[n]] for n in ("东街街道", "西街街道", "南街街道"))
    _close(wb, "east", a1_east, "2026-10-15", "2026-10-16")
    with _at("2026-10-18"):
        wb.as_user("west").acknowledge(a1_west)
        wb.as_user("west").request_closure(a1_west, "done")
    with _at("2026-10-19"):
        wb.return_task(a1_west, "photos missing")
    with _at("2026-10-25"):
        wb.as_user("west").request_closure(a1_west, "photos added")
    with _at("2026-10-26"):
        wb.close(a1_west, "ok")
    with _at("2026-11-02"):
        b = wb.log_meeting("B video", "video_conference", "municipal", "2026-11-02")
        b1 = wb.add_directive(b, "B1 roads", areas=["road_traffic"])
    with _at("2026-11-03"):
        b1_fire, b1_east = wb.assign(b1, ["区消防救援大队", "东街街道"], "2026-11-10").task_ids
    _close(wb, "east", b1_east, "2026-11-04", "2026-11-05")
    with _at("2026-11-12"):
        wb.remind(b1_fire, "hurry")
    return History(
        wb,
        {"U": u, "C": c, "A": a, "B": b},
        {"U1": u1, "U2": u2, "C1": c1, "A1": a1, "A2": a2, "B1": b1},
        {
            "C1 south": c1_south,
            "A1 east": a1_east,
            "A1 west": a1_west,
            "A1 south": a1_south,
            "A2 bureau": a2_bureau,
            "B1 fire": b1_fire,
            "B1 east": b1_east,
        },
        units,
    )

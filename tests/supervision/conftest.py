"""A small office with tasks in every state the supervision page sorts and filters by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from duban.infra import clock
from duban.service.tasks import Target
from duban.service.workbook import Workbook

LATER = date(2026, 11, 23)  # a Monday a week after TODAY: the tests look at the list then


@dataclass(frozen=True)
class Board:
    """The clerk's workbook and the ids of what was made."""

    wb: Workbook
    meetings: dict[str, int]
    directives: dict[str, int]


@pytest.fixture
def board(office: Workbook) -> Board:
    """Two meetings, three directives, six tasks, looked at on LATER (clock frozen there).

    fire (meeting A, area fire): every street, deadline 2026-11-20 -> 东街 closed on time,
    西街 and 南街 red. roads (A, road_traffic): 区应急管理局, 2026-12-10, green. gas (B, gas):
    东街 and 区消防救援大队, 2026-11-25, yellow; 东街's asks for closure, 区消防救援大队's for
    an extension.
    """
    a = office.log_meeting("安全生产调度会", "dispatch", "district", "2026-11-10")
    b = office.log_meeting("燃气安全专题会", "special", "district", "2026-11-12")
    fire = office.add_directive(a, "要开展消防安全检查", areas=["fire"])
    roads = office.add_directive(a, "要整治道路交通隐患", areas=["road_traffic"])
    gas = office.add_directive(b, "要排查燃气管线", areas=["gas"])
    office.assign(fire, [Target("所有街道", group=True)], "2026-11-20")
    office.assign(roads, ["区应急管理局"], "2026-12-10")
    office.assign(gas, ["东街街道", "区消防救援大队"], "2026-11-25")
    east, fire_unit = office.as_user("east"), office.as_user("fire")
    closed = _task(office, fire, "东街街道")
    east.request_closure(closed, "已完成检查")
    office.close(closed, "同意")
    with clock.frozen(LATER):
        east.report_progress(_task(office, gas, "东街街道"), 60, "正在排查")
        east.request_closure(_task(office, gas, "东街街道"), "排查完毕")
        fire_unit.request_extension(_task(office, gas, "区消防救援大队"), "2026-12-05", "管线长")
        yield Board(office, {"A": a, "B": b}, {"fire": fire, "roads": roads, "gas": gas})


def _task(wb: Workbook, directive_id: int, unit: str) -> int:
    frame = wb.tasks(directive_id=directive_id)
    return int(frame[frame["unit"] == unit]["id"].iloc[0])

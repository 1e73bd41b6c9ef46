"""The unit reporters' page on the small office (tests/conftest.py): 东街's tasks, one of 西街."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from PIL import Image

from duban.infra import clock
from duban.models.my_tasks import MyTasksModel
from duban.service.workbook import Workbook
from duban.widgets.my_tasks import MyTasksView


@dataclass
class Office:
    wb: Workbook  # the clerk
    tasks: dict[str, int]  # east's "new", "near", "late", "weekly", "closed"; "west"


@pytest.fixture
def units(office: Workbook) -> Office:
    """TODAY 2026-11-16. East: new (due 12-30, green), near (11-18, yellow), late (assigned
    earlier, due 11-10, red), weekly (standing, due 12-31), closed; west: one task."""
    meeting = office.log_meeting("Winter plenary", "plenary", "district", "2026-11-02")
    texts = {
        "new": "Check every fire exit in the old town",
        "near": "Inspect the gas stations before the cold wave",
        "late": "Clear the blocked evacuation routes of the market",
        "weekly": "Report the hazard rectification ledger every week",
        "closed": "Train the street's volunteer fire team",
        "west": "West street's own task",
    }
    deadlines = {
        "new": date(2026, 12, 30),
        "near": date(2026, 11, 18),
        "weekly": date(2026, 12, 31),
        "closed": date(2026, 11, 30),
        "west": date(2026, 12, 30),
    }
    tasks = {}
    for key, text in texts.items():
        directive = office.add_directive(meeting, text, areas=["fire"])
        unit = "西街街道" if key == "west" else "东街街道"
        if key == "late":
            with clock.frozen(date(2026, 11, 3)):
                tasks[key] = office.assign(directive, [unit], date(2026, 11, 10)).task_ids[0]
            continue
        cycle = "weekly" if key == "weekly" else "none"
        tasks[key] = office.assign(directive, [unit], deadlines[key], cycle=cycle).task_ids[0]
    east = office.as_user("east")
    east.request_closure(tasks["closed"], "trained 40 volunteers")
    office.close(tasks["closed"], "checked")
    return Office(office, tasks)


def build(wb: Workbook) -> MyTasksView:
    return MyTasksView(MyTasksModel(wb))


@pytest.fixture
def east_page(units: Office) -> MyTasksView:
    return build(units.wb.as_user("east"))


def photo(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), color).save(out, "JPEG")
    return out.getvalue()


def upload_value(*files: tuple[str, bytes]) -> tuple[dict, ...]:
    """What a FileUpload holds once the browser sent `files` (name, content)."""
    return tuple(
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 11, 16, 9),
        }
        for name, content in files
    )


@pytest.fixture
def kit() -> SimpleNamespace:
    """The helpers of these tests: build(wb) a page, photo() bytes, upload(*files) a value."""
    return SimpleNamespace(build=build, photo=photo, upload=upload_value)

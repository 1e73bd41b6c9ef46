"""The reporters', supervision, units and calendar pages in Chinese on the demo: no ASCII comma,
bracket, semicolon or colon beside a Chinese character in what the page shows (the language's
own punctuation comes from the catalogs: noted(), labelled(), _(", "), sentences())."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import ipywidgets as w
import pytest

from duban.infra import clock
from duban.infra.i18n import set_language
from duban.models.calendar import CalendarModel
from duban.models.my_tasks import MyTasksModel
from duban.models.supervision import SupervisionModel
from duban.models.units import UnitsModel
from duban.service.workbook import Workbook, open_workbook
from duban.widgets.calendar import CalendarView
from duban.widgets.my_tasks import MyTasksView
from duban.widgets.supervision import SupervisionView
from duban.widgets.units import UnitsView
from tests.conftest import TODAY

MODIFIED = datetime(2026, 11, 16, 9)  # a chosen file's time, as the browser sends it
MIXED = re.compile(r"[\u4e00-\u9fff] ?[,(;:]|[,(;:] ?[\u4e00-\u9fff]")


@pytest.fixture
def demo(demo_copy: Path) -> Iterator[Workbook]:
    """The demo (a copy: the pages write) as its clerk, in Chinese, on TODAY (switched to by
    the administrator's workbook: only it may switch user)."""
    set_language("zh_CN")
    with clock.frozen(TODAY):
        yield open_workbook(demo_copy, user="admin").as_user("clerk")


def shown_text(widget: w.Widget) -> str:
    """What the widget and its children show: HTML without style or tags, labels, options,
    captions, placeholders and tab titles."""
    parts: list[str] = []

    def walk(item: w.Widget) -> None:
        if isinstance(item, w.HTML):
            parts.append(item.value)
        if isinstance(item, w.Dropdown | w.Select):
            parts.extend(item._options_labels)
        if isinstance(item, w.Button | w.Checkbox | w.FileUpload):
            parts.append(item.description)
        if isinstance(item, w.Text | w.Textarea):
            parts.extend([item.value, item.placeholder])
        if isinstance(item, w.Tab):
            parts.extend(item.titles)
        for child in getattr(item, "children", ()):
            walk(child)

    walk(widget)
    text = re.sub(r"<style>.*?</style>", " ", "\n".join(parts), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def mixed(text: str) -> list[str]:
    """Each ASCII mark beside a Chinese character, with a little of the text around it."""
    return [text[max(0, m.start() - 12) : m.end() + 12] for m in MIXED.finditer(text)]


def busiest_reporter(wb: Workbook) -> Workbook:
    """The demo's reporter whose unit has the most tasks."""
    row = wb.store.one(
        "SELECT u.login FROM tasks t JOIN users u ON u.unit_id = t.unit_id "
        "WHERE u.role = 'reporter' GROUP BY u.login ORDER BY COUNT(*) DESC LIMIT 1"
    )
    return wb.as_user(row["login"])


def test_my_tasks_every_task_opened(demo):
    page = MyTasksView(MyTasksModel(busiest_reporter(demo)))
    page.show_closed.value = True
    seen = [shown_text(page.widget)]
    for _label, task_id in page.choose.options[1:]:
        page.choose.value = task_id
        seen.append(shown_text(page.detail))
    page.upload.value = (
        {"name": "现场照片.jpg", "type": "", "size": 2048, "content": memoryview(b"x"),
         "last_modified": MODIFIED},
    )  # fmt: skip
    seen.append(page.chosen_files.value)
    assert "签收" in "".join(seen)
    assert not mixed("\n".join(seen))


def test_supervision_tasks_closures_and_extensions(demo):
    page = SupervisionView(SupervisionModel(demo))
    seen = [shown_text(page.widget)]
    for _label, request_id in page.extension_list.options:
        page.extension_list.value = request_id
        seen.append(shown_text(page.extension_detail))
    assert "申请人：" in "".join(seen)
    assert not mixed("\n".join(seen))


def test_units_a_unit_a_group_and_an_import_preview(demo):
    page = UnitsView(UnitsModel(demo.as_user("admin")))  # units are the administrator's
    page.unit.value = page.unit.options[1][1]
    page.group.value = page.group.options[1][1]
    known = demo.units().iloc[0]
    data = f"名称,类别,别名\n{known['name']},街道,新别名\n新设街道,街道,\n".encode()
    page.upload.value = (
        {"name": "units.csv", "type": "text/csv", "size": len(data), "content": memoryview(data),
         "last_modified": MODIFIED},
    )  # fmt: skip
    text = shown_text(page.widget)
    assert "新设街道" in text and "别名" in text
    assert not mixed(text)


def test_calendar_the_year_a_day_entered_and_a_count(demo):
    page = CalendarView(CalendarModel(demo))
    page.day.value, page.kind.value, page.name.value = "2027-02-06", "workday", "春节调休上班"
    page.enter.click()
    page.start.value, page.days.value = "2027-02-05", "3"
    page.count.click()
    data = "date,kind,name\n2027-02-08,休,春节\n2027-02-31,休,春节\n".encode()
    page.upload.value = (
        {"name": "c.csv", "type": "text/csv", "size": len(data), "content": memoryview(data),
         "last_modified": MODIFIED},
    )  # fmt: skip
    text = shown_text(page.widget)
    assert "春节调休上班" in text and "周" in text
    assert not mixed(text)

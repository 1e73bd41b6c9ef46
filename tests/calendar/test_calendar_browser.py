"""The calendar page in Chromium, in zh_CN: a bad file listed row by row and nothing imported, a
good file imported, the calculator counting with it, and a phone's width never overflowed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from duban.serving import served

SPRING = "date,kind,name\n2027-02-06,班,春节调休上班\n" + "".join(
    f"2027年2月{d}日,休,春节\n" for d in range(8, 13)
)
BAD = SPRING + "2027-02-30,休,春节\n2027-02-08,休,重复\n"


@pytest.fixture(scope="module")
def calendar_voila(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """A Voila server of its own (zh_CN, as `clerk`) over a private demo copy: the test writes
    the office's calendar, which every other page's deadlines would follow."""
    db = tmp_path_factory.mktemp("calendar-served") / "duban.sqlite"
    shutil.copyfile(demo_db, db)
    env = {**os.environ, "DUBAN_LANG": "zh_CN"}
    with served(db, db.parent / "voila.log", env=env) as url:
        yield SimpleNamespace(db=db, url=f"{url}/voila/render/calendar.ipynb")


def holidays(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT date, kind FROM holidays ORDER BY date").fetchall()


def choose(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".duban-calendar .widget-upload").click()
    chooser.value.set_files(str(path))


def no_overflow(page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") == width


@pytest.mark.parametrize("width", [1366, 375])
def test_import_a_calendar_and_count_with_it(calendar_voila, page, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(calendar_voila.url)
    page.locator(".duban-calendar").wait_for(timeout=90_000)
    entered = len(holidays(calendar_voila.db))  # 6 when the other width imported the file
    note = "2027年：本办已录入6天" if entered else "2027年节假日安排未知"
    assert note in page.locator(".duban-calendar").inner_text()
    bad, good = tmp_path / "bad.csv", tmp_path / "spring.csv"
    bad.write_bytes(BAD.encode("gb18030"))
    good.write_bytes(SPRING.encode("utf-8-sig"))
    choose(page, bad)
    listed = page.locator(".duban-bad")
    listed.wait_for()
    assert "有误的行：2行" in page.locator(".duban-calendar").inner_text()
    assert "“2027-02-30”不是日期" in listed.inner_text() and "已在第3行出现" in listed.inner_text()
    assert page.get_by_role("button", name="导入", exact=True).is_disabled()
    no_overflow(page)
    page.shot(f"{width}-bad-rows")
    assert len(holidays(calendar_voila.db)) == entered  # the bad file imported nothing
    choose(page, good)
    listed.wait_for(state="detached")
    expect(page.get_by_role("button", name="导入", exact=True)).to_be_enabled()
    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_text("已导入：").wait_for()
    assert len(holidays(calendar_voila.db)) == 6
    page.get_by_placeholder("2027-02-05").fill("２０２７年２月５日")
    page.get_by_placeholder("10").fill("3")
    page.get_by_role("button", name="推算", exact=True).click()
    page.get_by_text("2027-02-16，周二").wait_for()
    assert "暂定" not in page.locator(".duban-day").inner_text()
    no_overflow(page)
    page.shot(f"{width}-counted")

"""A task's whole life in Chromium, on a real Voila server over a demo database: a unit's
reporter (signed in in one browser context) acknowledges it, reports with a photo and asks
for more time; the office (signed in in another) approves, sends a reminder; the unit asks
to close, is returned with a comment it sees, reports again; the office closes. Each step is
checked in the database and on the page, at 1366 and 375 px."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from duban import open_workbook
from duban.service.tasks import Target
from duban.serving import NOTEBOOKS, served
from tests.conftest import signing_tab

DIRECTIVE = "Check every fire exit of the Nanhu bus depot and clear the blocked ones"
PAGES = ("my_tasks.ipynb", "supervision.ipynb", "reminders.ipynb")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def _poll(db: Path, sql: str, args: list, wanted: Callable[[tuple | None], bool]) -> tuple:
    """The row `sql` reads once `wanted(row)` holds (within 60 s), read-only."""
    deadline = time.monotonic() + 60
    while True:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            row = conn.execute(sql, args).fetchone()
        if wanted(row) or time.monotonic() > deadline:
            assert wanted(row), f"{sql} {args}: {row}"
            return row
        time.sleep(0.3)


def _status(db: Path, task_id: int, status: str) -> None:
    _poll(db, "SELECT status FROM tasks WHERE id = ?", [task_id], lambda r: r == (status,))


@pytest.fixture
def setting(demo_copy: Path, tmp_path: Path):
    """A new task for a street (its reporter's login), and a folder of the three pages."""
    clerk = open_workbook(demo_copy, user="clerk")
    meeting = clerk.log_meeting("End-to-end check", "special", "district", clerk.today())
    directive = clerk.add_directive(meeting, DIRECTIVE, areas=["fire"])
    unit = clerk.units().query("kind == 'street'").iloc[0]
    (task_id,) = clerk.assign(directive, [Target(int(unit["id"]))], 15).task_ids
    reporter = clerk.store.one(
        "SELECT login FROM users WHERE role = 'reporter' AND unit_id = ? AND active = 1",
        [int(unit["id"])],
    )["login"]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in PAGES:
        shutil.copyfile(NOTEBOOKS / name, notebooks / name)
    photo = tmp_path / "exit-b.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    return {"task": task_id, "reporter": reporter, "notebooks": notebooks, "photo": photo}


def _server(db: Path, tmp_path: Path, setting: dict):
    env = {**os.environ, "DUBAN_LANG": "en"}
    return served(db, tmp_path / "voila.log", env=env, notebooks=setting["notebooks"])


def _open(page, url: str, notebook: str) -> None:
    page.goto(f"{url}/voila/render/{notebook}")
    page.locator(".duban-page").wait_for(timeout=120_000)


def _choose(page, select_locator, text: str) -> None:
    """Choose the option of a <select> whose label holds `text` (a dropdown shows its spaces
    as no-break spaces)."""
    select_locator.wait_for(timeout=60_000)
    page.wait_for_function(
        "([s, t]) => [...s.options].some(o => o.text.replace(/\\u00a0/g, ' ').includes(t))",
        arg=[select_locator.element_handle(), text],
        timeout=60_000,
    )
    labels = [o.replace("\u00a0", " ") for o in select_locator.locator("option").all_inner_texts()]
    select_locator.select_option(index=next(i for i, o in enumerate(labels) if text in o))


def _field(page, caption: str):
    return page.locator(".duban-field").filter(has=page.locator(".duban-caption", has_text=caption))


def _attach(page, path: Path) -> None:
    """Choose `path` in the report's file chooser, and wait until the form names it."""
    with page.expect_file_chooser() as chooser:
        page.locator(".duban-mytasks .widget-upload").click()
    chooser.value.set_files(str(path))
    page.get_by_text(path.name).first.wait_for(timeout=30_000)


def _open_task(page, url: str) -> None:
    _open(page, url, "my_tasks.ipynb")
    _choose(page, _field(page, "Open a task").locator("select"), DIRECTIVE[:20])
    page.locator(".duban-mytasks", has_text=DIRECTIVE).wait_for(timeout=60_000)


def _shots(page, name: str) -> None:
    """The whole page at 1366 and at 375 px, with no horizontal overflow at either."""
    for width in (1366, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow} px too wide at {width}"
        tall = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
        page.set_viewport_size({"width": width, "height": min(max(tall + 40, 900), 7000)})
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"lifecycle-{name}-{width}.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    assert "Traceback" not in page.content()


def test_a_task_from_acknowledgement_to_closure(demo_copy, setting, tmp_path, page, browser):
    db, task = demo_copy, setting["task"]
    page.login = setting["reporter"]
    with _server(db, tmp_path, setting) as unit_url:
        office_url = unit_url
        SHOTS.mkdir(parents=True, exist_ok=True)
        office_context = browser.new_context(viewport={"width": 1366, "height": 768})
        office = signing_tab(office_context, "clerk")  # the office's own browser, signed in
        try:
            # the unit acknowledges, reports with a photo, asks for more time
            _open_task(page, unit_url)
            page.get_by_role("button", name="Acknowledge (签收)").click()
            _status(db, task, "acknowledged")
            page.get_by_placeholder("What was done, where, by whom").fill("Exits A and C cleared")
            _field(page, "Percent done").locator("input").fill("40")
            _attach(page, setting["photo"])
            page.get_by_role("button", name="Report progress", exact=True).click()
            report = _poll(
                db,
                "SELECT r.percent, e.filename, e.path FROM progress_reports r "
                "JOIN evidence e ON e.report_id = r.id WHERE r.task_id = ?",
                [task],
                lambda r: r is not None,
            )
            assert report[:2] == (40, "exit-b.png") and (db.parent / report[2]).is_file()
            page.locator(".duban-evidence img").first.wait_for(timeout=30_000)
            _shots(page, "unit-reported")

            old_deadline = _poll(db, "SELECT deadline FROM tasks WHERE id = ?", [task], bool)[0]
            _field(page, "New deadline").locator("input").fill("2027-03-31")
            _field(page, "Reason").locator("textarea").fill("Exit B needs a new door")
            page.get_by_role("button", name="Request an extension").click()
            _status(db, task, "extension_requested")

            # the office approves it, and sends a reminder
            _open(office, office_url, "supervision.ipynb")
            office.get_by_role("tab", name="Extensions").click()
            _choose(office, office.locator("select[size]").last, DIRECTIVE[:20])
            office.get_by_role("button", name="Approve the new deadline").click()
            _poll(
                db,
                "SELECT deadline FROM tasks WHERE id = ?",
                [task],
                lambda r: r == ("2027-03-31",),
            )
            assert old_deadline != "2027-03-31"
            office.get_by_text("Extension approved.").wait_for(timeout=30_000)
            _shots(office, "office-extension")

            sent = _poll(db, "SELECT COUNT(*) FROM reminders", [], lambda r: True)[0]
            _open(office, office_url, "reminders.ipynb")
            office.get_by_role("button", name="Choose every task listed").click()
            office.get_by_role("button", name="Send the reminders and make the notices").click()
            _poll(db, "SELECT COUNT(*) FROM reminders", [], lambda r: r[0] > sent)
            office.locator("a.duban-download").first.wait_for(timeout=60_000)
            _shots(office, "office-reminders")

            # the unit asks to close; the office returns it with a comment the unit sees
            _open_task(page, unit_url)
            page.get_by_placeholder("What was done, where, by whom").fill("All exits cleared")
            page.get_by_role("button", name="Request closure (100 %)").click()
            _status(db, task, "closure_requested")

            _open(office, office_url, "supervision.ipynb")
            office.get_by_role("tab", name="Closure requests").click()
            _choose(office, office.locator("select[size]").first, DIRECTIVE[:20])
            office.get_by_text("All exits cleared").first.wait_for(timeout=30_000)
            comment = "No photo of exit B: send one"
            office.get_by_placeholder("Required to return; the unit sees it").fill(comment)
            office.get_by_role("button", name="Return to the unit").click()
            _status(db, task, "returned")
            _shots(office, "office-returned")

            _open_task(page, unit_url)
            page.get_by_text(comment).first.wait_for(timeout=30_000)
            _shots(page, "unit-returned")
            page.get_by_placeholder("What was done, where, by whom").fill("Exit B: photo attached")
            _attach(page, setting["photo"])
            page.get_by_role("button", name="Request closure (100 %)").click()
            _status(db, task, "closure_requested")

            _open(office, office_url, "supervision.ipynb")
            office.get_by_role("tab", name="Closure requests").click()
            _choose(office, office.locator("select[size]").first, DIRECTIVE[:20])
            office.get_by_role("button", name="Close the task").click()
            _status(db, task, "closed")
            office.get_by_text("Closed.").first.wait_for(timeout=30_000)
        finally:
            office_context.close()
    actions = [
        row[0]
        for row in sqlite3.connect(db).execute(
            "SELECT action FROM events WHERE entity = 'tasks' AND entity_id = ? ORDER BY id",
            [task],
        )
    ]
    for action in (
        "assign",
        "acknowledge",
        "report",
        "request_extension",
        "decide_extension",
        "request_closure",
        "return",
        "close",
    ):
        assert action in actions, (action, actions)

"""The office's whole story on `duban serve`, in Chromium, each person signed in through the
sign-in page in a browser of their own: the clerk logs a meeting from a real report and
assigns its directives to all streets; a street's reporter sees their street's tasks only,
acknowledges one, reports progress with a photo and asks to close it; the clerk closes it on
the supervision page; a leader sees it closed on the progress page. The rows, and the events
naming the person signed in, are checked at each step, and the pages too (screenshots in
test-output/screenshots/story-*.png). The reporter's words hold HTML and script: the clerk's
page shows them as text, and no dialog opens."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from duban.service.workbook import open_workbook
from tests.browser.test_task_lifecycle import _attach, _choose, _field, _poll, _status
from tests.clerk.test_clerk_browser import all_streets_label, field
from tests.conftest import OUTPUT, signing_tab

pytestmark = pytest.mark.browser  # a real server: the slow part of the suite

CORPUS = Path("/work/shared/corpus/zh-street-gas-ebike-special-rectification.txt")
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
SHOTS = OUTPUT / "screenshots"


def _rows(db: Path, sql: str, args: tuple = ()) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def _person(browser, login: str, dialogs: list[str]):
    """A browser of `login`'s own (a context), whose tab signs in when sent to /login; any
    dialog a page opens is noted in `dialogs` and dismissed."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_navigation_timeout(120_000)
    tab = signing_tab(context, login)
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return context, tab


def _open(tab, url: str, notebook: str) -> None:
    tab.goto(f"{url}/voila/render/{notebook}")
    tab.locator(".duban-page").first.wait_for(timeout=120_000)
    assert "/login" not in tab.url


def _shot(tab, name: str) -> None:
    """The whole page (Voila scrolls inside #rendered_cells: the window is made as tall)."""
    tall = tab.evaluate("document.querySelector('#rendered_cells')?.scrollHeight || 900")
    tab.set_viewport_size({"width": 1366, "height": min(max(tall + 40, 900), 8000)})
    tab.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"story-{name}.png"))
    tab.set_viewport_size({"width": 1366, "height": 900})
    assert "Traceback" not in tab.content()


def _photo(folder: Path) -> Path:
    path = folder / "燃气管道整改.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (96, 64), (40, 120, 200)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _task_history(db: Path, task_id: int) -> list[tuple[str, str, str]]:
    """(action, actor, status after) of each event on the task, oldest first."""
    events = _rows(
        db,
        "SELECT action, actor, after FROM events WHERE entity = 'tasks' AND entity_id = ?"
        " ORDER BY id",
        (task_id,),
    )
    return [
        (action, actor, json.loads(after or "{}").get("status")) for action, actor, after in events
    ]


def test_a_meeting_from_logging_to_closure_by_each_person_signed_in(
    office_server, browser, tmp_path
):
    db, url = office_server.db, office_server.url
    text = CORPUS.read_text(encoding="utf-8")
    title = text.splitlines()[0].strip()
    streets = _rows(db, "SELECT id, name FROM units WHERE kind = 'street' AND active = 1")
    unit_id, unit = streets[1]  # a street no other e2e test acts for
    ((reporter,),) = _rows(
        db, "SELECT login FROM users WHERE role = 'reporter' AND unit_id = ?", (unit_id,)
    )
    dialogs: list[str] = []
    people = {login: _person(browser, login, dialogs) for login in ("clerk", reporter, "leader")}
    clerk, unit_tab, leader = (tab for _context, tab in people.values())
    try:
        # -- the clerk logs the meeting and assigns every directive to all streets ------------
        _open(clerk, url, "log_meeting.ipynb")
        field(clerk, "Title").locator("input").fill(title)
        field(clerk, "Kind").locator("select").select_option(label="special deployment meeting")
        field(clerk, "Level").locator("select").select_option(label="street")
        field(clerk, "Text of the report or speech").locator("textarea").fill(text)
        field(clerk, "Text of the report or speech").locator("textarea").press("Tab")
        clerk.get_by_role("button", name="Next", exact=True).click()
        clerk.get_by_text(re.compile(r"^Directive 5\b")).wait_for(timeout=60_000)
        _shot(clerk, "1-directives")
        clerk.get_by_role("button", name="Next", exact=True).click()
        clerk.get_by_text("Same deadline for all").wait_for(timeout=60_000)
        lead = (
            clerk.locator(".duban-card-box")
            .nth(1)
            .locator(".duban-field", has_text="Lead units or groups")
        )
        lead.locator("input").fill(all_streets_label(db))
        lead.locator("input").press("Enter")
        reach = re.compile(rf"Reaches {len(streets)} units")
        clerk.get_by_text(reach).first.wait_for(timeout=30_000)
        for number in range(1, 5):
            clerk.get_by_role("button", name="Copy to the next directive").nth(number - 1).click()
            clerk.get_by_text(reach).nth(number).wait_for(timeout=30_000)
        _shot(clerk, "2-assigned")
        clerk.get_by_role("button", name="Next", exact=True).click()
        clerk.get_by_text("Per unit").wait_for(timeout=60_000)
        clerk.get_by_role("button", name="Save the meeting and assign the tasks").click()
        clerk.get_by_text(re.compile(f"Saved: {5 * len(streets)} tasks")).wait_for(timeout=60_000)
        _shot(clerk, "3-saved")

        ((meeting_id, held_on),) = _rows(
            db, "SELECT id, held_on FROM meetings WHERE title = ?", (title,)
        )
        tasks = _rows(
            db,
            """SELECT t.id, t.unit_id, d.text FROM tasks t
               JOIN directives d ON d.id = t.directive_id
               WHERE d.meeting_id = ? ORDER BY d.seq, t.unit_id""",
            (meeting_id,),
        )
        assert len(tasks) == 5 * len(streets)
        assert {u for _t, u, _d in tasks} == {street for street, _n in streets}
        ours = [(t, d) for t, u, d in tasks if u == unit_id]
        assert len(ours) == 5
        assert _rows(
            db,
            "SELECT actor FROM events WHERE entity = 'meetings' AND entity_id = ?",
            (meeting_id,),
        ) == [("clerk",)]
        assert {a for (a,) in _rows(db, _ASSIGNED, (meeting_id,))} == {"clerk"}

        # -- the street's reporter sees their street's tasks only -------------------------------
        _open(unit_tab, url, "my_tasks.ipynb")
        assert unit in unit_tab.locator(".duban-title").inner_text()
        chooser = _field(unit_tab, "Open a task").locator("select")
        _choose(unit_tab, chooser, ours[0][1][:12])  # the list has come
        own_open = _rows(
            db, "SELECT COUNT(*) FROM tasks WHERE unit_id = ? AND status != 'closed'", (unit_id,)
        )[0][0]
        unit_tab.get_by_text(f"{own_open} open tasks:").wait_for(timeout=30_000)
        listed = unit_tab.locator(".duban-mytasks .duban-table").first.locator("tbody tr")
        assert listed.count() == own_open == chooser.locator("option").count() - 1
        labels = [o.replace("\u00a0", " ") for o in chooser.locator("option").all_inner_texts()]
        # the task to act on: one of the meeting's whose words no other listed task begins with
        task_id, directive = next(
            (t, d) for t, d in ours if sum(d[:12] in label for label in labels) == 1
        )
        _choose(unit_tab, chooser, directive[:12])
        unit_tab.locator(".duban-mytasks", has_text=directive).wait_for(timeout=60_000)

        unit_tab.get_by_role("button", name="Acknowledge (签收)").click()
        _status(db, task_id, "acknowledged")
        unit_tab.get_by_placeholder("What was done, where, by whom").fill("已排查燃气管道12处")
        _field(unit_tab, "Percent done").locator("input").fill("60")
        photo = _photo(tmp_path)
        _attach(unit_tab, photo)
        unit_tab.get_by_role("button", name="Report progress", exact=True).click()
        report = _poll(
            db,
            "SELECT r.id, r.percent, r.reporter, e.filename, e.path FROM progress_reports r"
            " JOIN evidence e ON e.report_id = r.id WHERE r.task_id = ?",
            [task_id],
            lambda row: row is not None,
        )
        report_id, percent, by, filename, stored = report
        assert (percent, by, filename) == (60, reporter, photo.name)
        assert (db.parent / stored).read_bytes() == photo.read_bytes()
        unit_tab.locator(".duban-evidence img").first.wait_for(timeout=60_000)
        _shot(unit_tab, "4-reported")

        closing = f"整改完毕{HOSTILE}"
        unit_tab.get_by_placeholder("What was done, where, by whom").fill(closing)
        unit_tab.get_by_role("button", name="Request closure (100 %)").click()
        _status(db, task_id, "closure_requested")
        unit_tab.get_by_text("Closure requested; the office will review it.").wait_for(
            state="attached", timeout=30_000
        )  # said in the report form, which a task under review no longer shows
        _shot(unit_tab, "5-closure-requested")
        asked = _rows(
            db,
            "SELECT percent, reporter, text FROM progress_reports"
            " WHERE task_id = ? AND closure_request = 1",
            (task_id,),
        )
        assert asked == [(100, reporter, closing)]  # as its button says: "(100 %)"
        assert _rows(
            db,
            "SELECT actor FROM events WHERE entity = 'evidence' AND entity_id IN"
            " (SELECT id FROM evidence WHERE report_id = ?)",
            (report_id,),
        ) == [(reporter,)]

        # -- the clerk closes it, seeing the reporter's words as they were typed ----------------
        _open(clerk, url, "supervision.ipynb")
        clerk.get_by_role("tab", name=re.compile(r"^Closure requests")).click()
        _choose(clerk, clerk.locator("select[size]").first, directive[:12])
        clerk.get_by_text(closing).first.wait_for(timeout=60_000)  # literally, tags and all
        assert clerk.locator(".duban-page script, .duban-page img[src=x]").count() == 0
        _shot(clerk, "6-to-close")
        clerk.get_by_role("button", name="Close the task").click()
        _status(db, task_id, "closed")
        clerk.get_by_text("Closed.").first.wait_for(timeout=60_000)
        _shot(clerk, "7-closed")
        assert _rows(
            db, "SELECT decision, reviewer FROM reviews WHERE task_id = ?", (task_id,)
        ) == [("closed", "clerk")]

        # -- a leader sees it closed on the progress page --------------------------------------
        _open(leader, url, "progress.ipynb")
        leader.locator(".duban-lights-row").first.wait_for(timeout=120_000)
        leader.get_by_role("tab", name="Details").click()
        _dropdown(leader, "Drill into a").select_option(label="directive")
        find = leader.locator(".widget-text", has=leader.locator("label", has_text="Find"))
        find.locator("input").fill(f"{held_on} {directive[:12]}")
        leader.get_by_text("Showing 1 of 1").wait_for(timeout=60_000)
        leader.locator("select").filter(
            has=leader.locator("option", has_text=directive[:12])
        ).select_option(index=1)
        row = leader.locator(".duban-drill .duban-table tr", has_text=unit)
        row.first.wait_for(timeout=60_000)
        assert "closed" in row.first.inner_text()
        _shot(leader, "8-progress")
    finally:
        for context, _tab in people.values():
            context.close()
    assert _task_history(db, task_id) == [
        ("assign", "clerk", "assigned"),
        ("acknowledge", reporter, "acknowledged"),
        ("report", reporter, "in_progress"),
        ("request_closure", reporter, "closure_requested"),
        ("close", "clerk", "closed"),
    ]
    assert dialogs == []  # the words' script never ran
    wb = open_workbook(db, user="leader")
    assert wb.task(task_id)["status"] == "closed"


_ASSIGNED = """SELECT e.actor FROM events e JOIN tasks t ON t.id = e.entity_id
               JOIN directives d ON d.id = t.directive_id
               WHERE e.entity = 'tasks' AND e.action = 'assign' AND d.meeting_id = ?"""


def _dropdown(tab, label: str):
    """The <select> of the dropdown whose description is `label`."""
    return (
        tab.locator(".widget-dropdown")
        .filter(has=tab.locator("label", has_text=label))
        .locator("select")
    )

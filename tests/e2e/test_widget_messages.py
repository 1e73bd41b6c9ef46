"""A reporter's crafted widget messages, sent straight to their page's kernel, act on no
other unit's task: every text and number field set to another unit's task id, every list
turned to each position (and past its end), every date filled in, every button clicked,
hidden widgets included. No row of another unit's task changes and no event is written for
it; the page answers with refusals in words, never a traceback."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import http_session
from tests.e2e.kernel_socket import KernelSocket, cookie_header, page_kernel

pytestmark = pytest.mark.browser  # a real server: the slow part of the suite

REPORTER = "changan-street"
FIELDS = ("TextModel", "TextareaModel", "IntTextModel", "BoundedIntTextModel")
LISTS = ("DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel")
A_DATE = {"year": 2027, "month": 2, "date": 31}  # 2027-03-31: the widget's months count from 0
# The tables a task's life writes to, each with how its rows reach their task.
TASK_ROWS = {
    "tasks": "id",
    "progress_reports": "task_id",
    "extension_requests": "task_id",
    "reviews": "task_id",
    "reminders": "task_id",
    "evidence": "report_id IN (SELECT id FROM progress_reports WHERE task_id",
}


def _read(db: Path, sql: str, args: tuple = ()) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def others_rows(db: Path, unit_id: int) -> dict[str, list[tuple]]:
    """Every row of every task of the units other than `unit_id`, table by table, and the
    events about those tasks."""
    others = "SELECT id FROM tasks WHERE unit_id != ?"
    found = {}
    for table, link in TASK_ROWS.items():
        where = f"{link} IN ({others}))" if "(" in link else f"{link} IN ({others})"
        found[table] = _read(db, f"SELECT * FROM {table} WHERE {where} ORDER BY id", (unit_id,))
    found["events"] = _read(
        db,
        f"SELECT * FROM events WHERE entity = 'tasks' AND entity_id IN ({others}) ORDER BY id",
        (unit_id,),
    )
    return found


def own_entities(db: Path, login: str) -> set[tuple[str, int]]:
    """What `login` may write: their own user row and their unit's tasks and what hangs off
    them (reports, evidence, extension requests)."""
    (user_id, unit_id), *_ = _read(db, "SELECT id, unit_id FROM users WHERE login = ?", (login,))
    own = "SELECT id FROM tasks WHERE unit_id = ?"
    reports = f"SELECT id FROM progress_reports WHERE task_id IN ({own})"
    queries = {
        "tasks": own,
        "progress_reports": reports,
        "evidence": f"SELECT id FROM evidence WHERE report_id IN ({reports})",
        "extension_requests": f"SELECT id FROM extension_requests WHERE task_id IN ({own})",
    }
    entities = {("users", user_id)}
    for entity, sql in queries.items():
        entities |= {(entity, row[0]) for row in _read(db, sql, (unit_id,))}
    return entities


def another_units_task(db: Path, unit_id: int) -> tuple[int, str]:
    """An open task of another street: its id and its directive's words."""
    (found,) = _read(
        db,
        """SELECT t.id, d.text FROM tasks t JOIN directives d ON d.id = t.directive_id
           JOIN units u ON u.id = t.unit_id
           WHERE t.unit_id != ? AND u.kind = 'street' AND t.status != 'closed'
           ORDER BY t.id LIMIT 1""",
        (unit_id,),
    )
    return found


def craft(socket: KernelSocket, states: dict[str, dict[str, Any]], target: tuple[int, str]):
    """Everything a person could send the page's widgets, aimed at `target`: for each position
    of each list (and one past its end), every field filled with the target's id and words,
    every date and box set, every button clicked."""
    task_id, words = target
    of = {kind: [c for c, s in states.items() if s["_model_name"] == kind] for kind in {
        s["_model_name"] for s in states.values()}}  # fmt: skip
    lists = [c for kind in LISTS for c in of.get(kind, [])]
    buttons = of.get("ButtonModel", [])
    for chooser in lists or [None]:
        positions = len(states[chooser]["_options_labels"]) + 1 if chooser else 1
        for position in range(positions):
            if chooser:
                socket.update(chooser, {"index": position})
            for kind in FIELDS:
                for field in of.get(kind, []):
                    value = task_id if "Int" in kind else f"{task_id} {words[:40]}"
                    socket.update(field, {"value": value})
            for picker in of.get("DatePickerModel", []):
                socket.update(picker, {"value": A_DATE})
            for box in of.get("CheckboxModel", []):
                socket.update(box, {"value": True})
            for button in buttons:
                socket.click(button)
            socket.settle()


def shown_html(socket: KernelSocket, states: dict[str, dict[str, Any]]) -> list[str]:
    """The HTML the page showed: at first, and every update the kernel sent since."""
    first = [s.get("value", "") for s in states.values() if s["_model_name"] == "HTMLModel"]
    later = [s["value"] for s in socket.updates_sent() if isinstance(s.get("value"), str)]
    return first + later


@pytest.mark.parametrize("notebook", ["my_tasks.ipynb", "supervision.ipynb"])
def test_a_reporters_crafted_widget_messages_touch_no_other_units_task(office_server, notebook):
    db = office_server.db
    (unit_id,) = _read(db, "SELECT unit_id FROM users WHERE login = ?", (REPORTER,))[0]
    target = another_units_task(db, unit_id)
    before_rows = others_rows(db, unit_id)
    (last_event,) = _read(db, "SELECT MAX(id) FROM events")[0]
    session = http_session(office_server.url, REPORTER)
    kernel = page_kernel(session, office_server.url, notebook)
    with KernelSocket(office_server.url, kernel, cookie_header(session)) as socket:
        states = socket.widget_states(socket.widget_comms())
        assert states, "the page's kernel answered no widget"
        craft(socket, states, target)
        html = " ".join(shown_html(socket, states))
    assert others_rows(db, unit_id) == before_rows
    new_events = _read(
        db, "SELECT actor, entity, entity_id FROM events WHERE id > ?", (last_event,)
    )
    own = own_entities(db, REPORTER)
    assert all(actor == REPORTER for actor, _e, _i in new_events), new_events
    assert {(entity, entity_id) for _a, entity, entity_id in new_events} <= own
    unexpected = re.findall(r"[^>]*(?:Traceback|Unexpected error)[^<]*", html)
    assert not unexpected, unexpected
    if notebook == "supervision.ipynb":
        assert "This page is not open to you" in html
        assert {entity for _a, entity, _i in new_events} <= {"users"}  # signing in, no more
    else:  # refusals in words: a button the task's status does not allow, a missing field
        assert 'class="duban-msg error"' in html

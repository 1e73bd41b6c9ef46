"""Every status × action pair: allowed moves land where the table says; forbidden ones write
nothing."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import TransitionError
from duban.service.status import TRANSITIONS, allowed_actions
from duban.service.workbook import Workbook

# How to bring a fresh task into each status, as (acting user, action) steps.
PATHS = {
    "assigned": [],
    "acknowledged": [("east", "acknowledge")],
    "in_progress": [("east", "report")],
    "extension_requested": [("east", "request_extension")],
    "closure_requested": [("east", "request_closure")],
    "returned": [("east", "request_closure"), ("clerk", "return")],
    "closed": [("east", "request_closure"), ("clerk", "close")],
}
ACTIONS = sorted({action for _status, action in TRANSITIONS})
WHO = {
    "acknowledge": "east",
    "report": "east",
    "request_extension": "east",
    "request_closure": "east",
}


def do(wb: Workbook, task_id: int, action: str) -> None:
    """Perform one action with valid arguments."""
    if action == "acknowledge":
        wb.acknowledge(task_id)
    elif action == "report":
        wb.report_progress(task_id, 50, "half done")
    elif action == "request_extension":
        wb.request_extension(task_id, "2026-12-31", "needs another inspection round")
    elif action == "decide_extension":
        pending = wb.store.one(
            "SELECT id FROM extension_requests WHERE task_id = ? AND decision IS NULL", [task_id]
        )
        wb.decide_extension(pending["id"] if pending else 999, True, "agreed")
    elif action == "request_closure":
        wb.request_closure(task_id, "all done")
    elif action == "close":
        wb.close(task_id, "checked")
    elif action == "return":
        wb.return_task(task_id, "photos missing")
    elif action == "reopen":
        wb.reopen(task_id, "look-back found the same problem")
    else:
        raise AssertionError(action)


@pytest.fixture
def task_in(office: Workbook):
    meeting = office.log_meeting("Dispatch meeting", "dispatch", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect every gas meter room", areas=["gas"])
    task_id = office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]

    def bring(status: str) -> int:
        for login, action in PATHS[status]:
            do(office.as_user(login), task_id, action)
        assert office.task(task_id)["status"] == status
        return task_id

    return bring


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_status_and_action(office, task_in, status, action):
    task_id = task_in(status)
    actor = office.as_user(WHO.get(action, "clerk"))
    if (status, action) == ("extension_requested", "decide_extension") or (
        status,
        action,
    ) in TRANSITIONS:
        do(actor, task_id, action)
        assert office.task(task_id)["status"] == TRANSITIONS[(status, action)]
        return
    events_before = office.store.db["events"].count
    task_before = office.task(task_id)
    with pytest.raises(TransitionError) as raised:
        if action == "decide_extension":
            # a forbidden decision needs a pending request to aim at: make one that is not the
            # task's state
            with office.store.write("test"):
                office.store.conn.execute(
                    "INSERT INTO extension_requests"
                    " (task_id, requested_by, requested_at, reason, old_deadline, new_deadline)"
                    " VALUES (?, 'east', '2026-11-16T09:00:00', 'x', '2026-11-30', '2026-12-31')",
                    [task_id],
                )
            events_before = office.store.db["events"].count
        do(actor, task_id, action)
    message = str(raised.value)
    assert f"Task {task_id}" in message and "Allowed from" in message
    assert office.task(task_id) == task_before
    assert office.store.db["events"].count == events_before


def test_allowed_actions_are_listed_from_the_table():
    assert allowed_actions("closure_requested") == ["close", "return"]
    assert allowed_actions("closed") == ["reopen"]


def test_approved_extension_moves_the_deadline_and_keeps_the_original(office, task_in):
    task_id = task_in("extension_requested")
    request = office.store.one("SELECT id FROM extension_requests WHERE task_id = ?", [task_id])[
        "id"
    ]
    office.decide_extension(request, True, "agreed")
    task = office.task(task_id)
    assert (task["deadline"], task["original_deadline"]) == ("2026-12-31", "2026-11-30")


def test_rejected_extension_keeps_the_deadline_and_needs_a_reason(office, task_in):
    from duban.infra.errors import ValidationError

    task_id = task_in("extension_requested")
    request = office.store.one("SELECT id FROM extension_requests WHERE task_id = ?", [task_id])[
        "id"
    ]
    with pytest.raises(ValidationError, match="comment"):
        office.decide_extension(request, False, "")
    office.decide_extension(request, False, "the deadline is set by the city")
    assert office.task(task_id)["deadline"] == "2026-11-30"


def test_closed_task_keeps_whether_it_closed_on_time(office, task_in):
    from duban.infra import clock

    task_id = task_in("closure_requested")
    with clock.frozen(date(2026, 12, 3)):
        office.close(task_id, "late but done")
        task = office.task(task_id)
    assert (task["closed_on_time"], task["days_late"], task["light"]) == (0, 3, "red")


def test_light_is_green_yellow_red_by_deadline(office):
    from duban.infra import clock

    meeting = office.log_meeting("Lights", "dispatch", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Check fire exits", areas=["fire"])
    with clock.frozen(date(2026, 11, 11)):
        office.assign(directive, ["东街街道"], date(2026, 11, 13))  # before today (16 Nov): red
    office.assign(directive, ["西街街道"], date(2026, 11, 19))  # within 3 working days: yellow
    office.assign(directive, ["南街街道"], date(2026, 11, 20))  # 4 working days ahead: green
    with clock.frozen(date(2026, 11, 16)):
        lights = dict(zip(office.tasks()["unit"], office.tasks()["light"], strict=True))
        overdue = dict(zip(office.tasks()["unit"], office.tasks()["days_late"], strict=True))
    assert lights == {"东街街道": "red", "西街街道": "yellow", "南街街道": "green"}
    assert overdue["东街街道"] == 3

"""Permission before validation: a unit acting on another unit's task, or a reporter on an
office decision, is refused before its input is read, and the refusal says nothing of the task."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import NotFoundError, PermissionDeniedError, ValidationError

DEADLINE = "2026-11-30"


@pytest.fixture
def task(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Secret: inspect the depot", areas=["fire"])
    return office.assign(directive, ["东街街道"], date.fromisoformat(DEADLINE)).task_ids[0]


@pytest.fixture
def request_id(office, task):
    return office.as_user("east").request_extension(task, "2026-12-20", "waiting for parts")


def _refused(call) -> str:
    with pytest.raises(PermissionDeniedError) as refused:
        call()
    text = str(refused.value)
    for secret in (DEADLINE, "东街", "depot", "Secret", "assigned"):
        assert secret not in text
    return text


# input that each method would refuse (and whose error named the task's deadline)
@pytest.mark.parametrize(
    "call",
    [
        lambda wb, t: wb.report_progress(t, 500, "", ["/nope/x.jpg"]),
        lambda wb, t: wb.request_closure(t, ""),
        lambda wb, t: wb.request_extension(t, "2026-11-20", ""),  # earlier than the deadline
        lambda wb, t: wb.request_extension(t, "not a date", "x"),
        lambda wb, t: wb.acknowledge(t),
    ],
    ids=["report", "closure", "extension_earlier", "extension_bad_date", "acknowledge"],
)
def test_another_units_reporter_is_refused_before_the_input_is_read(office, task, call):
    text = _refused(lambda: call(office.as_user("west"), task))
    assert "another unit" in text


@pytest.mark.parametrize(
    "call",
    [
        lambda wb, t, r: wb.close(t, "x" * 5000),
        lambda wb, t, r: wb.return_task(t, ""),
        lambda wb, t, r: wb.reopen(t, ""),
        lambda wb, t, r: wb.remind(t, "", kind="nonsense"),
        lambda wb, t, r: wb.decide_extension(r, False, ""),
        lambda wb, t, r: wb.decide_extension(r + 99, True),  # not even there
        lambda wb, t, r: wb.remind(t + 99),
    ],
    ids=["close", "return", "reopen", "remind", "decide", "decide_missing", "remind_missing"],
)
def test_office_decisions_refuse_a_reporter_before_anything_else(office, task, request_id, call):
    for login in ("east", "west"):  # its own unit's reporter too: the role decides
        _refused(lambda login=login: call(office.as_user(login), task, request_id))


def test_the_own_unit_still_gets_its_input_errors(office, task):
    east = office.as_user("east")
    with pytest.raises(ValidationError) as refused:
        east.request_extension(task, "2026-11-20", "")
    assert DEADLINE in refused.value.errors["new_deadline"]
    assert "reason" in refused.value.errors


def test_the_office_gets_input_errors_after_permission(office, task, request_id):
    with pytest.raises(ValidationError):
        office.decide_extension(request_id, False, "")  # a refusal needs a reason
    with pytest.raises(NotFoundError):
        office.decide_extension(request_id + 99, True)


@pytest.mark.parametrize(
    "read",
    [
        lambda wb, t: wb.task_timeline(t),
        lambda wb, t: wb.evidence_files(t),
        lambda wb, t: wb.cycle_reports(t),
        lambda wb, t: wb.return_comment(t),
    ],
    ids=["timeline", "evidence", "cycle", "return_comment"],
)
def test_reads_of_another_units_task_find_nothing(office, task, read):
    with pytest.raises(NotFoundError, match=f"No task with id {task}$"):
        read(office.as_user("west"), task)
    read(office.as_user("east"), task)  # its own unit reads it
    read(office, task)  # and the office


@pytest.mark.parametrize(
    "call",
    [
        lambda wb, t: wb.acknowledge(t),
        lambda wb, t: wb.report_progress(t, 10, "done"),
        lambda wb, t: wb.request_extension(t, "2026-12-20", "parts"),
    ],
    ids=["acknowledge", "report", "extension"],
)
def test_a_reporter_is_told_alike_of_a_missing_task_and_another_units(office, task, call):
    """So a refusal does not tell which task ids exist."""
    west = office.as_user("west")
    assert _refused(lambda: call(west, task + 999)) == _refused(lambda: call(west, task))


def test_editing_a_directive_is_refused_before_its_text_is_checked(office, task):
    directive = office.task(task)["directive_id"]
    _refused(lambda: office.as_user("east").edit_directive(directive, text="x" * 30_000))

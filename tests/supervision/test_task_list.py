"""The office's task list (Workbook.task_page): each filter alone and together, the order,
the pages, pasted dates, and who may read it."""

from __future__ import annotations

import pandas as pd
import pytest

from duban.infra.errors import PermissionDeniedError, ValidationError
from duban.service.supervision import TaskFilters, pasted_day


def everything(board) -> pd.DataFrame:
    """Every task, read the other way (Workbook.tasks), to check the list against."""
    return board.wb.tasks()


def listed(board, filters: TaskFilters, page_size: int = 50) -> list[int]:
    frame, total = board.wb.task_page(filters, 0, page_size)
    assert total == len(frame)
    return list(frame["id"])


def test_the_whole_list_is_open_tasks_by_deadline_then_closed_ones(board):
    ids = listed(board, TaskFilters())
    tasks = everything(board).set_index("id").loc[ids]
    assert sorted(ids) == sorted(everything(board)["id"])
    statuses = list(tasks["status"])
    assert statuses[-1] == "closed" and "closed" not in statuses[:-1]
    open_deadlines = list(tasks["deadline"])[:-1]
    assert open_deadlines == sorted(open_deadlines)
    assert list(tasks["light"])[:2] == ["red", "red"]  # the overdue lead


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"meeting_id": "A"}, lambda t, b: t["meeting_id"] == b.meetings["A"]),
        ({"directive_id": "gas"}, lambda t, b: t["directive_id"] == b.directives["gas"]),
        ({"unit_id": "东街街道"}, lambda t, b: t["unit"] == "东街街道"),
        ({"status": "closure_requested"}, lambda t, b: t["status"] == "closure_requested"),
        ({"status": "closed"}, lambda t, b: t["status"] == "closed"),
        ({"light": "red"}, lambda t, b: t["light"] == "red"),
        ({"light": "yellow"}, lambda t, b: t["light"] == "yellow"),
        ({"light": "green"}, lambda t, b: t["light"] == "green"),
        ({"area": "gas"}, lambda t, b: t["areas"].map(lambda a: "gas" in a)),
        ({"deadline_from": "2026-11-25"}, lambda t, b: t["deadline"] >= "2026-11-25"),
        ({"deadline_to": "2026-11-25"}, lambda t, b: t["deadline"] <= "2026-11-25"),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else "",
)
def test_each_filter_alone(board, filters, expected):
    named = {
        key: board.meetings.get(value)
        if key == "meeting_id"
        else board.directives.get(value)
        if key == "directive_id"
        else board.wb.find_unit(value)["id"]
        if key == "unit_id"
        else value
        for key, value in filters.items()
    }
    tasks = everything(board)
    want = set(tasks[expected(tasks, board)]["id"])
    got = listed(board, TaskFilters(**named))
    assert want and set(got) == want and len(got) == len(want)


def test_filters_combined(board):
    unit = board.wb.find_unit("东街街道")["id"]
    got = listed(board, TaskFilters(meeting_id=board.meetings["A"], unit_id=unit, light="green"))
    tasks = everything(board)
    want = tasks[
        (tasks["meeting_id"] == board.meetings["A"])
        & (tasks["unit_id"] == unit)
        & (tasks["light"] == "green")
    ]
    assert got == list(want["id"]) and len(got) == 1  # 东街's fire task, closed on time
    assert listed(board, TaskFilters(area="fire", light="yellow")) == []
    both = listed(board, TaskFilters(deadline_from="2026-11-21", deadline_to="2026-12-01"))
    assert set(both) == set(tasks[tasks["directive_id"] == board.directives["gas"]]["id"])


def test_pages_cover_the_list_once_in_order_and_the_last_is_short(board):
    whole = listed(board, TaskFilters())
    assert len(whole) == 6
    size = 4  # two pages: the second (4 of 5 open tasks, then the closed one) read from the end
    pages = [board.wb.task_page(TaskFilters(), n, size) for n in range(3)]
    assert [total for _frame, total in pages] == [6, 6, 6]
    assert sum((list(frame["id"]) for frame, _t in pages), []) == whole
    assert [len(frame) for frame, _t in pages] == [4, 2, 0]  # past the end: empty
    assert list(pages[1][0]["status"])[-1] == "closed"


def test_an_empty_result_is_an_empty_page_and_no_total(board):
    frame, total = board.wb.task_page(TaskFilters(status="returned"), 0, 20)
    assert frame.empty and total == 0


@pytest.mark.parametrize(
    "typed",
    ["2026-11-25", "２０２６-１１-２５", "2026年11月25日", "2026/11/25", "\u200b2026-11-25\u00a0"],
)
def test_deadlines_may_be_pasted(board, typed):
    assert pasted_day(typed).isoformat() == "2026-11-25"
    assert listed(board, TaskFilters(deadline_from=typed)) == listed(
        board, TaskFilters(deadline_from="2026-11-25")
    )


def test_a_bad_date_or_value_is_refused_by_field(board):
    with pytest.raises(ValidationError) as caught:
        board.wb.task_page(TaskFilters(deadline_from="2026年13月1日", status="late", light="blue"))
    assert set(caught.value.errors) == {"deadline_from", "status", "light"}


def test_closure_and_extension_requests_wait_oldest_first(board):
    closures, total = board.wb.closure_requests()
    assert total == 1 and list(closures["unit"]) == ["东街街道"]
    assert closures["requested_at"].iloc[0].startswith("2026-11-23")
    pending, count = board.wb.pending_extensions()
    assert count == 1
    row = pending.iloc[0]
    assert (row["unit"], row["old_deadline"], row["new_deadline"], row["reason"]) == (
        "区消防救援大队",
        "2026-11-25",
        "2026-12-05",
        "管线长",
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda wb: wb.task_page(TaskFilters()),
        lambda wb: wb.closure_requests(),
        lambda wb: wb.pending_extensions(),
        lambda wb: wb.review_history(1),
    ],
    ids=["task_page", "closure_requests", "pending_extensions", "review_history"],
)
def test_a_reporter_may_not_read_the_office_lists(board, call):
    with pytest.raises(PermissionDeniedError):
        call(board.wb.as_user("east"))


def test_a_reporter_may_not_decide(board):
    east = board.wb.as_user("east")
    task = int(board.wb.closure_requests()[0]["id"].iloc[0])
    request = int(board.wb.pending_extensions()[0]["id"].iloc[0])
    with pytest.raises(PermissionDeniedError):
        east.close(task)
    with pytest.raises(PermissionDeniedError):
        east.return_task(task, "no")
    with pytest.raises(PermissionDeniedError):
        east.decide_extension(request, True)
    assert board.wb.task(task)["status"] == "closure_requested"

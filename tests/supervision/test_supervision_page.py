"""The supervision page without a browser: filters and pages, close, return, approve and
refuse, each checked on the page, in the rows and in the audit trail."""

from __future__ import annotations

import ipywidgets as w
import pytest
from PIL import Image

from duban.infra import clock
from duban.models.supervision import SupervisionModel
from duban.service.workbook import open_workbook
from duban.widgets import evidence
from duban.widgets.common import open_page
from duban.widgets.form_parts import UNCHOSEN
from duban.widgets.supervision import SupervisionView
from tests.conftest import TODAY


@pytest.fixture
def page(board) -> SupervisionView:
    return SupervisionView(SupervisionModel(board.wb))


def titles(view: SupervisionView) -> list[str]:
    return [view.tabs.get_title(i) for i in range(3)]


def events(wb, action: str) -> list[tuple[str, int]]:
    return [
        (row["entity"], row["entity_id"])
        for row in wb.store.rows("SELECT entity, entity_id FROM events WHERE action = ?", [action])
    ]


def test_the_page_opens_on_every_list_with_its_count(page):
    shown = [page.meeting, page.directive, page.unit, page.status, page.light, page.area]
    assert all(d.label and d.label.startswith("all") for d in shown)
    assert titles(page) == ["Tasks (6)", "Closure requests (1)", "Extensions (1)"]
    assert page.summary.value == "6 tasks match; page 1 of 1"
    assert list(page.table.frame["light"])[:2] == ["red", "red"]
    assert page.table.value.count("<tr>") == 7  # a header and six rows, one HTML table


def test_filters_narrow_the_table_and_pasted_dates_count(page, board):
    page.unit.value = board.wb.find_unit("东街街道")["id"]
    assert page.summary.value == "2 tasks match; page 1 of 1"
    page.deadline_from.value = "２０２６年１１月２１日"
    assert list(page.table.frame["directive_id"]) == [board.directives["gas"]]
    page.status.value = "returned"
    assert "No task matches these filters." in page.table.value
    assert page.summary.value == "No task matches these filters."
    assert titles(page)[0] == "Tasks (0)"


def test_a_bad_date_is_shown_under_its_field_and_the_list_stays(page):
    page.deadline_to.value = "2026-02-30"
    assert "must be a date" in page.date_errors["deadline_to"].value
    assert "Please correct" in page.messages.value
    assert page.model.total == 6 and page.model.deadline_to == ""
    page.deadline_to.value = "2026/11/25"
    assert page.date_errors["deadline_to"].value == "" and page.messages.value == ""
    assert page.model.total == 5


def test_a_meeting_found_by_search_offers_its_directives(page, board):
    page.meeting_search.value = "燃气"
    assert [value for _label, value in page.meeting.options] == [UNCHOSEN, board.meetings["B"]]
    assert page.meeting.label == "all meetings"  # a chosen "all", never a blank dropdown
    page.meeting.value = board.meetings["B"]
    assert not page.directive.disabled and len(page.directive.options) == 2
    assert page.model.total == 2
    page.directive.value = board.directives["gas"]
    page.meeting.value = UNCHOSEN
    assert page.directive.disabled and page.model.directive_id is None
    assert (page.meeting.label, page.directive.label) == ("all meetings", "all directives")
    assert page.model.total == 6


def test_the_pager_turns_pages_of_twenty(board):
    clerk = board.wb
    meeting = clerk.log_meeting("大会", "plenary", "district", "2026-11-20")
    new = []
    for n in range(10):
        directive = clerk.add_directive(meeting, f"要落实第{n}项措施", areas=["fire"])
        new += clerk.assign(directive, ["东街街道", "西街街道", "南街街道"], "2026-12-20").task_ids
    view = SupervisionView(SupervisionModel(clerk))
    assert view.summary.value == "36 tasks match; page 1 of 2"
    assert list(view.table.frame["id"])[5:] == new[:15]  # after the red, yellow and earlier ones
    view.pager.later.click()
    assert view.summary.value == "36 tasks match; page 2 of 2"
    assert len(view.table.frame) == 16 and view.pager.later.disabled
    fire = clerk.tasks(directive_id=board.directives["fire"])
    closed = int(fire[fire["status"] == "closed"]["id"].iloc[0])
    assert list(view.table.frame["id"]) == [*new[15:], closed]  # the closed one last
    assert list(view.table.frame["deadline"]) == ["2026-12-20"] * 15 + ["2026-11-20"]


def test_close_a_closure_request(page, board):
    task = page.model.task_id
    assert "排查完毕" in page.report_list.value and "正在排查" in page.report_list.value
    page.comment.value = "  材料齐全  "
    page.close_button.click()
    assert page.closure_messages.value.count("Closed.") == 1
    assert board.wb.task(task)["status"] == "closed"
    review = board.wb.store.one(
        "SELECT * FROM reviews WHERE task_id = ? AND decision = 'closed'", [task]
    )
    assert review["comment"] == "材料齐全" and review["reviewer"] == "clerk"
    assert ("tasks", task) in events(board.wb, "close")
    assert titles(page)[1] == "Closure requests (0)"
    assert "No closure request waits" in page.closure_note.value
    assert page.review_box.layout.display == "none" and page.comment.value == ""


def test_return_needs_a_comment_the_unit_sees(page, board):
    task = page.model.task_id
    page.return_button.click()
    assert "must not be empty" in page.comment_error.value
    assert "Nothing was saved" in page.closure_messages.value
    assert board.wb.task(task)["status"] == "closure_requested"
    assert not events(board.wb, "return")
    page.comment.value = "请补充照片"
    page.return_button.click()
    assert board.wb.task(task)["status"] == "returned"
    assert page.comment_error.value == "" and "Returned to the unit." in page.closure_messages.value
    seen = board.wb.as_user("east").task_timeline(task)
    assert "请补充照片" in list(seen["text"])
    assert ("tasks", task) in events(board.wb, "return")
    assert titles(page)[1] == "Closure requests (0)"


def test_a_request_another_clerk_decided_first_leaves_the_list(page, board):
    task = page.model.task_id
    other = SupervisionView(SupervisionModel(board.wb))
    other.close_button.click()
    page.comment.value = "同意"
    page.close_button.click()
    said = page.closure_messages.value
    assert "cannot close" in said and "closed" in said
    assert page.model.task_id is None and titles(page)[1] == "Closure requests (0)"
    assert (
        board.wb.store.one("SELECT COUNT(*) AS n FROM reviews WHERE task_id = ?", [task])["n"] == 1
    )
    assert page.comment.value == "同意"  # nothing was decided: the text stays


def test_the_report_history_names_the_evidence_and_earlier_decisions(board, tmp_path):
    east = board.wb.as_user("east")
    task = int(board.wb.closure_requests()[0]["id"].iloc[0])
    board.wb.return_task(task, "缺照片")
    photo = tmp_path / "现场.jpg"
    Image.new("RGB", (40, 30), (200, 0, 0)).save(photo, "JPEG")
    east.request_closure(task, "已补充照片", [photo])
    view = SupervisionView(SupervisionModel(board.wb))
    assert view.model.task_id == task
    assert "现场.jpg" in view.report_list.value
    assert "缺照片" in view.review_table.value and "returned" in view.review_table.value


def test_refresh_reads_the_request_under_review_again(page, board):
    """Returned and asked for again elsewhere: Refresh shows the new report and the return."""
    task = page.model.task_id
    board.wb.return_task(task, "缺照片")
    board.wb.as_user("east").request_closure(task, "已补充照片")
    page.refresh_button.click()
    assert page.model.task_id == task
    assert "已补充照片" in page.report_list.value and "缺照片" in page.review_table.value


def test_the_page_links_a_few_megabytes_of_evidence_and_offers_the_rest(
    board, tmp_path, monkeypatch
):
    monkeypatch.setattr(evidence, "PAGE_INLINE_BYTES", 40)
    task = int(board.wb.closure_requests()[0]["id"].iloc[0])
    board.wb.return_task(task, "缺材料")
    files = []
    for name in ("一.pdf", "二.pdf", "三.pdf"):
        files.append(tmp_path / name)
        files[-1].write_bytes(b"%PDF-1.4 " + name.encode() * 4)  # 21 bytes each
    board.wb.as_user("east").request_closure(task, "已补充", files)
    view = SupervisionView(SupervisionModel(board.wb))
    assert view.report_list.value.count('href="data:application/pdf') == 1
    assert 'download="一.pdf"' in view.report_list.value
    assert view.report_list.value.count("choose it under Download") == 2
    assert [label.split(" ")[0] for label, _i in view.downloads.choice.options] == [
        "二.pdf",
        "三.pdf",
    ]
    view.downloads.choice.value = 1
    view.downloads.fetch.click()
    assert 'download="三.pdf"' in view.downloads.link.value


def test_approve_an_extension(page, board):
    request = page.model.request_id
    assert "2026-12-05" in page.extension_detail.value and "管线长" in page.extension_detail.value
    task = board.wb.pending_extensions()[0]["task_id"].iloc[0]
    page.approve_button.click()
    assert board.wb.task(int(task))["deadline"] == "2026-12-05"
    row = board.wb.store.one("SELECT * FROM extension_requests WHERE id = ?", [request])
    assert row["decision"] == "approved" and row["decided_by"] == "clerk"
    assert ("extension_requests", request) in events(board.wb, "decide_extension")
    assert (
        titles(page)[2] == "Extensions (0)"
        and "Extension approved." in page.extension_messages.value
    )
    assert page.decision_box.layout.display == "none"


def test_refuse_an_extension_needs_a_reason(page, board):
    request = page.model.request_id
    page.refuse_button.click()
    assert "must not be empty" in page.reason_error.value
    assert (
        board.wb.store.one("SELECT decision FROM extension_requests WHERE id = ?", [request])[
            "decision"
        ]
        is None
    )
    page.reason.value = "期限不变"
    page.refuse_button.click()
    row = board.wb.store.one("SELECT * FROM extension_requests WHERE id = ?", [request])
    assert (row["decision"], row["comment"]) == ("rejected", "期限不变")
    task = board.wb.task(int(row["task_id"]))
    assert task["deadline"] == "2026-11-25" and task["status"] == "in_progress"
    assert ("extension_requests", request) in events(board.wb, "decide_extension")
    assert titles(page)[2] == "Extensions (0)"


def test_choosing_another_request_shows_it(board):
    roads = board.wb.tasks(directive_id=board.directives["roads"])["id"].iloc[0]
    board.wb.request_extension(int(roads), "2026-12-20", "雨季")
    view = SupervisionView(SupervisionModel(board.wb))
    assert len(view.extension_list.options) == 2
    assert "雨季" not in view.extension_detail.value
    second = view.extension_list.options[1][1]
    view.extension_list.value = second
    assert view.model.request_id == second and "雨季" in view.extension_detail.value


def test_a_reporter_opening_the_page_is_refused(board, monkeypatch):
    monkeypatch.setenv("DUBAN_DB", str(board.wb.store.path))
    monkeypatch.setenv("DUBAN_USER", "east")
    shown = open_page("supervision")
    texts = [c.value for c in shown.children if isinstance(c, w.HTML)]
    assert any("This page is not open to you" in t and "may not close" in t for t in texts)
    assert not any(isinstance(c, w.Tab) for c in shown.children)


def test_the_demo_leaves_requests_with_evidence_for_the_office(demo_db):
    with clock.frozen(TODAY):
        wb = open_workbook(demo_db, user="clerk")
        view = SupervisionView(SupervisionModel(wb))
    assert view.model.closure_total >= 5 and view.model.extension_total >= 3
    assert ".jpg" in view.report_list.value and ".pdf" in view.report_list.value
    returned = wb.store.one(
        "SELECT COUNT(*) AS n FROM reviews r JOIN tasks t ON t.id = r.task_id"
        " WHERE t.status = 'closure_requested' AND r.decision = 'returned'"
    )["n"]
    assert returned >= 1

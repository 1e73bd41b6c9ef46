"""The unit reporters' page without a browser: set values, click, check the page and the rows."""

from __future__ import annotations

import re
from datetime import date

import ipywidgets as w

from duban.infra.errors import ValidationError
from duban.infra.i18n import set_language
from duban.models.directive_review import PAGE_SIZE
from duban.widgets import evidence, my_tasks
from duban.widgets.my_tasks import view


def count(wb, sql: str, *params) -> int:
    return wb.store.one(f"SELECT COUNT(*) AS n FROM ({sql})", list(params))["n"]


def opened(page, task_id: int):
    page.choose.value = task_id
    assert page.model.task_id == task_id
    return page


def listed_ids(page) -> list[int]:
    return [v for _label, v in page.choose.options if v]


def test_open_tasks_first_red_yellow_green_then_closed_on_request(units, east_page):
    t = units.tasks
    assert listed_ids(east_page) == [t["late"], t["near"], t["new"], t["weekly"]]
    table = east_page.table.value
    assert (
        table.index("Clear the blocked")
        < table.index("Inspect the gas")
        < table.index("Check every fire exit")
    )
    assert "6 days late" in table and "2 days left" in table and "44 days left" in table
    assert "Winter plenary (2026-11-02)" in table
    assert "West street" not in table and "Train the" not in table
    east_page.show_closed.value = True
    assert listed_ids(east_page)[-1] == t["closed"]
    assert "closed on time" in east_page.table.value
    assert "4 open tasks: 1 red, 1 yellow, 2 green; 4 new to acknowledge" in (
        east_page.summary.value
    )


def test_a_long_list_is_paged(units, kit):
    wb = units.wb
    meeting = wb.log_meeting("Big dispatch", "dispatch", "district", "2026-11-10")
    for n in range(2 * PAGE_SIZE):
        directive = wb.add_directive(meeting, f"Item number {n:02d}", areas=["fire"])
        wb.assign(directive, ["东街街道"], date(2027, 1, 1) if n % 2 else date(2026, 12, 1))
    page = kit.build(wb.as_user("east"))
    assert page.model.total == 2 * PAGE_SIZE + 4
    assert len(listed_ids(page)) == PAGE_SIZE
    assert page.table.value.count("<tr>") == PAGE_SIZE + 1  # and its heading
    assert page.pager.layout.display == "" and page.pager.earlier.disabled
    first = listed_ids(page)
    page.pager.later.click()
    page.pager.later.click()
    assert page.model.page == 2 and page.pager.later.disabled
    assert len(listed_ids(page)) == 4 and not set(first) & set(listed_ids(page))
    assert ">41</td>" in page.table.value  # positions run on across pages


def test_acknowledge_a_new_task(units, east_page):
    task = units.tasks["new"]
    page = opened(east_page, task)
    assert page.detail.layout.display == ""
    assert "Check every fire exit in the old town" in page.heading.value
    assert page.acknowledge.layout.display == ""
    page.acknowledge.click()
    assert "Task acknowledged" in page.detail_messages.value
    assert units.wb.task(task)["status"] == "acknowledged"
    assert count(units.wb, "SELECT 1 FROM events WHERE action = 'acknowledge' AND actor = 'east'")
    assert page.acknowledge.layout.display == "none"  # the detail was read again
    assert "acknowledged" in page.timeline.value and "Reporter east" in page.timeline.value
    assert "4 new to acknowledge" not in page.summary.value  # and the list


def test_report_progress_with_a_photo_and_a_pdf(units, east_page, kit):
    task = units.tasks["near"]
    page = opened(east_page, task)
    page.percent.value = 60
    page.text.value = "Four of seven stations inspected"
    page.upload.value = kit.upload(("../station 1.jpg", kit.photo()), ("plan.pdf", b"%PDF-1.4 x"))
    assert "station 1.jpg" in page.chosen_files.value
    page.send_report.click()
    assert "Progress reported (60 %). 2 evidence files kept." in page.report_messages.value
    report = units.wb.store.one("SELECT * FROM progress_reports WHERE task_id = ?", [task])
    assert (report["percent"], report["text"], report["reporter"]) == (
        60,
        "Four of seven stations inspected",
        "east",
    )
    rows = units.wb.store.rows(
        "SELECT filename, path FROM evidence WHERE report_id = ?", [report["id"]]
    )
    assert [r["filename"] for r in rows] == ["station 1.jpg", "plan.pdf"]
    assert all(
        re.fullmatch(r"evidence/[0-9a-f]{2}/[0-9a-f]{64}\.(jpg|pdf)", r["path"]) for r in rows
    )
    assert units.wb.task(task)["status"] == "in_progress"
    assert page.upload.value == () and page.text.value == ""  # ready for the next report
    assert 'src="data:image/jpeg;base64,' in page.evidence.value  # the photo's thumbnail
    assert 'download="plan.pdf"' in page.evidence.value
    assert "Four of seven stations inspected" in page.timeline.value
    assert "evidence: station 1.jpg、plan.pdf" in page.timeline.value
    assert page.downloads.layout.display == "none"  # every file is linked already


def test_a_large_file_is_linked_on_request(units, east_page, kit, monkeypatch):
    monkeypatch.setattr(evidence, "INLINE_BYTES", 5)
    page = opened(east_page, units.tasks["near"])
    page.text.value = "plan"
    page.upload.value = kit.upload(("plan.pdf", b"%PDF-1.4 twelve"))
    page.send_report.click()
    assert "large file" in page.evidence.value and "data:application/pdf" not in page.evidence.value
    assert page.downloads.layout.display == ""
    page.downloads.fetch.click()
    assert 'download="plan.pdf" href="data:application/pdf;base64,' in page.downloads.link.value


def test_a_refused_file_is_named_in_the_form_and_nothing_is_saved(units, east_page, kit):
    page = opened(east_page, units.tasks["near"])
    page.percent.value = 30
    page.text.value = "see attachment"
    page.upload.value = kit.upload(("invoice.pdf", b"MZ\x90\x00 an exe"))
    page.send_report.click()
    assert "Nothing was saved" in page.report_messages.value
    assert "invoice.pdf is not a PDF file" in page.report_errors["evidence"].value
    assert (
        count(units.wb, "SELECT 1 FROM progress_reports WHERE task_id = ?", units.tasks["near"])
        == 0
    )
    page.upload.value = ()
    page.send_report.click()  # corrected: the error under the field goes
    assert page.report_errors["evidence"].value == ""
    assert "Progress reported" in page.report_messages.value


def test_request_an_extension_and_the_form_errors(units, east_page):
    task = units.tasks["new"]
    page = opened(east_page, task)
    page.new_deadline.value = date(2026, 12, 1)  # earlier than the deadline, and no reason
    page.send_extension.click()
    assert (
        "later than the current deadline (2026-12-30)"
        in page.extension_errors["new_deadline"].value
    )
    assert "must not be empty" in page.extension_errors["reason"].value
    page.new_deadline.value = date(2027, 1, 20)
    page.reason.value = "The contractor starts in January"
    page.send_extension.click()
    assert "Extension requested" in page.extension_messages.value
    request = units.wb.store.one("SELECT * FROM extension_requests WHERE task_id = ?", [task])
    assert (request["new_deadline"], request["requested_by"]) == ("2027-01-20", "east")
    assert units.wb.task(task)["status"] == "extension_requested"
    assert page.extension_form.layout.display == "none"  # pending: nothing more to ask
    assert "new deadline 2027-01-20" in page.timeline.value


def test_no_extension_after_the_deadline(units, east_page):
    page = opened(east_page, units.tasks["late"])
    assert page.extension_fields.layout.display == "none"
    assert "deadline has passed" in page.extension_note.value


def test_the_page_says_too_late_exactly_when_the_workbook_refuses(units, east_page):
    """The model's copy of the extension rule agrees with Workbook.request_extension."""
    east = units.wb.as_user("east")
    for key in ("late", "near"):
        opened(east_page, units.tasks[key])
        try:
            east.request_extension(units.tasks[key], date(2027, 3, 1), "a reason")
            refused = False
        except ValidationError as exc:
            refused = "before the deadline has passed" in exc.errors["new_deadline"]
        assert east_page.model.extension_too_late() is refused is (key == "late")


def test_closure_returned_with_the_offices_comment_reported_again_and_closed(units, east_page):
    task, office = units.tasks["near"], units.wb
    page = opened(east_page, task)
    page.text.value = "All stations inspected"
    page.send_closure.click()
    assert "Closure requested" in page.report_messages.value
    assert office.task(task)["status"] == "closure_requested"
    assert page.report_form.layout.display == "none"
    office.return_task(task, "Photos of station 5 are missing")
    page.model.refresh()
    assert "Returned by the office: Photos" in page.returned.value
    assert "Photos of station 5 are missing" in page.returned.value
    assert "Photos of station 5 are missing" in page.timeline.value
    page.text.value = "Station 5 photographed"
    page.send_closure.click()
    assert page.returned.value == ""
    office.close(task, "ok")
    page.model.refresh()  # read again: a closed task leaves the list of open ones
    assert page.model.task_id is None and page.detail.layout.display == "none"
    page.show_closed.value = True
    page.choose.value = task
    assert "closed" in page.timeline.value
    timeline = office.task_timeline(task)["what"].tolist()
    assert timeline == [
        "assigned",
        "closure_request",
        "returned",
        "closure_request",
        "closed",
    ]


def test_a_standing_directive_shows_its_periods(units, east_page):
    task = units.tasks["weekly"]
    assert "week of 2026-11-16: due this period" in east_page.standing.value
    assert east_page.choose.index == 0  # "choose a task" shows while none is open
    page = opened(east_page, task)
    assert page.periods_box.layout.display == ""
    assert "due this period" in page.periods.value
    page.percent.value = 10
    page.text.value = "Ledger of week 47"
    page.send_report.click()
    assert "week of 2026-11-16: sent" in page.standing.value
    assert "sent" in page.periods.value and "due this period" not in page.periods.value
    opened(page, units.tasks["near"])
    assert page.periods_box.layout.display == "none"


def test_the_office_chooses_the_unit_and_acts_for_it(units, kit):
    page = kit.build(units.wb)
    assert page.model.for_office and page.unit.layout.display != "none"
    page.unit.value = units.wb.find_unit("西街街道")["id"]
    assert listed_ids(page) == [units.tasks["west"]]
    opened(page, units.tasks["west"]).acknowledge.click()
    event = units.wb.store.one("SELECT actor FROM events WHERE action = 'acknowledge'")
    assert event["actor"] == "clerk"
    assert "Task acknowledged" in page.detail_messages.value


def test_a_reporter_has_no_unit_to_choose(units, east_page):
    assert east_page.model.for_office is False and east_page.unit.options == ()


def test_an_action_refused_by_the_rules_shows_in_the_form(units, east_page):
    page = opened(east_page, units.tasks["new"])
    units.wb.as_user("east").acknowledge(units.tasks["new"])  # done meanwhile, elsewhere
    page.acknowledge.click()
    assert "cannot acknowledge" in page.detail_messages.value
    assert 'class="duban-msg error"' in page.detail_messages.value


def test_the_page_in_chinese(units, kit):
    set_language("zh_CN")
    page = kit.build(units.wb.as_user("east"))
    assert "红灯" in page.table.value and "逾期6天" in page.table.value
    opened(page, units.tasks["new"])
    assert page.acknowledge.description == "签收"
    assert "：" in page.heading.value


def test_view_builds_for_open_page(units):
    widget = view(units.wb.as_user("east"))
    shown = [c.value for c in widget.children if isinstance(c, w.HTML)]
    assert ">Tasks</div>" in "".join(shown)
    assert any("Clear the blocked evacuation routes" in text for text in shown)


def test_opening_another_task_empties_the_forms(units, kit):
    """What was typed for one task is never sent for the next one opened."""
    east = units.wb.as_user("east")
    east.report_progress(units.tasks["new"], 40, "Half of the exits checked")
    page = opened(kit.build(east), units.tasks["near"])
    page.percent.value = 70
    page.text.value = "Meant for the gas stations"
    page.upload.value = kit.upload(("station.jpg", kit.photo()))
    page.new_deadline.value = date(2026, 11, 17)  # before the deadline: refused
    page.reason.value = "Meant for the gas stations too"
    page.send_extension.click()  # refused: errors under the fields
    assert page.extension_errors["new_deadline"].value
    opened(page, units.tasks["new"])
    assert page.percent.value == 40  # the task's own
    assert (page.text.value, page.upload.value, page.chosen_files.value) == ("", (), "")
    assert (page.new_deadline.value, page.reason.value) == (None, "")
    assert page.extension_errors["new_deadline"].value == page.extension_messages.value == ""
    page.send_report.click()
    texts = units.wb.store.rows(
        "SELECT text FROM progress_reports WHERE task_id = ?", [units.tasks["new"]]
    )
    assert "Meant for the gas stations" not in [r["text"] for r in texts]


def test_the_list_redraws_without_the_detail(units, east_page, kit, monkeypatch):
    """Toggling closed tasks or turning pages leaves the task opened (and what was typed) as it
    is; its detail is drawn when another task is opened and after an action."""
    drawn = []
    real = evidence.evidence_html
    monkeypatch.setattr(evidence, "evidence_html", lambda files: drawn.append(1) or real(files))
    page = opened(east_page, units.tasks["near"])
    assert len(drawn) == 1
    page.text.value = "typed"
    page.show_closed.value = True
    page.show_closed.value = False
    page.pager.later.click()
    assert len(drawn) == 1 and page.text.value == "typed"
    page.send_report.click()
    assert len(drawn) == 2 and "Progress reported" in page.report_messages.value


def test_a_failing_file_list_shows_in_the_form(units, east_page, kit, monkeypatch):
    def broken(_size: int) -> str:
        raise RuntimeError("size unknown")

    monkeypatch.setattr(my_tasks, "size_text", broken)
    page = opened(east_page, units.tasks["near"])
    page.upload.value = kit.upload(("plan.pdf", b"%PDF-1.4 x"))
    assert "Unexpected error: size unknown" in page.report_messages.value


def test_a_closure_request_is_the_task_done_whatever_the_percent_field_says(units, east_page):
    task = units.tasks["near"]
    page = opened(east_page, task)
    page.percent.value = 60
    page.text.value = "All exits cleared"
    page.send_closure.click()
    row = units.wb.store.one(
        "SELECT percent, closure_request FROM progress_reports WHERE task_id = ? "
        "ORDER BY id DESC LIMIT 1",
        [task],
    )
    assert row == {"percent": 100, "closure_request": 1}


def test_acting_with_no_task_open_is_refused_in_words(units, east_page):
    for button, messages in (
        (east_page.acknowledge, east_page.detail_messages),
        (east_page.send_report, east_page.report_messages),
    ):
        button.click()
        assert "Choose a task first." in messages.value
        assert "Unexpected" not in messages.value

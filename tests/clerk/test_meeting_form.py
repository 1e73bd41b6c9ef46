"""Step 1: the meeting form, its checks shown next to each field, uploads of .txt and .docx."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from docx import Document

from duban.infra.textfiles import decode_text
from duban.models.log_meeting import DIRECTIVES, MEETING, LogMeeting
from duban.widgets.log_meeting import LogMeetingView


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(app, name: str, content: bytes) -> None:
    """What the browser sends when a file is chosen."""
    app.meeting.upload.value = (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 11, 16),
        },
    )


def test_next_checks_the_meeting_and_proposes_the_directives(app, report, office):
    app.meeting.title.value = "春节期间安全生产工作部署会"
    app.meeting.kind.value = "special"
    app.meeting.presider.value = "于洋杰"
    app.meeting.speakers.value = "于洋杰、李明"
    app.meeting.text.value = report
    app.next.click()
    assert app.model.step == DIRECTIVES
    assert app.model.form.fields()["speakers"] == ["于洋杰", "李明"]
    assert len(app.model.review.items) == 5
    assert app.model.review.items[2].marker == "一是"
    assert office.meetings().empty  # nothing is logged before Save


def test_bad_fields_are_shown_next_to_them_and_nothing_is_written(app, office, today):
    app.meeting.title.value = "   "
    app.meeting.held_on.value = today + timedelta(days=5)
    app.next.click()
    assert app.model.step == MEETING
    assert "must not be empty" in app.meeting.errors["title"].value
    assert "lies in the future" in app.meeting.errors["held_on"].value
    assert app.meeting.errors["kind"].value == ""
    assert "correct the marked fields" in app.problem.value
    assert office.meetings().empty


def test_the_upstream_meeting_is_picked_from_those_logged(app, office):
    earlier = office.log_meeting(
        "全市安全生产电视电话会议", "video_conference", "municipal", date(2026, 11, 10)
    )
    app.meeting.refresh_upstream()
    labels = dict(app.meeting.upstream_meeting_id.options)
    assert labels["2026-11-10 全市安全生产电视电话会议"] == earlier
    app.meeting.upstream_meeting_id.value = earlier
    assert app.model.form.fields()["upstream_meeting_id"] == earlier
    app.meeting.upstream_meeting_id.value = 0
    assert app.model.form.fields()["upstream_meeting_id"] is None


def test_a_gb18030_text_file_fills_the_text(app, report):
    upload(app, "report.txt", report.encode("gb18030"))
    assert app.meeting.text.value == report
    assert app.meeting.errors["file"].value == ""


def test_a_docx_file_fills_the_text(app):
    upload(app, "report.docx", docx_bytes("会议要求：", "一是要抓好燃气安全；二是要抓好消防安全。"))
    assert app.model.form.text == "会议要求：\n一是要抓好燃气安全；二是要抓好消防安全。"


def test_another_kind_of_file_is_refused_next_to_the_upload(app):
    app.meeting.text.value = "kept"
    upload(app, "report.pdf", b"%PDF-1.4")
    assert "only .txt and .docx" in app.meeting.errors["file"].value
    assert app.meeting.text.value == "kept"
    upload(app, "broken.docx", b"not a zip")
    assert "cannot be read" in app.meeting.errors["file"].value


def test_the_page_lists_the_logged_meetings_once_when_it_opens_and_again_when_back_at_step_1(
    office, monkeypatch
):
    calls = []
    meetings = office.meetings
    monkeypatch.setattr(office, "meetings", lambda *a, **k: calls.append(1) or meetings(*a, **k))
    app = LogMeetingView(LogMeeting(office))
    assert len(calls) == 1
    app.meeting.title.value = "部署会"
    app.meeting.text.value = "会议要求：一是要抓好燃气安全；二是要抓好消防安全。"
    app.next.click()
    assert app.model.step == DIRECTIVES and len(calls) == 1
    app.back.click()
    assert len(calls) == 2


def test_text_files_are_utf8_with_or_without_a_bom_or_gb18030(app):
    text = "会议要求：一是要抓好燃气安全。"
    assert (
        decode_text(text.encode("utf-8"))
        == decode_text(b"\xef\xbb\xbf" + text.encode("utf-8"))
        == text
    )
    assert decode_text(text.encode("gb18030")) == text
    with pytest.raises(ValueError, match="neither UTF-8 nor GB18030"):
        decode_text(b"\xff\xfe\xff\xff")
    upload(app, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert app.model.form.text == text
    upload(app, "bad.txt", b"\xff\xfe\xff\xff")
    assert "is not a UTF-8 or GB18030 text file" in app.meeting.errors["file"].value
    assert app.model.form.text == text

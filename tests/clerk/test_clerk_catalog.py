"""The clerk's strings are all translated, and the page is in Chinese when the kit is."""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file

from duban.i18n import catalog, set_language
from duban.models.log_meeting import LogMeeting
from duban.widgets.log_meeting import LogMeetingView

ROOT = Path(__file__).resolve().parents[2]
CLERK_FILES = [
    "duban/service/deployments.py", "duban/notices.py", *(f"duban/models/{n}.py" for n in
    ("labels", "meeting_form", "directive_review", "assign_step", "log_meeting")),
    *(f"widgets/{n}.py" for n in ("form_parts", "meeting_form", "directive_review", "assign_step", "save_step",
                                  "log_meeting")),
]


def test_every_clerk_string_has_a_chinese_translation():
    chinese = catalog("zh_CN")
    strings = {message for path in CLERK_FILES
               for _line, message, _comments, _context in extract_from_file("python", ROOT / path)}
    assert len(strings) > 100
    missing = sorted(s for s in strings if s not in chinese or not chinese[s].string)
    assert missing == []


def test_the_page_speaks_chinese(office):
    set_language("zh_CN")
    app = LogMeetingView(LogMeeting(office))
    assert app.next.description == "下一步"
    assert dict(app.meeting.kind.options)["专题部署会"] == "special"
    app.next.click()
    assert "请更正标出的字段" in app.problem.value
    assert app.meeting.errors["title"].value != ""

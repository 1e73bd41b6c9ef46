"""The clerk's page is in Chinese when the kit is (tests/core/test_i18n.py checks every string)."""

from __future__ import annotations

from duban.infra.i18n import set_language
from duban.models.log_meeting import LogMeeting
from duban.widgets.log_meeting import LogMeetingView


def test_the_page_speaks_chinese(office):
    set_language("zh_CN")
    app = LogMeetingView(LogMeeting(office))
    assert app.next.description == "下一步"
    assert dict(app.meeting.kind.options)["专题部署会"] == "special"
    app.next.click()
    assert "请更正标出的字段" in app.problem.value
    assert app.meeting.errors["title"].value != ""

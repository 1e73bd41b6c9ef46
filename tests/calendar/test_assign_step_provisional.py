"""The clerk's step 3 shows that a deadline counted into a year the calendar does not know is
provisional (the warning Workbook.resolve_deadline returns reaches the card)."""

from __future__ import annotations

import html
from datetime import date

from duban.infra import clock
from duban.models.log_meeting import LogMeeting
from duban.widgets.log_meeting import LogMeetingView

TEXT = "会议要求：一是各街道要开展烟花爆竹安全检查；二是区应急管理局要加强督导。"


def step_three(office) -> LogMeetingView:
    app = LogMeetingView(LogMeeting(office))
    app.meeting.title.value = "岁末年初安全生产部署会"
    app.meeting.held_on.value = date(2026, 12, 28)
    app.meeting.text.value = TEXT
    app.next.click()
    app.next.click()
    return app


def test_a_deadline_into_2027_says_it_is_provisional_until_2027_is_entered(office):
    with clock.frozen(date(2026, 12, 29)):
        card = step_three(office).assign.card(1)
        card.deadline.days.value = 5
        assert "deadline 2027-01-05" in card.reach.value
        assert "Provisional" in card.reach.value and "2027" in card.reach.value
        office.enter_holiday("2027-01-01", "holiday", "元旦")
        card.deadline.days.value = 4
        card.deadline.days.value = 5
        shown = html.unescape(card.reach.value)
        assert "deadline 2027-01-06" in shown and "Provisional" not in shown

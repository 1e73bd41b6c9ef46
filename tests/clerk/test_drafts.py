"""Drafts: unsaved meetings kept after every change; listed, resumed, discarded by their owner."""

from __future__ import annotations

import sqlite3

import pytest

from duban.infra.errors import NotFoundError, ValidationError
from duban.models.log_meeting import ASSIGN, LogMeeting
from duban.widgets.log_meeting import LogMeetingView


def test_the_drafts_api_keeps_each_users_own(office):
    draft_id = office.save_draft({"step": 0}, title="会议")
    assert office.save_draft({"step": 1}, title="会议 2", draft_id=draft_id) == draft_id
    assert list(office.drafts().title) == ["会议 2"]
    assert office.load_draft(draft_id) == {"step": 1}
    other = office.as_user("admin")  # may keep drafts too, but not see the clerk's
    assert other.drafts().empty
    with pytest.raises(NotFoundError):
        other.load_draft(draft_id)
    with pytest.raises(NotFoundError):
        other.discard_draft(draft_id)
    with pytest.raises(ValidationError) as caught:
        office.save_draft({"x": object()}, title="bad")
    assert "payload" in caught.value.errors
    office.discard_draft(draft_id)
    assert office.drafts().empty


def test_every_change_is_kept_and_can_be_resumed_in_a_new_page(at_assign, office):
    card = at_assign.assign.card(2)
    card.lead.value = ["东街街道"]
    card.cycle.value = "weekly"
    at_assign.directives.card(1).text.value = "要高度重视春节期间安全生产工作"
    assert list(office.drafts().title) == ["春节期间安全生产工作部署会"]

    later = LogMeetingView(LogMeeting(office))  # the clerk comes back another day
    assert later.drafts.choice.options[0][1] == at_assign.model.draft_id
    later.drafts.resume.click()
    assert later.messages.value == ""
    assert later.model.step == ASSIGN
    assert later.model.review.items[0].text == "要高度重视春节期间安全生产工作"
    assert later.assign.card(2).lead.value == ["东街街道"]
    assert later.assign.card(2).cycle.value == "weekly"
    assert len(office.drafts()) == 1  # resuming does not copy the draft


def test_one_click_on_discard_deletes_nothing_it_asks_first(at_assign, office):
    bar = at_assign.drafts
    bar.discard.click()
    assert len(office.drafts()) == 1 and at_assign.model.step == 2
    assert bar.asking.layout.display == ""
    assert (
        "Discard the draft of 春节期间安全生产工作部署会 (2026-11-16 09:00)?" in bar.question.value
    )
    bar.keep.click()
    assert bar.asking.layout.display == "none" and len(office.drafts()) == 1
    bar.discard.click()
    bar.confirm.click()
    assert office.drafts().empty and bar.asking.layout.display == "none"


def test_discarding_the_open_draft_starts_afresh(at_assign, office):
    at_assign.drafts.discard.click()
    at_assign.drafts.confirm.click()
    assert office.drafts().empty
    assert at_assign.model.step == 0 and at_assign.meeting.title.value == ""
    assert at_assign.drafts.resume.layout.display == "none"


def test_saving_removes_the_draft(at_assign, office):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = ["南街街道"]
    at_assign.next.click()
    at_assign.save.save.click()
    assert office.drafts().empty and at_assign.model.draft_id is None
    at_assign.another.click()
    assert at_assign.model.step == 0 and at_assign.model.saved is None


def test_an_empty_form_leaves_no_draft(app, office):
    app.meeting.location.value = "区政府"
    assert office.drafts().empty


def test_a_draft_that_cannot_be_kept_is_said_so_on_the_page(app, office, monkeypatch, caplog):
    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(office, "save_draft", locked)
    app.meeting.title.value = "部署会"
    assert "The draft could not be kept: database is locked" in app.problem.value
    assert "database is locked" in caplog.text
    assert app.model.form.title == "部署会"  # the change itself is kept on the page


def test_a_draft_kept_before_the_assign_state_was_a_dict_resumes(office):
    east = office.find_unit("东街街道")["id"]
    text = "一是要排查燃气隐患。"
    kept_by_the_old_code = {
        "step": ASSIGN,
        "meeting": {
            "title": "旧草稿",
            "kind": "plenary",
            "level": "district",
            "held_on": "2026-11-16",
            "location": "",
            "presider": "",
            "speakers": "",
            "attendees": "",
            "upstream_meeting_id": None,
            "doc_number": "",
            "text": text,
        },
        "review": {
            "source": text,
            "items": [
                {
                    "uid": "d1",
                    "text": "要排查燃气隐患。",
                    "areas": ["gas"],
                    "marker": "一是",
                    "speaker": None,
                    "parent": None,
                    "mentions": [],
                }
            ],
        },
        "assign": [
            {
                "uid": "d1",
                "deadline_mode": "date",
                "deadline_days": 10,
                "cycle": "weekly",
                "deadline_date": "2026-12-01",
                "lead": [["unit", east]],
                "cooperating": [],
                "suggested": [],
            }
        ],
    }
    draft_id = office.save_draft(kept_by_the_old_code, title="旧草稿")
    page = LogMeetingView(LogMeeting(office))
    page.model.resume(draft_id)
    card = page.assign.card(1)
    assert (page.model.step, card.lead.value, card.cycle.value) == (ASSIGN, ["东街街道"], "weekly")
    assert card.deadline.on.value.isoformat() == "2026-12-01"
    card.cycle.value = "monthly"  # the next change keeps the draft in today's form
    (stored,) = office.load_draft(draft_id)["assign"]["assignments"]
    assert (stored["lead"], stored["cycle"]) == ([["unit", east]], "monthly")

"""Step 3: units and groups per directive (suggested from the text), roles, deadlines, cycles."""

from __future__ import annotations

import sqlite3
from datetime import date

from duban.models.log_meeting import ASSIGN, PREVIEW
from duban.service.tasks import MAX_WORKING_DAYS

MENTIONING = (
    "会议要求：一是各街道要开展燃气安全隐患排查；"
    "二是区应急管理局要牵头加强督导检查，区消防救援大队配合。"
)
ALL_STREETS = "所有街道 / All streets (group of 3)"


def test_units_named_in_the_text_are_suggested(app):
    app.meeting.title.value = "燃气安全部署会"
    app.meeting.text.value = MENTIONING
    app.next.click()
    app.next.click()
    first, second = app.assign.card(1), app.assign.card(2)
    assert first.lead.value == [ALL_STREETS]
    assert (
        "Suggested from the text" in first.suggestion.value
        and ALL_STREETS in first.suggestion.value
    )
    assert "Reaches 3 units (3 lead, 0 cooperating)" in first.reach.value
    assert second.lead.value == ["区应急管理局 / Emergency Bureau", "区消防救援大队"]
    second.lead.value = ["区应急管理局 / Emergency Bureau"]
    second.cooperating.value = ["区消防救援大队"]
    assert "Reaches 2 units (1 lead, 1 cooperating)" in second.reach.value
    second.lead.value, second.cooperating.value = [], []
    assert second.suggestion.value == ""


def test_a_deadline_in_working_days_is_shown_as_a_date(at_assign, today):
    card = at_assign.assign.card(1)
    card.lead.value = [ALL_STREETS]
    card.deadline.mode.value = "days"
    card.deadline.days.value = 5
    assert "deadline 2026-11-23" in card.reach.value  # Monday 16th + 5 working days
    card.deadline.mode.value = "date"
    card.deadline.on.value = date(2026, 12, 31)
    assert "deadline 2026-12-31" in card.reach.value
    assert card.deadline.days.layout.display == "none"


def test_copy_to_next_and_one_deadline_for_all(at_assign):
    first = at_assign.assign.card(1)
    first.lead.value = ["东街街道"]
    first.cooperating.value = ["区消防救援大队"]
    first.cycle.value = "monthly"
    first.copy_to_next.click()
    second = at_assign.model.assign.assignments[1]
    assert (second.lead, second.cooperating, second.cycle) == (
        ["东街街道"],
        ["区消防救援大队"],
        "monthly",
    )
    at_assign.assign.all_deadline.mode.value = "date"
    at_assign.assign.all_deadline.on.value = date(2026, 12, 20)
    at_assign.assign.apply_to_all.click()
    assert {a.deadline() for a in at_assign.model.assign.assignments} == {date(2026, 12, 20)}


def test_unassigned_directives_are_marked_and_nothing_is_written(at_assign, office):
    at_assign.assign.card(1).lead.value = [ALL_STREETS]
    at_assign.next.click()
    assert at_assign.model.step == ASSIGN
    assert at_assign.assign.card(1).errors["lead_units"].value == ""
    assert (
        "choose at least one unit or group" in at_assign.assign.card(2).errors["lead_units"].value
    )
    assert "Nothing was saved" in at_assign.problem.value
    assert office.meetings().empty and office.tasks().empty
    at_assign.assign.card(2).lead.value = [ALL_STREETS]
    assert at_assign.assign.card(2).errors["lead_units"].value == ""


def test_a_deadline_before_the_meeting_is_marked_on_its_directive(at_assign, office):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = ["南街街道"]
    at_assign.assign.card(4).deadline.mode.value = "date"
    at_assign.assign.card(4).deadline.on.value = date(2026, 1, 5)
    at_assign.next.click()
    assert at_assign.model.step == ASSIGN
    assert "lies before the meeting" in at_assign.assign.card(4).errors["deadline"].value
    assert office.events(entity="meetings").empty


def test_all_assigned_leads_to_the_preview(at_assign):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = [ALL_STREETS]
    at_assign.next.click()
    assert at_assign.model.step == PREVIEW
    assert len(at_assign.model.preview.tasks) == 15


def test_targets_go_to_the_workbook_as_chosen_and_its_rule_gives_the_counts(at_assign, office):
    assignment = at_assign.model.assign.assignments[0]
    assignment.lead = ["东街街道"]
    assignment.cooperating = ["东街街道", ALL_STREETS]
    targets = assignment.targets(at_assign.model.assign.catalog)
    assert [(t.role, t.group) for t in targets] == [
        ("lead", False),
        ("cooperating", False),
        ("cooperating", True),
    ]
    roles = office.expand_targets(targets)
    leads = sum(role == "lead" for role in roles.values())
    assert (
        f"Reaches {len(roles)} units ({leads} lead, {len(roles) - leads} cooperating)"
        in at_assign.assign.card(1).reach.value
    )
    assert (
        "Reaches 3 units (1 lead, 2 cooperating)" in at_assign.assign.card(1).reach.value
    )  # lead wins


def test_an_unexpected_error_working_out_the_reach_is_shown_on_the_card(
    at_assign, office, monkeypatch, caplog
):
    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(office, "expand_targets", locked)
    at_assign.assign.card(1).lead.value = ["东街街道"]
    assert (
        "Cannot work out whom this reaches yet: database is locked"
        in at_assign.assign.card(1).reach.value
    )
    assert "database is locked" in caplog.text


def test_an_error_showing_a_card_reaches_the_page(at_assign, monkeypatch):
    card = at_assign.assign.card(1)
    monkeypatch.setattr(card.step, "reach", lambda _a: 1 / 0)
    card.lead.value = ["东街街道"]
    assert "Unexpected error: division by zero" in at_assign.messages.value


def test_the_working_days_input_takes_the_workbooks_range(at_assign):
    days = at_assign.assign.card(1).deadline.days
    assert (days.min, days.max) == (1, MAX_WORKING_DAYS)

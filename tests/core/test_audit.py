"""Every change appends an audit event: who, when, what, before, after."""

from __future__ import annotations

import json
from datetime import date

import pytest

from duban.infra.errors import PermissionDeniedError


def test_assignment_and_report_leave_events_with_actor_and_values(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect markets", areas=["crowded_places"])
    task_id = office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]
    office.as_user("east").report_progress(task_id, 40, "markets listed")
    events = office.events("tasks", task_id)
    assert events["action"].tolist() == ["report", "assign"]
    report, assign = events.to_dict("records")
    assert (assign["actor"], report["actor"]) == ("clerk", "east")
    assert json.loads(assign["after"])["deadline"] == "2026-11-30"
    assert json.loads(report["before"]) == {
        "status": "assigned",
        "percent": 0,
        "updated_at": "2026-11-16T09:00:00",
    }
    assert json.loads(report["after"])["status"] == "in_progress"
    assert report["at"] == "2026-11-16T09:00:00"


def test_rename_records_the_old_and_new_name(admin):
    unit = admin.add_unit("东街街道", "street")
    admin.rename_unit(unit, "东城街道")
    event = admin.events("units", unit).iloc[0]
    assert json.loads(event["before"])["name"] == "东街街道"
    assert json.loads(event["after"])["name"] == "东城街道"


def test_deleting_a_directive_keeps_its_text_in_the_audit(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "A duplicate item")
    office.delete_directive(directive)
    event = office.events("directives", directive).iloc[0]
    assert event["action"] == "delete_directive"
    assert json.loads(event["before"])["text"] == "A duplicate item"


def test_a_refused_action_writes_no_event(office):
    before = office.store.db["events"].count
    with pytest.raises(PermissionDeniedError):
        office.as_user("leader").log_meeting("Plenary", "plenary", "district", "2026-11-10")
    assert office.store.db["events"].count == before


def test_reporter_cannot_act_on_another_units_task(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect markets")
    task_id = office.assign(directive, ["西街街道"], date(2026, 11, 30)).task_ids[0]
    with pytest.raises(PermissionDeniedError, match="another unit"):
        office.as_user("east").acknowledge(task_id)
    assert office.task(task_id)["status"] == "assigned"

"""Rules of saving a whole deployment that belong to the service, not to the clerk's page."""

from __future__ import annotations

import pytest

from duban.infra.errors import PermissionDeniedError, ValidationError
from duban.service.deployments import DirectivePlan
from duban.service.tasks import Target

MEETING = {"title": "Plenary", "kind": "plenary", "level": "district", "held_on": "2026-11-10"}


def test_a_sub_item_before_its_parent_is_refused_and_nothing_is_written(office):
    plans = [
        DirectivePlan("Inspect markets", targets=[Target("东街街道")], deadline=5, parent=1),
        DirectivePlan("Prevent first", targets=[Target("东街街道")], deadline=5),
    ]
    with pytest.raises(ValidationError) as raised:
        office.save_deployment(MEETING, plans)
    assert "directive 1: parent_id" in raised.value.errors
    assert office.store.db["meetings"].count == 0 and office.store.db["tasks"].count == 0


def test_only_those_who_log_meetings_keep_drafts(office):
    draft = office.save_draft({"meeting": MEETING}, title="Plenary")
    for login in ("leader", "analyst", "east"):
        with pytest.raises(PermissionDeniedError):
            office.as_user(login).save_draft({"meeting": MEETING}, title="mine")
    with pytest.raises(PermissionDeniedError):
        office.as_user("leader").discard_draft(draft)
    assert office.store.db["drafts"].count == 1


def test_logging_the_same_meeting_twice_warns(office):
    plans = [DirectivePlan("Inspect markets", targets=[Target("东街街道")], deadline=5)]
    first = office.save_deployment(MEETING, plans)
    assert first.warnings == []
    preview = office.save_deployment(MEETING, plans, dry_run=True)
    assert any(f"no. {first.meeting_id}" in w for w in preview.warnings)

"""Step 4: the preview, and Save writing meeting, directives and tasks in one transaction."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from duban.infra.errors import ValidationError
from duban.models.log_meeting import PREVIEW
from duban.service.deployments import DirectivePlan, parse_directive_key
from duban.service.tasks import Target

MEETING = {
    "title": "区安委会全体会议",
    "kind": "plenary",
    "level": "district",
    "held_on": date(2026, 11, 16),
}
ALL_STREETS = "All streets (group of 3)"  # the group's label in the English UI


def counts(wb) -> tuple[int, int, int]:
    row = wb.store.one(
        "SELECT (SELECT COUNT(*) FROM meetings) m, (SELECT COUNT(*) FROM directives) d,"
        " (SELECT COUNT(*) FROM tasks) t"
    )
    return row["m"], row["d"], row["t"]


def test_save_deployment_writes_everything_and_a_dry_run_nothing(office):
    plans = [
        DirectivePlan(
            "要开展燃气安全排查",
            ["gas"],
            marker="一是",
            targets=[Target("所有街道", group=True)],
            deadline=5,
        ),
        DirectivePlan(
            "要加强督导",
            targets=[Target("区应急管理局"), Target("东街街道", "cooperating")],
            deadline="2026-12-31",
            cycle="monthly",
            parent=0,
        ),
    ]
    dry = office.save_deployment(MEETING, plans, dry_run=True)
    assert not dry.saved and len(dry.tasks) == 5 and counts(office) == (0, 0, 0)
    saved = office.save_deployment(MEETING, plans)
    assert saved.saved and counts(office) == (1, 2, 5)
    directives = office.directives(saved.meeting_id)
    assert (
        pd.isna(directives.parent_id.iloc[0])
        and directives.parent_id.iloc[1] == saved.directive_ids[0]
    )
    tasks = office.tasks(meeting_id=saved.meeting_id)
    east = tasks[(tasks.unit == "东街街道")].sort_values("seq")
    assert list(east.role) == ["lead", "cooperating"]
    assert list(east.deadline) == ["2026-11-23", "2026-12-31"]
    assert [t.unit for t in saved.tasks] == list(tasks.unit)


def test_one_bad_directive_writes_nothing_and_says_which(office):
    plans = [
        DirectivePlan("要开展燃气安全排查", targets=[Target("所有街道", group=True)], deadline=5),
        DirectivePlan("   ", targets=[Target("东街街道")], deadline=5),
        DirectivePlan("要加强督导", targets=[Target("不存在的局")], deadline=5),
    ]
    with pytest.raises(ValidationError) as caught:
        office.save_deployment(MEETING, plans)
    assert {parse_directive_key(k) for k in caught.value.errors} == {(1, "text"), (2, "lead_units")}
    assert counts(office) == (0, 0, 0)
    assert office.events(entity="tasks").empty


def test_the_preview_lists_tasks_per_directive_and_per_unit_then_save_writes_them(
    at_assign, office, tmp_path
):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = [ALL_STREETS]
    at_assign.model.assign.assignments[4].cooperating = ["区消防救援大队"]
    at_assign.next.click()
    assert at_assign.model.step == PREVIEW
    summary = at_assign.save.summary.value
    assert "Per directive" in summary and "Per unit" in summary and "区消防救援大队" in summary
    assert "5 (cooperating)" in summary
    assert counts(office) == (0, 0, 0)
    at_assign.save.save.click()
    assert counts(office) == (1, 5, 16)
    assert "Saved: 16 tasks assigned from 5 directives" in at_assign.save.saved_message.value
    assert at_assign.save.save.disabled
    at_assign.save.save.click()  # a second click (or a replayed message) writes nothing more
    assert counts(office) == (1, 5, 16)


def test_a_failing_save_leaves_the_database_as_it_was(at_assign, office, monkeypatch):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = [ALL_STREETS]
    at_assign.next.click()
    calls = []

    def fail_on_third(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    original = type(office).assign
    monkeypatch.setattr(type(office), "assign", lambda self, *a, **k: fail_on_third(self, *a, **k))
    at_assign.save.save.click()
    assert "Unexpected error: disk full" in at_assign.messages.value
    assert counts(office) == (0, 0, 0)
    assert at_assign.model.saved is None


def test_notices_that_cannot_be_written_do_not_unsay_the_save_and_can_be_written_again(
    at_assign, office
):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = [ALL_STREETS]
    at_assign.next.click()
    assert not office.drafts().empty and at_assign.drafts.choice.options
    blocker = office.store.path.parent / "notices"
    blocker.write_text("a file where the notices folder should be")
    at_assign.save.save.click()
    assert counts(office) == (1, 5, 15)
    assert "Nothing was saved" not in at_assign.messages.value + at_assign.problem.value
    assert "Saved: 15 tasks" in at_assign.save.saved_message.value
    assert "Saved; the notices could not be written" in at_assign.save.notices_message.value
    assert at_assign.save.retry_row in at_assign.save.done.children
    assert at_assign.save.notices_view is None
    assert (
        at_assign.model.drafts == [] and at_assign.drafts.choice.options == ()
    )  # the saved draft is gone

    blocker.unlink()
    at_assign.save.retry_notices.click()
    assert at_assign.model.notices_problem == "" and at_assign.save.notices_view is not None
    assert at_assign.save.notices_view in at_assign.save.done.children
    assert len(at_assign.save.notices_view.files.docx) == 3
    assert counts(office) == (1, 5, 15)

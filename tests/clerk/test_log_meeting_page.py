"""The clerk page's shell: the step line, the size of the meeting text, the page's problem line."""

from __future__ import annotations

from duban.infra.config import Settings
from duban.infra.errors import ValidationError
from duban.models.log_meeting import ASSIGN, DIRECTIVES, MEETING, PREVIEW
from duban.widgets.log_meeting import LogMeetingView


def states(app: LogMeetingView) -> list[tuple[str, bool]]:
    """(kind, clickable) of each step of the step line."""
    return [
        (next(c for c in ("done", "current", "later") if c in b._dom_classes), not b.disabled)
        for b in app.steps.buttons
    ]


def test_done_steps_are_buttons_back_later_steps_are_disabled(at_assign):
    assert states(at_assign) == [
        ("done", True),
        ("done", True),
        ("current", False),
        ("later", False),
    ]
    at_assign.steps.buttons[0].click()
    assert at_assign.model.step == MEETING and at_assign.meeting in at_assign.content.children
    assert states(at_assign)[1:] == [("later", False)] * 3
    at_assign.steps.buttons[2].click()  # a later step: only Next goes there, checking on the way
    assert at_assign.model.step == MEETING
    at_assign.next.click()
    assert at_assign.model.step == DIRECTIVES and len(at_assign.model.review.items) == 5


def test_no_step_is_clickable_once_saved(at_assign):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = ["南街街道"]
    at_assign.next.click()
    at_assign.save.save.click()
    assert at_assign.model.saved is not None
    assert [clickable for _kind, clickable in states(at_assign)] == [False] * 4
    assert at_assign.model.go_to(MEETING) is False and at_assign.model.step == PREVIEW


def test_next_at_assign_asks_for_corrections_without_speaking_of_saving(at_assign):
    at_assign.next.click()  # no lead units yet
    assert at_assign.model.step == ASSIGN
    assert "Please correct the marked fields." in at_assign.problem.value
    assert "Nothing was saved" not in at_assign.problem.value


def test_the_problem_line_clears_on_any_change_a_move_or_a_resume(at_assign):
    at_assign.next.click()
    assert at_assign.problem.value
    at_assign.assign.card(1).cycle.value = "weekly"  # the clerk goes on assigning
    assert at_assign.problem.value == ""
    at_assign.next.click()
    at_assign.back.click()
    assert at_assign.problem.value == ""
    at_assign.next.click()
    at_assign.next.click()
    assert at_assign.problem.value
    at_assign.drafts.resume.click()
    assert at_assign.problem.value == "" and at_assign.model.step == ASSIGN


def test_a_failed_save_says_nothing_was_saved(at_assign, office, monkeypatch):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = ["南街街道"]
    at_assign.next.click()
    assert at_assign.model.step == PREVIEW and at_assign.problem.value == ""
    checked = office.save_deployment

    def refused(*args, dry_run: bool = False, **kwargs):
        if not dry_run:  # e.g. a unit merged away since the preview
            raise ValidationError.single("directive 1: lead_units", "no such unit")
        return checked(*args, dry_run=dry_run, **kwargs)

    monkeypatch.setattr(office, "save_deployment", refused)
    at_assign.save.save.click()
    assert "Nothing was saved. Please correct the marked fields." in at_assign.problem.value
    assert office.meetings().empty


def test_the_text_size_is_shown_against_the_limit(app):
    limit = Settings().max_text_length
    app.meeting.text.value = "要" * 1234
    assert f"1,234 characters of at most {limit:,}" in app.size.value
    assert 'data-ok="{n} characters of at most' in app.size.value  # for the page's script
    assert app.size in app.content.children


def test_a_text_over_the_limit_is_refused_before_it_is_split(app):
    limit = Settings().max_text_length
    app.meeting.title.value = "部署会"
    app.meeting.text.value = "一是要查燃气。" * (limit // 7 + 1)
    assert "over" in app.size.value and "more than the" in app.size.value
    app.next.click()
    assert app.model.step == MEETING and app.model.review.items == []
    assert f"at most {limit}" in app.meeting.errors["text"].value

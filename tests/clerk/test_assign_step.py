"""Step 3: units and groups per directive (suggested from the text), roles, deadlines, cycles."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from duban.infra.errors import ValidationError
from duban.infra.i18n import set_language
from duban.models.assign_step import AssignStep, mention_roles
from duban.models.directive_review import PAGE_SIZE, DirectiveReview
from duban.models.log_meeting import ASSIGN, PREVIEW, LogMeeting
from duban.service.directive_edits import PlannedDirective
from duban.widgets.assign_step import AssignView
from duban.widgets.common import Messages
from duban.widgets.log_meeting import LogMeetingView
from duban.widgets.pager import problem_pages_text

MENTIONING = (
    "会议要求：一是各街道要开展燃气安全隐患排查；"
    "二是区应急管理局要牵头加强督导检查，区消防救援大队配合。"
)
ALL_STREETS = "All streets (group of 3)"  # the group's label in the English UI
EMERGENCY = "Emergency Bureau"  # 区应急管理局's English alias, its label in the English UI


def test_units_named_in_the_text_are_suggested(app):
    app.meeting.title.value = "燃气安全部署会"
    app.meeting.text.value = MENTIONING
    app.next.click()
    app.next.click()
    first, second = app.assign.card(1), app.assign.card(2)
    assert first.lead.value == [ALL_STREETS]
    assert (
        "Suggested from the text" in first.suggestions["lead"].value
        and ALL_STREETS in first.suggestions["lead"].value
    )
    assert "Reaches 3 units (3 lead, 0 cooperating)" in first.reach.value
    assert (second.lead.value, second.cooperating.value) == ([EMERGENCY], ["区消防救援大队"])
    assert "Reaches 2 units (1 lead, 1 cooperating)" in second.reach.value
    second.lead.value, second.cooperating.value = [], []
    assert second.suggestions["lead"].value == second.suggestions["cooperating"].value == ""


def test_each_suggestion_is_shown_once_under_the_list_it_is_in(app):
    app.meeting.title.value = "燃气安全部署会"
    app.meeting.text.value = MENTIONING
    app.next.click()
    app.next.click()
    second = app.assign.card(2)
    lead, cooperating = (second.suggestions[r].value for r in ("lead", "cooperating"))
    assert EMERGENCY in lead and "区消防救援大队" not in lead
    assert "区消防救援大队" in cooperating and EMERGENCY not in cooperating
    second.cooperating.value = ["区消防救援大队", EMERGENCY]  # the lead named twice
    assert EMERGENCY not in second.suggestions["cooperating"].value


@pytest.mark.parametrize(
    ("text", "mentions", "roles"),
    [
        (
            "区应急管理局牵头，各成员单位要配合做好检查。",
            ["区应急管理局", "各成员单位"],
            ["lead", "cooperating"],
        ),
        ("各成员单位要配合。", ["各成员单位"], ["cooperating"]),
        (
            "各街道要排查，区消防救援大队配合。",
            ["各街道", "区消防救援大队"],
            ["lead", "cooperating"],
        ),
        ("各街道要排查，区应急管理局要督导。", ["各街道", "区应急管理局"], ["lead", "lead"]),
        (
            "区应急管理局牵头，会同有关部门开展检查。",
            ["区应急管理局", "有关部门"],
            ["lead", "cooperating"],
        ),
        (
            "区应急管理局会同区消防救援大队开展检查。",
            ["区应急管理局", "区消防救援大队"],
            ["lead", "cooperating"],
        ),
        (
            "The Emergency Bureau takes the lead; all departments should cooperate.",
            ["Emergency Bureau", "all departments"],
            ["lead", "cooperating"],
        ),
        (
            "Each street shall inspect, in cooperation with the Fire Brigade.",
            ["Each street", "Fire Brigade"],
            ["lead", "cooperating"],
        ),
    ],
)
def test_the_text_says_who_leads_and_who_cooperates(text, mentions, roles):
    assert mention_roles(text, mentions) == dict(zip(mentions, roles, strict=True))


def test_a_group_mentioned_as_cooperating_is_not_made_lead(app):
    app.meeting.title.value = "部署会"
    app.meeting.text.value = (
        "会议要求：一是区应急管理局牵头开展燃气检查，各街道要配合。二是各街道要配合做好宣传。"
    )
    app.next.click()
    app.next.click()
    first, second = app.assign.card(1), app.assign.card(2)
    assert (first.lead.value, first.cooperating.value) == ([EMERGENCY], [ALL_STREETS])
    assert (second.lead.value, second.cooperating.value) == ([], [ALL_STREETS])


def test_unit_tags_show_the_name_in_the_ui_language_and_aliases_are_searched(office):
    set_language("zh_CN")
    page = LogMeetingView(LogMeeting(office))
    catalog = page.model.assign.catalog
    assert "区应急管理局" in catalog.labels and "所有街道（共 3 个单位）" in catalog.labels
    assert not [label for label in catalog.labels if "Emergency" in label or "All" in label]
    assert "Emergency Bureau（即区应急管理局）" in catalog.tags  # the English name is searched
    page.model.review.items = [PlannedDirective("d1", "要排查燃气隐患。")]
    page.model.assign.sync(page.model.review.items)
    card = page.assign.card(1)
    card.lead.value = ["Emergency Bureau（即区应急管理局）"]
    assert card.lead.value == page.model.assign.assignments[0].lead == ["区应急管理局"]
    assert card.lead.tooltip == "区应急管理局 / Emergency Bureau"  # every name, on hover
    card.lead.value = ["区应急管理局", "Emergency Bureau（即区应急管理局）"]
    assert card.lead.value == ["区应急管理局"]  # the same unit picked by another name: once
    set_language("en")
    assert "Emergency Bureau" in AssignStep(office).catalog.labels


def test_drafts_kept_with_the_old_labels_resume(office):
    east = office.find_unit("东街街道")["id"]
    step = AssignStep(office)
    step.set_state(
        {
            "assignments": [
                {
                    "uid": "d1",
                    "lead": [[None, "所有街道 / All streets (group of 3)"], ["unit", east]],
                    "cooperating": [[None, "区应急管理局 / Emergency Bureau"]],
                    "suggested": [[None, "所有街道 / All streets (group of 3)"]],
                    "deadline_mode": "days",
                    "deadline_days": 5,
                    "deadline_date": "2026-11-16",
                    "cycle": "none",
                }
            ]
        }
    )
    (assignment,) = step.assignments
    assert (assignment.lead, assignment.cooperating) == ([ALL_STREETS, "东街街道"], [EMERGENCY])
    assert assignment.suggested == [ALL_STREETS]
    assert step.reach(assignment).leads == 3
    stored = step.get_state()["assignments"][0]
    group = int(office.groups().id.iloc[0])
    assert stored["lead"] == [["group", group], ["unit", east]]


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
    assert at_assign.model.assign.common.deadline() == date(2026, 12, 20)
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
    assert "Please correct the marked fields" in at_assign.problem.value
    assert "Nothing was saved" not in at_assign.problem.value  # Next saves nothing anyway
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


def refusal(office, days: int) -> str:
    """The workbook's own words refusing `days` working days."""
    with pytest.raises(ValidationError) as refused:
        office.resolve_deadline(days)
    return refused.value.errors["deadline"]


@pytest.mark.parametrize("days", [0, -3])
def test_working_days_the_workbook_refuses_are_refused_on_the_field(at_assign, office, days):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = [ALL_STREETS]
    card = at_assign.assign.card(2)
    card.deadline.days.value = days
    assert at_assign.model.assign.assignments[1].deadline_days == days  # not made 1 silently
    assert refusal(office, days) in card.errors["deadline"].value
    assert "Cannot work out" not in card.reach.value and "deadline –" in card.reach.value
    at_assign.next.click()
    assert at_assign.model.step == ASSIGN
    assert refusal(office, days) in card.errors["deadline"].value
    assert office.meetings().empty


def test_one_deadline_for_all_that_the_workbook_refuses_changes_nothing(at_assign, office):
    everyone = at_assign.assign.all_deadline
    everyone.days.value = -3
    assert refusal(office, -3) in at_assign.assign.all_error.value
    at_assign.assign.apply_to_all.click()
    assert {a.deadline() for a in at_assign.model.assign.assignments} == {10}
    everyone.days.value = 5
    assert at_assign.assign.all_error.value == ""
    at_assign.assign.apply_to_all.click()
    assert {a.deadline() for a in at_assign.model.assign.assignments} == {5}


def test_switching_days_and_date_keeps_the_deadline(at_assign, office):
    card = at_assign.assign.card(1)
    card.lead.value = [ALL_STREETS]
    card.deadline.days.value = 5
    card.deadline.mode.value = "date"
    assert card.deadline.on.value == date(2026, 11, 23)  # the date 5 working days give
    assert "deadline 2026-11-23" in card.reach.value and card.errors["deadline"].value == ""
    card.deadline.on.value = date(2026, 12, 31)
    card.deadline.mode.value = "days"
    days = card.deadline.days.value
    assert office.resolve_deadline(days)[0] == date(2026, 12, 31)
    assert office.resolve_deadline(days - 1)[0] < date(2026, 12, 31)
    card.deadline.mode.value = "date"
    assert card.deadline.on.value == date(2026, 12, 31)


def test_a_missing_date_is_a_deadline_problem_not_a_units_one(at_assign):
    card = at_assign.assign.card(1)
    card.lead.value = [ALL_STREETS]
    card.deadline.mode.value = "date"
    card.deadline.on.value = None
    assert "must be a date" in card.errors["deadline"].value
    assert "Reaches 3 units" in card.reach.value and "Cannot work out" not in card.reach.value


def test_cards_are_numbered_as_the_documents_number_them(office):
    review, step = DirectiveReview(), AssignStep(office)
    review.items = [
        PlannedDirective("a", "要排查。"),
        PlannedDirective("b", "要整改。", parent="a"),
        PlannedDirective("c", "要督导。", parent="a"),
        PlannedDirective("d", "要宣传。"),
    ]
    step.sync(review.items)
    view = AssignView(step, review, Messages())
    headings = [view.card(n).heading.value for n in range(1, 5)]
    assert [h.split("</div>")[0].rsplit(">", 1)[1] for h in headings] == [
        "Directive 1",
        "Directive 1.1",
        "Directive 1.2",
        "Directive 2",
    ]


@pytest.fixture
def long_at_assign(app, report):
    """The page at step 3 with 65 directives: four pages of cards (20, 20, 20, 5)."""
    app.meeting.title.value = "部署会"
    app.meeting.text.value = "\n".join([report] * 13)
    app.next.click()
    app.next.click()
    assert app.model.step == ASSIGN and len(app.model.assign.assignments) == 65
    return app


def test_step_3_builds_a_page_of_cards_and_reuses_them_page_after_page(long_at_assign):
    view, step = long_at_assign.assign, long_at_assign.model.assign
    assert len(view.cards) == len(view.list.children) == PAGE_SIZE
    assert "1–20 of 65 (page 1 of 4)" in view.pagers[0].where.value
    first_cards = list(view.cards)
    view.pagers[1].later.click()
    assert view.cards == first_cards and "21–40 of 65" in view.pagers[0].where.value
    card = view.card(21)
    assert card.assignment is step.assignments[20] and "Directive 21" in card.heading.value
    card.lead.value = ["东街街道"]
    assert step.assignments[20].lead == ["东街街道"] and step.assignments[0].lead == []
    assert "Reaches 1 units" in card.reach.value
    view.pagers[0].earlier.click()
    assert view.card(1).lead.value == [] and view.card(1).assignment is step.assignments[0]
    for _turn in range(3):
        view.pagers[0].later.click()
    assert len(view.list.children) == 5 and view.pagers[0].later.disabled
    assert view.cards == first_cards  # no card was built for the later pages


def test_copy_to_next_crosses_to_the_next_page(long_at_assign):
    view, step = long_at_assign.assign, long_at_assign.model.assign
    last = view.card(20)
    last.lead.value, last.cycle.value = ["西街街道"], "weekly"
    last.copy_to_next.click()
    assert (step.assignments[20].lead, step.assignments[20].cycle) == (["西街街道"], "weekly")
    view.pagers[0].later.click()
    assert view.card(21).lead.value == ["西街街道"] and view.card(21).cycle.value == "weekly"


def test_same_deadline_for_all_reaches_the_directives_on_every_page(long_at_assign):
    view, step = long_at_assign.assign, long_at_assign.model.assign
    view.all_deadline.days.value = 7
    view.apply_to_all.click()
    assert {a.deadline() for a in step.assignments} == {7}
    view.pagers[0].later.click()
    assert view.card(21).deadline.days.value == 7  # the reused card shows the new one
    view.card(21).deadline.days.value = 3
    assert step.assignments[20].deadline() == 3 and step.assignments[21].deadline() == 7
    drafts = long_at_assign.model.wb.load_draft(long_at_assign.model.draft_id)["assign"]
    assert {a["deadline_days"] for a in drafts["assignments"]} == {3, 7}


def test_a_problem_on_page_3_is_found_from_page_1(long_at_assign, office):
    view, step = long_at_assign.assign, long_at_assign.model.assign
    for number, assignment in enumerate(step.assignments, start=1):
        if number not in (45, 47):
            assignment.lead = [ALL_STREETS]
    long_at_assign.next.click()
    assert long_at_assign.model.step == ASSIGN and office.meetings().empty
    assert step.problem_pages == [2]
    assert step.page == 2  # the page shown had none: the check turned to the first with one
    assert "choose at least one unit or group" in view.card(45).errors["lead_units"].value
    assert "To correct, on page 3" in view.pagers[0].problems.value
    view.card(45).lead.value = [ALL_STREETS]
    assert step.problem_pages == [2]  # 47 is still to correct
    view.pagers[0].earlier.click()
    view.pagers[0].earlier.click()
    assert step.page == 0 and view.pagers[0].to_problem.description == "Go to page 3"
    view.pagers[0].to_problem.click()
    assert step.page == 2
    view.card(47).lead.value = [ALL_STREETS]
    assert step.problem_pages == [] and view.pagers[0].problems.value == ""
    assert view.pagers[0].to_problem.layout.display == "none"
    long_at_assign.next.click()
    assert long_at_assign.model.step == PREVIEW


def test_a_check_shows_the_first_page_with_a_problem_whichever_was_shown(long_at_assign):
    view, step = long_at_assign.assign, long_at_assign.model.assign
    for number, assignment in enumerate(step.assignments, start=1):
        if number not in (5, 62):
            assignment.lead = [ALL_STREETS]
    for _turn in range(3):
        view.pagers[0].later.click()  # page 4, holding directive 62
    long_at_assign.next.click()
    assert step.problem_pages == [0, 3] and step.page == 0
    assert "To correct, on page 1, 4" in view.pagers[1].problems.value
    assert view.pagers[1].to_problem.description == "Go to page 4"
    view.pagers[1].to_problem.click()
    assert step.page == 3 and view.pagers[1].to_problem.description == "Go to page 1"
    assert "choose at least one unit or group" in view.card(62).errors["lead_units"].value


def test_a_resumed_long_draft_builds_one_page_of_cards(long_at_assign, office):
    long_at_assign.model.assign.assignments[64].lead = ["南街街道"]
    page = LogMeetingView(LogMeeting(office))  # the clerk resumes it another day
    page.drafts.resume.click()
    assert page.model.step == ASSIGN and len(page.model.assign.assignments) == 65
    assert len(page.assign.cards) == len(page.assign.list.children) == PAGE_SIZE
    assert page.model.assign.page == 0
    for _turn in range(3):
        page.assign.pagers[0].later.click()
    assert page.assign.card(65).lead.value == ["南街街道"]
    assert len(page.assign.cards) == PAGE_SIZE


def test_the_pager_names_at_most_eight_pages_with_problems():
    assert problem_pages_text([0, 3]) == "To correct, on page 1, 4"
    assert problem_pages_text(list(range(11))) == (
        "To correct, on page 1, 2, 3, 4, 5, 6, 7, 8 and 3 more"
    )


def test_the_preview_numbers_sub_items_per_unit_as_the_documents_do(app):
    app.model.review.items = [
        PlannedDirective("a", "要排查。"),
        PlannedDirective("b", "要整改。", parent="a"),
    ]
    app.model.assign.sync(app.model.review.items)
    app.meeting.title.value, app.meeting.text.value = "部署会", "要排查。要整改。"
    for assignment in app.model.assign.assignments:
        assignment.lead = ["东街街道"]
    app.model.step = ASSIGN
    app.next.click()
    assert app.model.step == PREVIEW, app.problem.value
    assert "1 (lead), 1.1 (lead)" in app.save.summary.value

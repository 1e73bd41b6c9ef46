"""Drill-down by directive, meeting or unit: found by search, never cut silently to a top list.

The demo has 92 directives with tasks this year; the picker offers 50 at a time and says how
many match, and a new meeting's directive (no red light yet, so outside the boards' top 50)
is found by a word of its text, its number or its meeting, and chosen.
"""

from __future__ import annotations

import re

import pytest

from duban.infra import clock
from duban.models.directive_review import PAGE_SIZE
from duban.models.progress import CHOICE_LIMIT, PARTS, ProgressModel
from duban.service.workbook import open_workbook
from duban.widgets.progress import ProgressView


@pytest.fixture
def view(demo_copy, today) -> ProgressView:
    wb = open_workbook(demo_copy, user="admin").as_user("clerk")
    with clock.frozen(today):
        meeting = wb.log_meeting("冬季燃气安全调度会", "dispatch", "district", today.isoformat())
        wb.add_directive(meeting, "要排查老旧小区燃气管道", areas=["gas"])
        directive = wb.add_directive(meeting, "要开展餐饮场所瓶装液化气专项检查", areas=["gas"])
        wb.assign(directive, ["城东街道"], "2026-12-15")
    view = ProgressView(ProgressModel(wb.as_user("leader")))
    view.tabs.selected_index = PARTS.index("details")
    view.new_directive = directive
    return view


def _note_counts(view: ProgressView) -> tuple[int, int]:
    shown, total = re.search(r"Showing (\d+) of (\d+)", view.choices_note.value).groups()
    return int(shown), int(total)


def test_the_picker_says_how_many_it_shows_of_how_many(view):
    view.drill_kind.value = "directive"
    total = view.model.counts["directives"]
    assert total > CHOICE_LIMIT
    assert _note_counts(view) == (CHOICE_LIMIT, total)
    assert len(view.drill_item.options) == CHOICE_LIMIT + 1  # and "— choose —"


def test_a_directive_outside_the_top_50_is_found_and_chosen(view):
    new = view.new_directive
    assert new not in set(view.model.directives["directive_id"])  # the board's most red 50
    view.drill_kind.value = "directive"
    view.drill_search.value = "液化气 专项"
    assert _note_counts(view) == (1, 1)
    (label, chosen) = view.drill_item.options[1]
    assert chosen == new and label.startswith("冬季燃气安全调度会 (2026-11-16) · 2 ")
    view.drill_item.value = chosen
    assert list(view.drill_table.frame["unit"]) == ["城东街道"]
    assert view.model.drill_id == new


@pytest.mark.parametrize(
    ("words", "expected"),
    [("冬季燃气 2", "2"), ("2026-11-16 液化气", "2"), ("冬季燃气", None)],
)
def test_a_directive_is_found_by_number_date_or_meeting(view, words, expected):
    view.drill_kind.value = "directive"
    view.drill_search.value = words
    found = view.model.choices
    assert view.new_directive in set(found["id"])
    if expected:
        assert list(found["seq"]) == [expected]


def test_the_oldest_directive_can_be_chosen_too(view):
    wb = view.model.wb
    view.drill_kind.value = "directive"
    offered = set(view.model.choices["id"])
    every = wb.drill_choices(view.model.scope, "directive", limit=1000)
    oldest = every.iloc[-1]
    assert oldest["id"] not in offered  # newest meetings come first
    view.drill_search.value = f"{oldest['held_on']} {oldest['directive'][:12]}"
    assert oldest["id"] in set(view.model.choices["id"])
    view.drill_item.value = int(oldest["id"])
    assert set(view.drill_table.frame["directive_id"]) == {oldest["id"]}


def test_search_words_are_not_patterns(view):
    view.drill_kind.value = "unit"
    view.drill_search.value = "%"
    assert view.model.choices.empty and _note_counts(view) == (0, 0)
    view.drill_search.value = "街道"
    view.model.look_at("ranking")
    assert set(view.model.choices["unit"]) <= set(view.model.ranking["unit"])
    assert all("街道" in u for u in view.model.choices["unit"])


def test_the_search_survives_a_state_round_trip(view):
    view.drill_kind.value = "directive"
    view.drill_search.value = "液化气"
    view.drill_item.value = view.new_directive
    other = ProgressView(ProgressModel(view.model.wb))
    other.model.set_state(view.model.get_state())
    assert (other.drill_kind.value, other.drill_search.value) == ("directive", "液化气")
    assert other.drill_item.value == view.new_directive
    assert list(other.drill_table.frame["unit"]) == ["城东街道"]


def test_a_units_tasks_are_paged_through_every_one_in_order(view):
    """However many tasks a drilled unit has, the pages hold them all, red first, in order."""
    m = view.model
    everyone = m.wb.scoped_tasks(m.scope, limit=None)
    unit = int(everyone["unit_id"].value_counts().idxmax())
    every = m.wb.scoped_tasks(m.scope.narrowed(unit_id=unit), limit=None)
    assert len(every) > PAGE_SIZE
    m.drill("unit", unit)
    seen = list(view.drill_table.frame["id"])
    while not view.drill_pager.later.disabled:
        view.drill_pager.later.click()
        seen += list(view.drill_table.frame["id"])
    assert seen == list(every["id"])
    assert f"of {len(every)}" in view.drill_pager.where.value
    assert f"{len(every)} tasks, red first." in view.drill_note.value
    view.drill_pager.earlier.click()
    assert m.drill_page == len(every) // PAGE_SIZE - (len(every) % PAGE_SIZE == 0) - 1

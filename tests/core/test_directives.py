"""Stored directives before assignment: numbering, and the edits written through the audit."""

from __future__ import annotations

import json
from datetime import date

import pytest

from duban.infra.errors import ValidationError


@pytest.fixture
def meeting(office):
    return office.log_meeting("Plenary", "plenary", "district", "2026-11-10")


def listed(office, meeting) -> list[tuple[str, str]]:
    """(number, text) of the meeting's directives, in order."""
    return [(row.seq, row.text) for row in office.directives(meeting).itertuples()]


def test_numbers_follow_the_list_after_a_delete(office, meeting):
    ids = [office.add_directive(meeting, f"item {n}") for n in (1, 2, 3)]
    office.delete_directive(ids[1])
    office.add_directive(meeting, "item 4")
    assert listed(office, meeting) == [("1", "item 1"), ("2", "item 3"), ("3", "item 4")]
    assert office.directives(meeting)["position"].tolist() == [1, 2, 3]


def test_sub_items_are_numbered_under_their_parent(office, meeting):
    theme = office.add_directive(meeting, "Prevent first")
    office.add_directive(meeting, "Inspect", parent_id=theme)
    office.add_directive(meeting, "Rectify", parent_id=theme)
    assert [seq for seq, _text in listed(office, meeting)] == ["1", "1.1", "1.2"]


def test_adding_after_a_directive_renumbers_the_ones_below(office, meeting):
    first = office.add_directive(meeting, "Check gas")
    office.add_directive(meeting, "Check roads")
    office.add_directive(meeting, "Check fire exits", after_id=first)
    assert listed(office, meeting) == [
        ("1", "Check gas"),
        ("2", "Check fire exits"),
        ("3", "Check roads"),
    ]


def test_merge_joins_text_and_areas_and_moves_sub_items_with_audit(office, meeting):
    first = office.add_directive(meeting, "Check gas", areas=["gas"])
    second = office.add_directive(meeting, "Check fire exits", areas=["fire"])
    child = office.add_directive(meeting, "In markets", parent_id=second)
    office.merge_directive(second)
    rows = office.directives(meeting).set_index("id")
    assert rows.loc[first, "text"] == "Check gas\nCheck fire exits"
    assert rows.loc[first, "areas"] == ["gas", "fire"]
    assert rows.loc[child, "parent_id"] == first and second not in rows.index
    moved = office.events("directives", child).iloc[0]
    assert moved["action"] == "merge_directive"
    assert json.loads(moved["after"]) == {"parent_id": first, "seq": "1.1", "position": 2}
    assert office.events("directives", second).iloc[0]["action"] == "merge_directive"


def test_a_sub_item_merges_into_its_parent_and_the_first_cannot_merge(office, meeting):
    theme = office.add_directive(meeting, "Prevent first")
    child = office.add_directive(meeting, "Inspect", parent_id=theme)
    office.merge_directive(child)
    assert listed(office, meeting) == [("1", "Prevent first\nInspect")]
    with pytest.raises(ValidationError, match="none before it"):
        office.merge_directive(theme)


def test_deleting_a_theme_moves_its_sub_items_up(office, meeting):
    theme = office.add_directive(meeting, "Prevent first")
    office.add_directive(meeting, "Inspect", parent_id=theme)
    office.add_directive(meeting, "Rectify", parent_id=theme)
    office.delete_directive(theme)
    assert listed(office, meeting) == [("1", "Inspect"), ("2", "Rectify")]
    assert office.directives(meeting)["parent_id"].isna().all()


def test_split_move_and_re_parent(office, meeting):
    first = office.add_directive(meeting, "Check gas.\nCheck fire exits.", areas=["gas"])
    second = office.split_directive(first)
    assert listed(office, meeting) == [("1", "Check gas."), ("2", "Check fire exits.")]
    assert office.directives(meeting).set_index("id").loc[second, "areas"] == ["gas"]
    office.nest_directive(second)
    assert [seq for seq, _text in listed(office, meeting)] == ["1", "1.1"]
    office.move_directive(second, -1)  # above its parent: top-level again
    assert listed(office, meeting) == [("1", "Check fire exits."), ("2", "Check gas.")]
    office.set_directive_parent(first, second)
    assert [seq for seq, _text in listed(office, meeting)] == ["1", "1.1"]
    office.set_directive_parent(first, None)
    assert [seq for seq, _text in listed(office, meeting)] == ["1", "2"]


def test_unknown_areas_are_refused_by_name(office, meeting):
    directive = office.add_directive(meeting, "Check gas", areas=["gas"])
    with pytest.raises(ValidationError, match="unknown areas: space"):
        office.edit_directive(directive, areas=["fire", "space"])
    assert office.directives(meeting)["areas"].tolist() == [["gas"]]


def test_no_edit_changes_an_assigned_directive_or_its_number(office, meeting):
    first = office.add_directive(meeting, "Check gas")
    assigned = office.add_directive(meeting, "Check fire exits")
    office.assign(assigned, ["东街街道"], date(2026, 11, 30))
    events = office.store.db["events"].count
    refusals = [
        lambda: office.edit_directive(assigned, text="Check exits"),
        lambda: office.delete_directive(assigned),
        lambda: office.merge_directive(assigned),
        lambda: office.delete_directive(first),  # directive 2 would become 1
        lambda: office.move_directive(first, +1),
        lambda: office.add_directive(meeting, "Check roads", after_id=first),
        lambda: office.nest_directive(assigned),
    ]
    for refused in refusals:
        with pytest.raises(ValidationError, match="directive 2 is already assigned"):
            refused()
    assert office.store.db["events"].count == events
    office.add_directive(meeting, "Check roads")  # below it: its number stays
    office.edit_directive(first, text="Check gas pipes")
    assert listed(office, meeting) == [
        ("1", "Check gas pipes"),
        ("2", "Check fire exits"),
        ("3", "Check roads"),
    ]

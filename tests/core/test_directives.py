"""Directives before assignment: numbering, merging, deleting."""

from __future__ import annotations

import json

import pytest

from duban.infra.errors import ValidationError


@pytest.fixture
def meeting(office):
    return office.log_meeting("Plenary", "plenary", "district", "2026-11-10")


def seqs(office, meeting) -> list[str]:
    return office.directives(meeting)["seq"].tolist()


def test_numbers_are_never_reused_after_a_delete(office, meeting):
    ids = [office.add_directive(meeting, f"item {n}") for n in (1, 2, 3)]
    office.delete_directive(ids[1])
    office.add_directive(meeting, "item 4")
    assert seqs(office, meeting) == ["1", "3", "4"]


def test_sub_items_are_numbered_under_their_parent(office, meeting):
    theme = office.add_directive(meeting, "Prevent first")
    office.add_directive(meeting, "Inspect", parent_id=theme)
    office.add_directive(meeting, "Rectify", parent_id=theme)
    assert seqs(office, meeting) == ["1", "1.1", "1.2"]


def test_merge_joins_text_and_areas_and_moves_sub_items_with_audit(office, meeting):
    first = office.add_directive(meeting, "Check gas", areas=["gas"])
    second = office.add_directive(meeting, "Check fire exits", areas=["fire"])
    child = office.add_directive(meeting, "In markets", parent_id=second)
    office.merge_directives(first, second)
    rows = office.directives(meeting).set_index("id")
    assert rows.loc[first, "text"] == "Check gas\nCheck fire exits"
    assert rows.loc[first, "areas"] == ["gas", "fire"]
    assert rows.loc[child, "parent_id"] == first and second not in rows.index
    moved = office.events("directives", child).iloc[0]
    assert moved["action"] == "move_directive" and json.loads(moved["after"]) == {
        "parent_id": first
    }


def test_a_directive_cannot_merge_with_its_own_sub_item(office, meeting):
    theme = office.add_directive(meeting, "Prevent first")
    child = office.add_directive(meeting, "Inspect", parent_id=theme)
    with pytest.raises(ValidationError, match="sub-item"):
        office.merge_directives(theme, child)
    assert seqs(office, meeting) == ["1", "1.1"]

"""The edits of a list of planned directives: new lists out, refusals in words."""

from __future__ import annotations

import pytest

from duban.infra.errors import ValidationError
from duban.service import directive_edits as edits
from duban.service.directive_edits import PlannedDirective as D


def outline(items) -> list[tuple[str, str | None]]:
    return [(item.uid, item.parent) for item in items]


@pytest.fixture
def items() -> list[D]:
    """A theme (a) with two sub-items (b, c), then a top-level item (d)."""
    return [
        D("a", "Prevent first", ("fire",), marker="一是", mentions=("东街",)),
        D("b", "Inspect", ("gas",), parent="a", mentions=("西街",)),
        D("c", "Rectify", parent="a"),
        D("d", "Report"),
    ]


def test_the_argument_is_never_changed(items):
    before = list(items)
    edits.delete(items, "a")
    edits.move(items, "d", -3)
    edits.merge_with_previous(items, "b")
    assert items == before


def test_merge_appends_to_the_one_before_which_takes_the_sub_items(items):
    merged = edits.merge_with_previous(items, "b")
    assert merged[0] == D(
        "a", "Prevent first\nInspect", ("fire", "gas"), "一是", None, None, ("东街", "西街")
    )
    assert outline(merged) == [("a", None), ("c", "a"), ("d", None)]
    with_sub_items = [D("x", "X"), D("y", "Y"), D("z", "Z", parent="y")]
    assert outline(edits.merge_with_previous(with_sub_items, "y")) == [("x", None), ("z", "x")]


def test_the_first_cannot_merge(items):
    with pytest.raises(ValidationError) as refused:
        edits.merge_with_previous(items, "a")
    assert refused.value.errors == {
        "directive": "the first directive has none before it to merge with"
    }


def test_delete_moves_the_sub_items_up_to_the_parent(items):
    assert outline(edits.delete(items, "a")) == [("b", None), ("c", None), ("d", None)]
    nested = [D("x", "X"), D("y", "Y", parent="x"), D("z", "Z", parent="y")]
    assert outline(edits.delete(nested, "y")) == [("x", None), ("z", "x")]


def test_split_at_the_rule_or_at_a_position(items):
    two = [D("a", "一要查隐患\n二要抓整改", ("fire",), marker="一是", parent=None)]
    head, tail = edits.split(two, "a", "n")
    assert (head.text, head.marker) == ("一要查隐患", "一是")
    assert (tail.uid, tail.text, tail.marker, tail.areas) == ("n", "二要抓整改", None, ("fire",))
    assert [i.text for i in edits.split(items, "b", "n", at=2)][1:3] == ["In", "spect"]
    assert edits.split(items, "b", "n", at=2)[2].parent == "a"


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (None, "put a line break where the directive should be split"),
        (0, "cannot split there: both parts need some text"),
        (7, "cannot split there: both parts need some text"),
        (-1, "cannot split there: both parts need some text"),
    ],
)
def test_split_refusals(items, at, message):
    with pytest.raises(ValidationError) as refused:
        edits.split(items, "b", "n", at)
    assert refused.value.errors == {"directive": message}


def test_split_point_prefers_a_line_break_then_the_middle_sentence_end():
    assert edits.split_point("一要查隐患\n二要抓整改") == 5
    assert edits.split_point("要查隐患。要抓整改。要严考核。") in (5, 10)
    assert edits.split_point("一句话") is None


def test_a_sub_item_that_ends_above_its_parent_is_top_level(items):
    assert outline(edits.move(items, "b", -1)) == [
        ("b", None),
        ("a", None),
        ("c", "a"),
        ("d", None),
    ]
    assert outline(edits.move(items, "a", +1)) == [
        ("b", None),
        ("a", None),
        ("c", "a"),
        ("d", None),
    ]
    below = edits.move(edits.move(items, "c", +1), "c", +1)  # past d: its parent is still earlier
    assert outline(below) == [("a", None), ("b", "a"), ("d", None), ("c", "a")]
    assert edits.move(items, "a", -1) == items


def test_nest_under_the_one_above_at_its_level_and_make_top_level(items):
    assert outline(edits.nest(items, "c")) == [("a", None), ("b", "a"), ("c", "b"), ("d", None)]
    assert outline(edits.nest(items, "d")) == [("a", None), ("b", "a"), ("c", "a"), ("d", "a")]
    assert outline(edits.set_parent(items, "b", None))[1] == ("b", None)
    for uid in ("a", "b"):
        with pytest.raises(ValidationError, match="no directive above it at its level"):
            edits.nest(items, uid)
    with pytest.raises(ValidationError, match="must come after the item it belongs to"):
        edits.set_parent(items, "b", "d")


def test_areas_are_checked_by_one_rule_everywhere(items):
    assert edits.set_areas(items, "d", ["gas", "fire", "gas"])[3].areas == ("gas", "fire")
    for edit in (
        lambda: edits.set_areas(items, "d", ["gas", "space", "time"]),
        lambda: edits.edit(items, "d", text="Report weekly", areas=["space", "time"]),
        lambda: edits.add_after(items, D("n", "New", ("space", "time"))),
    ):
        with pytest.raises(ValidationError) as refused:
            edit()
        assert refused.value.errors == {"areas": "unknown areas: space, time"}


def test_edit_text_and_add_after(items):
    assert edits.edit(items, "c", text="Rectify now")[2].text == "Rectify now"
    added = edits.add_after(items, D("n", "New", parent="a"), after="b")
    assert outline(added)[2] == ("n", "a")
    assert outline(edits.add_after(items, D("n", "")))[-1] == ("n", None)
    with pytest.raises(ValidationError, match="must come after"):
        edits.add_after(items, D("n", "New", parent="d"), after="a")


def test_numbers_are_given_from_the_tree(items):
    assert edits.numbers(items) == {"a": "1", "b": "1.1", "c": "1.2", "d": "2"}
    nested = edits.nest(items, "c")
    assert edits.numbers(nested) == {"a": "1", "b": "1.1", "c": "1.1.1", "d": "2"}

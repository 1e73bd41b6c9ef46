"""Step 2: the proposed directives edited in place: text, areas, merge, split, nest, move, …"""

from __future__ import annotations

from dataclasses import asdict

import pytest

from duban.models.directive_review import DirectiveReview
from duban.models.log_meeting import DIRECTIVES


@pytest.fixture
def review(app, report):
    app.meeting.title.value = "部署会"
    app.meeting.text.value = report
    app.next.click()
    assert app.model.step == DIRECTIVES
    return app


def texts(app) -> list[str]:
    return [item.text for item in app.model.review.items]


def test_the_cards_show_the_directives_and_the_original_text(review, report):
    assert len(review.directives.list.children) == 5
    assert review.directives.card(3).text.value.startswith("思想上要更加重视")
    assert "一是" in review.directives.card(3).heading.value
    assert "春节期间安全生产" in review.directives.original.value


def test_text_and_areas_are_edited_on_the_card(review):
    card = review.directives.card(2)
    card.text.value = "街道班子领导要实地带队检查。"
    card.areas.value = ["gas", "fire safety"]
    item = review.model.review.items[1]
    assert item.text == "街道班子领导要实地带队检查。"
    assert item.areas == ("gas", "fire")


def test_merge_split_delete_add_and_move(review):
    first, second = texts(review)[:2]
    review.directives.card(2).merge.click()
    assert texts(review)[0] == f"{first}\n{second}" and len(texts(review)) == 4
    review.directives.card(1).split.click()
    assert texts(review)[:2] == [first, second]
    review.directives.card(5).delete.click()
    assert len(texts(review)) == 4 and not any(t.startswith("宣传上") for t in texts(review))
    review.directives.card(1).add.click()
    assert texts(review)[1] == "" and len(review.directives.list.children) == 5
    review.directives.card(2).text.value = "要加强燃气安全检查"
    review.directives.card(2).up.click()
    assert texts(review)[0] == "要加强燃气安全检查"
    assert review.directives.card(1).text.value == "要加强燃气安全检查"


def test_impossible_edits_are_explained_on_the_card(review):
    review.directives.card(1).merge.click()
    assert "none before it" in review.directives.card(1).error.value
    review.directives.card(2).text.value = "无标点的一句话"
    review.directives.card(2).split.click()
    assert "line break" in review.directives.card(2).error.value
    assert len(texts(review)) == 5


def test_an_explanation_goes_away_with_the_next_change(review):
    review.directives.card(1).merge.click()
    assert "none before it" in review.directives.card(1).error.value
    review.directives.card(3).delete.click()
    assert review.directives.card(1).error.value == ""


def test_an_empty_list_cannot_go_on(review):
    for _ in range(5):
        review.directives.card(1).delete.click()
    review.next.click()
    assert review.model.step == DIRECTIVES
    assert "at least one directive" in review.directives.problem.value


def test_nested_items_move_up_when_their_parent_goes():
    review = DirectiveReview()
    review.set_state(
        {
            "source": "",
            "items": [
                {
                    "uid": "d1",
                    "text": "theme",
                    "areas": [],
                    "marker": None,
                    "speaker": None,
                    "parent": None,
                    "mentions": [],
                },
                {
                    "uid": "d2",
                    "text": "item",
                    "areas": [],
                    "marker": "一是",
                    "speaker": None,
                    "parent": "d1",
                    "mentions": [],
                },
            ],
        }
    )
    review.delete("d1")
    assert review.items[0].parent is None
    assert review.add() == "d3"


def nested() -> DirectiveReview:
    """A theme (d1) with two sub-items (d2, d3), then a top-level item (d4)."""
    review = DirectiveReview()
    review.set_state(
        {
            "source": "",
            "items": [
                {
                    "uid": uid,
                    "text": uid,
                    "areas": [],
                    "marker": None,
                    "speaker": None,
                    "parent": parent,
                    "mentions": [],
                }
                for uid, parent in (("d1", None), ("d2", "d1"), ("d3", "d1"), ("d4", None))
            ],
        }
    )
    return review


def test_a_sub_item_moved_above_its_parent_becomes_top_level():
    review = nested()
    review.move("d2", -1)
    assert [(i.uid, i.parent) for i in review.items] == [
        ("d2", None),
        ("d1", None),
        ("d3", "d1"),
        ("d4", None),
    ]
    review = nested()
    review.move("d1", +1)  # the parent moved down past its first sub-item
    assert [(i.uid, i.parent) for i in review.items] == [
        ("d2", None),
        ("d1", None),
        ("d3", "d1"),
        ("d4", None),
    ]
    review = nested()
    review.move("d3", -1)  # past a sibling: still under its parent
    review.move("d3", +1)
    review.move("d3", +1)  # below another top-level item: still under its parent, which is earlier
    assert [(i.uid, i.parent) for i in review.items] == [
        ("d1", None),
        ("d2", "d1"),
        ("d4", None),
        ("d3", "d1"),
    ]


def test_the_card_and_the_save_show_a_moved_up_sub_item_as_top_level(review):
    items = review.model.review.items
    review.model.review.set_state(
        {
            "source": review.model.review.source,
            "items": [
                {**asdict(item), "parent": items[0].uid if index == 1 else None}
                for index, item in enumerate(items)
            ],
        }
    )
    assert "sub-item" in review.directives.card(2).heading.value
    review.directives.card(2).up.click()
    assert "sub-item" not in review.directives.card(1).heading.value
    assert review.model.review.items[0].parent is None
    assert [plan.parent for plan in review.model.plans()] == [None] * 5


def test_nest_under_the_one_above_and_make_top_level(review):
    review.directives.card(2).nest.click()
    items = review.model.review.items
    assert items[1].parent == items[0].uid
    assert "sub-item" in review.directives.card(2).heading.value
    review.directives.card(3).nest.click()  # under 2's level-mate above it: item 1
    assert review.model.review.items[2].parent == items[0].uid
    review.directives.card(2).top_level.click()
    assert review.model.review.items[1].parent is None
    assert "sub-item" not in review.directives.card(2).heading.value
    assert review.directives.card(2).top_level.disabled
    assert [plan.parent for plan in review.model.plans()][:3] == [None, None, 0]


def test_nesting_the_first_directive_is_explained_on_its_card(review):
    review.directives.card(1).nest.click()
    assert "no directive above it" in review.directives.card(1).error.value
    assert all(item.parent is None for item in review.model.review.items)


def test_an_unknown_area_is_refused_by_name_not_dropped(review):
    before = review.model.review.items
    uid = before[0].uid
    review.model.review.edit(uid, text="new text", areas=["gas", "space"])
    assert review.model.review.items == before
    assert review.model.review.errors == {uid: {"areas": "unknown areas: space"}}
    assert "unknown areas: space" in review.directives.card(1).error.value


# A draft as the previous version of the page kept it (drafts of offices' databases).
EARLIER_DRAFT = {
    "source": "一、思想上要重视。\n一是要查隐患。",
    "items": [
        {
            "uid": "d1",
            "text": "思想上要重视。",
            "areas": [],
            "marker": "一、",
            "speaker": None,
            "parent": None,
            "mentions": [],
        },
        {
            "uid": "d3",
            "text": "要查隐患。",
            "areas": ["gas", "fire"],
            "marker": "一是",
            "speaker": "王局长",
            "parent": "d1",
            "mentions": ["东街街道"],
        },
    ],
}


def test_a_draft_kept_by_the_previous_version_loads_and_round_trips():
    review = DirectiveReview()
    review.set_state(EARLIER_DRAFT)
    assert review.source == EARLIER_DRAFT["source"]
    assert review.items[1].areas == ("gas", "fire") and review.items[1].parent == "d1"
    assert review.get_state() == EARLIER_DRAFT
    assert review.add() == "d4"


def test_reset_empties_the_list_and_the_messages():
    review = DirectiveReview()
    review.set_state(EARLIER_DRAFT)
    review.merge_with_previous("d1")
    assert review.errors
    review.reset()
    assert (review.items, review.source, review.errors, review.problem) == ([], "", {}, "")
    assert review.get_state() == {"source": "", "items": []}
    assert review.add() == "d1"

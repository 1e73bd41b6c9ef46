"""Step 2: the proposed directives edited in place: text, areas, merge, split, nest, move, …"""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest

from duban.models.directive_review import PAGE_SIZE, DirectiveReview
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
    assert review.get_state() == {**EARLIER_DRAFT, "narrative": []}
    assert review.add() == "d4"


def test_reset_empties_the_list_and_the_messages():
    review = DirectiveReview()
    review.set_state(EARLIER_DRAFT)
    review.merge_with_previous("d1")
    assert review.errors
    review.reset()
    assert (review.items, review.source, review.errors, review.problem) == ([], "", {}, "")
    assert review.get_state() == {"source": "", "items": [], "narrative": []}
    assert review.add() == "d1"


# -- split where the cursor is (the page's script puts the offset in the card's cursor input)
def test_split_in_two_cuts_where_the_cursor_is(review):
    card = review.directives.card(1)
    text = card.text.value
    card.cursor.value = "10"  # as duban.js sends it before the click
    card.split.click()
    assert texts(review)[:2] == [text[:10].strip(), text[10:].strip()]
    assert review.directives.card(1).cursor.value == ""  # used once: a later click falls back


def test_a_cursor_at_the_very_start_or_end_is_refused_on_the_card(review):
    card = review.directives.card(2)
    for at in ("0", str(len(card.text.value)), "99999"):
        card.cursor.value = at
        card.split.click()
        assert "very start or end" in card.error.value
        assert len(texts(review)) == 5


def test_without_a_cursor_split_cuts_as_before(review):
    card = review.directives.card(3)
    text = card.text.value
    cut = text.index("。") + 1  # the sentence end nearest the middle
    card.split.click()
    assert texts(review)[2:4] == [text[:cut].strip(), text[cut:].strip()]


def test_a_cursor_inside_a_character_is_moved_before_it():
    review = DirectiveReview()
    review.set_state({"items": [{**EARLIER_DRAFT["items"][0], "text": "Cafe\u0301 first. Then"}]})
    review.split_at_cursor("d1", 4)  # between "e" and its accent
    assert [item.text for item in review.items] == ["Caf", "e\u0301 first. Then"]


# -- the narrative: every sentence of the report is in a directive or listed under them
def test_every_sentence_is_in_a_directive_or_listed_as_narrative(review, report):
    narrative = review.model.review.narrative
    assert [s.text[:8] for s in narrative] == [
        "秦岭路街道召开春",
        "来源:中原区秦岭",
        "2月8日上午,中",
        "街道班子成员及各",
    ]
    listed = [item.text for item in review.model.review.items] + [s.text for s in narrative]
    for sentence in re.split(r"[。；;\n]", report):
        words = sentence.strip(" ,，")
        if len(words) > 6 and not words.startswith(("会议要求", "会议强调")):
            assert any(words[-6:] in text for text in listed), words
    view = review.directives.narrative
    assert view.toggle.description == "Show the 4 sentences of the report in no directive"
    assert view.body.layout.display == "none" and view.rows == []  # built when first unfolded


def test_a_narrative_sentence_becomes_a_directive_where_it_stands(review):
    view = review.directives.narrative
    view.toggle.click()
    assert [r.quote.value for r in view.list.children][3].count("街道班子成员") == 1
    view.list.children[3].make.click()  # "街道班子成员…参会", before every directive
    assert texts(review)[0] == "街道班子成员及各科室长、社区(村)书记参会。"
    view.list.children[0].make.click()  # the title: before it, not after it
    assert texts(review)[:2] == [
        "秦岭路街道召开春节期间安全生产、消防安全暨烟花爆竹工作部署会",
        "街道班子成员及各科室长、社区(村)书记参会。",
    ]
    assert len(view.list.children) == 2 and "2 sentences" in view.toggle.description
    later = DirectiveReview()  # the narrative is part of the draft
    later.set_state(review.model.review.get_state())
    assert [s.text for s in later.narrative] == [s.text for s in review.model.review.narrative]


REPORT_WITH_LEAD_INS = (
    "会议要求：\n一是要查燃气。\n二是要查消防。\n会议听取了各街道的汇报。\n"
    "会议强调：\n（一）要抓宣传。\n（二）要抓值守。"
)


def test_a_sentence_after_a_deleted_or_split_directive_keeps_its_place():
    review = DirectiveReview()
    review.propose(REPORT_WITH_LEAD_INS)
    heard = "会议听取了各街道的汇报。"
    assert [s.text for s in review.narrative] == ["会议要求：", heard, "会议强调："]
    assert review.split(review.items[1].uid, 2)  # "查消" | "防": the sentence follows the tail
    review.make_directive(review.narrative[1].uid)
    assert [i.text for i in review.items] == ["查燃气", "查消", "防", heard, "要抓宣传", "要抓值守"]
    review.make_directive(review.narrative[1].uid)  # "会议强调：" now follows the one made
    assert [i.text for i in review.items][3:5] == [heard, "会议强调："]
    review.propose(REPORT_WITH_LEAD_INS)
    review.delete(review.items[1].uid)
    review.make_directive(review.narrative[1].uid)
    assert [i.text for i in review.items] == ["查燃气", heard, "要抓宣传", "要抓值守"]


# -- long reports: a page of cards at a time
def long_review(app, count: int) -> None:
    """The page at step 2 with `count` directives."""
    text = "\n".join(f"（{n}）要检查第{n}处燃气管道。" for n in range(1, count + 1))
    app.meeting.title.value = "部署会"
    app.meeting.text.value = text
    app.next.click()
    assert len(app.model.review.items) == count, app.problem.value


def test_a_long_list_shows_a_page_of_cards_at_a_time(app):
    long_review(app, 45)
    view = app.directives
    assert len(view.list.children) == PAGE_SIZE and len(view.cards) == PAGE_SIZE
    assert "1–20 of 45 (page 1 of 3)" in view.pagers[0].where.value
    assert view.pagers[0].earlier.disabled and not view.pagers[0].later.disabled
    view.pagers[1].later.click()
    view.pagers[1].later.click()
    assert len(view.list.children) == 5 and view.pagers[0].later.disabled
    assert "Directive 41" in view.card(41).heading.value
    first_cards = list(view.cards)
    view.card(45).add.click()  # the new card is shown, on the page it falls on
    assert view.cards == first_cards  # the same cards, bound to other directives
    assert view.card(46).text.value == "" and app.model.review.page == 2
    view.card(41).text.value = "要检查燃气。"
    assert app.model.review.items[40].text == "要检查燃气。"
    view.pagers[0].earlier.click()
    assert view.card(21).text.value == "要检查第21处燃气管道"


def test_turning_pages_changes_nothing_in_the_list(app, office):
    long_review(app, 30)
    items = app.model.review.items
    kept = office.load_draft(app.model.draft_id)
    app.directives.pagers[0].later.click()
    app.directives.pagers[0].earlier.click()
    assert app.model.review.items is items
    assert office.load_draft(app.model.draft_id) == kept


# -- numbers: as the notices, the ledger and the details give them
def test_cards_are_numbered_as_the_documents_number_them(review):
    review.directives.card(3).nest.click()
    review.directives.card(4).nest.click()
    headings = [review.directives.card(n).heading.value for n in range(1, 6)]
    assert [re.search(r"Directive [\d.]+", h).group() for h in headings] == [
        "Directive 1",
        "Directive 2",
        "Directive 2.1",
        "Directive 2.2",
        "Directive 3",
    ]

"""Several requirements in one sentence are one directive each; one requirement with a list
of objects stays whole. And a list's lead-in that asks something itself is not dropped."""

from __future__ import annotations

import pytest

from duban.splitter import split


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        (
            "会议要求，各街道要加强燃气安全检查，要完善应急预案，要严厉打击非法经营行为。",
            ["各街道要加强燃气安全检查", "要完善应急预案", "要严厉打击非法经营行为"],
        ),
        (
            "各街道要开展隐患排查，区住建局要加强在建工地巡查。",
            ["各街道要开展隐患排查", "区住建局要加强在建工地巡查"],
        ),
        (
            "會議要求，各街道要加強燃氣安全檢查，要完善應急預案。",
            ["各街道要加強燃氣安全檢查", "要完善應急預案"],
        ),
        (
            "We must strengthen gas safety checks, improve emergency plans, and crack down on "
            "illegal operators.",
            [
                "We must strengthen gas safety checks",
                "improve emergency plans",
                "crack down on illegal operators",
            ],
        ),
        (
            "All streets should strengthen patrols, and the departments must step up law "
            "enforcement.",
            [
                "All streets should strengthen patrols",
                "the departments must step up law enforcement",
            ],
        ),
    ],
)
def test_each_requirement_of_a_sentence_is_a_directive(text, texts):
    assert [d.text for d in split(text)] == texts


@pytest.mark.parametrize(
    "text",
    [
        "各街道要对燃气、用电和消防通道开展检查，确保不留死角。",
        "各街道要加强燃气安全检查，及时消除隐患，严厉打击非法经营行为。",
        "要提高思想认识，要确保形势稳定。",
        "All streets must inspect gas, electricity and fire exits.",
        "We must strengthen inspections of gas, electricity and fire exits, improve plans, and "
        "crack down on violations.",
        "We must strengthen patrols, ensuring that no accident occurs.",
        "All departments should strengthen the “inspect, rectify, report” mechanism.",
    ],
)
def test_one_requirement_with_a_list_of_objects_stays_whole(text):
    """A list of objects, a result (确保…, ensuring …), clauses without their own 要 or
    subject, an English sentence with a comma that begins no ask, quoted words."""
    assert len(split(text)) == 1


def test_later_requirements_name_who_the_first_names():
    directives = split("各街道要加强燃气安全检查，要完善应急预案。")
    assert [d.mentions for d in directives] == [["各街道"], ["各街道"]]


def test_a_lead_in_that_asks_is_the_theme_of_its_list():
    """ "要求各社区要针对…全面开展检查整治：一是…" asks something of its own (which places):
    it is the theme of the items, not a frame left out; a lead-in that only names who
    ("要求各科室、各单位要一是…") or announces the list ("提出三点要求：") stays a frame."""
    asks = (
        "会议要求各社区要针对商场、建筑工地等重点区域全面开展安全检查整治：一是要强化责任心；"
        "二是要认真填写检查记录。"
    )
    directives = split(asks)
    assert [(d.seq, d.marker, d.text) for d in directives] == [
        ("1", None, "各社区要针对商场、建筑工地等重点区域全面开展安全检查整治"),
        ("1.1", "一是要", "强化责任心"),
        ("1.2", "二是要", "认真填写检查记录"),
    ]
    assert directives[0].areas == ["construction", "crowded_places"]
    assert all(d.mentions == ["各社区"] for d in directives)
    for frame in (
        "要求各科室、各单位要一是加强领导；二是检查到位。",
        "张三提出两点要求：一是加强领导；二是检查到位。",
    ):
        assert [d.marker for d in split(frame)] == ["一是", "二是"]

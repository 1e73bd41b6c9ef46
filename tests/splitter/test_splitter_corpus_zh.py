"""The three Chinese corpus reports, split as an office clerk would split them."""

from __future__ import annotations


def test_briefing_six_items_with_typo(corpus_split):
    """zh-street-community-safety-briefing: one sentence, six items 一是要…六要是 (a typo for
    六是要) separated by ；. The opening (date, who met, "进行了全面部署") is narrative; its
    requirement "要求各社区要…全面开展…检查整治：" asks something of its own (where to check,
    which areas), so it is the theme, with the six items under it; each item inherits the
    mention 各社区. Areas come from each one's own words (楼道堆积杂物/老化线路 → fire,
    用气 → gas)."""
    directives = corpus_split("zh-street-community-safety-briefing")
    assert [d.marker for d in directives] == [
        None,
        "一是要",
        "二是要",
        "三是要",
        "四是要",
        "五是要",
        "六要是",
    ]
    assert [d.seq for d in directives] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    assert [d.parent for d in directives] == [None] + ["1"] * 6
    assert all(d.speaker is None for d in directives)
    theme, items = directives[0], directives[1:]
    assert theme.text.startswith("各社区要针对人员密集场所")
    assert theme.text.endswith("全面开展安全生产和消防安全检查整治")
    assert theme.areas == ["fire", "construction", "hazardous_chemicals", "crowded_places"]
    starts = [
        "强化责任心",
        "认真填写检查记录",
        "对老旧小区",
        "对重点路段",
        "加强对居民用电",
        "对违法燃气经营点进行排查",
    ]
    assert [d.text[: len(s)] for d, s in zip(items, starts, strict=True)] == starts
    assert items[-1].text.endswith("及时上报整治")
    assert all(d.mentions == ["各社区"] for d in directives)
    assert [d.areas for d in items] == [[], [], ["fire"], ["fire"], ["fire", "gas"], ["gas"]]


def test_spring_festival_requirements_then_list(corpus_split):
    """zh-street-spring-festival-deployment: title, source line, who presided and who attended
    are narrative. "会议要求，" opens two requirement sentences with different actors (the
    street as a whole; its leaders' duty rosters): two unenumerated directives. Then
    "会议强调，" opens 一是/二是/三是, each item running over several sentences until the next
    marker; the last runs to the end of the paragraph (the end of the report)."""
    directives = corpus_split("zh-street-spring-festival-deployment")
    assert [d.marker for d in directives] == [None, None, "一是", "二是", "三是"]
    assert directives[0].text.startswith("要高度重视春节期间安全生产工作")
    assert directives[0].areas == ["fire", "construction", "special_equipment", "crowded_places"]
    assert directives[1].text.startswith("街道班子领导要实地带队检查")
    assert directives[1].text.endswith("应对突发事件")
    assert directives[2].text.startswith("思想上要更加重视。坚决牢记")
    assert directives[2].text.endswith("坚决守牢安全底线")
    assert directives[3].text.startswith("措施上要更加严实")
    assert directives[3].areas == ["fire", "fireworks", "special_equipment"]
    assert directives[4].text.startswith("宣传上更加务实")
    assert directives[4].text.endswith("保障平安过节")
    assert not any("主持" in d.text or "参会" in d.text or "来源" in d.text for d in directives)


def test_gas_and_ebike_unenumerated(corpus_split):
    """zh-street-gas-ebike-special-rectification: no enumeration. The purpose sentence
    ("为扎实推进…") and the presiding sentence are narrative. One directive per requirement
    sentence (要…), with a following sentence that has no 要 ("定期组织开展消防安全培训…")
    kept with the requirement it continues. The Qingming paragraph has three requirements
    with three different actors (everyone; 各村居; the fire check stations and rangers)."""
    directives = corpus_split("zh-street-gas-ebike-special-rectification")
    assert len(directives) == 5
    assert all(d.marker is None and d.parent is None for d in directives)
    assert directives[0].text.startswith("要深刻吸取近期各地燃气事故教训")
    assert directives[0].areas == ["gas"]
    assert directives[1].text.startswith("要聚焦高层建筑")
    assert directives[1].text.endswith("有效防范因电动车引起的各项安全事故")
    assert directives[1].areas == ["fire"]
    assert directives[2].text.startswith("清明节期间是森林火灾的高发期")
    assert directives[2].areas == ["forest_fire"]
    assert directives[3].text.startswith("各村居要做好应急和预防工作")
    assert directives[3].mentions == ["各村居"]
    assert directives[4].text.startswith("特别要关注森林防灭火重点管控区域")
    assert directives[4].areas == ["forest_fire"]

"""Who must act: mentions as written, and their resolution against a registry of units."""

from __future__ import annotations

import pytest

from duban.splitter import RegistryEntry, resolve_mentions
from duban.splitter.mentions import find_mentions

ALL_STREETS = RegistryEntry("group", 1, ("所有街道", "All streets"), unit_kind="street")
MEMBER_UNITS = RegistryEntry(
    "group", 2, ("安委会成员单位", "Safety Committee member units"), unit_kind="department"
)
EDUCATION = RegistryEntry("unit", 10, ("区教育局", "District Education Bureau"))
SHUANGYANG = RegistryEntry("unit", 11, ("双阳街道", "雙陽街道", "Shuangyang Street"))
EMERGENCY = RegistryEntry("unit", 12, ("区应急管理局", "District Emergency Management Bureau"))
REGISTRY = [ALL_STREETS, MEMBER_UNITS, EDUCATION, SHUANGYANG, EMERGENCY]


@pytest.mark.parametrize(
    ("text", "lang", "mentions"),
    [
        (
            "各街道、各部门要加强排查，行业主管部门要加强监管。",
            "zh",
            ["各街道", "各部门", "行业主管部门"],
        ),
        (
            "区安委会各成员单位要落实责任，区教育局要做好校园安全。",
            "zh",
            ["区安委会各成员单位", "区教育局"],
        ),
        (
            "各街道（办事处）和各社区要开展排查，双阳街道要牵头。",
            "zh",
            ["各街道（办事处）", "各社区", "双阳街道"],
        ),
        ("各鎮街要加強巡查，區應急管理局要加強督導。", "zh", ["各鎮街", "區應急管理局"]),
        ("要坚决维护大局，做好督办工作。", "zh", []),
        ("各部门、街道要加强排查。", "zh", ["各部门、街道"]),
        (
            "各街道和部门要落实责任，各镇街、社区要开展巡查。",
            "zh",
            ["各街道和部门", "各镇街、社区"],
        ),
        ("各街道和村民要共同参与。", "zh", ["各街道"]),
        (
            "The District Education Bureau and Shuangyang Street must act; the streets should "
            "report.",
            "en",
            ["District Education Bureau", "Shuangyang Street", "the streets"],
        ),
        (
            "All units and departments should check, and relevant enterprises must rectify.",
            "en",
            ["All units and departments", "relevant enterprises"],
        ),
        ("Safety must be ensured in the region.", "en", []),
    ],
)
def test_find_mentions_as_written(text, lang, mentions):
    assert find_mentions(text, lang) == mentions


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("各街道", [ALL_STREETS]),
        ("各街道（办事处）", [ALL_STREETS]),
        ("各镇街", [ALL_STREETS]),
        ("all streets", [ALL_STREETS]),
        ("the streets", [ALL_STREETS]),
        ("the streets (offices)", [ALL_STREETS]),
        ("各部门", [MEMBER_UNITS]),
        ("各成员单位", [MEMBER_UNITS]),
        ("区安委会各成员单位", [MEMBER_UNITS]),
        ("member units", [MEMBER_UNITS]),
        ("streets and departments", [ALL_STREETS, MEMBER_UNITS]),
        ("各部门、街道", [MEMBER_UNITS, ALL_STREETS]),
        ("各街道、部门", [ALL_STREETS, MEMBER_UNITS]),
        ("各街道和有关部门", [ALL_STREETS, MEMBER_UNITS]),
        ("all departments and streets", [MEMBER_UNITS, ALL_STREETS]),
        ("all streets and departments", [ALL_STREETS, MEMBER_UNITS]),
        ("各单位", []),
        ("各有关单位", []),
        ("each unit", []),
        ("区教育局", [EDUCATION]),
        ("教育局", [EDUCATION]),
        ("Education Bureau", [EDUCATION]),
        ("District Education Bureau", [EDUCATION]),
        ("雙陽街道", [SHUANGYANG]),
        ("双阳街道办事处", [SHUANGYANG]),
        ("Shuangyang Subdistrict", [SHUANGYANG]),
        ("区应急管理局执法大队", [EMERGENCY]),
        ("各社区", []),
        ("区财政局", []),
    ],
)
def test_resolve_mentions(mention, expected):
    assert resolve_mentions([mention], REGISTRY) == {mention: expected}


def test_groups_found_by_name_when_they_have_no_unit_kind():
    """A registry whose groups carry no unit_kind is matched by the groups' names."""
    streets = RegistryEntry("group", 5, ("所有街道",))
    members = RegistryEntry("group", 6, ("Safety Committee member units",))
    assert resolve_mentions(["各街道", "各部门"], [streets, members]) == {
        "各街道": [streets],
        "各部门": [members],
    }


def test_departments_prefer_a_group_of_all_departments_to_the_member_units():
    """各部门 is the member units only where no group of all departments exists; 各成员单位
    is the member units either way."""
    departments = RegistryEntry("group", 7, ("所有部门", "All departments"), "department")
    registry = [ALL_STREETS, MEMBER_UNITS, departments]
    assert resolve_mentions(["各部门", "各成员单位", "各部门、街道"], registry) == {
        "各部门": [departments],
        "各成员单位": [MEMBER_UNITS],
        "各部门、街道": [departments, ALL_STREETS],
    }


def test_resolve_empty_registry_and_mentions():
    assert resolve_mentions([], REGISTRY) == {}
    assert resolve_mentions(["各街道"], []) == {"各街道": []}


def _demo_registry(with_industry_group: bool) -> list[RegistryEntry]:
    """The demo district's units (Chinese name and English alias, as the clerk's page builds
    them) and its two groups; optionally a group named 行业主管部门."""
    import tomllib
    from pathlib import Path

    data = tomllib.loads(
        (Path(__file__).resolve().parents[2] / "duban" / "demo" / "district.toml").read_text(
            "utf-8"
        )
    )
    registry = [
        RegistryEntry("group", 1, ("所有街道", "All streets", "各街道", "各镇街"), "street"),
        RegistryEntry(
            "group",
            2,
            ("安委会成员单位", "Safety Committee member units", "各成员单位"),
            "department",
        ),
    ]
    if with_industry_group:
        registry.append(
            RegistryEntry("group", 3, ("行业主管部门", "Industry authorities"), "department")
        )
    for kind, key in (
        ("street", "streets"),
        ("department", "departments"),
        ("committee", "committees"),
    ):
        registry += [
            RegistryEntry("unit", 100 + len(registry), tuple(names), kind) for names in data[key]
        ]
    return registry


@pytest.mark.parametrize(
    ("mention", "names"),
    [
        ("区应急管理局", ["区应急管理局"]),
        ("區應急管理局", ["区应急管理局"]),
        ("Emergency Management Bureau", ["区应急管理局"]),
        ("District Education Bureau", ["区教育局"]),
        ("区应急局", ["区应急管理局"]),
        ("区住建局", ["区住房和城乡建设局"]),
        ("区城管局", ["区城市管理局"]),
        ("区市场监管局", ["区市场监督管理局"]),
        ("交警大队", ["区公安分局交警大队"]),
        ("城东街道", ["城东街道"]),
        ("各街道", ["所有街道"]),
        ("各镇街", ["所有街道"]),
        ("all towns and streets", ["所有街道"]),
        ("各部门", ["安委会成员单位"]),
        ("各部门、街道", ["安委会成员单位", "所有街道"]),
        ("各街道、各部门", ["所有街道", "安委会成员单位"]),
        ("all streets and departments", ["所有街道", "安委会成员单位"]),
        ("各单位", []),
        ("各职能部门", ["安委会成员单位"]),
        ("区安委会各成员单位", ["安委会成员单位"]),
        ("all departments at all levels", ["安委会成员单位"]),
        ("行业主管部门", ["行业主管部门"]),
        ("各行业主管部门", ["行业主管部门"]),
        ("各社区", []),
        ("区财政局", ["区财政局"]),
        ("区安委办", []),
    ],
)
def test_resolve_against_a_realistic_registry(mention, names):
    """Units by name, alias, script, short form and abbreviation; 各街道 → the street group;
    行业主管部门 → the group of that name, and not every department group."""
    resolved = resolve_mentions([mention], _demo_registry(with_industry_group=True))[mention]
    assert [entry.names[0] for entry in resolved] == names


def test_industry_authorities_without_such_a_group_resolve_to_nothing():
    """行业主管部门 depends on the directive's area: without a group of that name, nobody."""
    assert resolve_mentions(["行业主管部门"], _demo_registry(with_industry_group=False)) == {
        "行业主管部门": []
    }


def test_a_lead_in_naming_every_unit_preselects_no_member_units():
    """The lead-in's 各单位/各企业 reach every item (they name nobody themselves), but 各单位
    (units of every kind) is not the Safety Committee's member units: before, every item of
    such a report came with the member units' group as its lead."""
    from duban.splitter import split

    text = (
        "会议强调各单位、各企业深刻吸取事故教训，一是要开展燃气安全排查；二是要加强值班值守；"
        "三是各部门、街道要加强宣传。"
    )
    registry = _demo_registry(with_industry_group=False)
    resolved = [
        sorted({e.names[0] for v in resolve_mentions(d.mentions, registry).values() for e in v})
        for d in split(text)
    ]
    assert resolved == [[], [], [], ["安委会成员单位", "所有街道"]]

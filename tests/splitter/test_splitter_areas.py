"""Key-area tags: the keyword file is data, in both scripts and English, and replaceable."""

from __future__ import annotations

import tomllib

import pytest

from duban.splitter import split
from duban.splitter.areas import DEFAULT_AREAS_PATH, load_tagger
from duban.vocabulary import AREAS


def test_the_kit_keyword_file_covers_the_whole_vocabulary_in_three_lists():
    data = tomllib.loads(DEFAULT_AREAS_PATH.read_text(encoding="utf-8"))
    assert sorted(data) == sorted(AREAS)
    assert all(data[area]["zh"] and data[area]["zh_hant"] and data[area]["en"] for area in AREAS)


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("要加强消防安全检查", ["fire"]),
        ("要加強消防安全檢查", ["fire"]),
        ("要做好森林火灾防控", ["forest_fire"]),
        ("要严查酒驾醉驾和渣土车", ["road_traffic"]),
        ("要加强危险化学品和烟花爆竹管理", ["hazardous_chemicals", "fireworks"]),
        ("要做好校园食堂食品安全", ["food_drug", "campus"]),
        ("要排查電梯和鍋爐", ["special_equipment"]),
        ("We must prevent forest fires and check fireworks shops.", ["fireworks", "forest_fire"]),
        (
            "We must inspect elevators, boilers and fishing vessels.",
            ["special_equipment", "waterway"],
        ),
        ("We must determine the leadership of the ship-building yard.", ["waterway"]),
        ("要加强领导，压实责任", []),
    ],
)
def test_areas_in_vocabulary_order_longest_keyword_wins(text, areas):
    """森林火灾 is forest_fire only; fireworks is not fire; determine is not mine."""
    assert load_tagger().tag(text) == areas


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("We must remove the hidden mines of risk in every enterprise.", []),
        ("Clear the mines of hidden danger before the holiday.", []),
        ("Sweep away the landmines and the minefield of risks.", []),
        ("Promote the standardization construction of safe production.", []),
        ("Strengthen team construction and system construction.", []),
        ("Promote the construction of safe production liability insurance.", []),
        ("加强消防队伍建设工程", ["fire"]),
        ("推进安全生产标准化建设，加强应急队伍建设和双重预防体系建设", []),
        ("推進安全生產標準化建設，加強隊伍建設工程", []),
        # the same words where they do mean the area
        ("Coal mines and non-coal mines must be inspected.", ["mining"]),
        ("Clear the hidden mines of risk at construction sites.", ["construction"]),
        ("Strengthen team construction at every construction site.", ["construction"]),
        ("深化标准化建设，排查建筑工地和建设工程", ["construction"]),
        ("要加强非煤矿山安全监管", ["mining"]),
    ],
)
def test_figures_of_speech_and_compounds_do_not_tag_an_area(text, areas):
    """Figurative mines (hidden mines of risk) are not mining; 建设 compounds (标准化建设,
    队伍建设, team construction) are not construction work; the real words still are."""
    assert load_tagger().tag(text) == areas


def test_other_areas_count_inside_an_excluded_phrase(tmp_path):
    path = tmp_path / "areas.toml"
    path.write_text(
        '[construction]\nen = ["construction"]\nnot_en = ["fire team construction"]\n'
        '[fire]\nen = ["fire"]\n',
        encoding="utf-8",
    )
    tagger = load_tagger(path)
    assert tagger.tag("Strengthen fire team construction.") == ["fire"]
    assert tagger.tag("Strengthen fire safety on construction sites.") == ["fire", "construction"]


def test_split_uses_another_keyword_file(tmp_path):
    path = tmp_path / "areas.toml"
    path.write_text('[campus]\nzh = ["托育"]\nzh_hant = []\nen = []\n', encoding="utf-8")
    directives = split("一是要加强托育机构安全；二是要加强消防安全。", areas_path=path)
    assert [d.areas for d in directives] == [["campus"], []]


def test_an_edited_keyword_file_is_read_again(tmp_path):
    path = tmp_path / "areas.toml"
    path.write_text('[gas]\nzh = ["沼气"]\n', encoding="utf-8")
    assert split("要加强沼气池安全。", areas_path=path)[0].areas == ["gas"]
    path.write_text('[flood]\nzh = ["沼气"]\n', encoding="utf-8")
    assert split("要加强沼气池安全管理。", areas_path=path)[0].areas == ["flood"]


@pytest.mark.parametrize(
    "content",
    ['[volcano]\nzh = ["火山"]\n', '[fire]\nzh = "消防"\n', '[fire]\nnot_en = "fire"\n', "[fire\n"],
)
def test_bad_keyword_files_are_refused(tmp_path, content):
    path = tmp_path / "areas.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        split("要加强消防。", areas_path=path)


def test_a_missing_keyword_file_is_an_error(tmp_path):
    with pytest.raises(OSError):
        split("要加强消防。", areas_path=tmp_path / "missing.toml")

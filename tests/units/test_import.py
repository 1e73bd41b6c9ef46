"""Importing a unit list from CSV or XLSX: the preview of what changes, bad rows by the number the
spreadsheet shows, and nothing written while any row is bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook as Book

from duban.infra.errors import ValidationError
from duban.vocabulary import IMPORT_CHANGES


def xlsx(path: Path, rows: list[list], merge: tuple[str, ...] = ()) -> Path:
    """An XLSX file written by openpyxl, rows from row 1, ranges like "B3:B5" merged."""
    book = Book()
    sheet = book.active
    for values in rows:
        sheet.append(values)
    for span in merge:
        sheet.merge_cells(span)
    book.save(path)
    return path


def counts(wb) -> dict[str, int]:
    return {table: wb.store.db[table].count for table in wb.store.db.table_names()}


def test_preview_names_added_changed_and_unchanged_rows_and_writes_nothing(office, tmp_path):
    office.add_group("Fire-prone", members=[])
    source = xlsx(
        tmp_path / "units.xlsx",
        [
            ["名称", "类别", "别名", "分组"],
            ["北街街道", "街道", "North Street", ""],
            ["区应急管理局", "部门", "应急局", "Fire-prone"],
            ["东街街道", "street", "", "所有街道"],
        ],
    )
    before = counts(office)
    preview = office.preview_units_import(source)
    assert counts(office) == before
    assert preview.ok
    assert [(r.row, r.change) for r in preview.rows] == [
        (2, "added"),
        (3, "changed"),
        (4, "unchanged"),
    ]
    assert {change: len(preview.changing(change)) for change in IMPORT_CHANGES} == dict.fromkeys(
        IMPORT_CHANGES, 1
    )
    assert [IMPORT_CHANGES.label(r.change) for r in preview.rows] == [
        "to add",
        "to change",
        "unchanged",
    ]
    assert preview.rows[1].new_aliases == ("应急局",) and preview.rows[1].new_groups == (
        "Fire-prone",
    )
    assert office.import_units(source) == 1
    bureau = office.find_unit("应急局")
    assert json.loads(bureau["aliases"]) == ["Emergency Bureau", "应急局"]
    assert office.group_unit_ids(office.find_group("Fire-prone")["id"]) == [bureau["id"]]
    assert {"add_unit", "import_aliases"} <= set(office.events("units")["action"])


def test_a_bad_row_is_named_by_its_row_number_and_nothing_is_imported(office, tmp_path):
    source = xlsx(
        tmp_path / "units.xlsx",
        [
            ["2026年安委会成员单位名单"],  # a title above the header
            [],
            ["序号", "单位名称", "单位类别", "备注"],
            [1, "北街街道", "街道", "新设"],
            [2, "中街", "planet", ""],
            [3, "区教育局", "部门", ""],
            [4, "北街街道", "街道", ""],
            [5, "区体育局", "department", ""],
        ],
    )
    before = counts(office)
    preview = office.preview_units_import(source)
    assert sorted(preview.bad) == [5, 7]
    assert "planet" in preview.bad[5][0] and "Streets and towns" in preview.bad[5][0]
    assert "also in row 4" in preview.bad[7][0]
    assert preview.ignored_columns == ("序号", "备注")
    with pytest.raises(ValidationError) as raised:
        office.import_units(source)
    assert set(raised.value.errors) == {"row 5", "row 7"}
    assert counts(office) == before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_or_gb18030(office, tmp_path, encoding):
    source = tmp_path / "units.csv"
    source.write_text("单位名称,类别,别名\n北街街道,街道,北街；北街办\n", encoding=encoding)
    assert office.import_units(source) == 1
    assert json.loads(office.find_unit("北街")["aliases"]) == ["北街", "北街办"]


def test_blank_rows_and_extra_columns_keep_the_row_numbers(office, tmp_path):
    source = xlsx(
        tmp_path / "units.xlsx",
        [
            ["name", "kind", "note"],
            ["北街街道", "street", "x"],
            [None, None, None],
            ["  ", "\u00a0", None],
            ["中街街道", "moon", None],
        ],
    )
    preview = office.preview_units_import(source)
    assert [r.row for r in preview.rows] == [2] and list(preview.bad) == [5]
    assert preview.ignored_columns == ("note",)


def test_a_kind_written_once_across_merged_rows_applies_to_each(office, tmp_path):
    source = xlsx(
        tmp_path / "units.xlsx",
        [
            ["name", "kind"],
            ["北街街道", "街道"],
            ["中街街道", None],
            ["上街街道", None],
        ],
        merge=("B2:B4",),
    )
    preview = office.preview_units_import(source)
    assert preview.ok and [r.kind for r in preview.rows] == ["street"] * 3


def test_spaces_nbsp_full_width_and_invisible_characters_are_cleaned(office, tmp_path):
    source = xlsx(
        tmp_path / "units.xlsx",
        [
            ["\u3000名称 ", "类别：", "别名"],
            ["\u200b北街街道\u00a0", " ＳＴＲＥＥＴ ", "Ｎｏｒｔｈ\u00a0Street"],
            [" 东街街道", "街道（镇）", ""],
        ],
    )
    preview = office.preview_units_import(source)
    assert preview.ok
    assert [(r.name, r.kind, r.change) for r in preview.rows] == [
        ("北街街道", "street", "added"),
        ("东街街道", "street", "unchanged"),
    ]
    assert preview.rows[0].new_aliases == ("North Street",)


def test_numbers_where_text_is_expected(office, tmp_path):
    source = xlsx(
        tmp_path / "units.xlsx",
        [["name", "kind", "aliases"], [110, "street", None], ["北街街道", "street", 12345]],
    )
    preview = office.preview_units_import(source)
    assert list(preview.bad) == [2] and "number" in preview.bad[2][0]
    assert preview.rows[0].new_aliases == ("12345",)


def test_unknown_group_kind_group_and_known_units(office, admin, tmp_path):
    admin.retire_unit("南街街道")
    source = tmp_path / "units.csv"
    source.write_text(
        "name,kind,groups\n"
        "北街街道,street,Nowhere\n"
        "区教育局,department,所有街道\n"
        "南街街道,street,\n"
        "东街街道,department,\n"
        "Emergency Bureau,department,\n"
        "区应急管理局,department,\n",
        encoding="utf-8",
    )
    bad = office.preview_units_import(source).bad
    assert "no group named Nowhere" in bad[2][0]
    assert "every unit of the kind" in bad[3][0]
    assert "retired" in bad[4][0]
    assert "already exists" in bad[5][0]
    assert "named in row 6" in bad[7][0]  # the same unit under its alias and its name
    assert 6 not in bad


def test_traditional_script_names_are_kept_as_written(office, tmp_path):
    source = tmp_path / "units.csv"
    source.write_text("單位名稱,類別\n北街街道辦事處,街道\n", encoding="utf-8")
    assert office.import_units(source) == 1
    assert office.find_unit("北街街道辦事處")["kind"] == "street"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "missing columns"),
        ("name\n北街街道\n", "missing columns: kind"),
        ("name,kind\n", "lists no units"),
    ],
)
def test_a_file_that_is_not_a_unit_list_is_refused_on_the_file(office, tmp_path, content, words):
    source = tmp_path / "units.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        office.preview_units_import(source)
    assert list(raised.value.errors) == ["file"] and words in raised.value.errors["file"]


def test_a_broken_xlsx_is_refused_on_the_file(office, tmp_path):
    source = tmp_path / "units.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ValidationError, match="not a whole .xlsx workbook"):
        office.preview_units_import(source)


def test_a_cell_with_a_line_break_keeps_the_row_numbers_of_the_spreadsheet(office, tmp_path):
    rows = [
        ["name", "kind", "aliases"],
        ["北街街道", "street", "North Street\n北街"],
        ["西北街道", "nowhere", ""],
        ["区教育局", "department", ""],
    ]
    source = tmp_path / "units.csv"
    source.write_text(
        'name,kind,aliases\n北街街道,street,"North Street\n北街"\n西北街道,nowhere,\n'
        "区教育局,department,\n",
        encoding="utf-8",
    )
    from_csv = office.preview_units_import(source)
    from_xlsx = office.preview_units_import(xlsx(tmp_path / "units.xlsx", rows))
    # a spreadsheet shows the two-line cell in row 2: the bad kind is in row 3 in both files
    assert list(from_csv.bad) == list(from_xlsx.bad) == [3]
    assert [(r.row, r.new_aliases) for r in from_csv.rows] == [
        (2, ("North Street", "北街")),
        (4, ()),
    ]
    assert [r.row for r in from_xlsx.rows] == [2, 4]

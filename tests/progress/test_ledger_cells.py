"""The ledger: sheets in date order, rows in directive order (the stored numbers), its texts as
plain text (never live formulas), punctuated as the language writes."""

from __future__ import annotations

import re
import zipfile
from datetime import date

import openpyxl
import pandas as pd

from duban.documents.ledger import export_ledger, seq_key
from duban.infra.i18n import set_language
from duban.service.directive_edits import PlannedDirective, numbers
from duban.service.progress import Scope
from duban.service.tasks import Target

ASCII_PUNCTUATION = re.compile(r"[:(),;]")


def test_directive_numbers_sort_naturally():
    seqs = ["10", "2.10", "1", "2", "2.9", "11", "2.1", "3"]
    assert sorted(seqs, key=seq_key) == ["1", "2", "2.1", "2.9", "2.10", "3", "10", "11"]


def test_the_ledger_lists_directives_in_their_order(office, tmp_path):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    top = [office.add_directive(meeting, f"item {n}") for n in range(1, 13)]
    subs = [office.add_directive(meeting, f"item 2.{n}", parent_id=top[1]) for n in range(1, 11)]
    for directive in top + subs:
        office.assign(directive, ["东街街道"], date(2026, 11, 30))
    book = openpyxl.load_workbook(export_ledger(office, tmp_path / "ledger.xlsx", Scope()))
    items = [row[0] for row in book[book.sheetnames[1]].iter_rows(min_row=2, values_only=True)]
    assert items == ["1", "2", *(f"2.{n}" for n in range(1, 11)), *(str(n) for n in range(3, 13))]


def test_texts_that_look_like_formulas_stay_text(office, tmp_path):
    hostile = '=HYPERLINK("http://x","y")'
    meeting = office.log_meeting("=1+1 plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, hostile)
    office.add_directive(meeting, "-2+3 and @SUM(A1)")
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    path = export_ledger(office, tmp_path / "ledger.xlsx", Scope())
    with zipfile.ZipFile(path) as archive:
        sheets = [
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith("xl/worksheets/")
        ]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets)
    book = openpyxl.load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert hostile in values and "=1+1 plenary" in values


def _uid(parent_id: object) -> str | None:
    return None if pd.isna(parent_id) else str(int(parent_id))


def _sheets_and_rows(path) -> tuple[list[str], dict[str, list[tuple]]]:
    book = openpyxl.load_workbook(path)
    rows = {n: list(book[n].iter_rows(min_row=2, values_only=True)) for n in book.sheetnames[1:]}
    return book.sheetnames, rows


def test_sheets_are_in_date_order_and_their_names_say_so(office, tmp_path):
    # 23 meetings logged out of date order (the 22nd logged was held before the 21st, …)
    days = [date(2026, 10, 1 + n) for n in range(23)]
    logged = [*days[:20], days[21], days[20], days[22]]
    for n, day in enumerate(logged, start=1):
        meeting = office.log_meeting(f"meeting {n}", "dispatch", "district", day)
        office.assign(office.add_directive(meeting, f"task {n}"), ["东街街道"], date(2026, 12, 30))
    names, _rows = _sheets_and_rows(export_ledger(office, tmp_path / "ledger.xlsx", Scope()))
    assert names[1:] == [f"{day.isoformat()} meeting {logged.index(day) + 1}" for day in days]
    assert names[1:] == ["Summary", *sorted(names[1:])][1:]  # what is shown sorts as it is placed
    summary = openpyxl.load_workbook(tmp_path / "ledger.xlsx")["Summary"]
    held = [row[1] for row in summary.iter_rows(min_row=13, values_only=True) if row[1]]
    assert held == [day.isoformat() for day in days]


def test_rows_follow_the_numbers_then_lead_first_then_the_unit_list(office, tmp_path):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    top = [office.add_directive(meeting, f"item {n}") for n in range(1, 24)]
    subs = [office.add_directive(meeting, f"item 2.{n}", parent_id=top[1]) for n in range(1, 13)]
    for directive in top + subs:
        office.assign(directive, ["东街街道"], date(2026, 11, 30))
    helpers = [Target("区消防救援大队", "cooperating"), Target("西街街道", "cooperating")]
    office.assign(top[0], [*helpers, "南街街道", "区应急管理局"], date(2026, 11, 30))
    _names, rows = _sheets_and_rows(export_ledger(office, tmp_path / "ledger.xlsx", Scope()))
    (sheet,) = rows.values()
    items = [row[0] for row in sheet]
    assert items == [
        *["1"] * 5, "2", *(f"2.{n}" for n in range(1, 13)), *(str(n) for n in range(3, 24))
    ]  # fmt: skip
    first = [(row[2], row[3]) for row in sheet[:5]]  # units as registered, leads first
    assert first == [
        ("东街街道", "lead"),
        ("南街街道", "lead"),
        ("区应急管理局", "lead"),
        ("西街街道", "cooperating"),
        ("区消防救援大队", "cooperating"),
    ]


def test_the_ledger_numbers_are_the_stored_numbers_of_the_directive_tree(office, tmp_path):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    top = [office.add_directive(meeting, f"item {n}") for n in range(1, 4)]
    office.add_directive(meeting, "under the third", parent_id=top[2])
    office.add_directive(meeting, "under the first", parent_id=top[0])
    office.delete_directive(top[1])  # what was 3 becomes 2, its sub-item 2.1
    stored = office.directives(meeting)
    expected = numbers(
        [PlannedDirective(str(r.id), r.text, parent=_uid(r.parent_id)) for r in stored.itertuples()]
    )
    for directive_id in stored["id"]:
        office.assign(int(directive_id), ["东街街道"], date(2026, 11, 30))
    _names, rows = _sheets_and_rows(export_ledger(office, tmp_path / "ledger.xlsx", Scope()))
    (sheet,) = rows.values()
    texts = dict(zip(stored["id"].astype(str), stored["text"], strict=True))
    assert {row[1]: row[0] for row in sheet} == {texts[uid]: seq for uid, seq in expected.items()}
    assert {row[1]: row[0] for row in sheet}["under the third"] == "2.1"


def test_the_chinese_ledger_uses_full_width_punctuation(office, tmp_path):
    meeting = office.log_meeting("全区燃气安全专项整治部署会", "special", "district", "2026-11-10")
    office.assign(office.add_directive(meeting, "要开展排查"), ["所有街道"], date(2026, 11, 30))
    set_language("zh_CN")
    names, rows = _sheets_and_rows(export_ledger(office, tmp_path / "台账.xlsx", Scope()))
    book = openpyxl.load_workbook(tmp_path / "台账.xlsx")
    texts = [
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    assert "汇总" in names and "牵头" in texts
    assert [t for t in [*names, *texts] if ASCII_PUNCTUATION.search(t)] == []

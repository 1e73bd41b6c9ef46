"""The ledger's rows in directive order, and its texts as plain text (never live formulas)."""

from __future__ import annotations

import zipfile
from datetime import date

import openpyxl

from duban.documents.ledger import export_ledger, seq_key
from duban.service.progress import Scope


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

"""The bulletin (HTML, DOCX) and the ledger (XLSX): the same numbers as the progress page."""

from __future__ import annotations

import base64
import re

import docx
import openpyxl
import pytest

from duban.documents.bulletin import write_bulletin
from duban.documents.ledger import export_ledger
from duban.infra.i18n import set_language
from duban.models.bulletin import BulletinModel
from duban.widgets.bulletin import BulletinView

from .conftest import PERIOD


@pytest.fixture
def written(history):
    return write_bulletin(history.wb, PERIOD)


def test_files_are_written_beside_the_database(history, written):
    _bulletin, files = written
    folder = history.wb.store.path.parent / "bulletins"
    assert {files.html.parent, files.docx.parent, files.xlsx.parent} == {folder}
    assert files.html.name == "bulletin-2026-10-01_2026-11-16.html"


def test_the_docx_carries_the_figures_ranking_and_overdue_units(history, written):
    _bulletin, files = written
    document = docx.Document(files.docx)
    figures, ranking, overdue = document.tables
    shown = {row.cells[0].text: row.cells[1].text for row in figures.rows[1:]}
    headline = history.wb.headline(PERIOD)
    assert shown["tasks assigned"] == str(headline["assigned"]) == "6"
    assert (
        shown["closed on time"],
        shown["closed late"],
        shown["overdue"],
        shown["returned at least once"],
    ) == ("2", "1", "2", "1")
    assert [row.cells[2].text for row in ranking.rows[1:]] == [
        "东街街道",
        "西街街道",
        "南街街道",
        "区消防救援大队",
        "区应急管理局",  # no task due in the period: not ranked, after the ranked units
    ]
    assert [row.cells[0].text for row in overdue.rows[1:]] == ["南街街道", "区消防救援大队"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "南街街道 (1), 区消防救援大队 (1)" in text  # English punctuation in the English bulletin
    assert "{{" not in text and "{%" not in text


def test_the_ledger_has_a_summary_and_a_sheet_per_meeting(history, written):
    _bulletin, files = written
    book = openpyxl.load_workbook(files.xlsx)
    assert book.sheetnames == ["Summary", "2026-10-01 A plenary", "2026-11-02 B video"]
    summary = {
        row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, max_row=10, values_only=True)
    }
    headline = history.wb.headline(PERIOD)
    assert (summary["tasks assigned"], summary["closed"], summary["overdue"]) == (
        headline["assigned"],
        headline["closed"],
        headline["overdue"],
    )
    a_sheet = list(book["2026-10-01 A plenary"].iter_rows(values_only=True))
    assert len(a_sheet) == 1 + 4  # heading and A's four tasks


def test_the_html_is_escaped(history, written):
    bulletin, _files = written
    history.wb.as_user("admin").rename_unit("南街街道", "南街<script>")
    _b, files = write_bulletin(history.wb, PERIOD)
    page = files.html.read_text(encoding="utf-8")
    assert "南街&lt;script&gt;" in page and "<script>" not in page


def test_the_cli_export_still_writes_every_task(history, tmp_path):
    book = openpyxl.load_workbook(export_ledger(history.wb, tmp_path / "all.xlsx"))
    assert len(book.sheetnames) == 1 + 3  # summary, C, A, B


def test_the_page_generates_and_offers_downloads(history):
    view = BulletinView(BulletinModel(history.wb.as_user("leader")))
    view.period.start.value, view.period.end.value = PERIOD.start, PERIOD.end
    view.generate.click()
    assert "Bulletin and ledger written" in view.messages.value
    assert str(history.wb.store.path.parent) not in view.messages.value  # no server paths shown
    assert view.links.value.count('href="data:') == 3
    uri = view.links.value.split('href="data:text/html;base64,')[1].split('"')[0]
    assert "南街街道" in base64.b64decode(uri).decode("utf-8")
    assert '<div class="value">6</div>' in view.cards.value


def test_the_bulletin_prints_on_a4_with_the_margins_of_official_documents(written):
    _bulletin, files = written
    (section,) = docx.Document(files.docx).sections
    lengths = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    lengths += [section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in lengths] == [210, 297, 37, 35, 28, 26]
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in files.html.read_text("utf-8")


def test_the_chinese_bulletin_uses_full_width_punctuation(history):
    set_language("zh_CN")
    _bulletin, files = write_bulletin(history.wb, PERIOD)
    document = docx.Document(files.docx)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts = [p.text for p in document.paragraphs] + cells
    body = files.page.split("</style>")[1]
    texts += [t for t in re.split(r"<[^>]+>", body) if t.strip()]
    assert "南街街道（1）、区消防救援大队（1）" in "\n".join(texts)
    assert [t for t in texts if re.search(r"[\u4e00-\u9fff][:(),;]|[:(,;][\u4e00-\u9fff]", t)] == []

"""One scope of the demo, every surface that shows its headline: the same (label, value) texts.

The surfaces: the progress page's cards, the home page's cards, the bulletin page's cards,
the bulletin's HTML and DOCX files and the ledger's summary sheet. A surface that formats a
figure its own way (a rate as "80%" beside "79.9%", 13.0 beside 13) fails here.
"""

from __future__ import annotations

import html
import re

import docx
import openpyxl
import pytest

from duban.documents.figures import HEADLINE, figure_rows
from duban.models.bulletin import BulletinModel
from duban.models.home import HomeModel
from duban.models.progress import ProgressModel
from duban.service.progress import Scope
from duban.service.workbook import open_workbook
from duban.widgets.bulletin import BulletinView
from duban.widgets.home import HomeView
from duban.widgets.progress import ProgressView

CARD = re.compile(r'<div class="value">(.*?)</div><div class="label">(.*?)</div>')
FIGURES_TABLE = re.compile(r'<table class="figures">(.*?)</table>', re.S)
FIGURE_ROW = re.compile(r'<tr><td>([^<]*)</td><td class="num">([^<]*)</td></tr>')


def cards(value: str) -> list[tuple[str, str]]:
    return [(html.unescape(label), html.unescape(text)) for text, label in CARD.findall(value)]


@pytest.fixture
def surfaces(demo_copy, today) -> dict[str, list[tuple[str, str]]]:
    """(label, value) of each surface, for every task of the demo (the home page's scope)."""
    wb = open_workbook(demo_copy, user="leader")
    bulletin = BulletinView(BulletinModel(wb, preset="all"))
    bulletin.generate.click()
    assert "Bulletin and ledger written" in bulletin.messages.value, bulletin.messages.value
    folder = demo_copy.parent / "bulletins"
    (page,) = folder.glob("bulletin-*.html")
    (document,) = folder.glob("bulletin-*.docx")
    (ledger,) = folder.glob("ledger-*.xlsx")
    figures_table = docx.Document(document).tables[0]
    summary = openpyxl.load_workbook(ledger)["Summary"]
    return {
        "progress page": cards(ProgressView(ProgressModel(wb, preset="all")).cards.value),
        "home page": cards(HomeView(HomeModel(wb)).cards.value),
        "bulletin page": cards(bulletin.cards.value),
        "bulletin HTML": [
            (html.unescape(a), html.unescape(b))
            for table in FIGURES_TABLE.findall(page.read_text(encoding="utf-8"))
            for a, b in FIGURE_ROW.findall(table)
        ],
        "bulletin DOCX": [(row.cells[0].text, row.cells[1].text) for row in figures_table.rows[1:]],
        "ledger XLSX": [
            (str(row[0]), str(row[1]))
            for row in summary.iter_rows(min_row=2, max_row=1 + len(HEADLINE), values_only=True)
        ],
    }


def test_every_surface_shows_the_same_figures(surfaces, demo_copy, today):
    expected = figure_rows(open_workbook(demo_copy, user="leader").headline(Scope()))
    assert len(expected) == len(HEADLINE) == 9
    for surface, shown in surfaces.items():
        assert shown == expected, surface


def test_the_rate_has_one_decimal_and_counts_are_whole(surfaces):
    shown = dict(surfaces["ledger XLSX"])
    assert re.fullmatch(r"\d{1,3}\.\d%", shown["on-time rate"])
    assert shown["tasks assigned"].isdigit() and shown["returned at least once"].isdigit()

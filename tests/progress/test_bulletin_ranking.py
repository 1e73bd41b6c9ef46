"""The bulletin's ranking table, HTML and DOCX: distinct headings, and the same rank and score
texts as the progress page (a unit with no task due: – and –, after the ranked units)."""

from __future__ import annotations

import html
import re

import docx
import pytest

from duban.documents.bulletin import write_bulletin
from duban.infra.i18n import set_language
from duban.models.progress import PARTS, ProgressModel
from duban.vocabulary import UNIT_KINDS
from duban.widgets.progress import ProgressView

from .conftest import PERIOD

RANKING_TABLE = re.compile(r'<table class="ranking">(.*?)</table>', re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def _html_rows(page: str) -> list[list[str]]:
    (table,) = RANKING_TABLE.findall(page)
    return [[html.unescape(c) for c in CELL.findall(row)] for row in ROW.findall(table)]


def _docx_rows(path) -> list[list[str]]:
    _figures, ranking, _overdue = docx.Document(path).tables
    return [[cell.text for cell in row.cells] for row in ranking.rows]


@pytest.mark.parametrize(
    ("lang", "kind_heading", "unit_heading"),
    [("en", "unit kind", "unit"), ("zh_CN", "单位类别", "单位")],
)
def test_the_ranking_headings_are_distinct(history, lang, kind_heading, unit_heading):
    set_language(lang)
    _bulletin, files = write_bulletin(history.wb, PERIOD)
    for rows in (_html_rows(files.page), _docx_rows(files.docx)):
        headings = rows[0]
        assert len(headings) == len(set(headings)), headings
        assert (headings[0], headings[2]) == (kind_heading, unit_heading)


def test_the_bulletin_ranks_as_the_page_does(history):
    _bulletin, files = write_bulletin(history.wb, PERIOD)
    view = ProgressView(ProgressModel(history.wb))
    view.period.start.value, view.period.end.value = PERIOD.start, PERIOD.end
    view.tabs.selected_index = PARTS.index("ranking")
    on_page = [
        (UNIT_KINDS.label(kind), *(CELL.findall(row)[:3]))
        for kind in UNIT_KINDS
        for row in ROW.findall(view.rankings[kind].value)[1:]
    ]
    assert on_page[-1] == ("Departments and bureaus", "–", "区应急管理局", "–")
    for rows in (_html_rows(files.page), _docx_rows(files.docx)):
        assert [tuple(r[:4]) for r in rows[1:]] == on_page  # kind, rank, unit, score


def test_an_unranked_row_says_why_in_both_files(history):
    set_language("zh_CN")
    _bulletin, files = write_bulletin(history.wb, PERIOD)
    for rows in (_html_rows(files.page), _docx_rows(files.docx)):
        notes = {row[2]: row[-1] for row in rows[1:]}
        assert rows[0][-1] == "备注"
        assert notes["区应急管理局"] == "本期无到期任务"
        assert notes["区消防救援大队"] == ""

"""The escalation flag where leaders look: the progress page's ranking and the bulletin (HTML
and DOCX), each with the rule in words."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import docx
import pytest

from duban.documents.bulletin import write_bulletin
from duban.infra.config import EscalationRule
from duban.infra.i18n import set_language
from duban.models.progress import PARTS, ProgressModel
from duban.service.progress import Scope
from duban.widgets.progress import ProgressView

FLAGGED = {"东街街道", "南街街道", "区消防救援大队"}
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def ranking_opened(view: ProgressView) -> ProgressView:
    view.tabs.selected_index = PARTS.index("ranking")
    return view


def page_flags(view: ProgressView) -> dict[str, str]:
    """unit -> the flag cell's text, from every ranking table of the page."""
    flags = {}
    for table in view.rankings.values():
        rows = [CELL.findall(r) for r in ROW.findall(table.value)]
        if rows:
            at, unit = rows[0].index("escalation"), rows[0].index("unit")
            flags |= {r[unit]: re.sub("<[^>]+>", "", r[at]) for r in rows[1:]}
    return flags


def bulletin_rows(files) -> tuple[list[list[str]], list[list[str]]]:
    (table,) = re.findall(r'<table class="ranking">(.*?)</table>', files.page, re.S)
    in_html = [[html.unescape(c) for c in CELL.findall(r)] for r in ROW.findall(table)]
    _figures, ranking, _overdue = docx.Document(files.docx).tables
    return in_html, [[c.text for c in r.cells] for r in ranking.rows]


@pytest.fixture
def view(late) -> ProgressView:
    return ranking_opened(ProgressView(ProgressModel(late.wb, preset="all")))


def test_the_ranking_flags_the_units_the_rule_names_and_says_the_rule(view):
    flags = page_flags(view)
    assert {unit for unit, flag in flags.items() if flag} == FLAGGED
    assert set(flags.values()) == {"interview suggested", ""}
    assert "2 or more of its tasks became overdue in the last 90 days" in (
        view.escalation_rule.value
    )
    assert 'class="duban-flag"' in view.rankings["street"].value


def test_the_flag_follows_the_rule(late):
    late.wb.settings = replace(late.wb.settings, escalation=EscalationRule(overdue_times=3))
    view = ranking_opened(ProgressView(ProgressModel(late.wb, preset="all")))
    assert page_flags(view) and not any(page_flags(view).values())
    assert "3 or more" in view.escalation_rule.value


@pytest.mark.parametrize(("lang", "mark"), [("en", "interview suggested"), ("zh_CN", "建议约谈")])
def test_the_bulletin_marks_the_same_units_in_both_files(late, lang, mark):
    set_language(lang)
    _bulletin, files = write_bulletin(late.wb, Scope())
    for rows in bulletin_rows(files):
        at = rows[0].index("约谈提示" if lang == "zh_CN" else "escalation")
        assert {r[2] for r in rows[1:] if r[at] == mark} == FLAGGED
        assert {r[at] for r in rows[1:]} == {mark, ""}
    rule = late.wb.escalation_rule()
    text = "\n".join(p.text for p in docx.Document(files.docx).paragraphs)
    assert rule in text and html.escape(rule) in files.page


def test_the_page_and_the_bulletin_flag_alike(late, view):
    _bulletin, files = write_bulletin(late.wb, Scope())
    in_html, _in_docx = bulletin_rows(files)
    at = in_html[0].index("escalation")
    assert {r[2]: r[at] for r in in_html[1:]} == page_flags(view)

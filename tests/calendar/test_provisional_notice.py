"""The assignment notice (交办单) says when a deadline lies in a year whose holidays are unknown."""

from __future__ import annotations

import html
import io
from datetime import date

import pytest
from docx import Document

from duban.documents.notices import meeting_notices, render_docx, render_html
from duban.infra import clock
from duban.infra.i18n import set_language

YEAR_END = date(2026, 12, 29)


def notice_of_east(office, days: int):
    """The notice of 东街街道 for a directive due `days` working days after 2026-12-29."""
    with clock.frozen(YEAR_END):
        meeting = office.log_meeting("Year end", "special", "district", "2026-12-28")
        directive = office.add_directive(meeting, "Check fireworks sellers", areas=["fireworks"])
        office.assign(directive, ["东街街道"], days)
        (notice,) = meeting_notices(office, meeting)
    return notice


def docx_cells(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("zh_CN", "2027-01-05（暂定：2027年节假日安排未录入）"),
        ("en", "2027-01-05 (provisional: the holiday schedule of 2027 is not entered)"),
    ],
)
def test_a_deadline_in_an_unknown_year_is_provisional_in_html_and_docx(office, lang, shown):
    set_language(lang)
    notice = notice_of_east(office, 5)
    assert shown in html.unescape(render_html(notice))
    assert shown in docx_cells(render_docx(notice))


def test_once_the_year_is_entered_the_deadline_is_plain(office):
    office.enter_holiday("2027-01-01", "holiday", "元旦")
    notice = notice_of_east(office, 5)
    assert notice.context["tasks"][0]["deadline"] == "2027-01-06"  # 1 January is a holiday now
    assert notice.context["tasks"][0]["provisional"] == ""
    assert "(provisional" not in render_html(notice)
    assert "2027-01-06" in docx_cells(render_docx(notice))


def test_a_deadline_the_package_knows_is_plain(office):
    notice = notice_of_east(office, 1)  # 2026-12-30
    assert notice.context["tasks"][0]["provisional"] == ""
    assert "2026-12-30" in docx_cells(render_docx(notice))

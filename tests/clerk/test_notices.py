"""Assignment notices: one per unit, DOCX and HTML, on disk next to the database."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pandas as pd
import pytest
from docx import Document
from docx.shared import Length

from duban.documents.notices import meeting_notices, render_docx, render_html, write_notices
from duban.infra.i18n import set_language
from duban.service.deployments import DirectivePlan
from duban.service.directive_edits import PlannedDirective, numbers
from duban.service.tasks import Target

MEETING = {
    "title": "消防 & 燃气 <专项> 部署会",
    "kind": "special",
    "level": "district",
    "held_on": "2026-11-16",
    "doc_number": "清安委〔2026〕12号",
}


def deploy(office) -> int:
    plans = [
        DirectivePlan(
            "要开展燃气 <安全> & 消防排查", targets=[Target("所有街道", group=True)], deadline=5
        ),
        DirectivePlan(
            "要加强督导",
            targets=[Target("区应急管理局"), Target("东街街道", "cooperating")],
            deadline="2026-12-31",
            cycle="monthly",
        ),
    ]
    return office.save_deployment(MEETING, plans).meeting_id


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_each_unit_gets_its_tasks_roles_and_deadlines(office):
    meeting_id = deploy(office)
    notices = {n.unit: n for n in meeting_notices(office, meeting_id)}
    assert set(notices) == {"东街街道", "西街街道", "南街街道", "区应急管理局"}
    east = docx_text(render_docx(notices["东街街道"]))
    assert "To: 东街街道" in east and "清安委〔2026〕12号" in east
    assert "要开展燃气 <安全> & 消防排查" in east and "cooperating" in east and "2026-12-31" in east
    assert "要加强督导" not in docx_text(render_docx(notices["西街街道"]))


def test_the_html_preview_escapes_the_text(office):
    meeting_id = deploy(office)
    page = render_html(meeting_notices(office, meeting_id)[0])
    assert "&lt;安全&gt; &amp; 消防" in page and "<安全>" not in page
    assert "&lt;专项&gt;" in page


def test_notices_and_their_zip_are_written_next_to_the_database(office):
    meeting_id = deploy(office)
    files = write_notices(office, meeting_id)
    assert files.folder == office.store.path.parent / "notices" / str(meeting_id)
    assert sorted(p.name for p in files.docx) == [
        "1-东街街道.docx",
        "2-西街街道.docx",
        "3-南街街道.docx",
        "4-区应急管理局.docx",
    ]
    with zipfile.ZipFile(files.zip) as bundle:
        assert sorted(bundle.namelist()) == sorted(p.name for p in files.docx)


def test_notices_follow_the_kits_language(office):
    meeting_id = deploy(office)
    set_language("zh_CN")
    text = docx_text(render_docx(meeting_notices(office, meeting_id)[0]))
    assert "交办单" in text and "牵头" in text and "不定期报送" in text


def test_the_page_offers_the_notices_for_download(at_assign):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = ["东街街道"]
    at_assign.next.click()
    at_assign.save.save.click()
    notices = at_assign.save.notices_view
    assert 'download="notices-1.zip"' in notices.zip.value and "base64," in notices.zip.value
    assert 'download="1-东街街道.docx"' in notices.single.value
    assert "Assignment notice" in notices.preview.value


def test_a_notice_that_cannot_be_read_is_reported_on_the_page(at_assign):
    for assignment in at_assign.model.assign.assignments:
        assignment.lead = ["东街街道", "西街街道"]
    at_assign.next.click()
    at_assign.save.save.click()
    notices = at_assign.save.notices_view
    notices.files.docx[1].unlink()  # removed from the folder meanwhile
    notices.unit.value = 1
    assert (
        "Unexpected error" in at_assign.messages.value
        and "2-西街街道.docx" in at_assign.messages.value
    )
    assert "Nothing was saved" not in at_assign.messages.value


def test_the_docx_notice_is_a4_with_the_margins_of_official_documents(office):
    notice = meeting_notices(office, deploy(office))[0]
    document = Document(io.BytesIO(render_docx(notice)))
    (section,) = document.sections
    size = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in size] == [210, 297]
    assert [round(length.mm, 1) for length in margins] == [37, 35, 28, 26]
    table = Length(sum(cell.width for cell in document.tables[0].rows[0].cells))
    assert round(table.mm) == 210 - 28 - 26  # the task table fills the width between the margins


def test_the_html_notice_prints_on_a4(office):
    page = render_html(meeting_notices(office, deploy(office))[0])
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in page


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "zh_CN",
            [
                "承办单位：东街街道",
                "（2026-11-16）",
                "文号：清安委〔2026〕12号",
                "交办人：Clerk Wang",
            ],
        ),
        (
            "en",
            [
                "To: 东街街道",
                " (2026-11-16)",
                "Document number: 清安委〔2026〕12号",
                "Issued by: Clerk Wang",
            ],
        ),
    ],
)
def test_captions_and_values_are_punctuated_as_the_language_writes(office, lang, lines):
    meeting_id = deploy(office)
    set_language(lang)
    notice = {n.unit: n for n in meeting_notices(office, meeting_id)}["东街街道"]
    for text in (docx_text(render_docx(notice)), render_html(notice)):
        assert all(line in text for line in lines), (lines, text)
        if lang == "zh_CN":
            assert not re.search(r"[\u4e00-\u9fff][:(]|[:(] ?\d{4}-", text), text


def test_notices_number_the_directives_as_they_are_stored(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    top = [office.add_directive(meeting, f"item {n}") for n in range(1, 13)]
    for n in range(1, 12):
        office.add_directive(meeting, f"item 2.{n}", parent_id=top[1])
    office.delete_directive(top[0])  # every number moves up: 2.1 becomes 1.1
    stored = office.directives(meeting)
    expected = numbers(
        [
            PlannedDirective(
                str(r.id), r.text, parent=None if pd.isna(r.parent_id) else str(int(r.parent_id))
            )
            for r in stored.itertuples()
        ]
    )
    for directive_id in stored["id"]:
        office.assign(int(directive_id), ["东街街道"], date(2026, 11, 30))
    (notice,) = meeting_notices(office, meeting)
    rows = [(t["directive"], t["seq"]) for t in notice.context["tasks"]]
    texts = dict(zip(stored["id"].astype(str), stored["text"], strict=True))
    assert dict(rows) == {texts[uid]: seq for uid, seq in expected.items()}
    assert [seq for _text, seq in rows] == [
        "1", *(f"1.{n}" for n in range(1, 12)), *(str(n) for n in range(2, 12))
    ]  # fmt: skip
    assert ("item 2.10", "1.10") in rows

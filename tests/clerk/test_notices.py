"""Assignment notices: one per unit, DOCX and HTML, on disk next to the database."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from duban.documents.notices import meeting_notices, render_docx, render_html, write_notices
from duban.infra.i18n import set_language
from duban.service.deployments import DirectivePlan
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

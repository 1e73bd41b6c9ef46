"""HTML and script in any user text show as text, in every page and every document.

A small office whose every free text holds HOSTILE (a unit's name and alias, a group, people's
names, a meeting's title, place, presider, speakers, attendees and number, a directive and its
speaker, a progress report, an evidence file's name, a closure request, a return comment, an
extension's reason, a reminder's note, a draft's title). Each served page is built in-process
as each role that may open it (open_page, as `duban serve` builds it), its selections gone
through one by one; no HTML on it may hold the raw tags, and the pages that show the text
show it escaped. The notices, reminder notices, bulletin and ledger hold it as text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import ipywidgets as w
import openpyxl
import pytest
from docx import Document
from PIL import Image

from duban.documents import reminders as reminder_documents
from duban.documents.bulletin import write_bulletin
from duban.documents.ledger import export_ledger
from duban.documents.notices import meeting_notices, render_html, write_notices
from duban.infra import clock
from duban.models.log_meeting import LogMeeting
from duban.models.pages import PAGES
from duban.service.evidence import Upload
from duban.service.progress import Scope, preset_period
from duban.service.tasks import Target
from duban.service.workbook import Workbook, open_workbook
from duban.templates import environment
from duban.widgets.common import open_page
from duban.widgets.log_meeting import LogMeetingView
from tests.conftest import TODAY

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
FILE_NAME = "photo<img src=x onerror=alert(3)>.png"  # a file name holds no slash
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
RAW = ("<script>alert", "<img src=x")  # what must never reach a page as markup
LOGINS = ("admin", "clerk", "leader", "analyst", "north")
# What pages show (as whom) once their selections are gone through: the texts that begin so,
# HOSTILE escaped after them; FILE the evidence file's name, escaped.
FILE = "photo&lt;img src=x onerror=alert(3)&gt;.png"
SHOWING = {
    ("my_tasks", "north"): ("会议", "指示", "进展", "完成", "退回", FILE),
    ("my_tasks", "clerk"): ("指示", "理由", "催办"),
    ("supervision", "clerk"): ("北街街道", "指示", "进展", "再次", "首次退回", "理由", FILE),
    ("units", "admin"): ("北街街道", "North", "所有街道"),
    **{("progress", login): ("会议", "指示", "第二项") for login in LOGINS},
}
# People's names shown in the page's frame (signed in as), or in its refusal
NAMES = {"clerk": "Clerk", "leader": "Leader", "north": "Reporter"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The office, its meeting, directive and the two tasks (north's in review, east's with an
    extension pending), one reminder sent; HOSTILE in every text a person types."""
    db = tmp_path_factory.mktemp("hostile") / "duban.sqlite"
    with clock.frozen(TODAY):
        admin = open_workbook(db, user="admin")
        north = admin.add_unit(f"北街街道{HOSTILE}", "street", [f"North{HOSTILE}"])
        east = admin.add_unit("东街街道", "street")
        admin.add_group(f"所有街道{HOSTILE}", unit_kind="street")
        admin.add_user("clerk", f"Clerk{HOSTILE}", "clerk")
        admin.add_user("leader", f"Leader{HOSTILE}", "leader")
        admin.add_user("analyst", "Analyst", "analyst")
        admin.add_user("north", f"Reporter{HOSTILE}", "reporter", north)
        admin.add_user("east", "Reporter east", "reporter", east)
        clerk, reporter, other = (open_workbook(db, user=u) for u in ("clerk", "north", "east"))
        meeting = clerk.log_meeting(
            f"会议{HOSTILE}",
            "special",
            "district",
            TODAY,
            location=f"地点{HOSTILE}",
            presider=f"主持{HOSTILE}",
            speakers=[f"讲话{HOSTILE}"],
            attendees=f"参会{HOSTILE}",
            doc_number=f"文号{HOSTILE}",
        )
        directive = clerk.add_directive(
            meeting, f"指示{HOSTILE}", areas=["fire"], speaker=f"发言{HOSTILE}"
        )
        north_task, east_task = clerk.assign(directive, [Target(north), Target(east)], 15).task_ids
        second = clerk.add_directive(meeting, f"第二项{HOSTILE}", areas=["fire"])
        (returned,) = clerk.assign(second, [Target(north)], 15).task_ids
        for task in (north_task, returned):
            reporter.acknowledge(task)
        reporter.report_progress(north_task, 40, f"进展{HOSTILE}", [Upload(FILE_NAME, _png())])
        reporter.request_closure(north_task, f"完成{HOSTILE}")
        clerk.return_task(north_task, f"首次退回{HOSTILE}")
        reporter.request_closure(north_task, f"再次{HOSTILE}")
        reporter.request_closure(returned, f"申请{HOSTILE}")
        clerk.return_task(returned, f"退回{HOSTILE}")
        other.acknowledge(east_task)
        other.request_extension(east_task, date(2027, 3, 31), f"理由{HOSTILE}")
        reminder = reminder_documents.send_reminders(clerk, [east_task], note=f"催办{HOSTILE}")
        clerk.save_draft({"title": HOSTILE}, title=f"草稿{HOSTILE}")
    tasks = {"in review": north_task, "returned": returned, "extension": east_task}
    return {"db": db, "meeting": meeting, "tasks": tasks, "reminder": reminder}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def as_user(hostile: dict, monkeypatch: pytest.MonkeyPatch, today: date):
    """open_page(name) on the hostile office as `login` (as duban serve builds a page)."""
    monkeypatch.setenv("DUBAN_DB", str(hostile["db"]))

    def opened(name: str, login: str) -> w.Widget:
        monkeypatch.setenv("DUBAN_USER", login)
        return open_page(name)

    return opened


def widgets_of(widget: w.Widget) -> Iterator[w.Widget]:
    """`widget` and every widget shown inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_of(child)


def markup_of(widget: w.Widget) -> list[str]:
    """Every piece of HTML the page sends the browser as markup."""
    found = []
    for item in widgets_of(widget):
        if isinstance(item, w.HTML | w.HTMLMath):
            found.append(item.value)
        if getattr(item, "description_allow_html", False):
            found.append(item.description)
    return found


def looked_at(page: w.Widget) -> list[str]:
    """The page's markup now, then after each choice of each selection (dropdowns, lists,
    toggles, tabs), twice over (a choice may show more choices); a raw tag fails at once."""
    seen = _checked(page)
    for _round in range(2):
        for control in list(widgets_of(page)):
            if isinstance(control, w.Dropdown | w.Select | w.RadioButtons | w.ToggleButtons):
                positions, attribute = len(control.options), "index"
            elif isinstance(control, w.Tab | w.Accordion):
                positions, attribute = len(control.children), "selected_index"
            else:
                continue
            for position in range(positions):
                setattr(control, attribute, position)
                seen += _checked(page)
    return seen


def _checked(page: w.Widget) -> list[str]:
    markup = markup_of(page)
    for piece in markup:
        for raw in RAW:
            assert raw not in piece, f"raw {raw!r} in: {piece[:400]}"
    return markup


CASES = [
    (page.name, login)
    for page in PAGES
    if page.served
    for login in LOGINS
    if page.name != "my_tasks" or login in ("north", "clerk")
]


@pytest.mark.parametrize(("name", "login"), CASES)
def test_a_page_shows_user_text_as_text(as_user, name: str, login: str):
    page = as_user(name, login)
    markup = " ".join(looked_at(page))
    assert "Traceback" not in markup
    shown = SHOWING.get((name, login), ()) + ((NAMES[login],) if login in NAMES else ())
    for text in shown:
        assert (text if text == FILE else text + ESCAPED) in markup, text


def test_the_meeting_form_directives_and_assignment_show_text_as_text(hostile, today):
    view = LogMeetingView(LogMeeting(open_workbook(hostile["db"], user="clerk")))
    view.meeting.title.value = f"标题{HOSTILE}"
    view.meeting.text.value = f"会议要求：\n一是{HOSTILE}。\n二是检查{HOSTILE}。"
    for _step in range(2):  # meeting -> directives -> assignment
        view.next.click()
        assert ESCAPED in " ".join(looked_at(view)), view.problem.value
    for number in range(1, len(view.model.assign.assignments) + 1):  # to the group, HOSTILE
        card = view.assign.card(number)
        card.lead.value = [next(t for t in card.lead.allowed_tags if "group" in t)]
    assert "Reaches 2 units" in " ".join(looked_at(view))
    view.next.click()  # the preview
    assert view.model.step == 3, view.problem.value
    assert f"北街街道{ESCAPED}" in " ".join(looked_at(view))


def test_bulletin_page_generated_shows_text_as_text(as_user):
    page = as_user("bulletin", "clerk")
    (generate,) = [b for b in widgets_of(page) if isinstance(b, w.Button)]
    (period,) = [d for d in widgets_of(page) if isinstance(d, w.Dropdown)]
    period.value = "this_year"  # the hostile office's one meeting is today's
    generate.click()
    markup = " ".join(_checked(page))
    assert "Bulletin and ledger written" in markup
    # the preview iframe's srcdoc holds the bulletin's (escaped) HTML, escaped once more
    assert f"北街街道{ESCAPED}".replace("&", "&amp;") in markup


def _docx_text(document: bytes | Path) -> str:
    """A Word document's text: its paragraphs and every table cell."""
    opened = Document(io.BytesIO(document) if isinstance(document, bytes) else str(document))
    texts = [p.text for p in opened.paragraphs]
    for table in opened.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def _docx_xml(document: bytes | Path) -> str:
    source = io.BytesIO(document) if isinstance(document, bytes) else document
    with zipfile.ZipFile(source) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _holds_text_only(document: bytes | Path, *texts: str) -> None:
    text, xml = _docx_text(document), _docx_xml(document)
    for wanted in texts:
        assert wanted in text, wanted
    assert "<script>" not in xml and "<img src=x" not in xml


def test_assignment_notices_hold_the_text_as_text(hostile, today):
    clerk = open_workbook(hostile["db"], user="clerk")
    # docxtpl sets `autoescape` on the environment it renders with: the HTML is rendered
    # first, from a fresh environment, so that it is escaped by the environment's own setting
    environment.cache_clear()
    notice = next(n for n in meeting_notices(clerk, hostile["meeting"]) if "北街" in n.unit)
    page = render_html(notice)
    assert f"会议{ESCAPED}" in page and f"北街街道{ESCAPED}" in page
    assert not any(raw in page for raw in RAW)
    files = write_notices(clerk, hostile["meeting"])
    north = next(path for path in files.docx if path.name.startswith(str(notice.unit_id)))
    _holds_text_only(north, f"会议{HOSTILE}", f"指示{HOSTILE}", f"北街街道{HOSTILE}")


def test_reminder_notices_hold_the_text_as_text(hostile):
    sent = hostile["reminder"]
    (page,) = [path.read_text(encoding="utf-8") for path in sent.html]
    assert f"催办{ESCAPED}" in page and f"指示{ESCAPED}" in page
    assert not any(raw in page for raw in RAW)
    (docx,) = sent.docx
    _holds_text_only(docx, f"催办{HOSTILE}", f"指示{HOSTILE}")


def test_bulletin_and_ledger_hold_the_text_as_text(hostile, today):
    clerk = open_workbook(hostile["db"], user="clerk")
    scope = Scope(*preset_period("this_year", today))
    _bulletin, files = write_bulletin(clerk, scope)
    page = files.html.read_text(encoding="utf-8")
    assert f"北街街道{ESCAPED}" in page
    assert not any(raw in page for raw in RAW)
    _holds_text_only(files.docx, f"北街街道{HOSTILE}")
    ledger = export_ledger(clerk, hostile["db"].parent / "ledger.xlsx", scope)
    cells = _cells(ledger)
    for wanted in (f"会议{HOSTILE}", f"指示{HOSTILE}", f"北街街道{HOSTILE}"):
        assert wanted in cells, wanted
    assert _cells(files.xlsx) >= {f"指示{HOSTILE}"}


def _cells(path: Path) -> set[str]:
    """Every text cell of a workbook, as written."""
    book = openpyxl.load_workbook(path)
    return {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def test_a_workbook_is_the_hostile_office(hostile):
    """The fixture's texts were kept as typed (nothing cleaned them on the way in)."""
    clerk: Workbook = open_workbook(hostile["db"], user="clerk")
    assert clerk.meeting(hostile["meeting"])["title"] == f"会议{HOSTILE}"
    assert clerk.return_comment(hostile["tasks"]["returned"]) == f"退回{HOSTILE}"

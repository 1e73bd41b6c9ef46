"""Reminder notices (催办通知): one per unit, DOCX and HTML saying the same, beside the database,
and one reminder recorded per task in one go."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from duban.documents.reminders import reminder_notices, render_docx, render_html, send_reminders
from duban.infra.errors import PermissionDeniedError, TransitionError, ValidationError
from duban.infra.i18n import set_language


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def docx_rows(content: bytes) -> list[list[str]]:
    (table,) = Document(io.BytesIO(content)).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def html_rows(page: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [
        [
            html.unescape(re.sub(r"\s+", " ", c).strip())
            for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def chosen(late) -> list[int]:
    return [late.tasks[k] for k in ("east D1", "east D2", "west D2", "bureau D1")]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_html_and_the_docx_list_the_same_tasks(late, lang):
    set_language(lang)
    notices = reminder_notices(late.wb, chosen(late), note="请于本周内报送")
    assert [n.unit for n in notices] == ["东街街道", "西街街道", "区应急管理局"]
    for notice in notices:
        docx, page = render_docx(notice), render_html(notice)
        assert docx_rows(docx) == html_rows(page)
        text = docx_text(docx)
        for line in ("title", "intro", "feedback"):
            assert notice.context["labels"][line] in text and notice.context["labels"][
                line
            ] in html.unescape(page)
        assert "请于本周内报送" in text and "请于本周内报送" in page
    east = docx_rows(render_docx(notices[0]))
    meeting = (
        "夏季消防检查部署会（2026-08-01）" if lang == "zh_CN" else "夏季消防检查部署会 (2026-08-01)"
    )
    assert east[1:] == [
        ["1", meeting, "1 开展高层建筑消防 <通道> & 排查", "2026-08-18", "90"],
        ["2", meeting, "2 整治燃气管线隐患", "2026-11-15", "1"],
    ]
    bureau = docx_rows(render_docx(notices[2]))
    assert bureau[1][3:] == ["2026-11-16", "–"]  # due today: not late yet
    heading = ["序号", "会议", "部署事项", "办理期限", "逾期天数"] if lang == "zh_CN" else None
    if heading:
        assert east[0] == heading
        assert "催办通知" in docx_text(render_docx(notices[0]))
        assert "承办单位：东街街道" in docx_text(render_docx(notices[0]))


def test_without_a_note_no_note_line(late):
    (notice,) = reminder_notices(late.wb, [late.tasks["east D1"]])
    assert "From the office" not in docx_text(render_docx(notice))
    assert "From the office" not in render_html(notice)


def test_the_html_is_escaped(late):
    (notice,) = reminder_notices(late.wb, [late.tasks["east D1"]])
    page = render_html(notice)
    assert "&lt;通道&gt; &amp; 排查" in page and "<通道>" not in page


def test_sending_writes_the_files_and_records_one_reminder_per_task(late):
    wb = late.wb
    files = send_reminders(wb, chosen(late), "请抓紧办理")
    folder = wb.store.path.parent / "reminders" / "2026-11-16-1"
    assert files.folder == folder
    assert [p.name for p in files.docx] == [
        "1-东街街道.docx",
        "2-西街街道.docx",
        "4-区应急管理局.docx",
    ]
    assert all(p.is_file() for p in files.docx + files.html)
    with zipfile.ZipFile(files.zip) as bundle:
        assert sorted(bundle.namelist()) == sorted(p.name for p in files.docx + files.html)
    rows = wb.store.rows("SELECT task_id, kind, note, sent_by FROM reminders ORDER BY id")
    assert rows == [
        {"task_id": t, "kind": "reminder", "note": "请抓紧办理", "sent_by": "clerk"}
        for t in chosen(late)
    ]
    assert list(wb.events("reminders")["action"]) == ["remind"] * 4
    again = send_reminders(wb, [late.tasks["east D1"]])
    assert again.folder.name == "2026-11-16-2"


def test_a_closed_task_refuses_the_whole_batch(late):
    wb = late.wb
    before = len(wb.events())
    with pytest.raises(ValidationError, match="is closed"):
        send_reminders(wb, [late.tasks["east D1"], late.tasks["south D3"]])
    assert wb.store.rows("SELECT * FROM reminders") == [] and len(wb.events()) == before
    assert folders(wb) == []


def folders(wb) -> list[str]:
    """Everything under reminders/ beside the database, hidden entries too."""
    root = wb.store.path.parent / "reminders"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_a_failure_while_writing_records_nothing_and_leaves_no_folder(late, monkeypatch):
    wb = late.wb
    before = len(wb.events())

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_full)  # the first HTML file, the DOCX written
    with pytest.raises(OSError, match="No space left"):
        send_reminders(wb, chosen(late))
    assert wb.store.rows("SELECT * FROM reminders") == [] and len(wb.events()) == before
    assert folders(wb) == []


def test_a_folder_taken_at_the_same_moment_gives_the_next_number(late, monkeypatch):
    wb = late.wb
    rename = Path.rename
    day = "2026-11-16-1"

    def another_clerk_first(self, target):  # another clerk's notices land just before ours
        if Path(target).name == day and not Path(target).exists():
            Path(target).mkdir()
            (Path(target) / "1-东街街道.docx").write_bytes(b"theirs")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", another_clerk_first)
    files = send_reminders(wb, chosen(late))
    assert files.folder.name == "2026-11-16-2" and files.zip.name == "reminders-2026-11-16-2.zip"
    assert all(p.is_file() for p in files.docx + files.html + [files.zip])
    assert (files.folder.parent / day / "1-东街街道.docx").read_bytes() == b"theirs"
    assert folders(wb) == [day, "2026-11-16-2"]
    assert len(wb.store.rows("SELECT * FROM reminders")) == len(chosen(late))


def test_nothing_chosen_is_refused(late):
    with pytest.raises(ValidationError, match="choose at least one task"):
        send_reminders(late.wb, [])


def test_only_the_office_sends_reminders(late):
    with pytest.raises(PermissionDeniedError):
        send_reminders(late.wb.as_user("leader"), [late.tasks["east D1"]])


def test_candidates_are_the_open_red_and_yellow_tasks(late):
    wb = late.wb
    everything = wb.reminder_candidates()
    keys = {v: k for k, v in late.tasks.items()}
    assert [keys[t] for t in everything["id"]] == [
        "west D1",
        "east D1",
        "east D2",
        "south D2",
        "west D2",
        "bureau D1",
    ]
    assert set(wb.reminder_candidates(light="yellow")["id"]) == {late.tasks["bureau D1"]}
    assert set(wb.reminder_candidates(unit_id=late.units["west"])["light"]) == {"red"}
    with pytest.raises(ValidationError, match="must be one of"):
        wb.reminder_candidates(light="green")
    wb.send_reminders([late.tasks["west D1"]])
    reminded = wb.reminder_candidates(unit_id=late.units["west"]).set_index("id")
    assert reminded.loc[late.tasks["west D1"], "last_reminded"].startswith("2026-11-16")
    assert reminded["last_reminded"].isna().sum() == 1


def test_look_back_reopens_in_one_go_with_the_reason(late):
    wb = late.wb
    closed = wb.lookback_candidates(closed_before="2026-10-20")
    keys = {v: k for k, v in late.tasks.items()}
    assert sorted(keys[t] for t in closed["id"]) == ["fire D3", "south D3", "south D4"]
    assert list(wb.lookback_candidates(area="road_traffic")["id"]) == [
        late.tasks["fire D4"],
        late.tasks["south D4"],
    ]
    assert wb.reopen_for_lookback(closed["id"], "回头看：复查隐患整改") == 3
    rows = wb.store.rows(
        "SELECT task_id, decision, comment FROM reviews WHERE decision = 'reopened'"
    )
    assert sorted(r["task_id"] for r in rows) == sorted(closed["id"])
    assert {r["comment"] for r in rows} == {"回头看：复查隐患整改"}
    assert set(wb.tasks().set_index("id").loc[list(closed["id"]), "status"]) == {"in_progress"}


def test_look_back_without_a_reason_writes_nothing(late):
    wb = late.wb
    before = len(wb.events())
    with pytest.raises(ValidationError, match="reason: must not be empty"):
        wb.reopen_for_lookback([late.tasks["south D3"]], "  ")
    assert len(wb.events()) == before and wb.task(late.tasks["south D3"])["status"] == "closed"


def test_look_back_of_an_open_task_reopens_none(late):
    wb = late.wb
    with pytest.raises(TransitionError):
        wb.reopen_for_lookback([late.tasks["south D3"], late.tasks["east D1"]], "复查")
    assert wb.task(late.tasks["south D3"])["status"] == "closed"

"""Reminder notices (催办通知): one per unit, listing its chosen late and near-deadline tasks, as
DOCX (docxtpl) and HTML (Jinja2), from templates/reminder.docx and templates/reminder.html.

Sending writes the files under `reminders/<date>-<n>/` beside the database, with a zip of them
all, and records one reminder per task (Workbook.send_reminders). The files are written before
anything is recorded, and the folder is put in place in the reminders' transaction, so a failing
template or a full disk records nothing and a recorded reminder always has its notice.
"""

from __future__ import annotations

import errno
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from duban.documents.figures import NONE
from duban.documents.notices import Notice
from duban.documents.notices import labels as notice_labels
from duban.documents.notices import render_docx as notice_docx
from duban.documents.notices import render_html as notice_html
from duban.infra.i18n import _
from duban.service import permissions
from duban.service.workbook import Workbook
from duban.templates import noted

SHARED_LABELS = ("to", "meeting", "seq", "directive", "deadline")  # worded as in the notices
ARCHIVE = "reminders.zip"  # the zip's name until its folder has its own


@dataclass(frozen=True)
class ReminderFiles:
    """What sending made: the notices, their files (`docx[i]`, `html[i]` of `notices[i]`), the
    zip of them all, and the reminders recorded."""

    folder: Path
    notices: list[Notice]
    docx: list[Path]
    html: list[Path]
    zip: Path
    reminder_ids: list[int]


def labels() -> dict[str, str]:
    """The captions of a reminder notice, in the kit's language."""
    shared = notice_labels()
    return {
        **{key: shared[key] for key in SHARED_LABELS},
        "title": _("Reminder notice"),
        "intro": _(
            "The following tasks of your unit are overdue or close to their deadline. "
            "Please complete them and report in the workbook without delay; "
            "a dash under days late means the deadline has not passed yet."
        ),
        "days_late": _("Days late"),
        "note": _("From the office"),
        "feedback": _(
            "Repeated lateness may lead to an interview (约谈) under the office's rules."
        ),
        "issued_by": _("Reminded by"),
        "issued_on": _("Reminded on"),
    }


def _item(number: int, task: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": number,
        "meeting": noted(task["meeting"], task["held_on"]),
        "directive": f"{task['seq']} {task['directive']}",
        "deadline": task["deadline"],
        "days_late": str(task["days_late"]) if task["days_late"] else NONE,
    }


def reminder_notices(wb: Workbook, task_ids: Iterable[int], note: str = "") -> list[Notice]:
    """One notice per unit of the chosen tasks (in unit id order), its tasks by deadline."""
    permissions.require(wb.user, "remind")
    by_unit: dict[int, list[dict[str, Any]]] = {}
    for task_id in dict.fromkeys(task_ids):
        task = wb.task(int(task_id))
        by_unit.setdefault(task["unit_id"], []).append(task)
    common = {
        "labels": labels(),
        "note": note.strip(),
        "issued_on": wb.today().isoformat(),
        "issued_by": wb.user["display_name"],
    }
    notices = []
    for unit_id in sorted(by_unit):
        tasks = sorted(by_unit[unit_id], key=lambda t: (t["deadline"], t["id"]))
        items = [_item(n, task) for n, task in enumerate(tasks, 1)]
        unit = tasks[0]["unit"]
        notices.append(Notice(unit_id, unit, {**common, "unit": unit, "tasks": items}))
    return notices


def render_html(notice: Notice) -> str:
    """The reminder notice as an HTML fragment (autoescaped)."""
    return notice_html(notice, "reminder")


def render_docx(notice: Notice) -> bytes:
    """The reminder notice as a Word document."""
    return notice_docx(notice, "reminder")


def _write_notices(folder: Path, notices: list[Notice]) -> None:
    """Each notice as DOCX and HTML in `folder`, and a zip of them all (ARCHIVE)."""
    with zipfile.ZipFile(folder / ARCHIVE, "w", zipfile.ZIP_DEFLATED) as bundle:
        for notice in notices:
            docx_path = folder / notice.filename
            html_path = docx_path.with_suffix(".html")
            document, page = render_docx(notice), render_html(notice)
            docx_path.write_bytes(document)
            html_path.write_text(page, encoding="utf-8")
            bundle.writestr(docx_path.name, document)
            bundle.writestr(html_path.name, page)


def _taken(error: OSError) -> bool:
    """Whether renaming a folder failed because its new name is another folder's."""
    return isinstance(error, FileExistsError) or error.errno in (errno.EEXIST, errno.ENOTEMPTY)


def _put_in_place(staging: Path, day: date) -> Path:
    """Rename the written folder to reminders/<date>-<n>, the first n not taken (a name another
    clerk takes at the same moment makes the rename fail, and the next n is tried)."""
    n = 0
    while True:
        n += 1
        folder = staging.parent / f"{day.isoformat()}-{n}"
        if folder.exists():
            continue
        try:
            staging.rename(folder)
        except OSError as error:
            if not _taken(error):
                raise
            continue
        return folder


def send_reminders(wb: Workbook, task_ids: Iterable[int], note: str = "") -> ReminderFiles:
    """Render and write each unit's reminder notice (DOCX, HTML) and a zip of them all into a
    new folder under <db folder>/reminders/, recording one reminder per task.

    The files are written into a hidden folder first; the reminders are recorded and the folder
    renamed to reminders/<date>-<n> in one transaction (send_reminders' `before_commit`). Any
    failure (a template, a full disk, a refused task) records nothing and leaves no folder.
    """
    ids = [int(t) for t in dict.fromkeys(task_ids)]
    notices = reminder_notices(wb, ids, note)
    root = wb.store.path.parent / "reminders"
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".sending-", dir=root))
    placed: dict[str, Path] = {}  # the folder and zip, once renamed in the transaction

    def put_in_place() -> None:
        folder = placed["folder"] = _put_in_place(staging, wb.today())
        placed["zip"] = (folder / ARCHIVE).rename(folder / f"reminders-{folder.name}.zip")

    try:
        _write_notices(staging, notices)
        reminder_ids = wb.send_reminders(ids, note, before_commit=put_in_place)
    except BaseException:
        shutil.rmtree(placed.get("folder", staging), ignore_errors=True)
        raise
    archive = placed["zip"]
    docx_paths = [archive.parent / n.filename for n in notices]
    html_paths = [path.with_suffix(".html") for path in docx_paths]
    return ReminderFiles(archive.parent, notices, docx_paths, html_paths, archive, reminder_ids)

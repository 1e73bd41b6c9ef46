"""Reminder notices (催办通知): one per unit, listing its chosen late and near-deadline tasks, as
DOCX (docxtpl) and HTML (Jinja2), from templates/reminder.docx and templates/reminder.html.

Sending writes the files under `reminders/<date>-<n>/` beside the database, with a zip of them
all, and records one reminder per task (Workbook.send_reminders, one transaction). The notices
are rendered before anything is recorded, so a failing template records nothing.
"""

from __future__ import annotations

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


def _new_folder(root: Path, today: date) -> Path:
    """reminders/<date>-<n> beside the database: the first n not taken."""
    n = 1
    while (root / f"{today.isoformat()}-{n}").exists():
        n += 1
    folder = root / f"{today.isoformat()}-{n}"
    folder.mkdir(parents=True)
    return folder


def send_reminders(wb: Workbook, task_ids: Iterable[int], note: str = "") -> ReminderFiles:
    """Render each unit's reminder notice, record one reminder per task (one transaction),
    then write the notices (DOCX, HTML) and a zip of them under <db folder>/reminders/."""
    ids = [int(t) for t in dict.fromkeys(task_ids)]
    notices = reminder_notices(wb, ids, note)
    rendered = [(render_docx(n), render_html(n)) for n in notices]
    reminder_ids = wb.send_reminders(ids, note)
    folder = _new_folder(wb.store.path.parent / "reminders", wb.today())
    docx_paths = [folder / n.filename for n in notices]
    html_paths = [path.with_suffix(".html") for path in docx_paths]
    archive = folder / f"reminders-{folder.name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for (document, page), docx_path, html_path in zip(
            rendered, docx_paths, html_paths, strict=True
        ):
            docx_path.write_bytes(document)
            html_path.write_text(page, encoding="utf-8")
            bundle.writestr(docx_path.name, document)
            bundle.writestr(html_path.name, page)
    return ReminderFiles(folder, notices, docx_paths, html_paths, archive, reminder_ids)

"""Assignment notices (交办单): one per unit of a meeting, as DOCX (docxtpl) and HTML (Jinja2).

The files are kept next to the database, under `notices/<meeting id>/`, with a zip of them all.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from duban.documents.ledger import seq_key
from duban.infra.i18n import _
from duban.service.workbook import Workbook
from duban.templates import TEMPLATE_DIR, environment
from duban.vocabulary import CYCLES, TASK_ROLES

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class Notice:
    """The notice of one unit: what the templates are filled with."""

    unit_id: int
    unit: str
    context: dict[str, Any]

    @property
    def filename(self) -> str:
        """A file name without path separators: '<unit id>-<unit name>.docx'."""
        return f"{self.unit_id}-{_UNSAFE.sub('_', self.unit)}.docx"


@dataclass(frozen=True)
class NoticeFiles:
    """The notices of a meeting as written to disk: `docx[i]` is the file of `notices[i]`."""

    folder: Path
    notices: list[Notice]
    docx: list[Path]
    zip: Path


def labels() -> dict[str, str]:
    """The captions of a notice, in the kit's language."""
    return {
        "title": _("Assignment notice"),
        "to": _("To"),
        "meeting": _("Meeting"),
        "doc_number": _("Document number"),
        "intro": _(
            "The following work is assigned to your unit. "
            "Please act on it and report back by the deadline."
        ),
        "seq": _("No."),
        "directive": _("Directive"),
        "role": _("Role"),
        "deadline": _("Deadline"),
        "cycle": _("Reporting"),
        "feedback": _(
            "Report progress and evidence in the workbook; "
            "ask for an extension before the deadline if needed."
        ),
        "issued_by": _("Issued by"),
        "issued_on": _("Issued on"),
    }


def meeting_notices(wb: Workbook, meeting_id: int) -> list[Notice]:
    """One notice per unit that has tasks from the meeting, in the order of the unit ids."""
    meeting = wb.meeting(meeting_id)
    tasks = wb.tasks(meeting_id=meeting_id)
    common = {
        "labels": labels(),
        "meeting": {k: meeting[k] for k in ("title", "held_on", "doc_number")},
        "issued_on": wb.today().isoformat(),
        "issued_by": wb.user["display_name"],
    }
    notices = []
    for (unit_id, unit), rows in tasks.groupby(["unit_id", "unit"]):
        items = [
            {
                "seq": r.seq,
                "directive": r.directive,
                "role": TASK_ROLES.label(r.role),
                "deadline": r.deadline,
                "provisional": provisional_note(wb, r.deadline),
                "cycle": CYCLES.label(r.cycle),
            }
            for r in sorted(rows.itertuples(), key=lambda r: seq_key(r.seq))
        ]
        notices.append(Notice(int(unit_id), unit, {**common, "unit": unit, "tasks": items}))
    return notices


def provisional_note(wb: Workbook, deadline: str) -> str:
    """Why a deadline is provisional: its year's holidays are not known (entered by the office
    or in the package, Workbook.calendar_known); '' for a deadline in a known year."""
    year = date.fromisoformat(deadline).year
    if wb.calendar_known(year):
        return ""
    return _("provisional: the holiday schedule of {year} is not entered").format(year=year)


def render_html(notice: Notice, template: str = "notice") -> str:
    """The notice as an HTML fragment (autoescaped), from templates/<template>.html."""
    return environment().get_template(f"{template}.html").render(notice.context)


def render_docx(notice: Notice, template: str = "notice") -> bytes:
    """The notice as a Word document, from templates/<template>.docx."""
    document = DocxTemplate(TEMPLATE_DIR / f"{template}.docx")
    document.render(notice.context, environment(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_notices(wb: Workbook, meeting_id: int) -> NoticeFiles:
    """Write each unit's notice of a meeting, and a zip of all, under <db folder>/notices/<id>/."""
    folder = wb.store.path.parent / "notices" / str(meeting_id)
    folder.mkdir(parents=True, exist_ok=True)
    notices = meeting_notices(wb, meeting_id)
    paths = [folder / notice.filename for notice in notices]
    archive = folder / f"notices-{meeting_id}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for notice, path in zip(notices, paths, strict=True):
            document = render_docx(notice)
            path.write_bytes(document)
            bundle.writestr(path.name, document)
    return NoticeFiles(folder, notices, paths, archive)

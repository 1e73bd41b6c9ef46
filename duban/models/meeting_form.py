"""Step 1 of logging a meeting: its fields and its text (pasted, or read from .txt/.docx)."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from docx import Document
from traitlets import Dict, Instance, Int, Unicode

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.infra.textfiles import decode_text
from duban.models.base import PageModel
from duban.service.workbook import Workbook

_SPEAKER_SEPARATORS = re.compile(r"[,，、;；\n]+")


def read_text_file(name: str, content: bytes) -> str:
    """The text of an uploaded .txt (UTF-8 or GB18030) or .docx file; ValidationError on `file`."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "txt":
        try:
            return decode_text(content)
        except ValueError:
            raise ValidationError.single("file", _("is not a UTF-8 or GB18030 text file")) from None
    if suffix == "docx":
        try:
            document = Document(io.BytesIO(content))
        except Exception as exc:  # python-docx raises several kinds for a damaged file
            raise ValidationError.single(
                "file", _("cannot be read: {error}").format(error=exc)
            ) from None
        return "\n".join(p.text for p in document.paragraphs if p.text.strip())
    raise ValidationError.single("file", _("only .txt and .docx files can be read"))


class MeetingForm(PageModel):
    """The meeting as typed so far; `check()` asks the workbook whether it can be logged."""

    title = Unicode("")
    kind = Unicode("plenary")
    level = Unicode("district")
    held_on = Instance(date, allow_none=True)
    location = Unicode("")
    presider = Unicode("")
    speakers = Unicode("", help="names separated by commas or 、")
    attendees = Unicode("")
    upstream_meeting_id = Int(None, allow_none=True)
    doc_number = Unicode("")
    text = Unicode("")
    errors = Dict(help="field -> message, from the last check")

    STATE = (
        "title",
        "kind",
        "level",
        "held_on",
        "location",
        "presider",
        "speakers",
        "attendees",
        "upstream_meeting_id",
        "doc_number",
        "text",
    )

    def __init__(self, wb: Workbook):
        super().__init__(held_on=wb.today())
        self.wb = wb

    def upstream_choices(self) -> list[tuple[str, int]]:
        """(label, id) of the meetings already logged, newest first."""
        return [(f"{m.held_on} {m.title}", int(m.id)) for m in self.wb.meetings().itertuples()]

    def fields(self) -> dict[str, Any]:
        """The arguments of Workbook.log_meeting (empty optional fields as None)."""
        optional = {
            name: getattr(self, name).strip() or None
            for name in ("location", "presider", "attendees", "doc_number")
        }
        return {
            "title": self.title,
            "kind": self.kind,
            "level": self.level,
            "held_on": self.held_on,
            "speakers": [s.strip() for s in _SPEAKER_SEPARATORS.split(self.speakers) if s.strip()],
            "upstream_meeting_id": self.upstream_meeting_id,
            "text": self.text,
            **optional,
        }

    def check(self) -> bool:
        """Ask the workbook, keep its field errors in `errors`; True if the meeting may be saved."""
        try:
            self.wb.check_meeting(**self.fields())
        except ValidationError as exc:
            self.errors = exc.errors
            return False
        self.errors = {}
        return True

    def load_file(self, name: str, content: bytes) -> None:
        """The text from an uploaded file; a bad file keeps the text and sets errors['file']."""
        try:
            self.text = read_text_file(name, content)
        except ValidationError as exc:
            self.errors = {**self.errors, **exc.errors}
            return
        self.errors = {k: v for k, v in self.errors.items() if k not in ("file", "text")}

    def reset(self) -> None:
        """Empty the form for the next meeting (held today)."""
        super().reset()
        self.held_on = self.wb.today()
        self.errors = {}

    def set_state(self, state: dict[str, Any]) -> None:
        super().set_state(state)
        self.errors = {}

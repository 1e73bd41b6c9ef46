"""Evidence files as a page shows them: photo thumbnails and a download link for each file.

`evidence_html(files)` takes what Workbook.evidence_files() returns; the reporters' page and
the office's closure review show the same thing. A link carries its file in the page (a
data: URI: widgets/common.download_link), so only files up to INLINE_BYTES each, and up to
PAGE_INLINE_BYTES in all, are linked at once (`linked_at_once`); `Downloads` prepares the link
of any other file on request.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Collection, Sequence

import ipywidgets as w

from duban.infra.i18n import _
from duban.service.evidence import EvidenceFile, size_text, thumbnail
from duban.templates import noted
from duban.widgets.common import Messages, download_link, guarded
from duban.widgets.form_parts import button, row

INLINE_BYTES = 2 * 1024 * 1024  # a file linked in the page at once; larger ones on request
PAGE_INLINE_BYTES = 6 * 1024 * 1024  # all the files linked in one page at once

STYLE = """
<style>
.duban-evidence { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0; max-width: 100%; }
.duban-evidence figure { margin: 0; max-width: 170px; min-width: 0; font-size: .8rem; }
.duban-evidence img { display: block; max-width: 160px; max-height: 160px; border-radius: 4px;
                      border: 1px solid #ddd; }
.duban-evidence figcaption { overflow-wrap: anywhere; color: #555; }
.duban-evidence .duban-file { flex: 1 1 100%; overflow-wrap: anywhere; font-size: .9rem; }
</style>
"""


def evidence_link(file: EvidenceFile) -> str:
    """A link downloading the file under the name it was sent with."""
    return download_link(file.filename, file.path, name=file.filename, mime=file.media_type)


def _thumbnail(file: EvidenceFile) -> str:
    """A photo's small image (a data: URI), or '' when it cannot be shown small (HEIC)."""
    small = thumbnail(file.path) if file.is_photo else None
    if small is None:
        return ""
    data = base64.b64encode(small).decode("ascii")
    return f'<img src="data:image/jpeg;base64,{data}" alt="{html.escape(file.filename)}">'


def linked_at_once(files: Sequence[EvidenceFile]) -> frozenset[int]:
    """The ids of the files the page links at once: in order, each of at most INLINE_BYTES,
    while they add up to at most PAGE_INLINE_BYTES (the others: on request, in Downloads)."""
    linked, used = set(), 0
    for file in files:
        if file.size <= INLINE_BYTES and used + file.size <= PAGE_INLINE_BYTES:
            linked.add(file.id)
            used += file.size
    return frozenset(linked)


def _entry(file: EvidenceFile, image: str, linked: Collection[int]) -> str:
    name = html.escape(file.filename)
    if not file.path.is_file():  # a thumbnail cannot be made either
        missing = _("the file is missing on the server")
        return f'<div class="duban-file">{html.escape(noted(file.filename, missing))}</div>'
    size = html.escape(size_text(file.size))
    if file.id in linked:
        caption = f"{evidence_link(file)} {size}"
    else:
        later = (
            _("large file: choose it under Download to fetch it")
            if file.size > INLINE_BYTES
            else _("choose it under Download to fetch it")
        )
        caption = noted(f"{name} {size}", html.escape(later))
    if image:
        return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"
    return f'<div class="duban-file">{caption}</div>'


def evidence_html(files: Sequence[EvidenceFile], linked: Collection[int] | None = None) -> str:
    """The files, photos first as thumbnails, each named as it was sent with its size and a
    download link (only those whose ids are in `linked`, by default `linked_at_once(files)`;
    the others named, to fetch in Downloads); '' for none. Show STYLE once in the page."""
    if not files:
        return ""
    linked = linked_at_once(files) if linked is None else linked
    shown = sorted(((f, _thumbnail(f)) for f in files), key=lambda pair: not pair[1])
    entries = "".join(_entry(file, image, linked) for file, image in shown)
    return f'<div class="duban-evidence">{entries}</div>'


class Downloads(w.VBox):
    """Choose one of the files not linked at once, and get its download link (hidden while
    there is none)."""

    def __init__(self, messages: Messages):
        self.choice = w.Dropdown(options=[], layout=w.Layout(width="auto", max_width="100%"))
        self.fetch = button(_("Download"))
        self.link = w.HTML()
        self.fetch.on_click(guarded(messages, writes=False)(lambda _b: self.prepare()))
        super().__init__([row(self.choice, self.fetch), self.link])
        self.files: list[EvidenceFile] = []

    def show(self, files: Sequence[EvidenceFile], linked: Collection[int] | None = None) -> None:
        """Offer the files not in `linked` (by default `linked_at_once(files)`)."""
        linked = linked_at_once(files) if linked is None else linked
        self.files = [f for f in files if f.id not in linked and f.path.is_file()]
        self.choice.options = [
            (noted(f.filename, size_text(f.size)), index) for index, f in enumerate(self.files)
        ]
        self.choice.value = 0 if self.files else None
        self.link.value = ""
        self.layout.display = "" if self.files else "none"

    def prepare(self) -> None:
        if self.choice.value is not None:
            self.link.value = evidence_link(self.files[self.choice.value])

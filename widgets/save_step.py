"""Step 4 view: what Save will create, the Save button, then the assignment notices to download."""

from __future__ import annotations

import html

import ipywidgets as w

from duban.documents.notices import NoticeFiles, render_html
from duban.infra.i18n import _
from duban.models.log_meeting import LogMeeting, per_directive, per_unit
from duban.vocabulary import CYCLES, TASK_ROLES
from duban.widgets.common import Messages, cards_html, download_link, guarded
from duban.widgets.form_parts import button, fitted, html_line, row, table_html

SHORT_TEXT = 80


def _short(text: str) -> str:
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1] + "…"


class NoticesView(w.VBox):
    """The notices of the saved meeting: all as a zip, or one unit's, with its preview.

    Reading a notice file can fail (a file removed meanwhile): the error goes to `messages`.
    """

    def __init__(self, files: NoticeFiles, messages: Messages):
        self.files = files
        self.where = w.HTML(
            html.escape(
                _("{n} notices written; a copy of each is kept on the server").format(
                    n=len(files.docx)
                )
            )
        )
        self.zip = w.HTML(download_link(_("Download all notices (zip)"), files.zip))
        self.unit = w.Dropdown(
            options=[(n.unit, i) for i, n in enumerate(files.notices)],
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.single = w.HTML()
        self.preview = fitted(w.HTML())
        show = guarded(messages, writes=False)(self._show)
        self.unit.observe(show, names="value")
        super().__init__(
            [
                w.HTML(html_line(_("Assignment notices"), "", "h3")),
                self.where,
                self.zip,
                row(self.unit, self.single),
                self.preview,
            ]
        )
        show()

    def _show(self, _change: dict | None = None) -> None:
        index = self.unit.value
        if index is None:
            return
        path = self.files.docx[index]
        self.single.value = download_link(_("Download this notice (.docx)"), path)
        self.preview.value = render_html(self.files.notices[index])


class SaveView(w.VBox):
    """The preview of a dry run, the Save button, and after saving: the outcome and the notices.

    If the meeting is saved but its notices could not be written, that is said (not "nothing
    was saved") and `retry_notices` writes them again.
    """

    def __init__(self, model: LogMeeting, messages: Messages):
        self.model, self.messages = model, messages
        self.summary = fitted(w.HTML())
        self.save = button(_("Save the meeting and assign the tasks"), "primary")
        self.save.on_click(guarded(messages)(lambda _b: model.save()))
        self.saved_message = Messages()
        self.notices_message = Messages()
        self.retry_notices = button(_("Write the notices again"))
        self.retry_notices.on_click(guarded(messages)(lambda _b: model.write_notices()))
        self.retry_row = row(self.retry_notices)
        self.notices_view: NoticesView | None = None
        self.done = w.VBox()
        super().__init__([self.summary, row(self.save), self.done])
        model.observe(self._show_preview, names="preview")
        model.observe(
            guarded(messages, writes=False)(self._show_saved),
            names=["saved", "notices", "notices_problem"],
        )
        self._show_preview()
        self._show_saved()

    def _show_preview(self, _change: dict | None = None) -> None:
        preview = self.model.preview
        if preview is None:
            self.summary.value = ""
            return
        units = per_unit(preview, self.model.review.items)
        figures = cards_html(
            [
                (_("directives"), str(len(self.model.review.items))),
                (_("tasks"), str(len(preview.tasks))),
                (_("units"), str(len(units))),
            ]
        )
        directives = table_html(
            [_("No."), _("Directive"), _("Lead"), _("Cooperating"), _("Deadline"), _("Reporting")],
            [
                [
                    d.number,
                    _short(d.text),
                    str(d.leads),
                    str(d.cooperating),
                    d.deadline,
                    CYCLES.label(d.cycle),
                ]
                for d in per_directive(preview, self.model.review.items)
            ],
        )
        by_unit = table_html(
            [_("Unit"), _("Directives (role)"), _("First deadline")],
            [
                [
                    u.unit,
                    ", ".join(
                        f"{n} ({TASK_ROLES.label(r)})"
                        for n, r in zip(u.directives, u.roles, strict=True)
                    ),
                    u.first_deadline,
                ]
                for u in units
            ],
        )
        warnings = "".join(
            f'<div class="duban-msg info">{html.escape(text)}</div>' for text in preview.warnings
        )
        self.summary.value = (
            figures
            + warnings
            + html_line(_("Per directive"), "", "h3")
            + directives
            + html_line(_("Per unit"), "", "h3")
            + by_unit
        )

    def _show_saved(self, _change: dict | None = None) -> None:
        """Once saved: what was; then the notices, or why they are missing and a retry button."""
        saved, files, problem = self.model.saved, self.model.notices, self.model.notices_problem
        self.save.disabled = saved is not None
        if saved is None:
            self._drop_notices_view()
            self.done.children = []
            return
        self.saved_message.ok(
            _("Saved: {tasks} tasks assigned from {directives} directives.").format(
                tasks=len(saved.tasks), directives=len(saved.directive_ids)
            )
        )
        if files is None:
            self._drop_notices_view()
            if problem:
                self.notices_message.error(problem)
                self.done.children = [self.saved_message, self.notices_message, self.retry_row]
            else:
                self.done.children = [self.saved_message]
            return
        if self.notices_view is None or self.notices_view.files is not files:
            self._drop_notices_view()
            self.notices_view = NoticesView(files, self.messages)
        self.done.children = [self.saved_message, self.notices_view]

    def _drop_notices_view(self) -> None:
        if self.notices_view is not None:
            self.notices_view.close()
            self.notices_view = None

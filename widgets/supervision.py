"""The supervision page (督办): every unit's tasks, filtered and paged; closure requests to close
(办结) or return (退回); extension requests to approve or refuse. A thin view of
duban.models.supervision.SupervisionModel."""

from __future__ import annotations

import html
from collections.abc import Callable, Collection
from typing import Any, NamedTuple

import ipywidgets as w
import pandas as pd

from duban.documents.figures import day_text, moment_text
from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.models.directive_review import page_count
from duban.models.supervision import SupervisionModel
from duban.service.evidence import EvidenceFile
from duban.service.workbook import Workbook
from duban.templates import noted
from duban.vocabulary import (
    AREAS,
    LIGHTS,
    REVIEW_DECISIONS,
    STATUSES,
    TASK_ORDERS,
    TIMELINE_ENTRIES,
)
from duban.widgets import evidence
from duban.widgets.common import Messages, guarded, set_choices
from duban.widgets.form_parts import STYLE as FORM_STYLE
from duban.widgets.form_parts import (
    UNCHOSEN,
    FieldError,
    button,
    field,
    fields,
    fitted,
    heading,
    html_line,
    row,
    show_errors,
    with_all,
)
from duban.widgets.pager import Pager
from duban.widgets.progress_parts import STYLE, Table, light_cell, shortened

PAGE_STYLE = """
<style>
.duban-supervision .widget-select select { width: 100%; }
.duban-supervision .duban-detail { margin: 6px 0; line-height: 1.5; overflow-wrap: anywhere; }
.duban-supervision .duban-detail b { font-weight: 600; }
.duban-supervision .duban-report { border-left: 3px solid #c3d3f7; padding: 2px 0 2px 8px;
                                   margin: 6px 0; }
</style>
"""


def task_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The task list as shown: the meeting named with its date, lateness only when late."""
    if frame.empty:
        return frame
    return frame.assign(
        meeting=[noted(t, d) for t, d in zip(frame["meeting"], frame["held_on"], strict=True)],
        late=[days if days > 0 else None for days in frame["days_late"]],
    )


def reports_html(
    reports: pd.DataFrame,
    files: list[EvidenceFile],
    linked: Collection[int] | None = None,
) -> str:
    """A task's reports, oldest first: when, what, how far, who, the text, and its evidence
    (photos as thumbnails, a download link for each file in `linked`, by default those
    evidence.linked_at_once takes for the page: the others are fetched in Downloads)."""
    linked = evidence.linked_at_once(files) if linked is None else linked
    if reports.empty:
        return html_line(_("No progress report yet."), "duban-hint")
    by_report: dict[int, list[EvidenceFile]] = {}
    for file in files:
        by_report.setdefault(file.report_id, []).append(file)
    entries = []
    for r in reports.to_dict("records"):
        kind = TIMELINE_ENTRIES.label("closure_request" if r["closure_request"] else "report")
        head = _("{at} · {kind} · {percent}% · {who}").format(
            at=moment_text(r["reported_at"]),
            kind=kind,
            percent=r["percent"],
            who=r["reporter_name"],
        )
        entries.append(
            '<div class="duban-report">'
            + html_line(head, "duban-caption")
            + html_line(r["text"], "duban-quote")
            + evidence.evidence_html(by_report.get(r["id"], []), linked)
            + "</div>"
        )
    return "".join(entries)


def review_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The office's earlier decisions as shown."""
    if frame.empty:
        return frame
    return frame.assign(
        at=[moment_text(v) for v in frame["reviewed_at"]],
        what=[REVIEW_DECISIONS.label(v) for v in frame["decision"]],
    )


def _detail(pairs: list[tuple[str, str]]) -> str:
    """Captioned values, one a line (HTML, escaped)."""
    lines = "".join(
        f"<div><b>{html.escape(caption)}</b> {html.escape('–' if value is None else str(value))}"
        "</div>"
        for caption, value in pairs
    )
    return f'<div class="duban-detail">{lines}</div>'


class DecisionForm(NamedTuple):
    """Where a decision's text is typed, its error shown and its outcome said."""

    text: w.Textarea
    error: FieldError
    messages: Messages


class SupervisionView:
    """The page; every widget a reader may look for is a named attribute."""

    def __init__(self, model: SupervisionModel):
        self.model = model
        self.messages = Messages()  # each tab shows its own, beside what was done
        self.closure_messages = Messages()
        self.extension_messages = Messages()
        self._task_tab()
        self._closure_tab()
        self._extension_tab()
        self.tabs = w.Tab([self.tasks_tab, self.closures_tab, self.extensions_tab])
        self.widget = w.VBox(
            [w.HTML(STYLE + FORM_STYLE + evidence.STYLE + PAGE_STYLE), self.tabs],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("duban-supervision")
        model.observe(lambda _c: self.show_tasks(), names="tasks")
        model.observe(lambda _c: self.show_closures(), names="closures")
        model.observe(lambda _c: self.show_extensions(), names="extensions")
        model.observe(
            lambda _c: self.show_titles(), names=["total", "closure_total", "extension_total"]
        )
        self.show_tasks()
        self.show_closures()
        self.show_extensions()
        self.show_titles()

    # -- building -------------------------------------------------------------------------------
    def _task_tab(self) -> None:
        m = self.model
        self.date_errors = {name: FieldError() for name in ("deadline_from", "deadline_to")}
        read = guarded(self.messages, self.mark_dates, writes=False)
        self.meeting_search = w.Text(
            placeholder=_("words of a title, or a date: 2026-11"), continuous_update=False
        )
        self.meeting = w.Dropdown()
        self.directive = w.Dropdown()
        self.unit = w.Dropdown(
            options=with_all(
                [(r["name"], int(r["id"])) for r in m.unit_choices().to_dict("records")],
                _("all units"),
            )
        )
        self.status = w.Dropdown(options=with_all(STATUSES.choices(), _("all"), ""))
        self.light = w.Dropdown(options=with_all(LIGHTS.choices(), _("all"), ""))
        self.area = w.Dropdown(options=with_all(AREAS.choices(), _("all"), ""))
        self.deadline_from = w.Text(placeholder="2027-02-05", continuous_update=False)
        self.deadline_to = w.Text(placeholder="2027年2月28日", continuous_update=False)
        self.order = w.Dropdown(options=TASK_ORDERS.choices(), value=m.order)
        self.show_meetings()
        self.show_directives()
        self.meeting_search.observe(read(lambda _c: self.show_meetings()), "value")
        self.meeting.observe(read(lambda c: self.on_meeting(c.new)), "value")
        controls = {
            "directive_id": self.directive,
            "unit_id": self.unit,
            "status": self.status,
            "light": self.light,
            "area": self.area,
            "deadline_from": self.deadline_from,
            "deadline_to": self.deadline_to,
            "order": self.order,
        }
        for name, control in controls.items():
            control.observe(read(lambda c, n=name: self.on_filter(n, c.new)), "value")
        self.refresh_button = button(_("Refresh"))
        self.refresh_button.on_click(read(lambda _b: m.refresh()))
        self.summary = w.HTML()
        self.table = fitted(
            Table(
                [
                    ("light", _("Light")),
                    ("deadline", _("Deadline")),
                    ("late", _("Days late")),
                    ("status", _("Status")),
                    ("unit", _("Unit")),
                    ("seq", _("No.")),
                    ("directive", _("Directive")),
                    ("meeting", _("Meeting")),
                    ("percent", _("Percent")),
                ],
                empty=_("No task matches these filters."),
            )
        )
        self.pager = Pager(m.turn, self.messages)
        self.tasks_tab = w.VBox(
            [
                fields(
                    field(_("Find a meeting"), self.meeting_search),
                    field(_("Meeting"), self.meeting),
                    field(_("Directive"), self.directive),
                    field(_("Unit"), self.unit),
                    field(_("Status"), self.status),
                    field(_("Light"), self.light),
                    field(_("Area"), self.area),
                    field(
                        _("Deadline from"), self.deadline_from, self.date_errors["deadline_from"]
                    ),
                    field(_("Deadline to"), self.deadline_to, self.date_errors["deadline_to"]),
                    field(_("Order"), self.order),
                ),
                row(self.refresh_button, self.summary),
                self.messages,
                self.table,
                self.pager,
            ]
        )

    def _closure_tab(self) -> None:
        m = self.model
        said = self.closure_messages
        act = guarded(said, self.mark_comment)
        self.closure_note = w.HTML()
        self.closure_list = w.Select(rows=8, layout=w.Layout(width="100%"))
        self.closure_list.observe(
            guarded(said, writes=False)(lambda c: self.on_choose_task(c.new)), "value"
        )
        self.closure_pager = Pager(m.turn_closures, said)
        self.closure_detail = w.HTML()
        self.report_list = fitted(w.HTML())
        self.downloads = evidence.Downloads(said)
        self.review_table = fitted(
            Table(
                [
                    ("at", _("Decided at")),
                    ("what", _("Decision")),
                    ("reviewer", _("Reviewer")),
                    ("comment", _("Comment")),
                ],
                empty=_("No earlier decision."),
            )
        )
        self.comment = w.Textarea(placeholder=_("Required to return; the unit sees it"))
        self.comment_error = FieldError()
        self.close_button = button(_("Close the task"), "success")
        self.return_button = button(_("Return to the unit"), "warning")
        form = DecisionForm(self.comment, self.comment_error, said)
        self.close_button.on_click(act(lambda _b: self.decide(m.close, form, _("Closed."))))
        self.return_button.on_click(
            act(lambda _b: self.decide(m.return_task, form, _("Returned to the unit.")))
        )
        self.review_box = w.VBox(
            [
                self.closure_detail,
                heading(_("Report history")),
                self.report_list,
                self.downloads,
                heading(_("Earlier decisions")),
                self.review_table,
                field(_("Comment"), self.comment, self.comment_error, wide=True),
                row(self.close_button, self.return_button),
            ]
        )
        self.closures_tab = w.VBox(
            [self.closure_note, self.closure_list, self.closure_pager, self.review_box, said]
        )

    def _extension_tab(self) -> None:
        m = self.model
        said = self.extension_messages
        act = guarded(said, self.mark_reason)
        self.extension_note = w.HTML()
        self.extension_list = w.Select(rows=8, layout=w.Layout(width="100%"))
        self.extension_list.observe(
            guarded(said, writes=False)(lambda c: self.on_choose_request(c.new)), "value"
        )
        self.extension_pager = Pager(m.turn_extensions, said)
        self.extension_detail = w.HTML()
        self.reason = w.Textarea(placeholder=_("Required to refuse; the unit sees it"))
        self.reason_error = FieldError()
        form = DecisionForm(self.reason, self.reason_error, said)
        self.approve_button = button(_("Approve the new deadline"), "success")
        self.refuse_button = button(_("Refuse"), "danger")
        self.approve_button.on_click(
            act(lambda _b: self.decide(m.approve, form, _("Extension approved.")))
        )
        self.refuse_button.on_click(
            act(lambda _b: self.decide(m.refuse, form, _("Extension refused.")))
        )
        self.decision_box = w.VBox(
            [
                self.extension_detail,
                field(_("Comment or reason"), self.reason, self.reason_error, wide=True),
                row(self.approve_button, self.refuse_button),
            ]
        )
        self.extensions_tab = w.VBox(
            [
                self.extension_note,
                self.extension_list,
                self.extension_pager,
                self.decision_box,
                said,
            ]
        )

    # -- events ---------------------------------------------------------------------------------
    def on_meeting(self, meeting_id: int) -> None:
        self.model.update(meeting_id=meeting_id or None)
        self.show_directives()
        self.messages.clear()

    def on_filter(self, name: str, value: Any) -> None:
        self.model.update(**{name: None if value == UNCHOSEN and name.endswith("_id") else value})
        self.mark_dates(None)
        self.messages.clear()

    def on_choose_task(self, task_id: int | None) -> None:
        if task_id != self.model.task_id:
            self.model.choose_task(task_id)
            self.show_review()

    def on_choose_request(self, request_id: int | None) -> None:
        if request_id != self.model.request_id:
            self.model.request_id = request_id
            self.show_request()

    @staticmethod
    def decide(action: Callable[[str], None], form: DecisionForm, done: str) -> None:
        """Make a decision with the text typed in its form; on success clear the text and its
        error and say so in the form."""
        action(form.text.value)
        form.text.value = ""
        form.error.show(None)
        form.messages.ok(done)

    def mark_dates(self, error: ValidationError | None) -> None:
        show_errors(self.date_errors, error)

    def mark_comment(self, error: ValidationError) -> None:
        show_errors({"comment": self.comment_error}, error)

    def mark_reason(self, error: ValidationError) -> None:
        show_errors({"comment": self.reason_error}, error)

    # -- showing --------------------------------------------------------------------------------
    def show_titles(self) -> None:
        for index, (title, count) in enumerate(
            [
                (_("Tasks"), self.model.total),
                (_("Closure requests"), self.model.closure_total),
                (_("Extensions"), self.model.extension_total),
            ]
        ):
            self.tabs.set_title(index, _("{title} ({count})").format(title=title, count=count))

    def show_meetings(self) -> None:
        choices = self.model.meeting_choices(self.meeting_search.value)
        options = [
            (noted(r["meeting"], r["held_on"]), int(r["id"])) for r in choices.to_dict("records")
        ]
        set_choices(
            self.meeting, with_all(options, _("all meetings")), self.model.meeting_id or UNCHOSEN
        )

    def show_directives(self) -> None:
        options = [
            (f"{r['seq']} {shortened(r['text'], 40)}", int(r["id"]))
            for r in self.model.directive_choices().to_dict("records")
        ]
        set_choices(
            self.directive,
            with_all(options, _("all directives")),
            self.model.directive_id or UNCHOSEN,
        )
        self.directive.disabled = self.model.meeting_id is None

    def show_tasks(self) -> None:
        m = self.model
        self.table.show(task_rows(m.tasks))
        self.summary.value = html.escape(
            _("{total} tasks match; page {page} of {pages}").format(
                total=m.total, page=m.page + 1, pages=page_count(m.total)
            )
            if m.total
            else _("No task matches these filters.")
        )
        self.pager.show(m.page, len(m.tasks), m.total)

    def show_closures(self) -> None:
        m = self.model
        self.closure_note.value = html.escape(
            _("{n} closure requests wait for a decision, the longest waiting first.").format(
                n=m.closure_total
            )
            if m.closure_total
            else _("No closure request waits for a decision.")
        )
        options = [
            (
                _("{unit} · {seq} {directive} · asked {day}").format(
                    unit=r["unit"],
                    seq=r["seq"],
                    directive=shortened(r["directive"], 40),
                    day=day_text(r["requested_at"] or r["updated_at"]),
                ),
                int(r["id"]),
            )
            for r in m.closures.to_dict("records")
        ]
        set_choices(self.closure_list, options, m.task_id)
        self.closure_list.layout.display = "" if options else "none"
        self.closure_pager.show(m.closure_page, len(m.closures), m.closure_total)
        self.show_review()

    def show_review(self) -> None:
        chosen = self.model.chosen_task()
        self.review_box.layout.display = "" if chosen else "none"
        if chosen is None:
            return
        light = html.escape(_("Light:"))
        self.closure_detail.value = _detail(
            [
                (_("Unit:"), chosen["unit"]),
                (_("Meeting:"), noted(chosen["meeting"], chosen["held_on"])),
                (_("Directive:"), f"{chosen['seq']} {chosen['directive']}"),
                (_("Deadline:"), chosen["deadline"]),
            ]
        ) + (f'<div class="duban-detail"><b>{light}</b> {light_cell(chosen["light"])}</div>')
        files = self.model.evidence
        linked = evidence.linked_at_once(files)
        self.report_list.value = reports_html(self.model.reports, files, linked)
        self.downloads.show(files, linked)
        self.review_table.show(review_rows(self.model.reviews))

    def show_extensions(self) -> None:
        m = self.model
        self.extension_note.value = html.escape(
            _("{n} extension requests wait for a decision, the oldest first.").format(
                n=m.extension_total
            )
            if m.extension_total
            else _("No extension request waits for a decision.")
        )
        options = [
            (
                _("{unit} · {seq} {directive} · {old} → {new}").format(
                    unit=r["unit"],
                    seq=r["seq"],
                    directive=shortened(r["directive"], 40),
                    old=r["old_deadline"],
                    new=r["new_deadline"],
                ),
                int(r["id"]),
            )
            for r in m.extensions.to_dict("records")
        ]
        set_choices(self.extension_list, options, m.request_id)
        self.extension_list.layout.display = "" if options else "none"
        self.extension_pager.show(m.extension_page, len(m.extensions), m.extension_total)
        self.show_request()

    def show_request(self) -> None:
        chosen = self.model.chosen_request()
        self.decision_box.layout.display = "" if chosen else "none"
        if chosen is None:
            return
        self.extension_detail.value = _detail(
            [
                (_("Unit:"), chosen["unit"]),
                (_("Meeting:"), noted(chosen["meeting"], chosen["held_on"])),
                (_("Directive:"), f"{chosen['seq']} {chosen['directive']}"),
                (_("Current deadline:"), chosen["old_deadline"]),
                (_("New deadline asked for:"), chosen["new_deadline"]),
                (_("Reason:"), chosen["reason"]),
                (
                    _("Asked by:"),
                    _("{who}, {when}").format(
                        who=chosen["requested_by"], when=moment_text(chosen["requested_at"])
                    ),
                ),
            ]
        )


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("supervision")."""
    return SupervisionView(SupervisionModel(wb)).widget

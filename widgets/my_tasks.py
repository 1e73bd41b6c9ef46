"""The unit reporters' page (phone first): the unit's tasks a page at a time, open ones first;
a task opened to acknowledge it, report progress with evidence, ask for an extension or
closure, and read its timeline; the standing directives' periodic reports. A thin view of
duban.models.my_tasks.MyTasksModel."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import ipywidgets as w
import pandas as pd

from duban.documents.figures import moment_text
from duban.infra.i18n import _
from duban.models.my_tasks import MyTasksModel, days_text
from duban.service.cycles import PeriodReport
from duban.service.evidence import ACCEPTED_EXTENSIONS, MAX_BYTES, MAX_FILES, Upload, size_text
from duban.service.workbook import Workbook
from duban.templates import labelled, noted
from duban.vocabulary import (
    CYCLES,
    PERIOD_STATES,
    STATUSES,
    TASK_ROLES,
    TIMELINE_ENTRIES,
)
from duban.widgets import evidence
from duban.widgets.common import Messages, guarded, set_choices
from duban.widgets.form_parts import STYLE as FORM_STYLE
from duban.widgets.form_parts import (
    UNCHOSEN,
    FieldError,
    button,
    card,
    field,
    fields,
    fitted,
    heading,
    html_line,
    row,
    show_errors,
    table_html,
    with_all,
)
from duban.widgets.pager import Pager
from duban.widgets.progress_parts import LIGHT_STYLE, light_cell, shortened

STYLE = """
<style>
.duban-returned { background: #fff4e5; border: 1px solid #f5c99a; border-radius: 6px;
                  padding: 6px 10px; overflow-wrap: anywhere; }
.duban-facts { margin: 4px 0; font-size: .9rem; overflow-wrap: anywhere; }
.duban-facts span { display: inline-block; margin-right: 14px; }
</style>
"""


def meeting_text(task: dict[str, Any]) -> str:
    """The task's meeting named with its date."""
    return noted(task["meeting"], task["held_on"])


def list_html(rows: list[dict[str, Any]], today: date) -> str:
    """A page of the unit's tasks."""
    headings = [
        _("No."),
        _("Light"),
        _("Deadline"),
        _("Days"),
        _("Status"),
        _("Directive"),
        _("Meeting"),
    ]
    cells = [
        [
            str(r["position"]),
            light_cell(r["light"]),
            html.escape(r["deadline"]),
            html.escape(days_text(r, today)),
            html.escape(STATUSES.label(r["status"])),
            html.escape(shortened(r["directive"], 40)),
            html.escape(meeting_text(r)),
        ]
        for r in rows
    ]
    return table_html(headings, cells, _("No tasks to show."), markup=True)


def standing_html(standing: list[tuple[dict[str, Any], list[PeriodReport]]], limit: int) -> str:
    """Per open standing directive: this period's report, the missing ones, the last one sent."""
    headings = [_("Directive"), _("Cycle"), _("This period"), _("Missing"), _("Last sent")]
    ranked = sorted(standing, key=lambda pair: -sum(p.state == "missing" for p in pair[1]))
    cells = []
    for task, periods in ranked[:limit]:
        current = periods[-1] if periods else None
        missing = [p.period.label() for p in periods if p.state == "missing"]
        sent = [s for p in periods for s in p.sent_at]
        cells.append(
            [
                html.escape(shortened(task["directive"], 40)),
                html.escape(CYCLES.label(task["cycle"])),
                html.escape(
                    labelled(current.period.label(), PERIOD_STATES.label(current.state))
                    if current
                    else "–"
                ),
                html.escape(_("、").join(missing[-6:]) + ("…" if len(missing) > 6 else "")) or "–",
                html.escape(moment_text(sent[-1]) if sent else "–"),
            ]
        )
    table = table_html(
        headings, cells, _("No standing directive with a reporting cycle."), markup=True
    )
    more = len(ranked) - limit
    if more > 0:
        note = _("The {limit} with the most missing reports are shown; {n} more.").format(
            limit=limit, n=more
        )
        table += f'<p class="duban-hint">{html.escape(note)}</p>'
    return table


def periods_html(periods: list[PeriodReport]) -> str:
    headings = [_("Period"), _("Report"), _("Sent")]
    cells = [
        [
            html.escape(noted(p.period.label(), f"{p.period.start}–{p.period.end}")),
            html.escape(PERIOD_STATES.label(p.state)),
            html.escape(_("、").join(moment_text(s) for s in p.sent_at) or "–"),
        ]
        for p in reversed(periods[-26:])  # the latest half year or so of periods
    ]
    return table_html(headings, cells, _("No period yet."), markup=True)


def timeline_html(timeline: pd.DataFrame, files: Sequence[evidence.EvidenceFile]) -> str:
    """Every event of the task, oldest first, with who and when."""
    names: dict[int, list[str]] = {}
    for file in files:
        names.setdefault(file.report_id, []).append(file.filename)
    headings = [_("When"), _("Who"), _("What"), _("Details")]
    cells = []
    for entry in timeline.to_dict("records"):
        details = []
        if pd.notna(entry["percent"]):
            details.append(f"{int(entry['percent'])} %")
        if isinstance(entry["new_deadline"], str):
            details.append(_("new deadline {date}").format(date=entry["new_deadline"]))
        if isinstance(entry["text"], str) and entry["text"]:
            details.append(entry["text"])
        if pd.notna(entry["report_id"]) and names.get(int(entry["report_id"])):
            details.append(
                _("evidence: {files}").format(files=_("、").join(names[int(entry["report_id"])]))
            )
        what = entry["what"]
        cells.append(
            [
                html.escape(moment_text(entry["at"])),
                html.escape(str(entry["who_name"])),
                html.escape(TIMELINE_ENTRIES.label(what) if what in TIMELINE_ENTRIES else what),
                html.escape(" · ".join(details) or "–"),
            ]
        )
    return table_html(headings, cells, _("Nothing recorded yet."), markup=True)


def uploads_of(value: Sequence[dict[str, Any]]) -> list[Upload]:
    """The files of a FileUpload as the service takes them (the name is only a display name)."""
    return [Upload(str(item["name"]), bytes(item["content"])) for item in value]


class MyTasksView:
    """The page; widgets a test or a reader may look for are named attributes."""

    def __init__(self, model: MyTasksModel):
        self.model = model
        self.messages = Messages()  # the list's (choosing a unit, turning pages)
        self.unit = w.Dropdown(
            options=model.unit_choices(), value=model.unit_id if model.for_office else None
        )
        self.show_closed = w.Checkbox(value=False, description=_("Show closed tasks"), indent=False)
        self.summary = w.HTML()
        self.standing = fitted(w.HTML())
        self.table = fitted(w.HTML())
        self.pager = Pager(self.turn, self.messages)
        self.choose = w.Dropdown(options=[])
        self.shown_task: int | None = None  # the task the detail and its forms are drawn for
        self.listing = False  # while the chooser's options change (its value passes by "none")
        self._build_detail()
        reads = guarded(self.messages, writes=False)
        self.unit.observe(reads(lambda c: setattr(model, "unit_id", c["new"])), names="value")
        self.show_closed.observe(
            reads(lambda c: setattr(model, "show_closed", c["new"])), names="value"
        )
        self.choose.observe(reads(self.on_choose), names="value")
        model.observe(lambda _c: self.redraw(), names="version")
        model.observe(lambda _c: self.show_detail(), names="task_version")
        top = [self.unit] if model.for_office else []
        office_note = w.HTML(
            html_line(_("You act as the office for the unit chosen."), "duban-hint")
            if model.for_office
            else ""
        )
        self.widget = w.VBox(
            [
                w.HTML(FORM_STYLE + LIGHT_STYLE + STYLE + evidence.STYLE),
                fields(*[field(_("Unit"), c) for c in top]) if top else w.HTML(),
                office_note,
                row(self.show_closed),
                self.summary,
                self.messages,
                heading(_("Tasks")),
                self.table,
                self.pager,
                fields(field(_("Open a task"), self.choose, wide=True)),
                self.detail,
                heading(_("Standing directives: periodic reports")),
                self.standing,
            ]
        )
        self.widget.add_class("duban-mytasks")
        self.redraw()
        self.show_detail()

    # -- the detail of one task -----------------------------------------------------------
    def _build_detail(self) -> None:
        self.heading = fitted(w.HTML())
        self.returned = fitted(w.HTML())
        self.detail_messages = Messages()
        self.acknowledge = button(_("Acknowledge (签收)"), "primary")
        self.acknowledge.on_click(self._act(self.detail_messages, self.on_acknowledge))
        # reporting
        self.percent = w.BoundedIntText(value=0, min=0, max=100, layout=w.Layout(width="8em"))
        self.text = w.Textarea(rows=4, placeholder=_("What was done, where, by whom"))
        limits = _(
            "Photos (JPG, PNG, WEBP, HEIC), PDF, DOCX, XLSX; at most {n} files of {size} each."
        )
        self.upload = w.FileUpload(
            accept=",".join(ACCEPTED_EXTENSIONS),
            multiple=True,
            description=_("Add files"),
            layout=w.Layout(width="auto"),
        )
        self.report_errors = {k: FieldError() for k in ("percent", "text", "evidence")}
        self.report_messages = Messages()
        self.send_report = button(_("Report progress"), "primary")
        self.send_closure = button(_("Request closure (100 %)"), "success")
        self.send_report.on_click(
            self._act(self.report_messages, self.on_report, self.report_errors)
        )
        self.send_closure.on_click(
            self._act(self.report_messages, self.on_closure, self.report_errors)
        )
        self.chosen_files = w.HTML()
        self.upload.observe(
            guarded(self.report_messages, writes=False)(lambda _c: self.show_chosen_files()),
            names="value",
        )
        hint = w.HTML(
            html_line(limits.format(n=MAX_FILES, size=size_text(MAX_BYTES)), "duban-hint")
        )
        self.report_form = card(
            heading(_("Report progress")),
            fields(
                field(_("Percent done"), self.percent, self.report_errors["percent"]),
                field(_("What was done"), self.text, self.report_errors["text"], wide=True),
                field(
                    _("Evidence files"),
                    self.upload,
                    self.report_errors["evidence"],
                    wide=True,
                    hint=w.VBox([self.chosen_files, hint]),
                ),
            ),
            row(self.send_report, self.send_closure),
            self.report_messages,
        )
        # extension
        self.new_deadline = w.DatePicker()
        self.reason = w.Textarea(rows=3)
        self.extension_errors = {k: FieldError() for k in ("new_deadline", "reason")}
        self.extension_messages = Messages()
        self.send_extension = button(_("Request an extension"))
        self.send_extension.on_click(
            self._act(self.extension_messages, self.on_extension, self.extension_errors)
        )
        self.extension_note = w.HTML()
        self.extension_fields = w.VBox(
            [
                fields(
                    field(
                        _("New deadline"), self.new_deadline, self.extension_errors["new_deadline"]
                    ),
                    field(_("Reason"), self.reason, self.extension_errors["reason"], wide=True),
                ),
                row(self.send_extension),
            ]
        )
        self.extension_form = card(
            heading(_("Request an extension")),
            self.extension_note,
            self.extension_fields,
            self.extension_messages,
        )
        self.evidence = fitted(w.HTML())
        self.downloads = evidence.Downloads(self.detail_messages)
        self.periods = fitted(w.HTML())
        self.periods_box = w.VBox([heading(_("Periodic reports")), self.periods])
        self.timeline = fitted(w.HTML())
        self.detail = card(
            self.heading,
            self.returned,
            self.detail_messages,
            row(self.acknowledge),
            self.report_form,
            self.extension_form,
            heading(_("Evidence")),
            self.evidence,
            self.downloads,
            self.periods_box,
            heading(_("Timeline")),
            self.timeline,
        )

    def _act(
        self,
        messages: Messages,
        action: Callable[[], str],
        errors: dict[str, FieldError] | None = None,
    ) -> Callable[[w.Button], None]:
        """A button's callback: the action's result or its error shown in `messages` (a refused
        field's under it, in `errors`)."""
        marks = {} if errors is None else errors

        def run(_button: w.Button) -> None:
            show_errors(marks, None)
            messages.ok(action())

        return guarded(messages, lambda exc: show_errors(marks, exc))(run)

    # -- actions ------------------------------------------------------------------------------
    def on_acknowledge(self) -> str:
        return self.model.acknowledge()

    def on_report(self, closure: bool = False) -> str:
        message = self.model.report(
            self.percent.value, self.text.value, uploads_of(self.upload.value), closure=closure
        )
        self.text.value = ""
        self.upload.value = ()
        return message

    def on_closure(self) -> str:
        return self.on_report(closure=True)

    def on_extension(self) -> str:
        message = self.model.request_extension(self.new_deadline.value, self.reason.value)
        self.reason.value = ""
        self.new_deadline.value = None
        return message

    def turn(self, offset: int) -> None:
        self.model.turn(offset)

    def on_choose(self, change: dict[str, Any]) -> None:
        if not self.listing:
            self.model.open(change["new"] or None)

    # -- drawing --------------------------------------------------------------------------------
    def show_chosen_files(self) -> None:
        chosen = [noted(item["name"], size_text(int(item["size"]))) for item in self.upload.value]
        self.chosen_files.value = (
            html_line(_("Chosen: {files}").format(files=_("、").join(chosen)), "duban-hint")
            if chosen
            else ""
        )

    def clear_forms(self, task: dict[str, Any] | None) -> None:
        """Every form empty (what was typed for one task is never sent for another), the
        percent at the task's own, no error or message left from before."""
        self.percent.value = int(task["percent"]) if task is not None else 0
        self.text.value = self.reason.value = ""
        self.upload.value = ()
        self.new_deadline.value = None
        show_errors(self.report_errors | self.extension_errors, None)
        for said in (self.detail_messages, self.report_messages, self.extension_messages):
            said.clear()

    def redraw(self) -> None:
        model, today = self.model, self.model.wb.today()
        rows = model.page_rows()
        counts = model.counts()
        self.summary.value = f'<p class="duban-hint">{html.escape(summary_text(counts))}</p>'
        self.table.value = list_html(rows, today)
        self.pager.show(model.page, len(rows), model.total)
        options = with_all(
            [
                (
                    f"{r['position']}. {shortened(r['directive'], 30)} · {days_text(r, today)}",
                    int(r["id"]),
                )
                for r in rows
            ],
            _("— choose a task —"),
        )
        if model.task_id is not None and model.task_id not in [v for _l, v in options]:
            task = model.task()
            options.append(
                (f"{shortened(task['directive'], 30)} · {days_text(task, today)}", model.task_id)
            )
        self.listing = True
        try:
            set_choices(self.choose, options, model.task_id or UNCHOSEN)
        finally:
            self.listing = False
        self.standing.value = standing_html(model.standing(), PAGE_SIZE_STANDING)

    def show_detail(self) -> None:
        """The task opened, read again; its forms emptied when another task is opened."""
        task = self.model.task()
        self.detail.layout.display = "none" if task is None else ""
        if self.model.task_id != self.shown_task:
            self.shown_task = self.model.task_id
            self.clear_forms(task)
        if task is None:
            return
        today = self.model.wb.today()
        self.heading.value = heading_html(task, today)
        comment = self.model.return_comment()
        self.returned.value = (
            html_line(labelled(_("Returned by the office"), comment), "duban-returned")
            if comment
            else ""
        )
        self.acknowledge.layout.display = "" if self.model.can("acknowledge") else "none"
        reporting = self.model.can("report") or self.model.can("request_closure")
        self.report_form.layout.display = "" if reporting else "none"
        self.send_report.disabled = not self.model.can("report")
        self.send_closure.disabled = not self.model.can("request_closure")
        self.percent.value = max(self.percent.value, int(task["percent"]))
        extending = self.model.can("request_extension")
        self.extension_form.layout.display = "" if extending else "none"
        passed = self.model.extension_too_late()
        self.extension_fields.layout.display = "none" if passed else ""
        self.extension_note.value = (
            html_line(
                _("The deadline has passed: an extension can no longer be asked for."), "duban-hint"
            )
            if passed
            else ""
        )
        files = self.model.evidence()
        self.evidence.value = evidence.evidence_html(files) or (
            html_line(_("No evidence files yet."), "duban-hint")
        )
        self.downloads.show(files)
        periods = self.model.periods()
        self.periods_box.layout.display = "" if task["cycle"] != "none" else "none"
        self.periods.value = periods_html(periods)
        self.timeline.value = timeline_html(self.model.timeline(), files)


PAGE_SIZE_STANDING = 20


def summary_text(counts: dict[str, int]) -> str:
    return _(
        "{open} open tasks: {red} red, {yellow} yellow, {green} green; "
        "{new} new to acknowledge, {returned} returned."
    ).format(**counts)


def heading_html(task: dict[str, Any], today: date) -> str:
    """The task opened: its meeting, the directive in full, then its facts."""
    facts = [
        (_("Deadline"), task["deadline"]),
        (_("Days"), days_text(task, today)),
        (_("Status"), STATUSES.label(task["status"])),
        (_("Done"), f"{int(task['percent'])} %"),
        (_("Role"), TASK_ROLES.label(task["role"])),
        (_("Reporting"), CYCLES.label(task["cycle"])),
    ]
    spans = f"<span>{labelled(html.escape(_('Light')), light_cell(task['light']))}</span>"
    spans += "".join(
        f"<span>{html.escape(labelled(label, value))}</span>" for label, value in facts
    )
    return (
        f'<div class="duban-heading">{html.escape(meeting_text(task))}</div>'
        f'<div class="duban-quote">{html.escape(task["directive"])}</div>'
        f'<div class="duban-facts">{spans}</div>'
    )


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("my_tasks")."""
    return MyTasksView(MyTasksModel(wb)).widget

"""The office's reminders page: remind units of late and near-deadline tasks (催办), interview
units late again and again (约谈), reopen closed tasks for re-checking (回头看). A thin view of
duban.models.reminders.RemindersModel."""

from __future__ import annotations

import html
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
import pandas as pd

from duban.documents.figures import day_text, moment_text
from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.models.reminders import PagedChoice, RemindersModel
from duban.service.workbook import Workbook
from duban.templates import noted
from duban.vocabulary import AREAS, REMINDABLE_LIGHTS, UNIT_KINDS
from duban.widgets.common import Messages, download_link, guarded, set_choices
from duban.widgets.form_parts import STYLE as FORM_STYLE
from duban.widgets.form_parts import (
    UNCHOSEN,
    FieldError,
    button,
    field,
    fields,
    note,
    row,
    with_all,
)
from duban.widgets.pager import Pager
from duban.widgets.progress_parts import STYLE, Table, shortened

PAGE_STYLE = """
<style>
.duban-reminders .widget-select-multiple select { width: 100%; }
.duban-reminders .duban-reminder { margin: 8px 0; }
.duban-reminders .duban-row .widget-button { max-width: 100%; height: auto; white-space: normal;
                                             min-height: var(--jp-widgets-inline-height); }
</style>
"""


def _options(frame: pd.DataFrame, key: str, name: Any) -> list[tuple[str, int]]:
    """(label, id) of the rows of a frame (one a `key`), labelled by `name(row)`, in label
    order."""
    return sorted(((name(r), int(r[key])) for r in frame.to_dict("records")), key=lambda o: o[0])


def unit_options(frame: pd.DataFrame) -> list[tuple[str, int]]:
    return _options(frame, "unit_id", lambda r: r["unit"])


def meeting_options(frame: pd.DataFrame) -> list[tuple[str, int]]:
    return _options(frame, "meeting_id", lambda r: noted(r["meeting"], r["held_on"]))


def _task_words(task: dict[str, Any]) -> str:
    """The unit, the item (its number and the start of its text) and its meeting."""
    item = shortened(f"{task['seq']} {task['directive']}", 28)
    return f"{task['unit']} · {item} · {shortened(str(task['meeting']), 20)}"


def reminder_label(task: dict[str, Any]) -> str:
    """A candidate as the picker lists it: lateness first (it shows on a phone), the unit, the
    item and its meeting, and when it was last reminded."""
    late = (
        _("{n} days late").format(n=task["days_late"])
        if task["days_late"]
        else _("due {deadline}").format(deadline=task["deadline"])
    )
    reminded = task.get("last_reminded")
    last = (
        " · " + _("reminded {day}").format(day=day_text(reminded))
        if isinstance(reminded, str)
        else ""
    )
    return f"{late} · {_task_words(task)}{last}"


def lookback_label(task: dict[str, Any]) -> str:
    """A closed task as the look-back lists it: when it was closed, the unit, item, meeting."""
    closed = _("closed {day}").format(day=day_text(str(task["closed_at"])))
    return f"{closed} · {_task_words(task)}"


class ChoiceList:
    """A PagedChoice shown as one multiple-choice list of its page, a pager, a note saying how
    many are listed and chosen, and buttons to choose every row listed or none."""

    def __init__(
        self, choice: PagedChoice, label: Callable[[dict[str, Any]], str], messages: Messages
    ):
        self.choice, self.label = choice, label
        self.note = w.HTML()
        self.picker = w.SelectMultiple(rows=8, layout=w.Layout(width="100%"))
        self.pager = Pager(choice.turn, messages)
        self.choose_all = button(_("Choose every task listed"))
        self.clear = button(_("Choose none"))
        act = guarded(messages, writes=False)
        self.choose_all.on_click(act(lambda _b: choice.choose_all()))
        self.clear.on_click(act(lambda _b: choice.clear()))
        self._showing = False
        self.picker.observe(act(lambda _c: self.on_pick()), "value")
        choice.observe(lambda _c: self.show(), names=["rows", "total", "chosen"])
        self.widget = w.VBox([self.note, self.picker, self.pager, row(self.choose_all, self.clear)])
        self.show()

    @contextmanager
    def _quietly(self):
        self._showing = True
        try:
            yield
        finally:
            self._showing = False

    def on_pick(self) -> None:
        if not self._showing:
            self.choice.choose_on_page(list(self.picker.value))

    def show(self) -> None:
        c = self.choice
        rows = c.on_page().to_dict("records")
        chosen = set(c.chosen)
        with self._quietly(), self.picker.hold_sync():
            self.picker.options = [(self.label(r), int(r["id"])) for r in rows]
            self.picker.value = tuple(int(r["id"]) for r in rows if int(r["id"]) in chosen)
        self.picker.layout.display = "none" if not rows else None
        total = c.total
        self.note.value = note(
            _("{total} tasks listed, {chosen} chosen.").format(total=total, chosen=len(chosen))
            if total
            else _("No task matches these filters.")
        )
        self.pager.show(c.page, len(rows), total)


class RemindersView:
    """The page; every widget a reader may look for is a named attribute."""

    def __init__(self, model: RemindersModel):
        self.model = model
        self._reminders_tab()
        self._escalation_tab()
        self._lookback_tab()
        self.tabs = w.Tab([self.reminders_tab, self.escalation_tab, self.lookback_tab])
        for index, title in enumerate([_("Reminders"), _("Escalation"), _("Look-back")]):
            self.tabs.set_title(index, title)
        self.widget = w.VBox([w.HTML(STYLE + FORM_STYLE + PAGE_STYLE), self.tabs])
        self.widget.add_class("duban-reminders")
        model.observe(
            lambda _c: self.show_filters(),
            names=["reminder_units", "reminder_meetings", "lookback_meetings"],
        )
        model.observe(lambda _c: self.show_escalations(), names=["escalations"])
        self.show_filters()
        self.show_escalations()

    # -- building ------------------------------------------------------------------------
    def _reminders_tab(self) -> None:
        m = self.model
        self.messages = Messages()
        read = guarded(self.messages, writes=False)
        self.unit = w.Dropdown()
        self.meeting = w.Dropdown()
        self.light = w.Dropdown(
            options=with_all(REMINDABLE_LIGHTS.choices(), _("overdue and near the deadline"), "")
        )
        for name, picker in (("unit_id", self.unit), ("meeting_id", self.meeting)):
            picker.observe(read(lambda c, n=name: self._filter(n, c.new)), "value")
        self.light.observe(read(lambda c: self._filter("light", c.new)), "value")
        self.reminder_list = ChoiceList(m.reminders, reminder_label, self.messages)
        self.note = w.Textarea(
            placeholder=_("Optional: printed on every notice and kept with each reminder"),
            layout=w.Layout(width="100%", height="4em"),
        )
        self.note_error = FieldError()
        self.send = button(_("Send the reminders and make the notices"), "primary")
        self.send.on_click(guarded(self.messages, self._field_errors)(lambda _b: self.on_send()))
        self.links = w.HTML()
        self.preview = w.HTML()
        self.reminders_tab = w.VBox(
            [
                fields(
                    field(_("Unit"), self.unit),
                    field(_("Meeting"), self.meeting),
                    field(_("Light"), self.light),
                ),
                self.reminder_list.widget,
                fields(field(_("Note to the units"), self.note, self.note_error, wide=True)),
                row(self.send),
                self.messages,
                self.links,
                self.preview,
            ]
        )

    def _escalation_tab(self) -> None:
        self.escalation_messages = Messages()
        self.rule = w.HTML()
        self.escalation_table = Table(
            [
                ("unit", _("unit")),
                ("late_times", _("tasks late in the window")),
                ("interview_text", _("last interview")),
                ("last_deadline", _("latest missed deadline")),
                ("kind_label", _("unit kind")),
            ],
            empty=_("No unit meets the escalation rule."),
        )
        self.units = w.SelectMultiple(rows=5, layout=w.Layout(width="100%"))
        self.interview_note = w.Textarea(
            placeholder=_("Optional: who is interviewed, when and where"),
            layout=w.Layout(width="100%", height="4em"),
        )
        self.interview = button(_("Record an interview (约谈) with the units chosen"), "warning")
        self.interview.on_click(guarded(self.escalation_messages)(lambda _b: self.on_interview()))
        self.escalation_tab = w.VBox(
            [
                self.rule,
                self.escalation_table,
                fields(
                    field(_("Units to interview"), self.units, wide=True),
                    field(_("Note"), self.interview_note, wide=True),
                ),
                row(self.interview),
                self.escalation_messages,
            ]
        )

    def _lookback_tab(self) -> None:
        m = self.model
        self.lookback_messages = Messages()
        read = guarded(self.lookback_messages, writes=False)
        self.lookback_meeting = w.Dropdown()
        self.area = w.Dropdown(options=[(_("all areas"), ""), *AREAS.choices()])
        self.closed_before = w.DatePicker()
        self.lookback_meeting.observe(
            read(lambda c: self._look("lookback_meeting_id", c.new)), "value"
        )
        self.area.observe(read(lambda c: self._look("area", c.new or "")), "value")
        self.closed_before.observe(read(lambda c: self._look("closed_before", c.new)), "value")
        self.lookback_list = ChoiceList(m.lookback, lookback_label, self.lookback_messages)
        self.reason = w.Textarea(
            placeholder=_("Required: why these tasks are checked again"),
            layout=w.Layout(width="100%", height="4em"),
        )
        self.reason_error = FieldError()
        self.reopen = button(_("Reopen the chosen tasks for re-checking (回头看)"), "warning")
        self.reopen.on_click(
            guarded(self.lookback_messages, self._reason_errors)(lambda _b: self.on_reopen())
        )
        self.lookback_tab = w.VBox(
            [
                _widgetnote(
                    _("Closed tasks, latest closed first; a reopened task is in progress again.")
                ),
                fields(
                    field(_("Meeting"), self.lookback_meeting),
                    field(_("Area"), self.area),
                    field(_("Closed before"), self.closed_before),
                ),
                self.lookback_list.widget,
                fields(field(_("Reason"), self.reason, self.reason_error, wide=True)),
                row(self.reopen),
                self.lookback_messages,
            ]
        )

    # -- acting ---------------------------------------------------------------------------
    def _filter(self, name: str, value: Any) -> None:
        value = None if value == UNCHOSEN else value
        if getattr(self.model, name) != value:
            setattr(self.model, name, value)
            self.model.find_reminders()

    def _look(self, name: str, value: Any) -> None:
        value = None if value == UNCHOSEN else value
        if getattr(self.model, name) != value:
            setattr(self.model, name, value)
            self.model.find_lookback()

    def _field_errors(self, error: ValidationError) -> None:
        self.note_error.show(error.errors.get("note"))

    def _reason_errors(self, error: ValidationError) -> None:
        self.reason_error.show(error.errors.get("reason") or error.errors.get("comment"))

    def on_send(self) -> None:
        self.note_error.show(None)
        self.model.note = self.note.value
        files = self.model.send()
        self.note.value = ""
        self.messages.ok(
            _("{n} reminders recorded; a notice for each of {units} units is written.").format(
                n=len(files.reminder_ids), units=len(files.notices)
            )
        )
        links = [download_link(_("All notices (zip)"), files.zip)] + [
            download_link(path.name, path) for path in files.docx
        ]
        self.links.value = (
            f'<div class="duban-links">{html.escape(_("Download:"))} {"".join(links)}</div>'
        )
        self.preview.value = files.html[0].read_text(encoding="utf-8") if files.html else ""

    def on_interview(self) -> None:
        self.model.interview_note = self.interview_note.value
        done = self.model.interview(list(self.units.value))
        self.interview_note.value = ""
        self.escalation_messages.ok(
            _("Interview recorded with {units} units, on {n} open late tasks.").format(
                units=len(done), n=sum(done.values())
            )
        )

    def on_reopen(self) -> None:
        self.reason_error.show(None)
        self.model.reason = self.reason.value
        count = self.model.reopen()
        self.reason.value = ""
        self.lookback_messages.ok(
            _("{n} tasks reopened for re-checking; the reason is kept with each.").format(n=count)
        )

    # -- showing the model ----------------------------------------------------------------
    def show_filters(self) -> None:
        m = self.model
        everyone = _("all units")
        every_meeting = _("all meetings")
        set_choices(
            self.unit, with_all(unit_options(m.reminder_units), everyone), m.unit_id or UNCHOSEN
        )
        set_choices(
            self.meeting,
            with_all(meeting_options(m.reminder_meetings), every_meeting),
            m.meeting_id or UNCHOSEN,
        )
        set_choices(
            self.lookback_meeting,
            with_all(meeting_options(m.lookback_meetings), every_meeting),
            m.lookback_meeting_id or UNCHOSEN,
        )

    def show_escalations(self) -> None:
        m = self.model
        frame = m.escalations
        self.rule.value = note(m.rule())
        self.escalation_table.show(
            frame.assign(
                kind_label=[UNIT_KINDS.label(k) for k in frame.get("unit_kind", [])],
                interview_text=[
                    moment_text(v) if isinstance(v, str) else _("none yet")
                    for v in frame.get("last_interview", [])
                ],
            )
        )
        set_choices(
            self.units,
            [(str(r["unit"]), int(r["unit_id"])) for r in frame.to_dict("records")],
            (),
        )
        shown = not frame.empty
        for part in (self.units, self.interview_note, self.interview):
            part.disabled = not shown


def _widgetnote(text: str) -> w.HTML:
    return w.HTML(note(text))


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("reminders")."""
    return RemindersView(RemindersModel(wb)).widget

"""The office's working-day calendar page: a year's entered days (and whether the year is known),
entering, changing and removing a day, importing a calendar file after its preview, and the
"working days from" calculator; a thin view of duban.models.calendar.CalendarModel. Each part
shows its own results and errors."""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w
from traitlets import link

from duban.infra.i18n import _, current_language
from duban.models.calendar import CalendarModel
from duban.service.workbook import Workbook
from duban.service.workdays import HolidayPlan
from duban.vocabulary import HOLIDAY_KINDS, IMPORT_CHANGES
from duban.widgets.common import Messages, guarded, set_choices
from duban.widgets.form_parts import (
    STYLE,
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
)
from duban.widgets.pager import Pager

PAGE_STYLE = """
<style>
.duban-calendar .duban-day { font-size: 1.3rem; font-weight: 600; }
.duban-calendar .duban-bad { max-height: 40vh; overflow-y: auto; }
/* a message of more than one line in lines of its own height (not a control's) */
.duban-calendar .duban-msg { line-height: 1.5; }
</style>
"""


def weekday(day: str) -> str:
    """The weekday of an ISO date, in the kit's language (周六, Sat)."""
    from babel.dates import format_date

    return format_date(date.fromisoformat(day), "EEE", locale=current_language())


class CalendarView:
    """The page; widgets a test or a reader may look for are named attributes."""

    def __init__(self, model: CalendarModel):
        self.model = model
        self.messages = Messages()  # the year's part (choosing a year, turning pages)
        self.year = w.Dropdown(options=model.years(), value=model.year)
        self.year.observe(
            guarded(self.messages, writes=False)(lambda c: setattr(model, "year", c["new"])),
            names="value",
        )  # and back: redraw() shows the model's year
        self.note = fitted(w.HTML())
        self.table = fitted(w.HTML())
        self.pager = Pager(self._turn, self.messages)
        self._build_entry()
        self._build_import()
        self._build_counter()
        self.widget = w.VBox(
            [
                w.HTML(STYLE + PAGE_STYLE),
                card(heading(_("The year")), field(_("Year"), self.year), self.note,
                     self.messages, self.table, self.pager),
                card(heading(_("Enter, change or remove a day")), *self.entry_parts),
                card(heading(_("Import a calendar file")), *self.import_parts),
                card(heading(_("Working days from a date")), *self.counter_parts),
            ]
        )  # fmt: skip
        self.widget.add_class("duban-calendar")
        model.observe(lambda _c: self.redraw(), names="version")
        self.redraw()

    # -- the parts ------------------------------------------------------------------------
    def _build_entry(self) -> None:
        m = self.model
        self.pick = w.Dropdown(options=[("—", "")], value="")
        self.day = w.Text(placeholder="2027-02-08")
        self.kind = w.Dropdown(options=HOLIDAY_KINDS.choices())
        self.name = w.Text(placeholder=_("e.g. Spring Festival"))
        for name in ("day", "kind", "name"):
            link((m, name), (getattr(self, name), "value"))
        self.entry_errors = {name: FieldError() for name in ("date", "kind", "name")}
        self.entry_messages = Messages()
        self.enter = button(_("Enter the day"), "primary")
        self.remove = button(_("Remove the day"), "danger")
        act = guarded(self.entry_messages, lambda exc: show_errors(self.entry_errors, exc))
        self.enter.on_click(act(lambda _b: self._done(m.enter())))
        self.remove.on_click(act(lambda _b: self._done(m.remove())))
        self.pick.observe(guarded(self.entry_messages, writes=False)(self._on_pick), names="value")
        self.entry_parts = [
            field(_("An entered day, to change or remove"), self.pick),
            fields(
                field(_("Date"), self.day, self.entry_errors["date"]),
                field(_("Kind of day"), self.kind, self.entry_errors["kind"]),
                field(_("Name"), self.name, self.entry_errors["name"]),
            ),
            row(self.enter, self.remove),
            self.entry_messages,
        ]

    def _build_import(self) -> None:
        self.upload = w.FileUpload(accept=".csv,.txt", multiple=False,
                                   description=_("Choose a CSV file"))  # fmt: skip
        self.upload.layout.width = "auto"
        self.preview = fitted(w.HTML())
        self.import_messages = Messages()
        self.run_import = button(_("Import"), "primary")
        self.run_import.disabled = True
        self.upload.observe(guarded(self.import_messages)(self._on_upload), names="value")
        self.run_import.on_click(guarded(self.import_messages)(lambda _b: self._on_import()))
        hint = _(
            "Columns date, kind, name (UTF-8 or GB18030, as Excel saves a CSV); kind holiday or "
            "workday (休 or 班); dates as 2027-02-08 or 2027年2月8日. Every row is checked first: "
            "while one is bad, nothing is imported. Days entered before and not in the file stay."
        )
        self.import_parts = [
            w.HTML(html_line(hint, "duban-hint")),
            row(self.upload, self.run_import),
            self.import_messages,
            self.preview,
        ]

    def _build_counter(self) -> None:
        m = self.model
        self.start = w.Text(placeholder="2027-02-05")
        self.days = w.Text(placeholder="10")
        link((m, "start"), (self.start, "value"))
        link((m, "days"), (self.days, "value"))
        self.counter_errors = {name: FieldError() for name in ("start", "days")}
        self.counter_messages = Messages()
        self.count = button(_("Count"), "primary")
        self.result = fitted(w.HTML())
        marks = guarded(
            self.counter_messages, lambda exc: show_errors(self.counter_errors, exc), writes=False
        )
        self.count.on_click(marks(lambda _b: self._on_count()))
        self.counter_parts = [
            fields(
                field(_("From"), self.start, self.counter_errors["start"]),
                field(_("Working days"), self.days, self.counter_errors["days"]),
            ),
            row(self.count),
            self.counter_messages,
            self.result,
        ]

    # -- drawing ----------------------------------------------------------------------------
    def redraw(self) -> None:
        """The year's note, its page of entered days, the pager and the picker."""
        m = self.model
        set_choices(self.year, m.years(), m.year)
        kind = "info" if m.known() else "error"
        self.note.value = f'<div class="duban-msg {kind}">{html.escape(m.note())}</div>'
        shown = m.shown()
        self.table.value = (
            table_html(
                [_("Date"), _("Weekday"), _("Kind of day"), _("Name"), _("Entered by")],
                [
                    [
                        r.date,
                        weekday(r.date),
                        HOLIDAY_KINDS.label(r.kind),
                        r.name,
                        r.entered_by_name,
                    ]
                    for r in shown.itertuples()
                ],
            )
            if len(shown)
            else html_line(_("No day of {year} is entered.").format(year=m.year), "duban-hint")
        )
        self.pager.show(m.page, len(shown), len(m.entered))
        set_choices(self.pick, [("—", ""), *m.choices()], "")

    def show_plan(self, plan: HolidayPlan) -> None:
        """The preview: each bad row with its reason, then what each good row does."""
        parts = []
        if plan.errors:
            text = _(
                "Bad rows: {n}. Correct the file and choose it again: nothing is imported while "
                "one row is bad."
            )
            parts.append(html_line(text.format(n=len(plan.errors)), "duban-msg error"))
            bad = table_html(
                [_("Row"), _("Reason")], [[str(n), why] for n, why in plan.errors.items()]
            )
            parts.append(f'<div class="duban-bad">{bad}</div>')
        parts.append(
            table_html(
                [_("Row"), _("Date"), _("Kind of day"), _("Name"), _("Import")],
                [
                    [
                        str(n),
                        e.day.isoformat(),
                        HOLIDAY_KINDS.label(e.kind),
                        e.name,
                        IMPORT_CHANGES.label(change),
                    ]
                    for n, e, change in plan.entries
                ],  # fmt: skip
            )
        )
        self.preview.value = "".join(parts)
        self.run_import.disabled = bool(plan.errors) or not plan.entries

    # -- callbacks ----------------------------------------------------------------------------
    def _turn(self, offset: int) -> None:
        self.model.turn(offset)

    def _on_pick(self, change: dict) -> None:
        if change["new"]:
            self.model.pick(change["new"])

    def _done(self, text: str) -> None:
        show_errors(self.entry_errors, None)
        self.entry_messages.ok(text)

    def _on_upload(self, change: dict) -> None:
        self.run_import.disabled = True
        self.preview.value = ""
        if not change["new"]:
            return
        (item,) = change["new"]
        plan = self.model.preview(bytes(item["content"]))
        self.show_plan(plan)
        self.import_messages.clear()

    def _on_import(self) -> None:
        self.import_messages.ok(self.model.import_file())
        self.upload.value = ()  # the same file may be chosen again; clears the preview

    def _on_count(self) -> None:
        show_errors(self.counter_errors, None)
        self.counter_messages.clear()
        result = self.model.count()
        day = result.date.isoformat()
        parts = [
            html_line(_("{day}, {weekday}").format(day=day, weekday=weekday(day)), "duban-day")
        ]
        if result.warning:
            parts.append(html_line(result.warning, "duban-msg error"))
        self.result.value = "".join(parts)


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("calendar")."""
    return CalendarView(CalendarModel(wb)).widget

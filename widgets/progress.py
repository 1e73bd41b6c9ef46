"""The leaders' progress page: filters, headline cards, traffic lights, ranking, areas, trend,
lineage and drill-downs; a thin view of duban.models.progress.ProgressModel."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager

import ipywidgets as w
import pandas as pd

from duban.documents.figures import columns, figure_rows, moment_text, ranking_texts
from duban.infra.i18n import _
from duban.models.progress import FILTERS, PARTS, ProgressModel
from duban.service.workbook import Workbook
from duban.vocabulary import (
    AREAS,
    LIGHTS,
    MEETING_KINDS,
    MEETING_LEVELS,
    TIMELINE_ENTRIES,
    UNIT_KINDS,
)
from duban.widgets.common import Messages, cards_html, guarded, set_choices
from duban.widgets.form_parts import note
from duban.widgets.pager import Pager
from duban.widgets.period import PeriodPicker
from duban.widgets.progress_parts import (
    LABELS,
    STYLE,
    WIDE,
    Chart,
    Table,
    areas_figure,
    lights_bars,
    meeting_names,
    ranking_figure,
    trend_figure,
)


def with_all(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(_("all"), ""), *choices]


def figure_columns() -> list[tuple[str, str]]:
    """A row's figures on the boards, the ranking and the areas: counts, lights, on-time rate."""
    return [
        *columns("assigned", "closed", "closed_on_time", "overdue"),
        *light_columns(),
        *columns("on_time_rate"),
    ]


def light_columns() -> list[tuple[str, str]]:
    """How many tasks are green, yellow and red."""
    return [(light, LIGHTS.label(light)) for light in LIGHTS]


class ProgressView:
    """The page; every widget a reader may look for is a named attribute."""

    def __init__(self, model: ProgressModel):
        self.model = model
        self.messages = Messages()
        self._filters()
        self.note = w.HTML()
        self.cards = w.HTML()
        self.cards.add_class("duban-figures")
        self._board()
        self._ranking()
        self._areas()
        self._trend()
        self._lineage()
        self._details()
        self.tabs = w.Tab(
            [
                self.board_tab,
                self.ranking_tab,
                self.areas_tab,
                self.trend_tab,
                self.lineage_tab,
                self.details_tab,
            ]
        )
        self.titles = dict(
            zip(
                PARTS,
                [
                    _("Traffic lights"),
                    _("Ranking"),
                    _("Areas"),
                    _("Trend"),
                    _("Lineage"),
                    _("Details"),
                ],
                strict=True,
            )
        )
        for index, part in enumerate(PARTS):
            self.tabs.set_title(index, self.titles[part])
        self.tab_charts = {1: self.ranking_chart, 2: self.area_chart, 3: self.trend_chart}
        self.tabs.observe(lambda c: self.open_tab(c.new), names=["selected_index"])
        self.computing = w.HTML()
        self.computing.add_class("duban-computing")
        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                self.filters,
                self.messages,
                self.note,
                self.cards,
                self.computing,
                self.tabs,
            ]
        )
        model.observe(lambda _c: self.show_figures(), names=["version"])
        model.observe(lambda c: self.show_computing(c.new), names=["computing"])
        model.observe(lambda _c: self.show_scope(), names=["scope"])
        model.observe(lambda _c: self.show_drill(), names=["drill_tasks"])
        model.observe(lambda _c: self.show_drill_items(), names=["choices"])
        model.observe(
            lambda _c: self.history_table.show(history_labels(model.history)), names=["history"]
        )
        model.observe(lambda _c: self.show_lineage(), names=["cascade"])
        self.show_scope()
        self.show_figures()
        self.show_drill_items()

    # -- building ------------------------------------------------------------------------
    def _filters(self) -> None:
        m, guard = self.model, guarded(self.messages, writes=False)
        self.period = PeriodPicker(m.period, self.messages)
        self.level = w.Dropdown(
            options=with_all(MEETING_LEVELS.choices()),
            description=_("Meeting level"),
            style=LABELS,
            layout=WIDE,
        )
        self.kind = w.Dropdown(
            options=with_all(MEETING_KINDS.choices()),
            description=_("Meeting kind"),
            style=LABELS,
            layout=WIDE,
        )
        self.area = w.Dropdown(
            options=with_all(AREAS.choices()), description=_("Area"), style=LABELS, layout=WIDE
        )
        self.unit_kind = w.Dropdown(
            options=with_all(UNIT_KINDS.choices()),
            description=_("Units"),
            style=LABELS,
            layout=WIDE,
        )
        for field in FILTERS:
            getattr(self, field).observe(guard(lambda c, f=field: m.update(**{f: c.new})), "value")
        self.filters = w.HBox(
            [self.period, self.level, self.kind, self.area, self.unit_kind],
            layout=w.Layout(flex_flow="row wrap", width="100%"),
        )
        self.filters.add_class("duban-filters")

    def _board(self) -> None:
        self.board_note = w.HTML()
        self.meeting_table = Table(
            [
                ("held_on", _("held on")),
                ("meeting", _("meeting")),
                ("level_label", _("level")),
                *figure_columns(),
            ]
        )
        self.directive_table = Table(
            [
                ("meeting", _("meeting")),
                ("seq", _("item")),
                ("directive", _("directive")),
                *figure_columns(),
            ]
        )
        self.lights_bars = w.HTML()
        self.board_tab = w.VBox(
            [
                self.board_note,
                self.lights_bars,
                _heading(_("By meeting")),
                self.meeting_table,
                _heading(_("By directive (units green, yellow, red)")),
                self.directive_table,
            ]
        )

    def _ranking(self) -> None:
        self.formula = w.HTML()
        self.rankings = {
            kind: Table(
                [
                    ("rank", _("rank")),
                    ("unit", _("unit")),
                    ("score", _("score")),
                    ("flag", _("escalation")),
                    *figure_columns(),
                    *columns("returned"),
                    ("note", _("note")),
                ]
            )
            for kind in UNIT_KINDS
        }
        self.ranking_titles = {kind: w.HTML() for kind in UNIT_KINDS}
        self.escalation_rule = w.HTML()
        self.ranking_chart = Chart(drawn=False)
        parts = [x for kind in UNIT_KINDS for x in (self.ranking_titles[kind], self.rankings[kind])]
        self.ranking_tab = w.VBox([self.formula, self.escalation_rule, *parts, self.ranking_chart])

    def _areas(self) -> None:
        self.area_table = Table([("area", _("area")), *figure_columns()])
        self.area_chart = Chart(drawn=False)
        self.areas_tab = w.VBox(
            [
                w.HTML(note(_("A task counts in every key area of its directive."))),
                self.area_chart,
                self.area_table,
            ]
        )

    def _trend(self) -> None:
        self.trend_chart = Chart(drawn=False)
        self.trend_table = Table(
            [
                ("week", _("week from")),
                ("assigned", _("assigned")),
                ("closed", _("closed")),
                ("overdue", _("overdue at the week's end")),
            ]
        )
        explained = _(
            "Per week: the tasks of the scope assigned and closed, and those overdue "
            "at the week's end (so the last week's overdue is the headline's)."
        )
        self.trend_tab = w.VBox([w.HTML(note(explained)), self.trend_chart, self.trend_table])

    def _lineage(self) -> None:
        guard = guarded(self.messages, writes=False)
        self.lineage_picker = w.Dropdown(
            options=[(_("— choose —"), NOTHING)],
            value=NOTHING,
            description=_("Meeting"),
            style=LABELS,
            layout=w.Layout(width="520px", max_width="100%"),
        )
        self.lineage_picker.observe(
            guard(lambda c: self.model.show_lineage(c.new or None)), "value"
        )
        self.chain = w.HTML()
        self.cascade_table = Table(
            [
                ("upstream_seq", _("upstream item")),
                ("upstream_directive", _("upstream directive")),
                ("meeting", _("passed on at")),
                ("seq", _("item")),
                ("directive", _("directive")),
                *columns("assigned"),
                *light_columns(),
            ],
            empty=_("Choose a meeting that passes on an upstream meeting."),
        )
        explained = _(
            "How an upstream meeting's directives cascade to district tasks: each "
            "upstream directive, the directives of the meetings passing it on that share "
            "a key area with it, and their tasks' lights."
        )
        self.lineage_tab = w.VBox(
            [w.HTML(note(explained)), self.lineage_picker, self.chain, self.cascade_table]
        )

    def _details(self) -> None:
        guard = guarded(self.messages, writes=False)
        kinds = [(_("unit"), "unit"), (_("meeting"), "meeting"), (_("directive"), "directive")]
        self.drill_kind = w.Dropdown(
            options=kinds,
            value=self.model.drill_kind,
            description=_("Drill into a"),
            style=LABELS,
            layout=WIDE,
        )
        self.drill_search = w.Text(
            value=self.model.drill_search,
            placeholder=_("Search: words, a number (2.1), a date (2026-11)"),
            description=_("Find"),
            continuous_update=True,
            style=LABELS,
            layout=w.Layout(width="420px", max_width="100%"),
        )
        self.drill_item = w.Dropdown(
            description="", layout=w.Layout(width="420px", max_width="100%")
        )
        self.choices_note = w.HTML()
        self._showing = False  # True while the view sets its pickers from the model
        for picker in (self.drill_kind, self.drill_search):
            picker.observe(guard(lambda _c: self.on_find()), "value")
        self.drill_item.observe(guard(lambda _c: self.on_pick()), "value")
        self.drill_note = w.HTML()
        self.drill_table = Table(
            [
                ("id", _("task")),
                ("unit", _("unit")),
                ("meeting", _("meeting")),
                ("seq", _("item")),
                ("directive", _("directive")),
                ("deadline", _("deadline")),
                ("status", _("status")),
                ("percent", "%"),
                ("days_late", _("days late")),
                ("light", _("light")),
            ],
            empty=_("Choose a unit, meeting or directive above."),
        )
        self.drill_table.add_class("duban-drill")
        self.drill_pager = Pager(self.model.turn_drill, self.messages)
        self.task_picker = w.Dropdown(
            options=[(_("— choose —"), NOTHING)],
            value=NOTHING,
            description=_("Task history"),
            style=LABELS,
            layout=w.Layout(width="420px", max_width="100%"),
        )
        self.task_picker.observe(guard(lambda c: self.model.show_history(c.new or None)), "value")
        self.history_table = Table(
            [
                ("at_text", _("when")),
                ("what_label", _("what")),
                ("who_name", _("who")),
                ("percent", "%"),
                ("text", _("text")),
            ],
            empty=_("Choose a task to see its history."),
        )
        self.details_tab = w.VBox(
            [
                w.HBox(
                    [self.drill_kind, self.drill_search, self.drill_item],
                    layout=w.Layout(flex_flow="row wrap"),
                ),
                self.choices_note,
                self.drill_note,
                self.drill_pager,
                self.drill_table,
                self.task_picker,
                self.history_table,
            ]
        )

    def open_tab(self, index: int | None) -> None:
        """Show tab `index`: its figures, computed if the scope changed since they were shown;
        its chart drawn the first time the tab is opened (see Chart.draw)."""
        if index is None:
            return
        if self.model.look_at(PARTS[index]):
            self.show_part(PARTS[index])
        if index in self.tab_charts:
            self.tab_charts[index].draw()

    # -- showing the model ----------------------------------------------------------------
    def show_scope(self) -> None:
        """The filters as the model has them (after set_state or reset too), and the period note."""
        for name in FILTERS:
            getattr(self, name).value = getattr(self.model.scope, name) or ""
        self.note.value = note(self.model.period.sentence())

    def show_figures(self) -> None:
        """The headline of a new scope, and the part in view (the others when looked at)."""
        m = self.model
        self.messages.clear()
        self.cards.value = cards_html(figure_rows(m.headline))
        self.show_part(m.looking_at)

    def show_computing(self, part: str) -> None:
        """Say which part's figures are being computed, while they are."""
        self.computing.value = (
            note(_("Computing: {part}…").format(part=self.titles[part])) if part else ""
        )

    def show_part(self, part: str) -> None:
        """Show the figures of `part` as the model has them."""
        shows = {
            "board": self.show_board,
            "ranking": self.show_ranking,
            "areas": self.show_areas,
            "trend": self.show_trend,
            "lineage": self.show_lineage_choices,
        }
        if part in shows:  # details: its pickers follow the model's choices themselves
            shows[part]()

    def show_board(self) -> None:
        m = self.model
        self.board_note.value = note(
            _(
                "{meetings} meetings, {directives} directives and {units} units have tasks in this "
                "scope; each table lists the most red first, at most {shown} rows."
            ).format(shown=m.board_limit, **m.counts)
        )
        meetings = m.meetings.assign(
            level_label=[MEETING_LEVELS.label(v) for v in m.meetings.get("level", [])]
        )
        self.meeting_table.show(meetings)
        self.directive_table.show(m.directives.assign(meeting=meeting_names(m.directives)))
        self.lights_bars.value = lights_bars(m.meetings.head(15))

    def show_ranking(self) -> None:
        m = self.model
        self.formula.value = note(m.score_formula())
        self.escalation_rule.value = (
            f'<p class="duban-note duban-flag">{html.escape(m.escalation_rule())}</p>'
        )
        texts = [ranking_texts(r) for r in m.ranking.to_dict("records")]
        ranking = m.ranking.assign(note=[t["note"] for t in texts], flag=[t["flag"] for t in texts])
        for kind in UNIT_KINDS:
            rows = ranking[ranking["unit_kind"] == kind] if not ranking.empty else ranking
            self.ranking_titles[kind].value = (
                "" if rows.empty else f"<h4>{html.escape(UNIT_KINDS.label(kind))}</h4>"
            )
            self.rankings[kind].show(rows)
            self.rankings[kind].layout.display = "none" if rows.empty else None
        ranked = ranking[ranking["ranked"]] if not ranking.empty else ranking
        self.ranking_chart.show(ranking_figure(ranked.head(40)))

    def show_areas(self) -> None:
        self.area_table.show(self.model.areas)
        self.area_chart.show(areas_figure(self.model.areas))

    def show_trend(self) -> None:
        self.trend_chart.show(trend_figure(self.model.trend))
        self.trend_table.show(self.model.trend.iloc[::-1])

    def show_lineage_choices(self) -> None:
        """The meetings that pass on an upstream meeting, named with their dates."""
        m = self.model
        passing_on = (
            m.meeting_list[m.meeting_list["upstream_meeting_id"].notna()]
            if not m.meeting_list.empty
            else m.meeting_list
        )
        set_choices(
            self.lineage_picker,
            [(_("— choose —"), NOTHING)]
            + [
                (name, int(i))
                for name, i in zip(
                    meeting_names(passing_on, "id"), passing_on.get("id", []), strict=True
                )
            ],
            self.model.lineage_id or NOTHING,
        )

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Set pickers from the model without their callbacks writing back to it."""
        self._showing = True
        try:
            yield
        finally:
            self._showing = False

    def on_find(self) -> None:
        """The kind or the search words changed: list the matching items."""
        if not self._showing:
            self.model.search(self.drill_kind.value, self.drill_search.value)

    def on_pick(self) -> None:
        """An item was chosen (or "— choose —"): show its tasks."""
        chosen = self.drill_item.value or None
        if not self._showing and chosen != self.model.drill_id:
            self.model.drill(self.model.drill_kind, chosen)

    def show_drill_items(self) -> None:
        """The pickers as the model has them; the note says how many items match in all."""
        m = self.model
        ids = [int(i) for i in m.choices.get("id", [])]
        with self._quietly():
            self.drill_kind.value, self.drill_search.value = m.drill_kind, m.drill_search
            set_choices(
                self.drill_item,
                [
                    (_("— choose —"), NOTHING),
                    *zip(choice_labels(m.drill_kind, m.choices), ids, strict=True),
                ],
                m.drill_id if m.drill_id in ids else NOTHING,
            )
        self.choices_note.value = note(
            _("Showing {shown} of {total}; type in Find to narrow the list.").format(
                shown=len(ids), total=m.choices_total()
            )
        )

    def show_drill(self) -> None:
        m = self.model
        tasks = m.drill_tasks
        if m.drill_id in [value for _label, value in self.drill_item.options]:
            with self._quietly():
                self.drill_item.value = m.drill_id
        self.drill_table.show(tasks.assign(meeting=meeting_names(tasks)))
        self.drill_note.value = (
            "" if m.drill_id is None else note(_("{n} tasks, red first.").format(n=m.drill_total()))
        )
        self.drill_pager.show(m.drill_page, len(tasks), m.drill_total())
        set_choices(
            self.task_picker,
            [(_("— choose —"), NOTHING)]
            + [
                (f"#{r['id']} {r['unit']} · {name} {r['seq']}", int(r["id"]))
                for name, r in zip(meeting_names(tasks), tasks.to_dict("records"), strict=True)
            ],
            NOTHING,
        )

    def show_lineage(self) -> None:
        m = self.model
        self.chain.value = (
            ""
            if m.chain.empty
            else (
                '<p class="duban-chain">'
                + " → ".join(
                    f"{html.escape(MEETING_LEVELS.label(r['level']))}: "
                    f"{html.escape(r['title'])} ({r['held_on']})"
                    for r in m.chain.to_dict("records")
                )
                + "</p>"
            )
        )
        self.cascade_table.show(m.cascade.assign(meeting=meeting_names(m.cascade)))


NOTHING = (
    0  # the pickers' value for "nothing chosen" (ids start at 1; a Dropdown shows None as blank)
)


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<h4>{html.escape(text)}</h4>")


def choice_labels(kind: str, choices: pd.DataFrame) -> list[str]:
    """The drill-down picker's items: a unit's name; a meeting's name and date; a directive's
    meeting, number and the start of its text."""
    if kind == "unit":
        return [str(name) for name in choices.get("unit", [])]
    names = meeting_names(choices, "id" if kind == "meeting" else "meeting_id")
    if kind == "meeting":
        return names
    return [
        f"{name} · {r['seq']} {str(r['directive'])[:30]}"
        for name, r in zip(names, choices.to_dict("records"), strict=True)
    ]


def history_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The history with `what` in words and `at` as a local date and time of the language."""
    return frame.assign(
        what_label=[TIMELINE_ENTRIES.label(v) for v in frame.get("what", [])],
        at_text=[moment_text(v) for v in frame.get("at", [])],
    )


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("progress")."""
    return ProgressView(ProgressModel(wb)).widget

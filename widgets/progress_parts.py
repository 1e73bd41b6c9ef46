"""Pieces of the leaders' pages: scrollable HTML tables, plotly charts drawn offline, style."""

from __future__ import annotations

import html
import json
import math
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from duban.documents.figures import FIGURES, count_text, days_text, week_text
from duban.infra.i18n import _
from duban.vocabulary import AREAS, LIGHTS, MEETING_KINDS, MEETING_LEVELS, STATUSES
from duban.widgets.form_parts import note

WIDE = w.Layout(width="250px", max_width="100%")  # a filter's control
LABELS = {"description_width": "initial"}  # a control's description at its natural width

TREND_TICKS = 5  # at most this many dates on the trend's axis (they fit 375 px)
LIGHT_COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828"}
LIGHT_STYLE = """
<style>
.duban-light { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
               margin-right: 4px; vertical-align: -1px; }
</style>
"""  # light_cell's dot (in STYLE; a page without STYLE shows it alone)
STYLE = (
    LIGHT_STYLE
    + """
<style>
.duban-table-box { overflow-x: auto; max-width: 100%; margin: 4px 0 12px; }
.duban-page .widget-html, .duban-page .widget-html-content { min-width: 0; max-width: 100%; }
.duban-page .widget-inline-hbox {
    max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important; }
.duban-table { border-collapse: collapse; font-size: .9rem; white-space: nowrap; }
.duban-table th, .duban-table td { border-bottom: 1px solid #e3e3e3; padding: 3px 8px;
                                   text-align: left; }
.duban-table td.num, .duban-table th.num { text-align: right; }
.duban-table td.text { white-space: normal; min-width: 16em; max-width: 32em; }
.duban-note { color: #555; font-size: .9rem; margin: 2px 0 8px; overflow-wrap: anywhere; }
.duban-flag { color: #b71c1c; font-weight: 600; }
.duban-filters { flex-wrap: wrap; gap: 4px 12px; }
.duban-chain { overflow-wrap: anywhere; }
.duban-page .lm-TabBar, .duban-page .lm-TabBar-content { min-height: fit-content; flex-wrap: wrap; }
.duban-page .lm-TabBar-tab { flex: 0 0 auto !important; min-width: 0 !important;
                             max-width: none !important; }
.duban-figures .duban-cards { grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); }
.duban-figures .duban-card { padding: 6px 10px; }
.duban-lights { margin: 4px 0 12px; font-size: 12px; }
.duban-lights-row { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
.duban-lights-label { flex: 0 0 9.5em; line-height: 1.25; overflow-wrap: anywhere; }
.duban-lights-bar { flex: 1 1 auto; display: flex; min-width: 0; height: 20px; }
.duban-lights-bar span { color: #fff; text-align: center; line-height: 20px; overflow: hidden; }
</style>
"""
)


def number(value: Any) -> str:
    return (
        "–"
        if value is None or (isinstance(value, float) and pd.isna(value))
        else f"{value:g}"
        if isinstance(value, float)
        else str(value)
    )


def meeting_names(frame: pd.DataFrame, id_key: str = "meeting_id") -> list[str]:
    """Each row's meeting (columns `meeting`, `held_on`, `id_key`) named so that two meetings
    of one title can be told apart: "title (date)", with the level and kind (columns `level`,
    `kind`) where two meetings of the frame share title and date; "" for a row without one."""
    rows = frame.to_dict("records")
    names = [
        ""
        if pd.isna(r["meeting"])
        else _("{title} ({held_on})").format(title=r["meeting"], held_on=r["held_on"])
        for r in rows
    ]
    meetings_named: dict[str, set[Any]] = {}
    for name, r in zip(names, rows, strict=True):
        meetings_named.setdefault(name, set()).add(r[id_key])
    return [
        name
        if len(meetings_named[name]) == 1 or not name
        else _("{name}, {level}, {kind}").format(
            name=name,
            level=MEETING_LEVELS.label(r["level"]),
            kind=MEETING_KINDS.label(r["kind"]),
        )
        for name, r in zip(names, rows, strict=True)
    ]


def shortened(text: str, width: int = 16) -> str:
    """`text` cut to about `width` columns (a Chinese character takes two), with "…"."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return text[:index] + "…"
    return text


def light_cell(light: str) -> str:
    """A light as a coloured dot and its word (HTML; LIGHT_STYLE styles the dot)."""
    dot = f'<span class="duban-light" style="background:{LIGHT_COLOURS[light]}"></span>'
    return dot + html.escape(LIGHTS.label(light))


FORMATS: dict[str, Callable[[Any], str]] = {
    "on_time_rate": lambda v: html.escape(FIGURES["on_time_rate"].format(v)),
    "rank": count_text,  # a unit's rank and score as the bulletin shows them (ranking_texts)
    "score": days_text,
    "status": lambda v: html.escape(STATUSES.label(v)),
    "light": light_cell,
    "area": lambda v: html.escape(AREAS.label(v)),
    "flag": lambda v: f'<span class="duban-flag">{html.escape(v)}</span>' if v else "",
}


def table_html(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str]], empty: str | None = None
) -> str:
    """A DataFrame as an escaped HTML table that scrolls sideways inside its box."""
    if frame.empty:
        return note(empty or _("Nothing in this scope."))
    head = "".join(
        f'<th class="{_kind(frame, k)}">{html.escape(label)}</th>' for k, label in columns
    )
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for key, _label in columns:
            value = record.get(key)
            shown = (
                FORMATS[key](value)
                if key in FORMATS and value is not None
                else html.escape(number(value))
            )
            cells.append(f'<td class="{_kind(frame, key)}">{shown}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    table = f'<table class="duban-table"><tr>{head}</tr>{"".join(rows)}</table>'
    return f'<div class="duban-table-box">{table}</div>'


def _kind(frame: pd.DataFrame, key: str) -> str:
    if key in ("directive", "upstream_directive", "text", "meeting"):
        return "text"
    return (
        "num" if key in frame and pd.api.types.is_numeric_dtype(frame[key]) and key != "seq" else ""
    )


class Table(w.HTML):
    """An HTML table bound to a DataFrame; `frame` keeps what is shown (for tests and downloads)."""

    def __init__(self, columns: Sequence[tuple[str, str]], empty: str | None = None):
        super().__init__()
        self.columns, self.empty, self.frame = list(columns), empty, pd.DataFrame()

    def show(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.value = table_html(frame, self.columns, self.empty)


class Chart(w.Output):
    """A plotly figure, sent as plotly's own MIME type: drawn by the jupyterlab-plotly extension
    that Voila serves from this machine, so no network is needed. `figure` keeps the last one.

    The figure is set as the widget's outputs, not captured with `with self: display(...)`:
    capture under Voila's preheated kernels left the page's HTTP response waiting for ever
    (about one load in twelve, measured), and a set trait needs no kernel at all.
    """

    figure: go.Figure | None = None

    def __init__(self, *, drawn: bool = True):
        """`drawn=False`: a chart on a tab not yet opened keeps its figure until `draw()`."""
        super().__init__()
        self.drawn = drawn

    def show(self, figure: go.Figure) -> None:
        self.figure = figure
        if self.drawn:
            self._put_out()

    def draw(self) -> None:
        """Send the kept figure, once its tab is open. Plotly drawn in a hidden tab costs the
        first paint its time; drawn into a box not yet on the screen, it takes 700 px whatever
        the screen's width."""
        if not self.drawn:
            self.drawn = True
            self._put_out()

    def _put_out(self) -> None:
        if self.figure is None:
            return
        figure = self.figure
        self.outputs = (
            {
                "output_type": "display_data",
                "data": {
                    "application/vnd.plotly.v1+json": json.loads(figure.to_json()),
                    "text/plain": _("(chart)"),
                },
                "metadata": {},
            },
        )


def _layout(figure: go.Figure, height: int = 320) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        barmode="stack",
        autosize=True,
        template="plotly_white",
    )
    return figure


def warm_up() -> None:
    """Build one chart and write it out, as a page does: plotly imports its validators and
    loads its templates at the first figure (about 0.2 s). A page's notebook calls this while
    its preheated kernel waits for a visitor, so the visitor does not wait for it."""
    _layout(go.Figure([go.Bar(), go.Scatter()])).to_json()


def lights_bars(frame: pd.DataFrame) -> str:
    """Per meeting of a board_by_meeting frame, a bar of its tasks green, yellow and red, as
    HTML: the meeting's title shortened over its date, its full name on hover (two meetings of
    one title told apart, see meeting_names), the bars to the scale of the largest meeting.

    Plain HTML, drawn with the page's first paint: the plotly chart it replaces held the page's
    first paint back by about 0.9 s (plotly's first chart of a page; benchmarks/page_speed.py).
    """
    rows = frame.to_dict("records")
    totals = [sum(int(row.get(light) or 0) for light in LIGHT_COLOURS) for row in rows]
    largest = max(totals, default=0) or 1
    legend = " ".join(light_cell(light) for light in LIGHT_COLOURS)
    lines = [f'<div class="duban-note">{legend}</div>']
    for row, name in zip(rows, meeting_names(frame), strict=True):
        label = (
            f"{html.escape(shortened(str(row['meeting'])))}<br>{html.escape(str(row['held_on']))}"
        )
        segments = "".join(
            _segment(name, light, int(row.get(light) or 0), largest) for light in LIGHT_COLOURS
        )
        lines.append(
            f'<div class="duban-lights-row" title="{html.escape(name)}">'
            f'<div class="duban-lights-label">{label}</div>'
            f'<div class="duban-lights-bar">{segments}</div></div>'
        )
    return f'<div class="duban-lights">{"".join(lines)}</div>'


def _segment(name: str, light: str, count: int, largest: int) -> str:
    """One light's part of a meeting's bar: its width the share of `largest`, its count in it."""
    if not count:
        return ""
    hover = html.escape(f"{name}: {LIGHTS.label(light)} {count}")
    return (
        f'<span style="width:{100 * count / largest:.1f}%;background:{LIGHT_COLOURS[light]}" '
        f'title="{hover}">{count}</span>'
    )


def ranking_figure(frame: pd.DataFrame) -> go.Figure:
    """Scores of the units, one bar each."""
    figure = go.Figure(
        [
            go.Bar(
                x=list(frame["unit"]),
                y=list(frame["score"]),
                marker_color="#1565c0",
                name=_("score"),
            )
        ]
    )
    return _layout(figure)


def areas_figure(frame: pd.DataFrame) -> go.Figure:
    """Stacked bars: tasks green, yellow and red per key area."""
    labels = [AREAS.label(a) for a in frame["area"]]
    figure = go.Figure(
        [
            go.Bar(
                name=LIGHTS.label(light),
                x=labels,
                y=list(frame[light]),
                marker_color=LIGHT_COLOURS[light],
            )
            for light in ("green", "yellow", "red")
        ]
    )
    return _layout(figure)


def trend_figure(frame: pd.DataFrame) -> go.Figure:
    """Per week: new tasks and closures (bars), overdue tasks at the week's end (line).

    The weeks' Mondays are labelled in the kit's language (10月5日, Oct 5), at most
    TREND_TICKS of them so that they fit a phone; plotly's own date labels are English.
    """
    weeks = list(frame["week"])
    labels = [week_text(w) for w in weeks]
    hover = _("week from {day}: %{{y}}").format(day="%{customdata}")
    figure = go.Figure(
        [
            go.Bar(name=_("assigned"), x=weeks, y=list(frame["assigned"]), marker_color="#90caf9"),
            go.Bar(name=_("closed"), x=weeks, y=list(frame["closed"]), marker_color="#2e7d32"),
            go.Scatter(
                name=_("overdue at the week's end"),
                x=weeks,
                y=list(frame["overdue"]),
                mode="lines+markers",
                line={"color": "#c62828"},
            ),
        ]
    )
    figure.update_traces(customdata=labels, hovertemplate=hover)
    step = max(1, math.ceil(len(weeks) / TREND_TICKS))
    figure.update_xaxes(tickvals=weeks[::step], ticktext=labels[::step], automargin=True)
    _layout(figure)
    figure.update_layout(barmode="group")
    return figure

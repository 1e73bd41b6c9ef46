"""Small parts of the forms: a captioned field with its error, wrapping rows, section headings,
pickers with an "all" or "choose one" entry, tables."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from duban.infra.errors import ValidationError

STYLE = """
<style>
.duban-fields { display: flex; flex-wrap: wrap; gap: 6px 16px; width: 100%; }
.duban-page .widget-vbox > *, .duban-page .widget-box > * { flex-shrink: 0; }
.duban-field { min-width: 0; max-width: 100%; }
.duban-fields > .duban-field { flex: 1 1 240px; }
.duban-fields > .duban-field.wide { flex: 1 1 100%; }
.duban-field > .widget-html, .duban-field > .widget-html > .widget-html-content { margin: 0; }
.duban-caption { font-weight: 600; font-size: .9rem; line-height: 1.5; }
.duban-field .widget-text, .duban-field .widget-textarea, .duban-field .widget-dropdown,
.duban-field .widget-datepicker, .duban-field .widget-tagsinput, .duban-field .widget-inline-hbox {
    width: 100%; max-width: 100%; margin-left: 0; margin-right: 0; }
.duban-field .widget-tagsinput { flex-wrap: wrap; }
/* keep the search box of a tags input visible: hiding it on blur shifts the layout and eats
   clicks */
.duban-page .jupyter-widget-tagsinput > .widget-text { display: inline-block !important; }
.duban-field-error { color: #8a1c12; font-size: .85rem; min-height: 0; overflow-wrap: anywhere; }
.duban-row { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; max-width: 100%; }
.duban-row .widget-button { width: auto; min-width: 0; }
.duban-card-box { border: 1px solid #ddd; border-radius: 6px; padding: 8px 10px; margin: 6px 0;
                  box-sizing: border-box; width: 100%; background: #fff; }
.duban-heading { font-weight: 600; font-size: 1.05rem; margin: 8px 0 4px; line-height: 1.5;
                 overflow-wrap: anywhere; }
.duban-card-box > .widget-html:first-child .duban-heading { margin-top: 0; }
.duban-page .widget-upload { width: auto; max-width: 100%; }
/* a directive's text shows whole, in lines of its own height (an HTML widget's line is a
   control's height: a box of 8.5em cut its fifth line in half, just above the next caption) */
.duban-quote { color: #333; font-size: .9rem; line-height: 1.5; white-space: pre-wrap;
               overflow-wrap: anywhere; margin: 2px 0 6px; }
.duban-hint { color: #555; font-size: .85rem; line-height: 1.5; overflow-wrap: anywhere; }
.duban-split { display: flex; flex-wrap: wrap; gap: 12px; width: 100%; align-items: flex-start; }
.duban-split > .duban-main { flex: 3 1 320px; min-width: 0; }
.duban-split > .duban-side { flex: 2 1 260px; min-width: 0; }
.duban-original { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7;
                  border: 1px solid #ddd; border-radius: 6px; padding: 8px 10px; max-height: 70vh;
                  overflow-y: auto; font-size: .9rem; }
/* an HTML widget's content is a flex item as wide as its widest line: a preview's figure
   cards and tables pushed the page past a phone's edge, clipped by the box around it */
.duban-fit > .widget-html-content { min-width: 0; max-width: 100%; }
.duban-table-wrap { overflow-x: auto; max-width: 100%; }
.duban-table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.duban-table th, .duban-table td { border: 1px solid #ddd; padding: 3px 6px; text-align: left;
                                   vertical-align: top; overflow-wrap: break-word; }
.duban-table th, .duban-table td.short { white-space: nowrap; }
@media (max-width: 600px) {  /* a phone: each row of a reflowing table is a card of its own */
  .duban-table.reflow thead { display: none; }
  .duban-table.reflow, .duban-table.reflow tbody, .duban-table.reflow tr,
  .duban-table.reflow td { display: block; width: 100%; box-sizing: border-box; }
  .duban-table.reflow tr { border: 1px solid #ddd; border-radius: 6px; margin: 0 0 8px;
                           padding: 4px 8px; }
  .duban-table.reflow td { border: none; padding: 1px 0; white-space: normal; }
  .duban-table.reflow td::before { content: attr(data-label); display: inline-block;
                                   min-width: 6em; margin-right: 6px; color: #555;
                                   font-weight: 600; }
}
a.duban-download { color: #174ea6; text-decoration: underline; margin-right: 12px; }
.duban-page .widget-vbox, .duban-page .widget-hbox { max-width: 100%; }
</style>
"""


UNCHOSEN = 0  # the value of a picker's "all" or "choose one" entry: no row has id 0, and a
# Dropdown set to None shows a blank box


def with_all(
    choices: Sequence[tuple[str, Any]], label: str, every: Any = UNCHOSEN
) -> list[tuple[str, Any]]:
    """The choices after the one meaning "all" or "choose one" (`every`: UNCHOSEN for a picker
    of ids, "" for one of words)."""
    return [(label, every), *choices]


def heading(text: str) -> w.HTML:
    """A section's heading (one style on every page)."""
    return w.HTML(html_line(text, "duban-heading"))


class FieldError(w.HTML):
    """The error of one field, shown right under it (empty when there is none)."""

    def show(self, message: str | None) -> None:
        self.value = (
            f'<div class="duban-field-error">{html.escape(message)}</div>' if message else ""
        )


def show_errors(errors: dict[str, FieldError], exc: ValidationError | None) -> None:
    """Each field's error under it, from a refused input (none when `exc` is None)."""
    found = exc.errors if exc is not None else {}
    for name, shown in errors.items():
        shown.show(found.get(name))


def field(
    caption: str,
    control: w.Widget,
    error: FieldError | None = None,
    *,
    wide: bool = False,
    hint: w.Widget | None = None,
) -> w.VBox:
    """A caption above the control, its error below, then a hint about it (a suggestion); wraps
    with its neighbours in a `fields` row."""
    if control.layout.width is None:
        control.layout.width = "100%"
    parts = [w.HTML(f'<div class="duban-caption">{html.escape(caption)}</div>'), control]
    box = w.VBox(parts + [part for part in (error, hint) if part is not None])
    box.add_class("duban-field")
    if wide:
        box.add_class("wide")
    return box


def _classed(box: w.Box, css_class: str) -> w.Box:
    box.add_class(css_class)
    return box


def fields(*children: w.Widget) -> w.Box:
    """Fields side by side on a wide screen, one under another on a phone."""
    return _classed(w.Box(list(children)), "duban-fields")


def row(*children: w.Widget) -> w.Box:
    """Buttons or small controls in a row that wraps."""
    return _classed(w.Box(list(children)), "duban-row")


def card(*children: w.Widget) -> w.VBox:
    """A framed group of controls (one directive's card)."""
    return _classed(w.VBox(list(children)), "duban-card-box")


def button(caption: str, style: str = "") -> w.Button:
    """A button sized to its caption."""
    return w.Button(description=caption, button_style=style, layout=w.Layout(width="auto"))


def fitted(widget: w.HTML) -> w.HTML:
    """An HTML widget whose content is never wider than its box (its tables scroll inside)."""
    widget.add_class("duban-fit")
    return widget


def html_line(text: str, css_class: str, tag: str = "div") -> str:
    """One escaped line of text in an element of the given class."""
    return f'<{tag} class="{css_class}">{html.escape(text)}</{tag}>'


def note(text: str) -> str:
    """A sentence about what a page shows (a rule, a formula, a period), escaped."""
    return html_line(text, "duban-note", "p")


def table_html(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    empty: str | None = None,
    *,
    markup: bool = False,
) -> str:
    """An HTML table whose rows become cards on a phone, every cell under its header's name
    (data-label); short cells (dates, roles, counts) never wrap, long ones (texts) do.

    Cells are text, escaped here, or with `markup` HTML already escaped. With no rows and an
    `empty` sentence, that sentence instead of the table.
    """
    if not rows and empty is not None:
        return html_line(empty, "duban-hint")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)

    def cell(header: str, value: str) -> str:
        value = str(value)
        width = "" if markup else f' class="{"long" if len(value) > 12 else "short"}"'
        shown = value if markup else html.escape(value)
        return f'<td{width} data-label="{html.escape(header)}">{shown}</td>'

    body = "".join(
        "<tr>" + "".join(cell(h, c) for h, c in zip(headers, r, strict=True)) + "</tr>"
        for r in rows
    )
    table = (
        f'<table class="duban-table reflow"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
    return f'<div class="duban-table-wrap">{table}</div>'

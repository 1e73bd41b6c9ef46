"""The home page: the kit's headline figures and links to every page."""
from __future__ import annotations

import html

import ipywidgets as w

from duban.i18n import _
from duban.service.workbook import Workbook
from duban.widgets.common import cards, page

# notebook file -> (title, who it is for); pages are listed only when the file exists
PAGES = [
    ("log_meeting.ipynb", "Log a meeting and assign its directives", "clerks"),
    ("progress.ipynb", "Progress: who is on time, who is late", "leaders"),
    ("bulletin.ipynb", "Bulletin and ledger", "the office"),
    ("analysis.ipynb", "Analysis with pandas", "analysts"),
]


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def headline_cards(wb: Workbook) -> w.HTML:
    figures = wb.headline()
    return cards(
        [
            (_("tasks assigned"), str(figures["assigned"])),
            (_("closed"), str(figures["closed"])),
            (_("closed on time"), str(figures["closed_on_time"])),
            (_("open"), str(figures["open"])),
            (_("overdue"), str(figures["overdue"])),
            (_("on-time rate"), percent(figures["on_time_rate"])),
        ]
    )


def links(available: set[str]) -> w.HTML:
    items = "".join(
        f'<a href="{name}">{html.escape(_(title))}</a> <small>({html.escape(_("for"))} {html.escape(_(who))})</small><br>'
        for name, title, who in PAGES
        if name in available
    )
    return w.HTML(f'<div class="duban-links">{items}</div>')


def home_page(wb: Workbook, available: set[str]) -> w.VBox:
    """Figures of the whole database, then links to the pages present in notebooks/."""
    return page(
        _("Duban: safety work supervision"),
        _("Signed in as {user}").format(user=wb.user["display_name"]),
        headline_cards(wb),
        w.HTML(f"<h3>{html.escape(_('Pages'))}</h3>"),
        links(available),
    )

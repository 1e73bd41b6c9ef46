"""The home page: the kit's headline figures and links to every page."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from duban.infra.i18n import _
from duban.service import permissions
from duban.service.workbook import Workbook
from duban.widgets.common import cards, page, signed_in
from duban.widgets.progress import figure_cards


def pages() -> list[tuple[str, str, str, str | None]]:
    """(notebook file, title, who it is for, the permission it needs) of every page, in the kit's language."""
    return [
        (
            "log_meeting.ipynb",
            _("Log a meeting and assign its directives"),
            _("clerks"),
            "log_meeting",
        ),
        ("progress.ipynb", _("Progress: who is on time, who is late"), _("leaders"), None),
        ("bulletin.ipynb", _("Bulletin and ledger"), _("the office"), "publish_bulletin"),
        ("analysis.ipynb", _("Analysis with pandas"), _("analysts"), "read_audit"),
    ]


def links(wb: Workbook, folder: Path) -> w.HTML:
    """Links to the pages whose notebooks are in `folder` and that the user may open."""
    items = "".join(
        f'<a href="{name}">{html.escape(title)}</a> <small>{html.escape(_("(for {who})").format(who=who))}</small><br>'
        for name, title, who, needs in pages()
        if (folder / name).exists() and (needs is None or permissions.allowed(wb.user, needs))
    )
    return w.HTML(f'<div class="duban-links">{items}</div>')


def home_page(wb: Workbook, folder: Path = Path(".")) -> w.VBox:
    """Figures of the whole database, then links to the pages present in `folder`."""
    return page(
        _("Duban: safety work supervision"),
        signed_in(wb),
        cards(figure_cards(wb.headline())),
        w.HTML(f"<h3>{html.escape(_('Pages'))}</h3>"),
        links(wb, folder),
    )

"""The home page: the kit's headline figures and links to the pages the user may open;
a thin view of duban.models.home.HomeModel."""

from __future__ import annotations

import html

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.home import HomeModel
from duban.service.workbook import Workbook
from duban.widgets.common import cards


class HomeView:
    """The figures, then one link per page (`links`)."""

    def __init__(self, model: HomeModel):
        self.cards = cards(model.figures)
        self.links = w.HTML(
            '<div class="duban-links">'
            + "".join(
                f'<a href="{html.escape(p.notebook)}">{html.escape(_(p.title))}</a> '
                f"<small>{html.escape(_('(for {who})').format(who=_(p.audience)))}</small><br>"
                for p in model.pages
            )
            + "</div>"
        )
        self.widget = w.VBox(
            [self.cards, w.HTML(f"<h3>{html.escape(_('Pages'))}</h3>"), self.links]
        )


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("home")."""
    return HomeView(HomeModel(wb)).widget

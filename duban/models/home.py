"""The home page as state: the whole database's headline figures, the pages the user may open."""

from __future__ import annotations

from traitlets import List

from duban.documents.figures import figure_rows
from duban.models.base import PageModel
from duban.models.pages import pages_open_to
from duban.service.workbook import Workbook


class HomeModel(PageModel):
    """Read once, when the page opens; the page keeps no state of its own."""

    figures = List(help="(label, text) of every headline figure, every task counted")
    pages = List(help="the registry's Page entries the user may open, home left out")

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.figures = figure_rows(self.wb.headline())
        self.pages = pages_open_to(self.wb.user)

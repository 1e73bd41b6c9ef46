"""The home page as state: the whole database's headline figures, the pages the user may open."""

from __future__ import annotations

from traitlets import List

from duban.documents.figures import figure_rows
from duban.infra.identity import sign_in_required
from duban.models.base import PageModel
from duban.models.pages import pages_open_to
from duban.service.workbook import Workbook


class HomeModel(PageModel):
    """Read once, when the page opens; the page keeps no state of its own."""

    figures = List(help="(label, text) of every headline figure, every task counted")
    pages = List(
        help="the registry's Page entries the user may open, home left out (under duban "
        "serve, which serves pages only, not the notebooks for JupyterLab)"
    )

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.figures = figure_rows(self.wb.headline())
        served_only = sign_in_required()
        self.pages = [p for p in pages_open_to(self.wb.user) if p.served or not served_only]

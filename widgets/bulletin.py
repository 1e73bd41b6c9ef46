"""The bulletin page: choose a period, generate the bulletin (HTML, DOCX) and the ledger (XLSX),
download them; a thin view of duban.models.bulletin.BulletinModel."""

from __future__ import annotations

import html

import ipywidgets as w

from duban.documents.figures import figure_rows
from duban.infra.i18n import _
from duban.models.bulletin import BulletinModel
from duban.service.workbook import Workbook
from duban.widgets.common import Messages, cards_html, download_link, guarded
from duban.widgets.form_parts import note
from duban.widgets.period import PeriodPicker
from duban.widgets.progress_parts import STYLE


class BulletinView:
    """The page; widgets a reader may look for are named attributes."""

    def __init__(self, model: BulletinModel):
        self.model = model
        self.messages = Messages()
        self.period = PeriodPicker(model.period, self.messages)
        self.generate = w.Button(
            description=_("Generate the bulletin and the ledger"),
            button_style="primary",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.generate.on_click(guarded(self.messages)(lambda _b: self.on_generate()))
        self.note = w.HTML()
        self.cards = w.HTML()
        self.cards.add_class("duban-figures")
        self.links = w.HTML()
        self.preview = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                w.HBox([self.period, self.generate], layout=w.Layout(flex_flow="row wrap")),
                self.note,
                self.messages,
                self.cards,
                self.links,
                self.preview,
            ]
        )
        model.period.observe(lambda _c: self.show_period(), names="version")
        self.show_period()

    def show_period(self) -> None:
        self.note.value = note(self.model.period.sentence())

    def on_generate(self) -> None:
        self.period.apply()  # what the pickers show is generated, or the dates' error is shown
        files = self.model.generate()
        self.cards.value = cards_html(figure_rows(self.model.bulletin.figures))
        self.links.value = (
            f'<div class="duban-links">{html.escape(_("Download:"))} '
            + "".join(download_link(path.name, path) for path in files.paths())
            + "</div>"
        )
        self.preview.value = (
            f'<iframe title="{html.escape(_("Preview"))}" srcdoc="{html.escape(files.page)}" '
            'style="width:100%;height:640px;border:1px solid #ddd"></iframe>'
        )
        self.messages.ok(_("Bulletin and ledger written; a copy of each is kept on the server"))


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("bulletin")."""
    return BulletinView(BulletinModel(wb)).widget

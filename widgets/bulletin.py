"""The bulletin page: choose a period, generate the bulletin (HTML, DOCX) and the ledger (XLSX),
download them; a thin view of duban.models.bulletin.BulletinModel."""

from __future__ import annotations

import html

import ipywidgets as w

from duban.documents.bulletin import period_text
from duban.infra.i18n import _
from duban.models.bulletin import BulletinModel
from duban.vocabulary import PERIOD_PRESETS
from duban.widgets.common import Messages, cards_html, download_link, guarded, page, signed_in
from duban.widgets.progress import LABELS, WIDE, figure_cards
from duban.widgets.progress_parts import STYLE


class BulletinView:
    """The page; widgets a reader may look for are named attributes."""

    def __init__(self, model: BulletinModel):
        self.model = model
        self.messages = Messages()
        guard = guarded(self.messages)
        self.preset = w.Dropdown(
            options=PERIOD_PRESETS.choices(),
            value=model.preset,
            description=_("Period"),
            style=LABELS,
            layout=WIDE,
        )
        self.start = w.DatePicker(
            value=model.scope.start, description=_("from"), style=LABELS, layout=WIDE
        )
        self.end = w.DatePicker(
            value=model.scope.end, description=_("to"), style=LABELS, layout=WIDE
        )
        self.generate = w.Button(
            description=_("Generate the bulletin and the ledger"),
            button_style="primary",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.preset.observe(guard(lambda c: setattr(model, "preset", c.new)), "value")
        self.start.observe(guard(lambda c: self.set_dates()), "value")
        self.end.observe(guard(lambda c: self.set_dates()), "value")
        self.generate.on_click(guard(lambda _b: self.on_generate()))
        self.period = w.HTML()
        self.cards = w.HTML()
        self.cards.add_class("duban-figures")
        self.links = w.HTML()
        self.preview = w.HTML()
        self.widget = page(
            _("Bulletin and ledger"),
            signed_in(model.wb),
            w.HTML(STYLE),
            w.HBox(
                [self.preset, self.start, self.end, self.generate],
                layout=w.Layout(flex_flow="row wrap"),
            ),
            self.period,
            self.messages,
            self.cards,
            self.links,
            self.preview,
        )
        model.observe(lambda _c: self.show_scope(), names=["scope"])
        self.show_scope()

    def set_dates(self) -> None:
        if (self.start.value, self.end.value) != (self.model.scope.start, self.model.scope.end):
            self.model.set_dates(self.start.value, self.end.value)

    def show_scope(self) -> None:
        scope = self.model.scope
        self.preset.value = self.model.preset
        self.start.value, self.end.value = scope.start, scope.end
        self.period.value = f'<p class="duban-note">{html.escape(period_text(scope))}</p>'

    def on_generate(self) -> None:
        self.set_dates()  # what the pickers show is what is generated, or the dates' error is shown
        files = self.model.generate()
        self.cards.value = cards_html(figure_cards(self.model.bulletin.figures))
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


def bulletin_page(model: BulletinModel) -> w.VBox:
    """The page to display in the notebook."""
    return BulletinView(model).widget

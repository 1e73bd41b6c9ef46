"""Step 2 view: the proposed directives as editable cards, the meeting text beside them."""

from __future__ import annotations

import html

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.directive_review import DirectiveReview
from duban.service.directive_edits import PlannedDirective
from duban.vocabulary import AREAS
from duban.widgets.common import Messages, guarded
from duban.widgets.form_parts import FieldError, button, card, field, html_line, row


def area_labels() -> dict[str, str]:
    """area code -> its label in the kit's language."""
    return {area: AREAS.label(area) for area in AREAS}


class DirectiveCard(w.VBox):
    """One directive: its text, its areas, and the buttons that change the list around it."""

    def __init__(self, review: DirectiveReview, uid: str, messages: Messages):
        self.review, self.uid = review, uid
        self._areas = area_labels()
        self._codes = {label: code for code, label in self._areas.items()}
        self.heading = w.HTML()
        self.text = w.Textarea(continuous_update=False, rows=4, layout=w.Layout(width="100%"))
        self.areas = w.TagsInput(
            allowed_tags=list(self._areas.values()),
            allow_duplicates=False,
            placeholder=_("type to add an area"),
        )
        self.error = FieldError()
        self.up, self.down = button("↑"), button("↓")
        self.up.tooltip, self.down.tooltip = _("Move up"), _("Move down")
        self.merge = button(_("Merge with the one before"))
        self.split = button(_("Split in two"))
        self.split.tooltip = _(
            "Cuts at the first line break, or at the sentence end nearest the middle"
        )
        self.nest = button(_("Nest under the one above"))
        self.nest.tooltip = _("Makes it a sub-item of the nearest directive above it at its level")
        self.top_level = button(_("Make top-level"))
        self.add = button(_("Add one after"))
        self.delete = button(_("Delete"), "danger")
        act = guarded(messages)
        self.text.observe(act(lambda change: review.edit(uid, text=change["new"])), names="value")
        self.areas.observe(
            act(lambda change: review.edit(uid, areas=[self._codes[a] for a in change["new"]])),
            names="value",
        )
        self.up.on_click(act(lambda _b: review.move(uid, -1)))
        self.down.on_click(act(lambda _b: review.move(uid, +1)))
        self.merge.on_click(act(lambda _b: review.merge_with_previous(uid)))
        self.split.on_click(act(lambda _b: review.split(uid)))
        self.nest.on_click(act(lambda _b: review.nest(uid)))
        self.top_level.on_click(act(lambda _b: review.set_parent(uid, None)))
        self.add.on_click(act(lambda _b: review.add(after=uid)))
        self.delete.on_click(act(lambda _b: review.delete(uid)))
        super().__init__(
            [
                card(
                    self.heading,
                    self.text,
                    self.error,
                    field(_("Key areas"), self.areas),
                    row(self.up, self.down, self.merge, self.split, self.add, self.delete),
                    row(self.nest, self.top_level),
                )
            ]
        )

    def show(self, item: PlannedDirective, number: int, errors: dict[str, str]) -> None:
        """Bring the card up to date with the model (only what differs is sent)."""
        parts = [_("Directive {n}").format(n=number)]
        parts += [p for p in (item.marker, item.speaker) if p]
        if item.parent:
            parts.append(_("sub-item"))
        self.top_level.disabled = item.parent is None
        self.heading.value = f'<div class="duban-heading">{html.escape(" · ".join(parts))}</div>'
        if self.text.value != item.text:
            self.text.value = item.text
        labels = [self._areas[a] for a in item.areas]
        if list(self.areas.value) != labels:
            self.areas.value = labels
        self.error.show("; ".join(errors.values()) if errors else None)


class DirectiveReviewView(w.VBox):
    """The editable list (cards kept per directive) and the original text beside it."""

    def __init__(self, review: DirectiveReview, messages: Messages):
        self.review, self.messages = review, messages
        self.cards: dict[str, DirectiveCard] = {}
        self.count = w.HTML()
        self.problem = FieldError()
        self.list = w.VBox()
        self.add = button(_("Add a directive"))
        self.add.on_click(guarded(messages)(lambda _b: review.add()))
        self.original = w.HTML()
        main = w.VBox([self.count, self.problem, self.list, row(self.add)])
        main.add_class("duban-main")
        side = w.VBox([w.HTML(html_line(_("The meeting text"), "duban-caption")), self.original])
        side.add_class("duban-side")
        split = w.Box([main, side])
        split.add_class("duban-split")
        super().__init__([split])
        review.observe(self._render, names=["items", "errors", "problem", "source"])
        self._render()

    def _render(self, _change: dict | None = None) -> None:
        items = self.review.items
        for uid in set(self.cards) - {item.uid for item in items}:
            self.cards.pop(uid).close()
        for number, item in enumerate(items, start=1):
            if item.uid not in self.cards:
                self.cards[item.uid] = DirectiveCard(self.review, item.uid, self.messages)
            self.cards[item.uid].show(item, number, self.review.errors.get(item.uid, {}))
        self.list.children = [self.cards[item.uid] for item in items]
        self.count.value = html.escape(
            _(
                "{n} directives proposed from the text. "
                "Check and edit them against the meeting text."
            ).format(n=len(items))
        )
        self.problem.show(self.review.problem or None)
        self.original.value = f'<div class="duban-original">{html.escape(self.review.source)}</div>'

    def card(self, number: int) -> DirectiveCard:
        """The card of the directive shown at position `number` (1-based)."""
        return self.cards[self.review.items[number - 1].uid]

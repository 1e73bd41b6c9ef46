"""Step 2 view: the proposed directives as editable cards, the meeting text beside them.

Only the page of directives shown has cards (at most PAGE_SIZE, reused from page to page;
the pager is widgets/pager.py's, shared with step 3),
so a long report costs no more to show than a short one. The report's narrative (the
sentences in no directive) is listed below, folded, each with a button making it a directive.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.directive_review import DirectiveReview, NarrativeEntry
from duban.service.directive_edits import PlannedDirective, numbers
from duban.vocabulary import AREAS
from duban.widgets.common import Messages, guarded
from duban.widgets.form_parts import FieldError, button, card, field, html_line, row
from duban.widgets.pager import Pager

# The page template's script (templates/jupyter/voila/templates/duban/duban.js) finds these.
SPLIT_CLASS = "duban-split-at"  # a split button: the script writes its card's cursor first
CURSOR_CLASS = "duban-cursor"  # the hidden input holding the cursor offset ("" when unknown)
TEXT_CLASS = "duban-directive-text"  # the directive's text area whose cursor is read


def area_labels() -> dict[str, str]:
    """area code -> its label in the kit's language."""
    return {area: AREAS.label(area) for area in AREAS}


def cursor_offset(value: str) -> int | None:
    """The offset the page's script put in a card's cursor input (None if none came)."""
    return int(value) if value.strip().isdigit() else None


class DirectiveCard(w.VBox):
    """One directive: its text, its areas, and the buttons that change the list around it.

    A card is bound to one directive at a time (`uid`) and rebound as pages turn.
    """

    def __init__(self, review: DirectiveReview, messages: Messages):
        self.review, self.uid = review, ""
        self._showing = False
        self._areas = area_labels()
        self._codes = {label: code for code, label in self._areas.items()}
        self.heading = w.HTML()
        self.text = w.Textarea(continuous_update=False, rows=4, layout=w.Layout(width="100%"))
        self.text.add_class(TEXT_CLASS)
        self.cursor = w.Text(value="", continuous_update=True, layout=w.Layout(display="none"))
        self.cursor.add_class(CURSOR_CLASS)
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
        self.split.add_class(SPLIT_CLASS)
        self.split.tooltip = _(
            "Cuts where the cursor is in the text; without one, at the first line break "
            "or the sentence end nearest the middle"
        )
        self.nest = button(_("Nest under the one above"))
        self.nest.tooltip = _("Makes it a sub-item of the nearest directive above it at its level")
        self.top_level = button(_("Make top-level"))
        self.add = button(_("Add one after"))
        self.delete = button(_("Delete"), "danger")
        act = guarded(messages)
        self.text.observe(act(self._edited_text), names="value")
        self.areas.observe(act(self._edited_areas), names="value")
        for control, edit in (
            (self.up, lambda uid: review.move(uid, -1)),
            (self.down, lambda uid: review.move(uid, +1)),
            (self.merge, review.merge_with_previous),
            (self.split, self._split),
            (self.nest, review.nest),
            (self.top_level, lambda uid: review.set_parent(uid, None)),
            (self.add, lambda uid: review.add(after=uid)),
            (self.delete, review.delete),
        ):
            control.on_click(act(self._on_self(edit)))
        super().__init__(
            [
                card(
                    self.heading,
                    self.text,
                    self.cursor,
                    self.error,
                    field(_("Key areas"), self.areas),
                    row(self.up, self.down, self.merge, self.split, self.add, self.delete),
                    row(self.nest, self.top_level),
                )
            ]
        )

    def _on_self(self, edit: Callable[[str], object]) -> Callable[[w.Button], None]:
        return lambda _button: edit(self.uid)

    def _edited_text(self, change: dict) -> None:
        if not self._showing:
            self.review.edit(self.uid, text=change["new"])

    def _edited_areas(self, change: dict) -> None:
        if not self._showing:
            self.review.edit(self.uid, areas=[self._codes[a] for a in change["new"]])

    def _split(self, uid: str) -> None:
        """Split at the cursor the page's script sent (then forget it: it was for this click)."""
        at = cursor_offset(self.cursor.value)
        self.cursor.value = ""
        self.review.split_at_cursor(uid, at)

    def show(self, item: PlannedDirective, number: str, errors: dict[str, str]) -> None:
        """Bind the card to `item` and bring it up to date (only what differs is sent)."""
        if item.uid != self.uid:
            self.uid, self.cursor.value = item.uid, ""
        parts = [_("Directive {n}").format(n=number)]
        parts += [p for p in (item.marker, item.speaker) if p]
        if item.parent:
            parts.append(_("sub-item"))
        self.top_level.disabled = item.parent is None
        self.heading.value = f'<div class="duban-heading">{html.escape(" · ".join(parts))}</div>'
        labels = [self._areas[a] for a in item.areas]
        self._showing = True
        try:
            if self.text.value != item.text:
                self.text.value = item.text
            if list(self.areas.value) != labels:
                self.areas.value = labels
        finally:
            self._showing = False
        self.error.show("; ".join(errors.values()) if errors else None)


class SentenceRow(w.Box):
    """One narrative sentence and the button that makes it a directive (rebound as pages turn)."""

    def __init__(self, review: DirectiveReview, messages: Messages):
        self.uid = ""
        self.quote = w.HTML(layout=w.Layout(flex="1 1 300px", min_width="0"))
        self.make = button(_("Make a directive"))
        self.make.on_click(guarded(messages)(lambda _b: review.make_directive(self.uid)))
        super().__init__([self.quote, self.make])
        self.add_class("duban-row")

    def show(self, sentence: NarrativeEntry) -> None:
        self.uid = sentence.uid
        self.quote.value = html_line(sentence.text, "duban-quote")


class NarrativeView(w.VBox):
    """The report's sentences in no directive: a count, folded; unfolded, a page of them."""

    def __init__(self, review: DirectiveReview, messages: Messages):
        self.review, self.messages = review, messages
        self.unfolded = False
        self.toggle = button("")
        self.toggle.on_click(guarded(messages, writes=False)(self._toggle))
        self.pager = Pager(review.turn_narrative, messages)
        self.rows: list[SentenceRow] = []
        self.list = w.VBox()
        self.body = w.VBox([self.list, self.pager])
        super().__init__([row(self.toggle), self.body])
        review.observe(self.render, names=["narrative", "narrative_page"])
        self.render()

    def _toggle(self, _button: w.Button) -> None:
        self.unfolded = not self.unfolded
        self.render()

    def render(self, _change: dict | None = None) -> None:
        """The count always; the sentences only while unfolded (rows built when first shown)."""
        narrative = self.review.narrative
        self.layout.display = "" if narrative else "none"
        caption = (
            _("Hide the {n} sentences of the report in no directive")
            if self.unfolded
            else _("Show the {n} sentences of the report in no directive")
        )
        self.toggle.description = caption.format(n=len(narrative))
        self.body.layout.display = "" if self.unfolded else "none"
        if not self.unfolded:
            return
        shown = self.review.shown_narrative()
        while len(self.rows) < len(shown):
            self.rows.append(SentenceRow(self.review, self.messages))
        for sentence_row, sentence in zip(self.rows, shown, strict=False):
            sentence_row.show(sentence)
        self.list.children = self.rows[: len(shown)]
        self.pager.show(self.review.narrative_page, len(shown), len(narrative))


class DirectiveReviewView(w.VBox):
    """The editable list (a page of cards), the narrative below it, the original text beside."""

    def __init__(self, review: DirectiveReview, messages: Messages):
        self.review, self.messages = review, messages
        self.cards: list[DirectiveCard] = []
        self.count = w.HTML()
        self.problem = FieldError()
        self.list = w.VBox()
        self.pagers = [Pager(review.turn, messages) for _top_and_bottom in range(2)]
        self.add = button(_("Add a directive"))
        self.add.on_click(guarded(messages)(lambda _b: review.add()))
        self.narrative = NarrativeView(review, messages)
        self.original = w.HTML()
        main = w.VBox(
            [
                self.count,
                self.problem,
                self.pagers[0],
                self.list,
                self.pagers[1],
                row(self.add),
                self.narrative,
            ]
        )
        main.add_class("duban-main")
        side = w.VBox([w.HTML(html_line(_("The meeting text"), "duban-caption")), self.original])
        side.add_class("duban-side")
        split = w.Box([main, side])
        split.add_class("duban-split")
        super().__init__([split])
        review.observe(self._render, names=["items", "errors", "problem", "page"])
        review.observe(self._show_source, names="source")
        self._render()
        self._show_source()

    def _render(self, _change: dict | None = None) -> None:
        """The cards of the page shown, numbered as a save numbers them."""
        review = self.review
        shown = review.shown()
        numbered = numbers(review.items)
        while len(self.cards) < len(shown):
            self.cards.append(DirectiveCard(review, self.messages))
        for directive_card, item in zip(self.cards, shown, strict=False):
            directive_card.show(item, numbered[item.uid], review.errors.get(item.uid, {}))
        self.list.children = self.cards[: len(shown)]
        total = len(review.items)
        for pager in self.pagers:
            pager.show(review.page, len(shown), total)
        self.count.value = html.escape(
            _(
                "{n} directives proposed from the text. "
                "Check and edit them against the meeting text."
            ).format(n=total)
        )
        self.problem.show(review.problem or None)

    def _show_source(self, _change: dict | None = None) -> None:
        self.original.value = f'<div class="duban-original">{html.escape(self.review.source)}</div>'

    def card(self, number: int) -> DirectiveCard:
        """The card of the directive at position `number` (1-based) of the whole list; it must
        be on the page shown."""
        uid = self.review.items[number - 1].uid
        return next(c for c in self.cards[: len(self.review.shown())] if c.uid == uid)

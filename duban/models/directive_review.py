"""Step 2 of logging a meeting: the splitter's proposed directives, edited by the clerk.

Every edit is one of duban.service.directive_edits (the same rules apply to a stored
meeting's directives); this model holds the list and shows a refused edit on its card.
Beside the list it keeps the report's narrative: the sentences in no proposed directive,
each of which the clerk can make a directive where it stands in the report. The list is
shown a page (PAGE_SIZE cards) at a time, so a report of any accepted length stays quick.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from traitlets import Dict, Int, List, Unicode

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.models.base import PageModel, plain
from duban.service import directive_edits as edits
from duban.service.directive_edits import PlannedDirective
from duban.vocabulary import AREAS

PAGE_SIZE = 20  # cards of directives (at steps 2 and 3) and narrative sentences shown at a time


def page_count(count: int) -> int:
    """How many pages `count` entries take (at least one)."""
    return max(1, -(-count // PAGE_SIZE))


def on_page(entries: Sequence[Any], page: int) -> list[Any]:
    """The entries of page `page` (0-based)."""
    return list(entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])


def turned(page: int, offset: int, count: int) -> int:
    """The page `offset` pages on from `page` among `count` entries, stopping at either end."""
    return max(0, min(page_count(count) - 1, page + offset))


@dataclass(frozen=True)
class NarrativeEntry:
    """A sentence of the report in no directive; `after`: the directive it follows (None: first)."""

    uid: str
    text: str
    after: str | None = None


def snapped(text: str, at: int) -> int:
    """`at` moved into the text and off the middle of a character (a combining mark, CR LF)."""
    at = max(0, min(len(text), at))
    while 0 < at < len(text) and (
        unicodedata.combining(text[at]) or text[at - 1 : at + 1] == "\r\n"
    ):
        at -= 1
    return at


class DirectiveReview(PageModel):
    """The editable list of directives, with the text they were proposed from.

    `items` is replaced (never mutated) on every change, so observers see each one. An
    edit the rules refuse leaves the list as it was and puts the reason in `errors` under
    the directive's uid.
    """

    STATE = ("source",)

    items = List(help="PlannedDirective, in the order they will be saved")
    source = Unicode("", help="the meeting text the items were proposed from")
    narrative = List(help="NarrativeEntry: the report's sentences in no directive, in order")
    errors = Dict(help="uid -> {field: message}")
    problem = Unicode("", help="an error about the list as a whole")
    page = Int(0, help="the page of cards shown (0-based)")
    narrative_page = Int(0, help="the page of narrative sentences shown (0-based)")

    def __init__(self) -> None:
        super().__init__()
        self._uids = itertools.count(1)

    # -- proposing ------------------------------------------------------------------------
    def propose(self, text: str) -> None:
        """Replace the items with the splitter's proposal for `text` (unknown areas left out),
        and the narrative with the sentences of `text` in none of them."""
        from duban.splitter import split_report

        report = split_report(text)
        uids: dict[str, str] = {}
        items = []
        for directive in report.directives:
            uid = self._new_uid()
            uids[str(directive.seq)] = uid
            parent = uids.get(str(directive.parent)) if directive.parent is not None else None
            items.append(
                PlannedDirective(
                    uid,
                    directive.text,
                    tuple(a for a in directive.areas if a in AREAS),
                    directive.marker,
                    directive.speaker,
                    parent,
                    tuple(directive.mentions),
                )
            )
        self.source = text
        self.narrative = [
            NarrativeEntry(f"n{number}", sentence.text.strip(), uids.get(sentence.after or ""))
            for number, sentence in enumerate(report.narrative, start=1)
        ]
        with self.hold_trait_notifications():
            self.page = self.narrative_page = 0
            self._set(edits.parents_first(items))

    def needs_proposal(self, text: str) -> bool:
        """Whether the list should be (re)proposed: nothing yet, or the text changed since."""
        return not self.items or text != self.source

    # -- editing --------------------------------------------------------------------------
    def edit(
        self, uid: str, *, text: str | None = None, areas: Sequence[str] | None = None
    ) -> None:
        """Change a directive's text or areas (an unknown area refuses the whole change)."""
        self._apply(uid, lambda items: edits.edit(items, uid, text=text, areas=areas))

    def add(self, after: str | None = None) -> str:
        """A new, empty directive after `after` (at the end without it); returns its uid."""
        new = PlannedDirective(self._new_uid(), "")
        self._apply(new.uid, lambda items: edits.add_after(items, new, after), show=new.uid)
        return new.uid

    def delete(self, uid: str) -> None:
        """Remove a directive; its sub-items move up to its parent."""
        before = self._before(uid)
        self._apply(uid, lambda items: edits.delete(items, uid), anchors={uid: before})

    def merge_with_previous(self, uid: str) -> None:
        """Append a directive's text, areas and mentions to the one before it."""
        before = self._before(uid)
        self._apply(uid, lambda items: edits.merge_with_previous(items, uid), anchors={uid: before})

    def split(self, uid: str, at: int | None = None) -> str | None:
        """Cut a directive in two at `at` (default: see split_point); returns the new item's uid."""
        new_uid = self._new_uid()
        done = self._apply(
            uid, lambda items: edits.split(items, uid, new_uid, at), anchors={uid: new_uid}
        )
        return new_uid if done else None

    def split_at_cursor(self, uid: str, cursor: int | None) -> str | None:
        """Split where the clerk's cursor is in the text (None: where split_point says).

        The cursor is snapped to a character boundary; at the very start or end of the
        text (blanks aside) there is nothing to cut off, and the card says so.
        """
        if cursor is None:
            return self.split(uid)
        text = self.items[edits.index_of(self.items, uid)].text
        at = snapped(text, cursor)
        if not text[:at].strip() or not text[at:].strip():
            self.errors = {
                **self.errors,
                uid: {
                    "directive": _(
                        "the cursor is at the very start or end of the text: click where the "
                        "second part should begin, then split"
                    )
                },
            }
            return None
        return self.split(uid, at)

    def move(self, uid: str, offset: int) -> None:
        """Move a directive up (-1) or down (+1) the list (see directive_edits.move)."""
        self._apply(uid, lambda items: edits.move(items, uid, offset), show=uid)

    def nest(self, uid: str) -> None:
        """Nest a directive under the nearest one above it at its level."""
        self._apply(uid, lambda items: edits.nest(items, uid))

    def set_parent(self, uid: str, parent: str | None = None) -> None:
        """Nest a directive under `parent` (one above it); without it, make it top-level."""
        self._apply(uid, lambda items: edits.set_parent(items, uid, parent))

    def make_directive(self, sentence_uid: str) -> str:
        """A narrative sentence made a top-level directive, placed where it stands in the report
        (after the directive it follows); returns the new directive's uid."""
        sentences = list(self.narrative)
        index = next(i for i, s in enumerate(sentences) if s.uid == sentence_uid)
        sentence = sentences.pop(index)
        new = PlannedDirective(self._new_uid(), sentence.text)

        def insert(items: list[PlannedDirective]) -> list[PlannedDirective]:
            if sentence.after is None:
                return [new, *items]
            known = any(item.uid == sentence.after for item in items)
            return edits.add_after(items, new, sentence.after if known else None)

        # the sentences after it that followed the same directive now follow the new one
        self.narrative = [
            *sentences[:index],
            *(
                replace(s, after=new.uid) if s.after == sentence.after else s
                for s in sentences[index:]
            ),
        ]
        self._apply(new.uid, insert, show=new.uid)
        self.narrative_page = turned(self.narrative_page, 0, len(self.narrative))
        return new.uid

    # -- pages ------------------------------------------------------------------------------
    def shown(self) -> list[PlannedDirective]:
        """The directives of the page shown."""
        return on_page(self.items, self.page)

    def shown_narrative(self) -> list[NarrativeEntry]:
        """The narrative sentences of the narrative page shown."""
        return on_page(self.narrative, self.narrative_page)

    def turn(self, offset: int) -> None:
        """Show the page of cards `offset` pages on (stopping at either end)."""
        self.page = turned(self.page, offset, len(self.items))

    def turn_narrative(self, offset: int) -> None:
        """Show the page of narrative sentences `offset` pages on (stopping at either end)."""
        self.narrative_page = turned(self.narrative_page, offset, len(self.narrative))

    # -- state ------------------------------------------------------------------------------
    def get_state(self) -> dict[str, Any]:
        return {
            **super().get_state(),
            "items": [plain(asdict(item)) for item in self.items],
            "narrative": [asdict(sentence) for sentence in self.narrative],
        }

    def set_state(self, state: dict[str, Any]) -> None:
        """Take back what get_state gave (older drafts too); what `state` lacks is emptied."""
        items = [
            PlannedDirective(
                **{**raw, "areas": tuple(raw["areas"]), "mentions": tuple(raw["mentions"])}
            )
            for raw in state.get("items", [])
        ]
        narrative = [NarrativeEntry(**raw) for raw in state.get("narrative", [])]
        numbers = [int(item.uid[1:]) for item in items if item.uid[1:].isdigit()]
        self._uids = itertools.count(max(numbers, default=0) + 1)
        super().set_state({"source": "", **state})
        with self.hold_trait_notifications():
            self.narrative = narrative
            self.page = self.narrative_page = 0
            self._set(edits.parents_first(items))

    def reset(self) -> None:
        """No directives, no meeting text, no messages."""
        self.set_state({})

    # -- helpers ------------------------------------------------------------------------------
    def _new_uid(self) -> str:
        return f"d{next(self._uids)}"

    def _before(self, uid: str) -> str | None:
        """The uid of the directive before `uid` in the list (None for the first)."""
        index = edits.index_of(self.items, uid)
        return self.items[index - 1].uid if index else None

    def _apply(
        self,
        uid: str,
        edit: Callable[[list[PlannedDirective]], list[PlannedDirective]],
        *,
        show: str | None = None,
        anchors: dict[str, str | None] | None = None,
    ) -> bool:
        """Make the edit, or keep the list and show why the rules refuse it on `uid`'s card.

        After an edit the page shows `show` (if given); narrative sentences that followed a
        directive in `anchors` follow the one it names instead.
        """
        try:
            items = edit(list(self.items))
        except ValidationError as refused:
            self.errors = {**self.errors, uid: dict(refused.errors)}
            return False
        if anchors:
            self.narrative = [
                replace(s, after=anchors[s.after]) if s.after in anchors else s
                for s in self.narrative
            ]
        if items == list(self.items):  # nothing changed: still a success, old messages go
            self.errors, self.problem = {}, ""
            return True
        page = (
            edits.index_of(items, show) // PAGE_SIZE
            if show is not None
            else turned(self.page, 0, len(items))
        )
        with self.hold_trait_notifications():  # observers see the new page with the new list
            self.page = page
            self._set(items)
        return True

    def _set(self, items: list[PlannedDirective]) -> None:
        """Replace the items; every earlier message is now stale and dropped."""
        self.errors = {}
        self.problem = ""
        self.items = items

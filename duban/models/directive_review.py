"""Step 2 of logging a meeting: the splitter's proposed directives, edited by the clerk.

Every edit is one of duban.service.directive_edits (the same rules apply to a stored
meeting's directives); this model holds the list and shows a refused edit on its card.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from traitlets import Dict, List, Unicode

from duban.infra.errors import ValidationError
from duban.models.base import PageModel, plain
from duban.service import directive_edits as edits
from duban.service.directive_edits import PlannedDirective
from duban.vocabulary import AREAS


class DirectiveReview(PageModel):
    """The editable list of directives, with the text they were proposed from.

    `items` is replaced (never mutated) on every change, so observers see each one. An
    edit the rules refuse leaves the list as it was and puts the reason in `errors` under
    the directive's uid.
    """

    STATE = ("source",)

    items = List(help="PlannedDirective, in the order they will be saved")
    source = Unicode("", help="the meeting text the items were proposed from")
    errors = Dict(help="uid -> {field: message}")
    problem = Unicode("", help="an error about the list as a whole")

    def __init__(self) -> None:
        super().__init__()
        self._uids = itertools.count(1)

    # -- proposing ------------------------------------------------------------------------
    def propose(self, text: str) -> None:
        """Replace the items with the splitter's proposal for `text` (unknown areas left out)."""
        from duban.splitter import split

        uids: dict[str, str] = {}
        items = []
        for directive in split(text):
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
        self._apply(new.uid, lambda items: edits.add_after(items, new, after))
        return new.uid

    def delete(self, uid: str) -> None:
        """Remove a directive; its sub-items move up to its parent."""
        self._apply(uid, lambda items: edits.delete(items, uid))

    def merge_with_previous(self, uid: str) -> None:
        """Append a directive's text, areas and mentions to the one before it."""
        self._apply(uid, lambda items: edits.merge_with_previous(items, uid))

    def split(self, uid: str, at: int | None = None) -> str | None:
        """Cut a directive in two at `at` (default: see split_point); returns the new item's uid."""
        new_uid = self._new_uid()
        done = self._apply(uid, lambda items: edits.split(items, uid, new_uid, at))
        return new_uid if done else None

    def move(self, uid: str, offset: int) -> None:
        """Move a directive up (-1) or down (+1) the list (see directive_edits.move)."""
        self._apply(uid, lambda items: edits.move(items, uid, offset))

    def nest(self, uid: str) -> None:
        """Nest a directive under the nearest one above it at its level."""
        self._apply(uid, lambda items: edits.nest(items, uid))

    def set_parent(self, uid: str, parent: str | None = None) -> None:
        """Nest a directive under `parent` (one above it); without it, make it top-level."""
        self._apply(uid, lambda items: edits.set_parent(items, uid, parent))

    # -- state ------------------------------------------------------------------------------
    def get_state(self) -> dict[str, Any]:
        return {**super().get_state(), "items": [plain(asdict(item)) for item in self.items]}

    def set_state(self, state: dict[str, Any]) -> None:
        """Take back what get_state gave (older drafts too); what `state` lacks is emptied."""
        items = [
            PlannedDirective(
                **{**raw, "areas": tuple(raw["areas"]), "mentions": tuple(raw["mentions"])}
            )
            for raw in state.get("items", [])
        ]
        numbers = [int(item.uid[1:]) for item in items if item.uid[1:].isdigit()]
        self._uids = itertools.count(max(numbers, default=0) + 1)
        super().set_state({"source": "", **state})
        self._set(edits.parents_first(items))

    def reset(self) -> None:
        """No directives, no meeting text, no messages."""
        self.set_state({})

    # -- helpers ------------------------------------------------------------------------------
    def _new_uid(self) -> str:
        return f"d{next(self._uids)}"

    def _apply(
        self, uid: str, edit: Callable[[list[PlannedDirective]], list[PlannedDirective]]
    ) -> bool:
        """Make the edit, or keep the list and show why the rules refuse it on `uid`'s card."""
        try:
            items = edit(list(self.items))
        except ValidationError as refused:
            self.errors = {**self.errors, uid: dict(refused.errors)}
            return False
        self._set(items)
        return True

    def _set(self, items: list[PlannedDirective]) -> None:
        """Replace the items; every earlier message is now stale and dropped."""
        self.errors = {}
        self.problem = ""
        self.items = items

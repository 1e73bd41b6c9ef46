"""Step 2 of logging a meeting: the splitter's proposed directives, edited by the clerk."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from traitlets import Dict, HasTraits, List, Unicode

from duban.infra.i18n import _
from duban.vocabulary import AREAS

_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?=\s)")


@dataclass(frozen=True)
class DirectiveDraft:
    """One directive as the clerk sees it; `parent` is the uid of the item it is nested under."""

    uid: str
    text: str
    areas: tuple[str, ...] = ()
    marker: str | None = None
    speaker: str | None = None
    parent: str | None = None
    mentions: tuple[str, ...] = ()


def split_point(text: str) -> int | None:
    """Where to cut a directive in two: at its first line break, else at the sentence end nearest the middle."""
    stripped = text.strip()
    if "\n" in stripped:
        return text.index("\n", len(text) - len(text.lstrip()))
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if text[m.end() :].strip()]
    if not ends:
        return None
    return min(ends, key=lambda end: abs(end - len(text) / 2))


class DirectiveReview(HasTraits):
    """The editable list of directives, with the text they were proposed from.

    `items` is replaced (never mutated) on every change, so observers see each one.
    """

    items = List(help="DirectiveDraft, in the order they will be saved")
    source = Unicode("", help="the meeting text the items were proposed from")
    errors = Dict(help="uid -> {field: message}")
    problem = Unicode("", help="an error about the list as a whole")

    def __init__(self) -> None:
        super().__init__()
        self._uids = itertools.count(1)

    # -- proposing ------------------------------------------------------------------------
    def propose(self, text: str) -> None:
        """Replace the items with the splitter's proposal for `text`."""
        from duban.splitter import split

        uids: dict[str, str] = {}
        items = []
        for directive in split(text):
            uid = self._new_uid()
            uids[str(directive.seq)] = uid
            parent = uids.get(str(directive.parent)) if directive.parent is not None else None
            items.append(
                DirectiveDraft(
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
        self._set(items)

    def needs_proposal(self, text: str) -> bool:
        """Whether the list should be (re)proposed: nothing yet, or the text changed since."""
        return not self.items or text != self.source

    # -- editing --------------------------------------------------------------------------
    def edit(
        self, uid: str, *, text: str | None = None, areas: Sequence[str] | None = None
    ) -> None:
        """Change a directive's text or areas."""
        changes: dict[str, Any] = {}
        if text is not None:
            changes["text"] = text
        if areas is not None:
            changes["areas"] = tuple(a for a in dict.fromkeys(areas) if a in AREAS)
        self._set([replace(item, **changes) if item.uid == uid else item for item in self.items])

    def add(self, after: str | None = None) -> str:
        """A new, empty directive after `after` (at the end without it); returns its uid."""
        new = DirectiveDraft(self._new_uid(), "")
        position = self._index(after) + 1 if after is not None else len(self.items)
        self._set([*self.items[:position], new, *self.items[position:]])
        return new.uid

    def delete(self, uid: str) -> None:
        """Remove a directive; its sub-items move up to its parent."""
        gone = self.items[self._index(uid)]
        self._set([self._repoint(item, uid, gone.parent) for item in self.items if item.uid != uid])

    def merge_with_previous(self, uid: str) -> None:
        """Append a directive's text, areas and mentions to the one before it."""
        index = self._index(uid)
        if index == 0:
            self.errors = {
                **self.errors,
                uid: {"text": _("the first directive has none before it to merge with")},
            }
            return
        first, second = self.items[index - 1], self.items[index]
        merged = replace(
            first,
            text=f"{first.text.rstrip()}\n{second.text.lstrip()}",
            areas=tuple(dict.fromkeys(first.areas + second.areas)),
            mentions=tuple(dict.fromkeys(first.mentions + second.mentions)),
        )
        rest = [self._repoint(item, uid, first.uid) for item in self.items[index + 1 :]]
        self._set([*self.items[: index - 1], merged, *rest])

    def split(self, uid: str) -> str | None:
        """Cut a directive in two (see split_point); returns the new item's uid."""
        index = self._index(uid)
        item = self.items[index]
        cut = split_point(item.text)
        if cut is None:
            self.errors = {
                **self.errors,
                uid: {"text": _("put a line break where the directive should be split")},
            }
            return None
        head = replace(item, text=item.text[:cut].strip())
        tail = replace(item, uid=self._new_uid(), text=item.text[cut:].strip(), marker=None)
        self._set([*self.items[:index], head, tail, *self.items[index + 1 :]])
        return tail.uid

    def move(self, uid: str, offset: int) -> None:
        """Move a directive up (-1) or down (+1) the list.

        A sub-item that ends up above its parent (moved up past it, or the parent moved down
        past it) becomes a top-level directive: its card stops saying "sub-item", and it is
        saved as top-level. Its own sub-items stay nested under it.
        """
        index = self._index(uid)
        target = max(0, min(len(self.items) - 1, index + offset))
        items = list(self.items)
        items.insert(target, items.pop(index))
        self._set(items)

    # -- state ------------------------------------------------------------------------------
    def get_state(self) -> dict[str, Any]:
        return {"source": self.source, "items": [asdict(item) for item in self.items]}

    def set_state(self, state: dict[str, Any]) -> None:
        items = [
            DirectiveDraft(
                **{**raw, "areas": tuple(raw["areas"]), "mentions": tuple(raw["mentions"])}
            )
            for raw in state.get("items", [])
        ]
        numbers = [int(item.uid[1:]) for item in items if item.uid[1:].isdigit()]
        self._uids = itertools.count(max(numbers, default=0) + 1)
        self.source = state.get("source", "")
        self._set(items)

    # -- helpers ------------------------------------------------------------------------------
    def _new_uid(self) -> str:
        return f"d{next(self._uids)}"

    def _index(self, uid: str) -> int:
        for index, item in enumerate(self.items):
            if item.uid == uid:
                return index
        raise KeyError(uid)

    @staticmethod
    def _repoint(item: DirectiveDraft, old_parent: str, new_parent: str | None) -> DirectiveDraft:
        return replace(item, parent=new_parent) if item.parent == old_parent else item

    @staticmethod
    def _parents_first(items: list[DirectiveDraft]) -> list[DirectiveDraft]:
        """The items with every parent that is not earlier in the list cleared (such an item is top-level)."""
        seen: set[str] = set()
        ordered = []
        for item in items:
            ordered.append(
                replace(item, parent=None)
                if item.parent is not None and item.parent not in seen
                else item
            )
            seen.add(item.uid)
        return ordered

    def _set(self, items: list[DirectiveDraft]) -> None:
        """Replace the items (see _parents_first); every earlier message is now stale and dropped."""
        self.errors = {}
        self.problem = ""
        self.items = self._parents_first(items)

"""The edits of a meeting's planned directives: one rule set for the page and the stored meeting.

Each function takes the list in the order the directives are saved and returns a new list
(the argument is never changed), or raises ValidationError saying why the edit cannot be
made. Every list returned has its parents first: an item whose parent is not earlier in
the list is top-level (see `parents_first`). `numbers` gives the numbers a save writes.
No database, no page state: the log-meeting page model and the stored-directive methods
of the workbook both map their directives to `PlannedDirective` and call these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.vocabulary import AREAS

_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?=\s)")


@dataclass(frozen=True)
class PlannedDirective:
    """One directive of the list; `uid` is its stable key, `parent` the uid it is nested under."""

    uid: str
    text: str
    areas: tuple[str, ...] = ()
    marker: str | None = None
    speaker: str | None = None
    parent: str | None = None
    mentions: tuple[str, ...] = ()


Directives = Sequence[PlannedDirective]


# -- rules shared by several edits -------------------------------------------------------
def clean_areas(areas: Iterable[str]) -> tuple[str, ...]:
    """The areas without repeats; any area not in the vocabulary is refused, by name (and one
    text where the list belongs, rather than read as its characters)."""
    if isinstance(areas, str):
        raise ValidationError.single("areas", _("must be a list"))
    chosen = tuple(dict.fromkeys(areas))
    unknown = [area for area in chosen if area not in AREAS]
    if unknown:
        raise ValidationError.single(
            "areas", _("unknown areas: {areas}").format(areas=", ".join(unknown))
        )
    return chosen


def split_point(text: str) -> int | None:
    """Where to cut a directive: its first line break, else the sentence end nearest the middle."""
    stripped = text.strip()
    if "\n" in stripped:
        return text.index("\n", len(text) - len(text.lstrip()))
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if text[m.end() :].strip()]
    if not ends:
        return None
    return min(ends, key=lambda end: abs(end - len(text) / 2))


def parents_first(items: Iterable[PlannedDirective]) -> list[PlannedDirective]:
    """The items, each parent that is not earlier in the list cleared (that item is top-level)."""
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


def numbers(items: Directives) -> dict[str, str]:
    """uid -> the number a save gives it: top-level 1, 2, …; sub-items 2.1, 2.2, … in list order."""
    numbered: dict[str, str] = {}
    counts: dict[str | None, int] = {}
    for item in parents_first(items):
        counts[item.parent] = counts.get(item.parent, 0) + 1
        prefix = f"{numbered[item.parent]}." if item.parent is not None else ""
        numbered[item.uid] = f"{prefix}{counts[item.parent]}"
    return numbered


def index_of(items: Directives, uid: str) -> int:
    """Where `uid` is in the list (KeyError if it is not)."""
    for index, item in enumerate(items):
        if item.uid == uid:
            return index
    raise KeyError(uid)


def _repointed(
    items: Iterable[PlannedDirective], old: str, new: str | None
) -> list[PlannedDirective]:
    return [replace(item, parent=new) if item.parent == old else item for item in items]


def _changed(items: Directives, uid: str, **changes: object) -> list[PlannedDirective]:
    index = index_of(items, uid)
    return [*items[:index], replace(items[index], **changes), *items[index + 1 :]]


def _require_parent_before(items: Directives, position: int, parent: str | None) -> None:
    """ValidationError unless `parent` is None or one of the items before `position`."""
    if parent is not None and parent not in {item.uid for item in items[:position]}:
        raise ValidationError.single(
            "parent_id", _("a sub-item must come after the item it belongs to")
        )


# -- the edits ---------------------------------------------------------------------------------
def set_areas(items: Directives, uid: str, areas: Iterable[str]) -> list[PlannedDirective]:
    """The directive's areas replaced (see clean_areas)."""
    return _changed(items, uid, areas=clean_areas(areas))


def edit(
    items: Directives, uid: str, *, text: str | None = None, areas: Iterable[str] | None = None
) -> list[PlannedDirective]:
    """The directive's text and/or areas replaced (an unknown area refuses the whole edit).

    The text is kept as given: the checks of a save apply when it is saved.
    """
    edited = list(items)
    if text is not None:
        edited = _changed(edited, uid, text=text)
    if areas is not None:
        edited = set_areas(edited, uid, areas)
    return edited


def add_after(
    items: Directives, new: PlannedDirective, after: str | None = None
) -> list[PlannedDirective]:
    """`new` inserted after `after` (at the end without it); its parent must come before it."""
    position = index_of(items, after) + 1 if after is not None else len(items)
    _require_parent_before(items, position, new.parent)
    added = replace(new, areas=clean_areas(new.areas))
    return [*items[:position], added, *items[position:]]


def delete(items: Directives, uid: str) -> list[PlannedDirective]:
    """The directive removed; its sub-items move up to its parent (top-level if it had none)."""
    gone = items[index_of(items, uid)]
    return _repointed([item for item in items if item.uid != uid], uid, gone.parent)


def merge_with_previous(items: Directives, uid: str) -> list[PlannedDirective]:
    """The directive's text, areas and mentions appended to the one before it in the list.

    The one before keeps its place, number, marker and parent, and takes over the merged
    one's sub-items; a sub-item can so be merged into its parent.
    """
    index = index_of(items, uid)
    if index == 0:
        raise ValidationError.single(
            "directive", _("the first directive has none before it to merge with")
        )
    first, second = items[index - 1], items[index]
    merged = replace(
        first,
        text=f"{first.text.rstrip()}\n{second.text.lstrip()}",
        areas=tuple(dict.fromkeys(first.areas + second.areas)),
        mentions=tuple(dict.fromkeys(first.mentions + second.mentions)),
    )
    return [*items[: index - 1], merged, *_repointed(items[index + 1 :], uid, first.uid)]


def split(
    items: Directives, uid: str, new_uid: str, at: int | None = None
) -> list[PlannedDirective]:
    """The directive cut in two at character `at` (default: split_point); the second is `new_uid`.

    Both parts keep the areas, speaker, mentions and parent; only the first keeps the
    marker and the sub-items.
    """
    index = index_of(items, uid)
    item = items[index]
    cut = split_point(item.text) if at is None else at
    if cut is None:
        raise ValidationError.single(
            "directive", _("put a line break where the directive should be split")
        )
    head, tail = item.text[:cut].strip(), item.text[cut:].strip()
    if not 0 < cut < len(item.text) or not head or not tail:
        raise ValidationError.single(
            "directive", _("cannot split there: both parts need some text")
        )
    first = replace(item, text=head)
    second = replace(item, uid=new_uid, text=tail, marker=None)
    return [*items[:index], first, second, *items[index + 1 :]]


def move(items: Directives, uid: str, offset: int) -> list[PlannedDirective]:
    """The directive moved `offset` places (-1 up, +1 down), stopping at either end.

    A sub-item that ends up above its parent (moved up past it, or the parent moved down
    past it) becomes top-level; its own sub-items stay nested under it.
    """
    index = index_of(items, uid)
    target = max(0, min(len(items) - 1, index + offset))
    moved = list(items)
    moved.insert(target, moved.pop(index))
    return parents_first(moved)


def set_parent(items: Directives, uid: str, parent: str | None) -> list[PlannedDirective]:
    """The directive nested under `parent` (an item before it), or made top-level (None).

    Its sub-items stay nested under it.
    """
    _require_parent_before(items, index_of(items, uid), parent)
    return _changed(items, uid, parent=parent)


def nest(items: Directives, uid: str) -> list[PlannedDirective]:
    """The directive nested under the nearest one above it at its level (as an outline indents)."""
    index = index_of(items, uid)
    level = items[index].parent
    above = next((item for item in reversed(items[:index]) if item.parent == level), None)
    if above is None:
        raise ValidationError.single(
            "parent_id", _("there is no directive above it at its level to nest under")
        )
    return set_parent(items, uid, above.uid)

"""The page and the stored meeting edit directives by one rule set: random edits, same results.

The same starting directives go into the log-meeting page model (DirectiveReview) and into
a stored meeting; each random edit is made on both, which must then hold the same
directives (text, areas, marker, parent, order and the numbers a save gives) and must
have refused the same edits with the same words.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.infra.errors import ValidationError
from duban.models.directive_review import DirectiveReview
from duban.service import directive_edits as edits

TEXTS = st.sampled_from(
    [
        "Check gas.",
        "Check gas. Check fire exits.",
        "一要查隐患\n二要抓整改",
        "要查隐患。要抓整改。要严考核。",
        "Report weekly",
    ]
)
KNOWN_AREAS = st.lists(st.sampled_from(["gas", "fire", "flood"]), max_size=2, unique=True)
ANY_AREAS = st.lists(st.sampled_from(["gas", "fire", "flood", "space"]), max_size=3)
INDEX = st.integers(0, 9)
START = st.lists(
    st.tuples(TEXTS, KNOWN_AREAS, st.sampled_from([None, "一是", "二是"]), st.none() | INDEX),
    max_size=4,
)
EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), INDEX, st.none() | TEXTS, st.none() | ANY_AREAS),
        st.tuples(st.just("merge"), INDEX),
        st.tuples(st.just("split"), INDEX, st.none() | st.integers(-1, 30)),
        st.tuples(st.just("delete"), INDEX),
        st.tuples(st.just("move"), INDEX, st.sampled_from([-1, +1])),
        st.tuples(st.just("nest"), INDEX),
        st.tuples(st.just("parent"), INDEX, st.none() | INDEX),
        st.tuples(st.just("add"), st.none() | INDEX, TEXTS),
    ),
    max_size=8,
)


class Both:
    """One list of directives kept twice: in the page model and in a stored meeting."""

    def __init__(self, wb, start: list[tuple[str, list[str], str | None, int | None]]):
        self.wb = wb
        self.meeting = wb.log_meeting("Plenary", "plenary", "district", "2026-11-10")
        self.review = DirectiveReview()
        self.ids: dict[str, int] = {}  # page uid -> stored id
        raw = []
        for index, (text, areas, marker, parent) in enumerate(start):
            uid = f"d{index + 1}"
            parent_uid = f"d{parent % index + 1}" if parent is not None and index else None
            self.ids[uid] = wb.add_directive(
                self.meeting,
                text,
                areas=areas,
                marker=marker,
                parent_id=self.ids[parent_uid] if parent_uid else None,
            )
            raw.append(
                {"uid": uid, "text": text, "areas": areas, "marker": marker, "speaker": None}
                | {"parent": parent_uid, "mentions": []}
            )
        self.review.set_state({"source": "", "items": raw})

    def apply(self, edit: tuple[Any, ...]) -> tuple[dict, dict]:
        """Make `edit` on both; returns the page's and the stored meeting's refusal of it."""
        kind, *args = edit
        items = self.review.items
        if kind != "add" and not items:
            return {}, {}
        uid = items[args[0] % len(items)].uid if kind != "add" else None
        stored_refusal: dict = {}
        try:
            self._stored(kind, uid, args)
        except ValidationError as refused:
            stored_refusal = {uid: refused.errors}
        self._page(kind, uid, args)
        errors = self.review.errors  # a success clears them all; a refusal adds its own
        return ({uid: errors[uid]} if uid in errors else dict(errors)), stored_refusal

    def _page(self, kind: str, uid: str | None, args: list) -> None:
        review = self.review
        if kind == "edit":
            review.edit(uid, text=args[1], areas=args[2])
        elif kind == "merge":
            review.merge_with_previous(uid)
        elif kind == "split":
            self._pair(review.split(uid, args[1]))
        elif kind == "delete":
            review.delete(uid)
        elif kind == "move":
            review.move(uid, args[1])
        elif kind == "nest":
            review.nest(uid)
        elif kind == "parent":
            review.set_parent(uid, self._pick(args[1]))
        else:
            new = review.add(after=self._pick(args[0]))
            review.edit(new, text=args[1])
            self._pair(new)

    def _stored(self, kind: str, uid: str | None, args: list) -> None:
        wb, target = self.wb, self.ids.get(uid)
        if kind == "edit":
            wb.edit_directive(target, text=args[1], areas=args[2])
        elif kind == "merge":
            wb.merge_directive(target)
        elif kind == "split":
            self._new_id = wb.split_directive(target, args[1])
        elif kind == "delete":
            wb.delete_directive(target)
        elif kind == "move":
            wb.move_directive(target, args[1])
        elif kind == "nest":
            wb.nest_directive(target)
        elif kind == "parent":
            parent = self._pick(args[1])
            wb.set_directive_parent(target, self.ids[parent] if parent else None)
        else:
            after = self._pick(args[0])
            self._new_id = wb.add_directive(
                self.meeting, args[1], after_id=self.ids[after] if after else None
            )

    def _pick(self, index: int | None) -> str | None:
        items = self.review.items
        return items[index % len(items)].uid if index is not None and items else None

    def _pair(self, new_uid: str | None) -> None:
        if new_uid is not None:
            self.ids[new_uid] = self._new_id

    def page(self) -> list[tuple]:
        seqs = edits.numbers(self.review.items)
        return [
            (
                str(self.ids[item.uid]),
                seqs[item.uid],
                item.text,
                item.areas,
                item.marker,
                str(self.ids[item.parent]) if item.parent else None,
            )
            for item in self.review.items
        ]

    def stored(self) -> list[tuple]:
        rows = self.wb.directives(self.meeting)
        seqs = dict(zip(rows["id"].astype(str), rows["seq"], strict=True))
        return [
            (item.uid, seqs[item.uid], item.text, item.areas, item.marker, item.parent)
            for item in self.wb.directive_list(self.meeting)
        ]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(start=START, steps=EDITS)
def test_page_and_stored_meeting_agree_on_every_edit(office, today, start, steps):
    both = Both(office, start)
    assert both.page() == both.stored()
    for step in steps:
        page_refusal, stored_refusal = both.apply(step)
        assert page_refusal == stored_refusal, step
        assert both.page() == both.stored(), step

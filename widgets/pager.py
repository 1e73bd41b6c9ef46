"""The pager of a list shown a page at a time (the clerk's directive cards, at steps 2 and 3).

The pages themselves are the model's (duban.models.directive_review: PAGE_SIZE, page_count,
on_page, turned); a pager only turns them and says where the page shown lies in the list,
and, given the pages holding a problem, which they are, with a button to the next of them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.directive_review import PAGE_SIZE, page_count
from duban.widgets.common import Messages, guarded
from duban.widgets.form_parts import button

LISTED_PROBLEM_PAGES = 8  # pages with a problem named in the pager; the rest are counted


def page_span(page: int, shown: int) -> tuple[int, int]:
    """The 1-based positions of the first and last entry of a page holding `shown` entries."""
    first = page * PAGE_SIZE + 1
    return first, first + max(shown, 1) - 1


def problem_pages_text(pages: Sequence[int]) -> str:
    """The (0-based) pages with a problem, as the clerk reads them: 'pages 3, 5, 9 and 4 more'."""
    named = _(", ").join(str(page + 1) for page in pages[:LISTED_PROBLEM_PAGES])
    more = len(pages) - LISTED_PROBLEM_PAGES
    if more > 0:
        return _("To correct, on page {pages} and {n} more").format(pages=named, n=more)
    return _("To correct, on page {pages}").format(pages=named)


class Pager(w.Box):
    """Earlier / later buttons and where the page shown lies in the list (hidden for one page);
    with problems, the pages holding them and a button to the next such page."""

    def __init__(self, turn: Callable[[int], None], messages: Messages):
        self.turn = turn
        self.where = w.HTML()
        self.earlier = button(_("Previous page"))
        self.later = button(_("Next page"))
        self.problems = w.HTML()
        self.to_problem = button("", "warning")
        self.target: int | None = None  # the page `to_problem` turns to
        act = guarded(messages, writes=False)
        self.earlier.on_click(act(lambda _b: turn(-1)))
        self.later.on_click(act(lambda _b: turn(+1)))
        self.to_problem.on_click(act(self._to_problem))
        super().__init__([self.earlier, self.where, self.later, self.problems, self.to_problem])
        self.add_class("duban-row")
        self.page = 0

    def show(self, page: int, shown: int, total: int, problems: Sequence[int] = ()) -> None:
        """Page `page` (0-based) shows `shown` of `total` entries; `problems`: the pages
        (0-based, in order) holding an entry with a problem."""
        pages = page_count(total)
        self.page = page
        self.layout.display = "" if pages > 1 else "none"
        first, last = page_span(page, shown)
        self.where.value = html.escape(
            _("{first}–{last} of {total} (page {page} of {pages})").format(
                first=first, last=last, total=total, page=page + 1, pages=pages
            )
        )
        self.earlier.disabled = page == 0
        self.later.disabled = page >= pages - 1
        self.problems.value = (
            f'<span class="duban-field-error">{html.escape(problem_pages_text(problems))}</span>'
            if problems and pages > 1
            else ""
        )
        others = [p for p in problems if p != page]
        self.target = next((p for p in others if p > page), others[0] if others else None)
        self.to_problem.layout.display = "" if self.target is not None else "none"
        if self.target is not None:
            self.to_problem.description = _("Go to page {page}").format(page=self.target + 1)

    def _to_problem(self, _button: w.Button) -> None:
        if self.target is not None:
            self.turn(self.target - self.page)

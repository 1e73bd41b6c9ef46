"""Step 3 view: each directive's units and groups (lead/cooperating), deadline, reporting cycle.

As at step 2, only the page shown has cards (reused from page to page): a long report costs
no more to show than a short one. The pager is widgets/pager.py's, shared with step 2.
"""

from __future__ import annotations

import html

import ipywidgets as w
from traitlets import link

from duban.infra.i18n import _
from duban.models.assign_step import (
    DEADLINE,
    DEFAULT_DAYS,
    AssignStep,
    DirectiveAssignment,
    TargetCatalog,
)
from duban.models.directive_review import DirectiveReview
from duban.service.directive_edits import PlannedDirective, numbers
from duban.vocabulary import CYCLES
from duban.widgets.common import Messages, guarded
from duban.widgets.form_parts import FieldError, button, card, field, fields, html_line, row
from duban.widgets.pager import Pager


def deadline_modes() -> list[tuple[str, str]]:
    return [(_("working days"), "days"), (_("date"), "date")]


class DeadlineInput(w.VBox):
    """A deadline as N working days or as a date; the unused input is hidden. Any number can be
    typed: the workbook's rule says which it takes, and its refusal shows under the field."""

    def __init__(self) -> None:
        self.mode = w.ToggleButtons(options=deadline_modes(), style={"button_width": "auto"})
        self.days = w.IntText(value=DEFAULT_DAYS)
        self.on = w.DatePicker()
        self.links: list[link] = []
        self.mode.observe(self._show_mode, names="value")
        super().__init__([self.mode, self.days, self.on])
        self._show_mode()

    def bind(self, model: DirectiveAssignment) -> None:
        """Show and edit `model`'s deadline (and no longer the one bound before)."""
        for bound in self.links:
            bound.unlink()
        self.links = [
            link((model, "deadline_mode"), (self.mode, "value")),
            link((model, "deadline_days"), (self.days, "value")),
            link((model, "deadline_date"), (self.on, "value")),
        ]

    def _show_mode(self, _change: dict | None = None) -> None:
        self.days.layout.display = "" if self.mode.value == "days" else "none"
        self.on.layout.display = "" if self.mode.value == "date" else "none"


class TargetsInput(w.TagsInput):
    """A tags input of an assignment's list `name` (lead or cooperating units and groups): the
    labels are shown, every other name of a unit or group can be searched (picked, it becomes
    the label), all names show on hover. Bound to one assignment at a time."""

    def __init__(self, name: str, catalog: TargetCatalog, messages: Messages):
        super().__init__(
            allowed_tags=catalog.tags,
            allow_duplicates=False,
            placeholder=_("type to search units and groups"),
        )
        self.name, self.catalog = name, catalog
        self.model: DirectiveAssignment | None = None
        self._showing = False
        self.observe(guarded(messages)(self._to_model), names="value")
        self._to_view = guarded(messages, writes=False)(self.show)

    def bind(self, model: DirectiveAssignment) -> None:
        """Show and edit `model`'s list (and no longer the one bound before)."""
        if self.model is not None:
            self.model.unobserve(self._to_view, names=self.name)
        self.model = model
        model.observe(self._to_view, names=self.name)
        self.show()

    def _to_model(self, change: dict) -> None:
        if self._showing or self.model is None:
            return
        labels = self.catalog.labels_of(change["new"])
        setattr(self.model, self.name, labels)
        self.show()

    def show(self, _change: dict | None = None) -> None:
        """The model's labels, and all their names on hover."""
        self._showing = True
        try:
            self.value = getattr(self.model, self.name)
        finally:
            self._showing = False
        self.tooltip = self.catalog.names_of(self.value)


class AssignmentCard(w.VBox):
    """One directive's assignment; below it, whom it reaches and by when. A card is bound to
    one assignment at a time and rebound as pages turn."""

    def __init__(self, step: AssignStep, messages: Messages):
        self.step = step
        self.assignment: DirectiveAssignment | None = None
        self.heading = w.HTML()
        self.lead = TargetsInput("lead", step.catalog, messages)
        self.cooperating = TargetsInput("cooperating", step.catalog, messages)
        self.suggestions = {"lead": w.HTML(), "cooperating": w.HTML()}
        self.deadline = DeadlineInput()
        self.cycle = w.Dropdown(options=CYCLES.choices())
        self.cycle_link: link | None = None
        self.reach = w.HTML()
        self.copy_to_next = button(_("Copy to the next directive"))
        self.errors = {
            name: FieldError() for name in ("lead_units", "cooperating_units", "deadline", "cycle")
        }
        self._update = guarded(messages, writes=False)(self.update)
        self.copy_to_next.on_click(
            guarded(messages)(lambda _b: step.copy_to_next(self.assignment.uid))
        )
        super().__init__(
            [
                card(
                    self.heading,
                    fields(
                        field(
                            _("Lead units or groups"),
                            self.lead,
                            self.errors["lead_units"],
                            wide=True,
                            hint=self.suggestions["lead"],
                        ),
                        field(
                            _("Cooperating units or groups"),
                            self.cooperating,
                            self.errors["cooperating_units"],
                            wide=True,
                            hint=self.suggestions["cooperating"],
                        ),
                    ),
                    fields(
                        field(_("Deadline"), self.deadline, self.errors["deadline"]),
                        field(_("Reporting cycle"), self.cycle, self.errors["cycle"]),
                    ),
                    self.reach,
                    row(self.copy_to_next),
                )
            ]
        )

    def bind(self, assignment: DirectiveAssignment) -> None:
        """Show and edit `assignment` (nothing is done if it is bound already)."""
        if assignment is self.assignment:
            return
        names = [*DirectiveAssignment.CHOICES, "errors", "suggested"]
        if self.assignment is not None:
            self.assignment.unobserve(self._update, names=names)
            self.cycle_link.unlink()
        self.assignment = assignment
        self.cycle_link = link((assignment, "cycle"), (self.cycle, "value"))
        self.deadline.bind(assignment)
        self.lead.bind(assignment)
        self.cooperating.bind(assignment)
        assignment.observe(self._update, names=names)
        self._update()

    def show(self, item: PlannedDirective, number: str) -> None:
        """Head the card with the directive, numbered as the documents number it (1, 1.1)."""
        title = html.escape(
            " · ".join([_("Directive {n}").format(n=number), *(p for p in (item.marker,) if p)])
        )
        self.heading.value = (
            f'<div class="duban-heading">{title}</div>'
            f'<div class="duban-quote">{html.escape(item.text)}</div>'
        )

    def update(self, _change: dict | None = None) -> None:
        """The suggestions, whom the assignment reaches, and its errors, as they are now."""
        a = self.assignment
        shown: set[str] = set()
        for role in ("lead", "cooperating"):  # each suggestion once, under the list it is in
            kept = [s for s in a.suggested if s in getattr(a, role) and s not in shown]
            shown.update(kept)
            line = _("Suggested from the text, please check: {names}").format(
                names=_("; ").join(kept)
            )
            self.suggestions[role].value = html_line(f"☆ {line}", "duban-hint") if kept else ""
        reach = self.step.reach(a)
        if reach.error:
            text = _("Cannot work out whom this reaches yet: {error}").format(error=reach.error)
        else:
            text = _(
                "Reaches {total} units ({lead} lead, {cooperating} cooperating); "
                "deadline {deadline}"
            ).format(
                total=reach.leads + reach.cooperating,
                lead=reach.leads,
                cooperating=reach.cooperating,
                deadline=reach.deadline.isoformat() if reach.deadline else "–",
            )
        warning = html_line(reach.warning, "duban-field-error") if reach.warning else ""
        self.reach.value = html_line(f"→ {text}", "duban-hint") + warning
        live = {"deadline": reach.deadline_error}  # the workbook's refusal, before any check
        for name, error in self.errors.items():
            error.show(a.errors.get(name) or live.get(name))


class AssignView(w.VBox):
    """A page of cards (at most PAGE_SIZE, reused from page to page), the pagers saying which
    pages hold a directive to correct, and one deadline to set on every directive."""

    def __init__(self, step: AssignStep, review: DirectiveReview, messages: Messages):
        self.step, self.review, self.messages = step, review, messages
        self.cards: list[AssignmentCard] = []
        self.all_deadline = DeadlineInput()
        self.all_deadline.bind(step.common)
        self.all_error = FieldError()
        self.apply_to_all = button(_("Set this deadline on every directive"))
        self.apply_to_all.on_click(guarded(messages)(lambda _b: step.same_deadline_for_all()))
        step.common.observe(
            guarded(messages, writes=False)(self._show_common), names=[*DEADLINE, "errors"]
        )
        self.list = w.VBox()
        self.pagers = [Pager(step.turn, messages) for _top_and_bottom in range(2)]
        super().__init__(
            [
                card(
                    w.HTML(html_line(_("Same deadline for all"), "duban-heading")),
                    fields(field(_("Deadline"), self.all_deadline, self.all_error)),
                    row(self.apply_to_all),
                ),
                self.pagers[0],
                self.list,
                self.pagers[1],
            ]
        )
        refresh = guarded(messages, writes=False)(self.refresh)
        step.observe(refresh, names=["assignments", "page", "problem_pages"])
        review.observe(refresh, names="items")
        self.refresh()
        self._show_common()

    def _show_common(self, _change: dict | None = None) -> None:
        common = self.step.common
        self.all_error.show(common.errors.get("deadline") or self.step.due(common)[2])

    def refresh(self, _change: dict | None = None) -> None:
        """The cards of the page shown, each headed by its directive as it reads now."""
        items = {item.uid: item for item in self.review.items}
        numbered = numbers(self.review.items)
        shown = self.step.shown()
        while len(self.cards) < len(shown):
            self.cards.append(AssignmentCard(self.step, self.messages))
        for assignment_card, assignment in zip(self.cards, shown, strict=False):
            assignment_card.bind(assignment)
            if assignment.uid in items:
                assignment_card.show(items[assignment.uid], numbered[assignment.uid])
        self.list.children = self.cards[: len(shown)]
        total = len(self.step.assignments)
        for pager in self.pagers:
            pager.show(self.step.page, len(shown), total, self.step.problem_pages)

    def card(self, number: int) -> AssignmentCard:
        """The card of the directive at position `number` (1-based) of the whole list; it must
        be on the page shown."""
        assignment = self.step.assignments[number - 1]
        return next(c for c in self.cards[: len(self.step.shown())] if c.assignment is assignment)

"""Step 3 view: each directive's units and groups (lead/cooperating), deadline, reporting cycle."""

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


def deadline_modes() -> list[tuple[str, str]]:
    return [(_("working days"), "days"), (_("date"), "date")]


class DeadlineInput(w.VBox):
    """A deadline as N working days or as a date; the unused input is hidden. Any number can be
    typed: the workbook's rule says which it takes, and its refusal shows under the field."""

    def __init__(self) -> None:
        self.mode = w.ToggleButtons(options=deadline_modes(), style={"button_width": "auto"})
        self.days = w.IntText(value=DEFAULT_DAYS)
        self.on = w.DatePicker()
        self.mode.observe(self._show_mode, names="value")
        super().__init__([self.mode, self.days, self.on])
        self._show_mode()

    def bind(self, model: DirectiveAssignment) -> None:
        link((model, "deadline_mode"), (self.mode, "value"))
        link((model, "deadline_days"), (self.days, "value"))
        link((model, "deadline_date"), (self.on, "value"))

    def _show_mode(self, _change: dict | None = None) -> None:
        self.days.layout.display = "" if self.mode.value == "days" else "none"
        self.on.layout.display = "" if self.mode.value == "date" else "none"


def tags_input(
    model: DirectiveAssignment, name: str, catalog: TargetCatalog, messages: Messages
) -> w.TagsInput:
    """A tags input of the model's list `name`: the labels are shown, every other name of a
    unit or group can be searched (picked, it becomes the label), all names show on hover."""
    tags = w.TagsInput(
        allowed_tags=catalog.tags,
        allow_duplicates=False,
        placeholder=_("type to search units and groups"),
    )

    def to_model(change: dict) -> None:
        labels = catalog.labels_of(change["new"])
        setattr(model, name, labels)
        tags.value = labels

    def to_view(_change: dict | None = None) -> None:
        tags.value = getattr(model, name)
        tags.tooltip = catalog.names_of(tags.value)

    tags.observe(guarded(messages)(to_model), names="value")
    model.observe(guarded(messages, writes=False)(to_view), names=name)
    to_view()
    return tags


class AssignmentCard(w.VBox):
    """One directive's assignment; below it, whom it reaches and by when."""

    def __init__(self, step: AssignStep, assignment: DirectiveAssignment, messages: Messages):
        self.step, self.assignment = step, assignment
        self.heading = w.HTML()
        self.lead = tags_input(assignment, "lead", step.catalog, messages)
        self.cooperating = tags_input(assignment, "cooperating", step.catalog, messages)
        self.suggestions = {"lead": w.HTML(), "cooperating": w.HTML()}
        self.deadline = DeadlineInput()
        self.cycle = w.Dropdown(options=CYCLES.choices())
        self.reach = w.HTML()
        self.copy_to_next = button(_("Copy to the next directive"))
        self.errors = {
            name: FieldError() for name in ("lead_units", "cooperating_units", "deadline", "cycle")
        }
        link((assignment, "cycle"), (self.cycle, "value"))
        self.deadline.bind(assignment)
        update = guarded(messages, writes=False)(self._update)
        assignment.observe(update, names=[*DirectiveAssignment.CHOICES, "errors", "suggested"])
        self.copy_to_next.on_click(guarded(messages)(lambda _b: step.copy_to_next(assignment.uid)))
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
        update()

    def show(self, item: PlannedDirective, number: str) -> None:
        """Head the card with the directive, numbered as the documents number it (1, 1.1)."""
        title = html.escape(
            " · ".join([_("Directive {n}").format(n=number), *(p for p in (item.marker,) if p)])
        )
        self.heading.value = (
            f'<div class="duban-heading">{title}</div>'
            f'<div class="duban-quote">{html.escape(item.text)}</div>'
        )

    def _update(self, _change: dict | None = None) -> None:
        a = self.assignment
        shown: set[str] = set()
        for role in ("lead", "cooperating"):  # each suggestion once, under the list it is in
            kept = [s for s in a.suggested if s in getattr(a, role) and s not in shown]
            shown.update(kept)
            line = _("Suggested from the text, please check: {names}").format(names="; ".join(kept))
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
            if reach.warning:
                text += f" ({reach.warning})"
        self.reach.value = html_line(f"→ {text}", "duban-hint")
        live = {"deadline": reach.deadline_error}  # the workbook's refusal, before any check
        for name, error in self.errors.items():
            error.show(a.errors.get(name) or live.get(name))


class AssignView(w.VBox):
    """One card per directive, and one deadline to set on them all."""

    def __init__(self, step: AssignStep, review: DirectiveReview, messages: Messages):
        self.step, self.review, self.messages = step, review, messages
        self.cards: dict[str, AssignmentCard] = {}
        self.all_deadline = DeadlineInput()
        self.all_deadline.bind(step.common)
        self.all_error = FieldError()
        self.apply_to_all = button(_("Set this deadline on every directive"))
        self.apply_to_all.on_click(guarded(messages)(lambda _b: step.same_deadline_for_all()))
        step.common.observe(
            guarded(messages, writes=False)(self._show_common), names=[*DEADLINE, "errors"]
        )
        self.list = w.VBox()
        super().__init__(
            [
                card(
                    w.HTML(html_line(_("Same deadline for all"), "duban-heading")),
                    fields(field(_("Deadline"), self.all_deadline, self.all_error)),
                    row(self.apply_to_all),
                ),
                self.list,
            ]
        )
        step.observe(self.refresh, names="assignments")
        review.observe(self.refresh, names="items")
        self.refresh()
        self._show_common()

    def _show_common(self, _change: dict | None = None) -> None:
        common = self.step.common
        self.all_error.show(common.errors.get("deadline") or self.step.due(common)[2])

    def refresh(self, _change: dict | None = None) -> None:
        """One card per assignment, headed by its directive as it reads now."""
        items = {item.uid: item for item in self.review.items}
        numbered = numbers(self.review.items)
        assignments = self.step.assignments
        for uid in set(self.cards) - {a.uid for a in assignments}:
            self.cards.pop(uid).close()
        for assignment in assignments:
            if (
                assignment.uid not in self.cards
                or self.cards[assignment.uid].assignment is not assignment
            ):
                self.cards[assignment.uid] = AssignmentCard(self.step, assignment, self.messages)
            if assignment.uid in items:
                self.cards[assignment.uid].show(items[assignment.uid], numbered[assignment.uid])
        self.list.children = [self.cards[a.uid] for a in assignments]

    def card(self, number: int) -> AssignmentCard:
        """The card of the directive at position `number` (1-based)."""
        return self.cards[self.step.assignments[number - 1].uid]

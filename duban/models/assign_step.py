"""Step 3 of logging a meeting: who gets a directive, in which role, by when, how often reported."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from traitlets import Dict, Instance, Int, List, Unicode, observe

from duban.infra.errors import DubanError, ValidationError
from duban.infra.i18n import _
from duban.models.base import PageModel
from duban.service.directive_edits import PlannedDirective
from duban.service.tasks import Target
from duban.service.workbook import Workbook

DEFAULT_DAYS = 10
TARGETS = ("lead", "cooperating", "suggested")  # an assignment's lists of unit and group labels

log = logging.getLogger("duban.models")


@dataclass(frozen=True)
class Choice:
    """A unit or group the clerk can pick, under a label that also carries its aliases."""

    label: str
    kind: str  # "unit" or "group"
    id: int
    names: tuple[str, ...]
    unit_kind: str | None


class TargetCatalog:
    """The active units and the groups, as pickable labels (searchable by name or alias)."""

    def __init__(self, wb: Workbook):
        self.wb = wb
        choices = []
        for group in wb.groups().itertuples():
            names = (group.name, *group.aliases)
            label = _("{names} (group of {count})").format(
                names=" / ".join(names), count=group.members
            )
            choices.append(Choice(label, "group", int(group.id), names, group.unit_kind))
        for unit in wb.units().itertuples():
            names = (unit.name, *unit.aliases)
            choices.append(Choice(" / ".join(names), "unit", int(unit.id), names, unit.kind))
        self.choices = choices
        self._by_label = {c.label: c for c in choices}
        self._by_key = {(c.kind, c.id): c for c in choices}

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.choices]

    def target(self, label: str, role: str) -> Target:
        """The Target of a label; an unknown label goes on by name, for the workbook to reject."""
        choice = self._by_label.get(label)
        if choice is None:
            return Target(label, role)
        return Target(choice.id, role, group=choice.kind == "group")

    def key(self, label: str) -> list[Any]:
        """A label as stored in a draft: [kind, id] (survives renames), or the label itself."""
        choice = self._by_label.get(label)
        return [choice.kind, choice.id] if choice else [None, label]

    def label(self, key: Sequence[Any]) -> str | None:
        """The label of a stored key, or None if that unit or group is gone."""
        kind, ident = key
        if kind is None:
            return ident
        choice = self._by_key.get((kind, ident))
        return choice.label if choice else None

    def suggest(self, mentions: Sequence[str]) -> list[str]:
        """Labels of the units and groups the splitter's mentions resolve to."""
        if not mentions:
            return []
        from duban.splitter import RegistryEntry, resolve_mentions

        registry = [RegistryEntry(c.kind, c.id, c.names, c.unit_kind) for c in self.choices]
        resolved = resolve_mentions(list(mentions), registry)
        keys = dict.fromkeys(
            (entry.kind, entry.id) for entries in resolved.values() for entry in entries
        )
        return [self._by_key[key].label for key in keys]


class DirectiveAssignment(PageModel):
    """How one directive is assigned: lead and cooperating units or groups, deadline, cycle."""

    uid = Unicode()
    lead = List(Unicode())
    cooperating = List(Unicode())
    suggested = List(Unicode(), help="labels pre-selected from the directive's text")
    deadline_mode = Unicode("days")
    deadline_days = Int(DEFAULT_DAYS)
    deadline_date = Instance(date, allow_none=True)
    cycle = Unicode("none")
    errors = Dict(help="field -> message")

    CHOICES = ("lead", "cooperating", "deadline_mode", "deadline_days", "deadline_date", "cycle")
    STATE = ("uid", *CHOICES, "suggested")

    @observe(*CHOICES)
    def _choice_changed(self, _change: dict) -> None:
        """A changed choice makes the last check's messages stale."""
        self.errors = {}

    def deadline(self) -> int | date | None:
        """What Workbook.assign takes: N working days, or a date."""
        return self.deadline_days if self.deadline_mode == "days" else self.deadline_date

    def targets(self, catalog: TargetCatalog) -> list[Target]:
        """The units and groups as chosen, leads first; the workbook decides a unit named twice."""
        return [catalog.target(c, "lead") for c in self.lead] + [
            catalog.target(c, "cooperating") for c in self.cooperating
        ]

    def copy_from(self, other: DirectiveAssignment) -> None:
        """Take another directive's units, roles, deadline and cycle."""
        for name in self.CHOICES:
            setattr(self, name, getattr(other, name))
        self.suggested = []


@dataclass(frozen=True)
class Reach:
    """Whom a directive's assignment reaches today: the count per role, or why that is unknown."""

    leads: int = 0
    cooperating: int = 0
    deadline: date | None = None
    warning: str | None = None
    error: str | None = None


class AssignStep(PageModel):
    """The assignments of every directive, in directive order."""

    assignments = List(help="DirectiveAssignment, one per directive")

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb

    @cached_property
    def catalog(self) -> TargetCatalog:
        """The units and groups to pick from, read when first needed (not when the page opens)."""
        return TargetCatalog(self.wb)

    def sync(self, items: Sequence[PlannedDirective]) -> None:
        """One assignment per directive: kept if known, else suggested from the mentions."""
        known = {a.uid: a for a in self.assignments}
        fresh = []
        for item in items:
            if item.uid not in known:
                suggested = self.catalog.suggest(item.mentions)
                known[item.uid] = DirectiveAssignment(
                    uid=item.uid, lead=suggested, suggested=suggested, deadline_date=self.wb.today()
                )
            fresh.append(known[item.uid])
        self.assignments = fresh

    def get(self, uid: str) -> DirectiveAssignment:
        return next(a for a in self.assignments if a.uid == uid)

    def copy_to_next(self, uid: str) -> None:
        """Give the next directive the same units, roles, deadline and cycle."""
        index = self.assignments.index(self.get(uid))
        if index + 1 < len(self.assignments):
            self.assignments[index + 1].copy_from(self.assignments[index])

    def same_deadline_for_all(self, mode: str, days: int, on: date | None) -> None:
        """Set one deadline (N working days, or a date) on every directive."""
        for assignment in self.assignments:
            assignment.deadline_mode, assignment.deadline_days, assignment.deadline_date = (
                mode,
                days,
                on,
            )

    def reach(self, assignment: DirectiveAssignment) -> Reach:
        """How many units the assignment reaches and its deadline as a date (nothing is written).

        The counts are the workbook's (expand_targets), so they follow its rules for a unit
        named twice or reached through a group. Any failure comes back as `error`, to be shown.
        """
        try:
            due, warning = self.wb.resolve_deadline(assignment.deadline())
            targets = assignment.targets(self.catalog)
            roles = self.wb.expand_targets(targets) if targets else {}
        except ValidationError as exc:
            return Reach(error="; ".join(exc.errors.values()))
        except DubanError as exc:
            return Reach(error=str(exc))
        except Exception as exc:  # noqa: BLE001 - shown on the card, logged in full
            log.exception("working out the reach of directive %s failed", assignment.uid)
            return Reach(error=str(exc) or type(exc).__name__)
        leads = sum(role == "lead" for role in roles.values())
        return Reach(leads, len(roles) - leads, due, warning)

    def get_state(self) -> dict[str, Any]:
        """Each assignment's state, its units and groups as stored keys (they survive renames)."""
        stored = []
        for assignment in self.assignments:
            state = assignment.get_state()
            for name in TARGETS:
                state[name] = [self.catalog.key(label) for label in state[name]]
            stored.append(state)
        return {"assignments": stored}

    def set_state(self, state: dict[str, Any] | list[dict[str, Any]]) -> None:
        """The assignments of `get_state()`; a unit or group gone since is left out.

        Drafts kept before issue 8 hold the list of assignments itself.
        """
        if isinstance(state, list):
            state = {"assignments": state}
        assignments = []
        for stored in state.get("assignments", []):
            labels = {
                name: [
                    label
                    for label in (self.catalog.label(key) for key in stored.get(name, []))
                    if label is not None
                ]
                for name in TARGETS
            }
            assignment = DirectiveAssignment()
            assignment.set_state({**stored, **labels})
            assignments.append(assignment)
        self.assignments = assignments

    def reset(self) -> None:
        self.assignments = []

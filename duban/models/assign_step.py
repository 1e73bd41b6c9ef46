"""Step 3 of logging a meeting: who gets a directive, in which role, by when, how often reported.

The assignments are shown a page at a time, as step 2 shows the directives (the same
PAGE_SIZE): `page` is the page shown, `problem_pages` the pages holding a directive that
the last check marked, so a problem on a page not shown can be found.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from traitlets import Dict, Instance, Int, List, Unicode, observe

from duban.infra.errors import DubanError, ValidationError
from duban.infra.i18n import _, current_language
from duban.models.base import PageModel, plain
from duban.models.directive_review import PAGE_SIZE, on_page, turned
from duban.service.directive_edits import PlannedDirective
from duban.service.tasks import Target
from duban.service.workbook import Workbook
from duban.service.workdays import MAX_WORKING_DAYS

DEFAULT_DAYS = 10
TARGETS = ("lead", "cooperating", "suggested")  # an assignment's lists of unit and group labels
DEADLINE = ("deadline_mode", "deadline_days", "deadline_date")  # the deadline choices

log = logging.getLogger("duban.models")


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GROUP_SUFFIX = re.compile(r"\s*[(（][^()（）]*[)）]$")  # "(group of 3)" of a label
# Who a mention's own clause says leads or cooperates: 区应急管理局牵头，各成员单位要配合;
# 区应急管理局会同区消防救援大队…; the Fire Brigade should cooperate; in cooperation with ….
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_COOPERATES = re.compile(r"配合|协助|协同|参与|\b(?:cooperat\w*|assist\w*|support\w*)\b", re.I)
_LEADS = re.compile(r"牵头|负总责|\b(?:takes?|taking)\s+the\s+lead\b|\bleads?\b", re.I)
_COOPERATES_BEFORE = re.compile(
    r"(?:会同|协同|in\s+cooperation\s+with|assisted\s+by|supported\s+by"
    r"|with\s+the\s+(?:support|cooperation|help)\s+of)\s*(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class Choice:
    """A unit or group the clerk can pick: its label (its name in the UI's language) and every
    name it goes by (searchable, shown on hover)."""

    label: str
    kind: str  # "unit" or "group"
    id: int
    names: tuple[str, ...]
    unit_kind: str | None


def display_name(names: Sequence[str], lang: str) -> str:
    """The first of the names written in the UI's language (Chinese or not), else the first."""
    chinese = lang.startswith("zh")
    return next((n for n in names if bool(_CJK.search(n)) == chinese), names[0])


def mention_roles(text: str, mentions: Sequence[str]) -> dict[str, str]:
    """mention -> "lead" or "cooperating", as the directive's text puts it.

    A mention whose clause says 配合/协助 (cooperate, assist), or that follows 会同 (in
    cooperation with), cooperates; when the text says who leads (牵头, takes the lead), every
    mention it does not say leads cooperates; otherwise a mention leads.
    """
    found = sorted((text.find(m), m) for m in mentions if m in text)
    cues: dict[str, str | None] = {m: None for m in mentions}
    for number, (start, mention) in enumerate(found):
        end = start + len(mention)
        stop = found[number + 1][0] if number + 1 < len(found) else len(text)
        clause_end = _CLAUSE_END.search(text, end, stop)
        after = text[end : clause_end.start() if clause_end else stop]
        if _COOPERATES.search(after) or _COOPERATES_BEFORE.search(text[:start]):
            cues[mention] = "cooperating"
        elif _LEADS.search(after):
            cues[mention] = "lead"
    named_lead = "lead" in cues.values()
    return {m: cue or ("cooperating" if named_lead else "lead") for m, cue in cues.items()}


class TargetCatalog:
    """The active units and the groups, as pickable labels in the UI's language.

    `tags` are what the clerk can type and pick: every label, and every other name of a unit
    or group as a search entry (「各成员单位（即安委会成员单位）」) that `labels_of` turns into the
    label. A label is only shown and looked up; drafts keep a unit or group by kind and id.
    """

    def __init__(self, wb: Workbook):
        self.wb = wb
        lang = current_language()
        choices, taken = [], set()
        for group in wb.groups().itertuples():
            names = (group.name, *group.aliases)
            label = _("{names} (group of {count})").format(
                names=display_name(names, lang), count=group.members
            )
            choices.append(
                Choice(_unique(label, names, taken), "group", int(group.id), names, group.unit_kind)
            )
        for unit in wb.units().itertuples():
            names = (unit.name, *unit.aliases)
            label = _unique(display_name(names, lang), names, taken)
            choices.append(Choice(label, "unit", int(unit.id), names, unit.kind))
        self.choices = choices
        self._by_label = {c.label: c for c in choices}
        self._by_key = {(c.kind, c.id): c for c in choices}
        self._entries = {
            _("{alias} (= {name})").format(alias=name, name=display_name(c.names, lang)): c
            for c in choices
            for name in c.names
            if name != display_name(c.names, lang)
        }
        self._by_name: dict[str, Choice] = {}
        for c in choices:
            for name in c.names:
                self._by_name.setdefault(name, c)

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.choices]

    @property
    def tags(self) -> list[str]:
        """What the clerk can pick from: the labels, then the search entries of other names."""
        return [*self.labels, *self._entries]

    def find(self, text: str) -> Choice | None:
        """The unit or group of a label, a search entry, a name, or a label of older versions
        ("所有街道 / All streets (group of 3)", names joined by " / ")."""
        found = self._by_label.get(text) or self._entries.get(text) or self._by_name.get(text)
        if found is None and text:
            first = text.split(" / ")[0]
            found = self._by_name.get(first) or self._by_name.get(_GROUP_SUFFIX.sub("", first))
        return found

    def labels_of(self, picked: Sequence[str]) -> list[str]:
        """The labels of what was picked (search entries become their label), without repeats;
        anything unknown stays as typed, for the workbook to refuse."""
        return list(dict.fromkeys(c.label if (c := self.find(p)) else p for p in picked))

    def names_of(self, labels: Sequence[str]) -> str:
        """Every name of the chosen units and groups, for the hover text of a field."""
        return "; ".join(" / ".join(c.names) if (c := self.find(t)) else t for t in labels)

    def target(self, label: str, role: str) -> Target:
        """The Target of a label; an unknown label goes on by name, for the workbook to reject."""
        choice = self.find(label)
        if choice is None:
            return Target(label, role)
        return Target(choice.id, role, group=choice.kind == "group")

    def key(self, label: str) -> list[Any]:
        """A label as stored in a draft: [kind, id] (survives renames), or the label itself."""
        choice = self.find(label)
        return [choice.kind, choice.id] if choice else [None, label]

    def label(self, key: Sequence[Any]) -> str | None:
        """The label of a stored key, or None if that unit or group is gone."""
        kind, ident = key
        if kind is None:
            choice = self.find(ident)
            return choice.label if choice else ident
        choice = self._by_key.get((kind, ident))
        return choice.label if choice else None

    def suggest(self, mentions: Sequence[str], text: str = "") -> dict[str, str]:
        """label -> role of the units and groups the splitter's mentions resolve to, with the
        role the text gives each mention (mention_roles); lead wins for a label found twice."""
        if not mentions:
            return {}
        from duban.splitter import RegistryEntry, resolve_mentions

        registry = [RegistryEntry(c.kind, c.id, c.names, c.unit_kind) for c in self.choices]
        resolved = resolve_mentions(list(mentions), registry)
        roles = mention_roles(text, mentions)
        suggested: dict[str, str] = {}
        for mention, entries in resolved.items():
            for entry in entries:
                label = self._by_key[(entry.kind, entry.id)].label
                if suggested.get(label) != "lead":
                    suggested[label] = roles[mention]
        return suggested


def _unique(label: str, names: Sequence[str], taken: set[str]) -> str:
    """The label, or with the unit's own name added if another unit or group has it."""
    if label in taken and names[0] not in label:
        label = f"{label} ({names[0]})"
    taken.add(label)
    return label


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

    def taking(self, other: DirectiveAssignment, names: Sequence[str]) -> DirectiveAssignment:
        """This assignment with the choices `names` of `other`, as a new one (so that many
        choices change in one change of the list: one draft kept, not one per choice); itself
        if they are the same already. Taking the units drops the suggestions."""
        if all(getattr(self, name) == getattr(other, name) for name in names):
            return self
        taken = {name: plain(getattr(other, name)) for name in names}
        if {"lead", "cooperating"} & set(names):
            taken["suggested"] = []
        copy = DirectiveAssignment()
        copy.set_state({**self.get_state(), **taken})
        return copy


@dataclass(frozen=True)
class Reach:
    """Whom a directive's assignment reaches today: the count per role and the deadline as a
    date, or why they are unknown (`error` for the units, `deadline_error` for the deadline)."""

    leads: int = 0
    cooperating: int = 0
    deadline: date | None = None
    warning: str | None = None
    error: str | None = None
    deadline_error: str | None = None


class AssignStep(PageModel):
    """The assignments of every directive, in directive order; `common` is the deadline the
    clerk may set on all of them at once.

    A check that marks a directive turns to the first page holding a marked one, so the
    clerk, after Next, sees a problem whichever page was shown.
    """

    assignments = List(help="DirectiveAssignment, one per directive")
    page = Int(0, help="the page of assignments shown (0-based)")
    problem_pages = List(Int(), help="the pages (0-based, in order) holding a marked directive")

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.common = self._watch(DirectiveAssignment(deadline_date=wb.today()))
        self._position: dict[str, int] = {}  # uid -> index in `assignments`
        self._marked: Counter[int] = Counter()  # page -> how many of its directives are marked

    @cached_property
    def catalog(self) -> TargetCatalog:
        """The units and groups to pick from, read when first needed (not when the page opens)."""
        return TargetCatalog(self.wb)

    def _watch(self, assignment: DirectiveAssignment) -> DirectiveAssignment:
        """The assignment, its deadline now converted when the clerk switches days and date,
        its marks counted on its page."""
        assignment.observe(self._convert_deadline, names="deadline_mode")
        assignment.observe(self._marks_changed, names="errors")
        return assignment

    # -- pages ---------------------------------------------------------------------------------
    def shown(self) -> list[DirectiveAssignment]:
        """The assignments of the page shown."""
        return on_page(self.assignments, self.page)

    def turn(self, offset: int) -> None:
        """Show the page `offset` pages on (stopping at either end)."""
        self.page = turned(self.page, offset, len(self.assignments))

    @observe("assignments")
    def _listed(self, _change: dict[str, Any]) -> None:
        """A new list: positions and marks counted again, the page kept within it."""
        self._position = {a.uid: index for index, a in enumerate(self.assignments)}
        self._marked = Counter(
            index // PAGE_SIZE for index, a in enumerate(self.assignments) if a.errors
        )
        with self.hold_trait_notifications():
            self.page = turned(self.page, 0, len(self.assignments))
            self._show_marks()

    def _marks_changed(self, change: dict[str, Any]) -> None:
        index = self._position.get(change["owner"].uid)
        if index is None or bool(change["old"]) == bool(change["new"]):
            return
        self._marked[index // PAGE_SIZE] += 1 if change["new"] else -1
        self._show_marks()
        if change["new"]:
            self.page = self.problem_pages[0]

    def _show_marks(self) -> None:
        self.problem_pages = sorted(page for page, count in self._marked.items() if count > 0)

    # -- choosing ------------------------------------------------------------------------------
    def sync(self, items: Sequence[PlannedDirective]) -> None:
        """One assignment per directive: kept if known, else suggested from the mentions (each
        as lead or cooperating, as the text puts it)."""
        known = {a.uid: a for a in self.assignments}
        fresh = []
        for item in items:
            if item.uid not in known:
                suggested = self.catalog.suggest(item.mentions, item.text)
                known[item.uid] = self._watch(
                    DirectiveAssignment(
                        uid=item.uid,
                        lead=[label for label, role in suggested.items() if role == "lead"],
                        cooperating=[label for label, role in suggested.items() if role != "lead"],
                        suggested=list(suggested),
                        deadline_date=self.wb.today(),
                    )
                )
            fresh.append(known[item.uid])
        self.assignments = fresh

    def get(self, uid: str) -> DirectiveAssignment:
        return self.assignments[self._position[uid]]

    def copy_to_next(self, uid: str) -> None:
        """Give the next directive the same units, roles, deadline and cycle."""
        index = self._position[uid]
        if index + 1 < len(self.assignments):
            self._take([index + 1], self.assignments[index], DirectiveAssignment.CHOICES)

    def same_deadline_for_all(self) -> bool:
        """Set the common deadline on every directive, on every page; a deadline the workbook
        refuses is marked on `common` instead (and nothing changes)."""
        problem = self.due(self.common)[2]
        if problem:
            self.common.errors = {"deadline": problem}
            return False
        self._take(range(len(self.assignments)), self.common, DEADLINE)
        return True

    def _take(
        self, indexes: Sequence[int], other: DirectiveAssignment, names: Sequence[str]
    ) -> None:
        """The assignments at `indexes` take the choices `names` of `other`, in one change."""
        assignments = list(self.assignments)
        for index in indexes:
            taken = assignments[index].taking(other, names)
            if taken is not assignments[index]:
                assignments[index] = self._watch(taken)
        self.assignments = assignments

    # -- deadlines, by the workbook's rule -------------------------------------------------------
    def due(self, assignment: DirectiveAssignment) -> tuple[date | None, str | None, str | None]:
        """(date, warning, problem) of an assignment's deadline, as Workbook.resolve_deadline
        gives it (the problem is its refusal, word for word)."""
        return self._resolve(assignment.deadline())

    def _resolve(self, deadline: int | date | None) -> tuple[date | None, str | None, str | None]:
        try:
            due, warning = self.wb.resolve_deadline(deadline)
        except ValidationError as exc:
            return None, None, exc.errors.get("deadline") or "; ".join(exc.errors.values())
        return due, warning, None

    def working_days_to(self, day: date | None) -> int | None:
        """The fewest working days whose deadline falls on or after `day`; None when no number
        of working days the workbook takes reaches it (a day not after today, or too far)."""
        if day is None or day <= self.wb.today():
            return None
        until = lambda days: self.wb.resolve_deadline(days)[0]  # noqa: E731 - a bisect key
        days = bisect_left(range(1, MAX_WORKING_DAYS + 1), day, key=until) + 1
        return days if days <= MAX_WORKING_DAYS else None

    def _convert_deadline(self, change: dict[str, Any]) -> None:
        """Switching the mode keeps the deadline: N working days become the date they give,
        a date the working days that reach it (a value the workbook refuses is left as is)."""
        assignment = change["owner"]
        if change["new"] == "date":
            due = self._resolve(assignment.deadline_days)[0]
            if due is not None:
                assignment.deadline_date = due
        else:
            days = self.working_days_to(assignment.deadline_date)
            if days is not None:
                assignment.deadline_days = days

    def reach(self, assignment: DirectiveAssignment) -> Reach:
        """How many units the assignment reaches and its deadline as a date (nothing is written).

        The counts are the workbook's (expand_targets), so they follow its rules for a unit
        named twice or reached through a group. A failure comes back as `deadline_error` or
        `error`, to be shown beside the deadline or the units.
        """
        due, warning, deadline_error = self.due(assignment)
        try:
            targets = assignment.targets(self.catalog)
            roles = self.wb.expand_targets(targets) if targets else {}
        except ValidationError as exc:
            return Reach(error="; ".join(exc.errors.values()), deadline_error=deadline_error)
        except DubanError as exc:
            return Reach(error=str(exc), deadline_error=deadline_error)
        except Exception as exc:  # noqa: BLE001 - shown on the card, logged in full
            log.exception("working out the reach of directive %s failed", assignment.uid)
            return Reach(error=str(exc) or type(exc).__name__, deadline_error=deadline_error)
        leads = sum(role == "lead" for role in roles.values())
        return Reach(leads, len(roles) - leads, due, warning, deadline_error=deadline_error)

    # -- drafts ------------------------------------------------------------------------------------
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

        Drafts kept before issue 8 hold the list of assignments itself; a unit or group kept
        by its label (not by kind and id) is found by any label it has had.
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
            assignments.append(self._watch(assignment))
        with self.hold_trait_notifications():
            self.page = 0
            self.assignments = assignments

    def reset(self) -> None:
        """No assignments; the common deadline back to its default."""
        self.assignments = []
        self.page = 0
        self.common.set_state(
            {
                "deadline_mode": "days",
                "deadline_days": DEFAULT_DAYS,
                "deadline_date": self.wb.today(),
            }
        )
        self.common.errors = {}

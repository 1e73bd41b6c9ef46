"""Deployments: a meeting, its directives and their tasks saved at once; clerks' drafts."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd

from duban.db.store import Writer
from duban.infra.clock import now_iso
from duban.infra.errors import NotFoundError, ValidationError
from duban.infra.i18n import _
from duban.service.base import WorkbookBase, dumps
from duban.service.directive_edits import PlannedDirective
from duban.service.tasks import Target

DRAFT_KINDS = ("deployment",)
MAX_DRAFT_CHARS = 2_000_000
_DIRECTIVE_KEY = re.compile(r"^directive (\d+): (\w+)$")


def directive_key(index: int, field_name: str) -> str:
    """The error key of a field of the directive at `index` (shown 1-based).

    For example 'directive 3: deadline'.
    """
    return f"directive {index + 1}: {field_name}"


def parse_directive_key(key: str) -> tuple[int, str] | None:
    """(index, field) of a key made by directive_key(), or None for a meeting field."""
    found = _DIRECTIVE_KEY.match(key)
    return (int(found.group(1)) - 1, found.group(2)) if found else None


@dataclass(frozen=True)
class DirectivePlan:
    """One directive of a deployment and how it is assigned.

    `parent` is the index of an earlier directive of the same deployment (a nested item);
    `deadline` is a date, an ISO date string or a number of working days.
    """

    text: str
    areas: Sequence[str] = ()
    marker: str | None = None
    speaker: str | None = None
    parent: int | None = None
    targets: Sequence[Target] = ()
    deadline: date | str | int | None = None
    cycle: str = "none"


@dataclass(frozen=True)
class PlannedTask:
    """A task a deployment creates: for the directive at index `directive`, to one unit."""

    directive: int
    unit_id: int
    unit: str
    role: str
    deadline: str
    cycle: str


@dataclass
class Deployment:
    """What save_deployment wrote (or, for a dry run, would write)."""

    meeting_id: int | None
    directive_ids: list[int] = field(default_factory=list)
    tasks: list[PlannedTask] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    saved: bool = True


class _DryRun(Exception):
    """Raised inside the write transaction to roll a dry run back."""

    def __init__(self, deployment: Deployment):
        super().__init__("dry run")
        self.deployment = deployment


class DeploymentsMixin(WorkbookBase):
    """Save a whole deployment in one transaction; keep a clerk's unsaved work as drafts."""

    # -- deployments ----------------------------------------------------------------------
    def check_meeting(self, **fields: Any) -> dict[str, Any]:
        """The meeting row log_meeting would write (ValidationError if a field is wrong).

        Writes nothing.
        """
        self._require("log_meeting")
        arguments = inspect.signature(self.log_meeting).bind(**fields)
        arguments.apply_defaults()
        return self._check_meeting(arguments.arguments)

    def save_deployment(
        self,
        meeting: Mapping[str, Any],
        directives: Sequence[DirectivePlan],
        *,
        draft_id: int | None = None,
        dry_run: bool = False,
    ) -> Deployment:
        """Log the meeting, add its directives and assign them, all in one transaction.

        `meeting` holds log_meeting's arguments. Errors of every directive are collected
        (keys from directive_key()) and raised together; then nothing is written. The
        draft `draft_id`, if given, is discarded in the same transaction. A dry run checks
        and counts everything, then rolls back.
        """
        self._require("assign")
        try:
            with self.store.write(self.actor) as tx:
                deployment = self._deploy(tx, meeting, directives)
                if draft_id is not None:
                    self._delete_draft(tx, draft_id)
                if dry_run:
                    raise _DryRun(deployment)
        except _DryRun as rolled_back:
            return replace(rolled_back.deployment, meeting_id=None, directive_ids=[], saved=False)
        return deployment

    def _deploy(
        self, tx: Writer, meeting: Mapping[str, Any], directives: Sequence[DirectivePlan]
    ) -> Deployment:
        if not directives:
            raise ValidationError.single("directives", _("add at least one directive"))
        twin = self.store.one(
            "SELECT id FROM meetings WHERE title = ? AND held_on = ?",
            [str(meeting.get("title", "")).strip(), str(meeting.get("held_on", ""))],
        )
        meeting_id = self.log_meeting(**meeting)
        deployment = Deployment(meeting_id)
        if twin is not None:
            deployment.warnings.append(
                _(
                    "A meeting with this title and date is already logged (no. {id}): "
                    "is this the same one?"
                ).format(id=twin["id"])
            )
        errors: dict[str, str] = {}
        new: dict[int, PlannedDirective] = {}
        for index, plan in enumerate(directives):
            checks = self._checks()
            parent = plan.parent
            if parent is not None and not 0 <= parent < index:
                checks.fail("parent_id", _("a sub-item must come after the item it belongs to"))
            parent_uid = new[parent].uid if parent in new else None
            item = self._new_directive(
                checks, str(index), plan.text, plan.areas, plan.marker, plan.speaker, parent_uid
            )
            if checks.errors:
                errors.update({directive_key(index, k): m for k, m in checks.errors.items()})
            else:
                new[index] = item
        ids = self._append_directives(tx, meeting_id, list(new.values()))
        saved = {index: ids[item.uid] for index, item in new.items()}
        for index, directive_id in saved.items():
            plan = directives[index]
            try:
                assignment = self.assign(directive_id, plan.targets, plan.deadline, plan.cycle)
                deployment.warnings.extend(assignment.warnings)
            except ValidationError as exc:
                errors.update({directive_key(index, k): m for k, m in exc.errors.items()})
        if errors:
            raise ValidationError(errors)
        deployment.directive_ids = list(saved.values())
        deployment.tasks = self._planned_tasks(meeting_id, deployment.directive_ids)
        deployment.warnings = list(dict.fromkeys(deployment.warnings))
        return deployment

    def _planned_tasks(self, meeting_id: int, directive_ids: list[int]) -> list[PlannedTask]:
        index_of = {directive_id: index for index, directive_id in enumerate(directive_ids)}
        rows = self.store.rows(
            """SELECT t.directive_id, t.unit_id, u.name AS unit, t.role, t.deadline, t.cycle
               FROM tasks t JOIN directives d ON d.id = t.directive_id
                    JOIN units u ON u.id = t.unit_id
               WHERE d.meeting_id = ? ORDER BY t.id""",
            [meeting_id],
        )
        return [
            PlannedTask(
                index_of[r["directive_id"]],
                r["unit_id"],
                r["unit"],
                r["role"],
                r["deadline"],
                r["cycle"],
            )
            for r in rows
        ]

    # -- drafts ---------------------------------------------------------------------------
    def drafts(self, kind: str = "deployment") -> pd.DataFrame:
        """The acting user's drafts of one kind, most recently changed first (no payloads)."""
        self._require("log_meeting")
        return self.store.frame(
            """SELECT id, kind, title, created_at, updated_at FROM drafts
               WHERE owner = ? AND kind = ? ORDER BY updated_at DESC, id DESC""",
            [self.actor, kind],
        )

    def save_draft(
        self,
        payload: Mapping[str, Any],
        *,
        title: str = "",
        kind: str = "deployment",
        draft_id: int | None = None,
    ) -> int:
        """Keep unsaved work: a new draft, or an update of one of the user's own. Returns its id."""
        self._require("log_meeting")
        checks = self._checks()
        checks.choice("kind", kind, DRAFT_KINDS)
        clean_title = checks.text("title", title, required=False, limit=300) or ""
        try:
            text = dumps(dict(payload))
        except (TypeError, ValueError):
            checks.fail("payload", _("cannot be stored as JSON"))
            text = ""
        if len(text) > MAX_DRAFT_CHARS:
            checks.fail("payload", _("is too large to keep as a draft"))
        checks.raise_if_any()
        stamp = now_iso()
        with self.store.write(self.actor) as tx:
            if draft_id is None:
                row = {
                    "owner": self.actor,
                    "kind": kind,
                    "title": clean_title,
                    "payload": text,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                draft_id = tx.insert("drafts", row, "save_draft")
            else:
                self._own_draft(draft_id, columns="id")  # not its payload: autosave is frequent
                tx.update(
                    "drafts",
                    draft_id,
                    {"title": clean_title, "payload": text, "updated_at": stamp},
                    "update_draft",
                )
        return draft_id

    def load_draft(self, draft_id: int) -> dict[str, Any]:
        """The payload of one of the user's own drafts."""
        self._require("log_meeting")
        return json.loads(self._own_draft(draft_id)["payload"])

    def discard_draft(self, draft_id: int) -> None:
        """Delete one of the user's own drafts."""
        self._require("log_meeting")
        with self.store.write(self.actor) as tx:
            self._own_draft(draft_id, columns="id")
            tx.delete("drafts", draft_id, "discard_draft")

    def _own_draft(self, draft_id: int, columns: str = "*") -> dict[str, Any]:
        """`columns` of the user's own draft, or NotFoundError."""
        row = self.store.one(
            f"SELECT {columns} FROM drafts WHERE id = ? AND owner = ?", [draft_id, self.actor]
        )
        if row is None:
            raise NotFoundError(_("No {what} with id {id}").format(what=_("draft"), id=draft_id))
        return row

    def _delete_draft(self, tx: Writer, draft_id: int) -> None:
        """Delete the user's draft if it is still there."""
        if self.store.one(
            "SELECT 1 FROM drafts WHERE id = ? AND owner = ?", [draft_id, self.actor]
        ):
            tx.delete("drafts", draft_id, "discard_draft")

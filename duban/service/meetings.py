"""Meetings and the directives they deploy (editable until assigned)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd

from duban.db.store import Writer
from duban.infra.clock import now_iso
from duban.infra.errors import NotFoundError, ValidationError
from duban.infra.i18n import _
from duban.service import directive_edits as edits
from duban.service.base import WorkbookBase, dumps
from duban.service.checks import Checks
from duban.service.directive_edits import PlannedDirective
from duban.vocabulary import MEETING_KINDS, MEETING_LEVELS


class MeetingsMixin(WorkbookBase):
    """Log meetings; edit their directives (see duban.service.directive_edits) until assigned."""

    def meetings(self) -> pd.DataFrame:
        """Every meeting, newest first, with its directive and task counts (a reporter: the
        meetings, directives and tasks of their unit's tasks only)."""
        meetings, params = self._reach(meeting="m.id")
        directives, _params = self._reach(directive="d.id")
        tasks, _params = self._reach(unit="t.unit_id")
        return self.store.frame(
            f"""SELECT m.id, m.title, m.kind, m.level, m.held_on, m.location, m.presider,
                       {self._upstream_of("m")} AS upstream_meeting_id, m.doc_number,
                       (SELECT COUNT(*) FROM directives d
                        WHERE d.meeting_id = m.id AND {directives}) AS directives,
                       (SELECT COUNT(*) FROM tasks t JOIN directives d ON d.id = t.directive_id
                        WHERE d.meeting_id = m.id AND {tasks}) AS tasks
                FROM meetings m WHERE {meetings} ORDER BY m.held_on DESC, m.id DESC""",
            params,
        )

    def meeting(self, meeting_id: int) -> dict[str, Any]:
        """One meeting as a dict (speakers decoded); a reporter: one their unit has a task
        from, any other told as not there."""
        reach, params = self._reach(meeting="m.id")
        row = self.store.one(
            f"""SELECT m.*, {self._upstream_of("m")} AS upstream_shown FROM meetings m
                WHERE m.id = :id AND {reach}""",
            {**params, "id": meeting_id},
        )
        if row is None:
            raise NotFoundError(
                _("No {what} with id {id}").format(what=_("meeting"), id=meeting_id)
            )
        row["upstream_meeting_id"] = row.pop("upstream_shown")
        row["speakers"] = json.loads(row["speakers"])
        return row

    def _upstream_of(self, alias: str) -> str:
        """The SQL of a meeting's upstream meeting id: for a reporter, NULL when their unit has
        no task from that meeting (its id is not theirs to learn). Needs _reach's parameters."""
        column = f"{alias}.upstream_meeting_id"
        reach, _params = self._reach(meeting=column)
        return column if reach == "1" else f"CASE WHEN {reach} THEN {column} END"

    def directives(self, meeting_id: int) -> pd.DataFrame:
        """A meeting's directives in order, areas decoded, with their task counts (a reporter:
        the directives and tasks of their unit's tasks; a meeting out of reach, or not there,
        is NotFoundError)."""
        self.meeting(meeting_id)
        reach, params = self._reach(directive="d.id")
        tasks, _params = self._reach(unit="t.unit_id")
        frame = self.store.frame(
            f"""SELECT d.*, (SELECT COUNT(*) FROM tasks t
                             WHERE t.directive_id = d.id AND {tasks}) AS tasks
                FROM directives d WHERE d.meeting_id = :meeting AND {reach}
                ORDER BY d.position""",
            {**params, "meeting": meeting_id},
        )
        frame["areas"] = frame["areas"].map(json.loads)
        return frame

    def log_meeting(
        self,
        title: str,
        kind: str,
        level: str,
        held_on: date | str,
        *,
        location: str | None = None,
        presider: str | None = None,
        speakers: Sequence[str] = (),
        attendees: str | None = None,
        upstream_meeting_id: int | None = None,
        doc_number: str | None = None,
        text: str = "",
    ) -> int:
        """Record a meeting; it may not lie more than a day in the future."""
        self._require("log_meeting")
        row = self._check_meeting(
            dict(
                title=title,
                kind=kind,
                level=level,
                held_on=held_on,
                location=location,
                presider=presider,
                speakers=speakers,
                attendees=attendees,
                upstream_meeting_id=upstream_meeting_id,
                doc_number=doc_number,
                text=text,
            )
        )
        with self.store.write(self.actor) as tx:
            return tx.insert("meetings", row, "log_meeting")

    def _check_meeting(self, fields: dict[str, Any]) -> dict[str, Any]:
        checks = self._checks()
        row = {
            "title": checks.text("title", fields["title"], limit=300),
            "kind": checks.choice("kind", fields["kind"], MEETING_KINDS),
            "level": checks.choice("level", fields["level"], MEETING_LEVELS),
            "location": checks.text("location", fields["location"], required=False, limit=200),
            "presider": checks.text("presider", fields["presider"], required=False, limit=100),
            "attendees": checks.text("attendees", fields["attendees"], required=False, limit=5000),
            "doc_number": checks.text(
                "doc_number", fields["doc_number"], required=False, limit=100
            ),
            "text": checks.text("text", fields["text"], required=False) or "",
            "speakers": dumps(checks.texts("speakers", fields["speakers"], limit=100)),
            "upstream_meeting_id": fields["upstream_meeting_id"],
            "created_by": self.actor,
            "created_at": now_iso(),
        }
        held_on = checks.day("held_on", fields["held_on"])
        if held_on and held_on > self.today() + timedelta(days=1):
            checks.fail("held_on", _("lies in the future: a meeting is logged after it is held"))
        row["held_on"] = held_on.isoformat() if held_on else None
        upstream = fields["upstream_meeting_id"]
        if upstream is not None and not self.store.one(
            "SELECT 1 FROM meetings WHERE id = ?", [upstream]
        ):
            checks.fail("upstream_meeting_id", _("no such meeting"))
        checks.raise_if_any()
        return row

    # -- directives ---------------------------------------------------------------------
    # Every edit is one of duban.service.directive_edits, applied to the meeting's list as
    # stored and written back as the rows that differ (see _rewrite_directives).
    def directive_list(self, meeting_id: int) -> list[PlannedDirective]:
        """A meeting's directives as the list the edits work on (uids are the ids as text)."""
        self._require("edit_directives")
        return [_planned(row) for row in self._directive_rows(meeting_id)]

    def add_directive(
        self,
        meeting_id: int,
        text: str,
        *,
        areas: Sequence[str] = (),
        marker: str | None = None,
        speaker: str | None = None,
        parent_id: int | None = None,
        after_id: int | None = None,
    ) -> int:
        """Add a directive at the end of a meeting, or after `after_id`; under `parent_id`."""
        self._require("edit_directives")
        self._get("meetings", meeting_id, _("meeting"))
        checks = self._checks()
        new = self._new_directive(checks, _NEW, text, areas, marker, speaker, _uid(parent_id))

        def add(items: list[PlannedDirective]) -> list[PlannedDirective]:
            stored = {item.uid for item in items}
            for field, wanted in (("parent_id", parent_id), ("after_id", after_id)):
                if wanted is not None and _uid(wanted) not in stored:
                    checks.fail(field, _("no such directive in this meeting"))
            checks.raise_if_any()
            return edits.add_after(items, new, _uid(after_id))

        with self.store.write(self.actor) as tx:
            ids = self._rewrite_directives(tx, meeting_id, add, "add_directive")
        return ids[_NEW]

    def _new_directive(
        self,
        checks: Checks,
        uid: str,
        text: str,
        areas: Sequence[str],
        marker: str | None,
        speaker: str | None,
        parent: str | None,
    ) -> PlannedDirective:
        """A directive to add; its text and areas checked into `checks` (see clean_areas)."""
        clean_text = checks.text("text", text, limit=20_000)
        try:
            clean_areas = edits.clean_areas(areas)
        except ValidationError as exc:
            checks.fail("areas", exc.errors["areas"])
            clean_areas = ()
        return PlannedDirective(uid, clean_text or "", clean_areas, marker, speaker, parent)

    def _append_directives(
        self, tx: Writer, meeting_id: int, new: Sequence[PlannedDirective]
    ) -> dict[str, int]:
        """Add `new` (parents first) at the end of a meeting's list in one rewrite; uid -> id."""
        self._require("edit_directives")
        return self._rewrite_directives(
            tx, meeting_id, lambda items: [*items, *new], "add_directive"
        )

    def edit_directive(
        self, directive_id: int, *, text: str | None = None, areas: Sequence[str] | None = None
    ) -> None:
        """Change a directive's text or areas."""
        self._require("edit_directives")
        checks = self._checks()
        clean_text = checks.text("text", text, limit=20_000) if text is not None else None
        checks.raise_if_any()
        self._edit_directive(
            directive_id,
            lambda items, uid: edits.edit(items, uid, text=clean_text, areas=areas),
            "edit_directive",
        )

    def merge_directive(self, directive_id: int) -> None:
        """Append a directive's text and areas to the one before it, which takes its sub-items."""
        self._edit_directive(directive_id, edits.merge_with_previous, "merge_directive")

    def split_directive(self, directive_id: int, at: int | None = None) -> int:
        """Cut a directive in two at character `at` (default: split_point); returns the new id."""
        ids = self._edit_directive(
            directive_id,
            lambda items, uid: edits.split(items, uid, _NEW, at),
            "split_directive",
        )
        return ids[_NEW]

    def delete_directive(self, directive_id: int) -> None:
        """Remove a directive; its sub-items move up to its parent."""
        self._edit_directive(directive_id, edits.delete, "delete_directive")

    def move_directive(self, directive_id: int, offset: int) -> None:
        """Move a directive up (-1) or down (+1) its meeting's list (see directive_edits.move)."""
        self._edit_directive(
            directive_id, lambda items, uid: edits.move(items, uid, offset), "move_directive"
        )

    def nest_directive(self, directive_id: int) -> None:
        """Nest a directive under the nearest one above it at its level."""
        self._edit_directive(directive_id, edits.nest, "move_directive")

    def set_directive_parent(self, directive_id: int, parent_id: int | None) -> None:
        """Nest a directive under `parent_id` (one above it), or make it top-level (None)."""
        self._edit_directive(
            directive_id,
            lambda items, uid: edits.set_parent(items, uid, _uid(parent_id)),
            "move_directive",
        )

    def _edit_directive(
        self,
        directive_id: int,
        edit: Callable[[list[PlannedDirective], str], list[PlannedDirective]],
        action: str,
    ) -> dict[str, int]:
        """Apply `edit(items, uid)` to the list of `directive_id`'s meeting; returns uid -> id."""
        self._require("edit_directives")
        with self.store.write(self.actor) as tx:
            row = self._get("directives", directive_id, _("directive"))
            return self._rewrite_directives(
                tx, row["meeting_id"], lambda items: edit(items, str(directive_id)), action
            )

    def _directive_rows(self, meeting_id: int) -> list[dict[str, Any]]:
        return self.store.rows(
            """SELECT d.*, EXISTS (SELECT 1 FROM tasks t WHERE t.directive_id = d.id) AS assigned
               FROM directives d WHERE d.meeting_id = ? ORDER BY d.position, d.id""",
            [meeting_id],
        )

    def _rewrite_directives(
        self,
        tx: Writer,
        meeting_id: int,
        edit: Callable[[list[PlannedDirective]], list[PlannedDirective]],
        action: str,
    ) -> dict[str, int]:
        """Apply `edit` to the meeting's stored list and write the rows that differ; uid -> id.

        Numbers are given afresh from the tree (directive_edits.numbers, as a save numbers
        them), positions run 1, 2, …. An edit that would change an assigned directive (its
        text, areas, parent or number), or remove it, is refused before anything is written.
        """
        rows = {str(row["id"]): row for row in self._directive_rows(meeting_id)}
        before = {uid: _planned(row) for uid, row in rows.items()}
        planned = edit(list(before.values()))
        seqs = edits.numbers(planned)
        _refuse_changes_to_assigned(rows, before, planned, seqs)
        ids = {uid: row["id"] for uid, row in rows.items()}
        for position, item in enumerate(planned, start=1):
            columns = {
                "parent_id": ids[item.parent] if item.parent is not None else None,
                "seq": seqs[item.uid],
                "position": position,
                "marker": item.marker,
                "speaker": item.speaker,
                "text": item.text,
                "areas": dumps(list(item.areas)),
            }
            old = rows.get(item.uid)
            if old is None:
                row = {"meeting_id": meeting_id, **columns, "created_at": now_iso()}
                ids[item.uid] = tx.insert("directives", row, action)
                continue
            changes = {name: value for name, value in columns.items() if old[name] != value}
            if changes:
                tx.update("directives", old["id"], changes, action)
        kept = {item.uid for item in planned}
        for uid in reversed([uid for uid in rows if uid not in kept]):
            tx.delete("directives", rows[uid]["id"], action)
        return ids


_NEW = "new"  # the uid of a directive an edit adds, until it has its id


def _uid(directive_id: int | None) -> str | None:
    return str(directive_id) if directive_id is not None else None


def _planned(row: dict[str, Any]) -> PlannedDirective:
    return PlannedDirective(
        str(row["id"]),
        row["text"],
        tuple(json.loads(row["areas"])),
        row["marker"],
        row["speaker"],
        _uid(row["parent_id"]),
    )


def _refuse_changes_to_assigned(
    rows: dict[str, dict[str, Any]],
    before: dict[str, PlannedDirective],
    planned: list[PlannedDirective],
    seqs: dict[str, str],
) -> None:
    """ValidationError naming the first assigned directive the edit would change or remove."""
    after = {item.uid: item for item in planned}
    for uid, row in rows.items():
        if row["assigned"] and (after.get(uid) != before[uid] or seqs.get(uid) != row["seq"]):
            raise ValidationError.single(
                "directive",
                _("directive {seq} is already assigned and can no longer change").format(
                    seq=row["seq"]
                ),
            )

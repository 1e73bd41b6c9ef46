"""Meetings and the directives they deploy (editable until assigned)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd

from duban.infra.clock import now_iso
from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.service.base import WorkbookBase, dumps
from duban.service.checks import Checks
from duban.vocabulary import AREAS, MEETING_KINDS, MEETING_LEVELS


def _check_areas(checks: Checks, areas: Sequence[str]) -> list[str]:
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        checks.fail("areas", _("unknown areas: {areas}").format(areas=", ".join(unknown)))
    return list(dict.fromkeys(a for a in areas if a in AREAS))


class MeetingsMixin(WorkbookBase):
    """Log meetings; add, edit, merge and delete their directives before assignment."""

    def meetings(self) -> pd.DataFrame:
        """Every meeting, newest first, with its directive and task counts."""
        return self.store.frame(
            """SELECT m.id, m.title, m.kind, m.level, m.held_on, m.location, m.presider,
                      m.upstream_meeting_id, m.doc_number,
                      (SELECT COUNT(*) FROM directives d WHERE d.meeting_id = m.id) AS directives,
                      (SELECT COUNT(*) FROM tasks t JOIN directives d ON d.id = t.directive_id
                       WHERE d.meeting_id = m.id) AS tasks
               FROM meetings m ORDER BY m.held_on DESC, m.id DESC"""
        )

    def meeting(self, meeting_id: int) -> dict[str, Any]:
        """One meeting as a dict (speakers decoded)."""
        row = self._get("meetings", meeting_id, _("meeting"))
        row["speakers"] = json.loads(row["speakers"])
        return row

    def directives(self, meeting_id: int) -> pd.DataFrame:
        """A meeting's directives in order, areas decoded, with their task counts."""
        frame = self.store.frame(
            """SELECT d.*, (SELECT COUNT(*) FROM tasks t WHERE t.directive_id = d.id) AS tasks
               FROM directives d WHERE d.meeting_id = ? ORDER BY d.position""",
            [meeting_id],
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
            "speakers": dumps([s.strip() for s in fields["speakers"] if s and s.strip()]),
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
    def add_directive(
        self,
        meeting_id: int,
        text: str,
        *,
        areas: Sequence[str] = (),
        marker: str | None = None,
        speaker: str | None = None,
        parent_id: int | None = None,
    ) -> int:
        """Append a directive to a meeting (under `parent_id` for a nested item)."""
        self._require("edit_directives")
        self._get("meetings", meeting_id, _("meeting"))
        checks = self._checks()
        clean_text = checks.text("text", text, limit=20_000)
        clean_areas = _check_areas(checks, areas)
        parent = None
        if parent_id is not None:
            parent = self.store.one(
                "SELECT * FROM directives WHERE id = ? AND meeting_id = ?", [parent_id, meeting_id]
            )
            if parent is None:
                checks.fail("parent_id", _("no such directive in this meeting"))
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            return tx.insert(
                "directives",
                {
                    "meeting_id": meeting_id,
                    "parent_id": parent_id,
                    "seq": self._next_seq(meeting_id, parent),
                    "position": self._next_position(meeting_id),
                    "marker": marker,
                    "speaker": speaker,
                    "text": clean_text,
                    "areas": dumps(clean_areas),
                    "created_at": now_iso(),
                },
                "add_directive",
            )

    def _next_seq(self, meeting_id: int, parent: dict[str, Any] | None) -> str:
        """One more than the highest number among the siblings (numbers are never reused)."""
        siblings = self.store.rows(
            "SELECT seq FROM directives WHERE meeting_id = ? AND parent_id IS ?",
            [meeting_id, parent["id"] if parent else None],
        )
        highest = max((int(row["seq"].rsplit(".", 1)[-1]) for row in siblings), default=0)
        return f"{parent['seq']}.{highest + 1}" if parent else str(highest + 1)

    def _next_position(self, meeting_id: int) -> int:
        row = self.store.one(
            "SELECT COALESCE(MAX(position), 0) AS p FROM directives WHERE meeting_id = ?",
            [meeting_id],
        )
        return row["p"] + 1

    def _unassigned_directive(self, directive_id: int) -> dict[str, Any]:
        row = self._get("directives", directive_id, _("directive"))
        if self.store.one("SELECT 1 FROM tasks WHERE directive_id = ?", [directive_id]):
            raise ValidationError.single(
                "directive",
                _("directive {seq} is already assigned and can no longer change").format(
                    seq=row["seq"]
                ),
            )
        return row

    def edit_directive(
        self, directive_id: int, *, text: str | None = None, areas: Sequence[str] | None = None
    ) -> None:
        """Change a directive's text or areas, while it has no tasks."""
        self._require("edit_directives")
        self._unassigned_directive(directive_id)
        checks, changes = self._checks(), {}
        if text is not None:
            changes["text"] = checks.text("text", text, limit=20_000)
        if areas is not None:
            changes["areas"] = dumps(_check_areas(checks, areas))
        checks.raise_if_any()
        if changes:
            with self.store.write(self.actor) as tx:
                tx.update("directives", directive_id, changes, "edit_directive")

    def merge_directives(self, first_id: int, second_id: int) -> None:
        """Append the second directive's text and areas to the first and remove the second."""
        self._require("edit_directives")
        first, second = self._unassigned_directive(first_id), self._unassigned_directive(second_id)
        if first["meeting_id"] != second["meeting_id"] or first_id == second_id:
            raise ValidationError.single(
                "directive", _("only two directives of the same meeting can be merged")
            )
        if first["parent_id"] == second_id or second["parent_id"] == first_id:
            raise ValidationError.single(
                "directive", _("a directive cannot be merged with its own sub-item")
            )
        areas = list(dict.fromkeys(json.loads(first["areas"]) + json.loads(second["areas"])))
        with self.store.write(self.actor) as tx:
            children = self.store.rows("SELECT id FROM directives WHERE parent_id = ?", [second_id])
            tx.update(
                "directives",
                first_id,
                {"text": f"{first['text']}\n{second['text']}", "areas": dumps(areas)},
                "merge_directive",
            )
            for child in children:
                tx.update("directives", child["id"], {"parent_id": first_id}, "move_directive")
            tx.delete("directives", second_id, "delete_directive")

    def delete_directive(self, directive_id: int) -> None:
        """Remove a directive that has no tasks and no sub-items."""
        self._require("edit_directives")
        row = self._unassigned_directive(directive_id)
        if self.store.one("SELECT 1 FROM directives WHERE parent_id = ?", [directive_id]):
            raise ValidationError.single("directive", _("delete or merge its sub-items first"))
        with self.store.write(self.actor) as tx:
            tx.delete("directives", row["id"], "delete_directive")

"""Tasks: assignment (groups expand to one task per unit), the status rules, reports and reviews."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from duban.db.queries import TASK_COLUMNS, TASKS_FROM
from duban.db.store import Writer
from duban.infra.clock import now_iso
from duban.infra.errors import NotFoundError, ValidationError
from duban.infra.i18n import _
from duban.service import evidence as files
from duban.service import permissions
from duban.service.base import WorkbookBase
from duban.service.checks import Checks
from duban.service.cycles import PeriodReport, period_reports
from duban.service.evidence import EvidenceFile, Upload
from duban.service.status import next_status
from duban.service.workdays import MAX_WORKING_DAYS
from duban.vocabulary import CYCLES, TASK_ROLES


def _prefer_lead(roles: dict[int, str], unit_id: int, role: str) -> None:
    """Record `role` for a unit, unless it already leads."""
    if roles.get(unit_id) != "lead":
        roles[unit_id] = role


@dataclass(frozen=True)
class Target:
    """Who a directive goes to: a unit or group (id, name or alias) and the role."""

    name: int | str
    role: str = "lead"
    group: bool = False


@dataclass
class Assignment:
    """What `assign` did: the tasks created, and anything the clerk should know."""

    task_ids: list[int] = field(default_factory=list)
    deadline: date | None = None
    warnings: list[str] = field(default_factory=list)


# What a reporter reads of meetings, directives and tasks: those of their unit's tasks only
# (`{column}` is the id read; the parameter :own_unit their unit). See TasksMixin._reach.
REACH = {
    "meeting": "{column} IN (SELECT d.meeting_id FROM tasks t JOIN directives d"
    " ON d.id = t.directive_id WHERE t.unit_id = :own_unit)",
    "directive": "{column} IN (SELECT directive_id FROM tasks WHERE unit_id = :own_unit)",
    "unit": "{column} = :own_unit",
}


def extension_too_late(task: dict[str, Any], today: date) -> bool:
    """Whether a task is past asking for more time: an extension is asked for before the
    deadline has passed (on the deadline day itself it still may be)."""
    return today > date.fromisoformat(task["deadline"])


class TasksMixin(WorkbookBase):
    """Assign directives and move tasks through their status rules."""

    # -- reads ------------------------------------------------------------------------
    def yellow_until(self, today: date | None = None) -> date:
        """The last deadline that shows yellow today (N working days ahead)."""
        return self.add_working_days(today or self.today(), self.settings.yellow_days).date

    def _task_scope(self, today: date | None = None) -> tuple[list[str], dict[str, Any]]:
        """Where every task read starts: its derived columns' dates, and a reporter's own unit."""
        today = today or self.today()
        params: dict[str, Any] = {
            "today": today.isoformat(),
            "yellow_until": self.yellow_until(today).isoformat(),
        }
        where = []
        if self.user["role"] == "reporter":
            where.append("t.unit_id = :own_unit")
            params["own_unit"] = self.user["unit_id"]
        return where, params

    def _reach(self, **columns: str) -> tuple[str, dict[str, Any]]:
        """An SQL condition (and its parameters) keeping a reporter to the meetings
        (`meeting=<column>`), directives (`directive=`) and units' tasks (`unit=`) their unit
        has a task from; for every other role, "1" (all)."""
        if self.user["role"] != "reporter":
            return "1", {}
        clause = " AND ".join(REACH[kind].format(column=col) for kind, col in columns.items())
        return clause, {"own_unit": self.user["unit_id"]}

    def tasks(
        self,
        *,
        meeting_id: int | None = None,
        directive_id: int | None = None,
        unit: int | str | None = None,
        status: str | None = None,
        today: date | None = None,
    ) -> pd.DataFrame:
        """Tasks with their derived columns; a reporter sees only their own unit's."""
        where, params = self._task_scope(today)
        if unit is not None:
            where.append("t.unit_id = :unit")
            params["unit"] = self.find_unit(unit)["id"]
        for column, value in (
            ("d.meeting_id", meeting_id),
            ("t.directive_id", directive_id),
            ("t.status", status),
        ):
            if value is not None:
                key = column.split(".")[1]
                where.append(f"{column} = :{key}")
                params[key] = value
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        frame = self.store.frame(
            f"SELECT {TASK_COLUMNS} {TASKS_FROM} {clause} ORDER BY t.id", params
        )
        frame["areas"] = frame["areas"].map(json.loads)
        return frame

    def task(self, task_id: int) -> dict[str, Any]:
        """One task with its derived columns (a reporter: only their own unit's)."""
        where, params = self._task_scope()
        params["id"] = task_id
        row = self.store.one(
            f"SELECT {TASK_COLUMNS} {TASKS_FROM} WHERE {' AND '.join([*where, 't.id = :id'])}",
            params,
        )
        if row is None:
            raise NotFoundError(_("No {what} with id {id}").format(what=_("task"), id=task_id))
        return row

    def reports(self, task_id: int) -> pd.DataFrame:
        """A task's progress reports, oldest first, with their evidence file names and the
        reporter's display name (`reporter_name`; the login if no user has it any more)."""
        self.task(task_id)
        return self.store.frame(
            """SELECT r.*, (SELECT json_group_array(e.filename) FROM evidence e
                            WHERE e.report_id = r.id) AS evidence,
                      COALESCE(u.display_name, r.reporter) AS reporter_name
               FROM progress_reports r LEFT JOIN users u ON u.login = r.reporter
               WHERE r.task_id = ? ORDER BY r.reported_at, r.id""",
            [task_id],
        )

    def events(self, entity: str | None = None, entity_id: int | None = None) -> pd.DataFrame:
        """The audit trail, newest first (optionally for one entity); not for reporters."""
        self._require("read_audit")
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(entity_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.store.frame(f"SELECT * FROM events {clause} ORDER BY id DESC", params)

    # -- assignment ---------------------------------------------------------------------
    def resolve_deadline(
        self, deadline: date | str | int, checks: Checks | None = None
    ) -> tuple[date | None, str | None]:
        """(deadline, warning): a date as given, or N working days after today.

        With `checks`, a bad deadline is recorded there (for the caller to raise with
        its other fields) and (None, None) returned; without, it raises ValidationError.
        """
        own = checks is None
        checks = checks or self._checks()
        due, warning = None, None
        if isinstance(deadline, int) and not isinstance(deadline, bool):
            if 1 <= deadline <= MAX_WORKING_DAYS:
                result = self.add_working_days(self.today(), deadline)
                due, warning = result.date, result.warning
            else:
                checks.fail(
                    "deadline",
                    _("working days must be between 1 and {most}").format(most=MAX_WORKING_DAYS),
                )
        else:
            due = checks.day("deadline", deadline)
        if own:
            checks.raise_if_any()
        return due, warning

    def expand_targets(self, targets: Sequence[Target | int | str]) -> dict[int, str]:
        """unit id -> role. Groups give one entry per active member.

        A unit named itself keeps its own role over any group's; between two of the
        same standing (two groups, or the unit named twice) lead wins over cooperating.
        """
        self._require("assign")
        checks, named, from_groups = self._checks(), {}, {}
        for target in targets:
            target = target if isinstance(target, Target) else Target(target)
            if checks.choice("role", target.role, TASK_ROLES) is None:
                continue
            where = f"{target.role}_units"  # a problem shows beside the list the unit was chosen in
            unit = None if target.group else self._find("units", target.name)
            if unit is None and isinstance(target.name, int) and not target.group:
                checks.fail(where, _("Unknown unit: {name}").format(name=target.name))
            elif unit is None:
                group = self._find("unit_groups", target.name)
                if group is None:
                    checks.fail(where, _("Unknown unit or group: {name}").format(name=target.name))
                for unit_id in self.group_unit_ids(group["id"]) if group else []:
                    _prefer_lead(from_groups, unit_id, target.role)
            elif not unit["active"]:
                checks.fail(where, _("{name} is no longer active").format(name=unit["name"]))
            else:
                _prefer_lead(named, unit["id"], target.role)
        if not targets:
            checks.fail("lead_units", _("choose at least one unit or group"))
        checks.raise_if_any()
        return {**from_groups, **named}

    def assign(
        self,
        directive_id: int,
        targets: Sequence[Target | int | str],
        deadline: date | str | int,
        cycle: str = "none",
    ) -> Assignment:
        """Create one task per unit for a directive; units that already have it are skipped."""
        self._require("assign")
        directive = self._get("directives", directive_id, _("directive"))
        meeting = self._get("meetings", directive["meeting_id"], _("meeting"))
        checks = self._checks()
        due, warning = self.resolve_deadline(deadline, checks)
        checks.choice("cycle", cycle, CYCLES)
        if due and due < date.fromisoformat(meeting["held_on"]):
            checks.fail(
                "deadline",
                _("lies before the meeting ({held_on})").format(held_on=meeting["held_on"]),
            )
        elif due and due < self.today():
            checks.fail(
                "deadline", _("has already passed (today is {today})").format(today=self.today())
            )
        checks.raise_if_any()
        roles = self.expand_targets(targets)
        result = Assignment(deadline=due, warnings=[warning] if warning else [])
        stamp = now_iso()
        # read what exists inside the lock: two clerks cannot both add a unit
        with self.store.write(self.actor) as tx:
            existing = {
                r["unit_id"]: r["name"]
                for r in self.store.rows(
                    "SELECT t.unit_id, u.name FROM tasks t JOIN units u ON u.id = t.unit_id "
                    "WHERE t.directive_id = ?",
                    [directive_id],
                )
            }
            for unit_id, role in roles.items():
                if unit_id in existing:
                    result.warnings.append(
                        _("{unit} already has this directive").format(unit=existing[unit_id])
                    )
                    continue
                row = {
                    "directive_id": directive_id,
                    "unit_id": unit_id,
                    "role": role,
                    "deadline": due.isoformat(),
                    "original_deadline": due.isoformat(),
                    "cycle": cycle,
                    "status": "assigned",
                    "percent": 0,
                    "assigned_at": stamp,
                    "assigned_by": self.actor,
                    "updated_at": stamp,
                }
                result.task_ids.append(tx.insert("tasks", row, "assign"))
        return result

    # -- the status rules -----------------------------------------------------------------
    def _move(
        self, tx: Writer, task_id: int, action: str, changes: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Check permission and the transition table, then update the task with its audit row."""
        task = self._permitted_task(action, task_id)
        status = next_status(task_id, task["status"], action)
        tx.update(
            "tasks", task_id, {"status": status, "updated_at": now_iso(), **(changes or {})}, action
        )
        return task

    def acknowledge(self, task_id: int) -> None:
        """The unit confirms it received the task."""
        with self.store.write(self.actor) as tx:
            self._move(tx, task_id, "acknowledge")

    def _permitted_task(self, action: str, task_id: int) -> dict[str, Any]:
        """The task row, once the user may do `action` on it: checked before any input is, so a
        refusal says nothing about another unit's task."""
        self._require(action)
        task = self.store.one("SELECT * FROM tasks WHERE id = ?", [task_id])
        if task is None and self.user["role"] == "reporter":
            raise permissions.not_own_unit(self.user)
        if task is None:
            raise NotFoundError(_("No {what} with id {id}").format(what=_("task"), id=task_id))
        self._require(action, task["unit_id"])
        return task

    def report_progress(
        self,
        task_id: int,
        percent: int,
        text: str,
        evidence: Sequence[str | Path | Upload] = (),
        *,
        closure: bool = False,
    ) -> int:
        """A progress note with a percentage and evidence files (paths, or uploads as sent);
        `closure=True` asks to close. Evidence is stored as duban.service.evidence says."""
        action = "request_closure" if closure else "report"
        self._permitted_task(action, task_id)
        checks = self._checks()
        clean_percent = checks.integer("percent", percent, 0, 100)
        clean_text = checks.text("text", text, limit=5000)
        checked = files.check_uploads(checks, evidence)
        checks.raise_if_any()
        created: list[Path] = []
        try:
            with self.store.write(self.actor) as tx:
                self._move(tx, task_id, action, {"percent": clean_percent})
                report_id = tx.insert(
                    "progress_reports",
                    {
                        "task_id": task_id,
                        "reported_at": now_iso(),
                        "reporter": self.actor,
                        "percent": clean_percent,
                        "text": clean_text,
                        "closure_request": int(closure),
                    },
                    action,
                )
                self._add_evidence(tx, report_id, checked, created)
        except BaseException:
            for path in created:  # the report was rolled back: so are the files it brought
                path.unlink(missing_ok=True)
            raise
        return report_id

    def request_closure(
        self, task_id: int, text: str, evidence: Sequence[str | Path | Upload] = ()
    ) -> int:
        """The unit reports the task done (100 %) and asks the office to close it."""
        return self.report_progress(task_id, 100, text, evidence, closure=True)

    def _add_evidence(
        self, tx: Writer, report_id: int, checked: list[files.CheckedFile], created: list[Path]
    ) -> None:
        """Place each file (inside the write lock: no sweep or other writer in between) and
        insert its row; the files this call created are noted in `created`."""
        root = self.store.path.parent
        unique: dict[str, files.CheckedFile] = {}
        for one in checked:  # the same content once a report, under the first name it came by
            unique.setdefault(one.sha256, one)
        for one in unique.values():
            placed = files.place(root, one)
            if placed is not None:
                created.append(placed)
            tx.insert(
                "evidence",
                {
                    "report_id": report_id,
                    "filename": one.filename,
                    "path": one.relative.as_posix(),
                    "sha256": one.sha256,
                    "size": len(one.content),
                },
                "add_evidence",
            )

    def evidence_files(self, task_id: int, report_id: int | None = None) -> list[EvidenceFile]:
        """The evidence of a task (or of one of its reports), oldest first; a reporter: only
        their own unit's tasks."""
        self.task(task_id)
        rows = self.store.rows(
            """SELECT e.id, e.report_id, e.filename, e.size, e.path FROM evidence e
               JOIN progress_reports r ON r.id = e.report_id
               WHERE r.task_id = :task AND (:report IS NULL OR e.report_id = :report)
               ORDER BY r.reported_at, e.id""",
            {"task": task_id, "report": report_id},
        )
        root = self.store.path.parent
        return [
            EvidenceFile(
                id=row["id"],
                report_id=row["report_id"],
                filename=row["filename"],
                size=row["size"],
                media_type=files.media_type_of(row["path"]),
                path=root / row["path"],
            )
            for row in rows
        ]

    def sweep_evidence(self) -> list[str]:
        """Delete evidence files no row references and stale temporaries (office only); the
        paths removed, relative to the database's folder."""
        self._require("sweep_evidence")
        return files.sweep_store(self.store, self.actor)

    def request_extension(self, task_id: int, new_deadline: date | str, reason: str) -> int:
        """Ask, before the deadline, to move it to a later date (text pasted from a document is
        read too: full-width digits, 2027年2月5日)."""
        task = self._permitted_task("request_extension", task_id)
        checks = self._checks()
        clean_reason = checks.text("reason", reason, limit=2000)
        due = checks.day("new_deadline", new_deadline)
        if due and due <= date.fromisoformat(task["deadline"]):
            checks.fail(
                "new_deadline",
                _("must be later than the current deadline ({deadline})").format(
                    deadline=task["deadline"]
                ),
            )
        if extension_too_late(task, self.today()):
            checks.fail(
                "new_deadline", _("an extension must be asked for before the deadline has passed")
            )
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            self._move(tx, task_id, "request_extension")
            return tx.insert(
                "extension_requests",
                {
                    "task_id": task_id,
                    "requested_by": self.actor,
                    "requested_at": now_iso(),
                    "reason": clean_reason,
                    "old_deadline": task["deadline"],
                    "new_deadline": due.isoformat(),
                },
                "request_extension",
            )

    def decide_extension(self, request_id: int, approve: bool, comment: str = "") -> None:
        """Approve (the deadline moves) or reject (it stays) a pending extension request."""
        self._require("decide_extension")
        request = self._get("extension_requests", request_id, _("extension request"))
        self._permitted_task("decide_extension", request["task_id"])
        if request["decision"] is not None:
            raise ValidationError.single("request", _("this request was already decided"))
        checks = self._checks()
        clean_comment = checks.text("comment", comment, required=not approve, limit=2000) or ""
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            self._move(
                tx,
                request["task_id"],
                "decide_extension",
                {"deadline": request["new_deadline"]} if approve else {},
            )
            tx.update(
                "extension_requests",
                request_id,
                {
                    "decision": "approved" if approve else "rejected",
                    "decided_by": self.actor,
                    "decided_at": now_iso(),
                    "comment": clean_comment,
                },
                "decide_extension",
            )

    def close(self, task_id: int, comment: str = "") -> None:
        """Accept a closure request: the task is closed (办结) today."""
        self._review(
            task_id, "close", "closed", comment, required=False, changes={"closed_at": now_iso()}
        )

    def return_task(self, task_id: int, comment: str) -> None:
        """Send a closure request back (退回) with the reason; the comment is required."""
        self._review(task_id, "return", "returned", comment, required=True, changes={})

    def reopen(self, task_id: int, comment: str) -> None:
        """Reopen a closed task for a look-back (回头看); the comment is required."""
        self._review(
            task_id, "reopen", "reopened", comment, required=True, changes={"closed_at": None}
        )

    def _review(
        self,
        task_id: int,
        action: str,
        decision: str,
        comment: str,
        *,
        required: bool,
        changes: dict,
    ) -> None:
        """Close, return or reopen, with the office's comment (the unit sees it)."""
        self._permitted_task(action, task_id)
        checks = self._checks()
        clean = checks.text("comment", comment, required=required, limit=2000) or ""
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            self._move(tx, task_id, action, changes)
            tx.insert(
                "reviews",
                {
                    "task_id": task_id,
                    "decision": decision,
                    "comment": clean,
                    "reviewer": self.actor,
                    "reviewed_at": now_iso(),
                },
                action,
            )

    def remind(self, task_id: int, note: str = "", kind: str = "reminder") -> int:
        """Record a reminder (催办) or an interview (约谈) about a task."""
        task = self._permitted_task("remind", task_id)
        checks = self._checks()
        checks.choice("kind", kind, ("reminder", "interview"))
        clean = checks.text("note", note, required=False, limit=2000) or ""
        if task["status"] == "closed":
            checks.fail("task", _("task {task} is closed").format(task=task_id))
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            return tx.insert(
                "reminders",
                {
                    "task_id": task_id,
                    "kind": kind,
                    "note": clean,
                    "sent_by": self.actor,
                    "sent_at": now_iso(),
                },
                "remind",
            )

    # -- what a unit reads about its tasks --------------------------------------------------
    def task_timeline(self, task_id: int) -> pd.DataFrame:
        """Every event of a task's record, oldest first: assignment and acknowledgement (from
        the audit), reports, extension requests and decisions, reviews, reminders.

        Columns: at, what (a value of TIMELINE_ENTRIES), who, who_name, percent, text,
        report_id, new_deadline. For the task's own unit and the office (self.task's scope).
        """
        self.task(task_id)
        covered = ", ".join(f"'{a}'" for a in COVERED_ACTIONS)

        def written(table: str, action: str | None = None) -> str:
            """The id of the audit event that wrote a row: the order of rows in one second."""
            also = f" AND action = '{action}'" if action else ""
            return (
                f"(SELECT MAX(ev.id) FROM events ev WHERE ev.entity = '{table}'"
                f" AND ev.entity_id = x.id{also})"
            )

        return self.store.frame(
            f"""SELECT h.*, COALESCE(u.display_name, h.who) AS who_name FROM (
                   SELECT at, CASE action WHEN 'assign' THEN 'assigned'
                                          WHEN 'acknowledge' THEN 'acknowledged'
                                          ELSE 'changed' END AS what,
                          actor AS who, NULL AS percent, NULL AS text, NULL AS report_id,
                          NULL AS new_deadline, id AS seq
                   FROM events WHERE entity = 'tasks' AND entity_id = :id
                                 AND action NOT IN ({covered})
                   UNION ALL SELECT reported_at,
                          CASE closure_request WHEN 1 THEN 'closure_request' ELSE 'report' END,
                          reporter, percent, text, id, NULL, {written("progress_reports")}
                   FROM progress_reports x WHERE task_id = :id
                   UNION ALL SELECT requested_at, 'extension_requested', requested_by, NULL,
                          reason, NULL, new_deadline,
                          {written("extension_requests", "request_extension")}
                   FROM extension_requests x WHERE task_id = :id
                   UNION ALL SELECT decided_at, 'extension_' || decision, decided_by, NULL,
                          comment, NULL, new_deadline,
                          {written("extension_requests", "decide_extension")}
                   FROM extension_requests x WHERE task_id = :id AND decision IS NOT NULL
                   UNION ALL SELECT reviewed_at, decision, reviewer, NULL, comment, NULL, NULL,
                          {written("reviews")}
                   FROM reviews x WHERE task_id = :id
                   UNION ALL SELECT sent_at, kind, sent_by, NULL, note, NULL, NULL,
                          {written("reminders")}
                   FROM reminders x WHERE task_id = :id) AS h
               LEFT JOIN users u ON u.login = h.who
               ORDER BY h.at, h.seq""",
            {"id": task_id},
        ).drop(columns="seq")

    def return_comment(self, task_id: int) -> str | None:
        """The office's comment when it last returned the task (退回意见), if it stands returned."""
        task = self.task(task_id)
        if task["status"] != "returned":
            return None
        row = self.store.one(
            "SELECT comment FROM reviews WHERE task_id = ? AND decision = 'returned'"
            " ORDER BY reviewed_at DESC, id DESC LIMIT 1",
            [task_id],
        )
        return row["comment"] if row else None

    def cycle_reports(self, task_id: int, today: date | None = None) -> list[PeriodReport]:
        """A standing directive's periods, each sent, due or missing (duban.service.cycles);
        empty for a task with no reporting cycle."""
        task = self.task(task_id)
        if task["cycle"] == "none":
            return []
        sent = self.store.rows(
            "SELECT reported_at FROM progress_reports WHERE task_id = ?", [task_id]
        )
        return _periods_of(task, [r["reported_at"] for r in sent], today or self.today())

    def standing_tasks(
        self, unit: int | str | None = None, today: date | None = None
    ) -> list[tuple[dict[str, Any], list[PeriodReport]]]:
        """A unit's open tasks with a reporting cycle, each with its periods (a reporter: own
        unit), in task order."""
        frame = self.tasks(unit=unit, today=today)
        frame = frame[(frame["cycle"] != "none") & (frame["status"] != "closed")]
        if frame.empty:
            return []
        ids = [int(i) for i in frame["id"]]
        sent: dict[int, list[str]] = {i: [] for i in ids}
        for row in self.store.rows(
            f"SELECT task_id, reported_at FROM progress_reports "
            f"WHERE task_id IN ({', '.join('?' * len(ids))})",
            ids,
        ):
            sent[row["task_id"]].append(row["reported_at"])
        today = today or self.today()
        tasks = frame.to_dict("records")
        return [(task, _periods_of(task, sent[int(task["id"])], today)) for task in tasks]


# task audit events the timeline shows through their own rows instead (a report, a review…)
COVERED_ACTIONS = (
    "report",
    "request_closure",
    "request_extension",
    "decide_extension",
    "close",
    "return",
    "reopen",
)


def _periods_of(task: dict[str, Any], sent: list[str], today: date) -> list[PeriodReport]:
    closed = task.get("closed_at")
    return period_reports(
        task["cycle"],
        datetime.fromisoformat(task["assigned_at"]).date(),
        sent,
        today,
        datetime.fromisoformat(closed).date() if isinstance(closed, str) and closed else None,
    )

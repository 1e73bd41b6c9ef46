"""Numbered, forward-only schema migrations (sqlite-utils `Migrations`), applied on open.

Add a migration as a new function at the end; never edit one that has shipped. Each
migration's SQL is literal (no value is read from the code's vocabulary), so what a
migration did never changes: tests/core/test_migrations.py compares the schema the chain
builds with a committed snapshot, and each CHECK list with duban.vocabulary.
The tables analysts may rely on: units, unit_groups, unit_group_members, users, meetings,
directives, tasks, progress_reports, evidence, extension_requests, reviews, reminders,
events, holidays.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("duban")

INITIAL_SCHEMA = [
    """CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('street', 'department', 'committee', 'other')),
        aliases TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        valid_from TEXT,
        valid_to TEXT,
        successor_id INTEGER REFERENCES units(id),
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE unit_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        aliases TEXT NOT NULL DEFAULT '[]',
        unit_kind TEXT CHECK (unit_kind IS NULL OR unit_kind IN ('street', 'department', 'committee', 'other')),
        created_at TEXT NOT NULL
    )""",  # noqa: E501 (frozen SQL, stored verbatim in sqlite_master)
    """CREATE TABLE unit_group_members (
        group_id INTEGER NOT NULL REFERENCES unit_groups(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        PRIMARY KEY (group_id, unit_id)
    )""",
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'reporter', 'leader', 'analyst')),
        unit_id INTEGER REFERENCES units(id),
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('plenary', 'video_conference', 'dispatch', 'special', 'inspection', 'other')),
        level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'district', 'street')),
        held_on TEXT NOT NULL,
        location TEXT,
        presider TEXT,
        speakers TEXT NOT NULL DEFAULT '[]',
        attendees TEXT,
        upstream_meeting_id INTEGER REFERENCES meetings(id),
        doc_number TEXT,
        text TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",  # noqa: E501 (frozen SQL, stored verbatim in sqlite_master)
    """CREATE TABLE directives (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id),
        parent_id INTEGER REFERENCES directives(id),
        seq TEXT NOT NULL,
        position INTEGER NOT NULL,
        marker TEXT,
        speaker TEXT,
        text TEXT NOT NULL,
        areas TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        directive_id INTEGER NOT NULL REFERENCES directives(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
        deadline TEXT NOT NULL,
        original_deadline TEXT NOT NULL,
        cycle TEXT NOT NULL DEFAULT 'none' CHECK (cycle IN ('none', 'weekly', 'monthly', 'quarterly')),
        status TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'acknowledged', 'in_progress', 'extension_requested', 'closure_requested', 'returned', 'closed')),
        percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        assigned_at TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        closed_at TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (directive_id, unit_id)
    )""",  # noqa: E501 (frozen SQL, stored verbatim in sqlite_master)
    """CREATE TABLE progress_reports (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        reported_at TEXT NOT NULL,
        reporter TEXT NOT NULL,
        percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
        text TEXT NOT NULL,
        closure_request INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES progress_reports(id),
        filename TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL
    )""",
    """CREATE TABLE extension_requests (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        old_deadline TEXT NOT NULL,
        new_deadline TEXT NOT NULL,
        decision TEXT CHECK (decision IS NULL OR decision IN ('approved', 'rejected')),
        decided_by TEXT,
        decided_at TEXT,
        comment TEXT
    )""",
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        decision TEXT NOT NULL CHECK (decision IN ('closed', 'returned', 'reopened')),
        comment TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL,
        reviewed_at TEXT NOT NULL
    )""",
    """CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'interview')),
        note TEXT NOT NULL DEFAULT '',
        sent_by TEXT NOT NULL,
        sent_at TEXT NOT NULL
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        before TEXT,
        after TEXT
    )""",
    """CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
    """CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
    "CREATE INDEX idx_directives_meeting ON directives(meeting_id, position)",
    "CREATE INDEX idx_directives_parent ON directives(parent_id)",
    "CREATE INDEX idx_tasks_unit ON tasks(unit_id, status)",
    "CREATE INDEX idx_tasks_directive ON tasks(directive_id)",
    "CREATE INDEX idx_tasks_deadline ON tasks(status, deadline)",
    "CREATE INDEX idx_reports_task ON progress_reports(task_id, reported_at)",
    "CREATE INDEX idx_evidence_report ON evidence(report_id)",
    "CREATE INDEX idx_extensions_task ON extension_requests(task_id)",
    "CREATE INDEX idx_reviews_task ON reviews(task_id)",
    "CREATE INDEX idx_reminders_task ON reminders(task_id)",
    "CREATE INDEX idx_meetings_held_on ON meetings(held_on)",
    "CREATE INDEX idx_events_entity ON events(entity, entity_id)",
    "CREATE INDEX idx_group_members_unit ON unit_group_members(unit_id)",
]


@MIGRATIONS(name="0001_initial")
def initial(db: Database) -> None:
    """Units, groups, users, meetings, directives, tasks, reports and the audit trail."""
    for statement in INITIAL_SCHEMA:
        db.execute(statement)


@MIGRATIONS(name="0002_drafts")
def drafts(db: Database) -> None:
    """Unsaved work of a clerk (a meeting being logged), kept until saved or discarded."""
    db.execute(
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_drafts_owner ON drafts(owner, kind, updated_at)")


@MIGRATIONS(name="0003_progress_indexes")
def progress_indexes(db: Database) -> None:
    """Indexes for the leaders' pages: tasks by assignment date, closure date and deadline
    (covering the columns the derived figures read), returns by task, meetings by upstream."""
    db.execute(
        """CREATE INDEX idx_tasks_assigned ON tasks(
            assigned_at, status, deadline, closed_at, directive_id, unit_id)"""
    )
    db.execute("CREATE INDEX idx_tasks_closed ON tasks(closed_at, deadline, directive_id, unit_id)")
    db.execute(
        "CREATE INDEX idx_tasks_due_open ON tasks(deadline, closed_at, directive_id, unit_id)"
    )
    db.execute("CREATE INDEX idx_reviews_decision ON reviews(task_id, decision, reviewed_at)")
    db.execute("CREATE INDEX idx_meetings_upstream ON meetings(upstream_meeting_id)")


@MIGRATIONS(name="0004_holidays")
def holidays(db: Database) -> None:
    """The office's working-day calendar: per date, a holiday or a make-up working day, with
    its name (entered days win over the chinesecalendar package; duban.service.workdays).
    `id` is the row the audit trail names; `date` (ISO) is unique."""
    db.execute(
        """CREATE TABLE holidays (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL UNIQUE CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name TEXT NOT NULL,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL
        )"""  # noqa: E501 (frozen SQL, stored verbatim in sqlite_master)
    )


@MIGRATIONS(name="0005_supervision_indexes")
def supervision_indexes(db: Database) -> None:
    """The office's task list and closure queue at city scale (benchmarks/dashboard_scale.py):
    open tasks by deadline (the list's default order and its count), and tasks by status in
    the order they changed (closure requests, longest waiting first)."""
    db.execute("CREATE INDEX idx_tasks_open_deadline ON tasks(deadline) WHERE status != 'closed'")
    db.execute("CREATE INDEX idx_tasks_status_updated ON tasks(status, updated_at)")


@MIGRATIONS(name="0006_passwords")
def passwords(db: Database) -> None:
    """Sign-in for `duban serve` (duban.service.accounts): each user's password as an argon2
    hash (NULL: cannot sign in), when it was last set (a change ends older sessions), wrong
    passwords in a row, and until when the login is locked after too many."""
    db.execute("ALTER TABLE users ADD COLUMN password_hash TEXT")
    db.execute("ALTER TABLE users ADD COLUMN password_changed_at TEXT")
    db.execute("ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE users ADD COLUMN locked_until TEXT")

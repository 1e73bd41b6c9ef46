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


# 0007: tables derived from others (duban.db.queries.DERIVED_TABLES), kept in step by triggers in
# the same transaction as each write: the Writer, and so the audit trail, never write them.
# directive_areas: each directive's key areas as rows. task_days, area_days, directive_days,
# unit_days: the tasks' counts per assignment day (and area, directive or unit), the open ones
# per deadline too (`open_deadline`, '' for the closed: what they count does not depend on
# today); trend_days: the trend's events per day. What one task adds is the view
# task_day_counts (db/queries.py's rules, as literal SQL) or task_trend_events. A BEFORE
# trigger takes a task's counts out, an AFTER trigger puts them back;
# tests/progress/test_summaries_agree.py checks each table against its view.
PROGRESS_SUMMARIES = [
    """CREATE TABLE directive_areas (
        directive_id INTEGER NOT NULL REFERENCES directives(id),
        area TEXT NOT NULL,
        PRIMARY KEY (directive_id, area)
    )""",
    "CREATE INDEX idx_directive_areas_area ON directive_areas(area, directive_id)",
    """INSERT INTO directive_areas (directive_id, area)
        SELECT DISTINCT d.id, a.value FROM directives d,
            json_each(CASE WHEN json_valid(d.areas) THEN d.areas ELSE '[]' END) a
        WHERE a.type = 'text'""",
    """CREATE TRIGGER directive_areas_insert AFTER INSERT ON directives BEGIN
        INSERT INTO directive_areas (directive_id, area)
        SELECT DISTINCT new.id, value
        FROM json_each(CASE WHEN json_valid(new.areas) THEN new.areas ELSE '[]' END)
        WHERE type = 'text';
    END""",
    """CREATE TRIGGER directive_areas_update AFTER UPDATE OF id, areas ON directives BEGIN
        DELETE FROM directive_areas WHERE directive_id = old.id;
        INSERT INTO directive_areas (directive_id, area)
        SELECT DISTINCT new.id, value
        FROM json_each(CASE WHEN json_valid(new.areas) THEN new.areas ELSE '[]' END)
        WHERE type = 'text';
    END""",
    """CREATE TRIGGER directive_areas_delete AFTER DELETE ON directives BEGIN
        DELETE FROM directive_areas WHERE directive_id = old.id;
    END""",
    """CREATE INDEX idx_tasks_directive_assigned
        ON tasks(directive_id, assigned_at, status, deadline, closed_at, unit_id)""",
    "DROP INDEX idx_tasks_directive",
    """CREATE VIEW task_day_counts AS SELECT t.id AS task_id, t.directive_id, t.unit_id,
        substr(t.assigned_at, 1, 10) AS assigned_day,
        CASE WHEN t.status = 'closed' THEN '' ELSE t.deadline END AS open_deadline, 1 AS tasks,
        t.status = 'closed' AS closed,
        COALESCE(t.status = 'closed' AND substr(t.closed_at, 1, 10) <= t.deadline, 0)
            AS closed_on_time,
        COALESCE(t.status = 'closed' AND substr(t.closed_at, 1, 10) > t.deadline, 0)
            AS closed_late,
        CASE WHEN t.status = 'closed' THEN COALESCE(CAST(MAX(0,
            julianday(substr(t.closed_at, 1, 10)) - julianday(t.deadline)) AS INTEGER), 0)
            ELSE 0 END AS closed_days_late,
        EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = t.id AND r.decision = 'returned')
            AS returned
        FROM tasks t""",
    """CREATE VIEW task_area_day_counts AS SELECT a.area, c.* FROM task_day_counts c
        JOIN directive_areas a ON a.directive_id = c.directive_id""",
    """CREATE VIEW task_trend_events AS
        SELECT t.id AS task_id, substr(t.assigned_at, 1, 10) AS assigned_day, 'assigned' AS kind,
               substr(t.assigned_at, 1, 10) AS day, 1 AS delta FROM tasks t
        UNION ALL SELECT t.id, substr(t.assigned_at, 1, 10), 'closed',
               substr(t.closed_at, 1, 10), 1
            FROM tasks t WHERE t.status = 'closed' AND t.closed_at IS NOT NULL
        UNION ALL SELECT t.id, substr(t.assigned_at, 1, 10), 'overdue',
               date(t.deadline, '+1 day'), 1
            FROM tasks t WHERE (t.status != 'closed' OR substr(t.closed_at, 1, 10) > t.deadline)
                AND date(t.deadline, '+1 day') IS NOT NULL
        UNION ALL SELECT t.id, substr(t.assigned_at, 1, 10), 'overdue',
               substr(t.closed_at, 1, 10), -1
            FROM tasks t WHERE t.status = 'closed' AND substr(t.closed_at, 1, 10) > t.deadline""",
    """CREATE TABLE task_days (
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (assigned_day, open_deadline)
    )""",
    """INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts GROUP BY assigned_day, open_deadline""",
    """CREATE TABLE area_days (
        area TEXT NOT NULL,
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (area, assigned_day, open_deadline)
    )""",
    """INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts GROUP BY area, assigned_day, open_deadline""",
    """CREATE TABLE directive_days (
        directive_id INTEGER NOT NULL,
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (directive_id, assigned_day, open_deadline)
    )""",
    """INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts GROUP BY directive_id, assigned_day, open_deadline""",
    """CREATE TABLE unit_days (
        unit_id INTEGER NOT NULL,
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (unit_id, assigned_day, open_deadline)
    )""",
    """INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts GROUP BY unit_id, assigned_day, open_deadline""",
    """CREATE TABLE trend_days (
        assigned_day TEXT NOT NULL,
        kind TEXT NOT NULL,
        day TEXT NOT NULL,
        week TEXT,
        events INTEGER NOT NULL,
        delta INTEGER NOT NULL,
        PRIMARY KEY (assigned_day, kind, day)
    )""",
    """INSERT INTO trend_days SELECT assigned_day, kind, day, date(day, 'weekday 0', '-6 days'),
            COUNT(*), SUM(delta)
        FROM task_trend_events GROUP BY assigned_day, kind, day""",
    """CREATE TRIGGER tasks_summarised_insert
        AFTER INSERT ON tasks BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = new.id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO trend_days SELECT assigned_day, kind, day, date(day, 'weekday 0', '-6 days'),
            COUNT(*), SUM(delta)
        FROM task_trend_events WHERE task_id = new.id
        GROUP BY assigned_day, kind, day
        ON CONFLICT (assigned_day, kind, day) DO UPDATE SET
            events = events + excluded.events, delta = delta + excluded.delta;
    END""",
    """CREATE TRIGGER tasks_summarised_update_before
        BEFORE UPDATE OF id, directive_id, unit_id, assigned_at, deadline, status, closed_at
        ON tasks BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = old.id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = old.id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
        UPDATE trend_days SET events = trend_days.events - s.events,
            delta = trend_days.delta - s.delta
        FROM (SELECT assigned_day, kind, day, COUNT(*) AS events, SUM(delta) AS delta
              FROM task_trend_events WHERE task_id = old.id
              GROUP BY assigned_day, kind, day) AS s
        WHERE trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
            trend_days.day = s.day;
        DELETE FROM trend_days WHERE rowid IN (SELECT trend_days.rowid FROM trend_days
            JOIN (SELECT DISTINCT assigned_day, kind, day FROM task_trend_events
                  WHERE task_id = old.id) AS s
            ON trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
                trend_days.day = s.day
            WHERE trend_days.events = 0);
    END""",
    """CREATE TRIGGER tasks_summarised_update_after
        AFTER UPDATE OF id, directive_id, unit_id, assigned_at, deadline, status, closed_at
        ON tasks BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = new.id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO trend_days SELECT assigned_day, kind, day, date(day, 'weekday 0', '-6 days'),
            COUNT(*), SUM(delta)
        FROM task_trend_events WHERE task_id = new.id
        GROUP BY assigned_day, kind, day
        ON CONFLICT (assigned_day, kind, day) DO UPDATE SET
            events = events + excluded.events, delta = delta + excluded.delta;
    END""",
    """CREATE TRIGGER tasks_summarised_delete
        BEFORE DELETE ON tasks BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = old.id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = old.id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
        UPDATE trend_days SET events = trend_days.events - s.events,
            delta = trend_days.delta - s.delta
        FROM (SELECT assigned_day, kind, day, COUNT(*) AS events, SUM(delta) AS delta
              FROM task_trend_events WHERE task_id = old.id
              GROUP BY assigned_day, kind, day) AS s
        WHERE trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
            trend_days.day = s.day;
        DELETE FROM trend_days WHERE rowid IN (SELECT trend_days.rowid FROM trend_days
            JOIN (SELECT DISTINCT assigned_day, kind, day FROM task_trend_events
                  WHERE task_id = old.id) AS s
            ON trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
                trend_days.day = s.day
            WHERE trend_days.events = 0);
    END""",
    """CREATE TRIGGER reviews_returned_insert_before
        BEFORE INSERT ON reviews WHEN new.decision = 'returned' BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = new.task_id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = new.task_id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = new.task_id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = new.task_id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = new.task_id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = new.task_id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = new.task_id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = new.task_id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
    END""",
    """CREATE TRIGGER reviews_returned_insert_after
        AFTER INSERT ON reviews WHEN new.decision = 'returned' BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.task_id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = new.task_id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = new.task_id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.task_id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END""",
    """CREATE TRIGGER reviews_returned_update_before
        BEFORE UPDATE OF task_id, decision ON reviews
        WHEN old.decision = 'returned' OR new.decision = 'returned' BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
    END""",
    """CREATE TRIGGER reviews_returned_update_after
        AFTER UPDATE OF task_id, decision ON reviews
        WHEN old.decision = 'returned' OR new.decision = 'returned' BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END""",
    """CREATE TRIGGER reviews_returned_delete_before
        BEFORE DELETE ON reviews WHEN old.decision = 'returned' BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.task_id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.task_id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = old.task_id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = old.task_id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.task_id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.task_id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.task_id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.task_id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
    END""",
    """CREATE TRIGGER reviews_returned_delete_after
        AFTER DELETE ON reviews WHEN old.decision = 'returned' BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = old.task_id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = old.task_id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = old.task_id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = old.task_id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END""",
    """CREATE TRIGGER directive_areas_summarised_insert
        AFTER INSERT ON directive_areas BEGIN
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE directive_id = new.directive_id AND area = new.area
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END""",
    """CREATE TRIGGER directive_areas_summarised_delete
        BEFORE DELETE ON directive_areas BEGIN
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE directive_id = old.directive_id AND area = old.area
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE directive_id = old.directive_id AND area = old.area) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
    END""",
]


@MIGRATIONS(name="0007_progress_summaries")
def progress_summaries(db: Database) -> None:
    """The leaders' pages at city scale: key-area membership as rows (directive_areas), the
    tasks' counts per assignment day and open deadline (task_days: the headline; area_days: per
    key area; directive_days: per directive, the boards; unit_days: per unit, the ranking) and
    their events by day (trend_days: the trend), each kept in step by triggers; tasks by
    directive and date (covering)."""
    for statement in PROGRESS_SUMMARIES:
        db.execute(statement)

"""A database of every schema version upgrades to the current schema with its data intact.

tests/core/migration_fixtures/after_<migration>.sql is a database as it stood after that
migration, with representative rows (written once by make_fixture.py there, never edited).
Each is loaded into a file and opened with Store, which backs it up and migrates it; then the
schema is tests/core/schema.sql's, every row is still there with its values (a column added
later holds its default), and the workbook reads and writes on it. Every migration has its
fixture, the latest one as a no-op check, so a new migration without its fixture fails here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from duban.db import Store
from duban.db.migrations import MIGRATIONS
from duban.infra import clock
from duban.service.workbook import open_workbook
from tests.conftest import TODAY
from tests.core.test_migrations import SNAPSHOT, schema_text

FIXTURES = Path(__file__).with_name("migration_fixtures")
NAMES = [m.name for m in MIGRATIONS._migrations]
MAKE = ".venv/bin/python tests/core/migration_fixtures/make_fixture.py"

Contents = dict[str, dict[int, dict[str, Any]]]


def fixture_file(name: str) -> Path:
    return FIXTURES / f"after_{name}.sql"


def load(name: str, path: Path) -> Path:
    """A database file at `path` made from the fixture of migration `name`."""
    conn = sqlite3.connect(path)
    conn.executescript(fixture_file(name).read_text(encoding="utf-8"))
    conn.close()
    return path


def contents(conn: sqlite3.Connection) -> Contents:
    """Every row of every table: table -> rowid -> column -> value."""
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: {
                row["_rowid"]: {k: row[k] for k in row.keys() if k != "_rowid"}
                for row in conn.execute(f"SELECT rowid AS _rowid, * FROM [{table}]")
            }
            for table in tables
        }
    finally:
        conn.row_factory = None


def file_contents(path: Path) -> Contents:
    conn = sqlite3.connect(path)
    try:
        return contents(conn)
    finally:
        conn.close()


def column_defaults(conn: sqlite3.Connection, table: str) -> dict[str, Any]:
    """Each column's declared default as a value (NULL when none is declared)."""
    return {
        name: conn.execute(f"SELECT {default}").fetchone()[0] if default is not None else None
        for _cid, name, _type, _notnull, default, _pk in conn.execute(
            f"PRAGMA table_info([{table}])"
        )
    }


def test_every_migration_has_its_fixture():
    written = sorted(p.name[len("after_") : -len(".sql")] for p in FIXTURES.glob("after_*.sql"))
    missing = [name for name in NAMES if name not in written]
    assert not missing, (
        f"no migration fixture for {', '.join(missing)}: run "
        + ", ".join(f"`{MAKE} {name}`" for name in missing)
        + " and commit it (a fixture once committed is never regenerated)"
    )
    assert set(written) <= set(NAMES), "a fixture names a migration that does not exist"


@pytest.mark.parametrize("name", NAMES)
def test_a_fixture_upgrades_to_the_current_schema_with_its_rows(name: str, tmp_path: Path):
    path = load(name, tmp_path / "duban.sqlite")
    before = file_contents(path)
    store = Store(path)
    try:
        assert schema_text(store.db) == SNAPSHOT.read_text(encoding="utf-8")
        assert store.pending_migrations() == []
        after = contents(store.conn)
        for table, rows in before.items():
            defaults = column_defaults(store.conn, table)
            for rowid, row in rows.items():
                assert after[table].get(rowid) == {**defaults, **row}, (table, rowid)
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    backups = sorted((tmp_path / "backups").glob("*.sqlite"))
    later = NAMES[NAMES.index(name) + 1 :]
    if not later:  # the latest: nothing to do, so no backup either
        assert backups == []
        return
    assert [b.name.endswith(f"-before-{later[0]}.sqlite") for b in backups] == [True]
    assert file_contents(backups[0]) == before


def first(store: Store, sql: str) -> dict[str, Any]:
    """The first row `sql` finds; the fixture is expected to hold one."""
    found = store.one(sql)
    assert found is not None, f"the fixture has no row for: {sql}"
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_workbook_reads_and_writes_on_an_upgraded_fixture(name: str, tmp_path: Path):
    path = load(name, tmp_path / "duban.sqlite")
    stored = file_contents(path)["tasks"]
    with clock.frozen(TODAY):
        admin = open_workbook(path, user="admin")
        clerk, leader = admin.as_user("clerk"), admin.as_user("leader")
        store = admin.store
        listed = clerk.tasks()
        assert dict(zip(listed["id"], listed["status"], strict=True)) == {
            row["id"]: row["status"] for row in stored.values()
        }
        assert leader.headline()["assigned"] == len(stored)
        for draft_id in clerk.drafts()["id"]:
            assert isinstance(clerk.load_draft(int(draft_id)), dict)

        open_task = first(
            store,
            """SELECT t.id, t.unit_id, u.login FROM tasks t
               JOIN users u ON u.unit_id = t.unit_id AND u.role = 'reporter' AND u.active = 1
               WHERE t.status IN ('assigned', 'acknowledged', 'in_progress', 'returned')
               ORDER BY t.id""",
        )
        reporter = admin.as_user(open_task["login"])
        assert set(reporter.tasks()["unit_id"]) == {open_task["unit_id"]}
        last_event = store.one("SELECT MAX(id) AS id FROM events")["id"]
        reporter.report_progress(open_task["id"], 80, "升级后填报 after the upgrade")
        clerk.remind(open_task["id"], "请按时反馈")
        assert reporter.task(open_task["id"])["status"] == "in_progress"
        assert list(clerk.task_timeline(open_task["id"])["what"])[-2:] == ["report", "reminder"]

        asked = first(store, "SELECT id FROM tasks WHERE status = 'closure_requested' ORDER BY id")
        clerk.close(asked["id"], "核查通过")
        assert clerk.task(asked["id"])["status"] == "closed"

        pending = first(
            store,
            "SELECT id, task_id, new_deadline FROM extension_requests WHERE decision IS NULL",
        )
        clerk.decide_extension(pending["id"], True, "同意")
        moved = clerk.task(pending["task_id"])
        assert (moved["status"], moved["deadline"]) == ("in_progress", pending["new_deadline"])

        new = store.rows("SELECT actor, action FROM events WHERE id > ? ORDER BY id", [last_event])
        actors = {(e["actor"], e["action"]) for e in new}
        assert {(open_task["login"], "report"), ("clerk", "remind"), ("clerk", "close")} <= actors
        assert ("clerk", "decide_extension") in actors
        store.close()

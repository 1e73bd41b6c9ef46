"""The SQLite file: WAL, foreign keys, migrations applied once after a backup, append-only audit."""

from __future__ import annotations

import sqlite3

import pytest

from duban.db import Store
from duban.db.migrations import MIGRATIONS

DOCUMENTED_TABLES = {
    "units",
    "unit_groups",
    "unit_group_members",
    "users",
    "meetings",
    "directives",
    "tasks",
    "progress_reports",
    "evidence",
    "extension_requests",
    "reviews",
    "reminders",
    "events",
    "drafts",
}


def test_fresh_database_gets_every_table_in_wal_with_foreign_keys(db_path):
    store = Store(db_path)
    assert DOCUMENTED_TABLES <= set(store.db.table_names())
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert store.pending_migrations() == []


def test_migrations_are_recorded_once_and_reopening_applies_nothing(db_path):
    Store(db_path).close()
    again = Store(db_path)
    assert again.migrate() == []
    names = [
        r["name"]
        for r in again.rows("SELECT name FROM _sqlite_migrations WHERE migration_set = 'duban'")
    ]
    assert names == [m.name for m in MIGRATIONS._migrations]


def test_a_pending_migration_is_applied_after_a_backup_of_the_old_file(db_path):
    # Make a database as it was before 0002: only the first migration applied, with data in it.
    first = Store(db_path)
    with first.write("test"):
        first.conn.execute("DROP TABLE drafts")
        first.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_drafts'")
        first.db["units"].insert(
            {
                "name": "留存街道",
                "kind": "street",
                "aliases": "[]",
                "created_at": "2026-01-01T00:00:00",
            }
        )
    first.close()
    reopened = Store(db_path)
    assert "drafts" in reopened.db.table_names()
    backups = list((db_path.parent / "backups").glob("*before-0002_drafts*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT name FROM units").fetchall() == [("留存街道",)]
        assert "drafts" not in {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}


def test_foreign_keys_are_enforced(db_path):
    store = Store(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        with store.write("test"):
            store.conn.execute("INSERT INTO unit_group_members (group_id, unit_id) VALUES (99, 99)")


def test_events_cannot_be_changed_or_deleted(admin):
    admin.add_unit("东街街道", "street")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with admin.store.write("test"):
            admin.store.conn.execute("UPDATE events SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with admin.store.write("test"):
            admin.store.conn.execute("DELETE FROM events")


def test_a_failed_write_leaves_nothing(admin):
    with pytest.raises(RuntimeError):
        with admin.store.write("admin") as tx:
            tx.insert(
                "units", {"name": "半途街道", "kind": "street", "created_at": "x"}, "add_unit"
            )
            raise RuntimeError("power cut")
    assert admin.store.db["units"].count == 0


def test_backup_is_a_complete_copy(office, tmp_path):
    target = office.store.backup(tmp_path / "copy.sqlite")
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 5


def test_reads_cannot_write(office):
    import pandas as pd

    before = office.store.db["units"].count
    for read in (office.store.frame, office.store.rows, office.store.one):
        with pytest.raises(
            (sqlite3.OperationalError, pd.errors.DatabaseError),
            match="readonly|read-only|query_only",
        ):
            read("DELETE FROM units")
    assert office.store.db["units"].count == before
    office.as_user("admin").add_unit("北街街道", "street")
    assert (
        office.store.db["units"].count == before + 1
    )  # writes through write() still work afterwards

"""Every row change has its audit event and every event its row change, over the demo build.

Triggers written into the file log each insert, update and delete of every audited table;
after the demo is built through the workbook API (half a year of an office's work), the
logged changes and the events must match one to one, by table, row and kind of change. The
tables the schema's triggers derive (duban.db.queries.DERIVED_TABLES) are not audited: they are
checked against a recount in tests/progress/test_summaries_agree.py instead.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from duban.db import Store
from duban.db.queries import DERIVED_TABLES
from duban.demo import build_demo

OPERATIONS = {"INSERT": "new", "UPDATE": "new", "DELETE": "old"}


def _log_every_change(path: Path) -> None:
    """Triggers on every table but the audit trail itself log each row change."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name not in ("events", "_sqlite_migrations", *DERIVED_TABLES)
            and not name.startswith("sqlite_")
        ]
        conn.execute("CREATE TABLE change_log (entity TEXT, entity_id INTEGER, op TEXT)")
        for table in tables:
            for op, row in OPERATIONS.items():
                conn.execute(
                    f"""CREATE TRIGGER log_{table}_{op.lower()} AFTER {op} ON {table} BEGIN
                        INSERT INTO change_log VALUES ('{table}', {row}.rowid, '{op.lower()}');
                        END"""
                )


def _events_by_change(conn: sqlite3.Connection) -> Counter:
    rows = conn.execute(
        """SELECT entity, entity_id, CASE WHEN before IS NULL THEN 'insert'
                  WHEN after IS NULL THEN 'delete' ELSE 'update' END FROM events"""
    )
    return Counter(rows.fetchall())


def test_the_demo_build_leaves_one_event_per_row_change(tmp_path):
    path = tmp_path / "demo.sqlite"
    Store(path).close()  # the schema and the first user, before anything is logged
    with sqlite3.connect(path) as conn:
        events_before = _events_by_change(conn)
    _log_every_change(path)
    build_demo(path).store.close()
    with sqlite3.connect(path) as conn:
        changes = Counter(conn.execute("SELECT * FROM change_log").fetchall())
        events = _events_by_change(conn) - events_before
    kinds = Counter(op for _entity, _id, op in changes.elements())
    assert kinds["insert"] > 1000 and kinds["update"] > 500  # the demo really writes
    assert changes - events == Counter(), "row changes with no audit event"
    assert events - changes == Counter(), "audit events with no row change"

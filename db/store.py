"""The connection, the one write path, the audit trail, backups and migration on open."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from sqlite_utils import Database

from duban.db.migrations import MIGRATIONS
from duban.infra import clock
from duban.infra.clock import now_iso

BUSY_TIMEOUT_MS = 15_000


def _json(value: Any) -> str | None:
    return (
        None
        if value is None
        else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    )


# Columns whose values the audit trail does not copy: a draft's payload (up to 2 MB per
# autosave), a password's hash (kept nowhere but its row).
UNAUDITED_COLUMNS = {"drafts": ("payload",), "users": ("password_hash",)}


NOT_KEPT = "<not kept in the audit>"


def _audited(table: str, values: dict[str, Any] | None) -> dict[str, Any] | None:
    """`values` as the audit keeps them: an unaudited column is named, its value not kept."""
    if values is None:
        return None
    omitted = UNAUDITED_COLUMNS.get(table, ())
    return {k: (NOT_KEPT if k in omitted else v) for k, v in values.items()}


class Writer:
    """What `Store.write()` hands the service: row changes that each append their audit event.

    The event records who (`actor`), what (`action`, the table and row id), and the values
    before and after (an insert has no before, a delete no after; an update keeps only the
    changed columns).
    """

    def __init__(self, store: Store, actor: str):
        self._store, self.actor = store, actor

    def insert(self, table: str, row: dict[str, Any], action: str) -> int:
        """Insert one row; returns its id (its rowid for a table without one)."""
        new_id = int(self._store.db[table].insert(row).last_rowid)
        self._record(action, table, new_id, None, row)
        return new_id

    def update(self, table: str, row_id: int, changes: dict[str, Any], action: str) -> None:
        """Change columns of one row (the audit keeps the changed columns before and after)."""
        before = self._row(table, row_id, list(changes))
        self._store.db[table].update(row_id, changes)
        self._record(action, table, row_id, {k: before[k] for k in changes}, changes)

    def delete(self, table: str, row_id: int, action: str) -> None:
        """Delete one row by its rowid (the audit keeps it as it was)."""
        before = self._row(table, row_id, [c.name for c in self._store.db[table].columns])
        self._store.db.execute(f"DELETE FROM [{table}] WHERE rowid = ?", [row_id])
        self._record(action, table, row_id, before, None)

    def _row(self, table: str, row_id: int, columns: list[str]) -> dict[str, Any]:
        """The row's audited `columns`; unaudited ones are not read (a missing row: LookupError)."""
        omitted = UNAUDITED_COLUMNS.get(table, ())
        read = [c for c in columns if c not in omitted]
        row = self._store.one(
            f"SELECT rowid, {', '.join(read) or 'NULL'} FROM {table} WHERE rowid = ?", [row_id]
        )
        if row is None:
            raise LookupError(f"no row {row_id} in {table}")
        return {c: row[c] if c in read else NOT_KEPT for c in columns}

    def _record(
        self, action: str, table: str, row_id: int, before: dict | None, after: dict | None
    ) -> None:
        self._store.db["events"].insert(
            {
                "at": now_iso(),
                "actor": self.actor,
                "action": action,
                "entity": table,
                "entity_id": row_id,
                "before": _json(_audited(table, before)),
                "after": _json(_audited(table, after)),
            }
        )


class Store:
    """An open database: WAL, synchronous FULL, foreign keys, busy timeout, fully migrated."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: each COMMIT is on disk before write() returns. Under WAL, NORMAL survives a
        # crashed process but a power cut may take back the last commits; a saved record is
        # evidence, and the cost is one WAL fsync per write (benchmarks/concurrent_writers.py).
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA query_only = ON")  # only write() lifts it: reads cannot write
        self.conn = conn
        self.db = Database(conn)
        self.migrate()

    # -- schema -----------------------------------------------------------------------
    def pending_migrations(self) -> list[str]:
        return [m.name for m in MIGRATIONS.pending(self.db)]

    def migrate(self) -> list[str]:
        """Apply pending migrations, after a backup copy when the file already holds data."""
        pending = self.pending_migrations()
        if not pending:
            return []
        if self.db.table_names():
            self.backup(self.backup_path(f"before-{pending[0]}"))
        with self._immediate():
            applied = self.pending_migrations()  # another process may have migrated meanwhile
            MIGRATIONS.apply(self.db)
        return applied

    def backup_path(self, label: str, suffix: str = ".sqlite") -> Path:
        """backups/<name>-<time>-<label><suffix> beside the database, never an existing file."""
        stem = f"{self.path.stem}-{clock.now():%Y%m%d-%H%M%S}-{label}"
        folder, n = self.path.parent / "backups", 1
        candidate = folder / f"{stem}{suffix}"
        while candidate.exists():
            n += 1
            candidate = folder / f"{stem}-{n}{suffix}"
        return candidate

    def backup(self, dest: str | Path | None = None) -> Path:
        """A consistent copy of the database alone (SQLite's online backup, safe while others
        write), as one self-contained file (rollback journal, no -wal beside it). `dest` must
        not exist: a backup overwrites nothing, the database itself least of all.
        """
        target = Path(dest) if dest else self.backup_path("manual")
        if target.exists():
            raise FileExistsError(f"{target} exists: a backup never overwrites a file")
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(target)
        try:
            self.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        return target

    # -- writes -----------------------------------------------------------------------
    @contextmanager
    def _immediate(self) -> Iterator[None]:
        if self.conn.in_transaction:
            with self.db.atomic():  # a savepoint inside the outer transaction
                yield
            return
        self.conn.execute("PRAGMA query_only = OFF")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        finally:
            self.conn.execute("PRAGMA query_only = ON")

    @contextmanager
    def write(self, actor: str) -> Iterator[Writer]:
        """The one write path: a BEGIN IMMEDIATE transaction (a savepoint when nested).

        It yields a `Writer` acting as `actor`: every insert, update and delete made through
        it appends its audit event in the same transaction.
        """
        with self._immediate():
            yield Writer(self, actor)

    # -- reads ------------------------------------------------------------------------
    def frame(self, sql: str, params: dict[str, Any] | list[Any] | None = None) -> pd.DataFrame:
        """Run a read query and return a DataFrame (outside write(), any write is refused)."""
        return pd.read_sql_query(sql, self.conn, params=params)

    def rows(
        self, sql: str, params: dict[str, Any] | list[Any] | None = None
    ) -> list[dict[str, Any]]:
        """Run a read query and return plain dicts."""
        cursor = self.conn.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def one(
        self, sql: str, params: dict[str, Any] | list[Any] | None = None
    ) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def close(self) -> None:
        self.conn.close()

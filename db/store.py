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


class Store:
    """An open database: WAL, foreign keys on, busy timeout, migrated to the latest version."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
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
            self.backup(self._backup_path(f"before-{pending[0]}"))
        with self._immediate():
            applied = self.pending_migrations()  # another process may have migrated meanwhile
            MIGRATIONS.apply(self.db)
        return applied

    def _backup_path(self, label: str) -> Path:
        """backups/<name>-<time>-<label>.sqlite beside the database, never an existing file."""
        stem = f"{self.path.stem}-{clock.now():%Y%m%d-%H%M%S}-{label}"
        folder, n = self.path.parent / "backups", 1
        candidate = folder / f"{stem}.sqlite"
        while candidate.exists():
            n += 1
            candidate = folder / f"{stem}-{n}.sqlite"
        return candidate

    def backup(self, dest: str | Path | None = None) -> Path:
        """A consistent copy of the whole database (SQLite's online backup)."""
        target = Path(dest) if dest else self._backup_path("manual")
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(target) as copy:
            self.conn.backup(copy)
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
    def write(self) -> Iterator[Database]:
        """The one write path: a BEGIN IMMEDIATE transaction (a savepoint when nested)."""
        with self._immediate():
            yield self.db

    def record(
        self,
        actor: str,
        action: str,
        entity: str,
        entity_id: int | None,
        before: Any = None,
        after: Any = None,
    ) -> None:
        """Append one audit event; must be called inside `write()`."""
        if not self.conn.in_transaction:
            raise RuntimeError("audit events are written inside Store.write() only")
        self.db["events"].insert(
            {
                "at": now_iso(),
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "before": _json(before),
                "after": _json(after),
            }
        )

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
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def one(
        self, sql: str, params: dict[str, Any] | list[Any] | None = None
    ) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def close(self) -> None:
        self.conn.close()

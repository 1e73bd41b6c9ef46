"""The migration chain is frozen: what it builds is the committed snapshot tests/core/schema.sql.

A shipped migration never changes; a new migration comes with a new snapshot, written by
running this file (`.venv/bin/python tests/core/test_migrations.py`). Each CHECK list in the
schema equals its list in duban.vocabulary, so a vocabulary change without a migration fails.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import re
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from duban import vocabulary
from duban.db import migrations
from duban.db.migrations import MIGRATIONS

SNAPSHOT = Path(__file__).with_name("schema.sql")
REGENERATE = ".venv/bin/python tests/core/test_migrations.py"

# Every CHECK (column IN ('…', …)) of the schema, with the vocabulary it must list.
CHECK_LISTS = {
    ("units", "kind"): vocabulary.UNIT_KINDS,
    ("unit_groups", "unit_kind"): vocabulary.UNIT_KINDS,
    ("users", "role"): vocabulary.USER_ROLES,
    ("meetings", "kind"): vocabulary.MEETING_KINDS,
    ("meetings", "level"): vocabulary.MEETING_LEVELS,
    ("tasks", "role"): vocabulary.TASK_ROLES,
    ("tasks", "cycle"): vocabulary.CYCLES,
    ("tasks", "status"): vocabulary.STATUSES,
    ("reviews", "decision"): vocabulary.REVIEW_DECISIONS,
    ("reminders", "kind"): vocabulary.REMINDER_KINDS,
    ("extension_requests", "decision"): vocabulary.EXTENSION_DECISIONS,
    ("holidays", "kind"): vocabulary.HOLIDAY_KINDS,
}

# A column checked against a list of quoted values: `kind IN ('street', 'other')`.
QUOTED_IN_LIST = re.compile(r"\b(\w+) IN \(('[^)]*)\)")


def built_database() -> Database:
    """A fresh in-memory database with the whole migration chain applied."""
    db = Database(memory=True)
    MIGRATIONS.apply(db)
    return db


def schema_text(db: Database) -> str:
    """The schema the migrations built, as SQL: each table followed by its indexes and
    triggers, by name. sqlite-utils' own bookkeeping table and SQLite's automatic indexes
    are left out (neither is written by a migration)."""
    rows = db.execute(
        """SELECT sql FROM sqlite_master
        WHERE sql IS NOT NULL AND tbl_name != '_sqlite_migrations'
        ORDER BY tbl_name, CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name"""
    ).fetchall()
    names = ", ".join(m.name for m in MIGRATIONS._migrations)
    header = (
        "-- The schema the migration chain in db/migrations.py builds (each table, then its\n"
        "-- indexes and triggers). Written by tests/core/test_migrations.py; do not edit.\n"
        f"-- Migrations: {names}\n"
    )
    return header + "".join(f"\n{sql};\n" for (sql,) in rows)


def check_lists(db: Database) -> dict[tuple[str, str], list[str]]:
    """Each (table, column) with a CHECK list of quoted values, and the values it lists."""
    found: dict[tuple[str, str], list[str]] = {}
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    for table, sql in tables:
        for column, values in QUOTED_IN_LIST.findall(sql):
            assert (table, column) not in found, f"{table}.{column} has two CHECK lists"
            found[(table, column)] = re.findall(r"'([^']*)'", values)
    return found


def test_the_migration_chain_builds_the_committed_snapshot():
    built = schema_text(built_database())
    committed = SNAPSHOT.read_text(encoding="utf-8")
    if built != committed:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                built.splitlines(keepends=True),
                "tests/core/schema.sql (committed)",
                "built by db/migrations.py",
            )
        )
        pytest.fail(
            "The migration chain no longer builds tests/core/schema.sql.\n"
            "- If a shipped migration was edited: undo that edit and add a new migration.\n"
            f"- If a new migration was added: run `{REGENERATE}` and commit schema.sql.\n\n" + diff,
            pytrace=False,
        )


def test_each_check_list_is_its_vocabulary():
    lists = check_lists(built_database())
    assert set(lists) == set(CHECK_LISTS), "a CHECK list without its vocabulary here, or gone"
    for (table, column), words in CHECK_LISTS.items():
        assert lists[(table, column)] == list(words.values), (
            f"{table}.{column} allows {lists[(table, column)]} but duban.vocabulary lists "
            f"{list(words.values)}: a change to the vocabulary needs a migration"
        )


def test_migration_names_are_numbered_unique_and_in_order():
    names = [m.name for m in MIGRATIONS._migrations]
    numbers = []
    for name in names:
        match = re.fullmatch(r"(\d{4})_[a-z0-9_]+", name)
        assert match, f"{name!r} is not NNNN_lowercase_words"
        numbers.append(int(match[1]))
    assert numbers == list(range(1, len(names) + 1)), names


def test_migrations_hold_only_literal_sql():
    """No migration reads the code's vocabulary or builds its SQL from values."""
    tree = ast.parse(inspect.getsource(migrations))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "sqlite_utils", "sqlite_utils.migrations"}, imported
    built = [
        ast.get_source_segment(inspect.getsource(migrations), node)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.Attribute) and node.attr == "format")
        or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add))
    ]
    assert built == [], f"SQL built from values in db/migrations.py: {built}"
    for node in tree.body:
        if isinstance(node, ast.Assign) and not isinstance(node.value, ast.Call):
            ast.literal_eval(node.value)  # module constants (the SQL lists) are literals


def test_users_of_an_older_database_have_no_password_until_one_is_set(tmp_path):
    """0006: a user who existed before passwords gets none (so cannot sign in) and no count."""
    from duban.db import Store
    from duban.infra.config import Settings
    from duban.infra.errors import SignInRefused
    from duban.service.accounts import sign_in

    path = tmp_path / "old.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="0006_passwords")
    old["users"].insert(
        {"login": "wang", "display_name": "王文", "role": "clerk", "created_at": "2026-01-05"}
    )
    old.close()
    store = Store(path)
    assert store.one("SELECT password_hash, password_changed_at, failed_sign_ins, locked_until"
                     " FROM users") == {"password_hash": None, "password_changed_at": None,
                                        "failed_sign_ins": 0, "locked_until": None}  # fmt: skip
    with pytest.raises(SignInRefused):
        sign_in(store, Settings(), "wang", "")


if __name__ == "__main__":
    SNAPSHOT.write_text(schema_text(built_database()), encoding="utf-8")
    sys.stdout.write(f"Wrote {SNAPSHOT}\n")

"""The command line: a thin shell over the workbook; every command takes --db and honours
DUBAN_DB."""

from __future__ import annotations

import sqlite3

import openpyxl
from click.testing import CliRunner

from duban.cli import main


def run(*args: str, env: dict[str, str] | None = None):
    """Invoke the CLI with DUBAN_DB and DUBAN_USER unset unless the test sets them."""
    return CliRunner().invoke(
        main,
        list(args),
        env={"DUBAN_DB": None, "DUBAN_USER": None, **(env or {})},
        catch_exceptions=False,
    )


def test_init_creates_a_migrated_database_with_admin(db_path):
    result = run("init", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT login, role FROM users").fetchall() == [("admin", "admin")]


def test_duban_db_is_honoured(db_path):
    assert run("init", env={"DUBAN_DB": str(db_path)}).exit_code == 0
    assert db_path.exists()


def test_demo_fills_a_wal_database(tmp_path):
    db = tmp_path / "x.sqlite"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM units GROUP BY kind").fetchall())
        assert kinds["street"] == 12 and kinds["department"] == 30
        assert conn.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 20
        for table in (
            "directives",
            "tasks",
            "progress_reports",
            "reviews",
            "reminders",
            "extension_requests",
            "events",
        ):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0, table
    assert "20 meetings" in result.output


def test_demo_refuses_an_existing_database_unless_if_missing(tmp_path):
    db = tmp_path / "x.sqlite"
    run("init", "--db", str(db))
    refused = run("demo", "--db", str(db))
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert run("demo", "--db", str(db), "--if-missing").exit_code == 0


def test_export_writes_a_ledger(demo_copy, tmp_path):
    target = tmp_path / "ledger.xlsx"
    result = run("export", "--db", str(demo_copy), "--to", str(target))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert len(book.sheetnames) == 21  # a summary and one sheet per meeting
    with sqlite3.connect(demo_copy) as conn:
        tasks = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
    assert sum(book[name].max_row - 1 for name in book.sheetnames[1:]) == tasks


def test_backup_copies_the_database(demo_copy, tmp_path):
    target = tmp_path / "b.sqlite"
    assert run("backup", "--db", str(demo_copy), "--to", str(target)).exit_code == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 20


def test_errors_are_one_line_and_exit_non_zero(tmp_path, db_path):
    missing = run("export", "--db", str(tmp_path / "none.sqlite"))
    assert missing.exit_code == 1
    assert missing.output.strip().count("\n") == 0 and missing.output.startswith("Error:")
    run("init", "--db", str(db_path))
    source = tmp_path / "u.csv"
    source.write_text("name,kind\n北街街道,planet\n", encoding="utf-8")
    bad = run("units", "import", "--db", str(db_path), str(source))
    assert bad.exit_code == 1 and "row 2" in bad.output and "kind" in bad.output
    unknown_user = run("export", "--db", str(db_path), "--user", "ghost")
    assert unknown_user.exit_code == 1 and "ghost" in unknown_user.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = run("serve", "--db", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 1 and "does not exist" in result.output


def test_users_add_gives_a_clerk_the_pages(db_path):
    run("init", "--db", str(db_path))
    added = run("users", "add", "--db", str(db_path), "wang", "王文", "clerk")
    assert added.exit_code == 0, added.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT role FROM users WHERE login = 'wang'").fetchone() == ("clerk",)
    reporter = run("users", "add", "--db", str(db_path), "li", "李", "reporter")
    assert reporter.exit_code == 1 and "unit" in reporter.output

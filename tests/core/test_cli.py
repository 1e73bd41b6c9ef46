"""The command line: a thin shell over the workbook; every command takes --db and honours
DUBAN_DB."""

from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing

import click
import openpyxl
import pytest
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


def test_backup_writes_an_archive_holding_the_database(demo_copy, tmp_path):
    target = tmp_path / "b.zip"
    result = run("backup", "--db", str(demo_copy), "--to", str(target))
    assert result.exit_code == 0 and result.output == f"Backup written: {target}\n"
    with zipfile.ZipFile(target) as archive:
        (tmp_path / "copy.sqlite").write_bytes(archive.read("database.sqlite"))
    with closing(sqlite3.connect(tmp_path / "copy.sqlite")) as conn:
        assert conn.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 20


# Every command that takes --db, with the arguments it needs ({csv}: a CSV file of units).
# `demo` and `restore` refuse an existing --db file whatever it holds.
DB_COMMANDS = [
    ["init"],
    ["serve"],
    ["backup"],
    ["export"],
    ["units", "import", "{csv}"],
    ["evidence", "sweep"],
    ["users", "add", "wang", "王文", "clerk"],
    ["users", "list"],
    ["users", "password", "admin"],
    ["users", "disable", "admin"],
    ["holidays", "import", "{csv}"],
    ["holidays", "show", "2027"],
    ["workdays", "2027-02-05", "3"],
]


def commands_with_db(group: click.Group = main, prefix: tuple[str, ...] = ()) -> set[str]:
    """The names ("users list") of the commands under `group` that take --db."""
    found = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found |= commands_with_db(command, (*prefix, name))
        elif any(param.name == "db" for param in command.params):
            found.add(" ".join((*prefix, name)))
    return found


def command_name(args: list[str]) -> str:
    """The command `args` invoke ("users list"), without its arguments."""
    group, words = main, []
    for word in args:
        words.append(word)
        group = group.commands[word]
        if not isinstance(group, click.Group):
            return " ".join(words)
    raise ValueError(f"no command in {args}")


def test_every_command_with_db_is_tried_on_a_file_that_is_no_database():
    tried = {command_name(args) for args in DB_COMMANDS}
    assert commands_with_db() - {"demo", "restore"} == tried


@pytest.mark.parametrize("args", DB_COMMANDS, ids=" ".join)
def test_a_db_that_is_no_database_is_refused_in_one_line(tmp_path, monkeypatch, args):
    monkeypatch.setattr("duban.cli.os.execve", lambda *a: pytest.fail("serve started Voila"))
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("meeting notes, not a database\n", encoding="utf-8")
    source = tmp_path / "units.csv"
    source.write_text("date,kind,name\n", encoding="utf-8")
    argv = [a.format(csv=source) for a in args]
    result = CliRunner().invoke(
        main, [*argv, "--db", str(not_db)], input="pw-2026\n", env={"DUBAN_DB": None}
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error:") and result.output.count("\n") == 1, result.output
    assert f"{not_db} is not a Duban database" in result.output
    assert not_db.read_text(encoding="utf-8") == "meeting notes, not a database\n"


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


# -- the working-day calendar -------------------------------------------------------------------
SPRING_2027 = "date,kind,name\n2027-02-06,workday,春节调休上班\n" + "".join(
    f"2027-02-{d:02d},holiday,春节\n" for d in range(8, 13)
)


def holiday_rows(db_path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT date, kind, name FROM holidays ORDER BY date").fetchall()


def test_workdays_counts_the_entered_spring_festival(db_path, tmp_path):
    """Issue 10, done when: 2027-02-05 + 3 working days is 2027-02-16 with the office's CSV,
    2027-02-10 and a warning without it."""
    run("init", "--db", str(db_path))
    before = run("workdays", "--db", str(db_path), "2027-02-05", "3")
    assert before.exit_code == 0, before.output
    assert before.stdout == "2027-02-10\n"
    assert "Provisional" in before.stderr and "2027" in before.stderr
    source = tmp_path / "spring.csv"
    source.write_text(SPRING_2027, encoding="utf-8")
    imported = run("holidays", "import", "--db", str(db_path), str(source))
    assert imported.exit_code == 0, imported.output
    assert "6 days added" in imported.output
    after = run("workdays", "--db", str(db_path), "2027-02-05", "3")
    assert (after.exit_code, after.stdout, after.stderr) == (0, "2027-02-16\n", "")


def test_reimporting_the_same_file_changes_nothing(db_path, tmp_path):
    source = tmp_path / "spring.csv"
    source.write_bytes(SPRING_2027.encode("utf-8-sig"))  # with a BOM, as Excel saves it
    run("holidays", "import", "--db", str(db_path), str(source))
    with sqlite3.connect(db_path) as conn:
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    again = run("holidays", "import", "--db", str(db_path), str(source))
    assert "0 days added, 0 changed, 6 unchanged" in again.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
    assert len(holiday_rows(db_path)) == 6


def test_a_gb18030_file_with_chinese_words_and_full_width_dates(db_path, tmp_path):
    source = tmp_path / "gb.csv"
    text = "日期,类型,名称\n２０２７年２月６日,班,春节调休上班\n2027年2月8日,休,春节\n"
    source.write_bytes(text.encode("gb18030"))
    result = run("holidays", "import", "--db", str(db_path), str(source))
    assert result.exit_code == 0, result.output
    assert holiday_rows(db_path) == [
        ("2027-02-06", "workday", "春节调休上班"),
        ("2027-02-08", "holiday", "春节"),
    ]


def test_every_bad_row_is_listed_and_nothing_is_imported(db_path, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(
        "date,kind,name\n"
        "2027-02-06,workday,春节调休上班\n"  # row 2: good
        "2027-02-30,holiday,春节\n"  # row 3: no such date
        "2027-02-08,weekend,春节\n"  # row 4: no such kind
        "2027-02-09,holiday,\n"  # row 5: no name
        "2027-02-06,holiday,春节\n"  # row 6: the date of row 2 again
        "2027-02-10,workday,春节\n",  # row 7: a Wednesday as a make-up day
        encoding="utf-8",
    )
    result = run("holidays", "import", "--db", str(db_path), str(source))
    assert result.exit_code == 1
    error = result.output
    assert error.startswith("Error:") and error.strip().count("\n") == 0
    for row, reason in (
        (3, "2027-02-30"),
        (4, "weekend"),
        (5, "no name"),
        (6, "already in row 2"),
        (7, "weekday"),
    ):
        assert f"row {row}: " in error and reason in error.split(f"row {row}: ")[1], row
    assert "row 2:" not in error
    assert holiday_rows(db_path) == []


def test_a_file_without_the_columns_or_in_another_encoding_is_refused(db_path, tmp_path):
    source = tmp_path / "x.csv"
    source.write_text("day,name\n2027-02-08,春节\n", encoding="utf-8")
    missing = run("holidays", "import", "--db", str(db_path), str(source))
    assert missing.exit_code == 1 and "kind" in missing.output
    source.write_bytes("date,kind,name\n2027-02-08,holiday,春节\n".encode("utf-16"))
    garbled = run("holidays", "import", "--db", str(db_path), str(source))
    assert garbled.exit_code == 1 and "GB18030" in garbled.output


def test_show_lists_the_years_days_and_what_the_package_knows(db_path, tmp_path):
    source = tmp_path / "spring.csv"
    source.write_text(SPRING_2027, encoding="utf-8")
    run("holidays", "import", "--db", str(db_path), str(source))
    shown = run("holidays", "show", "--db", str(db_path), "2027")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert "6 days entered" in lines[0] and "does not cover 2027" in lines[0]
    assert lines[1:] == ["2027-02-06  make-up working day  春节调休上班"] + [
        f"2027-02-{d:02d}  holiday  春节" for d in range(8, 13)
    ]
    assert (
        "package's schedule is used" in run("holidays", "show", "--db", str(db_path), "2026").output
    )
    assert "2028 is not known" in run("holidays", "show", "--db", str(db_path), "2028").output


def test_workdays_reads_dates_as_people_write_them_and_refuses_nonsense(db_path):
    run("init", "--db", str(db_path))
    assert (
        run("workdays", "--db", str(db_path), "２０２６年１１月２０日", "1").stdout
        == "2026-11-23\n"
    )
    bad = run("workdays", "--db", str(db_path), "2026-02-30", "0")
    assert bad.exit_code == 1 and "from" in bad.output and "between 1 and 250" in bad.output
    missing = run("workdays", "--db", str(db_path.with_name("none.sqlite")), "2026-11-20", "1")
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_units_import_preview_counts_the_changes_and_names_bad_rows_writing_nothing(tmp_path):
    db = tmp_path / "x.sqlite"
    run("init", "--db", str(db))
    good = tmp_path / "good.csv"
    good.write_text("name,kind\n东街街道,street\n西街街道,street\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind\n东街街道,street\n南街街道,planet\n", encoding="utf-8")

    shown = run("units", "import", "--preview", str(good), "--db", str(db))
    assert shown.exit_code == 0 and "2 added, 0 changed, 0 unchanged; 0 bad rows" in shown.output
    refused = run("units", "import", "--preview", str(bad), "--db", str(db))
    assert refused.exit_code == 1 and "row 3" in refused.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 0

    assert "2 units added" in run("units", "import", str(good), "--db", str(db)).output
    again = run("units", "import", "--preview", str(good), "--db", str(db))
    assert "0 added, 0 changed, 2 unchanged" in again.output


def test_evidence_sweep_removes_what_nothing_refers_to(tmp_path):
    db = tmp_path / "x.sqlite"
    run("init", "--db", str(db))
    orphan = tmp_path / "evidence" / "ab" / ("ab" + "0" * 62 + ".pdf")
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 left by a crash")
    result = run("evidence", "sweep", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"removed evidence/ab/{orphan.name}" in result.output
    assert "1 files removed" in result.output
    assert not orphan.exists()

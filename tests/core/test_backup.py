"""Backups that restore (issue 12): `duban backup` writes one archive of the database and the
files beside it, `duban restore` checks it whole before it puts anything back, and `duban
serve` keeps the last N daily archives."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
import zipfile
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from duban.cli import main
from duban.db import Store
from duban.documents.bulletin import write_bulletin
from duban.documents.notices import write_notices
from duban.documents.reminders import send_reminders
from duban.infra import clock
from duban.infra.config import load_settings
from duban.service.archive import DATABASE, MANIFEST, write_archive
from duban.service.backups import daily_archives, daily_backup, keep_daily_backups
from duban.service.progress import Scope
from duban.service.workbook import open_workbook

from ..conftest import TODAY, copy_demo

# What the kit writes beside a database, each folder filled by the `template` office.
FOLDERS = {"evidence", "notices", "bulletins", "reminders"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"DUBAN_DB": None}, catch_exceptions=False)


@pytest.fixture(scope="module")
def template(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo office with every folder the kit writes beside its database filled: evidence,
    a meeting's assignment notices, a bulletin, a reminder's notices (copy before writing)."""
    db = copy_demo(demo_db, tmp_path_factory.mktemp("template") / "duban.sqlite")
    with clock.frozen(TODAY):
        wb = open_workbook(db, user="clerk")
        write_notices(wb, wb.store.one("SELECT MAX(id) AS id FROM meetings")["id"])
        write_bulletin(wb, Scope(start=date(2026, 10, 1), end=TODAY))
        task = wb.store.one("SELECT id FROM tasks WHERE status != 'closed' LIMIT 1")["id"]
        send_reminders(wb, [task], "请抓紧办理")
        wb.store.close()
    return db


@pytest.fixture
def office(template: Path, tmp_path: Path) -> Path:
    """A private copy of the template office; its database path."""
    shutil.copytree(template.parent, tmp_path / "office")
    return tmp_path / "office" / template.name


@pytest.fixture(scope="module")
def archive(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One archive of the template office (read only)."""
    folder = tmp_path_factory.mktemp("archived")
    shutil.copytree(template.parent, folder / "office")
    with closing(Store(folder / "office" / template.name)) as store:
        return write_archive(store, folder / "office.zip")


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (the schema too, as sqlite_master), sorted."""
    with closing(sqlite3.connect(db)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: sorted(conn.execute(f"SELECT * FROM [{name}]").fetchall(), key=repr)
            for name in ["sqlite_master", *names]
        }


def files_beside(db: Path) -> dict[str, bytes]:
    """Every file in a folder beside the database but backups/, by its relative path."""
    root = db.parent
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.parent != root and path.relative_to(root).parts[0] != "backups"
    }


def tree(folder: Path) -> dict[str, bytes | None]:
    """Everything under `folder`: each file's bytes, None for a folder."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


# -- backup and restore ---------------------------------------------------------------------
def test_a_restore_gives_back_every_row_and_every_file_byte_for_byte(office, tmp_path):
    assert {Path(p).parts[0] for p in files_beside(office)} == FOLDERS
    made = run("backup", "--db", str(office))
    assert made.exit_code == 0, made.output
    archive = Path(made.output.removeprefix("Backup written: ").strip())
    assert archive.parent == office.parent / "backups" and archive.name.endswith("-manual.zip")

    fresh = tmp_path / "elsewhere" / "duban.sqlite"
    restored = run("restore", str(archive), "--db", str(fresh))
    assert restored.exit_code == 0, restored.output
    assert rows(fresh) == rows(office)
    assert files_beside(fresh) == files_beside(office)
    assert f"{len(files_beside(office))} files" in restored.output
    wb = open_workbook(fresh, user="clerk")  # opens and migrates as usual
    assert wb.store.pending_migrations() == []
    assert len(wb.store.rows("SELECT id FROM meetings")) == 20


def test_the_manifest_names_the_format_the_schema_and_each_file(archive, template):
    with zipfile.ZipFile(archive) as bundle:
        manifest = json.loads(bundle.read(MANIFEST))
        contents = {name: bundle.read(name) for name in bundle.namelist() if name != MANIFEST}
    assert manifest["format"] == "duban-backup" and manifest["format_version"] == 1
    with closing(sqlite3.connect(template)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert manifest["migrations"] == applied
    datetime.fromisoformat(manifest["created_at"])
    assert (
        {f["path"] for f in manifest["files"]}
        == set(contents)
        == {
            DATABASE,
            *files_beside(template),
        }
    )
    for entry in manifest["files"]:
        data = contents[entry["path"]]
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())


def test_a_backup_taken_while_another_process_writes_is_consistent(office, tmp_path):
    """A writer adds units (each with its audit event, in one transaction) as fast as it can
    while three archives are taken: each restores (integrity ok), each holds every unit with
    its event, and each holds more units than the one before."""
    started, stop = tmp_path / "started", tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(office), str(started), str(stop)],
        env={**os.environ, "DUBAN_LANG": "en"},
    )
    try:
        while not started.exists():
            assert writer.poll() is None, "the writer stopped"
            time.sleep(0.05)
        archives = []
        for n in range(3):
            time.sleep(0.3)
            with closing(Store(office)) as store:
                archives.append(write_archive(store, tmp_path / f"busy-{n}.zip"))
    finally:
        stop.touch()
        writer.wait(timeout=60)
    counts = []
    for n, archive in enumerate(archives):
        fresh = tmp_path / f"restored-{n}" / "duban.sqlite"
        assert run("restore", str(archive), "--db", str(fresh)).exit_code == 0
        with closing(sqlite3.connect(fresh)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            units = conn.execute("SELECT id FROM units WHERE name LIKE '压力街道%'").fetchall()
            audited = conn.execute(
                "SELECT entity_id FROM events WHERE action = 'add_unit' AND entity_id IN "
                "(SELECT id FROM units WHERE name LIKE '压力街道%')"
            ).fetchall()
        assert sorted(units) == sorted(audited)
        counts.append(len(units))
    assert 0 < counts[0] < counts[1] < counts[2], counts


WRITER = """
import sys
from pathlib import Path
from duban.service.workbook import open_workbook

wb = open_workbook(Path(sys.argv[1]), user="admin")
stop, n = Path(sys.argv[3]), 0
while not stop.exists():
    n += 1
    wb.add_unit(f"压力街道{n}", "street")
    if n == 5:
        Path(sys.argv[2]).touch()
"""


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write in (root writes in any folder of its own: /sys)."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    return folder


@pytest.mark.parametrize(
    ("dest", "says"),
    [
        (lambda db, tmp: db, "is the database itself"),
        (lambda db, tmp: db.parent / "notices" / "x.zip", "already exists"),
        (lambda db, tmp: tmp / "no such folder" / "x.zip", "does not exist"),
        (lambda db, tmp: unwritable_folder(tmp) / "x.zip", "cannot write in"),
    ],
    ids=["the database", "an existing file", "a missing folder", "a folder it cannot write"],
)
def test_a_refused_backup_says_why_and_writes_nothing(office, tmp_path, dest, says):
    target = dest(office, tmp_path)
    if says == "already exists":
        target.write_bytes(b"an office file")
    before = tree(tmp_path)
    refused = run("backup", "--db", str(office), "--to", str(target))
    assert refused.exit_code == 1 and says in refused.output
    assert str(target.parent) in refused.output
    assert refused.output.startswith("Error:") and refused.output.count("\n") == 1
    assert tree(tmp_path) == before


def test_backups_at_the_same_second_never_overwrite_each_other(office):
    with clock.frozen(datetime(2026, 11, 16, 9, 30)), closing(Store(office)) as store:
        first, second = write_archive(store), write_archive(store)
    assert first != second and first.exists() and second.exists()
    assert [first.name, second.name] == [
        "duban-20261116-093000-manual.zip",
        "duban-20261116-093000-manual-2.zip",
    ]


# -- what restore refuses ---------------------------------------------------------------------
def zip_of(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return target


def repack(source: Path, target: Path, changes: dict[str, bytes], checksums: bool = True) -> Path:
    """`source` copied to `target` with members replaced or added (`changes`); the manifest is
    made to list them with their sizes and checksums unless `checksums` is False."""
    with zipfile.ZipFile(source) as old:
        contents = {name: old.read(name) for name in old.namelist()}
    manifest = json.loads(contents.pop(MANIFEST))
    contents.update(changes)
    if checksums:
        manifest["files"] = [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in contents.items()
        ]
    return zip_of(target, {**contents, MANIFEST: json.dumps(manifest).encode()})


def changed_database(archive: Path, tmp_path: Path, sql: str) -> bytes:
    """The archive's database after `sql`."""
    path = tmp_path / "changed.sqlite"
    with zipfile.ZipFile(archive) as bundle:
        path.write_bytes(bundle.read(DATABASE))
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(sql)
    return path.read_bytes()


def corrupted_database(archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as bundle:
        data = bytearray(bundle.read(DATABASE))
    data[4 * 4096 : 4 * 4096 + 100] = b"\xff" * 100  # a b-tree page's header overwritten
    return bytes(data)


def an_evidence_file(archive: Path) -> str:
    with zipfile.ZipFile(archive) as bundle:
        return next(n for n in bundle.namelist() if n.startswith("evidence/"))


BAD_ARCHIVES = {
    "truncated": (
        lambda a, tmp: (tmp / "bad.zip").write_bytes(a.read_bytes()[: a.stat().st_size // 2]),
        "truncated",
    ),
    "a zip without our manifest": (
        lambda a, tmp: zipfile.ZipFile(tmp / "bad.zip", "w").close(),
        "it has no manifest.json",
    ),
    "a tar archive": (
        lambda a, tmp: tarfile.open(tmp / "bad.zip", "w").close(),
        "is not a backup archive",
    ),
    "a manifest not ours": (
        lambda a, tmp: zip_of(tmp / "bad.zip", {MANIFEST: b'{"format": "other"}'}),
        "is not ours",
    ),
    "a checksum mismatch": (
        lambda a, tmp: repack(
            a, tmp / "bad.zip", {an_evidence_file(a): b"\xff\xd8 changed"}, False
        ),
        "does not match its checksum",
    ),
    "a file outside the kit's folders": (
        lambda a, tmp: repack(a, tmp / "bad.zip", {"../outside.txt": b"escaped"}),
        "holds ../outside.txt, outside the folders a restore writes",
    ),
    "a damaged database": (
        lambda a, tmp: repack(a, tmp / "bad.zip", {DATABASE: corrupted_database(a)}),
        "database in the archive is damaged",
    ),
    "a database of a newer Duban": (
        lambda a, tmp: repack(
            a,
            tmp / "bad.zip",
            {
                DATABASE: changed_database(
                    a,
                    tmp,
                    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('duban', '9999_future', '2030-01-01')",
                )
            },
        ),
        "newer than this Duban (migrations 9999_future)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_a_bad_archive_is_refused_in_words_and_nothing_is_written(archive, tmp_path, case):
    make, says = BAD_ARCHIVES[case]
    make(archive, tmp_path)
    fresh = tmp_path / "fresh" / "duban.sqlite"
    refused = run("restore", str(tmp_path / "bad.zip"), "--db", str(fresh))
    assert refused.exit_code == 1 and says in refused.output, refused.output
    assert refused.output.startswith("Error:") and refused.output.count("\n") == 1
    assert not fresh.parent.exists()
    assert not (tmp_path / "outside.txt").exists()


def add_a_unit(db: Path) -> None:
    """A change made after the archive was taken."""
    wb = open_workbook(db, user="admin")
    wb.add_unit("后来的街道", "street")
    wb.store.close()


def test_restoring_over_a_database_needs_force_and_refuses_one_in_use(archive, office):
    add_a_unit(office)
    before = tree(office.parent)

    refused = run("restore", str(archive), "--db", str(office))
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert "--force" in refused.output
    assert tree(office.parent) == before

    with closing(Store(office)):  # a page or notebook has it open
        busy = run("restore", str(archive), "--db", str(office), "--force")
    assert busy.exit_code == 1 and "is in use" in busy.output
    assert tree(office.parent) == before

    assert run("restore", str(archive), "--db", str(office), "--force").exit_code == 0
    with closing(sqlite3.connect(office)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM units WHERE name = '后来的街道'").fetchone() == (
            0,
        )
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_restore_that_fails_at_the_last_step_leaves_the_old_database(
    archive, office, monkeypatch
):
    """The database is put in place by one rename; should it fail, the old one is whole."""
    add_a_unit(office)
    old = rows(office)
    real_replace = os.replace

    def failing(source, target):
        if Path(target) == office:
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr("duban.service.archive.os.replace", failing)
    failed = run("restore", str(archive), "--db", str(office), "--force")
    assert failed.exit_code == 1 and "disk full" in failed.output
    assert rows(office) == old
    assert not list(office.parent.glob(".restoring-*"))


def test_an_older_archive_is_migrated_on_restore(archive, tmp_path):
    older = changed_database(
        archive,
        tmp_path,
        "DROP TABLE drafts; DELETE FROM _sqlite_migrations WHERE name = '0002_drafts';",
    )
    repack(archive, tmp_path / "older.zip", {DATABASE: older})
    fresh = tmp_path / "fresh" / "duban.sqlite"
    assert run("restore", str(tmp_path / "older.zip"), "--db", str(fresh)).exit_code == 0
    with closing(sqlite3.connect(fresh)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    assert "drafts" in tables and "0002_drafts" in applied


# -- the daily backup -------------------------------------------------------------------------
def test_one_run_a_day_makes_one_archive_and_the_last_n_are_kept(office):
    folder = office.parent / "backups"
    folder.mkdir()
    others = [
        folder / "duban-20261101-090000-manual.zip",  # taken by hand
        folder / "duban-20261101-090000-before-0007_x.sqlite",  # before a migration
        folder / "duban-old-20261101-090000-daily.zip",  # another database's
    ]
    for path in others:
        path.write_bytes(b"kept")
    made = []
    for day in range(10, 15):
        with clock.frozen(datetime(2026, 11, day, 0, 5)):
            made.append(daily_backup(office, keep=3))
        with clock.frozen(datetime(2026, 11, day, 23, 55)):
            assert daily_backup(office, keep=3) is None  # one a day
        assert daily_archives(office) == made[-3:]
    assert made[-1].name == "duban-20261114-000500-daily.zip"
    assert sorted(folder.iterdir()) == sorted([*others, *made[-3:]])
    assert all(whole(path) for path in made[-3:])


def test_the_daily_backup_sweeps_evidence_no_row_names_first(office):
    """A file a report killed before its commit left is gone, and not archived; every file a
    row names stays."""
    with closing(Store(office)) as store:
        kept = [r["path"] for r in store.rows("SELECT path FROM evidence")]
    orphan = office.parent / "evidence" / "ab" / ("ab" + "0" * 62 + ".jpg")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left by a killed report")
    with clock.frozen(datetime(2026, 11, 16, 9)):
        made = daily_backup(office, keep=3)
    assert not orphan.exists() and kept
    assert all((office.parent / path).is_file() for path in kept)
    with zipfile.ZipFile(made) as archived:
        names = set(archived.namelist())
    assert orphan.relative_to(office.parent).as_posix() not in names
    assert set(kept) <= names


def test_the_keeper_checks_at_once_and_then_once_in_a_while(office):
    answers = iter([True, True, True, False])
    with clock.frozen(datetime(2026, 11, 16, 9)):
        keep_daily_backups(office, 3, lambda: next(answers), pause=0)
    assert [p.name for p in daily_archives(office)] == ["duban-20261116-090000-daily.zip"]


KEEPER_PARENT = """
import sys, time
from pathlib import Path
from duban.serving import start_daily_backups

db = Path(sys.argv[1])
print(start_daily_backups(db, 2).pid, flush=True)
deadline = time.monotonic() + 60
while not any((db.parent / "backups").glob("*-daily.zip")) and time.monotonic() < deadline:
    time.sleep(0.2)
"""  # then it ends, as the server does when it stops


def test_serve_keeps_daily_backups_while_it_runs_and_no_longer(office):
    server = subprocess.run(
        [sys.executable, "-c", KEEPER_PARENT, str(office)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DUBAN_LANG": "en"},
    )
    keeper = int(server.stdout.split()[0])
    deadline = time.monotonic() + 30
    while alive(keeper):
        assert time.monotonic() < deadline, "the backup process outlived the server"
        time.sleep(0.2)
    (archive,) = daily_archives(office)
    assert whole(archive)


def whole(archive: Path) -> bool:
    """Whether every member of the zip `archive` reads back with its CRC."""
    with zipfile.ZipFile(archive) as bundle:
        return bundle.testzip() is None and MANIFEST in bundle.namelist()


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie no longer does)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def test_backup_keep_is_a_checked_setting(tmp_path):
    assert load_settings({"DUBAN_CONFIG": str(tmp_path / "none.toml")}).backup.keep == 14
    path = tmp_path / "duban.toml"
    path.write_text("[backup]\nkeep = 0\n")
    assert load_settings({"DUBAN_CONFIG": str(path)}).backup.keep == 0
    for text, named in [("[backup]\nkeep = -1\n", "backup.keep"), ("[backup]\nat = 2\n", "at")]:
        path.write_text(text)
        with pytest.raises(ValueError, match=named):
            load_settings({"DUBAN_CONFIG": str(path)})

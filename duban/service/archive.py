"""Backup archives: the database and the files the kit keeps beside it, in one zip with a
manifest; and their restore, which checks the whole archive before it puts anything back.

A zip, not a tar: its central directory at the end names every member, so a truncated
archive is refused at once rather than half read; each member carries a CRC and can be read
alone; and the office's Windows computers open a zip with no extra program.

An archive holds
- `database.sqlite`: a copy taken with SQLite's online backup API (Store.backup), consistent
  while the server serves and others write;
- every file under the folders of FOLDERS, taken after the database: an evidence file is in
  place before the row naming it commits and is never removed while a row names it, so every
  file the copied database refers to is in the archive;
- `manifest.json` (written last): the format and its version, when, the database's applied
  migrations, and each member's path, size and sha256.

Not kept: backups/ itself, the secrets beside the database (the server's cookie secret, the
demo's sign-in file: after a restore people sign in again) and temporaries (a name ending
.tmp, a hidden folder being written).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from itertools import takewhile
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sqlite_utils import Database

from duban.db.migrations import MIGRATIONS
from duban.db.store import Store
from duban.infra.clock import now_iso
from duban.infra.durable import fsync_file, fsync_folder
from duban.infra.errors import DubanError
from duban.infra.i18n import _
from duban.service.evidence import FOLDER as EVIDENCE
from duban.service.evidence import TEMP_SUFFIX

FORMAT, FORMAT_VERSION = "duban-backup", 1
MANIFEST, DATABASE = "manifest.json", "database.sqlite"
# The folders the kit writes beside the database: evidence, and what duban.documents writes
# (assignment notices, bulletins, reminder notices).
FOLDERS = (EVIDENCE, "notices", "bulletins", "reminders")
# Photos are compressed already: stored as they are, deflating them gains nothing. The rest
# is deflated, zip-based formats too (docx, xlsx, zip): stored, their own end records would
# lie bare in the archive, and a truncated archive would open as one of them.
PHOTOS = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"}
CHUNK = 1 << 20
ZIP64_FROM = 1 << 30  # a member this large may grow past zip's 2 GiB limit while written


class BackupRefused(DubanError):
    """A backup or restore that was refused (the message says why); nothing was written."""


@dataclass(frozen=True)
class Entry:
    """One member of an archive as its manifest lists it."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Restored:
    """What a restore put back: the database and how many files beside it."""

    db: Path
    files: int


def _refuse(message: str, **values: Any) -> BackupRefused:
    return BackupRefused(message.format(**values))


# -- writing ------------------------------------------------------------------------------
def kept_files(root: Path) -> list[str]:
    """The files under `root`'s FOLDERS that a backup keeps: relative POSIX paths, sorted."""
    return sorted(
        relative.as_posix()
        for folder in FOLDERS
        for path in (root / folder).rglob("*")
        if path.is_file() and not _temporary(relative := path.relative_to(root))
    )


def _temporary(relative: PurePosixPath | Path) -> bool:
    return relative.name.endswith(TEMP_SUFFIX) or any(
        part.startswith(".") for part in relative.parts
    )


def write_archive(store: Store, dest: Path | None = None, label: str = "manual") -> Path:
    """Write a backup archive of `store` to `dest` (default: backups/<name>-<time>-<label>.zip
    beside the database) and return its path.

    Refused, writing nothing: `dest` is the database or any existing file, or its folder does
    not exist or cannot be written. The archive is built under a temporary name in the same
    folder and renamed onto its reserved name when complete.
    """
    target = _reserve(store, dest, label)
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as work:
            partial = Path(work) / target.name
            snapshot = store.backup(Path(work) / DATABASE)
            with zipfile.ZipFile(partial, "w") as archive:
                entries = [_add(archive, snapshot, DATABASE)]
                root = store.path.parent
                entries += filter(None, (_add(archive, root / p, p) for p in kept_files(root)))
                archive.writestr(MANIFEST, _manifest(snapshot, entries), zipfile.ZIP_DEFLATED)
            fsync_file(partial)
            os.replace(partial, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)
    return target


def _reserve(store: Store, dest: Path | None, label: str) -> Path:
    """The archive's path, created empty and exclusively so that no one takes it meanwhile."""
    target = store.backup_path(label, ".zip") if dest is None else Path(dest)
    if target.exists() and os.path.samefile(target, store.path):
        raise _refuse(
            _("{path} is the database itself: give another file for the backup"), path=target
        )
    if dest is not None and not target.parent.is_dir():
        raise _refuse(_("folder {folder} does not exist"), folder=target.parent)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # backups/ beside the database
        target.open("xb").close()
    except FileExistsError:
        raise _refuse(
            _("{path} already exists: a backup never overwrites a file; give a new name"),
            path=target,
        ) from None
    except OSError as error:
        raise _refuse(
            _("cannot write in {folder}: {reason}"),
            folder=target.parent,
            reason=error.strerror or error,
        ) from None
    return target


def _add(archive: zipfile.ZipFile, source: Path, name: str) -> Entry | None:
    """Copy `source` into `archive` as `name`, hashing what is copied; None when the file was
    removed since it was listed (an evidence sweep)."""
    try:
        info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
        handle = source.open("rb")
    except FileNotFoundError:
        return None
    info.compress_type = (
        zipfile.ZIP_STORED if source.suffix.lower() in PHOTOS else zipfile.ZIP_DEFLATED
    )
    with handle, archive.open(info, "w", force_zip64=info.file_size >= ZIP64_FROM) as member:
        size, digest = _copy(handle, member)
    return Entry(name, size, digest)


def _copy(source: IO[bytes], target: IO[bytes]) -> tuple[int, str]:
    """Copy `source` to `target`; the bytes copied and their sha256."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def _manifest(snapshot: Path, entries: list[Entry]) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now_iso(),
            "duban_version": version("duban"),
            "migrations": applied_migrations(snapshot),
            "files": [asdict(entry) for entry in entries],
        },
        ensure_ascii=False,
        indent=1,
    )


def applied_migrations(db: Path) -> list[str]:
    """The migrations applied to the database file `db`, in order (read only)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [m.name for m in MIGRATIONS.applied(Database(conn))]
    finally:
        conn.close()


# -- restoring ----------------------------------------------------------------------------
def restore_archive(source: Path, db: Path, force: bool = False) -> Restored:
    """Put back the database and files of the archive `source` as `db` and beside it.

    Everything is checked first (a zip of ours, its manifest, every member's size and sha256,
    the database's integrity and that this code knows each of its migrations), with the
    members written to a hidden folder beside `db`; only then are the files, and last the
    database, renamed into place. An existing database, or a file of other content where the
    archive has one, is replaced only with `force`, and never while the database is open.
    Refused, writing nothing (BackupRefused).
    """
    if db.exists() and not force:
        raise _refuse(_("{path} already exists: restore with --force to replace it"), path=db)
    with _open_archive(source) as archive:
        entries = _read_manifest(archive)
        root = db.parent
        made = _first_missing(root)
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=root))
        try:
            for entry in entries:
                _extract(archive, entry, staging)
            check_database(staging / DATABASE)
            files = [e.path for e in entries if e.path != DATABASE]
            if not force:
                _refuse_other_content(files, staging, root)
            if db.exists():
                _release(db)
            _put_back(files, staging, root, db)
        except BaseException:
            if made:
                shutil.rmtree(made, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Restored(db, len(files))


def _first_missing(folder: Path) -> Path | None:
    """The outermost of `folder` and its parents that does not exist yet (None: it exists)."""
    missing = list(takewhile(lambda p: not p.exists(), [folder, *folder.parents]))
    return missing[-1] if missing else None


def _open_archive(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise _refuse(
            _("{path} is not a backup archive, or it is truncated (not a whole zip file)"),
            path=source,
        ) from None


def _read_manifest(archive: zipfile.ZipFile) -> list[Entry]:
    """The manifest's entries, once it is ours, of a format this code reads, and names
    exactly the archive's members, each at a place a restore may write."""
    try:
        data = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise _refuse(
            _("{path} is not a Duban backup: it has no {manifest}"),
            path=archive.filename,
            manifest=MANIFEST,
        ) from None
    except (ValueError, zipfile.BadZipFile, zlib.error):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(
            _("{path} is not a Duban backup: its {manifest} is not ours"),
            path=archive.filename,
            manifest=MANIFEST,
        )
    made_by = data.get("format_version")
    if not isinstance(made_by, int) or made_by > FORMAT_VERSION:
        raise _refuse(
            _("{path} was written by a newer Duban (backup format {version}): upgrade first"),
            path=archive.filename,
            version=made_by,
        )
    entries = _entries(data.get("files"))
    named = [e.path for e in entries]
    if (
        DATABASE not in named
        or len(set(named)) != len(named)
        or set(archive.namelist()) != {MANIFEST, *named}
    ):
        raise _refuse(
            _("{path} is damaged: its manifest does not list the files it holds"),
            path=archive.filename,
        )
    if outside := [p for p in named if not _may_restore(p)]:
        raise _refuse(
            _("{path} holds {member}, outside the folders a restore writes"),
            path=archive.filename,
            member=outside[0],
        )
    return entries


def _entries(files: Any) -> list[Entry]:
    """The manifest's file list, each item a path, a size and a sha256 (else no entry)."""
    if not isinstance(files, list):
        return []
    return [
        Entry(item["path"], item["size"], item["sha256"])
        for item in files
        if isinstance(item, dict)
        and isinstance(item.get("path"), str)
        and isinstance(item.get("size"), int)
        and isinstance(item.get("sha256"), str)
    ]


def _may_restore(path: str) -> bool:
    """Whether `path` is the database or a plain relative path inside one of FOLDERS."""
    parts = PurePosixPath(path).parts
    return path == DATABASE or (
        PurePosixPath(*parts).as_posix() == path
        and len(parts) > 1
        and parts[0] in FOLDERS
        and not _temporary(PurePosixPath(path))
        and all(part not in ("..", ".") and "\\" not in part for part in parts)
    )


def _extract(archive: zipfile.ZipFile, entry: Entry, staging: Path) -> None:
    """Write one member under `staging` (fsync'd), checking its size and sha256."""
    target = staging / entry.path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with archive.open(entry.path) as member, target.open("wb") as out:
            size, digest = _copy(member, out)
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise _refuse(
            _("{path} is damaged: {member} cannot be read"),
            path=archive.filename,
            member=entry.path,
        ) from None
    if (size, digest) != (entry.size, entry.sha256):
        raise _refuse(
            _("{path} is damaged: {member} does not match its checksum in the manifest"),
            path=archive.filename,
            member=entry.path,
        )


def check_database(db: Path) -> None:
    """Refuse a database file that fails `PRAGMA integrity_check`, holds no Duban schema, or
    has a migration this code does not know (made by a newer Duban)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    finally:
        conn.close()
    if problems != ["ok"]:
        raise _refuse(_("the database in the archive is damaged: {problem}"), problem=problems[0])
    applied = applied_migrations(db)
    known = {m.name for m in MIGRATIONS.pending(Database(memory=True))}
    if not applied:
        raise _refuse(_("the database in the archive holds no Duban data"))
    if unknown := [name for name in applied if name not in known]:
        raise _refuse(
            _(
                "the database in the archive is newer than this Duban (migrations {names}): "
                "upgrade first"
            ),
            names=", ".join(unknown),
        )


def _refuse_other_content(files: Iterable[str], staging: Path, root: Path) -> None:
    for path in files:
        there = root / path
        if there.exists() and not filecmp.cmp(there, staging / path, shallow=False):
            raise _refuse(
                _("{path} already exists with other content: restore with --force to replace it"),
                path=there,
            )


def _release(db: Path) -> None:
    """Before `db` is replaced: fold its WAL into it, and refuse if anyone has it open
    (leaving journal mode WAL needs the only connection; Store turns WAL on again)."""
    conn = sqlite3.connect(db, timeout=1)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorname == "SQLITE_NOTADB":
            return  # a file that is no database is simply replaced
        if error.sqlite_errorname not in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise
        mode = "in use"
    finally:
        conn.close()
    if mode != "delete":
        raise _refuse(
            _("{path} is in use (duban serve or a notebook has it open): stop them first"),
            path=db,
        )


def _put_back(files: list[str], staging: Path, root: Path, db: Path) -> None:
    """Rename the checked files, then the database, from `staging` into place."""
    folders = set()
    for path in files:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)
        folders.add(target.parent)
    for folder in folders:
        fsync_folder(folder)
    for leftover in ("-wal", "-shm", "-journal"):  # the replaced database's, never the new one's
        Path(f"{db}{leftover}").unlink(missing_ok=True)
    os.replace(staging / DATABASE, db)
    fsync_folder(root)

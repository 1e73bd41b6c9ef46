"""Evidence files: checked by content, stored content-addressed beside the database, swept.

A file is kept once per content at `evidence/<first two hex digits>/<sha256>.<ext>` under
the database's folder (the `path` of its `evidence` row, relative, so a moved or restored
database keeps its evidence). The name a browser sends is kept only as the file's display
name, never used for the path.

Crash safety. Inside the report's write transaction the content is written to
`evidence/incoming/<pid>-<random>.tmp`, fsync'd, renamed into place (os.replace, atomic: the
same file system) and its folder fsync'd; then the row is inserted and the transaction
commits. The rename comes before the commit, not after it, so that a crash between the two
leaves a file too many, never a row naming a missing or partial file. A crash (even SIGKILL,
which runs no cleanup) leaves at most:

- a temporary in `incoming/` (killed while copying), recognisable by its folder and by the
  pid in its name: the next file placed removes every temporary whose writer is no longer
  alive. Listing one folder that holds nothing but such leftovers costs a report nothing
  measurable, and needs no scheduler and no database read. The pid, not an age, tells a
  leftover: it is removed at the next placement rather than minutes later, and a temporary
  of a living process (one still writing, should a caller ever copy outside the write lock)
  is never touched however slow its copy; a dead pid reused by a new process only keeps a
  leftover longer.
- a whole file that no row names (killed between the rename and the commit): only the
  database tells it from a kept file, so `sweep_store` (the office's, and the daily backup's
  while `duban serve` runs, under the write lock) removes it; a later report of the same
  content reuses it.

The pid rule assumes every writer of one database runs on one machine (as SQLite's WAL does).
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from duban.db.store import Store
from duban.infra.durable import fsync_folder
from duban.infra.i18n import _
from duban.service.checks import Checks

FOLDER = "evidence"
MAX_BYTES = 20 * 1024 * 1024  # per file
MAX_FILES = 10  # per report
MAX_NAME = 120  # characters of a display name
INCOMING = "incoming"  # under FOLDER: the temporaries of files being written
TEMP_SUFFIX = ".tmp"
THUMBNAIL_PX = 160

# kind -> (media type, the extensions a file of that kind may carry; the first is stored)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "jpg": ("image/jpeg", (".jpg", ".jpeg")),
    "png": ("image/png", (".png",)),
    "webp": ("image/webp", (".webp",)),
    "heic": ("image/heic", (".heic", ".heif")),
    "pdf": ("application/pdf", (".pdf",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
}
PHOTOS = ("jpg", "png", "webp", "heic")
PILLOW_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}  # photos Pillow can verify
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
ACCEPTED_EXTENSIONS = tuple(ext for _media, exts in KINDS.values() for ext in exts)


@dataclass(frozen=True)
class Upload:
    """A file as a person sent it: the name they gave it and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks: its display name, kind and content hash."""

    filename: str
    kind: str
    content: bytes
    sha256: str

    @property
    def relative(self) -> PurePath:
        """Where the content is kept, relative to the database's folder."""
        return PurePath(FOLDER, self.sha256[:2], f"{self.sha256}.{self.kind}")


@dataclass(frozen=True)
class EvidenceFile:
    """One stored evidence file as pages show it."""

    id: int
    report_id: int
    filename: str
    size: int
    media_type: str
    path: Path  # absolute

    @property
    def is_photo(self) -> bool:
        return self.media_type.startswith("image/")


def size_text(size: int) -> str:
    """A file size as people read it: 512 B, 34.5 KB, 21.3 MB."""
    if size < 1024:
        return _("{n} B").format(n=size)
    if size < 1024 * 1024:
        return _("{n} KB").format(n=f"{size / 1024:.1f}")
    return _("{n} MB").format(n=f"{size / 1024 / 1024:.1f}")


def display_name(name: str) -> str:
    """The last part of a sent name, without control or zero-width characters, at most MAX_NAME."""
    base = PurePath(str(name).replace("\\", "/")).name
    kept = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(kept) > MAX_NAME:
        stem, dot, ext = kept.rpartition(".")
        kept = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot else kept[:MAX_NAME]
    return kept or "file"


def media_type_of(path: str) -> str:
    """The media type of a stored file, by the extension its path was given."""
    kind = kind_of_path(path)
    return KINDS[kind][0] if kind else "application/octet-stream"


def kind_of_path(path: str) -> str | None:
    """The kind a stored path's extension names (None for one stored otherwise)."""
    suffix = PurePath(path).suffix.lower()
    return next((kind for kind, (_m, exts) in KINDS.items() if suffix in exts), None)


def sniff(content: bytes) -> str | None:
    """The kind the bytes are, by their magic numbers (a ZIP by the part it holds)."""
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    if content[4:8] == b"ftyp" and content[8:12] in HEIF_BRANDS:
        return "heic"
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        return _office_kind(content)
    return None


def _office_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    return "xlsx" if "xl/workbook.xml" in names else None


def _photo_is_whole(content: bytes, kind: str) -> bool:
    """Whether Pillow reads the whole photo as the format its bytes announce (HEIC is not
    checked): decoded, not only its header verified (a JPEG cut off in transfer passes
    verify()), at a reduced scale where the format allows (JPEG: quick)."""
    if kind not in PILLOW_FORMATS:
        return True
    from PIL import Image  # imported when a photo is first checked (start-up)

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != PILLOW_FORMATS[kind]:
                return False
            image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))
            image.load()
            return True
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return False


def _problem(name: str, content: bytes, size: int | None = None) -> str | None:
    """What is wrong with a file sent as `name` (its display name), or None."""
    size = len(content) if size is None else size
    claimed, found = kind_of_path(name), sniff(content)
    if size == 0:
        return _("{name} is empty").format(name=name)
    if size > MAX_BYTES:
        return _("{name} is {size}; a file may be at most {limit}").format(
            name=name, size=size_text(size), limit=size_text(MAX_BYTES)
        )
    if claimed is None:
        return _("{name}: files of type {suffix} are not accepted (accepted: {accepted})").format(
            name=name,
            suffix=PurePath(name).suffix.lower() or _("(none)"),
            accepted=", ".join(ACCEPTED_EXTENSIONS),
        )
    if found != claimed and not (found in PHOTOS and claimed in PHOTOS):
        return _("{name} is not a {kind} file: its content is of another type").format(
            name=name, kind=claimed.upper()
        )
    if not _photo_is_whole(content, found):
        return _("{name} is not a readable photo (damaged or incomplete)").format(name=name)
    return None


def _read(source: str | Path | Upload) -> Upload | str:
    """An upload as it is, a file on disk read; or what stops it being read."""
    if isinstance(source, Upload):
        return source
    path = Path(source)
    if not path.is_file():
        return _("file not found: {name}").format(name=path.name)
    if path.stat().st_size > MAX_BYTES:  # not read into memory
        return _problem(path.name, b"", size=path.stat().st_size)
    return Upload(path.name, path.read_bytes())


def check_uploads(checks: Checks, sources: Iterable[str | Path | Upload]) -> list[CheckedFile]:
    """The files (uploads, or paths on the server) that pass; every problem recorded under
    `evidence` in one message, each naming its file."""
    sources = list(sources)
    if len(sources) > MAX_FILES:
        checks.fail(
            "evidence",
            _("{n} files sent; at most {most} per report").format(n=len(sources), most=MAX_FILES),
        )
        return []
    problems, kept = [], []
    for source in sources:
        upload = _read(source)
        name = display_name(upload.name) if isinstance(upload, Upload) else ""
        problem = upload if isinstance(upload, str) else _problem(name, upload.content)
        if problem:
            problems.append(problem)
        else:
            digest = hashlib.sha256(upload.content).hexdigest()
            kept.append(CheckedFile(name, sniff(upload.content), upload.content, digest))
    if problems:
        checks.fail("evidence", _("; ").join(problems))
    return kept


def _make_folder(folder: Path) -> None:
    """Create `folder` and its missing parents, each new one's entry fsync'd into its parent."""
    if folder.is_dir():
        return
    _make_folder(folder.parent)
    folder.mkdir(exist_ok=True)
    fsync_folder(folder.parent)


def _writer_alive(temporary: str) -> bool:
    """Whether the process named in a temporary's name (`<pid>-…`) is still running."""
    pid = temporary.partition("-")[0]
    if not pid.isdigit() or int(pid) == 0:  # kill(0, …) would ask about our own group
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _being_written(path: Path, root: Path) -> bool:
    """Whether `path` is a temporary in incoming/ that a living process may still write."""
    return path.parent == root / FOLDER / INCOMING and _writer_alive(path.name)


def _sweep_incoming(incoming: Path) -> None:
    """Remove the temporaries that processes which died while copying left in `incoming`."""
    for entry in os.scandir(incoming):
        if entry.is_file() and not _writer_alive(entry.name):
            Path(entry.path).unlink(missing_ok=True)


def place(root: Path, checked: CheckedFile) -> Path | None:
    """Put the content at its path under `root` (the database's folder); the path if this call
    created it (the caller removes it should its transaction fail), None if it was there.
    Call it holding the write lock; see the module's docstring for what a crash leaves."""
    target = root / checked.relative
    if target.is_file() and target.stat().st_size == len(checked.content):
        return None
    incoming = root / FOLDER / INCOMING
    _make_folder(incoming)
    _sweep_incoming(incoming)
    _make_folder(target.parent)
    temporary = incoming / f"{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"
    try:
        with open(temporary, "wb") as handle:
            handle.write(checked.content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_folder(target.parent)
    return target


def sweep(root: Path, referenced: Iterable[str]) -> list[str]:
    """Delete the files under `root`/evidence that no row references and the temporaries no
    living process writes; the removed paths (relative to `root`, sorted). Run it holding the
    write lock (a file placed but not yet committed is referenced by no row)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    kept = {PurePath(p).as_posix() for p in referenced}
    removed = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and relative not in kept and not _being_written(path, root):
            path.unlink()
            removed.append(relative)
    for path in sorted(folder.rglob("*"), reverse=True):  # deepest first
        if path.is_dir() and path != folder / INCOMING and not any(path.iterdir()):
            path.rmdir()
    return removed


def sweep_store(store: Store, actor: str) -> list[str]:
    """`sweep` the evidence of the database `store`, holding its write lock as `actor` (no
    report places a file meanwhile): the office's sweep, and the daily backup's before it
    archives (a file left by a report killed before its commit goes within a day)."""
    with store.write(actor):
        referenced = [r["path"] for r in store.rows("SELECT path FROM evidence")]
        return sweep(store.path.parent, referenced)


def thumbnail(path: Path, px: int = THUMBNAIL_PX) -> bytes | None:
    """A small JPEG of a photo (None for a photo Pillow cannot read, e.g. HEIC)."""
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as image:
            small = ImageOps.exif_transpose(image)
            small.thumbnail((px, px))
            out = io.BytesIO()
            small.convert("RGB").save(out, "JPEG", quality=75)
            return out.getvalue()
    except Exception:  # noqa: BLE001 - a photo that cannot be shown small is linked instead
        return None

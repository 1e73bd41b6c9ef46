"""Evidence files: checked by content, kept once per content beside the database, written to a
temporary name and renamed inside the report's transaction, swept when nothing references them."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from duban.db.store import Writer
from duban.infra.errors import NotFoundError, PermissionDeniedError, ValidationError
from duban.service import evidence
from duban.service.evidence import MAX_BYTES, Upload
from duban.service.workbook import open_workbook


def photo_bytes(fmt: str = "JPEG", color: str = "red", size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def office_bytes(part: str) -> bytes:
    """A minimal DOCX (part word/document.xml) or XLSX (xl/workbook.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def task(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Photograph every fire exit", areas=["fire"])
    return office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]


@pytest.fixture
def east(office):
    return office.as_user("east")


def stored_files(wb) -> list[Path]:
    folder = wb.store.path.parent / "evidence"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def incoming(wb) -> Path:
    return wb.store.path.parent / evidence.FOLDER / evidence.INCOMING


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def temporary_of(wb, pid: int) -> Path:
    """A half-written temporary in incoming/ whose writer has `pid`."""
    path = incoming(wb) / f"{pid}-0a1b2c3d4e5f{evidence.TEMP_SUFFIX}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half")
    return path


def test_a_file_is_kept_under_its_hash_relative_to_the_database(east, task, tmp_path):
    content = photo_bytes()
    source = tmp_path / "exit.jpg"
    source.write_bytes(content)
    report = east.report_progress(task, 60, "exits photographed", [source])
    row = east.store.one("SELECT * FROM evidence WHERE report_id = ?", [report])
    digest = hashlib.sha256(content).hexdigest()
    assert row["path"] == f"evidence/{digest[:2]}/{digest}.jpg"
    assert (east.store.path.parent / row["path"]).read_bytes() == content
    assert (row["sha256"], row["size"], row["filename"]) == (digest, len(content), "exit.jpg")
    assert east.reports(task)["evidence"].tolist() == ['["exit.jpg"]']


def test_the_same_content_twice_is_one_file(east, task):
    content = photo_bytes()
    east.report_progress(task, 20, "first", [Upload("a.jpg", content)])
    east.report_progress(task, 40, "again", [Upload("b.jpg", content), Upload("c.jpg", content)])
    rows = east.store.rows("SELECT filename, path FROM evidence ORDER BY id")
    assert [r["filename"] for r in rows] == ["a.jpg", "b.jpg"]  # once per report
    assert len({r["path"] for r in rows}) == 1
    assert len(stored_files(east)) == 1


def test_the_name_sent_never_makes_the_path(east, task):
    east.report_progress(task, 10, "x", [Upload("../../etc/\u200bpasswd.pdf", PDF)])
    row = east.store.one("SELECT filename, path FROM evidence")
    assert row["filename"] == "passwd.pdf"
    assert row["path"].startswith("evidence/") and ".." not in row["path"]
    assert "passwd" not in row["path"]


def test_a_file_is_written_to_a_temporary_name_then_renamed(east, task, monkeypatch):
    steps = []  # ("replace", source, target) and ("fsync", inode), in order
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src, dst):
        assert Path(src).read_bytes() == PDF  # whole before it gets its name
        steps.append(("replace", Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(evidence.os, "replace", replace)
    monkeypatch.setattr(
        evidence.os,
        "fsync",
        lambda fd: steps.append(("fsync", os.fstat(fd).st_ino)) or real_fsync(fd),
    )
    east.report_progress(task, 10, "a plan", [Upload("plan.pdf", PDF)])
    ((_, src, dst),) = [step for step in steps if step[0] == "replace"]
    assert src.parent == incoming(east) and not src.exists()
    assert src.name.startswith(f"{os.getpid()}-") and src.name.endswith(evidence.TEMP_SUFFIX)
    assert dst == stored_files(east)[0]
    assert os.stat(src.parent).st_dev == os.stat(dst.parent).st_dev  # an atomic rename
    content, name = ("fsync", dst.stat().st_ino), ("fsync", dst.parent.stat().st_ino)
    assert steps.index(content) < steps.index(("replace", src, dst)) < steps.index(name)


@pytest.fixture
def evidence_row_fails(monkeypatch):
    """The transaction fails after the file is placed: inserting its row raises."""
    original = Writer.insert

    def insert(self, table, row, action):
        if table == "evidence":
            raise RuntimeError("disk full")
        return original(self, table, row, action)

    monkeypatch.setattr(Writer, "insert", insert)


def test_a_failed_transaction_leaves_no_row_and_no_file(east, task, evidence_row_fails):
    with pytest.raises(RuntimeError):
        east.report_progress(task, 50, "a plan", [Upload("a.pdf", PDF)])
    assert east.store.one("SELECT COUNT(*) AS n FROM evidence")["n"] == 0
    assert east.store.one("SELECT COUNT(*) AS n FROM progress_reports")["n"] == 0
    assert stored_files(east) == []
    assert east.task(task)["status"] == "assigned"


def test_a_failure_keeps_a_file_another_report_references(east, task, monkeypatch):
    east.report_progress(task, 10, "first", [Upload("a.pdf", PDF)])
    (kept,) = stored_files(east)
    original = Writer.insert
    monkeypatch.setattr(
        Writer,
        "insert",
        lambda self, table, row, action: (
            (_ for _ in ()).throw(RuntimeError("disk full"))
            if table == "evidence"
            else original(self, table, row, action)
        ),
    )
    with pytest.raises(RuntimeError):
        east.report_progress(task, 20, "the same plan again", [Upload("again.pdf", PDF)])
    assert stored_files(east) == [kept]
    assert east.store.one("SELECT COUNT(*) AS n FROM evidence")["n"] == 1


CRASH = """
import os, sys
from duban.db.store import Writer
from duban.service.evidence import Upload
from duban.service.workbook import open_workbook

original = Writer.insert
def insert(self, table, row, action):
    if table == "evidence":
        os._exit(3)  # the process dies after the file is placed, before the commit
    return original(self, table, row, action)
Writer.insert = insert
wb = open_workbook(sys.argv[1], user="east")
wb.report_progress(int(sys.argv[2]), 30, "crash", [Upload("plan.pdf", sys.stdin.buffer.read())])
"""


def test_a_crash_after_the_file_leaves_no_row_and_the_sweep_removes_the_file(office, task):
    office.store.close()
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(office.store.path), str(task)],
        input=PDF,
        capture_output=True,
    )
    assert done.returncode == 3, done.stderr.decode()
    wb = open_workbook(office.store.path, user="clerk")
    assert wb.store.one("SELECT COUNT(*) AS n FROM evidence")["n"] == 0
    assert wb.store.one("SELECT COUNT(*) AS n FROM progress_reports")["n"] == 0
    (orphan,) = stored_files(wb)
    assert wb.sweep_evidence() == [orphan.relative_to(wb.store.path.parent).as_posix()]
    assert stored_files(wb) == []


COPY_CRASH = """
import os, stat, sys
from duban.service import evidence
from duban.service.evidence import Upload
from duban.service.workbook import open_workbook

real_fsync = os.fsync
def fsync(fd):
    if stat.S_ISREG(os.fstat(fd).st_mode):
        os._exit(3)  # the process dies once the copy is written, before it is synced
    real_fsync(fd)
evidence.os.fsync = fsync
wb = open_workbook(sys.argv[1], user="east")
wb.report_progress(int(sys.argv[2]), 30, "crash", [Upload("plan.pdf", sys.stdin.buffer.read())])
"""


def test_a_crash_while_copying_leaves_a_temporary_the_next_file_removes(office, east, task):
    child = subprocess.Popen(
        [sys.executable, "-c", COPY_CRASH, str(office.store.path), str(task)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _out, errors = child.communicate(PDF)
    assert child.returncode == 3, errors.decode()
    (leftover,) = stored_files(east)
    assert leftover.parent == incoming(east) and leftover.name.startswith(f"{child.pid}-")
    assert east.store.one("SELECT COUNT(*) AS n FROM evidence")["n"] == 0
    east.report_progress(task, 40, "the plan, again", [Upload("plan.pdf", PDF)])
    (placed,) = stored_files(east)
    assert placed.parent != incoming(east) and placed.read_bytes() == PDF


def test_the_next_file_keeps_the_temporary_of_a_living_writer(east, task):
    living, dead = temporary_of(east, os.getpid()), temporary_of(east, dead_pid())
    east.report_progress(task, 10, "a plan", [Upload("plan.pdf", PDF)])
    assert living.read_bytes() == b"half"
    assert not dead.exists()


def test_the_sweep_keeps_referenced_files_and_removes_orphans_and_temporaries(office, east, task):
    east.report_progress(task, 10, "kept", [Upload("kept.pdf", PDF)])
    (kept,) = stored_files(east)
    root = office.store.path.parent
    orphan = root / "evidence" / "00" / ("0" * 64 + ".pdf")
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(PDF)
    old_style = kept.with_name(kept.name + ".1a2b3c.tmp")  # as temporaries were once named
    old_style.write_bytes(b"half")
    living, dead = temporary_of(office, os.getpid()), temporary_of(office, dead_pid())
    removed = office.sweep_evidence()
    assert removed == sorted(p.relative_to(root).as_posix() for p in (orphan, old_style, dead))
    assert stored_files(office) == sorted([kept, living])
    assert not orphan.parent.exists()  # an emptied folder goes too
    living.unlink()
    assert office.sweep_evidence() == []
    assert incoming(office).is_dir()  # where a writer may be about to put its temporary


def test_only_the_office_sweeps(east):
    with pytest.raises(PermissionDeniedError):
        east.sweep_evidence()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", photo_bytes("JPEG")),
        ("photo.jpeg", photo_bytes("JPEG")),
        ("screen.PNG", photo_bytes("PNG")),
        ("phone.webp", photo_bytes("WEBP")),
        ("misnamed.png", photo_bytes("JPEG")),  # a photo under another photo's extension
        ("iphone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
        ("plan.pdf", PDF),
        ("notes.docx", office_bytes("word/document.xml")),
        ("ledger.xlsx", office_bytes("xl/workbook.xml")),
    ],
)
def test_accepted_types(east, task, name, content):
    east.report_progress(task, 10, "x", [Upload(name, content)])
    (stored,) = east.evidence_files(task)
    assert stored.filename == name and stored.size == len(content)
    assert stored.media_type == evidence.KINDS[evidence.sniff(content)][0]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("setup.exe", b"MZ\x90\x00", "setup.exe: files of type .exe are not accepted"),
        ("invoice.pdf", b"MZ\x90\x00 an exe", "invoice.pdf is not a PDF file"),
        ("notes.docx", office_bytes("xl/workbook.xml"), "notes.docx is not a DOCX file"),
        ("scan.pdf", photo_bytes(), "scan.pdf is not a PDF file"),
        ("zip.xlsx", b"PK\x03\x04 not a zip", "zip.xlsx is not a XLSX file"),
        ("broken.jpg", photo_bytes()[:200], "broken.jpg is not a readable photo"),
        ("empty.pdf", b"", "empty.pdf is empty"),
        ("README", b"text", "README: files of type (none) are not accepted"),
    ],
)
def test_refused_types_name_the_file(east, task, name, content, says):
    with pytest.raises(ValidationError) as refused:
        east.report_progress(task, 10, "x", [Upload(name, content)])
    assert says in refused.value.errors["evidence"]
    assert east.store.one("SELECT COUNT(*) AS n FROM progress_reports")["n"] == 0
    assert stored_files(east) == []


def test_too_big_says_how_big(east, task, tmp_path):
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(MAX_BYTES + 3 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        east.report_progress(task, 10, "x", [big])
    assert refused.value.errors["evidence"] == (
        "scan.pdf is 23.0 MB; a file may be at most 20.0 MB"
    )


def test_every_bad_file_is_named_in_one_message(east, task):
    with pytest.raises(ValidationError) as refused:
        east.report_progress(
            task, 10, "x", [Upload("a.exe", b"MZ"), Upload("ok.pdf", PDF), Upload("b.pdf", b"x")]
        )
    message = refused.value.errors["evidence"]
    assert "a.exe" in message and "b.pdf" in message and "ok.pdf" not in message


def test_at_most_ten_files_a_report(east, task):
    with pytest.raises(ValidationError, match="11 files sent; at most 10"):
        east.report_progress(task, 10, "x", [Upload(f"{n}.pdf", PDF) for n in range(11)])


def test_a_missing_path_is_named(east, task):
    with pytest.raises(ValidationError, match="file not found: photo.jpg"):
        east.report_progress(task, 10, "x", ["/nope/photo.jpg"])


def test_evidence_files_are_listed_for_the_tasks_own_unit_only(office, east, task):
    report = east.report_progress(
        task, 10, "x", [Upload("a.pdf", PDF), Upload("b.jpg", photo_bytes())]
    )
    files = east.evidence_files(task)
    assert [(f.filename, f.media_type, f.report_id) for f in files] == [
        ("a.pdf", "application/pdf", report),
        ("b.jpg", "image/jpeg", report),
    ]
    assert all(f.path.is_absolute() and f.path.is_file() for f in files)
    assert [f.filename for f in office.evidence_files(task, report_id=report)] == ["a.pdf", "b.jpg"]
    assert office.evidence_files(task, report_id=report + 1) == []
    with pytest.raises(NotFoundError, match=f"No task with id {task}"):
        office.as_user("west").evidence_files(task)


def test_a_thumbnail_is_a_small_jpeg(tmp_path):
    path = tmp_path / "big.png"
    path.write_bytes(photo_bytes("PNG", size=(2000, 1000)))
    small = evidence.thumbnail(path)
    with Image.open(io.BytesIO(small)) as image:
        assert image.format == "JPEG" and max(image.size) == evidence.THUMBNAIL_PX
    (tmp_path / "x.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    assert evidence.thumbnail(tmp_path / "x.heic") is None

"""Evidence files: copied beside the database, recorded with their hash, gone again on rollback."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from duban.infra.errors import TransitionError


@pytest.fixture
def task(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Photograph every fire exit", areas=["fire"])
    return office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]


def test_evidence_is_copied_and_recorded_relative_to_the_database(office, task, tmp_path):
    photo = tmp_path / "exit.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    report = office.as_user("east").report_progress(task, 60, "exits photographed", [photo])
    row = office.store.one("SELECT * FROM evidence WHERE report_id = ?", [report])
    stored = office.store.path.parent / row["path"]
    assert row["path"] == f"evidence/{task}/{report}-exit.jpg"
    assert stored.read_bytes() == photo.read_bytes()
    assert row["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert office.reports(task)["evidence"].tolist() == ['["exit.jpg"]']


def test_a_refused_report_leaves_no_file_behind(office, task, tmp_path):
    photo = tmp_path / "exit.jpg"
    photo.write_bytes(b"a photo")
    east = office.as_user("east")
    east.request_closure(task, "done")
    office.close(task, "checked")
    with pytest.raises(TransitionError):
        east.report_progress(task, 100, "more", [photo])
    assert not list((office.store.path.parent / "evidence").rglob("*.jpg"))


def test_files_copied_before_a_failure_are_removed_with_the_rollback(office, task, tmp_path):
    first, second = tmp_path / "a.jpg", tmp_path / "b.jpg"
    first.write_bytes(b"first")
    second.write_bytes(b"second")
    next_report = office.store.db["progress_reports"].count + 1
    blocker = office.store.path.parent / "evidence" / str(task) / f"{next_report}-b.jpg"
    blocker.mkdir(parents=True)  # the second copy fails: a folder stands where the file would go
    with pytest.raises(OSError):
        office.as_user("east").report_progress(task, 50, "two photos", [first, second])
    assert not (blocker.parent / f"{next_report}-a.jpg").exists()
    assert office.store.db["progress_reports"].count == next_report - 1
    assert office.task(task)["status"] == "assigned"

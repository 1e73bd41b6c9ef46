"""The demo database reads like a real office's half year."""

from __future__ import annotations

import stat
from datetime import date

from duban.demo import build_demo, sign_in_file
from duban.infra.config import Settings
from duban.service.accounts import session_stamp, sign_in
from duban.service.workbook import open_workbook
from duban.splitter import split


def test_the_splitter_finds_the_directives_of_every_demo_meeting(demo_db):
    wb = open_workbook(demo_db, user="clerk")
    for meeting in wb.meetings().itertuples():
        found = split(wb.meeting(meeting.id)["text"])
        stored = wb.directives(meeting.id)["text"].tolist()
        assert len(found) == len(stored), meeting.title
        for directive, text in zip(found, stored, strict=True):
            assert directive.text in text or text.removeprefix("要") in directive.text, (
                meeting.title,
                directive.text,
            )


def test_the_demo_has_every_kind_of_outcome(demo_db):
    wb = open_workbook(demo_db, user="leader")
    figures = wb.headline()
    assert figures["closed_on_time"] > figures["closed_late"] > 0
    assert (
        figures["overdue"] > 0 and figures["returned"] > 0 and figures["open"] > figures["overdue"]
    )
    decisions = wb.store.rows(
        "SELECT decision, COUNT(*) AS n FROM extension_requests GROUP BY decision"
    )
    assert {"approved", "rejected"} <= {row["decision"] for row in decisions}
    lateness = wb.store.one("SELECT COUNT(*) AS n FROM reminders")["n"]
    assert lateness > 0


def test_the_demo_users_share_one_password_kept_beside_the_database(tmp_path):
    """Without a password the demo makes a one-time one; its sign-in file is its owner's only,
    even where an older file was readable by all; one hash is made for all (quick)."""
    db = tmp_path / "demo.sqlite"
    kept = sign_in_file(db)
    kept.write_text("old")
    kept.chmod(0o644)
    wb = build_demo(db, today=date(2026, 11, 16))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    password = kept.read_text().split("password of every demo user: ")[1].split()[0]
    rows = wb.store.rows("SELECT login, password_hash FROM users")
    assert len(rows) == 47 and len({r["password_hash"] for r in rows}) == 1
    for login in ("clerk", "changan-street"):
        assert sign_in(wb.store, Settings(), login, password)["login"] == login
    stamps = {session_stamp(r) for r in rows}
    assert len(stamps) == 47  # one hash, yet each user's sessions are their own

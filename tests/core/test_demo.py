"""The demo database reads like a real office's half year."""

from __future__ import annotations

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

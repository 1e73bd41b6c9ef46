"""A new deadline pasted from Word or PDF: full-width digits, NBSP, zero-width, 年月日."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import ValidationError
from duban.service.tasks import day_text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("２０２７-０１-２０", "2027-01-20"),
        ("2027年1月20日", "2027-01-20"),
        ("２０２７年１月２０日", "2027-01-20"),
        ("\u00a02027-01-20\u200b ", "2027-01-20"),
        ("2027/1/20", "2027-01-20"),
        ("2027 年 1 月 20 日", "2027-01-20"),
        ("next week", "next week"),  # left for the date check to refuse
    ],
)
def test_day_text(typed, read):
    assert day_text(typed) == read


def test_a_pasted_new_deadline_is_accepted(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect the depot", areas=["fire"])
    task = office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]
    east = office.as_user("east")
    with pytest.raises(ValidationError, match="must be a date"):
        east.request_extension(task, "下周", "busy")
    request = east.request_extension(task, "２０２６年１２月２０日", "busy")
    row = east.store.one("SELECT new_deadline FROM extension_requests WHERE id = ?", [request])
    assert row["new_deadline"] == "2026-12-20"

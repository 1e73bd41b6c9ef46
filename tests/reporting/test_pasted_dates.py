"""A new deadline pasted from Word or PDF: full-width digits, NBSP, zero-width, 年月日."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import ValidationError


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

"""The bad-input catalogue in the reporter's form: each refusal is shown under its field in
words, and nothing is written (the API's and the command line's: tests/core/test_bad_input.py)."""

from __future__ import annotations

from datetime import date

import pytest

from .test_my_tasks_page import opened

INVISIBLE = "\u200b\u3000\ufeff\u00a0 \u200b"
CONTROLS = "\x00\x07\x1b\x7f"


def counts(wb) -> dict[str, int]:
    return {table: wb.store.db[table].count for table in wb.store.db.table_names()}


def report(text: str, upload=()):
    def fill(page, kit):
        page.percent.value = 40
        page.text.value = text
        page.upload.value = upload(kit) if callable(upload) else upload
        page.send_report.click()
        return page.report_errors

    return fill


def extension(day: date | None, reason: str):
    def fill(page, _kit):
        page.new_deadline.value = day
        page.reason.value = reason
        page.send_extension.click()
        return page.extension_errors

    return fill


# (case, filling the form, the field marked, words under it)
CASES = [
    ("report of invisible spaces", report(INVISIBLE), "text", "must not be empty"),
    ("report of control characters", report(CONTROLS), "text", "must not be empty"),
    ("report of 1 MB", report("安全" * 350_000), "text", "too long"),
    (
        "an executable named .pdf",
        report("see file", lambda kit: kit.upload(("plan.pdf", b"MZ\x90\x00 an exe"))),
        "evidence",
        "plan.pdf is not a PDF file",
    ),
    (
        "a photo cut off",
        report("see photo", lambda kit: kit.upload(("site.jpg", kit.photo()[:2000]))),
        "evidence",
        "site.jpg is not a readable photo",
    ),
    ("extension to 9999", extension(date(9999, 1, 1), "busy"), "new_deadline", "2099-12-31"),
    ("extension with no date", extension(None, "busy"), "new_deadline", "must be a date"),
    ("extension reason invisible", extension(date(2027, 1, 20), INVISIBLE), "reason", "empty"),
]


@pytest.mark.parametrize("case,fill,field,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_marked_in_the_form_and_nothing_is_written(
    units, east_page, kit, case, fill, field, words
):
    page = opened(east_page, units.tasks["new"])
    before = counts(units.wb)
    errors = fill(page, kit)
    assert words in errors[field].value
    assert "Traceback" not in errors[field].value
    assert counts(units.wb) == before

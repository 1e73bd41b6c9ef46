"""The catalogue of bad input: each case raises a clear error naming the field and writes
nothing."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import DubanError, NotFoundError, ValidationError
from duban.service.tasks import Target

LONG = "安" * 100_001


@pytest.fixture
def world(office, tmp_path):
    """A meeting with one directive assigned to 东街街道 (task in progress), and a CSV folder."""
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect markets", areas=["crowded_places"])
    task = office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]
    office.as_user("east").report_progress(task, 10, "started")
    return {"wb": office, "meeting": meeting, "directive": directive, "task": task, "tmp": tmp_path}


def csv(world, text: str):
    path = world["tmp"] / "units.csv"
    path.write_text(text, encoding="utf-8")
    return path


# (case, call, exception, words the message must contain)
CASES = [
    (
        "empty meeting title",
        lambda w: w["wb"].log_meeting("  ", "plenary", "district", "2026-11-10"),
        ValidationError,
        "title",
    ),
    (
        "meeting kind unknown",
        lambda w: w["wb"].log_meeting("T", "party", "district", "2026-11-10"),
        ValidationError,
        "kind",
    ),
    (
        "meeting level unknown",
        lambda w: w["wb"].log_meeting("T", "plenary", "galactic", "2026-11-10"),
        ValidationError,
        "level",
    ),
    (
        "meeting date malformed",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "10/11/2026"),
        ValidationError,
        "date",
    ),
    (
        "meeting in the future",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "2026-11-20"),
        ValidationError,
        "future",
    ),
    (
        "meeting text too long",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "2026-11-10", text=LONG),
        ValidationError,
        "too long",
    ),
    (
        "upstream meeting unknown",
        lambda w: w["wb"].log_meeting(
            "T", "plenary", "district", "2026-11-10", upstream_meeting_id=999
        ),
        ValidationError,
        "upstream meeting",
    ),
    (
        "directive text empty",
        lambda w: w["wb"].add_directive(w["meeting"], ""),
        ValidationError,
        "text",
    ),
    (
        "directive area unknown",
        lambda w: w["wb"].add_directive(w["meeting"], "x", areas=["space"]),
        ValidationError,
        "space",
    ),
    (
        "directive of unknown meeting",
        lambda w: w["wb"].add_directive(999, "x"),
        NotFoundError,
        "999",
    ),
    (
        "edit an assigned directive",
        lambda w: w["wb"].edit_directive(w["directive"], text="new"),
        ValidationError,
        "already assigned",
    ),
    (
        "delete an assigned directive",
        lambda w: w["wb"].delete_directive(w["directive"]),
        ValidationError,
        "already assigned",
    ),
    (
        "deadline before the meeting",
        lambda w: w["wb"].assign(w["directive"], ["西街街道"], "2026-11-01"),
        ValidationError,
        "before the meeting",
    ),
    (
        "deadline already passed",
        lambda w: w["wb"].assign(w["directive"], ["西街街道"], "2026-11-13"),
        ValidationError,
        "already passed",
    ),
    (
        "deadline malformed",
        lambda w: w["wb"].assign(w["directive"], ["西街街道"], "next week"),
        ValidationError,
        "deadline",
    ),
    (
        "working days out of range",
        lambda w: w["wb"].assign(w["directive"], ["西街街道"], 0),
        ValidationError,
        "working days",
    ),
    (
        "unknown unit",
        lambda w: w["wb"].assign(w["directive"], ["Atlantis"], "2026-11-30"),
        ValidationError,
        "Atlantis",
    ),
    (
        "no unit at all",
        lambda w: w["wb"].assign(w["directive"], [], "2026-11-30"),
        ValidationError,
        "at least one",
    ),
    (
        "bad role",
        lambda w: w["wb"].assign(w["directive"], [Target("西街街道", "boss")], "2026-11-30"),
        ValidationError,
        "role",
    ),
    (
        "bad cycle",
        lambda w: w["wb"].assign(w["directive"], ["西街街道"], "2026-11-30", cycle="daily"),
        ValidationError,
        "cycle",
    ),
    (
        "duplicate unit name",
        lambda w: w["wb"].as_user("admin").add_unit("东街街道", "street"),
        ValidationError,
        "already exists",
    ),
    (
        "alias clashes with a unit",
        lambda w: w["wb"].as_user("admin").add_unit("新单位", "other", ["区应急管理局"]),
        ValidationError,
        "already exists",
    ),
    (
        "unit kind unknown",
        lambda w: w["wb"].as_user("admin").add_unit("新单位", "village"),
        ValidationError,
        "kind",
    ),
    (
        "unit name empty",
        lambda w: w["wb"].as_user("admin").add_unit("", "street"),
        ValidationError,
        "name",
    ),
    (
        "percent above 100",
        lambda w: w["wb"].as_user("east").report_progress(w["task"], 120, "x"),
        ValidationError,
        "percent",
    ),
    (
        "percent below 0",
        lambda w: w["wb"].as_user("east").report_progress(w["task"], -1, "x"),
        ValidationError,
        "percent",
    ),
    (
        "percent not a number",
        lambda w: w["wb"].as_user("east").report_progress(w["task"], "half", "x"),
        ValidationError,
        "percent",
    ),
    (
        "report text empty",
        lambda w: w["wb"].as_user("east").report_progress(w["task"], 50, " "),
        ValidationError,
        "text",
    ),
    (
        "report text too long",
        lambda w: w["wb"].as_user("east").report_progress(w["task"], 50, "x" * 5001),
        ValidationError,
        "too long",
    ),
    (
        "evidence file missing",
        lambda w: w["wb"].as_user("east").report_progress(w["task"], 50, "x", ["/nope/photo.jpg"]),
        ValidationError,
        "photo.jpg",
    ),
    (
        "extension not later",
        lambda w: w["wb"].as_user("east").request_extension(w["task"], "2026-11-20", "busy"),
        ValidationError,
        "later",
    ),
    (
        "extension without reason",
        lambda w: w["wb"].as_user("east").request_extension(w["task"], "2026-12-20", ""),
        ValidationError,
        "reason",
    ),
    (
        "return without comment",
        lambda w: w["wb"].return_task(w["task"], ""),
        ValidationError,
        "comment",
    ),
    (
        "reminder kind unknown",
        lambda w: w["wb"].remind(w["task"], "x", kind="sms"),
        ValidationError,
        "kind",
    ),
    (
        "reporter without unit",
        lambda w: w["wb"].as_user("admin").add_user("r9", "R", "reporter"),
        ValidationError,
        "unit",
    ),
    (
        "user login taken",
        lambda w: w["wb"].as_user("admin").add_user("clerk", "C", "clerk"),
        ValidationError,
        "taken",
    ),
    ("unknown task", lambda w: w["wb"].close(999), NotFoundError, "999"),
    (
        "import: missing column",
        lambda w: w["wb"].as_user("admin").import_units(csv(w, "name\n北街街道\n")),
        ValidationError,
        "kind",
    ),
    (
        "import: bad kind in row 3",
        lambda w: (
            w["wb"]
            .as_user("admin")
            .import_units(csv(w, "name,kind\n北街街道,street\n中街,planet\n"))
        ),
        ValidationError,
        "row 3",
    ),
    (
        "import: duplicate in file",
        lambda w: (
            w["wb"]
            .as_user("admin")
            .import_units(csv(w, "name,kind\n北街街道,street\n北街街道,street\n"))
        ),
        ValidationError,
        "twice",
    ),
    (
        "import: existing unit",
        lambda w: w["wb"].as_user("admin").import_units(csv(w, "name,kind\n东街街道,department\n")),
        ValidationError,
        "already exists",
    ),
    (
        "import: unknown group",
        lambda w: (
            w["wb"]
            .as_user("admin")
            .import_units(csv(w, "name,kind,groups\n北街街道,street,Nowhere\n"))
        ),
        ValidationError,
        "Nowhere",
    ),
    (
        "import: not a table",
        lambda w: w["wb"].as_user("admin").import_units(csv(w, "")),
        ValidationError,
        "file",
    ),
]


def counts(wb) -> dict[str, int]:
    """The row count of every table of the database (drafts and the audit trail included)."""
    return {table: wb.store.db[table].count for table in wb.store.db.table_names()}


@pytest.mark.parametrize("case,call,error,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_and_nothing_is_written(world, case, call, error, words):
    before = counts(world["wb"])
    with pytest.raises(error) as raised:
        call(world)
    assert words in str(raised.value)
    assert counts(world["wb"]) == before


def test_the_catalogue_has_at_least_25_cases():
    assert len(CASES) >= 25


def test_validation_errors_name_every_bad_field_at_once(office):
    with pytest.raises(ValidationError) as raised:
        office.log_meeting("", "party", "galactic", "someday")
    assert set(raised.value.errors) == {"title", "kind", "level", "held_on"}
    assert isinstance(raised.value, DubanError)

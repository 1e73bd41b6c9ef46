"""The catalogue of bad input: each case raises a clear error naming the field and writes
nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import Workbook as Excel

from duban.cli import main as cli
from duban.infra.errors import DubanError, NotFoundError, ValidationError
from duban.service.tasks import Target

LONG = "安" * 100_001
MEGABYTE = "安全" * 350_000  # 1 MB of UTF-8
INVISIBLE = "\u200b\u3000\ufeff\u00a0 \u200b"  # zero-width, ideographic, no-break spaces
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how Excel wraps a workbook with a password
CONTROLS = "\x00\x07\x1b\x7f"  # NUL, bell, escape, delete: nothing once removed


@pytest.fixture
def world(office, tmp_path):
    """A meeting with one directive assigned to 东街街道 (task in progress), and a CSV folder."""
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect markets", areas=["crowded_places"])
    task = office.assign(directive, ["东街街道"], date(2026, 11, 30)).task_ids[0]
    office.as_user("east").report_progress(task, 10, "started")
    office.as_user("admin").add_unit("消防救援大队", "department", ["Fire Brigade (East)"])
    return {"wb": office, "meeting": meeting, "directive": directive, "task": task, "tmp": tmp_path}


def csv(world, text: str):
    path = world["tmp"] / "units.csv"
    path.write_text(text, encoding="utf-8")
    return path


def xlsx(world, data: bytes):
    path = world["tmp"] / "units.xlsx"
    path.write_bytes(data)
    return path


def workbook_bytes() -> bytes:
    """A real unit list as .xlsx."""
    book = Excel()
    book.active.append(["name", "kind"])
    book.active.append(["北街街道", "street"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    """A Word document's zip (what a .docx renamed .xlsx holds)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def admin(w):
    return w["wb"].as_user("admin")


def east(w):
    return w["wb"].as_user("east")


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
    # -- text as pasted: blank, invisible, control characters, sizes, types -------------------
    (
        "title of invisible spaces only",
        lambda w: w["wb"].log_meeting(INVISIBLE, "plenary", "district", "2026-11-10"),
        ValidationError,
        "title: must not be empty",
    ),
    (
        "title of control characters only",
        lambda w: w["wb"].log_meeting(CONTROLS, "plenary", "district", "2026-11-10"),
        ValidationError,
        "title: must not be empty",
    ),
    (
        "title not text",
        lambda w: w["wb"].log_meeting(2026, "plenary", "district", "2026-11-10"),
        ValidationError,
        "must be text",
    ),
    (
        "title too long",
        lambda w: w["wb"].log_meeting("会" * 301, "plenary", "district", "2026-11-10"),
        ValidationError,
        "too long",
    ),
    (
        "meeting held in year 1",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "0001-01-01"),
        ValidationError,
        "between 2000-01-01 and 2099-12-31",
    ),
    (
        "meeting date impossible",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "2026-02-30"),
        ValidationError,
        "date",
    ),
    (
        "meeting date a number",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", 20261110),
        ValidationError,
        "date",
    ),
    (
        "speakers as one text",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "2026-11-10", speakers="王文"),
        ValidationError,
        "speakers: must be a list",
    ),
    (
        "meeting text of 1 MB",
        lambda w: w["wb"].log_meeting("T", "plenary", "district", "2026-11-10", text=MEGABYTE),
        ValidationError,
        "too long",
    ),
    (
        "directive of invisible spaces only",
        lambda w: w["wb"].add_directive(w["meeting"], INVISIBLE),
        ValidationError,
        "text: must not be empty",
    ),
    (
        "directive areas as one text",
        lambda w: w["wb"].add_directive(w["meeting"], "x", areas="fire"),
        ValidationError,
        "areas: must be a list",
    ),
    (
        "directive areas with SQL",
        lambda w: w["wb"].add_directive(w["meeting"], "x", areas=["fire'; DROP TABLE tasks;--"]),
        ValidationError,
        "DROP TABLE",
    ),
    (
        "deadline in 9999",
        lambda w: w["wb"].assign(w["directive"], ["西街街道"], "9999-12-31"),
        ValidationError,
        "between 2000-01-01 and 2099-12-31",
    ),
    (
        "unit named with SQL",
        lambda w: w["wb"].assign(w["directive"], ["西街街道'; DELETE FROM tasks;--"], "2026-11-30"),
        ValidationError,
        "DELETE FROM",
    ),
    (
        "units as one text",
        lambda w: w["wb"].send_reminders("12", "hurry"),
        ValidationError,
        "must be a list",
    ),
    (
        "reminder for a task id that is not one",
        lambda w: w["wb"].send_reminders(["x"], "hurry"),
        ValidationError,
        "x is not an id",
    ),
    (
        "report of invisible spaces only",
        lambda w: east(w).report_progress(w["task"], 50, INVISIBLE),
        ValidationError,
        "text: must not be empty",
    ),
    (
        "report of 1 MB",
        lambda w: east(w).report_progress(w["task"], 50, MEGABYTE),
        ValidationError,
        "too long",
    ),
    (
        "percent a boolean",
        lambda w: east(w).report_progress(w["task"], True, "x"),
        ValidationError,
        "percent",
    ),
    (
        "extension to 9999",
        lambda w: east(w).request_extension(w["task"], "9999-01-01", "busy"),
        ValidationError,
        "between 2000-01-01 and 2099-12-31",
    ),
    (
        "extension reason of control characters",
        lambda w: east(w).request_extension(w["task"], "2026-12-20", CONTROLS),
        ValidationError,
        "reason",
    ),
    # -- names: groups, look-alikes, lists --------------------------------------------------
    (
        "unit named like a group",
        lambda w: admin(w).add_unit("所有街道", "street"),
        ValidationError,
        "a group named 所有街道 already exists",
    ),
    (
        "unit named like a group, full-width spaces around",
        lambda w: admin(w).add_unit("\u3000所有街道\u3000", "street"),
        ValidationError,
        "a group named 所有街道 already exists",
    ),
    (
        "full-width copy of an alias",
        lambda w: admin(w).add_unit("新单位", "other", ["ＦＩＲＥ ＢＲＩＧＡＤＥ（ＥＡＳＴ）"]),
        ValidationError,
        "already exists",
    ),
    (
        "look-alike of a unit's name",
        lambda w: admin(w).add_unit("东街 街道", "street"),
        ValidationError,
        "a unit named 东街 街道 already exists",
    ),
    (
        "unit named by emoji only",
        lambda w: admin(w).add_unit("🚒🚒", "department"),
        ValidationError,
        "🚒🚒 is not a name",
    ),
    (
        "import: a unit named by emoji only",
        lambda w: admin(w).import_units(csv(w, "name,kind\n🚒,street\n")),
        ValidationError,
        "row 2",
    ),
    (
        "aliases as one text",
        lambda w: admin(w).add_unit("新单位", "other", "新单"),
        ValidationError,
        "aliases: must be a list",
    ),
    (
        "group named like a unit",
        lambda w: admin(w).add_group("东街街道", unit_kind="street"),
        ValidationError,
        "a unit named 东街街道 already exists",
    ),
    (
        "unit name of invisible spaces",
        lambda w: admin(w).add_unit(INVISIBLE, "street"),
        ValidationError,
        "name: must not be empty",
    ),
    (
        "login of control characters",
        lambda w: admin(w).add_user(CONTROLS, "R", "clerk"),
        ValidationError,
        "login",
    ),
    # -- imports: look-alikes, groups, broken and disguised files --------------------------
    (
        "import: look-alike twice in the file",
        lambda w: admin(w).import_units(csv(w, "name,kind\nＡ区街道,street\nA区 街道,street\n")),
        ValidationError,
        "twice",
    ),
    (
        "import: a unit named like a group",
        lambda w: admin(w).import_units(csv(w, "name,kind\n所有街道,street\n")),
        ValidationError,
        "a group named 所有街道 already exists",
    ),
    (
        "import: truncated xlsx",
        lambda w: admin(w).import_units(xlsx(w, workbook_bytes()[:900])),
        ValidationError,
        "not a whole .xlsx workbook",
    ),
    (
        "import: password-protected xlsx",
        lambda w: admin(w).import_units(xlsx(w, OLE + bytes(4096))),
        ValidationError,
        "password-protected",
    ),
    (
        "import: a Word document named .xlsx",
        lambda w: admin(w).import_units(xlsx(w, docx_bytes())),
        ValidationError,
        "not an Excel workbook",
    ),
    (
        "import: a text file named .xlsx",
        lambda w: admin(w).import_units(xlsx(w, "name,kind\n北街街道,street\n".encode())),
        ValidationError,
        "not a whole .xlsx workbook",
    ),
    (
        "import: neither UTF-8 nor GB18030",
        lambda w: admin(w).import_units(_binary_csv(w)),
        ValidationError,
        "file",
    ),
]


def _binary_csv(w):
    path = w["tmp"] / "units.csv"
    path.write_bytes(b"name,kind\n\xff\xfe\x80\x81,street\n")
    return path


def counts(wb) -> dict[str, int]:
    """The row count of every table of the database (drafts and the audit trail included)."""
    return {table: wb.store.db[table].count for table in wb.store.db.table_names()}


# (case, the command line (given the world), words the message must contain)
CLI_CASES = [
    (
        "cli: login of invisible spaces",
        lambda w: ["users", "add", INVISIBLE, "R", "clerk"],
        "login",
    ),
    (
        "cli: reporter of an unknown unit",
        lambda w: ["users", "add", "r9", "R", "reporter", "--unit", "Atlantis"],
        "Atlantis",
    ),
    (
        "cli: import a truncated xlsx",
        lambda w: ["units", "import", str(xlsx(w, workbook_bytes()[:900]))],
        "not a whole .xlsx workbook",
    ),
    (
        "cli: import a Word document named .xlsx",
        lambda w: ["units", "import", str(xlsx(w, docx_bytes()))],
        "not an Excel workbook",
    ),
    (
        "cli: import holidays from a password-protected xlsx",
        lambda w: ["holidays", "import", str(xlsx(w, OLE + bytes(4096)))],
        "neither UTF-8 nor GB18030",
    ),
    (
        "cli: --db names a text file",
        lambda w: ["units", "import", str(csv(w, "name,kind\n")), "--db", str(csv(w, "no db"))],
        "not a database",
    ),
    (
        "cli: an unknown user acts",
        lambda w: ["units", "import", str(csv(w, "x")), "--user", "ghost"],
        "ghost",
    ),
]


@pytest.mark.parametrize("case,argv,words", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_bad_input_at_the_command_line_is_refused_in_words(world, case, argv, words):
    before = counts(world["wb"])
    result = CliRunner().invoke(
        cli,
        argv(world),
        env={"DUBAN_DB": str(world["wb"].store.path), "DUBAN_USER": "admin"},
        catch_exceptions=False,
    )
    assert result.exit_code != 0
    assert words in result.output and "Traceback" not in result.output
    assert counts(world["wb"]) == before


@pytest.mark.parametrize("case,call,error,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_and_nothing_is_written(world, case, call, error, words):
    before = counts(world["wb"])
    with pytest.raises(error) as raised:
        call(world)
    assert words in str(raised.value)
    assert counts(world["wb"]) == before


def test_the_catalogue_has_at_least_60_cases():
    assert len(CASES) + len(CLI_CASES) >= 60


def test_validation_errors_name_every_bad_field_at_once(office):
    with pytest.raises(ValidationError) as raised:
        office.log_meeting("", "party", "galactic", "someday")
    assert set(raised.value.errors) == {"title", "kind", "level", "held_on"}
    assert isinstance(raised.value, DubanError)


def test_text_pasted_with_control_characters_is_kept_plain_and_exports(office, tmp_path):
    """Word's line break (\\v), a PDF's page break (\\f), NUL and bell: the breaks become line
    breaks, the rest goes; the ledger (which refused such text) is then written."""
    meeting = office.log_meeting("Word\vpaste\x00", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect\fmarkets\x07 now\u3000")
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    row = office.store.one(
        "SELECT m.title, d.text FROM meetings m JOIN directives d ON d.meeting_id = m.id"
    )
    assert row == {"title": "Word\npaste", "text": "Inspect\nmarkets now"}
    ledger = tmp_path / "ledger.xlsx"
    result = CliRunner().invoke(
        cli,
        ["export", "--to", str(ledger)],
        env={"DUBAN_DB": str(office.store.path), "DUBAN_USER": "clerk"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(ledger).testzip() is None


def test_emoji_and_markup_in_a_report_are_kept_as_written(office):
    """Emoji, HTML and SQL in a text are text: stored as typed (pages escape them)."""
    meeting = office.log_meeting(
        "🚒 <b>Fire</b> '; DROP TABLE meetings;--", "plenary", "district", "2026-11-10"
    )
    assert office.meeting(meeting)["title"] == "🚒 <b>Fire</b> '; DROP TABLE meetings;--"


def test_a_gb18030_unit_list_imports(admin, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes("名称,类别\n北街街道,街道\n區消防救援大隊,部门\n".encode("gb18030"))
    assert admin.import_units(path) == 2
    assert {"北街街道", "區消防救援大隊"} <= set(admin.units()["name"])

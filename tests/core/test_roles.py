"""Roles that hold, in the service, whatever page or script calls: every public method of the
workbook is called as another unit's reporter, a leader and an analyst (each opened as a page's
kernel opens its visitor's workbook), with an id of east's task and bad input.

Each method's row in CALLS says what each of the three gets:
R  refused, a PermissionDeniedError in words that names nothing of east's task
H  told as for an id that does not exist (the same error or the same empty result)
S  answered, with nothing of east's meeting, directive or task in the answer
O  answered (the role may read it all)
A method added to Workbook without a row here fails test_every_public_method_has_a_row.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from duban.infra.errors import DubanError, NotFoundError, PermissionDeniedError
from duban.models.pages import PAGES, pages_open_to
from duban.service import permissions
from duban.service.deployments import DirectivePlan
from duban.service.progress import Scope
from duban.service.supervision import TaskFilters
from duban.service.tasks import Target
from duban.service.workbook import Workbook, open_workbook
from duban.vocabulary import RIGHTS, TASK_ACTIONS

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = "2026-11-30"
# what nobody but the office, leaders, analysts and east may learn of east's task
SECRETS = ("Secret plenary", "Secret provincial", "Secret: inspect the depot", DEADLINE)
ROLES = ("west", "leader", "analyst")  # the columns of CALLS' outcomes
MISSING = 10_000  # added to every id: ids that do not exist


@dataclass(frozen=True)
class Ids:
    upstream: int  # "Secret provincial": east has a task from it, west none
    meeting: int  # "Secret plenary", passing the upstream on
    directive: int  # of the meeting, assigned to east only
    task: int  # east's
    request: int  # east's extension request
    draft: int  # the clerk's
    unit: int  # east's unit
    group: int

    def missing(self) -> Ids:
        return Ids(**{k: v + MISSING for k, v in vars(self).items()})


@pytest.fixture
def world(office: Workbook, db_path: Path) -> SimpleNamespace:
    """East's task from a meeting passing on a provincial one; west's own task from a meeting
    passing on the same provincial meeting; the three users opened as a page opens them."""
    upstream = office.log_meeting(
        "Secret provincial", "video_conference", "provincial", "2026-11-02"
    )
    up_directive = office.add_directive(upstream, "Secret upstream fire check", areas=["fire"])
    office.assign(up_directive, ["东街街道"], date.fromisoformat(DEADLINE))
    meeting = office.log_meeting(
        "Secret plenary", "plenary", "district", "2026-11-10", upstream_meeting_id=upstream
    )
    directive = office.add_directive(meeting, "Secret: inspect the depot", areas=["fire"])
    task = office.assign(directive, ["东街街道"], date.fromisoformat(DEADLINE)).task_ids[0]
    west_meeting = office.log_meeting(
        "West street meeting", "dispatch", "street", "2026-11-11", upstream_meeting_id=upstream
    )
    west_directive = office.add_directive(west_meeting, "West's own fire drill", areas=["fire"])
    office.assign(west_directive, ["西街街道"], date(2026, 12, 20))
    request = office.as_user("east").request_extension(task, "2026-12-20", "waiting for parts")
    draft = office.save_draft({"title": "half done"}, title="half done")
    ids = Ids(
        upstream,
        meeting,
        directive,
        task,
        request,
        draft,
        office.find_unit("东街街道")["id"],
        office.find_group("所有街道")["id"],
    )
    users = {login: open_workbook(db_path, user=login) for login in (*ROLES, "clerk")}
    return SimpleNamespace(
        office=office, ids=ids, users=users, west_meeting=west_meeting, path=db_path
    )


Call = Callable[[Workbook, Ids, Path], Any]
CSV = b"date,kind,name\nnot a day,holiday,x\n"


def _units_file(path: Path) -> Path:
    target = path.parent / "units.csv"
    target.write_text("name\n", encoding="utf-8")  # missing its kind column: bad input
    return target


CALLS: dict[str, tuple[str, Call]] = {
    # -- the units register: the administrator's; names are read by all
    "add_unit": ("RRR", lambda wb, i, p: wb.add_unit("", "planet")),
    "rename_unit": ("RRR", lambda wb, i, p: wb.rename_unit(i.unit, "")),
    "merge_units": ("RRR", lambda wb, i, p: wb.merge_units(i.unit, i.unit)),
    "retire_unit": ("RRR", lambda wb, i, p: wb.retire_unit(i.unit)),
    "restore_unit": ("RRR", lambda wb, i, p: wb.restore_unit(i.unit)),
    "add_group": ("RRR", lambda wb, i, p: wb.add_group("")),
    "rename_group": ("RRR", lambda wb, i, p: wb.rename_group(i.group, "")),
    "add_group_members": ("RRR", lambda wb, i, p: wb.add_group_members(i.group, ["nowhere"])),
    "remove_group_members": ("RRR", lambda wb, i, p: wb.remove_group_members(i.group, [])),
    "preview_units_import": ("RRR", lambda wb, i, p: wb.preview_units_import(_units_file(p))),
    "import_units": ("RRR", lambda wb, i, p: wb.import_units(_units_file(p))),
    "unit_overview": ("RRR", lambda wb, i, p: wb.unit_overview()),
    "units": ("OOO", lambda wb, i, p: wb.units()),
    "groups": ("OOO", lambda wb, i, p: wb.groups()),
    "find_unit": ("OOO", lambda wb, i, p: wb.find_unit(i.unit)),
    "find_group": ("OOO", lambda wb, i, p: wb.find_group(i.group)),
    "group_unit_ids": ("OOO", lambda wb, i, p: wb.group_unit_ids(i.group)),
    # -- users and identity
    "add_user": ("RRR", lambda wb, i, p: wb.add_user("", "", "planet")),
    "users": ("ROO", lambda wb, i, p: wb.users()),
    "set_password": ("RRR", lambda wb, i, p: wb.set_password("east", "x")),
    "disable_user": ("RRR", lambda wb, i, p: wb.disable_user("east")),
    "as_user": ("RRR", lambda wb, i, p: wb.as_user("admin")),
    "events": ("ROO", lambda wb, i, p: wb.events("tasks", i.task)),
    # -- the working-day calendar: the office's
    "enter_holiday": ("RRR", lambda wb, i, p: wb.enter_holiday("not a day", "party", "")),
    "remove_holiday": ("RRR", lambda wb, i, p: wb.remove_holiday("not a day")),
    "plan_holidays": ("RRR", lambda wb, i, p: wb.plan_holidays(CSV)),
    "import_holidays": ("RRR", lambda wb, i, p: wb.import_holidays(CSV)),
    "calendar": ("OOO", lambda wb, i, p: wb.calendar()),
    "holidays": ("OOO", lambda wb, i, p: wb.holidays()),
    "calendar_known": ("OOO", lambda wb, i, p: wb.calendar_known(2026)),
    "calendar_note": ("OOO", lambda wb, i, p: wb.calendar_note(2026)),
    "is_workday": ("OOO", lambda wb, i, p: wb.is_workday(date(2026, 11, 16))),
    "add_working_days": ("OOO", lambda wb, i, p: wb.add_working_days(date(2026, 11, 16), 5)),
    "working_days_from": ("OOO", lambda wb, i, p: wb.working_days_from("2026-11-16", "5")),
    "resolve_deadline": ("OOO", lambda wb, i, p: wb.resolve_deadline(5)),
    "yellow_until": ("OOO", lambda wb, i, p: wb.yellow_until()),
    "today": ("OOO", lambda wb, i, p: wb.today()),
    # -- meetings and directives: the office writes; a reporter reads those of their tasks
    "log_meeting": ("RRR", lambda wb, i, p: wb.log_meeting("", "party", "galactic", "x")),
    "check_meeting": ("RRR", lambda wb, i, p: wb.check_meeting(title="", kind="party")),
    "meetings": ("SOO", lambda wb, i, p: wb.meetings()),
    "meeting": ("HOO", lambda wb, i, p: wb.meeting(i.meeting)),
    "directives": ("HOO", lambda wb, i, p: wb.directives(i.meeting)),
    "directive_list": ("RRR", lambda wb, i, p: wb.directive_list(i.meeting)),
    "add_directive": ("RRR", lambda wb, i, p: wb.add_directive(i.meeting, "", areas=["x"])),
    "edit_directive": ("RRR", lambda wb, i, p: wb.edit_directive(i.directive, text="x" * 30_000)),
    "merge_directive": ("RRR", lambda wb, i, p: wb.merge_directive(i.directive)),
    "split_directive": ("RRR", lambda wb, i, p: wb.split_directive(i.directive, at=-5)),
    "delete_directive": ("RRR", lambda wb, i, p: wb.delete_directive(i.directive)),
    "move_directive": ("RRR", lambda wb, i, p: wb.move_directive(i.directive, 99)),
    "nest_directive": ("RRR", lambda wb, i, p: wb.nest_directive(i.directive)),
    "set_directive_parent": (
        "RRR",
        lambda wb, i, p: wb.set_directive_parent(i.directive, i.directive),
    ),
    # -- drafts and deployments: the clerks'
    "drafts": ("RRR", lambda wb, i, p: wb.drafts()),
    "load_draft": ("RRR", lambda wb, i, p: wb.load_draft(i.draft)),
    "save_draft": ("RRR", lambda wb, i, p: wb.save_draft({}, kind="planet", draft_id=i.draft)),
    "discard_draft": ("RRR", lambda wb, i, p: wb.discard_draft(i.draft)),
    "save_deployment": (
        "RRR",
        lambda wb, i, p: wb.save_deployment({"title": ""}, [DirectivePlan("", deadline="x")]),
    ),
    "expand_targets": ("RRR", lambda wb, i, p: wb.expand_targets([Target("nowhere", "boss")])),
    "assign": ("RRR", lambda wb, i, p: wb.assign(i.directive, ["nowhere"], "not a date")),
    # -- a unit's moves: its own reporter (and the office) only
    "acknowledge": ("RRR", lambda wb, i, p: wb.acknowledge(i.task)),
    "report_progress": ("RRR", lambda wb, i, p: wb.report_progress(i.task, 500, "", ["/no"])),
    "request_closure": ("RRR", lambda wb, i, p: wb.request_closure(i.task, "")),
    "request_extension": ("RRR", lambda wb, i, p: wb.request_extension(i.task, "2026-11-20", "")),
    # -- the office's decisions
    "decide_extension": ("RRR", lambda wb, i, p: wb.decide_extension(i.request, False, "")),
    "close": ("RRR", lambda wb, i, p: wb.close(i.task, "x" * 5000)),
    "return_task": ("RRR", lambda wb, i, p: wb.return_task(i.task, "")),
    "reopen": ("RRR", lambda wb, i, p: wb.reopen(i.task, "")),
    "remind": ("RRR", lambda wb, i, p: wb.remind(i.task, kind="nonsense")),
    "send_reminders": ("RRR", lambda wb, i, p: wb.send_reminders([i.task], kind="nonsense")),
    "record_interviews": ("RRR", lambda wb, i, p: wb.record_interviews([i.unit])),
    "reopen_for_lookback": ("RRR", lambda wb, i, p: wb.reopen_for_lookback([i.task], "")),
    "sweep_evidence": ("RRR", lambda wb, i, p: wb.sweep_evidence()),
    # -- the office's working lists
    "task_page": ("RRR", lambda wb, i, p: wb.task_page(TaskFilters(unit_id=i.unit, light="x"))),
    "closure_requests": ("RRR", lambda wb, i, p: wb.closure_requests()),
    "pending_extensions": ("RRR", lambda wb, i, p: wb.pending_extensions()),
    "find_meetings": ("RRR", lambda wb, i, p: wb.find_meetings("Secret")),
    "review_history": ("RRR", lambda wb, i, p: wb.review_history(i.task)),
    "reminder_list": ("RRR", lambda wb, i, p: wb.reminder_list(unit_id=i.unit, light="x")),
    "reminder_candidates": ("RRR", lambda wb, i, p: wb.reminder_candidates(unit_id=i.unit)),
    "reminder_units": ("RRR", lambda wb, i, p: wb.reminder_units()),
    "reminder_meetings": ("RRR", lambda wb, i, p: wb.reminder_meetings()),
    "escalation_tasks": ("RRR", lambda wb, i, p: wb.escalation_tasks(i.unit)),
    "lookback_list": ("RRR", lambda wb, i, p: wb.lookback_list(meeting_id=i.meeting, area="x")),
    "lookback_candidates": ("RRR", lambda wb, i, p: wb.lookback_candidates()),
    "lookback_meetings": ("RRR", lambda wb, i, p: wb.lookback_meetings()),
    # -- a task's record: its unit and the office
    "task": ("HOO", lambda wb, i, p: wb.task(i.task)),
    "tasks": ("SOO", lambda wb, i, p: wb.tasks()),
    "reports": ("HOO", lambda wb, i, p: wb.reports(i.task)),
    "evidence_files": ("HOO", lambda wb, i, p: wb.evidence_files(i.task)),
    "task_timeline": ("HOO", lambda wb, i, p: wb.task_timeline(i.task)),
    "cycle_reports": ("HOO", lambda wb, i, p: wb.cycle_reports(i.task)),
    "return_comment": ("HOO", lambda wb, i, p: wb.return_comment(i.task)),
    "standing_tasks": ("SOO", lambda wb, i, p: wb.standing_tasks()),
    # -- figures: every reader, a reporter's over their own unit's tasks
    "check_scope": ("OOO", lambda wb, i, p: wb.check_scope(Scope())),
    "headline": ("HOO", lambda wb, i, p: wb.headline(Scope(meeting_id=i.meeting))),
    "board_by_meeting": ("SOO", lambda wb, i, p: wb.board_by_meeting(Scope())),
    "board_by_directive": ("SOO", lambda wb, i, p: wb.board_by_directive(Scope())),
    "by_area": ("HOO", lambda wb, i, p: wb.by_area(Scope(meeting_id=i.meeting))),
    "count_groups": ("HOO", lambda wb, i, p: wb.count_groups(Scope(meeting_id=i.meeting))),
    "ranking": ("HOO", lambda wb, i, p: wb.ranking(Scope(meeting_id=i.meeting))),
    "overdue_units": ("HOO", lambda wb, i, p: wb.overdue_units(Scope(meeting_id=i.meeting))),
    "trend": ("HOO", lambda wb, i, p: wb.trend(Scope(meeting_id=i.meeting))),
    "scoped_tasks": ("SOO", lambda wb, i, p: wb.scoped_tasks(Scope())),
    "drill_choices": ("SOO", lambda wb, i, p: wb.drill_choices(Scope(), "directive")),
    "meeting_choices": ("SOO", lambda wb, i, p: wb.meeting_choices(Scope())),
    "upstream_chain": ("HOO", lambda wb, i, p: wb.upstream_chain(i.meeting)),
    "cascade": ("HOO", lambda wb, i, p: wb.cascade(i.upstream)),
    "escalations": ("SOO", lambda wb, i, p: wb.escalations()),
    "with_escalation": ("OOO", lambda wb, i, p: wb.with_escalation(pd.DataFrame({"unit_id": []}))),
    "escalation_rule": ("OOO", lambda wb, i, p: wb.escalation_rule()),
}


def public_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(Workbook)
        if not name.startswith("_") and callable(member)
    }


def test_every_public_method_has_a_row():
    assert set(CALLS) == public_methods()


def _outcome(call: Callable[[], Any]) -> tuple[str, str]:
    """(what happened, its words): a DubanError's kind and message, or the answer as text."""
    try:
        answer = call()
    except DubanError as exc:
        return type(exc).__name__, str(exc)
    if isinstance(answer, pd.DataFrame):
        return "frame", answer.to_csv(index=False)
    return "answer", repr(answer)


def _refused(wb: Workbook, call: Callable[[], Any]) -> None:
    with pytest.raises(PermissionDeniedError) as refused:
        call()
    words = str(refused.value)
    assert wb.user["display_name"] in words and "may not" in words or "another unit" in words
    for secret in (*SECRETS, "东街", "depot"):
        assert secret not in words


@pytest.mark.parametrize("method", sorted(CALLS))
def test_each_role_is_refused_told_nothing_or_answered_as_its_row_says(world, method):
    outcomes, call = CALLS[method]
    for role, outcome in zip(ROLES, outcomes, strict=True):
        wb, ids = world.users[role], world.ids
        mine = partial(call, wb, ids, world.path)
        gone = partial(call, wb, ids.missing(), world.path)
        if outcome == "R":
            _refused(wb, mine)
        elif outcome == "H":
            kind, words = _outcome(mine)
            gone_kind, gone_words = _outcome(gone)
            assert kind == gone_kind
            for real, gone in zip(vars(ids).values(), vars(ids.missing()).values(), strict=True):
                gone_words = gone_words.replace(str(gone), str(real))
            assert words == gone_words, f"{role} learns of east's {method}"
        else:
            kind, words = _outcome(mine)
            assert kind not in ("PermissionDeniedError", "NotFoundError"), words
            if outcome == "S":
                assert not [s for s in SECRETS if s in words], f"{role} reads {words}"


def test_the_office_still_reads_what_a_reporter_is_told_nothing_of(world):
    """So the H rows above compare a real answer with a missing one, not two empty ones."""
    ids, leader = world.ids, world.users["leader"]
    assert leader.meeting(ids.meeting)["title"] == "Secret plenary"
    assert leader.directives(ids.meeting)["text"].tolist() == ["Secret: inspect the depot"]
    assert leader.headline(Scope(meeting_id=ids.meeting))["assigned"] == 1
    assert "Secret: inspect the depot" in leader.cascade(ids.upstream).to_csv()
    assert leader.upstream_chain(ids.meeting)["title"].tolist() == [
        "Secret provincial",
        "Secret plenary",
    ]


# -- what a reporter reads of meetings and directives -------------------------------------
def test_a_reporter_lists_only_the_meetings_and_directives_of_their_units_tasks(world):
    west = world.users["west"]
    listed = west.meetings()
    assert listed["title"].tolist() == ["West street meeting"]
    assert listed[["directives", "tasks"]].values.tolist() == [[1, 1]]
    assert west.directives(world.west_meeting)["text"].tolist() == ["West's own fire drill"]
    east = world.office.as_user("east")
    assert set(east.meetings()["title"]) == {"Secret plenary", "Secret provincial"}


def test_a_reporter_is_not_told_the_id_of_an_upstream_meeting_out_of_their_reach(world):
    west, east = world.users["west"], world.office.as_user("east")
    assert west.meeting(world.west_meeting)["upstream_meeting_id"] is None
    assert west.meetings()["upstream_meeting_id"].isna().all()
    assert west.meeting_choices(Scope())["upstream_meeting_id"].isna().all()
    assert west.upstream_chain(world.west_meeting)["title"].tolist() == ["West street meeting"]
    assert east.meeting(world.ids.meeting)["upstream_meeting_id"] == world.ids.upstream


def test_a_reporters_cascade_holds_only_their_units_directives(world):
    east = world.office.as_user("east")
    office_rows = world.office.cascade(world.ids.upstream)
    assert "West's own fire drill" in office_rows.to_csv()
    rows = east.cascade(world.ids.upstream)
    assert rows["directive"].tolist() == ["Secret: inspect the depot"]
    with pytest.raises(NotFoundError, match=f"No meeting with id {world.ids.upstream}$"):
        world.users["west"].cascade(world.ids.upstream)


# -- who may do what ------------------------------------------------------------------------
def test_every_action_has_its_words():
    """A refusal names the right in words: an action without a label was a KeyError."""
    assert set(RIGHTS).isdisjoint(TASK_ACTIONS)
    assert set(permissions.ACTION_ROLES) == set(RIGHTS) | set(TASK_ACTIONS)


@pytest.mark.parametrize("action", sorted(permissions.ACTION_ROLES))
@pytest.mark.parametrize("role", ["reporter", "leader", "analyst", "clerk"])
def test_every_refusal_is_a_permission_error_in_words(action, role):
    user = {"display_name": "Someone", "role": role, "unit_id": 1}
    if permissions.allowed(user, action):
        return
    with pytest.raises(PermissionDeniedError, match="^Someone \\(.+\\) may not \\w"):
        permissions.require(user, action)


def test_the_issues_roles():
    """Leaders read; clerks run the meeting, assignment and supervision work; admins manage
    users and units."""
    rights = {
        role: {a for a, roles in permissions.ACTION_ROLES.items() if role in roles}
        for role in ("admin", "clerk", "reporter", "leader", "analyst")
    }
    assert rights["admin"] == set(permissions.ACTION_ROLES)
    assert {"manage_units", "manage_users", "switch_user"}.isdisjoint(rights["clerk"])
    assert {"log_meeting", "assign", "close", "decide_extension", "remind"} <= rights["clerk"]
    assert rights["leader"] == {"read_audit", "publish_bulletin"}  # a bulletin writes no row
    assert rights["analyst"] == {"read_audit"}
    assert rights["reporter"] == {"acknowledge", "report", "request_extension", "request_closure"}


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        ("leader", {"progress", "bulletin", "analysis"}),
        ("reporter", {"my_tasks", "progress"}),
        ("clerk", {"log_meeting", "my_tasks", "supervision", "reminders", "progress",
                   "bulletin", "calendar", "analysis"}),
        ("admin", {page.name for page in PAGES} - {"home"}),
    ],
)  # fmt: skip
def test_each_page_needs_a_right_of_the_roles_it_is_for(role, pages):
    """Leaders read; clerks run the meeting, assignment, supervision and reminder pages; the
    units page is the administrator's."""
    assert all(page.needs is None or page.needs in permissions.ACTION_ROLES for page in PAGES)
    user = {"role": role, "unit_id": 1}
    assert {page.name for page in pages_open_to(user)} == pages


def test_a_clerk_may_not_manage_units_but_keeps_the_calendar(world):
    clerk = world.users["clerk"]
    _refused(clerk, lambda: clerk.add_unit("北街街道", "street"))
    _refused(clerk, lambda: clerk.unit_overview())
    assert clerk.enter_holiday("2027-01-01", "holiday", "元旦") == "added"


# -- identity ------------------------------------------------------------------------------
def test_only_an_administrators_workbook_switches_user(world):
    for login in ("clerk", *ROLES):
        wb = world.users[login]
        _refused(wb, lambda wb=wb: wb.as_user("admin"))
    admin = open_workbook(world.path, user="admin")
    east = admin.as_user("east")
    assert east.actor == "east"
    assert east.as_user("clerk").actor == "clerk"  # it asks the administrator it came from


def _calls_in(path: Path, root: Path = ROOT) -> list[str]:
    """What a module reaches that only trusted code may: as_user, open_workbook, Workbook(),
    and a store for anything but its path (e.g. `wb.store.write`), as `line: what`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, allowed_lines = [], set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.FunctionDef)
            and path.name == "common.py"
            and node.name == "open_page"
        ):
            allowed_lines |= {n.lineno for n in ast.walk(node) if hasattr(n, "lineno")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "as_user":
            found.append((node.lineno, "as_user"))
        called = node.func if isinstance(node, ast.Call) else None
        name = getattr(called, "id", getattr(called, "attr", None))
        if name in ("open_workbook", "Workbook") and node.lineno not in allowed_lines:
            found.append((node.lineno, name))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            if node.value.attr == "store" and node.attr != "path":
                found.append((node.lineno, f"store.{node.attr}"))
    return [f"{path.relative_to(root)}:{line}: {what}" for line, what in sorted(found)]


def test_no_page_switches_user_opens_a_workbook_or_writes_past_the_service():
    """Pages (models, widgets; widgets/common.open_page opens the visitor's workbook) and the
    documents they write act through the workbook they are given."""
    folders = (ROOT / "duban" / "models", ROOT / "widgets", ROOT / "duban" / "documents")
    modules = sorted(path for folder in folders for path in folder.glob("*.py"))
    assert len(modules) > 30
    assert [hit for path in modules for hit in _calls_in(path)] == []


def test_the_check_sees_what_it_forbids(tmp_path):
    """The AST check above finds each kind of call (so an empty answer means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(wb):\n    wb.as_user('admin')\n    open_workbook()\n"
        "    with wb.store.write('x'):\n        pass\n    return wb.store.path\n"
    )
    hits = _calls_in(bad, tmp_path)
    assert [h.split(": ")[1] for h in hits] == ["as_user", "open_workbook", "store.write"]


# -- the audit names the acting user ----------------------------------------------------------
def test_every_event_names_the_user_who_acted(world):
    office, ids = world.office, world.ids
    east = open_workbook(world.path, user="east")
    admin = open_workbook(world.path, user="admin")
    acts: list[tuple[Workbook, Callable[[], Any]]] = [
        (office, lambda: office.decide_extension(ids.request, True)),
        (east, lambda: east.report_progress(ids.task, 30, "half the depot checked")),
        (east, lambda: east.request_closure(ids.task, "done")),
        (office, lambda: office.close(ids.task, "checked")),
        (office, lambda: office.reopen_for_lookback([ids.task], "look again")),
        (office, lambda: office.send_reminders([ids.task], "hurry")),
        (admin, lambda: admin.add_unit("北街街道", "street")),
        (office, lambda: office.enter_holiday("2027-01-01", "holiday", "元旦")),
    ]
    for wb, act in acts:
        last = int(admin.store.one("SELECT MAX(id) AS n FROM events")["n"])
        act()
        actors = {
            r["actor"] for r in admin.store.rows("SELECT actor FROM events WHERE id > ?", [last])
        }
        assert actors == {wb.actor}


def test_sending_reminder_notices_writes_through_the_service(world, monkeypatch):
    """documents/reminders puts its folder in place inside send_reminders' transaction: a
    failing rename records no reminder and leaves no folder."""
    from duban.documents import reminders as notices

    def fail(*_args: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(notices, "_put_in_place", fail)
    with pytest.raises(OSError, match="disk full"):
        notices.send_reminders(world.office, [world.ids.task], "hurry")
    assert world.office.store.one("SELECT COUNT(*) AS n FROM reminders")["n"] == 0
    assert not [p for p in (world.path.parent / "reminders").iterdir()]
    monkeypatch.undo()
    sent = notices.send_reminders(world.office, [world.ids.task], "hurry")
    assert sent.zip.exists() and len(sent.reminder_ids) == 1


def test_the_table_uses_only_the_outcomes_the_test_knows():
    """The outcome table's letters are those the test knows."""
    assert {letter for outcomes, _call in CALLS.values() for letter in outcomes} <= set("RHSO")
    assert all(len(outcomes) == len(ROLES) for outcomes, _call in CALLS.values())

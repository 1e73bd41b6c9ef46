"""Random sequences of task calls, by every role, keep the status rules and the permissions.

A hypothesis state machine acts on a small world (eight tasks of two units, A and B, in several
statuses) as the administrator, the clerk, a leader, an analyst and a reporter of each unit:
it acknowledges, reports, asks for closure or more time, decides, closes, returns, reopens,
reminds and reads, with good and bad input, while days pass. After each call:

- a task's status moved only as the transition table allows for the call's action, and only
  the tasks the call named changed;
- a call by someone who may not act on the task (a reporter of the other unit, a leader or an
  analyst, who only read) was refused with PermissionDeniedError and wrote nothing;
- a call that the role, the input and the table allow succeeded, and every row it wrote has
  its audit event by the caller;
- a refusal is one of the kit's errors (never a KeyError, AttributeError…), told in words,
  and wrote nothing.

Who may do what is restated here from the rules (the office does everything, a reporter
acknowledges, reports and asks for its own unit only), not read from duban.service.permissions.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test

from duban.infra import clock
from duban.infra.errors import (
    DubanError,
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from duban.service.status import TRANSITIONS
from duban.service.workbook import Workbook, open_workbook
from tests.conftest import TODAY

A, B = "东街街道", "区消防救援大队"
# login -> (role, unit name or None)
PEOPLE = {
    "admin": ("admin", None),
    "clerk": ("clerk", None),
    "leader": ("leader", None),
    "analyst": ("analyst", None),
    "east": ("reporter", A),
    "fire": ("reporter", B),
}
REPORTERS = {A: "east", B: "fire"}
OFFICE = ("admin", "clerk")
REPORTER_ACTIONS = ("acknowledge", "report", "request_extension", "request_closure")
MISSING_TASK = 99
LAST_DAY = date(2027, 1, 31)
TABLES = ("tasks", "progress_reports", "extension_requests", "reviews", "reminders", "evidence")
# The record each action adds, one per task it acts on (no other action adds any).
RECORDS = {
    "report": "progress_reports",
    "request_closure": "progress_reports",
    "request_extension": "extension_requests",
    "close": "reviews",
    "return": "reviews",
    "reopen": "reviews",
    "remind": "reminders",
}

# Who acts: a login, or the reporter of the task's own unit ("own") or of the other ("other"),
# mostly someone who may (a unit's reporter for a unit's moves, else the office).
REPORTING = st.sampled_from(["own", "own", "own", "other", "clerk", "admin", "leader", "analyst"])
DECIDING = st.sampled_from(["clerk", "admin", "clerk", "admin", "own", "other", "leader"])
TASK_ID = st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, MISSING_TASK])
# Which task: an id, or ("ready", n): the n-th (round) of the tasks whose status allows the
# call's action.
TASK = TASK_ID | st.tuples(st.just("ready"), st.integers(0, 7))
TASKS = st.lists(TASK, min_size=1, max_size=3) | st.just([])
TEXT = st.sampled_from(["巡查完毕 all checked", "Photos attached.", "O'Brien's note", "", "   "])
PERCENT = st.sampled_from([0, 40, 80, 100, 55.0, -1, 101, None, "60"])
# what is typed as a new deadline -> the day it names (None: not a date)
NEW_DEADLINES = {
    "2026-12-31": date(2026, 12, 31),
    "2027年1月15日": date(2027, 1, 15),
    "2026-11-25": date(2026, 11, 25),
    "2026-11-01": date(2026, 11, 1),
    "2027-01-20": date(2027, 1, 20),
    "next week": None,
}
# snake_case words in a refusal: a key shown instead of its words
KEY_IN_WORDS = re.compile(r"\b[a-z]+_[a-z_]+\b")


def blank(text: Any) -> bool:
    return not isinstance(text, str) or not text.strip()


def allows(action: str, status: str) -> bool:
    """Whether a task in `status` may take `action` (a reminder: any open task)."""
    return status != "closed" if action == "remind" else (status, action) in TRANSITIONS


def may(who: str, action: str) -> bool:
    """Whether the person's role may do `action` at all."""
    role = PEOPLE[who][0]
    return role in OFFICE or (role == "reporter" and action in REPORTER_ACTIONS)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The world, built once: tasks 1-8 of units A (odd) and B (even), due 30 Nov (1, 2),
    20 Nov reported weekly (3, 4), 10 Dec (5, 6) and 20 Dec (7, 8); 1 and 2 are as assigned,
    3 asks for closure, 4 for more time, 5 is closed, 6 returned, 7 acknowledged, 8 in
    progress."""
    path = tmp_path_factory.mktemp("machine") / "template.sqlite"
    with clock.frozen(TODAY):
        admin = open_workbook(path, user="admin")
        admin.add_unit(A, "street")
        admin.add_unit(B, "department")
        for login, (role, unit) in PEOPLE.items():
            if login != "admin":
                admin.add_user(login, f"{role.title()} {login}", role, unit)
        clerk = admin.as_user("clerk")
        east, fire = admin.as_user("east"), admin.as_user("fire")
        meeting = clerk.log_meeting("Dispatch meeting", "dispatch", "district", "2026-11-10")
        ids = []
        for text, due, cycle in (
            ("Inspect gas meter rooms", date(2026, 11, 30), "none"),
            ("Report bottled gas checks", date(2026, 11, 20), "weekly"),
            ("Clear fire exits", date(2026, 12, 10), "none"),
            ("Check warehouse sprinklers", date(2026, 12, 20), "none"),
        ):
            directive = clerk.add_directive(meeting, text)
            ids += clerk.assign(directive, [A, B], due, cycle).task_ids
        assert ids == [1, 2, 3, 4, 5, 6, 7, 8]
        east.request_closure(3, "all done")
        fire.request_extension(4, "2026-12-04", "the checks need another round")
        east.request_closure(5, "exits cleared")
        clerk.close(5, "checked on site")
        fire.request_closure(6, "exits cleared")
        clerk.return_task(6, "photos missing")
        east.acknowledge(7)
        fire.report_progress(8, 30, "a third checked")
        admin.store.close()
    return path


class TaskCalls(RuleBasedStateMachine):
    """Each rule is one workbook call by one person; `attempt` checks what it did."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.today = TODAY
        admin = open_workbook(path, user="admin")
        self.books: dict[str, Workbook] = {
            login: admin if login == "admin" else admin.as_user(login) for login in PEOPLE
        }
        self.store = admin.store
        self.unit_ids = {r["name"]: r["id"] for r in self.store.rows("SELECT id, name FROM units")}

    def teardown(self) -> None:
        self.store.close()
        self.path.unlink()

    # -- what the world holds -----------------------------------------------------------
    def snapshot(self) -> dict[str, dict[int, dict[str, Any]]]:
        """Every row of the task tables and the audit trail, by id."""
        return {
            table: {r["id"]: r for r in self.store.rows(f"SELECT * FROM {table}")}
            for table in (*TABLES, "events")
        }

    def task_row(self, task_id: int) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM tasks WHERE id = ?", [task_id])

    def target(self, task: int | tuple[str, int], action: str) -> int:
        """The task id `task` names (("ready", n): the n-th, round, of the tasks the table lets
        `action` move, or for a reminder of the open ones; no such task if none)."""
        if isinstance(task, int):
            return task
        rows = self.store.rows("SELECT id, status FROM tasks ORDER BY id")
        ready = [row["id"] for row in rows if allows(action, row["status"])]
        return ready[task[1] % len(ready)] if ready else MISSING_TASK

    def person(self, who: str, task_id: int | None) -> str:
        """The login `who` names: "own" and "other" are the reporters of the task's unit (unit
        A's for no such task) and of the other unit."""
        if who not in ("own", "other"):
            return who
        task = self.task_row(task_id) if task_id is not None else None
        own = A if task is None or task["unit_id"] == self.unit_ids[A] else B
        return REPORTERS[own if who == "own" else ({A, B} - {own}).pop()]

    def access(self, who: str, action: str, task: dict[str, Any] | None) -> list[type]:
        """The refusal a role or unit earns for `action` on `task` (None: no such task)."""
        role, unit = PEOPLE[who]
        if not may(who, action):
            return [PermissionDeniedError]
        if task is None:  # a reporter is not told whether another unit's task exists
            return [PermissionDeniedError if role == "reporter" else NotFoundError]
        if role == "reporter" and task["unit_id"] != self.unit_ids[unit]:
            return [PermissionDeniedError]
        return []

    def move(self, action: str, task: dict[str, Any]) -> list[type]:
        return [] if (task["status"], action) in TRANSITIONS else [TransitionError]

    # -- the check of every call --------------------------------------------------------
    def attempt(
        self,
        who: str,
        action: str,
        task_ids: list[int],
        problems: list[type],
        call: Callable[[Workbook], object],
    ) -> None:
        """Make `call` as `who`; `problems` are the refusals it may earn, the first one decisive
        when it is a permission (none: it must succeed). Then check what changed."""
        before = self.snapshot()
        with clock.frozen(self.today):
            try:
                call(self.books[who])
                refused = None
            except DubanError as error:
                refused = error
        after = self.snapshot()
        step = f"{who} {action} on {task_ids} ({self.today})"
        if refused is not None:
            message = str(refused)
            assert message.strip() and "{" not in message, f"{step}: {message!r}"
            assert not KEY_IN_WORDS.search(message), f"{step}: a key in {message!r}"
            assert after == before, f"{step} was refused ({message}) but wrote"
            assert problems, f"{step} was refused: {type(refused).__name__}: {message}"
            if problems[0] is PermissionDeniedError:
                assert type(refused) is PermissionDeniedError, f"{step}: {message}"
            else:
                assert isinstance(refused, tuple(problems)), f"{step}: {message}"
            return
        assert not problems, f"{step} succeeded; expected {[p.__name__ for p in problems]}"
        self.check_changes(who, action, task_ids, before, after, step)

    def check_changes(
        self,
        who: str,
        action: str,
        task_ids: list[int],
        before: dict[str, dict[int, dict[str, Any]]],
        after: dict[str, dict[int, dict[str, Any]]],
        step: str,
    ) -> None:
        """Only the named tasks changed, each as the table says; the action added its records
        (one per task) and nothing else; each new or changed row has its audit event by `who`."""
        old, new = before["tasks"], after["tasks"]
        assert old.keys() == new.keys(), step
        for task_id, row in new.items():
            if task_id not in task_ids:
                assert row == old[task_id], f"{step} changed task {task_id}"
            elif action == "remind":
                assert row == old[task_id], step
            else:
                moved = TRANSITIONS[(old[task_id]["status"], action)]
                assert row["status"] == moved, f"{step}: {old[task_id]['status']} -> {row}"
        added = {t: len(after[t].keys() - before[t].keys()) for t in TABLES}
        assert added == {t: len(task_ids) if RECORDS.get(action) == t else 0 for t in TABLES}, step
        events = [after["events"][i] for i in after["events"].keys() - before["events"].keys()]
        assert events and {e["actor"] for e in events} == {who}, step
        audited = {(e["entity"], e["entity_id"]) for e in events}
        for table in TABLES:
            for row_id, row in after[table].items():
                if before[table].get(row_id) != row:
                    assert (table, row_id) in audited, f"{step}: {table} {row_id} unaudited"

    # -- the calls ----------------------------------------------------------------------
    @rule(who=REPORTING, task_id=TASK)
    def acknowledge(self, who: str, task_id: int | tuple[str, int]) -> None:
        task_id = self.target(task_id, "acknowledge")
        who, task = self.person(who, task_id), self.task_row(task_id)
        problems = self.access(who, "acknowledge", task) or self.move("acknowledge", task)
        self.attempt(who, "acknowledge", [task_id], problems, lambda wb: wb.acknowledge(task_id))

    @rule(who=REPORTING, task_id=TASK, percent=PERCENT, text=TEXT)
    def report(self, who: str, task_id: int | tuple[str, int], percent: Any, text: str) -> None:
        task_id = self.target(task_id, "report")
        who, task = self.person(who, task_id), self.task_row(task_id)
        whole = isinstance(percent, int | float) and percent == int(percent)
        bad = blank(text) or not whole or not 0 <= percent <= 100
        problems = self.access(who, "report", task) or (
            [ValidationError] if bad else self.move("report", task)
        )

        def call(wb: Workbook) -> None:
            wb.report_progress(task_id, percent, text)

        self.attempt(who, "report", [task_id], problems, call)
        if not problems:
            assert self.task_row(task_id)["percent"] == percent

    @rule(who=REPORTING, task_id=TASK, text=TEXT)
    def request_closure(self, who: str, task_id: int | tuple[str, int], text: str) -> None:
        task_id = self.target(task_id, "request_closure")
        who, task = self.person(who, task_id), self.task_row(task_id)
        problems = self.access(who, "request_closure", task) or (
            [ValidationError] if blank(text) else self.move("request_closure", task)
        )

        def call(wb: Workbook) -> None:
            wb.request_closure(task_id, text)

        self.attempt(who, "request_closure", [task_id], problems, call)
        if not problems:
            assert self.task_row(task_id)["percent"] == 100

    @rule(who=REPORTING, task_id=TASK, typed=st.sampled_from(list(NEW_DEADLINES)), reason=TEXT)
    def request_extension(
        self, who: str, task_id: int | tuple[str, int], typed: str, reason: str
    ) -> None:
        task_id = self.target(task_id, "request_extension")
        who, task = self.person(who, task_id), self.task_row(task_id)
        problems = self.access(who, "request_extension", task)
        if not problems:
            deadline, wanted = date.fromisoformat(task["deadline"]), NEW_DEADLINES[typed]
            late = self.today > deadline
            if blank(reason) or wanted is None or wanted <= deadline or late:
                problems = [ValidationError]
            else:
                problems = self.move("request_extension", task)

        def call(wb: Workbook) -> None:
            wb.request_extension(task_id, typed, reason)

        self.attempt(who, "request_extension", [task_id], problems, call)

    @rule(who=DECIDING, pick=st.integers(0, 4), approve=st.booleans(), comment=TEXT)
    def decide_extension(self, who: str, pick: int, approve: bool, comment: str) -> None:
        requests = [*self.store.rows("SELECT * FROM extension_requests ORDER BY id"), None]
        request = requests[pick % len(requests)]
        request_id = request["id"] if request else MISSING_TASK
        task = self.task_row(request["task_id"]) if request else None
        who = self.person(who, task["id"] if task else None)
        problems = self.access(who, "decide_extension", task)
        if not problems:
            bad = request["decision"] is not None or (not approve and blank(comment))
            problems = [ValidationError] if bad else self.move("decide_extension", task)
        task_ids = [request["task_id"]] if request else []

        def call(wb: Workbook) -> None:
            wb.decide_extension(request_id, approve, comment)

        self.attempt(who, "decide_extension", task_ids, problems, call)
        if not problems:
            expected = request["new_deadline"] if approve else task["deadline"]
            assert self.task_row(request["task_id"])["deadline"] == expected

    @rule(
        who=DECIDING,
        task_id=TASK,
        action=st.sampled_from(["close", "return", "reopen"]),
        comment=TEXT,
    )
    def review(self, who: str, task_id: int | tuple[str, int], action: str, comment: str) -> None:
        task_id = self.target(task_id, action)
        who, task = self.person(who, task_id), self.task_row(task_id)
        problems = self.access(who, action, task)
        if not problems:
            bad = action != "close" and blank(comment)
            problems = [ValidationError] if bad else self.move(action, task)
        calls = {
            "close": lambda wb: wb.close(task_id, comment),
            "return": lambda wb: wb.return_task(task_id, comment),
            "reopen": lambda wb: wb.reopen(task_id, comment),
        }
        self.attempt(who, action, [task_id], problems, calls[action])
        if not problems:
            closed_at = self.task_row(task_id)["closed_at"]
            assert (closed_at is not None) == (action == "close")

    @rule(who=DECIDING, task_ids=TASKS, kind=st.sampled_from(["reminder", "interview", "call"]))
    def remind(self, who: str, task_ids: list[int | tuple[str, int]], kind: str) -> None:
        """One task through remind(), several through send_reminders() (all or none)."""
        task_ids = [self.target(t, "remind") for t in task_ids]
        ids = list(dict.fromkeys(task_ids))
        who = self.person(who, ids[0] if ids else None)
        problems: list[type] = [] if may(who, "remind") else [PermissionDeniedError]
        if not problems:
            if not ids or kind not in ("reminder", "interview"):
                problems.append(ValidationError)
            for task_id in ids:
                task = self.task_row(task_id)
                problems += self.access(who, "remind", task)
                if task is not None and task["status"] == "closed":
                    problems.append(ValidationError)

        def call(wb: Workbook) -> None:
            if len(task_ids) == 1:
                wb.remind(task_ids[0], "请抓紧", kind)
            else:
                wb.send_reminders(task_ids, "请抓紧", kind)

        self.attempt(who, "remind", ids, problems, call)

    @rule(who=DECIDING, task_ids=TASKS, reason=TEXT)
    def reopen_for_lookback(
        self, who: str, task_ids: list[int | tuple[str, int]], reason: str
    ) -> None:
        task_ids = [self.target(t, "reopen") for t in task_ids]
        ids = list(dict.fromkeys(task_ids))
        who = self.person(who, ids[0] if ids else None)
        problems: list[type] = [] if may(who, "reopen") else [PermissionDeniedError]
        if not problems:
            if not ids or blank(reason):
                problems.append(ValidationError)
            for task_id in ids:
                task = self.task_row(task_id)
                problems += self.access(who, "reopen", task) or self.move("reopen", task)

        def call(wb: Workbook) -> None:
            wb.reopen_for_lookback(task_ids, reason)

        self.attempt(who, "reopen", ids, problems, call)

    @rule(who=st.sampled_from(list(PEOPLE)), task_id=TASK_ID)
    def read(self, who: str, task_id: int) -> None:
        """A reporter reads their own unit's tasks only; everyone else reads all; nothing is
        written by reading."""
        role, unit = PEOPLE[who]
        wb, task = self.books[who], self.task_row(task_id)
        own = role != "reporter" or (task is not None and task["unit_id"] == self.unit_ids[unit])
        before = self.snapshot()
        with clock.frozen(self.today):
            units = set(wb.tasks()["unit_id"])
            if task is not None and own:
                assert wb.task(task_id)["status"] == task["status"]
                assert len(wb.task_timeline(task_id)) >= 1
            else:
                with pytest.raises(NotFoundError):
                    wb.task(task_id)
        assert units == (
            {self.unit_ids[unit]} if role == "reporter" else set(self.unit_ids.values())
        )
        assert self.snapshot() == before

    @rule(days=st.integers(1, 12))
    def days_pass(self, days: int) -> None:
        self.today = min(self.today + timedelta(days=days), LAST_DAY)


def machines(template: Path, folder: Path) -> Iterator[TaskCalls]:
    """A fresh machine per example, on its own copy of the template."""
    for n in itertools.count():
        path = folder / f"example-{n}.sqlite"
        shutil.copyfile(template, path)
        yield TaskCalls(path)


def test_random_task_calls_keep_the_rules(template: Path, tmp_path: Path):
    fresh = machines(template, tmp_path)
    run_state_machine_as_test(
        lambda: next(fresh),
        settings=settings(max_examples=80, stateful_step_count=40, deadline=None),
    )

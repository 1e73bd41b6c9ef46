"""A writer SIGKILLed at random moments leaves a whole database and no lost or stray evidence.

A forked child saves a 600-task deployment, or reports progress with a large evidence file,
and is killed after a seeded random delay (up to half as long again as the work took when
last timed, so most kills land before the commit, some after it, some never). After each
kill: SQLite's integrity check passes; the save is wholly there or wholly absent; every row
has its audit event and no event names a missing row; no row names a missing file, and a
file no row names is only a recognisable leftover (a dead writer's temporary, or the killed
report's own file placed just before the commit), which the office's sweep then removes.

The parent holds no connection to the database while a child runs: SQLite's locks are kept
per process, and a child forked with the parent's connections open could share them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import shutil
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from duban.db import Store
from duban.service import evidence
from duban.service.tasks import Target
from duban.service.workbook import Workbook, open_workbook

SEED = 20261116
DEPLOYMENT_ROUNDS, EVIDENCE_ROUNDS = 36, 90
EVIDENCE_BYTES = 8 * 1024 * 1024
LONGER = 1.5  # kills are drawn up to this many times the measured length of the work
TIMED = 6  # every that many rounds, one runs to its end and measures it (the machine may slow)
AUDITED = ("meetings", "directives", "tasks", "progress_reports", "evidence")
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "save_deployment.py"


def save_deployment_benchmark():
    """benchmarks/save_deployment.py: its office of 30 streets and its 20 directives."""
    spec = importlib.util.spec_from_file_location("save_deployment", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- a child killed at a random moment -------------------------------------------------------
def run_child(
    db: Path, login: str, act: Callable[[Workbook], None], delay: float | None
) -> tuple[int, int, float]:
    """Fork a child that opens `db` as `login` and runs `act`; SIGKILL it `delay` seconds after
    it has opened (None: let it finish). Its pid, wait status and seconds from open to end."""
    ready, told = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(db, login, act, told)
    os.close(told)
    os.read(ready, 1)
    opened = time.perf_counter()
    os.close(ready)
    if delay is not None:
        time.sleep(delay)  # the random moment of the kill, not a wait for a result
        os.kill(pid, signal.SIGKILL)  # a child already ended is a zombie: this does nothing
    status = os.waitpid(pid, 0)[1]
    return pid, status, time.perf_counter() - opened


def _child(db: Path, login: str, act: Callable[[Workbook], None], told: int) -> None:
    """The child's whole life: it never returns into pytest."""
    code = 0
    try:
        wb = open_workbook(db, user=login)
        os.write(told, b"!")
        act(wb)
    except BaseException:  # noqa: BLE001 - printed, then the exit code tells the parent
        traceback.print_exc()
        code = 1
    os._exit(code)


def kill_rounds(
    rounds: int,
    db: Path,
    login: str,
    act: Callable[[Workbook, int], None],
    check: Callable[[Store, int, int], str],
) -> Counter:
    """Every TIMED-th round runs to its end and times the work; each other round is killed at
    a random moment within about the last time taken. `check(store, round, pid)` asserts on
    what the round left and names it ("committed", "absent", …); the tally counts the rounds
    by how they ended."""
    rng, tally, span = random.Random(SEED), Counter(), 0.0
    for number in range(rounds):
        timed = number % TIMED == 0
        delay = None if timed else rng.uniform(0, span * LONGER)
        pid, status, seconds = run_child(db, login, lambda wb, n=number: act(wb, n), delay)
        span = seconds if timed else span
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        assert killed or os.waitstatus_to_exitcode(status) == 0, f"round {number} failed"
        store = Store(db)
        try:
            found = check(store, number, pid)
        finally:
            store.close()
        assert killed or found == "committed"
        tally["rounds"] += 1
        tally[ending(timed, killed, found)] += 1
    return tally


def ending(timed: bool, killed: bool, found: str) -> str:
    """How a round ended, as the tally counts it."""
    if timed:
        return "timed"
    return f"killed, {found}" if killed else "ended before the kill"


# -- what must hold after any kill -------------------------------------------------------------
def assert_whole(store: Store) -> None:
    """The file passes SQLite's integrity check and its audit agrees with its rows."""
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in AUDITED:
        unaudited = count(
            store,
            f"""{table} r WHERE NOT EXISTS (SELECT 1 FROM events e
                WHERE e.entity = ? AND e.entity_id = r.id AND e.before IS NULL)""",
            [table],
        )
        rowless = count(
            store,
            f"""events e WHERE e.entity = ? AND e.after IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.id = e.entity_id)""",
            [table],
        )
        assert (unaudited, rowless) == (0, 0), f"{table}: rows without event, events without row"


def count(store: Store, rows: str, params: list | None = None) -> int:
    return store.one(f"SELECT COUNT(*) AS n FROM {rows}", params)["n"]


# -- a 600-task deployment ---------------------------------------------------------------------
@pytest.fixture
def streets(tmp_path, today):
    """benchmarks/save_deployment.py, and a database with its 30 streets and clerk (closed)."""
    module = save_deployment_benchmark()
    module.office(tmp_path).store.close()
    return tmp_path / "duban.sqlite", module


def test_a_killed_deployment_is_wholly_saved_or_wholly_absent(streets):
    db, module = streets
    plans, tasks_each = module.plans(), module.DIRECTIVES * module.UNITS

    def save(wb: Workbook, number: int) -> None:
        wb.save_deployment({**module.MEETING, "title": f"round {number}"}, plans)

    def check(store: Store, number: int, _pid: int) -> str:
        assert_whole(store)
        saved = count(store, "meetings")
        assert count(store, "directives") == saved * module.DIRECTIVES
        assert count(store, "tasks") == saved * tasks_each
        meeting = store.one("SELECT id FROM meetings WHERE title = ?", [f"round {number}"])
        if meeting is None:
            return "absent"
        assert count(store, "directives WHERE meeting_id = ?", [meeting["id"]]) == len(plans)
        tasks = "tasks t JOIN directives d ON d.id = t.directive_id WHERE d.meeting_id = ?"
        assert count(store, tasks, [meeting["id"]]) == tasks_each
        return "committed"

    tally = kill_rounds(DEPLOYMENT_ROUNDS, db, "clerk", save, check)
    print(f"\ncrash safety, 600-task deployment: {dict(tally)}")
    assert tally["killed, absent"] > 0  # kills did land during the save


# -- progress with a large evidence file -------------------------------------------------------
@pytest.fixture
def reporter_task(tmp_path, today):
    """A database with one street's task and its reporter `east` (closed); its evidence folder
    (some hundred MB by the end) is removed after the test."""
    admin = open_workbook(tmp_path / "duban.sqlite", user="admin")
    admin.add_unit("东街街道", "street")
    admin.add_user("east", "Reporter east", "reporter", "东街街道")
    admin.add_user("clerk", "Clerk", "clerk")
    clerk = admin.as_user("clerk")
    meeting = clerk.log_meeting("Photographs", "dispatch", "district", today)
    directive = clerk.add_directive(meeting, "Photograph every fire exit")
    task = clerk.assign(directive, [Target("东街街道")], 10).task_ids[0]
    admin.store.close()
    yield tmp_path / "duban.sqlite", task
    shutil.rmtree(tmp_path / evidence.FOLDER, ignore_errors=True)


class Scan:
    """A large PDF on the server whose content changes each round (a number near its start)."""

    def __init__(self, folder: Path):
        self.path = folder / "scan.pdf"
        self.path.write_bytes(b"%PDF-1.7\n" + random.Random(SEED).randbytes(EVIDENCE_BYTES))

    def for_round(self, number: int) -> Path:
        with self.path.open("r+b") as handle:
            handle.seek(9)
            handle.write(number.to_bytes(8, "big"))
        return self.path

    def stored_as(self) -> str:
        """Where its present content is kept, relative to the database's folder."""
        digest = hashlib.sha256(self.path.read_bytes()).hexdigest()
        return f"{evidence.FOLDER}/{digest[:2]}/{digest}.pdf"

    def kept_whole(self, kept: Path) -> bool:
        return kept.read_bytes() == self.path.read_bytes()


def unnamed_and_missing(store: Store) -> tuple[set[str], set[str]]:
    """The evidence files no row names, and the rows' paths whose file is missing or of
    another size than the row says (paths relative to the database's folder)."""
    root = store.path.parent
    folder = root / evidence.FOLDER
    on_disk = {p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()}
    rows = {r["path"]: r["size"] for r in store.rows("SELECT path, size FROM evidence")}
    missing = {
        path
        for path, size in rows.items()
        if path not in on_disk or (root / path).stat().st_size != size
    }
    return on_disk - set(rows), missing


def sweep(db: Path) -> list[str]:
    """The office's sweep of evidence files no row names; what it removed."""
    clerk = open_workbook(db, user="clerk")
    try:
        return clerk.sweep_evidence()
    finally:
        clerk.store.close()


def test_a_killed_report_leaves_no_missing_file_and_only_leftovers_the_sweep_removes(
    reporter_task, tmp_path
):
    db, task = reporter_task
    scan = Scan(tmp_path)

    def report(wb: Workbook, number: int) -> None:
        wb.report_progress(task, 50, f"round {number}", [scan.for_round(number)])

    def check(store: Store, number: int, pid: int) -> str:
        assert_whole(store)
        unnamed, missing = unnamed_and_missing(store)
        assert missing == set()
        stored = scan.stored_as()
        report = store.one("SELECT id FROM progress_reports WHERE text = ?", [f"round {number}"])
        if report is None:
            writer = f"{evidence.FOLDER}/{evidence.INCOMING}/{pid}-"
            temporaries = {p for p in unnamed if p.startswith(writer)}
            placed = unnamed & {stored}
            leftovers = temporaries | placed
            found = f"absent{', a temporary left' * bool(temporaries)}"
            found += ", its file placed" * bool(placed)
        else:
            paths = store.rows("SELECT path FROM evidence WHERE report_id = ?", [report["id"]])
            assert [r["path"] for r in paths] == [stored]
            assert scan.kept_whole(store.path.parent / stored)
            leftovers, found = set(), "committed"
        assert unnamed == leftovers, "a file no row names that is no leftover of this kill"
        assert set(sweep(db)) == unnamed
        return found

    tally = kill_rounds(EVIDENCE_ROUNDS, db, "east", report, check)
    print(f"\ncrash safety, progress with an {EVIDENCE_BYTES >> 20} MB file: {dict(tally)}")
    assert tally["killed, absent, a temporary left"] > 0  # kills did land during the copy

"""Eight processes writing one database at once through the workbook API: nothing lost.

Builds a temporary database (a street, its reporter and a meeting of directives for each
writer, and the clerk), then starts 8 processes that wait at a barrier (each has opened its
workbook and waits for a line on its stdin, sent to all at once) and then each make 250
mixed writes on their own street's tasks, round CYCLE: the clerk assigns a directive, the
street's reporter reports progress and asks for closure, the clerk closes and reopens. Each
write carries a unique tag (a report's text, a review's comment, the assigned directive's
text). Then each write must be in the database exactly once with its audit event, and each
process must have seen every write succeed. The baseline is ONE process making the same
2,000 writes into a copy of the same starting database, in the same run.

    .venv/bin/python benchmarks/concurrent_writers.py [--small]

--small: 4 writers x 25 writes. Last line: `writers=8 writes=2000 lost=<n> errors=<n>
throughput_ratio=<f>` (the eight's writes per second over the one's). lost counts the writes
the database contradicts: seen to succeed but not there exactly once with its event, or seen
to fail but there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from duban.db import Store
from duban.infra import clock
from duban.service.workbook import Workbook, open_workbook

WRITERS, WRITES_EACH = 8, 250
SMALL = (4, 25)
TODAY = date(2026, 11, 16)
DEADLINE = date(2026, 12, 31)
# One task's life, from its assignment; a writer goes round it on a new task each time.
CYCLE = (
    "assign",
    "report",
    "report",
    "report",
    "request_closure",
    "close",
    "reopen",
    "report",
    "request_closure",
    "close",
)
# kind of write -> (the query giving each tagged row as (tag, id), the table its event names)
REPORTS = ("SELECT text AS tag, id FROM progress_reports", "progress_reports")
REVIEWS = ("SELECT comment AS tag, id FROM reviews", "reviews")
TAGGED_BY = {
    "assign": (
        "SELECT d.text AS tag, t.id FROM tasks t JOIN directives d ON d.id = t.directive_id",
        "tasks",
    ),
    "report": REPORTS,
    "request_closure": REPORTS,
    "close": REVIEWS,
    "reopen": REVIEWS,
}
GO = "go\n"  # the line that releases the writer processes
Outcomes = dict[int, list[str | None]]  # writer -> per write: None, or the error it raised


@dataclass(frozen=True)
class Write:
    """The `number`th write of a writer: its kind comes from CYCLE, its tag is unique."""

    writer: int
    number: int

    @property
    def kind(self) -> str:
        return CYCLE[self.number % len(CYCLE)]

    @property
    def tag(self) -> str:
        return f"cw{self.writer}-{self.number}"


def plan(writer: int, writes: int) -> list[Write]:
    return [Write(writer, number) for number in range(writes)]


def street(writer: int) -> str:
    return f"第{writer + 1}街道"


def reporter(writer: int) -> str:
    return f"reporter{writer + 1}"


# -- the starting database -------------------------------------------------------------------
def build(db: Path, writers: int, writes: int) -> None:
    """Each writer's street and reporter, the clerk, and a meeting per writer holding the
    directives its assignments will name (their text is the assignment's tag)."""
    with clock.frozen(TODAY):
        admin = open_workbook(db, user="admin")
        with admin.store.write(admin.actor):
            admin.add_user("clerk", "Clerk", "clerk")
            clerk = admin.as_user("clerk")
            for writer in range(writers):
                admin.add_unit(street(writer), "street")
                admin.add_user(
                    reporter(writer), f"Reporter {writer + 1}", "reporter", street(writer)
                )
                meeting = clerk.log_meeting(f"调度会 {writer + 1}", "dispatch", "district", TODAY)
                for write in plan(writer, writes):
                    if write.kind == "assign":
                        clerk.add_directive(meeting, write.tag)
        admin.store.close()


# -- a writer process ------------------------------------------------------------------------
class Desk:
    """One writer: its street's reporter and the clerk, acting on the task last assigned."""

    def __init__(self, admin: Workbook, writer: int, directives: dict[str, int]):
        self.writer, self.directives = writer, directives
        self.clerk, self.reporter = admin.as_user("clerk"), admin.as_user(reporter(writer))
        self.task: int | None = None

    def make(self, write: Write) -> str | None:
        """Make one write; None, or the error it raised."""
        try:
            ACTS[write.kind](self, write.tag)
        except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
            return f"{type(exc).__name__}: {exc}"
        return None

    def assign(self, tag: str) -> None:
        self.task = self.clerk.assign(
            self.directives[tag], [street(self.writer)], DEADLINE
        ).task_ids[0]


ACTS: dict[str, Callable[[Desk, str], object]] = {
    "assign": Desk.assign,
    "report": lambda desk, tag: desk.reporter.report_progress(desk.task, 50, tag),
    "request_closure": lambda desk, tag: desk.reporter.request_closure(desk.task, tag),
    "close": lambda desk, tag: desk.clerk.close(desk.task, tag),
    "reopen": lambda desk, tag: desk.clerk.reopen(desk.task, tag),
}


def writer_process(db: Path, writes: int, writers: list[int]) -> None:
    """The program each process runs: open, say "ready", wait for the start line, make every
    write of `writers` (one after the other), print their outcomes as JSON."""
    with clock.frozen(TODAY):
        admin = open_workbook(db, user="admin")
        directives = {
            r["text"]: r["id"] for r in admin.store.rows("SELECT id, text FROM directives")
        }
        desks = [Desk(admin, writer, directives) for writer in writers]
        print("ready", flush=True)
        if sys.stdin.readline() != GO:  # the barrier: every process waits for the same line
            return
        outcomes = [[desk.make(write) for write in plan(desk.writer, writes)] for desk in desks]
    print(json.dumps(outcomes), flush=True)


def run_processes(db: Path, writes: int, groups: list[list[int]]) -> tuple[Outcomes, float]:
    """One process per group of writers, released together; the outcomes and the seconds from
    the release to the last outcome."""
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "--writer", str(db), str(writes), *map(str, group)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for group in groups
    ]
    try:
        if any(process.stdout.readline() != "ready\n" for process in processes):
            raise RuntimeError("a writer process did not start (its traceback is above)")
        began = time.perf_counter()
        for process in processes:
            process.stdin.write(GO)
            process.stdin.flush()
        results = [json.loads(process.stdout.readline()) for process in processes]
        seconds = time.perf_counter() - began
    except BaseException:
        for process in processes:  # one failed: the others must not go on writing
            process.kill()
        raise
    finally:
        ended = [process.wait() for process in processes]
    if any(ended):
        raise RuntimeError(f"writer processes ended with {ended}")
    outcomes = {
        writer: outcome
        for group, result in zip(groups, results, strict=True)
        for writer, outcome in zip(group, result, strict=True)
    }
    return outcomes, seconds


# -- checking --------------------------------------------------------------------------------
def lost_writes(db: Path, writes: int, outcomes: Outcomes) -> int:
    """How many writes the database contradicts (see the module's docstring)."""
    store = Store(db)
    try:
        rows = {sql: _ids_by_tag(store, sql) for sql, _table in TAGGED_BY.values()}
        events = Counter(
            (e["entity"], e["entity_id"], e["action"])
            for e in store.rows("SELECT entity, entity_id, action FROM events")
        )
    finally:
        store.close()
    lost = 0
    for writer, seen in outcomes.items():
        for write, error in zip(plan(writer, writes), seen, strict=True):
            sql, table = TAGGED_BY[write.kind]
            ids = rows[sql].get(write.tag, [])
            once = len(ids) == 1 and events[(table, ids[0], write.kind)] == 1
            lost += bool(ids) if error else not once
    return lost


def _ids_by_tag(store: Store, sql: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for row in store.rows(sql):
        found.setdefault(row["tag"], []).append(row["id"])
    return found


@dataclass(frozen=True)
class Run:
    """A measured run: the writes made, their outcomes, how long, and the check's count."""

    writes: int
    seconds: float
    outcomes: Outcomes
    lost: int

    @property
    def errors(self) -> int:
        return sum(error is not None for seen in self.outcomes.values() for error in seen)

    @property
    def per_second(self) -> float:
        return self.writes / self.seconds

    def first_errors(self, most: int = 3) -> list[str]:
        seen = (e for outcome in self.outcomes.values() for e in outcome if e is not None)
        return list(dict.fromkeys(seen))[:most]


def measure(db: Path, writers: int, writes: int, processes: int) -> Run:
    """The `writers` writers' writes (`writes` each) made on `db` by `processes` processes
    (sharing the writers out), released at once; then checked."""
    groups = [list(range(writers))[start::processes] for start in range(processes)]
    outcomes, seconds = run_processes(db, writes, groups)
    return Run(writers * writes, seconds, outcomes, lost_writes(db, writes, outcomes))


def synchronous_mode(db: Path) -> str:
    store = Store(db)
    try:
        level = store.conn.execute("PRAGMA synchronous").fetchone()[0]
    finally:
        store.close()
    return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[level]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--small", action="store_true", help="4 writers x 25 writes (a quick check)"
    )
    parser.add_argument("--writer", nargs="+", help=argparse.SUPPRESS)  # DB WRITES WRITER...
    args = parser.parse_args(argv)
    if args.writer:
        db, writes, *writers = args.writer
        writer_process(Path(db), int(writes), [int(w) for w in writers])
        return
    writers, writes = SMALL if args.small else (WRITERS, WRITES_EACH)
    with tempfile.TemporaryDirectory() as tmp:
        start = Path(tmp, "start.sqlite")
        build(start, writers, writes)
        many, one = (
            shutil.copyfile(start, Path(tmp, name)) for name in ("many.sqlite", "one.sqlite")
        )
        concurrent = measure(many, writers, writes, processes=writers)
        alone = measure(one, writers, writes, processes=1)
        mode = synchronous_mode(start)
    report(writers, writes, mode, concurrent, alone)


def report(writers: int, writes: int, mode: str, concurrent: Run, alone: Run) -> None:
    kinds = ", ".join(dict.fromkeys(CYCLE))
    print(
        f"concurrent writers: {writers} processes x {writes} mixed writes ({kinds}) through the "
        f"workbook API on one database, synchronous = {mode}"
    )
    for label, run in (
        (f"{writers} processes at once", concurrent),
        ("baseline, 1 process", alone),
    ):
        print(
            f"  {label}: {run.writes} writes in {run.seconds:.2f} s = "
            f"{run.per_second:.0f} writes/s; lost {run.lost}, errors {run.errors}"
        )
        for error in run.first_errors():
            print(f"    e.g. {error}")
    ratio = concurrent.per_second / alone.per_second
    print(
        f"writers={writers} writes={writers * writes} lost={concurrent.lost} "
        f"errors={concurrent.errors} throughput_ratio={ratio:.2f}"
    )


if __name__ == "__main__":
    main()

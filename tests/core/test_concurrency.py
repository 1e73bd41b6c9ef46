"""Several processes writing one database at once lose nothing and see no 'database is locked'.

Runs benchmarks/concurrent_writers.py's writers and check, small: 4 processes released at
once, each making 25 mixed writes (assignments, progress reports, closure requests, closing
and reopening) through the workbook API.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "concurrent_writers.py"
WRITERS, WRITES_EACH = 4, 25


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("concurrent_writers", SCRIPT)
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # for its dataclasses
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run(bench, tmp_path_factory):
    """The database four writer processes wrote at once, and their measured run."""
    db = tmp_path_factory.mktemp("concurrent") / "duban.sqlite"
    bench.build(db, WRITERS, WRITES_EACH)
    return db, bench.measure(db, WRITERS, WRITES_EACH, processes=WRITERS)


def test_concurrent_writers_lose_nothing(run, bench):
    db, measured = run
    assert measured.writes == WRITERS * WRITES_EACH
    assert measured.errors == 0, measured.first_errors()
    assert measured.lost == 0
    kinds = {write.kind for write in bench.plan(0, WRITES_EACH)}
    assert kinds == {"assign", "report", "request_closure", "close", "reopen"}


def test_the_check_counts_a_write_missing_and_one_present_that_failed(run, bench):
    db, measured = run
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM progress_reports WHERE text = 'cw1-1'")  # a report, gone
    conn.close()
    assert bench.lost_writes(db, WRITES_EACH, measured.outcomes) == 1
    said_failed = {**measured.outcomes, 2: ["OSError: disk full", *measured.outcomes[2][1:]]}
    assert bench.lost_writes(db, WRITES_EACH, said_failed) == 2  # writer 2's assignment is there
    assert replace(measured, outcomes=said_failed).errors == 1

"""The kit's clock: every timestamp and "today" come from here.

`frozen(at)` sets the time for a block: the demo writes half a year of history with it,
and tests pin "today" with it.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

_frozen: list[datetime] = []


def now() -> datetime:
    """The current local time (or the frozen one), to the second."""
    return (_frozen[-1] if _frozen else datetime.now()).replace(microsecond=0)


def now_iso() -> str:
    """`now()` as stored in every timestamp column."""
    return now().isoformat()


def today() -> date:
    return now().date()


@contextmanager
def frozen(at: datetime | date) -> Iterator[None]:
    """Inside the block, now() is `at` (a date means 09:00 that day)."""
    moment = at if isinstance(at, datetime) else datetime(at.year, at.month, at.day, 9)
    _frozen.append(moment)
    try:
        yield
    finally:
        _frozen.pop()

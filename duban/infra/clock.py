"""The kit's clock: every timestamp and "today" come from here, in the office's time zone.

The zone is the `tz` setting (default Asia/Shanghai), so "today" is the office's today
whatever zone the server runs in; timestamps are stored as local time without offset.
`frozen(at)` sets the time for a block: the demo writes half a year of history with it,
and tests pin "today" with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from duban.infra.config import load_settings

_frozen: list[datetime] = []


@lru_cache(maxsize=1)
def office_zone() -> ZoneInfo:
    """The configured time zone, read once."""
    return ZoneInfo(load_settings().tz)


def now() -> datetime:
    """The office's current local time (or the frozen one), to the second, without offset."""
    moment = _frozen[-1] if _frozen else datetime.now(office_zone()).replace(tzinfo=None)
    return moment.replace(microsecond=0)


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

"""The daily backup while `duban serve` runs: one archive a day (duban.service.archive) in backups/
beside the database, the last `keep` of them kept ([backup] keep in duban.toml).

`duban serve` starts `python -m duban.service.backups DB KEEP PID` just before it becomes the
server (exec keeps the process id PID). That process backs up at once unless today's archive
(the office's today, duban.infra.clock) is there, checks again every CHECK_SECONDS, so a new
day's archive comes within minutes of midnight, and stops within POLL_SECONDS of the server.
Manual and pre-migration backups are never removed.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from duban.db.store import Store
from duban.infra import clock
from duban.infra.errors import DubanError
from duban.infra.i18n import _
from duban.service.archive import write_archive
from duban.service.evidence import sweep_store

DAILY = "daily"
DAILY_ACTOR = "daily backup"  # who holds the write lock while evidence is swept
CHECK_SECONDS = 600
POLL_SECONDS = 2.0


def daily_archives(db: Path) -> list[Path]:
    """The daily archives of `db` in its backups/ folder, oldest first."""
    name = re.compile(rf"{re.escape(db.stem)}-(\d{{8}}-\d{{6}})-{DAILY}(?:-(\d+))?\.zip")
    found = [
        (match.group(1), int(match.group(2) or 1), path)
        for path in (db.parent / "backups").glob("*.zip")
        if (match := name.fullmatch(path.name))
    ]
    return [path for *_order, path in sorted(found)]


def daily_backup(db: Path, keep: int) -> Path | None:
    """Today's archive of `db`, unless one was made today already (then None): evidence no
    row names is swept first (see duban.service.evidence); afterwards the last `keep` (at
    least 1) daily archives are left, older ones removed."""
    today = f"{db.stem}-{clock.today():%Y%m%d}-"
    if any(path.name.startswith(today) for path in daily_archives(db)):
        return None
    store = Store(db)
    try:
        sweep_store(store, actor=DAILY_ACTOR)
        made = write_archive(store, label=DAILY)
    finally:
        store.close()
    archives = daily_archives(db)
    for old in archives[: max(len(archives) - keep, 0)]:
        old.unlink()
    return made


def keep_daily_backups(
    db: Path, keep: int, serving: Callable[[], bool], pause: float = POLL_SECONDS
) -> None:
    """While `serving()`, take the daily backup every CHECK_SECONDS; say on stderr what was
    written, or why it failed (it is tried again at the next check)."""
    checked = -float(CHECK_SECONDS)
    while serving():
        if time.monotonic() - checked >= CHECK_SECONDS:
            checked = time.monotonic()
            try:
                made = daily_backup(db, keep)
            except (DubanError, OSError, sqlite3.Error) as error:
                print(_("Daily backup failed: {error}").format(error=error), file=sys.stderr)
            else:
                if made:
                    print(_("Daily backup written: {path}").format(path=made), file=sys.stderr)
        time.sleep(pause)


def main(db: str, keep: str, server: str) -> None:
    """Keep daily backups of `db` while process `server` is this process's parent."""
    try:
        keep_daily_backups(Path(db), int(keep), lambda: os.getppid() == int(server))
    except KeyboardInterrupt:  # Ctrl-C stops the server and this with it
        pass


if __name__ == "__main__":
    main(*sys.argv[1:])

"""The task ledger (台账) as an XLSX workbook: a summary sheet, then one sheet per meeting."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from duban.i18n import _
from duban.service.workbook import Workbook

FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
LEDGER_COLUMNS = ["seq", "directive", "unit", "role", "deadline", "status", "percent", "closed_at", "days_late", "light"]


def _sheet_name(meeting_id: int, title: str, used: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ ; keep names unique."""
    base = f"{meeting_id} {FORBIDDEN_IN_SHEET_NAMES.sub('', title)}"[:31]
    name, n = base, 2
    while name in used:
        name, n = f"{base[:28]}~{n}", n + 1
    used.add(name)
    return name


def ledger_frames(wb: Workbook) -> dict[str, pd.DataFrame]:
    """Sheet name -> rows: the summary by meeting, then each meeting's tasks."""
    tasks = wb.tasks()
    summary = (
        tasks.groupby(["meeting_id", "meeting", "held_on"], sort=False)
        .agg(tasks=("id", "size"), closed=("status", lambda s: int((s == "closed").sum())),
             closed_on_time=("closed_on_time", lambda s: int((s == 1).sum())), overdue=("overdue", "sum"))
        .reset_index()
    )
    frames = {_("Summary"): summary}
    used: set[str] = set()
    for (meeting_id, title), rows in tasks.groupby(["meeting_id", "meeting"], sort=False):
        frames[_sheet_name(int(meeting_id), str(title), used)] = rows[LEDGER_COLUMNS]
    return frames


def export_ledger(wb: Workbook, path: str | Path) -> Path:
    """Write the ledger to `path` (.xlsx) and return it."""
    target = Path(path)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, frame in ledger_frames(wb).items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return target

"""The task ledger (台账) as an XLSX workbook: a summary sheet, then one sheet per meeting.

The ledger covers the tasks of a scope (by default every task); its summary repeats the
headline figures (duban.documents.figures: each cell reads as the progress page shows it)
and the per-meeting figures.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from duban.documents.figures import HEADLINE, columns, count_text, figure_rows
from duban.infra.i18n import _
from duban.service.progress import Scope
from duban.service.workbook import Workbook
from duban.vocabulary import LIGHTS, STATUSES, TASK_ROLES

FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
SEQ_PARTS = re.compile(r"\d+|\D+")


def seq_key(seq: object) -> tuple:
    """A directive number ("2", "2.10") as a natural sort key: 2 before 10, 2.9 before 2.10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in SEQ_PARTS.findall(str(seq))
    )


def _sheet_name(held_on: object, title: str, used: set[str]) -> str:
    """The meeting's date, then its title: the sheets are in date order, so their names read in
    order too. Excel allows 31 characters and no []:*?/\\ ; keep names unique."""
    day = held_on if isinstance(held_on, str) else "…"  # a meeting may have no date
    base = f"{day} {FORBIDDEN_IN_SHEET_NAMES.sub('', title)}"[:31]
    name, n = base, 2
    while name in used:
        name, n = f"{base[:28]}~{n}", n + 1
    used.add(name)
    return name


def _cell(text: str) -> int | float | str:
    """A figure's text as a number where it reads as one (so Excel can add it up), else as text.

    The number is kept only if it prints back as the same text: a cell shows what the page shows.
    """
    for kind in (int, float):
        try:
            number = kind(text)
        except ValueError:
            continue
        if str(number) == text:
            return number
    return text


def _summary(figures: dict[str, Any]) -> pd.DataFrame:
    rows = [(label, _cell(text)) for label, text in figure_rows(figures)]
    return pd.DataFrame(rows, columns=[_("figure"), _("value")])


MEETING_FIGURES = tuple(f.key for f in HEADLINE if f.format is count_text)  # every count


def _meeting_summary(wb: Workbook, scope: Scope) -> pd.DataFrame:
    board = wb.board_by_meeting(scope, limit=None).sort_values(["held_on", "meeting_id"])
    return pd.DataFrame(
        {
            _("meeting"): board["meeting"],
            _("held on"): board["held_on"],
            **{heading: board[key] for key, heading in columns(*MEETING_FIGURES)},
        }
    )


def _task_sheet(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("item"): rows["seq"],
            _("directive"): rows["directive"],
            _("unit"): rows["unit"],
            _("role"): rows["role"].map(TASK_ROLES.label),
            _("deadline"): rows["deadline"],
            _("status"): rows["status"].map(STATUSES.label),
            _("percent"): rows["percent"],
            _("closed on"): rows["closed_at"].str.slice(0, 10),
            _("days late"): rows["days_late"],
            _("light"): rows["light"].map(LIGHTS.label),
            _("returned at least once"): rows["returned"].map({0: "", 1: "✓"}),
        }
    )


def ledger_frames(
    wb: Workbook, scope: Scope | None = None, figures: dict[str, Any] | None = None
) -> dict[str, list[pd.DataFrame]]:
    """Sheet name -> tables (stacked): the summary (figures, then meetings), then each meeting's
    tasks.

    `figures`: the scope's headline when the caller has it already (else it is computed).
    """
    scope = scope or Scope()
    headline = figures if figures is not None else wb.headline(scope)
    frames = {_("Summary"): [_summary(headline), _meeting_summary(wb, scope)]}
    tasks = in_ledger_order(wb.scoped_tasks(scope, limit=None))
    used: set[str] = set()
    for (_id, held_on, title), rows in tasks.groupby(
        ["meeting_id", "held_on", "meeting"], sort=False, dropna=False
    ):
        frames[_sheet_name(held_on, str(title), used)] = [_task_sheet(rows)]
    return frames


def in_ledger_order(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks by meeting (date, then id; undated last), directive number (natural: 2 before 10,
    2.9 before 2.10), lead before cooperating, then unit as registered (its id)."""
    return tasks.sort_values(
        ["held_on", "meeting_id", "seq", "role", "unit_id"],
        key=_sort_key,
        kind="stable",
        na_position="last",
    )


def _sort_key(column: pd.Series) -> pd.Series:
    if column.name == "seq":
        return column.map(seq_key)
    if column.name == "role":
        return column.map({role: n for n, role in enumerate(TASK_ROLES)})
    return column


def export_ledger(
    wb: Workbook,
    path: str | Path,
    scope: Scope | None = None,
    figures: dict[str, Any] | None = None,
) -> Path:
    """Write the ledger of `scope` (default: every task) to `path` (.xlsx) and return it.

    Every text is written as text: openpyxl takes a string starting with "=" for a formula,
    so a directive or unit name like ``=HYPERLINK(…)`` would otherwise become a live formula.
    """
    target = Path(path)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, tables in ledger_frames(wb, scope, figures).items():
            row = 0
            for table in tables:
                table.to_excel(writer, sheet_name=name, index=False, startrow=row)
                row += len(table) + 2
        for sheet in writer.book.worksheets:
            _texts_as_text(sheet)
    return target


def _texts_as_text(sheet) -> None:
    """The ledger writes no formula: turn back into text every cell openpyxl took for one."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"

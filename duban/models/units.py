"""The office's units page as state: the unit list (searched, a page at a time), the unit and the
group chosen, and an uploaded unit list's preview. Every action calls the workbook, then
`refresh()`; a view redraws when `version` changes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from traitlets import Any as AnyTrait
from traitlets import Bool, Int, Unicode

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.infra.pasted import pasted_name
from duban.models.base import PageModel, row_by_id, sentences
from duban.models.directive_review import on_page, page_count, turned
from duban.service.units import ImportPreview, MergeResult, split_list
from duban.service.workbook import Workbook

IMPORT_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")


class UnitsModel(PageModel):
    """The unit list and what the office does to units, groups and unit lists."""

    STATE = ("search", "show_retired", "page", "unit_id", "group_id")

    search = Unicode("")
    show_retired = Bool(False)
    page = Int(0)
    unit_id = Int(None, allow_none=True)  # the unit the actions act on
    group_id = Int(None, allow_none=True)  # the group shown with its members
    preview = AnyTrait(None)  # the ImportPreview of the file uploaded last
    version = Int(0)

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.table = pd.DataFrame()
        self.group_table = pd.DataFrame()
        self._upload: Path | None = None
        self.refresh()

    # -- reads ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the units and groups again; the view redraws."""
        self.table = self.wb.unit_overview()
        self.group_table = self.wb.groups()
        self.page = min(self.page, page_count(len(self.listed())) - 1)
        if self.unit_id is not None and self.unit_id not in set(self.table["id"]):
            self.unit_id = None
        self.version += 1

    def listed(self) -> pd.DataFrame:
        """The units the list shows: active ones (and retired ones when asked) matching the
        search in a name or an alias."""
        frame = self.table if self.show_retired else self.table[self.table["active"] == 1]
        words = pasted_name(self.search).casefold().split()
        if not words:
            return frame
        names = frame.apply(lambda r: " ".join([r["name"], *r["aliases"]]).casefold(), axis=1)
        return frame[names.map(lambda text: all(word in text for word in words))]

    def shown(self) -> pd.DataFrame:
        """The page of the list shown."""
        listed = self.listed()
        return listed.iloc[on_page(list(range(len(listed))), self.page)] if len(listed) else listed

    def turn(self, offset: int) -> None:
        self.page = turned(self.page, offset, len(self.listed()))
        self.version += 1

    def set_search(self, text: str, show_retired: bool) -> None:
        self.search, self.show_retired, self.page = text, show_retired, 0
        self.version += 1

    def unit_choices(self) -> list[tuple[str, int]]:
        """Every unit as (label, id): active ones by name, retired ones marked."""
        return [
            (row.name if row.active else _("{name} (retired)").format(name=row.name), int(row.id))
            for row in self.table.itertuples()
        ]

    def active_choices(self, except_id: int | None = None) -> list[tuple[str, int]]:
        return [
            (row.name, int(row.id))
            for row in self.table.itertuples()
            if row.active and row.id != except_id
        ]

    def unit(self) -> dict[str, Any] | None:
        """The chosen unit's row of the list."""
        return row_by_id(self.table, self.unit_id)

    def group_choices(self) -> list[tuple[str, int]]:
        return [(row.name, int(row.id)) for row in self.group_table.itertuples()]

    def group(self) -> dict[str, Any] | None:
        return row_by_id(self.group_table, self.group_id)

    def group_members(self) -> list[str]:
        """The chosen group's active members, by name."""
        if self.group() is None:
            return []
        names = dict(zip(self.table["id"], self.table["name"], strict=True))
        return [names[i] for i in self.wb.group_unit_ids(self.group_id)]

    # -- unit actions -----------------------------------------------------------------
    def add(self, name: str, kind: str, aliases: str) -> str:
        self.unit_id = self.wb.add_unit(name, kind, split_list(aliases))
        self.refresh()
        return _("Added {name}.").format(name=self._name(self.unit_id))

    def rename(self, new_name: str) -> str:
        old = self._name(self._chosen())
        self.wb.rename_unit(self._chosen(), new_name)
        self.refresh()
        return _("{old} is now {new}; its old name stays as an alias.").format(
            old=old, new=self._name(self.unit_id)
        )

    def merge_into(self, target_id: int | None) -> str:
        source = self._name(self._chosen())
        result: MergeResult = self.wb.merge_units(self._chosen(), _chosen_id(target_id, "into"))
        self.refresh()
        text = _("{source} merged into {target}: {moved} open tasks moved.").format(
            source=source, target=self._name(target_id), moved=len(result.moved)
        )
        if result.stranded:
            text = sentences(
                text,
                _(
                    "{n} open tasks stay with {source}: {target} already has their directives "
                    "(tasks {ids})."
                ).format(
                    n=len(result.stranded),
                    source=source,
                    target=self._name(target_id),
                    ids=_(", ").join(map(str, result.stranded)),
                ),
            )
        return text

    def retire(self) -> str:
        self.wb.retire_unit(self._chosen())
        self.refresh()
        return _("{name} is retired: it gets no new tasks; its history stays.").format(
            name=self._name(self.unit_id)
        )

    def restore(self) -> str:
        self.wb.restore_unit(self._chosen())
        self.refresh()
        return _("{name} is active again.").format(name=self._name(self.unit_id))

    def _chosen(self) -> int:
        return _chosen_id(self.unit_id, "unit")

    def _name(self, unit_id: int | None) -> str:
        found = self.table[self.table["id"] == unit_id]
        return str(found.iloc[0]["name"]) if not found.empty else ""

    # -- group actions ----------------------------------------------------------------
    def add_group(self, name: str, unit_kind: str) -> str:
        self.group_id = self.wb.add_group(name, unit_kind=unit_kind or None)
        self.refresh()
        return _("Group {name} added.").format(name=self.group()["name"])

    def rename_group(self, new_name: str) -> str:
        self.wb.rename_group(_chosen_id(self.group_id, "group"), new_name)
        self.refresh()
        return _("The group is now {name}; its old name stays as an alias.").format(
            name=self.group()["name"]
        )

    def add_member(self, unit_id: int | None) -> str:
        self.wb.add_group_members(
            _chosen_id(self.group_id, "group"), [_chosen_id(unit_id, "members")]
        )
        self.refresh()
        return _("{unit} is in {group}.").format(
            unit=self._name(unit_id), group=self.group()["name"]
        )

    def remove_member(self, unit_id: int | None) -> str:
        self.wb.remove_group_members(
            _chosen_id(self.group_id, "group"), [_chosen_id(unit_id, "members")]
        )
        self.refresh()
        return _("{unit} left {group}.").format(
            unit=self._name(unit_id), group=self.group()["name"]
        )

    # -- importing --------------------------------------------------------------------
    def load(self, filename: str, content: bytes) -> ImportPreview:
        """Keep an uploaded unit list (a private copy) and preview it."""
        suffix = Path(filename).suffix.lower()
        if suffix not in IMPORT_SUFFIXES:
            raise ValidationError.single(
                "file",
                _("must be an .xlsx or .csv file (this one is {name})").format(name=filename),
            )
        self.discard()
        folder = Path(tempfile.mkdtemp(prefix="duban-units-"))
        self._upload = folder / f"units{suffix}"
        self._upload.write_bytes(content)
        self.preview = self.wb.preview_units_import(self._upload)
        return self.preview

    def run_import(self) -> str:
        """Import the uploaded list (checked again as it is written)."""
        if self._upload is None or self.preview is None:
            raise ValidationError.single("file", _("choose a file and look at its preview first"))
        added = self.wb.import_units(self._upload)
        updated = len(self.preview.changing("changed"))
        self.discard()
        self.refresh()
        return _(
            "Imported: {added} units added, {updated} units given new aliases or groups."
        ).format(added=added, updated=updated)

    def discard(self) -> None:
        """Forget the uploaded list and its preview."""
        if self._upload is not None:
            shutil.rmtree(self._upload.parent, ignore_errors=True)
        self._upload, self.preview = None, None


def _chosen_id(value: int | None, field: str) -> int:
    """An id chosen in a picker, or a ValidationError on `field` when nothing is chosen."""
    if not value:  # None, or a picker's "choose one" entry
        raise ValidationError.single(field, _("choose one first"))
    return value

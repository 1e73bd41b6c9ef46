"""Units (streets, departments, committees), their groups, and importing them from CSV/XLSX.

A unit is never deleted: renaming keeps the old name as an alias, merging moves its open tasks,
users, groups and names to another unit and retires it, retiring keeps its history. Importing
adds the units of a list and gives units already known the aliases and groups the list adds;
`preview_units_import` says what it would change and which rows are bad, by row number.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from duban.db.store import Writer
from duban.infra.clock import now_iso
from duban.infra.errors import NotFoundError, ValidationError, field_label
from duban.infra.i18n import _, translations
from duban.infra.pasted import name_key, pasted_name
from duban.infra.textfiles import csv_rows
from duban.service.base import WorkbookBase, dumps
from duban.vocabulary import IMPORT_CHANGES, UNIT_KINDS

LIST_SEPARATORS = (";", "；", "、", "|", "，", "\n")
NAME_LIMIT = 100
OPEN_TASK = "status != 'closed'"


def split_list(value: Any) -> list[str]:
    """'a; b、c' -> ['a', 'b', 'c'] (empty cells give [])."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    text = str(value)
    for sep in LIST_SEPARATORS[1:]:
        text = text.replace(sep, LIST_SEPARATORS[0])
    parts = (pasted_name(part) for part in text.split(LIST_SEPARATORS[0]))
    return list(dict.fromkeys(part for part in parts if part))


@dataclass(frozen=True)
class MergeResult:
    """What merge_units did: open tasks moved, and those left on the retired unit."""

    moved: list[int]
    stranded: list[int]


# -- importing: the columns and the words for kinds a list may use -------------------------
COLUMN_NAMES = {
    "name": ("name", "unit", "unit name", "名称", "单位名称", "单位", "名稱", "單位名稱", "單位"),
    "kind": ("kind", "type", "category", "类别", "单位类别", "类型", "類別", "單位類別", "類型"),
    "aliases": ("aliases", "alias", "other names", "别名", "简称", "別名", "簡稱"),
    "groups": ("groups", "group", "分组", "所属分组", "分組", "所屬分組"),
}
REQUIRED_COLUMNS = ("name", "kind")
KIND_WORDS = {
    "street": ("streets", "街道", "镇", "街镇", "乡镇", "鎮", "街鎮", "鄉鎮"),
    "department": ("departments", "部门", "局", "局委办", "部門", "局委辦"),
    "committee": ("committees", "管委会", "管委會"),
    "other": ("其他", "其它"),
}
# the change words used before IMPORT_CHANGES, still passed by duban/cli.py and widgets/units.py
HEADER_SEARCH_ROWS = 20  # a title, a date line, a note above the header: it is looked for here


def _key(text: str) -> str:
    """A header or kind as compared: cleaned, case-folded, without spaces, brackets and marks."""
    return re.sub(r"[\s()（）*:：]", "", pasted_name(text).casefold())


def _kind_keys() -> dict[str, str]:
    keys = {}
    for kind in UNIT_KINDS:
        label = dict(UNIT_KINDS.terms)[kind]
        words = (kind, label, translations("zh_CN").gettext(label), *KIND_WORDS[kind])
        keys.update({_key(word): kind for word in words})
    return keys


@dataclass(frozen=True)
class ImportRow:
    """A good row of a unit list: a new unit, or a known unit and what the list adds to it."""

    row: int  # as the spreadsheet numbers it
    name: str
    kind: str
    unit_id: int | None = None  # the unit it is (None: a new one)
    known_as: str | None = None  # that unit's name, when the row names it by an alias
    new_aliases: tuple[str, ...] = ()
    new_groups: tuple[str, ...] = ()
    group_ids: tuple[int, ...] = ()

    @property
    def change(self) -> str:
        """What importing the row does (IMPORT_CHANGES): 'added', 'changed' (new aliases or
        groups) or 'unchanged'."""
        if self.unit_id is None:
            return "added"
        return "changed" if self.new_aliases or self.new_groups else "unchanged"


@dataclass(frozen=True)
class ImportPreview:
    """What importing a unit list would do, and its bad rows (row number -> reasons)."""

    rows: tuple[ImportRow, ...]
    bad: dict[int, tuple[str, ...]] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.bad

    def changing(self, change: str) -> list[ImportRow]:
        """The rows whose `change` is `change`, one of IMPORT_CHANGES (the words 'new' and
        'updated' of the command line and the units page are read as 'added' and 'changed')."""
        if change not in IMPORT_CHANGES:
            raise ValueError(f"not an import change: {change!r}")
        return [row for row in self.rows if row.change == change]

    def error(self) -> ValidationError:
        """The bad rows as one ValidationError, a field per row ("row 5")."""
        return ValidationError(
            {_("row {n}").format(n=n): _("; ").join(reasons) for n, reasons in self.bad.items()}
        )


class UnitsMixin(WorkbookBase):
    """Manage units and groups; find a unit or group by id, name or alias."""

    # -- reads ------------------------------------------------------------------------
    def units(self, include_inactive: bool = False) -> pd.DataFrame:
        """All units (active ones unless told otherwise), aliases decoded to lists."""
        where = "" if include_inactive else "WHERE active = 1"
        frame = self.store.frame(f"SELECT * FROM units {where} ORDER BY kind, id")
        frame["aliases"] = frame["aliases"].map(json.loads)
        return frame

    def unit_overview(self) -> pd.DataFrame:
        """Every unit, active ones first, with its groups (names; kind groups included for
        active units), its open tasks and, once merged, its successor's name (the units
        page's list: for whoever manages units)."""
        self._require("manage_units")
        frame = self.store.frame(
            f"""SELECT u.id, u.name, u.kind, u.aliases, u.active, u.valid_to,
                       s.name AS successor,
                       (SELECT COUNT(*) FROM tasks t WHERE t.unit_id = u.id AND t.{OPEN_TASK})
                           AS open_tasks,
                       (SELECT json_group_array(name) FROM (
                            SELECT g.name FROM unit_groups g
                            WHERE (g.unit_kind = u.kind AND u.active = 1)
                               OR g.id IN (SELECT group_id FROM unit_group_members
                                           WHERE unit_id = u.id)
                            ORDER BY g.id)) AS groups
                FROM units u LEFT JOIN units s ON s.id = u.successor_id
                ORDER BY u.active DESC, instr(:kinds, u.kind), u.id""",
            {"kinds": ",".join(UNIT_KINDS)},
        )
        for column in ("aliases", "groups"):
            frame[column] = frame[column].map(json.loads)
        return frame

    def groups(self) -> pd.DataFrame:
        """Unit groups with their member count and decoded aliases.

        A group defined by a unit kind counts the active units of that kind.
        """
        frame = self.store.frame(
            """SELECT g.id, g.name, g.aliases, g.unit_kind,
                      CASE WHEN g.unit_kind IS NOT NULL
                           THEN (SELECT COUNT(*) FROM units u
                                 WHERE u.kind = g.unit_kind AND u.active = 1)
                           ELSE (SELECT COUNT(*) FROM unit_group_members m
                                 JOIN units u ON u.id = m.unit_id
                                 WHERE m.group_id = g.id AND u.active = 1) END AS members
               FROM unit_groups g ORDER BY g.id"""
        )
        frame["aliases"] = frame["aliases"].map(json.loads)
        return frame

    def group_unit_ids(self, group_id: int) -> list[int]:
        """The active member units of a group (kind-defined groups follow the unit list)."""
        group = self._get("unit_groups", group_id, _("group"))
        if group["unit_kind"]:
            rows = self.store.rows(
                "SELECT id FROM units WHERE kind = ? AND active = 1 ORDER BY id",
                [group["unit_kind"]],
            )
        else:
            rows = self.store.rows(
                """SELECT u.id FROM unit_group_members m JOIN units u ON u.id = m.unit_id
                   WHERE m.group_id = ? AND u.active = 1 ORDER BY u.id""",
                [group_id],
            )
        return [r["id"] for r in rows]

    def find_unit(self, key: int | str) -> dict[str, Any]:
        """A unit by id, name or alias (a name a retired unit shares with its successor: the
        successor)."""
        found = self._find("units", key)
        if found is None:
            raise NotFoundError(_("Unknown unit: {name}").format(name=key))
        return found

    def find_group(self, key: int | str) -> dict[str, Any]:
        """A group by id, name or alias."""
        found = self._find("unit_groups", key)
        if found is None:
            raise NotFoundError(_("Unknown group: {name}").format(name=key))
        return found

    def _find(self, table: str, key: int | str) -> dict[str, Any] | None:
        """A row of `table` by id, or by name or alias: as written, else a look-alike of it
        (name_key: full-width forms, brackets, case, spaces)."""
        if isinstance(key, int):
            return self.store.one(f"SELECT * FROM {table} WHERE id = ?", [key])
        active_first = "active DESC," if table == "units" else ""
        exact = self.store.one(
            f"""SELECT * FROM {table} WHERE name = :n
                OR EXISTS (SELECT 1 FROM json_each({table}.aliases) WHERE value = :n)
                ORDER BY {active_first} name = :n DESC, id LIMIT 1""",
            {"n": pasted_name(str(key))},
        )
        if exact is not None:
            return exact
        wanted = name_key(str(key))
        rows = self.store.rows(f"SELECT * FROM {table} ORDER BY {active_first} id")
        return next((r for r in rows if wanted in _name_keys(r)), None)

    def _name_clash(
        self, name: str, except_id: int | None = None, table: str = "units"
    ) -> str | None:
        """Why `name` (or a look-alike) cannot name the row `except_id` of `table` (units or
        unit_groups): it names another unit or group (a unit named like a group would
        capture the group's targets, and the other way round)."""
        for other, clash in (
            ("units", _("a unit named {name} already exists")),
            ("unit_groups", _("a group named {name} already exists")),
        ):
            found = self._find(other, name)
            if found is not None and not (other == table and found["id"] == except_id):
                return clash.format(name=name)
        return None

    def _name_taken(self, name: str, except_id: int | None = None) -> bool:
        return self._name_clash(name, except_id) is not None

    def _open_tasks(self, unit_id: int) -> int:
        found = self.store.one(
            f"SELECT COUNT(*) AS n FROM tasks WHERE unit_id = ? AND {OPEN_TASK}", [unit_id]
        )
        return int(found["n"]) if found else 0

    # -- units ------------------------------------------------------------------------
    def _check_unit(
        self, name: Any, kind: Any, aliases: Iterable[str]
    ) -> tuple[str, str, list[str]]:
        checks = self._checks()
        clean_name = checks.text("name", _cleaned(name), limit=NAME_LIMIT)
        if clean_name and not _is_name(clean_name):
            checks.fail("name", _("{name} is not a name").format(name=clean_name))
        clean_kind = checks.choice("kind", kind, UNIT_KINDS)
        listed = checks.texts("aliases", aliases, limit=NAME_LIMIT)
        clean_aliases = [a for a in split_list(";".join(listed)) if a != clean_name]
        for candidate in [clean_name, *clean_aliases]:
            clash = candidate and self._name_clash(candidate)
            if clash:
                checks.fail("name", clash)
        checks.raise_if_any()
        return clean_name, clean_kind, clean_aliases  # type: ignore[return-value]

    def add_unit(
        self, name: str, kind: str, aliases: Sequence[str] = (), valid_from: date | None = None
    ) -> int:
        """Register a unit; its name and aliases must not clash with another unit's."""
        self._require("manage_units")
        clean_name, clean_kind, clean_aliases = self._check_unit(name, kind, aliases)
        with self.store.write(self.actor) as tx:
            return self._insert_unit(tx, clean_name, clean_kind, clean_aliases, valid_from)

    def _insert_unit(
        self, tx: Writer, name: str, kind: str, aliases: list[str], valid_from: date | None = None
    ) -> int:
        return tx.insert(
            "units",
            {
                "name": name,
                "kind": kind,
                "aliases": dumps(aliases),
                "active": 1,
                "valid_from": (valid_from or self.today()).isoformat(),
                "created_at": now_iso(),
            },
            "add_unit",
        )

    def rename_unit(self, unit: int | str, new_name: str) -> None:
        """Rename a unit; the old name stays as an alias so old papers and speeches still
        resolve (to this unit)."""
        self._require("manage_units")
        row = self.find_unit(unit)
        clean = self._new_name(new_name, row, "units")
        aliases = _with_alias(json.loads(row["aliases"]), row["name"], clean)
        with self.store.write(self.actor) as tx:
            tx.update("units", row["id"], {"name": clean, "aliases": dumps(aliases)}, "rename_unit")

    def _new_name(self, new_name: Any, row: dict[str, Any], table: str) -> str:
        """The cleaned new name of `row` of `table` (a unit or group), or a ValidationError on
        `name`."""
        checks = self._checks()
        clean = checks.text("name", _cleaned(new_name), limit=NAME_LIMIT)
        clash = clean and self._name_clash(clean, row["id"], table)
        if clean == row["name"]:
            checks.fail("name", _("is already its name"))
        elif clash:
            checks.fail("name", clash)
        checks.raise_if_any()
        return clean  # type: ignore[return-value]

    def merge_units(
        self, source: int | str, into: int | str, on: date | None = None
    ) -> MergeResult:
        """Retire `source` into `into`: its open tasks, users, group memberships, name and
        aliases move over (its name and aliases become aliases of `into`); its closed tasks
        stay its own history.

        An open task whose directive `into` already has cannot move (one task per unit and
        directive): it stays on the retired unit and is listed in the result, for the
        office to close or reassign; the merge is not refused for it.
        """
        self._require("manage_units")
        # read both units and what moves inside the lock: a task assigned or a name changed
        # meanwhile is not missed
        with self.store.write(self.actor) as tx:
            src, dst = self.find_unit(source), self.find_unit(into)
            if not src["active"]:
                raise ValidationError.single(
                    "unit", _("{name} is already retired").format(name=src["name"])
                )
            if src["id"] == dst["id"] or not dst["active"]:
                raise ValidationError.single("into", _("must be another, active unit"))
            result = self._move_open_tasks(tx, src["id"], dst["id"])
            for user in self.store.rows("SELECT id FROM users WHERE unit_id = ?", [src["id"]]):
                tx.update("users", user["id"], {"unit_id": dst["id"]}, "move_user")
            for group in self.store.rows(
                """SELECT group_id FROM unit_group_members WHERE unit_id = :src AND group_id
                   NOT IN (SELECT group_id FROM unit_group_members WHERE unit_id = :dst)""",
                {"src": src["id"], "dst": dst["id"]},
            ):
                self._add_member(tx, group["group_id"], dst["id"])
            names = [src["name"], *json.loads(src["aliases"])]
            aliases = list(dict.fromkeys([*json.loads(dst["aliases"]), *names]))
            tx.update("units", dst["id"], {"aliases": dumps(aliases)}, "merge_unit_names")
            tx.update(
                "units",
                src["id"],
                {
                    "active": 0,
                    "aliases": "[]",
                    "valid_to": (on or self.today()).isoformat(),
                    "successor_id": dst["id"],
                },
                "merge_unit",
            )
        return result

    def _move_open_tasks(self, tx: Writer, src: int, dst: int) -> MergeResult:
        open_tasks = self.store.rows(
            f"""SELECT t.id,
                      EXISTS (SELECT 1 FROM tasks o
                              WHERE o.unit_id = :dst AND o.directive_id = t.directive_id)
                      AS collides
               FROM tasks t WHERE t.unit_id = :src AND t.{OPEN_TASK} ORDER BY t.id""",
            {"src": src, "dst": dst},
        )
        result = MergeResult(
            [t["id"] for t in open_tasks if not t["collides"]],
            [t["id"] for t in open_tasks if t["collides"]],
        )
        for task_id in result.moved:
            tx.update("tasks", task_id, {"unit_id": dst, "updated_at": now_iso()}, "move_task")
        return result

    def retire_unit(self, unit: int | str, on: date | None = None) -> None:
        """Retire a unit: it gets no new tasks and leaves its groups; its history stays.

        Refused while it has open tasks: merge it into the unit taking over its work (the
        tasks move there), or close them first.
        """
        self._require("manage_units")
        with self.store.write(self.actor) as tx:  # counted under the lock: none assigned meanwhile
            row = self.find_unit(unit)
            if not row["active"]:
                raise ValidationError.single(
                    "unit", _("{name} is already retired").format(name=row["name"])
                )
            open_tasks = self._open_tasks(row["id"])
            if open_tasks:
                raise ValidationError.single(
                    "unit",
                    _(
                        "{name} has {n} open tasks: merge it into the unit that takes over its "
                        "work (its open tasks move there), or close them first"
                    ).format(name=row["name"], n=open_tasks),
                )
            tx.update(
                "units",
                row["id"],
                {"active": 0, "valid_to": (on or self.today()).isoformat()},
                "retire_unit",
            )

    def restore_unit(self, unit: int | str) -> None:
        """Bring a retired unit back (active again, in its groups again). A merged unit cannot
        come back: its tasks, users and names went to its successor."""
        self._require("manage_units")
        row = self.find_unit(unit)
        if row["active"]:
            raise ValidationError.single("unit", _("{name} is active").format(name=row["name"]))
        if row["successor_id"] is not None:
            successor = self._get("units", row["successor_id"], _("unit"))
            raise ValidationError.single(
                "unit",
                _("{name} was merged into {successor}; it cannot be brought back").format(
                    name=row["name"], successor=successor["name"]
                ),
            )
        with self.store.write(self.actor) as tx:
            tx.update("units", row["id"], {"active": 1, "valid_to": None}, "restore_unit")

    # -- groups -----------------------------------------------------------------------
    def add_group(
        self,
        name: str,
        members: Sequence[int | str] = (),
        unit_kind: str | None = None,
        aliases: Sequence[str] = (),
    ) -> int:
        """A named group: either every active unit of `unit_kind`, or a fixed member list."""
        self._require("manage_units")
        checks = self._checks()
        clean = checks.text("name", _cleaned(name), limit=NAME_LIMIT)
        listed = checks.texts("aliases", aliases, limit=NAME_LIMIT)
        clean_aliases = [a for a in split_list(";".join(listed)) if a != clean]
        if unit_kind is not None:
            checks.choice("unit_kind", unit_kind, UNIT_KINDS)
            if members:
                checks.fail("members", _("a group of every unit of a kind lists no members"))
        for candidate in [clean, *clean_aliases]:
            clash = candidate and self._name_clash(candidate, table="unit_groups")
            if clash:
                checks.fail("name", clash)
        member_ids = self._member_ids(checks, members)
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            group_id = tx.insert(
                "unit_groups",
                {
                    "name": clean,
                    "aliases": dumps(clean_aliases),
                    "unit_kind": unit_kind,
                    "created_at": now_iso(),
                },
                "add_group",
            )
            for unit_id in member_ids:
                self._add_member(tx, group_id, unit_id)
        return group_id

    def _member_ids(self, checks: Any, members: Sequence[int | str]) -> list[int]:
        """The ids of active units `members` (each problem noted on the `members` field)."""
        found = []
        for member in members:
            try:
                unit = self.find_unit(member)
            except NotFoundError as exc:
                checks.fail("members", str(exc))
                continue
            if not unit["active"]:
                checks.fail("members", _("{name} is no longer active").format(name=unit["name"]))
            found.append(unit["id"])
        return list(dict.fromkeys(found))

    def rename_group(self, group: int | str, new_name: str) -> None:
        """Rename a group; the old name stays as an alias (old notices say 「所有街道」)."""
        self._require("manage_units")
        row = self.find_group(group)
        clean = self._new_name(new_name, row, "unit_groups")
        aliases = _with_alias(json.loads(row["aliases"]), row["name"], clean)
        with self.store.write(self.actor) as tx:
            tx.update(
                "unit_groups", row["id"], {"name": clean, "aliases": dumps(aliases)}, "rename_group"
            )

    def add_group_members(self, group: int | str, units: Sequence[int | str]) -> int:
        """Add active units to a fixed group; returns how many were not members yet."""
        self._require("manage_units")
        row, member_ids = self._fixed_group_and_units(group, units)
        current = self._member_rowids(row["id"])
        new = [unit_id for unit_id in member_ids if unit_id not in current]
        with self.store.write(self.actor) as tx:
            for unit_id in new:
                self._add_member(tx, row["id"], unit_id)
        return len(new)

    def remove_group_members(self, group: int | str, units: Sequence[int | str]) -> int:
        """Take units out of a fixed group; returns how many were members."""
        self._require("manage_units")
        row = self.find_group(group)
        checks = self._checks()
        if row["unit_kind"]:
            checks.fail("members", _("this group follows its kind of unit; it has no member list"))
        current = self._member_rowids(row["id"])
        rowids = []
        for member in units:
            try:
                unit = self.find_unit(member)
            except NotFoundError as exc:
                checks.fail("members", str(exc))
                continue
            if unit["id"] in current:
                rowids.append(current[unit["id"]])
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            for rowid in rowids:
                tx.delete("unit_group_members", rowid, "remove_group_member")
        return len(rowids)

    def _fixed_group_and_units(
        self, group: int | str, units: Sequence[int | str]
    ) -> tuple[dict[str, Any], list[int]]:
        row = self.find_group(group)
        checks = self._checks()
        if row["unit_kind"]:
            checks.fail("members", _("this group follows its kind of unit; it has no member list"))
        if not units:
            checks.fail("members", _("must not be empty"))
        member_ids = self._member_ids(checks, units)
        checks.raise_if_any()
        return row, member_ids

    def _groups_of(self, unit_id: int) -> set[int]:
        """The fixed groups `unit_id` is a member of."""
        rows = self.store.rows(
            "SELECT group_id FROM unit_group_members WHERE unit_id = ?", [unit_id]
        )
        return {r["group_id"] for r in rows}

    def _member_rowids(self, group_id: int) -> dict[int, int]:
        """unit id -> rowid of its membership row, for every member (retired ones too)."""
        rows = self.store.rows(
            "SELECT rowid, unit_id FROM unit_group_members WHERE group_id = ?", [group_id]
        )
        return {r["unit_id"]: r["rowid"] for r in rows}

    @staticmethod
    def _add_member(tx: Writer, group_id: int, unit_id: int) -> None:
        tx.insert(
            "unit_group_members", {"group_id": group_id, "unit_id": unit_id}, "add_group_member"
        )

    # -- importing --------------------------------------------------------------------
    def preview_units_import(self, path: str | Path) -> ImportPreview:
        """What importing the unit list at `path` (CSV or XLSX) would change, and its bad rows.

        Columns name and kind, optionally aliases and groups (headers in English or Chinese,
        anywhere in the first rows; other columns are ignored). A file that cannot be read as
        a list raises ValidationError on `file`.
        """
        self._require("manage_units")
        header_row, columns, records = _read_unit_list(Path(path))
        planner = _ImportPlanner(self)
        for number, cells in records:
            planner.check(
                number, {key: cells[i] if i < len(cells) else None for key, i in columns.items()}
            )
        ignored = tuple(
            str(cell) for i, cell in enumerate(header_row) if cell and i not in columns.values()
        )
        return ImportPreview(tuple(planner.rows), planner.bad, ignored)

    def import_units(self, path: str | Path) -> int:
        """Import the unit list at `path` (see preview_units_import) in one transaction.

        Every row is checked first; with any bad row nothing is written and a ValidationError
        names each bad row ("row 5") and why. Returns the number of units added.
        """
        self._require("manage_units")
        with self.store.write(self.actor) as tx:  # checked under the lock it is written in
            preview = self.preview_units_import(path)
            if not preview.ok:
                raise preview.error()
            for row in preview.rows:
                self._import_row(tx, row)
        return len(preview.changing("added"))

    def _import_row(self, tx: Writer, row: ImportRow) -> None:
        unit_id = row.unit_id
        if unit_id is None:
            unit_id = self._insert_unit(tx, row.name, row.kind, list(row.new_aliases))
        elif row.new_aliases:
            aliases = json.loads(self._get("units", unit_id, _("unit"))["aliases"])
            tx.update(
                "units", unit_id, {"aliases": dumps([*aliases, *row.new_aliases])}, "import_aliases"
            )
        for group_id in row.group_ids:
            self._add_member(tx, group_id, unit_id)


class _ImportPlanner:
    """Checks the rows of a unit list one by one against the units and the rows before."""

    def __init__(self, wb: UnitsMixin):
        self.wb = wb
        self.kinds = _kind_keys()
        self.rows: list[ImportRow] = []
        self.bad: dict[int, tuple[str, ...]] = {}
        self.names: dict[str, int] = {}  # a name or alias (its name_key) -> the row giving it
        self.units: dict[int, int] = {}  # a known unit -> the row naming it

    def check(self, number: int, cells: dict[str, Any]) -> None:
        """Plan row `number` (cells by column key), or note why it is bad."""
        reasons: list[str] = []
        name = self._name(cells.get("name"), reasons)
        kind = self._kind(cells.get("kind"), reasons)
        aliases = [a for a in _cell_list(cells.get("aliases")) if a != name]
        for candidate in [name, *aliases] if name else aliases:
            first = self.names.setdefault(name_key(candidate), number)
            if first != number:
                reasons.append(
                    _reason(
                        "name",
                        _("{name} appears twice in the file (also in row {row})").format(
                            name=candidate, row=first
                        ),
                    )
                )
        groups = self._groups(_cell_list(cells.get("groups")), kind, reasons)
        row = self._plan(number, name, kind, aliases, groups, reasons) if name and kind else None
        if reasons:
            self.bad[number] = tuple(reasons)
        elif row is not None:
            self.rows.append(row)

    def _name(self, value: Any, reasons: list[str]) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            reasons.append(_reason("name", _("is a number, not a name")))
            return None
        name = _cell_text(value) or ""
        if not name:
            reasons.append(_reason("name", _("must not be empty")))
        elif len(name) > NAME_LIMIT:
            message = _("is too long ({length} characters; at most {limit})")
            reasons.append(_reason("name", message.format(length=len(name), limit=NAME_LIMIT)))
        elif not _is_name(name):
            reasons.append(_reason("name", _("{name} is not a name").format(name=name)))
        else:
            return name
        return None

    def _kind(self, value: Any, reasons: list[str]) -> str | None:
        text = _cell_text(value)
        kind = self.kinds.get(_key(text)) if text else None
        if kind is None:
            allowed = _(", ").join(UNIT_KINDS.label(k) for k in UNIT_KINDS)
            message = _("{value} is not a kind of unit (one of: {allowed})")
            reasons.append(_reason("kind", message.format(value=text or "—", allowed=allowed)))
        return kind

    def _groups(
        self, names: list[str], kind: str | None, reasons: list[str]
    ) -> list[dict[str, Any]]:
        """The fixed groups named (a kind group of the row's own kind is left out: the unit is
        in it by its kind)."""
        found = []
        for name in names:
            group = self.wb._find("unit_groups", name)
            if group is None:
                message = _("there is no group named {name}").format(name=name)
                reasons.append(_reason("groups", message))
            elif group["unit_kind"] is None:
                found.append(group)
            elif group["unit_kind"] != kind:
                message = _("{name} holds every unit of the kind {kind}, and only them")
                label = UNIT_KINDS.label(group["unit_kind"])
                reasons.append(_reason("groups", message.format(name=group["name"], kind=label)))
        return found

    def _plan(
        self,
        number: int,
        name: str,
        kind: str,
        aliases: list[str],
        groups: list[dict[str, Any]],
        reasons: list[str],
    ) -> ImportRow | None:
        """The row's change, or None with its reasons noted."""
        unit = self.wb._find("units", name)
        if unit is not None:
            if not self._may_update(number, name, kind, unit, reasons):
                return None
            known = _name_keys(unit)
            member_of = self.wb._groups_of(unit["id"])
        elif self.wb._find("unit_groups", name) is not None:
            message = _("a group named {name} already exists").format(name=name)
            reasons.append(_reason("name", message))
            return None
        else:
            known, member_of = set(), set()
        new_aliases = [a for a in aliases if name_key(a) not in known]
        for alias in new_aliases:
            if self.wb._name_taken(alias, except_id=unit["id"] if unit else None):
                message = _("{name} is already the name of another unit").format(name=alias)
                reasons.append(_reason("aliases", message))
        new_groups = [g for g in groups if g["id"] not in member_of]
        return ImportRow(
            row=number,
            name=name,
            kind=kind,
            unit_id=None if unit is None else unit["id"],
            known_as=unit["name"] if unit is not None and unit["name"] != name else None,
            new_aliases=tuple(new_aliases),
            new_groups=tuple(g["name"] for g in new_groups),
            group_ids=tuple(g["id"] for g in new_groups),
        )

    def _may_update(
        self, number: int, name: str, kind: str, unit: dict[str, Any], reasons: list[str]
    ) -> bool:
        """Whether the row may stand for the known `unit` (active, same kind, named once)."""
        first = self.units.setdefault(unit["id"], number)
        if first != number:
            message = _("{name} is {unit}, named in row {row} already")
            reasons.append(_reason("name", message.format(name=name, unit=unit["name"], row=first)))
        elif not unit["active"]:
            message = _("{name} is retired; bring it back on the page first")
            reasons.append(_reason("name", message.format(name=name)))
        elif unit["kind"] != kind:
            message = _("{name} already exists, as {kind}; an import does not change a unit's kind")
            reasons.append(
                _reason("kind", message.format(name=name, kind=UNIT_KINDS.label(unit["kind"])))
            )
        else:
            return True
        return False


def _reason(column: str, message: str) -> str:
    """Why a row is bad, led by its column's name."""
    return _("{field}: {message}").format(field=field_label(column), message=message)


def _is_name(text: str) -> bool:
    """Whether `text` can name a unit: it holds a letter or a character (not only digits,
    marks or emoji)."""
    return any(ch.isalpha() for ch in text)


def _name_keys(row: dict[str, Any]) -> set[str]:
    """The name_key of a unit's or group's name and of each of its aliases."""
    return {name_key(n) for n in [row["name"], *json.loads(row["aliases"] or "[]")]}


def _cleaned(value: Any) -> Any:
    return pasted_name(value) if isinstance(value, str) else value


def _with_alias(aliases: list[str], old: str, new: str) -> list[str]:
    """`aliases` with the old name added and the new name (if it was an alias) taken out."""
    return list(dict.fromkeys(a for a in [*aliases, old] if a != new))


def _cell_text(value: Any) -> str | None:
    """A cell as text: numbers without a trailing .0, dates as ISO dates, blanks as None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    text = pasted_name(str(value))
    return text or None


def _cell_list(value: Any) -> list[str]:
    """A cell listing names (aliases, groups), split before it is cleaned: a line break in the
    cell separates two names as a semicolon does."""
    return split_list(value if isinstance(value, str) else _cell_text(value))


def _file_error(message: str) -> ValidationError:
    return ValidationError.single("file", message)


def _read_unit_list(path: Path) -> tuple[list[Any], dict[str, int], list[tuple[int, list[Any]]]]:
    """The header row, column key -> index, and the rows under the header (row number, cells),
    blank rows and repeated headers left out."""
    table = _read_cells(path)
    index = next(
        (i for i, (_n, cells) in enumerate(table[:HEADER_SEARCH_ROWS]) if _header_columns(cells)),
        None,
    )
    columns = {} if index is None else _header_columns(table[index][1])
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if index is None or missing:
        cols = ", ".join(missing or REQUIRED_COLUMNS)
        raise _file_error(_("missing columns: {cols}").format(cols=cols))
    records = [
        (number, cells)
        for number, cells in table[index + 1 :]
        if any(_cell_text(c) for c in cells) and _header_columns(cells) != columns
    ]
    if not records:
        raise _file_error(_("lists no units under its header"))
    return table[index][1], columns, records


def _header_columns(cells: list[Any]) -> dict[str, int]:
    """Column key -> index of the header cells recognised in a row (the first of each)."""
    by_word = {_key(word): key for key, words in COLUMN_NAMES.items() for word in words}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = by_word.get(_key(cell)) if isinstance(cell, str) else None
        if key is not None:
            found.setdefault(key, index)
    return found


def _read_cells(path: Path) -> list[tuple[int, list[Any]]]:
    """Every row of the file as (row number as the spreadsheet shows it, cell values)."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _xlsx_cells(path)
        if path.suffix.lower() == ".xls":
            raise _file_error(_("is an old Excel file (.xls): save it as .xlsx or .csv"))
        return csv_rows(path.read_bytes())
    except (OSError, ValueError, KeyError, csv.Error) as exc:
        raise _file_error(_("cannot be read: {error}").format(error=exc)) from None


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls, or a password-protected .xlsx


def _check_workbook(path: Path) -> None:
    """Refuse, in words, a file that is not an .xlsx workbook openpyxl could read: one with
    a password (Excel wraps it in an OLE file), a cut-off download, another zip (a .docx)."""
    with path.open("rb") as file:
        head = file.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        raise _file_error(
            _("is password-protected or an old Excel file: save it as .xlsx without a password")
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        message = _("is not a whole .xlsx workbook (cut off, or another kind of file)")
        raise _file_error(message) from None
    if "xl/workbook.xml" not in names:
        raise _file_error(_("is not an Excel workbook (perhaps a Word document renamed)"))


def _xlsx_cells(path: Path) -> list[tuple[int, list[Any]]]:
    """The first sheet of the workbook that has a header row; a merged cell's value fills each
    cell it covers (a kind written once beside three streets is their kind)."""
    from openpyxl import load_workbook

    _check_workbook(path)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise ValueError(str(exc) or type(exc).__name__) from None
    sheets = []
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        for span in sheet.merged_cells.ranges:
            value = sheet.cell(span.min_row, span.min_col).value
            for r in range(span.min_row, span.max_row + 1):
                for c in range(span.min_col, span.max_col + 1):
                    rows[r - 1][c - 1] = value
        sheets.append([(number, cells) for number, cells in enumerate(rows, start=1)])
    for table in sheets:
        if any(_header_columns(cells) for _n, cells in table[:HEADER_SEARCH_ROWS]):
            return table
    return sheets[0] if sheets else []

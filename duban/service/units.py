"""Units (streets, departments, committees), their groups, and importing them from CSV/XLSX."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from duban.db.store import Writer
from duban.infra.clock import now_iso
from duban.infra.errors import NotFoundError, ValidationError
from duban.infra.i18n import _
from duban.service.base import WorkbookBase, dumps
from duban.vocabulary import UNIT_KINDS

LIST_SEPARATORS = (";", "；", "、", "|")


def split_list(value: Any) -> list[str]:
    """'a; b、c' -> ['a', 'b', 'c'] (empty cells give [])."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    text = str(value)
    for sep in LIST_SEPARATORS[1:]:
        text = text.replace(sep, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]


@dataclass(frozen=True)
class MergeResult:
    """What merge_units did: open tasks moved, and those left on the retired unit."""

    moved: list[int]
    stranded: list[int]


class UnitsMixin(WorkbookBase):
    """Manage units and groups; find a unit or group by id, name or alias."""

    # -- reads ------------------------------------------------------------------------
    def units(self, include_inactive: bool = False) -> pd.DataFrame:
        """All units (active ones unless told otherwise), aliases decoded to lists."""
        where = "" if include_inactive else "WHERE active = 1"
        frame = self.store.frame(f"SELECT * FROM units {where} ORDER BY kind, id")
        frame["aliases"] = frame["aliases"].map(json.loads)
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
        """A unit by id, name or alias."""
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
        if isinstance(key, int):
            return self.store.one(f"SELECT * FROM {table} WHERE id = ?", [key])
        name = str(key).strip()
        return self.store.one(
            f"""SELECT * FROM {table} WHERE name = :n
                OR EXISTS (SELECT 1 FROM json_each({table}.aliases) WHERE value = :n)""",
            {"n": name},
        )

    def _name_taken(self, name: str, except_id: int | None = None) -> bool:
        found = self._find("units", name)
        return found is not None and found["id"] != except_id

    # -- writes -----------------------------------------------------------------------
    def _check_unit(
        self, name: Any, kind: Any, aliases: Iterable[str]
    ) -> tuple[str, str, list[str]]:
        checks = self._checks()
        clean_name = checks.text("name", name, limit=100)
        clean_kind = checks.choice("kind", kind, UNIT_KINDS)
        clean_aliases = [a.strip() for a in aliases if a and a.strip()]
        for candidate in [clean_name, *clean_aliases]:
            if candidate and self._name_taken(candidate):
                checks.fail("name", _("a unit named {name} already exists").format(name=candidate))
        checks.raise_if_any()
        return clean_name, clean_kind, clean_aliases  # type: ignore[return-value]

    def add_unit(
        self, name: str, kind: str, aliases: Sequence[str] = (), valid_from: date | None = None
    ) -> int:
        """Register a unit; its name and aliases must not clash with another unit's."""
        self._require("manage_units")
        clean_name, clean_kind, clean_aliases = self._check_unit(name, kind, aliases)
        with self.store.write(self.actor) as tx:
            return tx.insert(
                "units",
                {
                    "name": clean_name,
                    "kind": clean_kind,
                    "aliases": dumps(clean_aliases),
                    "active": 1,
                    "valid_from": (valid_from or self.today()).isoformat(),
                    "created_at": now_iso(),
                },
                "add_unit",
            )

    def rename_unit(self, unit: int | str, new_name: str) -> None:
        """Rename a unit; the old name stays as an alias so old papers still resolve."""
        self._require("manage_units")
        row = self.find_unit(unit)
        checks = self._checks()
        clean = checks.text("name", new_name, limit=100)
        if clean and self._name_taken(clean, except_id=row["id"]):
            checks.fail("name", _("a unit named {name} already exists").format(name=clean))
        checks.raise_if_any()
        aliases = [a for a in json.loads(row["aliases"]) if a != clean] + [row["name"]]
        with self.store.write(self.actor) as tx:
            tx.update("units", row["id"], {"name": clean, "aliases": dumps(aliases)}, "rename_unit")

    def merge_units(
        self, source: int | str, into: int | str, on: date | None = None
    ) -> MergeResult:
        """Retire `source` into `into`: its open tasks and its users move over; its history stays.

        An open task whose directive `into` already has cannot move (one task per unit and
        directive): it stays on the retired unit and is listed in the result, for the
        office to close or reassign.
        """
        self._require("manage_units")
        src, dst = self.find_unit(source), self.find_unit(into)
        if src["id"] == dst["id"] or not dst["active"]:
            raise ValidationError.single("into", _("must be another, active unit"))
        # read what moves inside the lock: a task assigned meanwhile is not missed
        with self.store.write(self.actor) as tx:
            open_tasks = self.store.rows(
                """SELECT t.id,
                          EXISTS (SELECT 1 FROM tasks o
                                  WHERE o.unit_id = :dst AND o.directive_id = t.directive_id)
                          AS collides
                   FROM tasks t WHERE t.unit_id = :src AND t.status != 'closed' ORDER BY t.id""",
                {"src": src["id"], "dst": dst["id"]},
            )
            users = self.store.rows("SELECT id FROM users WHERE unit_id = ?", [src["id"]])
            result = MergeResult(
                [t["id"] for t in open_tasks if not t["collides"]],
                [t["id"] for t in open_tasks if t["collides"]],
            )
            for task_id in result.moved:
                tx.update(
                    "tasks", task_id, {"unit_id": dst["id"], "updated_at": now_iso()}, "move_task"
                )
            for user in users:
                tx.update("users", user["id"], {"unit_id": dst["id"]}, "move_user")
            tx.update(
                "units",
                src["id"],
                {
                    "active": 0,
                    "valid_to": (on or self.today()).isoformat(),
                    "successor_id": dst["id"],
                },
                "merge_unit",
            )
        return result

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
        clean = checks.text("name", name, limit=100)
        if unit_kind is not None:
            checks.choice("unit_kind", unit_kind, UNIT_KINDS)
        for candidate in [clean, *aliases]:
            if candidate and self._find("unit_groups", candidate):
                checks.fail("name", _("a group named {name} already exists").format(name=candidate))
        member_ids = []
        for member in members:
            try:
                member_ids.append(self.find_unit(member)["id"])
            except NotFoundError as exc:
                checks.fail("members", str(exc))
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            group_id = tx.insert(
                "unit_groups",
                {
                    "name": clean,
                    "aliases": dumps(list(aliases)),
                    "unit_kind": unit_kind,
                    "created_at": now_iso(),
                },
                "add_group",
            )
            for unit_id in dict.fromkeys(member_ids):
                self._add_member(tx, group_id, unit_id)
        return group_id

    def import_units(self, path: str | Path) -> int:
        """Add units from a CSV or XLSX file with columns name, kind[, aliases, groups].

        Every row is checked first; one bad row writes nothing. Groups named in the
        `groups` column must exist. Returns the number of units added.
        """
        self._require("manage_units")
        frame = _read_table(Path(path))
        missing = {"name", "kind"} - set(frame.columns)
        if missing:
            raise ValidationError.single(
                "file", _("missing columns: {cols}").format(cols=", ".join(sorted(missing)))
            )
        rows, errors, seen = [], {}, set()
        for number, record in enumerate(frame.to_dict("records"), start=2):
            try:
                name, kind, aliases = self._check_unit(
                    record.get("name"), record.get("kind"), split_list(record.get("aliases"))
                )
                if name in seen:
                    raise ValidationError.single("name", _("appears twice in the file"))
                groups = [self.find_group(g)["id"] for g in split_list(record.get("groups"))]
            except (ValidationError, NotFoundError) as exc:
                errors[_("row {n}").format(n=number)] = str(exc)
                continue
            seen.add(name)
            rows.append((name, kind, aliases, groups))
        if errors:
            raise ValidationError(errors)
        with self.store.write(self.actor) as tx:
            for name, kind, aliases, groups in rows:
                unit_id = self.add_unit(name, kind, aliases)
                for group_id in groups:
                    self._add_member(tx, group_id, unit_id)
        return len(rows)

    @staticmethod
    def _add_member(tx: Writer, group_id: int, unit_id: int) -> None:
        tx.insert(
            "unit_group_members", {"group_id": group_id, "unit_id": unit_id}, "add_group_member"
        )


def _read_table(path: Path) -> pd.DataFrame:
    """A CSV or XLSX file as text columns, or a ValidationError on the `file` field."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str)
        else:
            frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ValidationError.single(
            "file", _("cannot be read: {error}").format(error=exc)
        ) from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame.where(frame.notna(), None)

"""The people who use the kit: office clerks, unit reporters, leaders, analysts, admins."""

from __future__ import annotations

import pandas as pd

from duban.db.store import Store
from duban.infra.clock import now_iso
from duban.infra.i18n import _
from duban.service.base import WorkbookBase
from duban.vocabulary import USER_ROLES

SYSTEM_ADMIN = "admin"


def ensure_admin(store: Store) -> None:
    """Give a new database its first user, `admin`, so that someone can act on it."""
    if store.one("SELECT 1 FROM users WHERE login = ?", [SYSTEM_ADMIN]):
        return
    with store.write("system") as tx:
        row = {
            "login": SYSTEM_ADMIN,
            "display_name": "Administrator",
            "role": "admin",
            "unit_id": None,
            "active": 1,
            "created_at": now_iso(),
        }
        tx.insert("users", row, "add_user")


class UsersMixin(WorkbookBase):
    """Add and list users; reporters belong to a unit."""

    def users(self) -> pd.DataFrame:
        """Every user with their unit; not for reporters."""
        self._require("read_audit")
        return self.store.frame(
            """SELECT us.id, us.login, us.display_name, us.role, us.unit_id, u.name AS unit,
                      us.active
               FROM users us LEFT JOIN units u ON u.id = us.unit_id ORDER BY us.id"""
        )

    def add_user(
        self, login: str, display_name: str, role: str, unit: int | str | None = None
    ) -> int:
        """A new user; a reporter must belong to a unit."""
        self._require("manage_users")
        checks = self._checks()
        clean_login = checks.text("login", login, limit=64)
        clean_name = checks.text("display_name", display_name, limit=100)
        checks.choice("role", role, USER_ROLES)
        if clean_login and self.store.one("SELECT 1 FROM users WHERE login = ?", [clean_login]):
            checks.fail("login", _("is already taken"))
        unit_id = None
        if unit is not None:
            found = self._find("units", unit)
            if found is None:
                checks.fail("unit", _("Unknown unit: {name}").format(name=unit))
            else:
                unit_id = found["id"]
        if role == "reporter" and unit is None:
            checks.fail("unit", _("a reporter must belong to a unit"))
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            return tx.insert(
                "users",
                {
                    "login": clean_login,
                    "display_name": clean_name,
                    "role": role,
                    "unit_id": unit_id,
                    "active": 1,
                    "created_at": now_iso(),
                },
                "add_user",
            )

"""The people who use the kit: office clerks, unit reporters, leaders, analysts, admins."""

from __future__ import annotations

from typing import Any

import pandas as pd

from duban.db.store import Store
from duban.infra.clock import now_iso
from duban.infra.i18n import _
from duban.infra.passwords import MIN_LENGTH, hash_password
from duban.infra.pasted import pasted_name
from duban.service.base import WorkbookBase
from duban.service.checks import Checks
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
    """Add, list and disable users and set their passwords; reporters belong to a unit."""

    def users(self) -> pd.DataFrame:
        """Every user with their unit, whether they have a password and, while they are
        locked out, until when (never the password's hash); not for reporters."""
        self._require("read_audit")
        return self.store.frame(
            """SELECT us.id, us.login, us.display_name, us.role, us.unit_id, u.name AS unit,
                      us.active, us.password_hash IS NOT NULL AS has_password,
                      CASE WHEN us.locked_until > :now THEN us.locked_until END AS locked_until
               FROM users us LEFT JOIN units u ON u.id = us.unit_id ORDER BY us.id""",
            {"now": now_iso()},
        )

    def add_user(
        self,
        login: str,
        display_name: str,
        role: str,
        unit: int | str | None = None,
        password: str | None = None,
    ) -> int:
        """A new user; a reporter must belong to a unit. Without a password they cannot sign
        in until one is set (set_password)."""
        self._require("manage_users")
        checks = self._checks()
        clean_login = checks.text("login", login, limit=64)
        clean_login = clean_login and pasted_name(clean_login)  # as sign_in reads a login
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
        if password is not None:
            _check_password(checks, password)
        checks.raise_if_any()
        row = {
            "login": clean_login,
            "display_name": clean_name,
            "role": role,
            "unit_id": unit_id,
            "active": 1,
            "created_at": now_iso(),
        }
        if password is not None:
            row |= password_columns(hash_password(password))
        with self.store.write(self.actor) as tx:
            return tx.insert("users", row, "add_user")

    def set_password(self, login: str, password: str) -> None:
        """A new password for `login` (an administrator's for anyone, anyone's for themself):
        it ends the user's sessions and any lock-out."""
        if login != self.actor:
            self._require("manage_users")
        checks = self._checks()
        row = self._user_row(checks, login)
        _check_password(checks, password)
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            tx.update("users", row["id"], password_columns(hash_password(password)), "set_password")

    def disable_user(self, login: str) -> None:
        """`login` may no longer sign in, and their sessions end; never the last active
        administrator (someone must be left to manage users)."""
        self._require("manage_users")
        checks = self._checks()
        row = self._user_row(checks, login)
        if row and row["role"] == "admin" and row["active"] and self._active_admins() == 1:
            checks.fail("login", _("is the last active administrator"))
        checks.raise_if_any()
        with self.store.write(self.actor) as tx:
            tx.update("users", row["id"], {"active": 0}, "disable_user")

    def _user_row(self, checks: Checks, login: str) -> dict[str, Any] | None:
        """The users row of `login`, or a field error naming it."""
        row = self.store.one("SELECT * FROM users WHERE login = ?", [pasted_name(str(login))])
        if row is None:
            checks.fail("login", _("Unknown user: {login}").format(login=login))
        return row

    def _active_admins(self) -> int:
        return self.store.one(
            "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1"
        )["n"]


def _check_password(checks: Checks, password: str) -> None:
    """The password policy: text of at least MIN_LENGTH characters besides spaces at its ends."""
    if not isinstance(password, str) or len(password.strip()) < MIN_LENGTH:
        checks.fail("password", _("must have at least {n} characters").format(n=MIN_LENGTH))


def password_columns(hashed: str) -> dict[str, Any]:
    """The users columns of a password just set, from its hash: the hash, when it was set,
    and no lock-out."""
    return {
        "password_hash": hashed,
        "password_changed_at": now_iso(),
        "failed_sign_ins": 0,
        "locked_until": None,
    }

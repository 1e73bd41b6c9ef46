"""Signing in: a login and its password against the users table, with a lock-out.

The server (duban.server) calls `sign_in` for the sign-in form and `session_user` for every
request that carries a session: a session holds the user's `session_stamp`, which changes
whenever their password is set, so a new password (or a disabled account) ends older
sessions. Every sign-in, failed or not, is an audit event of the login tried; the password
and its hash are in none.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from typing import Any

from duban.db import Store
from duban.infra.clock import now
from duban.infra.config import ServerRules, Settings
from duban.infra.errors import SignInRefused
from duban.infra.i18n import N_, _
from duban.infra.passwords import decoy_hash, password_matches
from duban.infra.pasted import pasted_name

# One refusal for an unknown login, a disabled user, one with no password and a wrong password.
REFUSED = N_("Wrong login or password.")


def sign_in(store: Store, settings: Settings, login: str, password: str) -> dict[str, Any]:
    """The active users row of `login` if `password` is theirs, else SignInRefused.

    The refusal is in the same words whatever was wrong, unless the login is locked:
    `settings.server.max_failures` wrong passwords in a row lock it for `lock_minutes`, and
    while locked even the right password is refused, saying until when. A success resets the
    count. An unknown login costs one password check too, so timing does not tell it apart.
    """
    row = store.one("SELECT * FROM users WHERE login = ?", [pasted_name(str(login or ""))])
    if row is None or not row["active"] or not row["password_hash"]:
        password_matches(decoy_hash(), password)
        raise SignInRefused(_(REFUSED))
    if locked := _locked_until(row):
        raise _locked(locked)
    if not password_matches(row["password_hash"], password):
        if locked := _count_failure(store, settings.server, row):
            raise _locked(locked)
        raise SignInRefused(_(REFUSED))
    reset = {"failed_sign_ins": 0, "locked_until": None}
    with store.write(row["login"]) as tx:
        tx.update("users", row["id"], reset, "sign_in")
    return {**row, **reset}


def _locked_until(row: dict[str, Any]) -> datetime | None:
    """Until when the login of `row` is locked, if it is now."""
    until = row["locked_until"] and datetime.fromisoformat(row["locked_until"])
    return until if until and now() < until else None


def _count_failure(store: Store, rules: ServerRules, row: dict[str, Any]) -> datetime | None:
    """Count a wrong password of `row`'s login (read again inside the write, so that two
    attempts at once both count); the time it is locked until, when this one locks it."""
    with store.write(row["login"]) as tx:
        current = store.one("SELECT * FROM users WHERE id = ?", [row["id"]])
        if locked := _locked_until(current):  # another attempt locked it meanwhile
            return locked
        failures = current["failed_sign_ins"] + 1
        if failures < rules.max_failures:
            tx.update("users", row["id"], {"failed_sign_ins": failures}, "sign_in_failed")
            return None
        until = now() + timedelta(minutes=rules.lock_minutes)
        locking = {"failed_sign_ins": 0, "locked_until": until.isoformat()}
        tx.update("users", row["id"], locking, "sign_in_locked")
        return until


def _locked(until: datetime) -> SignInRefused:
    """The refusal of a locked login: the office's time from which it may try again (the
    minute rounded up; with the date when that is not today)."""
    again = until + timedelta(seconds=59 if until.second else 0)
    shown = f"{again:%H:%M}" if again.date() == now().date() else f"{again:%Y-%m-%d %H:%M}"
    return SignInRefused(
        _("Too many wrong passwords: this login is locked, try again after {time}.").format(
            time=shown
        )
    )


def session_stamp(row: dict[str, Any]) -> str:
    """What a session of the user of `row` holds: a digest of their login and password hash,
    which is new each time a password is set (the hash's salt is). It reveals neither."""
    material = f"{row['login']}\n{row['password_hash'] or ''}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def session_user(store: Store, login: str, stamp: str) -> dict[str, Any] | None:
    """The active user `login` if their session stamp is still `stamp`, else None."""
    row = store.one("SELECT * FROM users WHERE login = ? AND active = 1", [login])
    if row is None or not row["password_hash"]:
        return None
    return row if hmac.compare_digest(session_stamp(row).encode(), str(stamp).encode()) else None

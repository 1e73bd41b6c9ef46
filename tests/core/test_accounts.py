"""Accounts behind sign-in: passwords as argon2 hashes, the lock-out, sessions that end, and
the `duban users` / `duban init` / `duban demo` commands."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

from duban.cli import main
from duban.infra import clock
from duban.infra.config import ServerRules, Settings
from duban.infra.errors import PermissionDeniedError, SignInRefused, ValidationError
from duban.infra.passwords import hash_password, password_matches
from duban.service.accounts import session_stamp, session_user, sign_in
from duban.service.workbook import open_workbook

PASSWORD = "correct horse 42"
NOON = datetime(2026, 11, 16, 12, 0)


@pytest.fixture
def accounts(db_path):
    admin = open_workbook(db_path, user="admin")
    admin.add_user("wang", "王文", "clerk", password=PASSWORD)
    admin.add_user("chen", "陈卫", "leader", password=PASSWORD)
    return admin


def _settings(**rules) -> Settings:
    return Settings(server=ServerRules(**rules))


def _refusal(store, login: str, password: str) -> str:
    with pytest.raises(SignInRefused) as refused:
        sign_in(store, _settings(), login, password)
    return str(refused.value)


def test_a_hash_is_salted_and_checks_only_its_password():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second and PASSWORD not in first
    assert password_matches(first, PASSWORD) and password_matches(second, PASSWORD)
    assert not password_matches(first, PASSWORD + " ")
    for broken in (None, "", "not a hash", "$argon2id$v=19$m=1$broken"):
        assert not password_matches(broken, PASSWORD)


def test_sign_in_gives_the_row_and_one_refusal_for_every_wrong_thing(accounts):
    store = accounts.store
    assert sign_in(store, _settings(), "wang", PASSWORD)["login"] == "wang"
    accounts.add_user("zhou", "周敏", "analyst")  # no password yet
    accounts.disable_user("chen")
    wrong = {
        _refusal(store, "wang", "wrong password!"),
        _refusal(store, "nobody", PASSWORD),
        _refusal(store, "zhou", ""),
        _refusal(store, "chen", PASSWORD),
    }
    assert wrong == {"Wrong login or password."}


def test_too_many_wrong_passwords_lock_the_login_until_the_lock_ends(accounts):
    store, settings = accounts.store, _settings(max_failures=3, lock_minutes=15)
    with clock.frozen(NOON):
        for _ in range(2):
            with pytest.raises(SignInRefused, match="Wrong login"):
                sign_in(store, settings, "wang", "wrong password!")
        with pytest.raises(SignInRefused, match="locked until 12:15"):
            sign_in(store, settings, "wang", "wrong password!")
        with pytest.raises(SignInRefused, match="locked until 12:15"):
            sign_in(store, settings, "wang", PASSWORD)  # the right one, while locked
        assert sign_in(store, settings, "chen", PASSWORD)["login"] == "chen"  # others go on
    with clock.frozen(NOON + timedelta(minutes=16)):
        assert sign_in(store, settings, "wang", PASSWORD)["login"] == "wang"
        row = store.one("SELECT failed_sign_ins, locked_until FROM users WHERE login = 'wang'")
        assert row == {"failed_sign_ins": 0, "locked_until": None}


def test_a_right_password_resets_the_count_of_wrong_ones(accounts):
    store, settings = accounts.store, _settings(max_failures=3)
    for _ in range(2):
        with pytest.raises(SignInRefused):
            sign_in(store, settings, "wang", "wrong password!")
    sign_in(store, settings, "wang", PASSWORD)
    for _ in range(2):
        with pytest.raises(SignInRefused, match="Wrong login"):
            sign_in(store, settings, "wang", "wrong password!")


def test_a_session_ends_when_the_password_changes_or_the_user_is_disabled(accounts):
    store = accounts.store
    with clock.frozen(NOON):
        stamp = session_stamp(sign_in(store, _settings(), "wang", PASSWORD))
    assert session_user(store, "wang", stamp)["login"] == "wang"
    with clock.frozen(NOON + timedelta(minutes=1)):
        accounts.set_password("wang", "a new password 7")
    assert session_user(store, "wang", stamp) is None
    stamp = session_stamp(sign_in(store, _settings(), "wang", "a new password 7"))
    assert session_user(store, "wang", stamp)["login"] == "wang"
    accounts.disable_user("wang")
    assert session_user(store, "wang", stamp) is None


def test_the_hash_is_in_no_event_and_no_listing(accounts):
    accounts.set_password("wang", "a new password 7")
    with pytest.raises(SignInRefused):
        sign_in(accounts.store, _settings(), "wang", "wrong password!")
    events = accounts.store.rows("SELECT before, after FROM events WHERE entity = 'users'")
    assert events and not any("argon2" in f"{e['before']}{e['after']}" for e in events)
    listing = accounts.users()
    assert "password_hash" not in listing.columns
    assert listing.set_index("login").loc["wang", "has_password"] == 1


def test_who_may_set_passwords_and_disable_users(accounts):
    wang = accounts.as_user("wang")
    wang.set_password("wang", "my own password")  # anyone, for themself
    with pytest.raises(PermissionDeniedError):
        wang.set_password("chen", "not my password")
    with pytest.raises(PermissionDeniedError):
        wang.disable_user("chen")
    with pytest.raises(ValidationError, match="at least 10"):
        accounts.set_password("wang", "short")
    with pytest.raises(ValidationError, match="last active administrator"):
        accounts.disable_user("admin")


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(
        main, list(args), input=stdin, env={"DUBAN_DB": None, "DUBAN_USER": None}
    )


def test_init_reads_the_admins_password_or_prints_a_one_time_one(tmp_path):
    typed, printed = tmp_path / "typed.sqlite", tmp_path / "printed.sqlite"
    assert (
        _run("init", "--db", str(typed), "--password-stdin", stdin="admin pass 2026\n").exit_code
        == 0
    )
    assert sign_in(
        open_workbook(typed, user="admin").store, _settings(), "admin", "admin pass 2026"
    )
    result = _run("init", "--db", str(printed), stdin="")
    assert result.exit_code == 0
    one_time = result.output.split("one-time password: ")[1].split()[0]
    assert sign_in(open_workbook(printed, user="admin").store, _settings(), "admin", one_time)
    again = _run("init", "--db", str(printed), stdin="")
    assert "one-time" not in again.output  # a password already set is kept
    assert sign_in(open_workbook(printed, user="admin").store, _settings(), "admin", one_time)


def test_users_commands_add_list_change_and_disable(tmp_path):
    db = str(tmp_path / "office.sqlite")
    _run("init", "--db", db, "--password-stdin", stdin="admin pass 2026\n")
    added = _run("users", "add", "wang", "王文", "clerk", "--password-stdin", "--db", db,
                 stdin="wang pass 2026\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "wang pass 2026" not in added.output
    refused = _run("users", "password", "wang", "--db", db, stdin="short\n")
    assert refused.exit_code == 1 and "at least 10" in refused.output
    assert _run("users", "password", "wang", "--db", db, stdin="wang pass 2027\n").exit_code == 0
    store = open_workbook(db, user="admin").store
    assert sign_in(store, _settings(), "wang", "wang pass 2027")
    assert _run("users", "disable", "wang", "--db", db).exit_code == 0
    listing = _run("users", "list", "--db", db).output.splitlines()
    assert listing == [
        "admin\tAdministrator\tadmin\t-\tactive\tpassword",
        "wang\t王文\tclerk\t-\tdisabled\tpassword",
    ]
    with pytest.raises(SignInRefused):
        sign_in(store, _settings(), "wang", "wang pass 2027")


def test_demo_prints_its_password_and_keeps_it_for_its_owner_only(tmp_path):
    db = tmp_path / "demo.sqlite"
    result = _run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    kept = tmp_path / "demo-sign-in.txt"
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    password = kept.read_text().split("Password of every demo user: ")[1].strip()
    assert password in result.output
    store = open_workbook(db, user="admin").store
    for login in ("clerk", "leader", "changan-street"):
        assert sign_in(store, _settings(), login, password)["login"] == login
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM users WHERE password_hash IS NULL"
        ).fetchone() == (0,)

"""Accounts behind sign-in: passwords as argon2 hashes, the lock-out, sessions that end, and
the `duban users` / `duban init` / `duban demo` commands (passwords through stdin)."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from duban.cli import main
from duban.demo import sign_in_file
from duban.infra import clock, passwords
from duban.infra.config import ServerRules, Settings
from duban.infra.errors import PermissionDeniedError, SignInRefused, ValidationError
from duban.infra.i18n import set_language
from duban.infra.passwords import hash_password, one_time_password, password_matches
from duban.service import accounts as accounts_module
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


def _hash_of(store, login: str) -> str:
    return store.one("SELECT password_hash FROM users WHERE login = ?", [login])["password_hash"]


# -- passwords ---------------------------------------------------------------------------------
def test_a_hash_is_salted_and_checks_only_its_password():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and first != second and PASSWORD not in first
    assert password_matches(first, PASSWORD) and password_matches(second, PASSWORD)
    assert not password_matches(first, PASSWORD + " ")
    for broken in (None, "", "not a hash", "$argon2id$v=19$m=1$broken", 42):
        assert not password_matches(broken, PASSWORD)
    assert not password_matches(first, None) and not password_matches(first, b"x")


def test_one_time_passwords_are_random_url_safe_and_pass_the_policy():
    made = {one_time_password() for _ in range(20)}
    assert len(made) == 20
    assert all(len(p) == 16 and p.replace("-", "").replace("_", "").isalnum() for p in made)
    assert all(len(p) >= passwords.MIN_LENGTH for p in made)


# -- signing in --------------------------------------------------------------------------------
def test_sign_in_gives_the_row_and_one_refusal_for_every_wrong_thing(accounts):
    store = accounts.store
    assert sign_in(store, _settings(), "wang", PASSWORD)["login"] == "wang"
    assert sign_in(store, _settings(), " ｗａｎｇ ", PASSWORD)["login"] == "wang"  # as pasted
    accounts.add_user("zhou", "周敏", "analyst")  # no password yet
    accounts.disable_user("chen")
    wrong = {
        _refusal(store, "wang", "wrong password!"),
        _refusal(store, "nobody", PASSWORD),
        _refusal(store, "zhou", ""),
        _refusal(store, "chen", PASSWORD),
        _refusal(store, "", None),
    }
    assert wrong == {"Wrong login or password."}


def test_the_refusal_is_the_same_in_chinese(accounts):
    set_language("zh_CN")
    try:
        assert _refusal(accounts.store, "nobody", PASSWORD) == "账号或密码错误。"
        assert _refusal(accounts.store, "wang", "wrong password!") == "账号或密码错误。"
    finally:
        set_language("en")


def test_an_unknown_login_costs_a_password_check_as_a_wrong_password_does(accounts, monkeypatch):
    """Timing does not tell an unknown login: it is checked against a decoy hash."""
    checked: list[str] = []
    real = accounts_module.password_matches

    def counting(hashed, password):
        checked.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(accounts_module, "password_matches", counting)
    for login in ("nobody", "wang"):
        _refusal(accounts.store, login, "wrong password!")
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)
    assert checked[0] == passwords.decoy_hash() and checked[1] == _hash_of(accounts.store, "wang")


def test_too_many_wrong_passwords_lock_the_login_until_the_lock_ends(accounts):
    store, settings = accounts.store, _settings(max_failures=3, lock_minutes=15)
    with clock.frozen(NOON):
        for _ in range(2):
            with pytest.raises(SignInRefused, match="^Wrong login or password.$"):
                sign_in(store, settings, "wang", "wrong password!")
        with pytest.raises(SignInRefused, match="locked, try again after 12:15"):
            sign_in(store, settings, "wang", "wrong password!")
        assert (
            accounts.users().set_index("login").loc["wang", "locked_until"] == "2026-11-16T12:15:00"
        )
    with clock.frozen(NOON + timedelta(minutes=14, seconds=59)):
        with pytest.raises(SignInRefused, match="locked, try again after 12:15"):
            sign_in(store, settings, "wang", PASSWORD)  # the right one, while locked
        assert sign_in(store, settings, "chen", PASSWORD)["login"] == "chen"  # others go on
    with clock.frozen(NOON + timedelta(minutes=15)):
        assert sign_in(store, settings, "wang", PASSWORD)["login"] == "wang"
        row = store.one("SELECT failed_sign_ins, locked_until FROM users WHERE login = 'wang'")
        assert row == {"failed_sign_ins": 0, "locked_until": None}
        assert pd.isna(accounts.users().set_index("login").loc["wang", "locked_until"])


def test_the_lock_names_the_next_minute_and_the_day_when_it_is_not_today(accounts):
    store = accounts.store
    with clock.frozen(datetime(2026, 11, 16, 23, 50, 30)):
        with pytest.raises(SignInRefused, match=r"try again after 2026-11-17 00:06\.$"):
            sign_in(store, _settings(max_failures=1, lock_minutes=15), "wang", "wrong password!")
    with clock.frozen(datetime(2026, 11, 17, 0, 5, 29)):
        with pytest.raises(SignInRefused, match=r"try again after 00:06\.$"):
            sign_in(store, _settings(), "wang", PASSWORD)
    with clock.frozen(datetime(2026, 11, 17, 0, 6)):
        assert sign_in(store, _settings(), "wang", PASSWORD)


def test_a_lock_expired_by_the_clock_is_not_listed(accounts):
    with clock.frozen(NOON):
        with pytest.raises(SignInRefused):
            sign_in(accounts.store, _settings(max_failures=1), "wang", "wrong password!")
    with clock.frozen(NOON + timedelta(hours=1)):
        assert pd.isna(accounts.users().set_index("login").loc["wang", "locked_until"])


def test_a_right_password_resets_the_count_of_wrong_ones(accounts):
    store, settings = accounts.store, _settings(max_failures=3)
    for _ in range(2):
        with pytest.raises(SignInRefused):
            sign_in(store, settings, "wang", "wrong password!")
    sign_in(store, settings, "wang", PASSWORD)
    for _ in range(2):
        with pytest.raises(SignInRefused, match="^Wrong login"):
            sign_in(store, settings, "wang", "wrong password!")


def test_a_new_password_lifts_a_lock(accounts):
    with pytest.raises(SignInRefused, match="locked"):
        sign_in(accounts.store, _settings(max_failures=1), "wang", "wrong password!")
    accounts.set_password("wang", "a new password 7")
    assert sign_in(accounts.store, _settings(), "wang", "a new password 7")


def test_sign_ins_are_audited_as_the_login_tried(accounts):
    store = accounts.store
    sign_in(store, _settings(), "wang", PASSWORD)
    _refusal(store, "chen", "wrong password!")
    events = store.rows("SELECT actor, action FROM events WHERE action LIKE 'sign_in%' ORDER BY id")
    assert events == [
        {"actor": "wang", "action": "sign_in"},
        {"actor": "chen", "action": "sign_in_failed"},
    ]


# -- sessions ----------------------------------------------------------------------------------
def test_a_session_ends_when_the_password_changes_or_the_user_is_disabled(accounts):
    store = accounts.store
    with clock.frozen(NOON):
        accounts.set_password("wang", PASSWORD)
        stamp = session_stamp(sign_in(store, _settings(), "wang", PASSWORD))
        assert session_user(store, "wang", stamp)["login"] == "wang"
        assert session_user(store, "chen", stamp) is None  # a stamp is one user's
        accounts.set_password("wang", PASSWORD)  # even the same password again, the same second
        assert session_user(store, "wang", stamp) is None
    stamp = session_stamp(sign_in(store, _settings(), "wang", PASSWORD))
    assert session_user(store, "wang", stamp)["login"] == "wang"
    accounts.disable_user("wang")
    assert session_user(store, "wang", stamp) is None
    assert session_user(store, "nobody", stamp) is None
    assert session_user(store, "chen", "") is None and session_user(store, "chen", "先") is None


def test_a_stamp_reveals_neither_password_nor_hash(accounts):
    stamp = session_stamp(sign_in(accounts.store, _settings(), "wang", PASSWORD))
    hashed = _hash_of(accounts.store, "wang")
    assert PASSWORD not in stamp and stamp not in hashed and hashed.split("$")[-1] not in stamp


# -- the hash kept in its row only -------------------------------------------------------------
def test_the_hash_is_in_no_event_and_no_listing(accounts):
    accounts.set_password("wang", "a new password 7")
    accounts.add_user("zhou", "周敏", "analyst", password="zhou password 1")
    with pytest.raises(SignInRefused):
        sign_in(accounts.store, _settings(), "wang", "wrong password!")
    hashes = [_hash_of(accounts.store, login) for login in ("wang", "chen", "zhou")]
    events = accounts.store.rows("SELECT before, after FROM events WHERE entity = 'users'")
    audited = "".join(f"{e['before']}{e['after']}" for e in events)
    assert len(events) >= 5 and "password_hash" in audited  # named, its value not kept
    assert "$argon2" not in audited and not any(h in audited for h in hashes)
    assert not any(p in audited for p in (PASSWORD, "a new password 7", "zhou password 1"))
    listing = accounts.users()
    assert "password_hash" not in listing.columns
    assert not any("$argon2" in str(v) for v in listing.to_numpy().ravel())
    assert listing.set_index("login")["has_password"].to_dict() == {
        "admin": 0,
        "wang": 1,
        "chen": 1,
        "zhou": 1,
    }


# -- who may do what ---------------------------------------------------------------------------
def test_who_may_set_passwords_and_disable_users(accounts):
    wang = accounts.as_user("wang")
    wang.set_password("wang", "my own password")  # anyone, for themself
    assert sign_in(accounts.store, _settings(), "wang", "my own password")
    before = _hash_of(accounts.store, "chen")
    with pytest.raises(PermissionDeniedError):
        wang.set_password("chen", "not my password")
    with pytest.raises(PermissionDeniedError):
        wang.set_password("nobody", "x")  # permission first: no word on the login or password
    with pytest.raises(PermissionDeniedError):
        wang.disable_user("chen")
    with pytest.raises(PermissionDeniedError):
        wang.add_user("li", "李", "clerk", password="short")
    assert _hash_of(accounts.store, "chen") == before
    with pytest.raises(ValidationError, match="password: must have at least 10 characters"):
        accounts.set_password("wang", "short")
    with pytest.raises(ValidationError, match="password: must have at least 10"):
        accounts.set_password("wang", "  " + "\u3000" * 12 + "  ")  # blank after stripping
    with pytest.raises(ValidationError, match="password: must have at least 10"):
        accounts.add_user("li", "李", "clerk", password="short")
    assert accounts.store.one("SELECT 1 FROM users WHERE login = 'li'") is None
    with pytest.raises(ValidationError, match="Unknown user: nobody"):
        accounts.set_password("nobody", PASSWORD)


def test_the_last_active_administrator_stays(accounts):
    with pytest.raises(ValidationError, match="last active administrator"):
        accounts.disable_user("admin")
    accounts.add_user("root2", "第二管理员", "admin", password=PASSWORD)
    accounts.disable_user("admin")  # another is left
    second = open_workbook(accounts.store.path, user="root2")
    with pytest.raises(ValidationError, match="last active administrator"):
        second.disable_user("root2")


# -- the command line --------------------------------------------------------------------------
def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(
        main, list(args), input=stdin, env={"DUBAN_DB": None, "DUBAN_USER": None}
    )


def test_init_reads_the_admins_password_or_prints_a_one_time_one(tmp_path):
    typed, printed = tmp_path / "typed.sqlite", tmp_path / "printed.sqlite"
    result = _run("init", "--db", str(typed), "--password-stdin", stdin="admin pass 2026\n")
    assert result.exit_code == 0 and "admin pass 2026" not in result.output
    assert sign_in(
        open_workbook(typed, user="admin").store, _settings(), "admin", "admin pass 2026"
    )
    result = _run("init", "--db", str(printed), stdin="")
    assert result.exit_code == 0
    one_time = result.output.split("one-time password: ")[1].split()[0]
    assert sign_in(open_workbook(printed, user="admin").store, _settings(), "admin", one_time)
    for again in (
        _run("init", "--db", str(printed), stdin=""),
        _run("init", "--db", str(printed), "--password-stdin", stdin="other pass 2026\n"),
    ):
        assert again.exit_code == 0 and "one-time" not in again.output  # a password is kept
    assert sign_in(open_workbook(printed, user="admin").store, _settings(), "admin", one_time)


def test_init_refuses_a_short_password_and_sets_none(tmp_path):
    db = tmp_path / "d.sqlite"
    result = _run("init", "--db", str(db), "--password-stdin", stdin="short\n")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: password: must have at least 10 characters"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT password_hash FROM users").fetchall() == [(None,)]


def test_users_commands_add_list_change_and_disable(tmp_path):
    db = str(tmp_path / "office.sqlite")
    _run("init", "--db", db, "--password-stdin", stdin="admin pass 2026\n")
    added = _run("users", "add", "wang", "王文", "clerk", "--password-stdin", "--db", db,
                 stdin="wang pass 2026\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "wang pass 2026" not in added.output
    bare = _run("users", "add", "zhou", "周敏", "analyst", "--db", db)
    assert bare.exit_code == 0 and "no password yet" in bare.output
    refused = _run("users", "password", "wang", "--db", db, stdin="short\n")
    assert refused.exit_code == 1
    assert refused.output == "Error: password: must have at least 10 characters\n"
    short = _run("users", "add", "li", "李", "clerk", "--password-stdin", "--db", db, stdin="x\n")
    assert short.exit_code == 1 and len(short.output.splitlines()) == 1
    changed = _run("users", "password", "wang", "--db", db, stdin="wang pass 2027\n")
    assert changed.exit_code == 0 and "wang pass 2027" not in changed.output
    store = open_workbook(db, user="admin").store
    assert store.one("SELECT 1 FROM users WHERE login = 'li'") is None
    assert sign_in(store, _settings(), "wang", "wang pass 2027")
    with clock.frozen(NOON):
        with pytest.raises(SignInRefused):
            sign_in(store, _settings(max_failures=1), "zhou", "anything at all")  # no password
        with pytest.raises(SignInRefused, match="locked"):
            sign_in(store, _settings(max_failures=1), "admin", "wrong password!")
        assert _run("users", "disable", "wang", "--db", db).exit_code == 0
        listing = _run("users", "list", "--db", db).output.splitlines()
    assert listing == [
        "login\tname\trole\tunit\tactive\tpassword\tlocked until",
        "admin\tAdministrator\tadmin\t-\tyes\tyes\t2026-11-16T12:15:00",
        "wang\t王文\tclerk\t-\tno\tyes\t-",
        "zhou\t周敏\tanalyst\t-\tyes\tno\t-",
    ]
    with pytest.raises(SignInRefused):
        sign_in(store, _settings(), "wang", "wang pass 2027")
    last = _run("users", "disable", "admin", "--db", db)
    assert last.exit_code == 1 and "last active administrator" in last.output


def test_a_clerk_may_not_set_anothers_password_from_the_command_line(tmp_path):
    db = str(tmp_path / "office.sqlite")
    _run("init", "--db", db, "--password-stdin", stdin="admin pass 2026\n")
    _run("users", "add", "wang", "王文", "clerk", "--db", db)
    before = open_workbook(db, user="admin").store.one(
        "SELECT password_hash FROM users WHERE login = 'admin'"
    )
    result = _run("users", "password", "admin", "--db", db, "--user", "wang", stdin="x\n")
    assert result.exit_code == 1 and "may not" in result.output
    assert len(result.output.splitlines()) == 1
    after = open_workbook(db, user="admin").store.one(
        "SELECT password_hash FROM users WHERE login = 'admin'"
    )
    assert after == before


def _on_a_terminal(args: list[str], answers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    """Run `duban ARGS` with a pseudo-terminal as stdin and stdout, typing each answer once
    its prompt shows; the exit status and all the terminal showed."""
    master, slave = pty.openpty()
    duban = Path(sys.executable).with_name("duban")
    child = subprocess.Popen(
        [str(duban), *args], stdin=slave, stdout=slave, stderr=slave, start_new_session=True
    )
    os.close(slave)
    shown = bytearray()

    def read_until(prompt: bytes | None) -> None:
        deadline = time.monotonic() + 60
        while (prompt is None or prompt not in shown) and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                try:
                    chunk = os.read(master, 1024)
                except OSError:  # the child closed the terminal
                    return
                if not chunk:
                    return
                shown.extend(chunk)

    for prompt, answer in answers:
        read_until(prompt)
        os.write(master, answer)
    read_until(None)
    os.close(master)
    return child.wait(60), bytes(shown)


def test_a_password_typed_on_a_terminal_is_asked_twice_and_never_shown(tmp_path):
    db = str(tmp_path / "office.sqlite")
    _run("init", "--db", db, stdin="")
    status, shown = _on_a_terminal(
        ["users", "password", "admin", "--db", db, "--user", "admin"],  # whatever DUBAN_USER is
        [
            (b"New password for admin:", b"typed pass 2026\n"),
            (b"confirmation:", b"typed pass 2026\n"),
        ],
    )
    assert status == 0 and b"sessions have ended" in shown, shown
    assert b"typed pass" not in shown
    assert sign_in(open_workbook(db, user="admin").store, _settings(), "admin", "typed pass 2026")


# -- the demo ----------------------------------------------------------------------------------
def test_demo_prints_its_password_and_keeps_it_for_its_owner_only(tmp_path):
    db = tmp_path / "demo.sqlite"
    result = _run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    kept = tmp_path / "demo-sign-in.txt"
    assert sign_in_file(db) == kept and f"kept in {kept}" in result.output
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    password = kept.read_text().split("password of every demo user: ")[1].split()[0]
    assert f"with the password {password}" in result.output
    for login in ("clerk", "leader", "analyst", "admin", "changan-street"):
        assert login in result.output and f"\n{login}\t" in kept.read_text()
    store = open_workbook(db, user="admin").store
    for login in ("clerk", "leader", "analyst", "admin", "changan-street"):
        assert sign_in(store, _settings(), login, password)["login"] == login
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM users WHERE password_hash IS NULL"
        ).fetchone() == (0,)


def test_a_workbook_never_holds_its_users_password_hash(accounts):
    assert "password_hash" not in accounts.as_user("wang").user

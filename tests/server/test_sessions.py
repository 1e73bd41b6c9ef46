"""What a sign-in cookie is worth (duban.server.identity.SignInProvider._session): a session
of an active user whose password has not changed since, for `[server] session_hours`."""

from __future__ import annotations

import json
import time

import pytest

from duban.server.identity import SignInProvider
from duban.service.accounts import session_stamp, sign_in
from duban.service.workbook import open_workbook

PASSWORD = "a long password 1"


@pytest.fixture
def provider(tmp_path, monkeypatch) -> SignInProvider:
    db = tmp_path / "office.sqlite"
    open_workbook(db, user="admin").add_user("wang", "王文", "clerk", password=PASSWORD)
    monkeypatch.setenv("DUBAN_DB", str(db))
    return SignInProvider()


def _cookie(provider: SignInProvider, at: float) -> str:
    row = sign_in(provider.store, provider.settings, "wang", PASSWORD)
    return json.dumps({"login": "wang", "stamp": session_stamp(row), "at": at})


def test_a_session_lasts_session_hours_and_no_longer(provider):
    hours = provider.settings.server.session_hours
    assert provider._session(_cookie(provider, time.time())).username == "wang"
    assert provider._session(_cookie(provider, time.time() - hours * 3600 + 60)) is not None
    assert provider._session(_cookie(provider, time.time() - hours * 3600 - 60)) is None
    assert provider._session(_cookie(provider, time.time() + 3600)) is None  # from the future


def test_a_session_ends_with_a_new_password_or_a_disabled_account(provider):
    value = _cookie(provider, time.time())
    admin = open_workbook(provider.settings.db, user="admin")
    admin.set_password("wang", "another password 2")
    assert provider._session(value) is None
    value = json.dumps(
        {"login": "wang", "stamp": session_stamp(
            sign_in(provider.store, provider.settings, "wang", "another password 2")
        ), "at": time.time()}
    )  # fmt: skip
    assert provider._session(value).username == "wang"
    admin.disable_user("wang")
    assert provider._session(value) is None


BROKEN = ["", "{}", "[]", '{"login": "wang"}', "not json", '{"login": 1, "stamp": 2, "at": "x"}']


@pytest.mark.parametrize("value", BROKEN)
def test_a_broken_cookie_is_no_one(provider, value):
    assert provider._session(value) is None

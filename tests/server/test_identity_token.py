"""The identity a page's kernel acts as: signed by the server, checked by the kernel."""

from __future__ import annotations

import os
import stat
import time

import pytest

from duban.infra.config import Settings
from duban.infra.errors import PermissionDeniedError
from duban.infra.identity import (
    IDENTITY_VARIABLE,
    SIGN_IN_VARIABLE,
    TOKEN_SECONDS,
    identity_token,
    page_login,
)
from duban.infra.signing import secret_file, server_secret, signed, verified


def test_the_secret_is_made_once_beside_the_database_readable_by_its_owner_only(tmp_path):
    db = tmp_path / "office.sqlite"
    first = server_secret(db)
    assert secret_file(db) == tmp_path / "office.sqlite.secret"
    assert stat.S_IMODE(os.stat(secret_file(db)).st_mode) == 0o600
    assert server_secret(db) == first  # a restart keeps it: nobody is signed out
    assert len(first) >= 32


def test_a_signed_value_holds_only_for_its_purpose_its_secret_and_its_age(tmp_path):
    secret = server_secret(tmp_path / "a.sqlite")
    token = signed(secret, "page identity", "clerk")
    assert verified(secret, "page identity", token, 60) == "clerk"
    assert verified(secret, "cookie", token, 60) is None
    assert verified(server_secret(tmp_path / "b.sqlite"), "page identity", token, 60) is None
    assert verified(secret, "page identity", token.replace("clerk", "admin"), 60) is None
    old = signed(secret, "page identity", "clerk", at=time.time() - 120)
    assert verified(secret, "page identity", old, 60) is None
    for broken in ("", "clerk", "clerk|x|y", "|||", token + "x"):
        assert verified(secret, "page identity", broken, 60) is None


def _kernel(tmp_path, **environ: str) -> dict[str, str]:
    return {SIGN_IN_VARIABLE: "required", **environ}


def test_a_served_kernel_acts_as_the_signed_login_and_never_as_duban_user(tmp_path):
    settings = Settings(db=tmp_path / "office.sqlite", user="admin")
    token = identity_token(server_secret(settings.db), "changan-street")
    assert page_login(settings, _kernel(tmp_path, **{IDENTITY_VARIABLE: token})) == (
        "changan-street"
    )
    for environ in (
        _kernel(tmp_path),  # no identity: DUBAN_USER (admin) is not a fallback
        _kernel(tmp_path, **{IDENTITY_VARIABLE: "admin"}),  # what a browser could send
        _kernel(tmp_path, **{IDENTITY_VARIABLE: token.replace("changan-street", "admin")}),
        _kernel(
            tmp_path,
            **{
                IDENTITY_VARIABLE: signed(
                    server_secret(settings.db),
                    "page identity",
                    "admin",
                    at=time.time() - TOKEN_SECONDS - 5,
                )
            },
        ),
    ):
        with pytest.raises(PermissionDeniedError, match="Not signed in"):
            page_login(settings, environ)


def test_outside_duban_serve_a_notebook_acts_as_the_configured_user(tmp_path):
    settings = Settings(db=tmp_path / "office.sqlite", user="analyst")
    assert page_login(settings, {}) == "analyst"


def test_a_served_kernels_workbook_is_the_signed_persons_and_no_one_elses(tmp_path, monkeypatch):
    """open_workbook in a kernel of `duban serve`: the signed login; DUBAN_USER and an
    explicit other user are refused."""
    from duban.service.workbook import open_workbook

    db = tmp_path / "office.sqlite"
    admin = open_workbook(db, user="admin")
    admin.add_user("leader", "Leader Chen", "leader")
    monkeypatch.setenv("DUBAN_DB", str(db))
    monkeypatch.setenv("DUBAN_USER", "admin")
    monkeypatch.setenv(SIGN_IN_VARIABLE, "required")
    monkeypatch.setenv(IDENTITY_VARIABLE, identity_token(server_secret(db), "leader"))
    assert open_workbook().user["login"] == "leader"
    assert open_workbook(user="leader").user["login"] == "leader"
    with pytest.raises(PermissionDeniedError, match="signed in"):
        open_workbook(user="admin")
    monkeypatch.delenv(IDENTITY_VARIABLE)
    with pytest.raises(PermissionDeniedError, match="Not signed in"):
        open_workbook()

"""The server's secret, kept in a file beside the database, and the values signed with it.

`duban serve` signs two things with it: the sign-in cookie (through tornado, so a restart
does not sign everyone out) and the identity it hands a page's kernel. A kernel reads the
same file to check that identity: only processes of the server's own system user can read
it (mode 0600), so a visitor can neither read nor forge what is signed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

SECRET_BYTES = 32


def secret_file(db: Path) -> Path:
    """Where the secret of the database `db` is kept: `<db>.secret`, beside it."""
    return db.with_name(db.name + ".secret")


def server_secret(db: Path) -> bytes:
    """The secret beside `db`, made (mode 0600) on first use.

    Two processes making it at once agree: the file is created exclusively, and the loser
    reads the winner's.
    """
    path = secret_file(db)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(SECRET_BYTES))
    return _read_secret(path)


def _read_secret(path: Path) -> bytes:
    for _attempt in range(50):  # a file another process is still writing
        value = path.read_bytes()
        if len(value) >= SECRET_BYTES:
            return value
        time.sleep(0.01)
    raise ValueError(f"{path} holds no secret: remove it and start the server again")


def _mac(secret: bytes, purpose: str, message: str) -> str:
    key = hmac.new(secret, purpose.encode(), hashlib.sha256).digest()
    digest = hmac.new(key, message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def signed(secret: bytes, purpose: str, value: str, at: float | None = None) -> str:
    """`value` with the time it was signed and a MAC for `purpose` ("value|time|mac")."""
    message = f"{value}|{int(time.time() if at is None else at)}"
    return f"{message}|{_mac(secret, purpose, message)}"


def verified(secret: bytes, purpose: str, token: str, max_age: float) -> str | None:
    """The value signed in `token` for `purpose` at most `max_age` seconds ago; else None."""
    message, _, mac = token.rpartition("|")
    value, _, at = message.rpartition("|")
    if not (value and at.isdigit() and mac):
        return None
    if not hmac.compare_digest(mac, _mac(secret, purpose, message)):
        return None
    if not 0 <= time.time() - int(at) <= max_age:
        return None
    return value

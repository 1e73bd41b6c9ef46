"""Passwords: argon2 hashes (argon2-cffi), never kept or logged in clear.

An argon2 hash embeds its parameters and its random salt, so one hash is all a row keeps and
two hashes of one password differ. Checking costs what hashing costs (argon2's defaults:
64 MiB, about 0.1–0.3 s here), which is what makes guessing slow.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error

# The policy's figure (duban.service.users checks it): at least this many characters besides
# spaces at either end.
MIN_LENGTH = 10


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2 hash of `password` (salted: two hashes of one password differ)."""
    return _hasher().hash(password)


def password_matches(hashed: str | None, password: str) -> bool:
    """Whether `password` is the one `hashed` was made from; False (never an error) for a
    wrong password, no hash, or a hash or password that is not one."""
    if not isinstance(hashed, str) or not hashed or not isinstance(password, str):
        return False
    try:
        return _hasher().verify(hashed, password)
    except (Argon2Error, ValueError):  # a mismatch, or an invalid hash (InvalidHashError)
        return False


def one_time_password() -> str:
    """A random password to hand someone once (16 URL-safe characters)."""
    return secrets.token_urlsafe(12)


@cache
def decoy_hash() -> str:
    """What an unknown login's password is checked against, so that refusing it costs what
    refusing a wrong password costs."""
    return hash_password(one_time_password())

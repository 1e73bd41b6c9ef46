"""Who a request comes from, and how a page's kernel learns it.

A person signs in at /login (duban.server.login); the server then keeps, in a cookie that
tornado signs with the secret beside the database, their login, their session stamp (which a
password change or a disabled account invalidates) and when they signed in. Every request
reads it back through `SignInProvider.get_user`, which asks the database whether that person
may still be served.

A page's kernel is never told who it acts as by the browser: the server puts a value it
signs itself (`identity_token`) in the request's IDENTITY_HEADER, overwriting whatever the
browser sent, and Voila hands that header to the kernel (voila.json `http_header_envs`),
where `duban.infra.identity.page_login` checks the signature before it opens the workbook.
"""

from __future__ import annotations

import json
import time
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, User
from tornado import web

from duban.db import Store
from duban.infra.config import Settings, load_settings
from duban.infra.identity import IDENTITY_HEADER, identity_token
from duban.infra.passwords import decoy_hash
from duban.infra.signing import server_secret
from duban.service.accounts import session_stamp, session_user

COOKIE = "duban-sign-in"
# How long a verdict on a cookie is reused: a disabled account is refused within this time.
RECHECK_SECONDS = 5.0


class SignInProvider(IdentityProvider):
    """Duban's users, signed in with their password; no tokens, no anonymous visitors."""

    def __init__(self, **kwargs: Any):
        kwargs["token"] = ""
        super().__init__(**kwargs)
        self.cookie_name = COOKIE
        self.settings: Settings = load_settings()
        self.store = Store(self.settings.db)
        self.secret = server_secret(self.settings.db)
        decoy_hash()  # made now: the first unknown login costs what any wrong password costs
        self._verdicts: dict[str, tuple[float, User | None]] = {}

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return True

    @property
    def logout_available(self) -> bool:
        return True

    def get_handlers(self) -> list[tuple[str, object]]:
        from duban.server.login import LoginHandler, LogoutHandler

        return [(r"/login", LoginHandler), (r"/logout", LogoutHandler)]

    def get_user(self, handler: web.RequestHandler) -> User | None:
        """The signed-in person of `handler`'s request, or None."""
        raw = handler.get_secure_cookie(
            COOKIE, max_age_days=self.settings.server.session_hours / 24
        )
        if raw is None:
            return None
        value = raw.decode()
        checked = self._verdicts.get(value)
        if checked is not None and time.monotonic() - checked[0] < RECHECK_SECONDS:
            return checked[1]
        user = self._session(value)
        self._verdicts[value] = (time.monotonic(), user)
        if len(self._verdicts) > 10_000:
            self._verdicts.clear()
        return user

    def _session(self, value: str) -> User | None:
        """The person a cookie value names, if their session still holds."""
        try:
            session = json.loads(value)
            login, stamp, at = session["login"], session["stamp"], float(session["at"])
        except (ValueError, KeyError, TypeError):
            return None
        if not 0 <= time.time() - at <= self.settings.server.session_hours * 3600:
            return None
        row = session_user(self.store, login, stamp)
        if row is None:
            return None
        return User(username=row["login"], name=row["display_name"])

    def start_session(self, handler: web.RequestHandler, row: dict[str, Any]) -> None:
        """Sign the person of users row `row` in: the cookie, HttpOnly, SameSite=Lax."""
        value = json.dumps({"login": row["login"], "stamp": session_stamp(row), "at": time.time()})
        handler.set_secure_cookie(
            COOKIE,
            value,
            expires_days=None,
            httponly=True,
            samesite="Lax",
            secure=handler.request.protocol == "https",
            path=handler.settings.get("base_url", "/"),
        )

    def tell_kernel(self, handler: web.RequestHandler) -> None:
        """Put in a page request's IDENTITY_HEADER what the server signs for its signed-in
        person (or nothing, for no one), whatever the browser sent: Voila hands the header
        to the page's kernel."""
        headers = handler.request.headers
        if IDENTITY_HEADER in headers:
            del headers[IDENTITY_HEADER]
        if handler.current_user:
            headers[IDENTITY_HEADER] = identity_token(self.secret, handler.current_user.username)

    def end_session(self, handler: web.RequestHandler) -> None:
        self._verdicts.pop((handler.get_secure_cookie(COOKIE) or b"").decode(), None)
        handler.clear_cookie(COOKIE, path=handler.settings.get("base_url", "/"))

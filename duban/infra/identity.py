"""Who a page's kernel acts as: under `duban serve`, the person the server signed in.

The server (duban.server.identity) signs the signed-in login into the page request's
IDENTITY_HEADER; Voila hands the header to the kernel as the environment variable
IDENTITY_VARIABLE. A kernel of a server that requires sign-in (SIGN_IN_VARIABLE, set by
duban.serving for every kernel) acts as that login only if the signature holds and is
fresh; anywhere else (nbval, JupyterLab, scripts) it acts as the configured user.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from duban.infra.config import Settings
from duban.infra.errors import PermissionDeniedError
from duban.infra.i18n import _
from duban.infra.signing import server_secret, signed, verified

IDENTITY_HEADER = "X-Duban-Identity"
IDENTITY_VARIABLE = "HTTP_X_DUBAN_IDENTITY"  # how Voila names the header (RFC 3875)
SIGN_IN_VARIABLE = "DUBAN_SIGN_IN"
PURPOSE = "page identity"
CHANNEL_PURPOSE = "request channel"
# A kernel reads its identity right after the request (preheated) or once it has started
# (cold, a few seconds on a busy machine): an older token is refused.
TOKEN_SECONDS = 300


def channel_proof(secret: bytes, kernel_id: str) -> str:
    """What a kernel shows to read its request from the server (see `request_channel`)."""
    return signed(secret, CHANNEL_PURPOSE, kernel_id, at=0).rpartition("|")[2]


def request_channel(settings: Settings, environ: Mapping[str, str] = os.environ) -> str | None:
    """The address a preheated kernel of `duban serve` reads its visitor's request from.

    Voila's own channel (/voila/query/<kernel id>) lets anyone who knows a kernel id take
    the request meant for it; Duban's (/voila/query/<proof>/<kernel id>) answers only a
    process that can read the server's secret. None outside `duban serve`.
    """
    if not sign_in_required(environ) or "VOILA_KERNEL_ID" not in environ:
        return None
    proof = channel_proof(server_secret(settings.db), environ["VOILA_KERNEL_ID"])
    host = environ.get("VOILA_APP_IP", "127.0.0.1")
    port = environ.get("VOILA_APP_PORT", "8866")
    base = environ.get("VOILA_WS_BASE_URL", environ.get("VOILA_SERVER_URL", "/"))
    return f"{environ.get('VOILA_WS_PROTOCOL', 'ws')}://{host}:{port}{base}voila/query/{proof}"


def identity_token(secret: bytes, login: str) -> str:
    """What the server hands a page's kernel for `login`."""
    return signed(secret, PURPOSE, login)


def sign_in_required(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this process is a kernel of a server that requires sign-in."""
    return environ.get(SIGN_IN_VARIABLE) == "required"


def page_login(settings: Settings, environ: Mapping[str, str] = os.environ) -> str:
    """The login this kernel acts as: the signed one under `duban serve`, else the
    configured user. PermissionDeniedError when sign-in is required and the identity the
    kernel was given is missing, forged or stale."""
    if not sign_in_required(environ):
        return settings.user
    token = environ.get(IDENTITY_VARIABLE, "")
    login = verified(server_secret(settings.db), PURPOSE, token, TOKEN_SECONDS) if token else None
    if login is None:
        raise PermissionDeniedError(_("Not signed in: open the page again and sign in."))
    return login

"""What every route of `duban serve` checks before it answers.

- **Host**: a request naming a Host that is neither a loopback address nor one of the
  office's `[server] host_names` (names or addresses) is refused (DNS rebinding), on every
  route (`guarded`).
- **Sign-in**: every route but /login answers only a signed-in person (`guarded`): a page
  sends the visitor to /login, anything else is refused (403).
- **Kernels**: `KernelOwners`, the authorizer, gives a page's kernel to the person whose
  page request it was handed to, refuses it to anyone else, and shuts a person's oldest
  kernel down when they hold more than `[server] kernels_per_visitor`.
"""

from __future__ import annotations

import ipaddress
import re
import time
from inspect import isawaitable
from typing import Any
from urllib.parse import urlencode

from jupyter_server.auth.authorizer import Authorizer
from tornado import web
from tornado.ioloop import IOLoop


def host_allowed(host_header: str, host_names: tuple[str, ...]) -> bool:
    """Whether a request naming `host_header` ("name:port") may be answered."""
    match = re.match(r"^(.*?)(:\d+)?$", host_header.strip().lower())
    host = match.group(1) if match else ""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host in ("localhost", *host_names):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def guarded(handler: type[web.RequestHandler], open_to_all: bool = False) -> type:
    """A subclass of `handler` that first checks the Host and then, unless the route is
    `open_to_all` (the sign-in page; the channel kernels read their request from, which
    proves itself otherwise), that someone is signed in: 403 for anyone else, before
    `handler` itself (jupyter_server's static files, for one, answer anybody)."""

    class Guarded(handler):  # type: ignore[misc, valid-type]
        async def prepare(self) -> None:
            if not host_allowed(self.request.host, self.settings["duban_host_names"]):
                raise web.HTTPError(403)
            if not open_to_all and self.settings["identity_provider"].get_user(self) is None:
                if self.request.method in ("GET", "HEAD") and not _is_websocket(self):
                    self.redirect(
                        self.settings["login_url"] + "?" + urlencode({"next": self.request.uri})
                    )
                    return
                raise web.HTTPError(403)
            result = super().prepare()
            if isawaitable(result):
                await result

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded{handler.__name__}"
    return Guarded


def _is_websocket(handler: web.RequestHandler) -> bool:
    return handler.request.headers.get("Upgrade", "").lower() == "websocket"


class KernelOwners(Authorizer):
    """Each page's kernel belongs to the person whose page request it was given to.

    `claim` is called by the page route (duban.server.app.OwnedPageHandler) when a kernel
    is handed out; the kernel's websocket, model and shutdown routes then answer its owner
    only (a kernel no page was given to answers no one). A person holding more than
    `kernels_per_visitor` kernels has their oldest shut down.
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.owners: dict[str, tuple[str, float]] = {}  # kernel id -> (login, given at)

    def is_authorized(self, handler: web.RequestHandler, user: Any, action: str, resource: str):
        if resource != "kernels":
            return True
        owner = self.owners.get(_kernel_id(handler) or "")
        return owner is not None and owner[0] == user.username

    def claim(self, manager: Any, kernel_id: str, login: str) -> list[str]:
        """Give `kernel_id` to `login`; shut down (and return) the kernels over their limit."""
        self.owners = {k: v for k, v in self.owners.items() if k in manager}
        self.owners[kernel_id] = (login, time.monotonic())
        held = sorted((at, k) for k, (who, at) in self.owners.items() if who == login)
        limit = self.identity_provider.settings.server.kernels_per_visitor
        dropped = [k for _at, k in held[: max(0, len(held) - limit)]]
        for old in dropped:
            self.owners.pop(old)
            IOLoop.current().add_callback(manager.shutdown_kernel, old)
        return dropped


def _kernel_id(handler: web.RequestHandler) -> str | None:
    """The kernel a request is about: the websocket's, or the one in the route."""
    found = getattr(handler, "kernel_id", None) or (handler.path_kwargs or {}).get("kernel_id")
    if found is None and handler.path_args:
        found = handler.path_args[0]
    return found.decode() if isinstance(found, bytes) else found

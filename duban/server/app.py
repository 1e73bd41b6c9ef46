"""The Voila application `duban serve` runs: Voila 0.5 with Duban's sign-in and guards.

Voila itself decides everything about pages and kernels (voila.json); this subclass only
- signs people in with Duban's accounts (`SignInProvider`; standalone Voila reads
  `Voila.identity_provider_class`, not the ServerApp's),
- keeps the cookie secret in the file beside the database, so a restart signs no one out,
- guards every route (duban.server.guard: the Host, sign-in) and gives each kernel to one person
  (`KernelOwners`), the page-close shutdown route included.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.auth.decorator import authorized
from tornado import web
from traitlets import List, Unicode, default
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler

from duban.infra.identity import channel_proof
from duban.server.guard import KernelOwners, guarded
from duban.server.identity import SignInProvider
from duban.server.login import LoginHandler, LogoutHandler


class OwnedShutdownHandler(VoilaShutdownKernelHandler):
    """The page-close shutdown of a kernel, for its owner only (Voila's asks for sign-in
    alone: any signed-in person knowing a kernel id could stop it)."""

    auth_resource = "kernels"

    @web.authenticated
    @authorized
    async def post(self, kernel_id: str) -> None:
        await super().post(kernel_id)


class HandedOut:
    """Voila's kernel manager as one page request sees it: each kernel it hands the page
    (preheated or started) is claimed for the signed-in person first."""

    def __init__(self, manager: Any, claim: Callable[[str], object]):
        self._manager, self._claim = manager, claim

    def __getattr__(self, name: str) -> Any:
        return getattr(self._manager, name)

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        render_task, rendered, kernel_id = await self._manager.get_rendered_notebook(
            *args, **kwargs
        )
        self._claim(kernel_id)
        return render_task, rendered, kernel_id

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id = await ensure_async(self._manager.start_kernel(*args, **kwargs))
        self._claim(kernel_id)
        return kernel_id


class OwnedPageHandler(TornadoVoilaHandler):
    """A page, whose kernel belongs to the person who asked for it (KernelOwners); a
    notebook that is not a page (`DubanVoila.unserved`) is not found."""

    async def prepare(self) -> None:
        await super().prepare()  # who is signed in (or off to /login)
        self.identity_provider.tell_kernel(self)

    async def get(self, path: str | None = None) -> None:
        if path in self.settings["duban_unserved"]:
            raise web.HTTPError(404)
        await super().get(path)

    @property
    def kernel_manager(self) -> HandedOut:
        manager = self.settings["kernel_manager"]
        login = self.current_user.username
        return HandedOut(
            manager, lambda kernel_id: self.authorizer.claim(manager, kernel_id, login)
        )


class ProvenRequestChannel(RequestInfoSocketHandler):
    """The channel a preheated kernel reads its visitor's request from, answered only for a
    kernel that proves it can read the server's secret (duban.infra.identity.request_channel):
    Voila's own answers anyone who names a kernel id, and hands them that visitor's request."""

    def get(self, proof: str, kernel_id: str) -> Any:
        secret = self.settings["identity_provider"].secret
        if not hmac.compare_digest(proof, channel_proof(secret, kernel_id)):
            raise web.HTTPError(403)
        return super().get(proof=proof, kernel_id=kernel_id)

    def open(self, proof: str, kernel_id: str) -> None:
        super().open(kernel_id)


class DubanVoila(Voila):
    """Voila with Duban's sign-in in front of every route."""

    unserved = List(
        Unicode(),
        config=True,
        help="Notebooks of the folder that are not pages (run in JupyterLab): never rendered.",
    )

    @default("identity_provider_class")
    def _sign_in(self) -> type:
        return SignInProvider

    @default("authorizer_class")
    def _owners(self) -> type:
        return KernelOwners

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        provider: SignInProvider = self.identity_provider
        settings["cookie_secret"] = provider.secret
        settings["duban_host_names"] = provider.settings.server.host_names
        settings["duban_unserved"] = set(self.unserved)
        return settings

    def init_handlers(self) -> list:
        routes = []
        for pattern, handler, *rest in super().init_handlers():
            if handler is RequestInfoSocketHandler:
                pattern = pattern.replace("/voila/query/", "/voila/query/(?P<proof>[\\w-]+)/")
                handler = ProvenRequestChannel
            handler = OWNED.get(handler, handler)
            routes.append((pattern, guarded(handler, open_to_all=handler in OPEN_TO_ALL), *rest))
        return routes


# Voila's routes that hand out or stop kernels -> the same, for the kernel's owner only
OWNED: dict[type, type] = {
    TornadoVoilaHandler: OwnedPageHandler,
    VoilaShutdownKernelHandler: OwnedShutdownHandler,
}
# What answers before sign-in: the sign-in pages, and the channel kernels read their request
# from (kernels have no cookie; the channel asks them for a proof instead).
OPEN_TO_ALL = (LoginHandler, LogoutHandler, ProvenRequestChannel)
main = DubanVoila.launch_instance

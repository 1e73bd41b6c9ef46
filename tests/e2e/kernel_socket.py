"""A page's kernel spoken to over its websocket, as the browser's page speaks to it.

`page_kernel` opens a page as a signed-in `requests` session and reads the kernel id Voila
wrote into it; `KernelSocket` connects to /api/kernels/<id>/channels with that session's
cookies and sends Jupyter messages (JSON, the legacy websocket protocol) on the shell
channel, collecting what comes back. The widget helpers speak the Jupyter widget protocol
(version 2, ipywidgets 8): list the widget comms, read their state, send updates and clicks.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import requests
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

WIDGET_TARGET = "jupyter.widget"


def page_kernel(session: requests.Session, url: str, notebook: str) -> str:
    """Open the page `notebook` as `session`; the id of the kernel it was given."""
    body = session.get(f"{url}/voila/render/{notebook}", timeout=180).text
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', body) or re.search(
        r"kernel[_-]?[iI]d[\"']?\s*[:=]\s*[\"']([0-9a-f-]{36})", body
    )
    assert found, body[:500]
    return found.group(1)


def cookie_header(session: requests.Session) -> str:
    """The session's cookies as a Cookie header."""
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def message(msg_type: str, content: dict[str, Any]) -> dict[str, Any]:
    """A shell message as a browser's page sends it."""
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "session": "test",
            "username": "test",
            "version": "5.3",
            "date": "2026-12-03T00:00:00Z",
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


class KernelSocket:
    """A connection to one kernel's channels, used synchronously: its event loop runs in a
    thread of its own (a test process may already run one, Playwright's), where a reader
    takes in every message as it comes (so the server's pings are answered and nothing backs
    up while many messages are sent)."""

    def __init__(self, url: str, kernel: str, cookies: str):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        request = HTTPRequest(
            url.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels?session_id=test",
            headers={"Cookie": cookies},
        )
        self.received: list[dict[str, Any]] = []  # everything read so far, in order
        self.closed = False
        try:
            self.connection: WebSocketClientConnection = self._run(
                lambda: websocket_connect(request)
            )
        except BaseException:
            self._stop()
            raise
        self.reader = self._run(self._start_reading)

    def __enter__(self) -> KernelSocket:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.connection.close)
        self.loop.call_soon_threadsafe(self.reader.cancel)
        self._stop()

    def _stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)
        self.loop.close()

    def _run(self, awaited: Callable[[], Awaitable[Any]]) -> Any:
        """What `awaited()` gives, called and awaited in this socket's loop (tornado makes its
        futures in the loop running when they are asked for)."""

        async def inside() -> Any:
            return await awaited()

        return asyncio.run_coroutine_threadsafe(inside(), self.loop).result()

    async def _start_reading(self) -> asyncio.Task:
        return asyncio.create_task(self._take_in())

    async def _take_in(self) -> None:
        while (raw := await self.connection.read_message()) is not None:
            if isinstance(raw, str):  # a binary message holds a widget's buffers: not read
                self.received.append(json.loads(raw))
        self.closed = True

    def send(self, msg: dict[str, Any]) -> str:
        """Send `msg`; its id."""
        self._run(lambda: self.connection.write_message(json.dumps(msg)))
        return msg["header"]["msg_id"]

    def until_reply(self, msg_id: str, seconds: float = 120) -> dict[str, Any]:
        """Wait until the shell reply to `msg_id` has come and the kernel is idle after it;
        the reply. AssertionError if it does not come within `seconds`."""

        def answered() -> dict[str, Any] | None:
            mine = [m for m in self.received if m.get("parent_header", {}).get("msg_id") == msg_id]
            replies = [m for m in mine if m.get("channel") == "shell"]
            idle = any(
                m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
                for m in mine
            )
            return replies[0] if replies and idle else None

        async def waited() -> dict[str, Any]:
            deadline = time.monotonic() + seconds
            while (reply := answered()) is None:
                assert not self.closed, "the server closed the kernel's websocket"
                assert time.monotonic() < deadline, f"no reply to {msg_id} in {seconds} s"
                await asyncio.sleep(0.05)
            return reply

        return self._run(waited)

    def settle(self, seconds: float = 120) -> None:
        """Wait until the kernel has handled everything sent so far (shell messages are
        handled in order: the reply to one more comes after them)."""
        self.until_reply(self.send(message("kernel_info_request", {})), seconds)

    # -- the widget protocol ------------------------------------------------------------------
    def widget_comms(self) -> list[str]:
        """The ids of the kernel's widget comms."""
        reply = self.until_reply(
            self.send(message("comm_info_request", {"target_name": WIDGET_TARGET}))
        )
        return [
            comm_id
            for comm_id, info in reply["content"]["comms"].items()
            if info.get("target_name") == WIDGET_TARGET
        ]

    def widget_states(self, comm_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Each widget's state, as the kernel answers a request for it (comm id -> state)."""
        asked = {self.comm_msg(c, {"method": "request_state"}): c for c in comm_ids}
        self.settle()
        states = {}
        for got in self.received:
            comm_id = asked.get(got.get("parent_header", {}).get("msg_id"))
            data = got.get("content", {}).get("data", {})
            if comm_id and got["msg_type"] == "comm_msg" and data.get("method") == "update":
                states[comm_id] = data["state"]
        return states

    def comm_msg(self, comm_id: str, data: dict[str, Any]) -> str:
        """Send `data` to the widget of `comm_id`; the message's id."""
        return self.send(message("comm_msg", {"comm_id": comm_id, "data": data}))

    def update(self, comm_id: str, state: dict[str, Any]) -> str:
        """What a browser sends when a person changes a widget."""
        return self.comm_msg(comm_id, {"method": "update", "state": state, "buffer_paths": []})

    def click(self, comm_id: str) -> str:
        """What a browser sends when a person clicks a button."""
        return self.comm_msg(comm_id, {"method": "custom", "content": {"event": "click"}})

    def updates_sent(self) -> list[dict[str, Any]]:
        """Every state change the kernel sent its widgets' views so far (comm_msg updates)."""
        return [
            got["content"]["data"]["state"]
            for got in self.received
            if got["msg_type"] == "comm_msg"
            and got.get("content", {}).get("data", {}).get("method") in ("update", "echo_update")
        ]

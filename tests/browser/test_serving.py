"""Serving: idle kernels are culled quietly, and the log carries only what is worth reading."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from duban.infra.config import PROJECT_ROOT
from duban.serving import (
    UntrustedNotebookNoise,
    free_port,
    kernel_pids,
    served,
    wait_until_answering,
)
from tests.conftest import signing_tab

SHORT_CULL = (
    "--MappingKernelManager.cull_idle_timeout=4",
    "--MappingKernelManager.cull_interval=1",
)


def _starting_kernel(kernel_manager_class: str | None) -> tuple[object, str]:
    """A kernel manager holding one kernel as it is while it starts: in the map, not yet
    reported (jupyter_client maps it before jupyter_server sets its `last_activity`).
    jupyter_server is imported here: it takes seconds, and the fast suite collects this file."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    options = {"kernel_manager_class": kernel_manager_class} if kernel_manager_class else {}
    manager = AsyncMappingKernelManager(cull_idle_timeout=1, **options)
    kernel, _name, kernel_id = manager.pre_start_kernel("python3", {})
    manager._kernels[kernel_id] = kernel
    return manager, kernel_id


def _cull(manager, kernel_id: str) -> None:
    """One check of the culler, on its own thread (Playwright may run a loop on this one)."""
    with ThreadPoolExecutor(1) as worker:
        worker.submit(asyncio.run, manager.cull_kernel_if_idle(kernel_id)).result()


def test_the_culler_passes_over_a_kernel_that_is_still_starting():
    configured = json.loads((PROJECT_ROOT / "voila.json").read_text(encoding="utf-8"))
    manager, kernel_id = _starting_kernel(
        configured["MappingKernelManager"]["kernel_manager_class"]
    )
    _cull(manager, kernel_id)
    assert kernel_id in manager  # not culled, and no error


def test_jupyter_servers_own_kernel_manager_still_fails_there():
    """The upstream bug our kernel manager works around; when this fails, drop the workaround."""
    from traitlets import TraitError

    manager, kernel_id = _starting_kernel(None)
    with pytest.raises(TraitError, match="last_activity"):
        _cull(manager, kernel_id)


def test_a_closed_page_is_culled_and_the_log_stays_clean(demo_db, tmp_path, browser):
    db = tmp_path / "duban.sqlite"
    shutil.copyfile(demo_db, db)
    log = tmp_path / "voila.log"
    env = {**os.environ, "DUBAN_LANG": "en"}
    with served(db, log, env=env, extra_args=SHORT_CULL) as url:
        context = browser.new_context()
        for notebook in ("home.ipynb", "progress.ipynb"):
            tab = signing_tab(context)
            tab.goto(f"{url}/voila/render/{notebook}", timeout=90_000)
            tab.locator(".duban-page").first.wait_for(timeout=90_000)
            tab.close()
        context.close()
        visited = re.findall(r"Using pre-heated kernel: (\S+)", log.read_text())
        deadline = time.monotonic() + 60
        while not all(f"({kernel}) with" in log.read_text() for kernel in visited):
            assert time.monotonic() < deadline, "the visited kernels were not culled"
            time.sleep(0.5)
        time.sleep(3)  # a few more passes of the culler, over the refilled pool
        text = log.read_text()  # read before the server stops: this is about serving
    assert len(visited) == 2 and text.count("Culling 'idle' kernel") >= 2
    assert [word for word in ("Traceback", "KeyError", "is not trusted") if word in text] == []


def test_the_log_filter_drops_the_trust_warning_and_nothing_else():
    noise = UntrustedNotebookNoise()

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("Voila", logging.WARNING, __file__, 1, message, ("x.ipynb",), None)

    assert not noise.filter(record("Notebook %s is not trusted"))
    assert noise.filter(record("Notebook %s does not exist")) and noise.filter(record("%s"))


@pytest.mark.browser  # a real Voila server (slow), though no browser
def test_duban_serve_stops_on_sigterm_and_frees_its_port(demo_db, tmp_path):
    """`duban serve` becomes Voila: the signal a service manager sends stops the server
    itself and every kernel, and no child is left holding the port (it used to be)."""
    db = tmp_path / "duban.sqlite"
    shutil.copyfile(demo_db, db)
    port = free_port()
    serve = subprocess.Popen(
        [str(Path(sys.executable).with_name("duban")), "serve", "--db", str(db), f"--port={port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=os.environ,
        start_new_session=True,  # its own process group: the cleanup reaches any child
    )
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/login", seconds=60)
        deadline = time.monotonic() + 60
        while not kernel_pids(db):  # the preheated pages' kernels
            assert time.monotonic() < deadline, "no kernel started"
            time.sleep(0.5)
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=30) is not None
        deadline = time.monotonic() + 10
        while kernel_pids(db):  # every kernel stops with the server, within seconds
            assert time.monotonic() < deadline, f"kernels left running: {kernel_pids(db)}"
            time.sleep(0.5)
        with socket.socket() as probe:  # nothing listens on the port any more
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT
            probe.bind(("127.0.0.1", port))
            probe.listen()
        assert f"on http://127.0.0.1:{port}/" in serve.stdout.read().decode()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(serve.pid, signal.SIGKILL)

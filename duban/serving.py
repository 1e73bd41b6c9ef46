"""How Duban starts Voila: the notebooks folder, Duban's offline page template, 127.0.0.1 only.

`duban serve`, the browser tests and the page-load benchmark all start the server through
here, so what the tests drive is what the office runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from duban.infra.config import PROJECT_ROOT
from duban.templates import TEMPLATE_DIR

NOTEBOOKS = PROJECT_ROOT / "notebooks"
# A Jupyter data folder: Voila finds templates at <folder>/voila/templates/<name>/.
VOILA_TEMPLATES = TEMPLATE_DIR / "jupyter"
# Debian's Chromium, headless, as the browser tests and benchmarks drive it.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def voila_command(port: int, open_browser: bool = False, notebooks: Path = NOTEBOOKS) -> list[str]:
    """The command line that serves `notebooks` on 127.0.0.1:`port` (run it in PROJECT_ROOT:
    voila.json)."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--template=duban",
    ]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(db: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """`base` with the database the kernels open and the folder holding Duban's page template."""
    jupyter_path = os.pathsep.join(
        filter(None, [str(VOILA_TEMPLATES), base.get("JUPYTER_PATH", "")])
    )
    return {**base, "DUBAN_DB": str(Path(db).resolve()), "JUPYTER_PATH": jupyter_path}


def free_port() -> int:
    """A TCP port nothing listens on at 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(
    db: Path,
    log: Path,
    env: Mapping[str, str] = os.environ,
    notebooks: Path = NOTEBOOKS,
    extra_args: tuple[str, ...] = (),
) -> Iterator[str]:
    """A Voila server over `db` in the background, its output in `log`; yields its base URL,
    stops it on exit."""
    port = free_port()
    with log.open("w") as handle:
        server = subprocess.Popen(
            [*voila_command(port, notebooks=notebooks), *extra_args],
            cwd=PROJECT_ROOT,
            env=voila_environment(db, env),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_answering(url + "/", seconds=60)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


def _wait_until_answering(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Voila did not answer at {url} within {seconds} s")

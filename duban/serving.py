"""How Duban starts Voila: the notebooks folder, Duban's offline page template, sign-in.

The server is `python -m duban.server` (Voila with Duban's sign-in, duban.server.app), on
127.0.0.1 unless told another address; every kernel it starts requires a signed identity
(duban.infra.identity).

`duban serve`, the browser tests and the page-load benchmark all start the server through
here, so what the tests drive is what the office runs. voila.json (read from PROJECT_ROOT)
names two classes of this module, for the Voila process:

- `UntrustedNotebookNoise`, a logging filter: jupyter_server's contents manager warns
  "Notebook … is not trusted" each time it reads a notebook whose signature is not in this
  user's Jupyter signature store, which is every served notebook at every load. Trust only
  decides whether a notebook editor shows stored HTML/JS outputs; Voila runs the notebook and
  shows fresh outputs, so for a served page the warning says nothing.
- `StartingKernelManager`, jupyter_server's kernel manager with `last_activity` set when it is
  made: jupyter_server 2.x declares `last_activity` a trait with no default and sets it only
  once the kernel has started, so the idle culler, passing over a kernel that is still
  starting (every visit starts one to refill Voila's pool), gets a TraitError (shown as
  ``KeyError: 'last_activity'``) where it tests `hasattr(kernel, "last_activity")` and logs
  a traceback. The same race as https://github.com/jupyter/notebook/issues/5345, whose
  `hasattr` fix a declared trait defeats. A kernel being started is not idle.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from duban.infra.config import PROJECT_ROOT
from duban.infra.identity import SIGN_IN_VARIABLE
from duban.models.pages import PAGES
from duban.templates import TEMPLATE_DIR

NOTEBOOKS = PROJECT_ROOT / "notebooks"
# Notebooks of the folder that are not pages: analysts run them in JupyterLab.
UNSERVED = [page.notebook for page in PAGES if not page.served]
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


UNTRUSTED = "Notebook %s is not trusted"  # jupyter_server ContentsManager.mark_trusted_cells


class UntrustedNotebookNoise(logging.Filter):
    """Drops jupyter_server's "Notebook … is not trusted" warning, and nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != UNTRUSTED


def __getattr__(name: str) -> object:
    """`StartingKernelManager`, made on first use: jupyter_server takes seconds to import, and
    only the Voila process needs it."""
    if name != "StartingKernelManager":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from jupyter_server._tz import utcnow
    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
    from traitlets import default

    class StartingKernelManager(ServerKernelManager):
        """A kernel manager whose `last_activity` is its creation until the kernel reports."""

        @default("last_activity")
        def _made_now(self) -> datetime:
            return utcnow()

    StartingKernelManager.__module__ = __name__
    globals()[name] = StartingKernelManager
    return StartingKernelManager


def voila_command(
    port: int, open_browser: bool = False, notebooks: Path = NOTEBOOKS, ip: str = "127.0.0.1"
) -> list[str]:
    """The command line that serves `notebooks` on `ip`:`port` (run it in PROJECT_ROOT:
    voila.json)."""
    command = [
        sys.executable,
        "-m",
        "duban.server",
        str(notebooks),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--template=duban",
    ]
    for notebook in UNSERVED:  # kept from preheating (a kernel each) and from rendering
        command += [
            f"--VoilaKernelManager.preheat_denylist={notebook}",
            f"--DubanVoila.unserved={notebook}",
        ]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(db: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """`base` with the database the kernels open, the folder holding Duban's page template,
    and sign-in required of every kernel."""
    jupyter_path = os.pathsep.join(
        filter(None, [str(VOILA_TEMPLATES), base.get("JUPYTER_PATH", "")])
    )
    return {
        **base,
        "DUBAN_DB": str(Path(db).resolve()),
        "JUPYTER_PATH": jupyter_path,
        SIGN_IN_VARIABLE: "required",
    }


def start_daily_backups(db: Path, keep: int) -> subprocess.Popen | None:
    """Start the process that keeps the last `keep` daily backups of `db` while this process
    runs (duban.service.backups): `duban serve` calls it just before it becomes the server.
    None is started when `keep` is 0."""
    if not keep:
        return None
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "duban.service.backups",
            str(Path(db).resolve()),
            str(keep),
            str(os.getpid()),
        ],
        stdin=subprocess.DEVNULL,
    )


def kernel_pids(db: Path) -> list[int]:
    """The running kernel processes that serve pages over `db` (Linux: read from /proc)."""
    wanted = f"DUBAN_DB={Path(db).resolve()}".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes()
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue  # gone, or not ours
        if b"ipykernel" in command and wanted in environ:
            found.append(int(proc.name))
    return sorted(found)


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
            wait_until_answering(url + "/login", seconds=60)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


def wait_until_answering(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Voila did not answer at {url} within {seconds} s")

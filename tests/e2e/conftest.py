"""`duban serve`, run as the office runs it, over a copy of the demo database.

The server is the real command (`duban serve --db … --port …`) on 127.0.0.1 and a free
port; every person signs in through /login with the demo users' TEST_PASSWORD.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from duban.serving import free_port, wait_until_answering
from tests.conftest import OUTPUT, Served, copy_demo

DUBAN = Path(sys.executable).with_name("duban")


@pytest.fixture(scope="session")
def office_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`duban serve` over a copy of the demo database, in English; stopped at the end."""
    db = copy_demo(demo_db, tmp_path_factory.mktemp("office") / "duban.sqlite")
    OUTPUT.mkdir(exist_ok=True)
    log = OUTPUT / "office-server.log"
    port = free_port()
    env = {**os.environ, "DUBAN_LANG": "en", "DUBAN_USER": "admin"}
    with log.open("w") as handle:
        server = subprocess.Popen(
            [str(DUBAN), "serve", "--db", str(db), "--port", str(port)],
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_answering(url + "/login", seconds=90)
            yield Served(url, db, log)
        finally:
            server.terminate()
            server.wait(timeout=30)

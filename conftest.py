"""For nbval: the notebooks' kernels read DUBAN_DB, so point it at a fresh demo database.

Kernels inherit this process's environment; the database is built once per test run
in a temporary folder, never in the project's data/ folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if not (
        config.getoption("nbval_lax", default=False) or config.getoption("nbval", default=False)
    ):
        return
    from duban.demo import build_demo

    db = Path(tempfile.mkdtemp(prefix="duban-nbval-")) / "duban.sqlite"
    build_demo(db).store.close()
    os.environ["DUBAN_DB"] = str(db)
    os.environ["DUBAN_USER"] = "clerk"
    os.environ.setdefault("DUBAN_LANG", "en")

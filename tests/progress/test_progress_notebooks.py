"""The two notebooks run top to bottom under nbval, on the demo and on an empty database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [str(ROOT / "notebooks" / name) for name in ("progress.ipynb", "bulletin.ipynb")]


def _nbval(db: Path, user: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DUBAN_DB": str(db), "DUBAN_USER": user, "DUBAN_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval-lax", "-p", "no:cacheprovider", *NOTEBOOKS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _code_cells() -> int:
    import nbformat

    return sum(
        c.cell_type == "code" for path in NOTEBOOKS for c in nbformat.read(path, as_version=4).cells
    )


def test_the_notebooks_run_on_the_demo(demo_copy):
    result = _nbval(demo_copy, "leader")
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{_code_cells()} passed" in result.stdout


def test_the_notebooks_run_on_an_empty_database(tmp_path):
    result = _nbval(tmp_path / "empty.sqlite", "admin")
    assert result.returncode == 0, result.stdout[-3000:]

"""How Duban starts Voila: the notebooks folder, Duban's offline page template, 127.0.0.1 only.

`duban serve` and the browser tests both start the server through here, so what the tests
drive is what the office runs.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from duban.config import PROJECT_ROOT
from duban.templates import TEMPLATE_DIR

NOTEBOOKS = PROJECT_ROOT / "notebooks"
# A Jupyter data folder: Voila finds templates at <folder>/voila/templates/<name>/.
VOILA_TEMPLATES = TEMPLATE_DIR / "jupyter"


def voila_command(port: int, open_browser: bool = False) -> list[str]:
    """The command line that serves the notebooks on 127.0.0.1:`port` (run it in PROJECT_ROOT)."""
    command = [sys.executable, "-m", "voila", str(NOTEBOOKS), f"--port={port}", "--Voila.ip=127.0.0.1",
               "--template=duban"]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(db: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """`base` with the database the kernels open and the folder holding Duban's page template."""
    jupyter_path = os.pathsep.join(filter(None, [str(VOILA_TEMPLATES), base.get("JUPYTER_PATH", "")]))
    return {**base, "DUBAN_DB": str(Path(db).resolve()), "JUPYTER_PATH": jupyter_path}

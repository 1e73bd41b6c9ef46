"""Start-up stays light: importing the package, the command line or the splitter loads no
pandas (only the commands that read the database do)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("modules", ["duban, duban.cli", "duban.splitter"])
def test_importing_does_not_load_pandas(modules):
    probe = f"import {modules}; import sys; print('pandas' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"`import {modules}` loads pandas"


def test_the_workbook_is_still_importable_from_the_package():
    probe = (
        "import sys; from duban import open_workbook, ValidationError; "
        "print(open_workbook.__module__, ValidationError.__module__, 'pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["duban.service.workbook", "duban.infra.errors", "True"]

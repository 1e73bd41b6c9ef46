"""The layers point one way (README, Layout): each package imports only the layers below it.

Every import of a `duban` module is read from the source, those inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# folder or file -> the duban packages it may import (besides itself)
ALLOWED = {
    "duban/infra": {"duban.infra"},
    "duban/vocabulary.py": {"duban.infra"},
    "duban/splitter": {"duban.infra", "duban.vocabulary"},
    "db": {"duban.infra", "duban.vocabulary"},
    "duban/service": {"duban.infra", "duban.vocabulary", "duban.db"},
    "duban/documents": {
        "duban.infra", "duban.vocabulary", "duban.db", "duban.service", "duban.templates",
    },
    "duban/demo": {"duban.infra", "duban.vocabulary", "duban.service"},
    "duban/models": {
        "duban.infra", "duban.vocabulary", "duban.service", "duban.documents", "duban.splitter",
    },
    # the web server: sign-in over the accounts of the service, nothing of the pages
    "duban/server": {"duban.infra", "duban.vocabulary", "duban.db", "duban.service"},
}  # fmt: skip
OWN = {"duban/infra": "duban.infra", "duban/splitter": "duban.splitter", "db": "duban.db",
       "duban/service": "duban.service", "duban/documents": "duban.documents",
       "duban/demo": "duban.demo", "duban/models": "duban.models",
       "duban/server": "duban.server"}  # fmt: skip


def imported(path: Path) -> set[str]:
    """The duban modules a file imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name == "duban" or name.startswith("duban.")}


def breaches(place: str) -> list[str]:
    files = [ROOT / place] if place.endswith(".py") else sorted((ROOT / place).rglob("*.py"))
    allowed = ALLOWED[place] | ({OWN[place]} if place in OWN else set())
    found = []
    for path in files:
        for name in sorted(imported(path)):
            if name != "duban" and not any(name == a or name.startswith(a + ".") for a in allowed):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("place", sorted(ALLOWED))
def test_imports_point_down(place):
    assert breaches(place) == []


def test_page_models_use_no_ipywidgets():
    for path in sorted((ROOT / "duban/models").rglob("*.py")):
        assert not any(
            isinstance(n, (ast.Import, ast.ImportFrom)) and "ipywidgets" in ast.unparse(n)
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        ), path

"""Writes reach the database only through the Writer that Store.write() hands out.

The service, the page models, the views and the documents never touch the connection
(`store.conn`) or sqlite-utils' tables (`store.db`): only `db/store.py` does. So every
insert, update and delete goes through `Writer`, which appends its audit event.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("duban/service", "duban/models", "duban/documents", "widgets", "duban/demo")
RAW = {"conn", "db"}  # Store's attributes that could write around the Writer


def sources() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (ROOT / layer).rglob("*.py"))


def raw_access(source: str) -> list[str]:
    """'line: store.db' for every `<something>.store.db` / `.store.conn` in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in RAW
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "store"
        ):
            found.append(f"{node.lineno}: store.{node.attr}")
    return sorted(found)


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_layer_above_the_store_touches_its_connection(path):
    assert raw_access(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_raw_write():
    sneaky = (
        'def f(self):\n    self.store.db["tasks"].update(1, {})\n    self.store.conn.execute("")\n'
    )
    assert raw_access(sneaky) == ["2: store.db", "3: store.conn"]

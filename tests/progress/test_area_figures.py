"""Figures by key area: a task counts in every area of its directive."""

from __future__ import annotations

from .conftest import PERIOD


def test_figures_by_area(history):
    rows = {
        r["area"]: (r["assigned"], r["green"], r["yellow"], r["red"])
        for r in history.wb.by_area(PERIOD).to_dict("records")
    }
    assert rows == {"fire": (4, 1, 1, 2), "gas": (1, 0, 1, 0), "road_traffic": (2, 1, 0, 1)}


def test_areas_come_in_the_vocabularys_order(history):
    assert list(history.wb.by_area(PERIOD)["area"]) == ["fire", "road_traffic", "gas"]

"""Directive lineage: an upstream meeting's directives reach the tasks of those passing it on."""

from __future__ import annotations

import pandas as pd


def test_the_upstream_chain(history):
    chain = history.wb.upstream_chain(history.meetings["A"])
    assert list(chain["title"]) == ["U provincial", "A plenary"]


def test_the_cascade_matches_directives_by_area(history):
    d = history.directives
    rows = [
        (
            r["upstream_directive_id"],
            None if pd.isna(r["directive_id"]) else r["directive_id"],
            r["assigned"],
            r["green"],
            r["yellow"],
            r["red"],
        )
        for r in history.wb.cascade(history.meetings["U"]).to_dict("records")
    ]
    assert rows == [
        (d["U1"], d["A1"], 3, 1, 0, 2),
        (d["U1"], d["A2"], 1, 0, 1, 0),
        (d["U2"], None, 0, 0, 0, 0),  # no directive passed on the flood item
    ]

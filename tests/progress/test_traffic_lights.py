"""The traffic-light board by meeting and by directive."""

from __future__ import annotations

from .conftest import PERIOD


def test_lights_by_meeting_most_red_first(history):
    board = history.wb.board_by_meeting(PERIOD)
    rows = [
        (r["meeting"], r["assigned"], r["green"], r["yellow"], r["red"])
        for r in board.to_dict("records")
    ]
    assert rows == [("A plenary", 4, 1, 1, 2), ("B video", 2, 1, 0, 1)]


def test_lights_by_directive_count_units(history):
    board = history.wb.board_by_directive(PERIOD).set_index("directive_id")
    d = history.directives
    assert board.loc[d["A1"], ["green", "yellow", "red"]].tolist() == [1, 0, 2]
    assert board.loc[d["A2"], ["green", "yellow", "red"]].tolist() == [0, 1, 0]
    assert board.loc[d["B1"], ["green", "yellow", "red"]].tolist() == [1, 0, 1]


def test_counts_of_what_the_scope_touches(history):
    assert history.wb.count_groups(PERIOD) == {"meetings": 2, "directives": 3, "units": 5}

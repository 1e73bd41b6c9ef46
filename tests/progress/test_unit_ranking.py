"""The unit ranking: the score's formula, streets and departments ranked apart, overdue units."""

from __future__ import annotations

from dataclasses import replace

from duban.infra.config import ScoreWeights

from .conftest import PERIOD


def _ranks(frame):
    return [(r["unit_kind"], r["rank"], r["unit"], r["score"]) for r in frame.to_dict("records")]


def test_streets_and_departments_are_ranked_apart(history):
    assert _ranks(history.wb.ranking(PERIOD)) == [
        ("department", 1, "区应急管理局", 0.0),  # nothing closed yet, nothing overdue
        ("department", 2, "区消防救援大队", -5.0),  # one overdue task
        ("street", 1, "东街街道", 100.0),  # two tasks, both closed on time
        ("street", 2, "西街街道", -2.0),  # closed late (rate 0) and returned once
        ("street", 3, "南街街道", -5.0),  # overdue
    ]


def test_weights_come_from_the_settings(history):
    wb = history.wb
    wb.settings = replace(
        wb.settings, score=ScoreWeights(on_time=10, overdue_penalty=1, returned_penalty=3)
    )
    scores = {r["unit"]: r["score"] for r in wb.ranking(PERIOD).to_dict("records")}
    assert (scores["东街街道"], scores["西街街道"], scores["南街街道"]) == (10.0, -3.0, -1.0)


def test_units_with_overdue_tasks(history):
    rows = history.wb.overdue_units(PERIOD)
    assert [(r["unit"], r["overdue"], r["max_days_late"]) for r in rows.to_dict("records")] == [
        ("南街街道", 1, 27),
        ("区消防救援大队", 1, 6),
    ]

"""The unit ranking: the score's formula, streets and departments ranked apart, overdue units;
units with no task due are not ranked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from duban.documents.bulletin import compile_bulletin, context
from duban.infra.config import ScoreWeights
from duban.infra.i18n import set_language
from duban.service.progress import Scope
from duban.service.workbook import Workbook

from .conftest import PERIOD, _at


def _ranks(frame):
    return [
        (r["unit_kind"], r["rank"], r["unit"], None if pd.isna(r["score"]) else r["score"])
        for r in frame.to_dict("records")
    ]


def test_streets_and_departments_are_ranked_apart(history):
    assert _ranks(history.wb.ranking(PERIOD)) == [
        ("department", 1, "区消防救援大队", -5.0),  # one overdue task
        ("department", None, "区应急管理局", None),  # A2 is due 11-18: nothing due yet
        ("street", 1, "东街街道", 100.0),  # two tasks, both closed on time
        ("street", 2, "西街街道", -2.0),  # closed late (rate 0) and returned once
        ("street", 3, "南街街道", -5.0),  # overdue
    ]


def _not_yet_due_against_red_lights(office: Workbook) -> Scope:
    """Streets of the small office on 2026-11-16: 东街 has only tasks due later, 西街 two red
    lights (overdue), 南街 one task closed on time. The scope: what was assigned in November."""
    with _at("2026-11-02"):
        meeting = office.log_meeting("N dispatch", "dispatch", "district", "2026-11-02")
        later = [
            office.add_directive(meeting, f"due in December {n}", areas=["fire"]) for n in (1, 2)
        ]
        late = [office.add_directive(meeting, f"due last week {n}", areas=["gas"]) for n in (1, 2)]
        done = office.add_directive(meeting, "closed on time", areas=["gas"])
        office.assign(later[0], ["东街街道"], "2026-12-10")
        office.assign(later[1], ["东街街道"], "2026-12-20")
        office.assign(late[0], ["西街街道"], "2026-11-10")
        office.assign(late[1], ["西街街道"], "2026-11-12")
        (south,) = office.assign(done, ["南街街道"], "2026-11-20").task_ids
    with _at("2026-11-05"):
        office.as_user("south").acknowledge(south)
        office.as_user("south").request_closure(south, "done")
        office.close(south, "ok")
    return Scope(date(2026, 11, 1), date(2026, 11, 16), unit_kind="street")


def test_a_unit_with_nothing_due_is_not_ranked_below_red_lights(office):
    scope = _not_yet_due_against_red_lights(office)
    ranking = office.ranking(scope)
    assert _ranks(ranking) == [
        ("street", 1, "南街街道", 100.0),
        ("street", 2, "西街街道", -10.0),  # two red lights: ranked, last of the ranked
        ("street", None, "东街街道", None),  # nothing due: not ranked (was 1st with 0 > -10)
    ]
    assert list(ranking["red"]) == [0, 2, 0] and list(ranking["due"]) == [1, 2, 0]
    assert list(ranking["ranked"]) == [True, True, False]


def test_the_bulletin_prints_the_unranked_unit_after_the_ranked_ones(office):
    scope = _not_yet_due_against_red_lights(office)
    filled = context(compile_bulletin(office, scope))
    assert [(r["rank"], r["unit"], r["score"], r["note"]) for r in filled["ranking"]] == [
        ("1", "南街街道", "100", ""),
        ("2", "西街街道", "-10", ""),
        ("–", "东街街道", "–", "no task due in the period"),
    ]
    assert "A unit with no task due in the period" in filled["formula"]
    set_language("zh_CN")
    filled = context(compile_bulletin(office, scope))
    assert filled["ranking"][-1]["note"] == "本期无到期任务"
    assert "本期无到期任务的单位不排名" in filled["formula"]


def test_a_task_closed_before_its_deadline_is_due(office):
    """Closing early settles a task: the unit is ranked, with full marks."""
    with _at("2026-11-02"):
        meeting = office.log_meeting("E dispatch", "dispatch", "district", "2026-11-02")
        early = office.add_directive(meeting, "closed early", areas=["fire"])
        (task,) = office.assign(early, ["东街街道"], "2026-12-31").task_ids
    with _at("2026-11-03"):
        office.as_user("east").acknowledge(task)
        office.as_user("east").request_closure(task, "done")
        office.close(task, "ok")
    assert _ranks(office.ranking(Scope(date(2026, 11, 1), date(2026, 11, 16)))) == [
        ("street", 1, "东街街道", 100.0)
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

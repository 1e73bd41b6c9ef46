"""The escalation rule (约谈): N tasks overdue within D days, read from duban.toml."""

from __future__ import annotations

from dataclasses import replace

import pytest

from duban.infra.config import EscalationRule, load_settings
from duban.infra.errors import PermissionDeniedError, ValidationError

from .conftest import at


def flagged(wb) -> dict[str, int]:
    frame = wb.escalations()
    return dict(zip(frame["unit"], frame["late_times"], strict=True))


def test_exactly_n_in_the_window_is_flagged_and_one_outside_is_not(late):
    # east: 08-18 (the window's first deadline) and 11-15; west: 08-17 is one day outside
    # south: closed late, closed on time (not counted) and open; fire: two closed late;
    # the bureau: due today (not yet overdue)
    assert flagged(late.wb) == {"东街街道": 2, "南街街道": 2, "区消防救援大队": 2}


def test_a_longer_window_takes_in_the_day_before(late):
    late.wb.settings = replace(late.wb.settings, escalation=EscalationRule(within_days=91))
    assert flagged(late.wb)["西街街道"] == 2


def test_more_times_flag_fewer_units_and_the_rule_can_be_off(late):
    wb = late.wb
    wb.settings = replace(wb.settings, escalation=EscalationRule(overdue_times=3))
    assert flagged(wb) == {}
    wb.settings = replace(wb.settings, escalation=EscalationRule(overdue_times=1))
    assert flagged(wb)["西街街道"] == 1
    wb.settings = replace(wb.settings, escalation=EscalationRule(enabled=False, overdue_times=1))
    assert flagged(wb) == {}
    assert "No escalation rule" in wb.escalation_rule()


def test_the_rule_in_words_has_the_settings(late):
    wb = late.wb
    wb.settings = replace(wb.settings, escalation=EscalationRule(overdue_times=3, within_days=30))
    assert "3 or more of its tasks became overdue in the last 30 days" in wb.escalation_rule()


def test_an_approved_extension_moves_the_deadline_out_of_the_count(late):
    wb = late.wb
    with at("2026-11-10"):
        request = wb.as_user("east").request_extension(late.tasks["east D2"], "2026-11-25", "rain")
        wb.decide_extension(request, approve=True)
    assert "东街街道" not in flagged(wb)


def test_with_escalation_marks_rows_by_unit(late):
    frame = late.wb.with_escalation(late.wb.tasks()[["id", "unit_id", "unit"]])
    marked = set(frame[frame["escalate"]]["unit"])
    assert marked == {"东街街道", "南街街道", "区消防救援大队"}


def test_a_reporter_sees_only_their_own_units_flag(late):
    assert flagged(late.wb.as_user("west")) == {}
    assert flagged(late.wb.as_user("east")) == {"东街街道": 2}


@pytest.mark.parametrize(
    "toml,words",
    [
        ("[escalation]\ntimes = 2\n", "unknown settings: escalation.times"),
        ("[escalation]\noverdue_times = 0\n", "escalation.overdue_times must be a whole number"),
        ('[escalation]\nwithin_days = "90"\n', "escalation.within_days must be a whole number"),
        ("[escalation]\nwithin_days = 2.5\n", "escalation.within_days"),
        ("[escalation]\noverdue_times = true\n", "escalation.overdue_times"),
        ('[escalation]\nenabled = "yes"\n', "escalation.enabled must be true or false"),
        ("escalation = 2\n", r"\[escalation\] must be a table"),
    ],
)
def test_bad_escalation_settings_are_refused_with_their_key(tmp_path, toml, words):
    config = tmp_path / "duban.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ValueError, match=words):
        load_settings({"DUBAN_CONFIG": str(config)})


def test_the_rule_is_read_from_the_file_and_on_by_default(tmp_path):
    assert load_settings({"DUBAN_CONFIG": "/nonexistent.toml"}).escalation == EscalationRule(
        True, 2, 90
    )
    config = tmp_path / "duban.toml"
    config.write_text("[escalation]\noverdue_times = 3\nwithin_days = 30\n", encoding="utf-8")
    rule = load_settings({"DUBAN_CONFIG": str(config)}).escalation
    assert (rule.enabled, rule.overdue_times, rule.within_days) == (True, 3, 30)


def test_interviews_are_recorded_on_the_open_late_tasks_in_one_go(late):
    wb = late.wb
    done = wb.record_interviews([late.units["east"], late.units["south"]], "约谈主要负责人")
    assert done == {late.units["east"]: 2, late.units["south"]: 1}
    rows = wb.store.rows("SELECT task_id, kind, note FROM reminders ORDER BY task_id")
    assert rows == [
        {"task_id": late.tasks[key], "kind": "interview", "note": "约谈主要负责人"}
        for key in sorted(("east D1", "east D2", "south D2"), key=late.tasks.get)
    ]
    events = wb.events("reminders")
    assert len(events) == 3 and set(events["action"]) == {"remind"}
    assert wb.escalations().set_index("unit").loc["东街街道", "last_interview"] is not None


def test_a_unit_with_nothing_open_is_refused_and_nothing_is_written(late):
    wb = late.wb
    before = len(wb.events())
    with pytest.raises(ValidationError, match="区消防救援大队: no open late task"):
        wb.record_interviews([late.units["east"], late.units["fire"]])
    assert wb.store.rows("SELECT * FROM reminders") == [] and len(wb.events()) == before


def test_only_the_office_records_interviews(late):
    with pytest.raises(PermissionDeniedError):
        late.wb.as_user("leader").record_interviews([late.units["east"]])

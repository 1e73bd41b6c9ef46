"""Drill-downs: a unit's tasks in scope, and one task's history."""

from __future__ import annotations

import pytest

from duban.documents.figures import day_text, moment_text
from duban.infra.errors import NotFoundError
from duban.infra.i18n import set_language
from duban.models.progress import ProgressModel
from duban.widgets.progress import ProgressView

from .conftest import PERIOD


def test_a_units_tasks_red_first(history):
    tasks = history.wb.scoped_tasks(PERIOD.narrowed(unit_id=history.units["东街街道"]))
    assert list(tasks["id"]) == [history.tasks["A1 east"], history.tasks["B1 east"]]
    assert set(tasks["light"]) == {"green"}


def test_a_meetings_tasks(history):
    tasks = history.wb.scoped_tasks(PERIOD.narrowed(meeting_id=history.meetings["A"]))
    assert list(tasks["light"]) == ["red", "red", "yellow", "green"]


def test_a_tasks_history_has_its_assignment_reports_reviews_and_reminders(history):
    west = history.wb.task_timeline(history.tasks["A1 west"])
    assert list(west["what"]) == [
        "assigned",
        "acknowledged",
        "closure_request",
        "returned",
        "closure_request",
        "closed",
    ]
    fire = history.wb.task_timeline(history.tasks["B1 fire"])
    assert list(fire["what"]) == ["assigned", "reminder"]


def test_a_reporter_cannot_read_another_units_history(history):
    with pytest.raises(NotFoundError):
        history.wb.as_user("east").task_timeline(history.tasks["A1 west"])


def test_the_history_names_people_and_shows_local_times(history):
    """Display names (the login once no user has it), times in the office's zone, in words."""
    view = ProgressView(ProgressModel(history.wb.as_user("leader")))
    view.period.start.value, view.period.end.value = PERIOD.start, PERIOD.end
    view.model.show_history(history.tasks["A1 west"])
    shown = view.history_table.frame
    assert list(shown["who_name"]) == [
        "Clerk Wang",
        "Reporter west",
        "Reporter west",
        "Clerk Wang",
        "Reporter west",
        "Clerk Wang",
    ]
    assert list(shown["at_text"])[:2] == ["Oct 2, 2026, 10:00", "Oct 18, 2026, 10:00"]
    assert "2026-10-18T10:00:00" not in view.history_table.value
    set_language("zh_CN")
    view.model.show_history(history.tasks["A1 west"])
    assert view.history_table.frame["at_text"].iloc[1] == "2026年10月18日 10:00"
    assert "2026年10月18日 10:00" in view.history_table.value


def test_a_gone_user_is_named_by_login(history):
    wb = history.wb
    wb.as_user("fire").report_progress(history.tasks["B1 fire"], 50, "half done")
    with wb.store.write("admin") as tx:
        tx.delete("users", wb.store.one("SELECT id FROM users WHERE login = 'fire'")["id"], "test")
    rows = wb.task_timeline(history.tasks["B1 fire"])
    assert list(zip(rows["what"], rows["who_name"], strict=True)) == [
        ("assigned", "Clerk Wang"),
        ("reminder", "Clerk Wang"),
        ("report", "fire"),
    ]


def test_a_moment_with_an_offset_is_shown_in_the_offices_zone():
    assert moment_text("2026-10-19T02:05:00+00:00") == "Oct 19, 2026, 10:05"  # Asia/Shanghai
    assert moment_text(None) == "–"


def test_the_day_of_a_moment_is_the_offices_day():
    assert day_text("2026-10-19T10:05:00") == "2026-10-19"  # stored in the office's time
    assert day_text("2026-10-18T17:30:00+00:00") == "2026-10-19"  # 01:30 in Asia/Shanghai
    assert day_text(None) == "–"

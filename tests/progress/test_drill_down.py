"""Drill-downs: a unit's tasks in scope, and one task's history."""

from __future__ import annotations

import pytest

from duban.infra.errors import NotFoundError

from .conftest import PERIOD


def test_a_units_tasks_red_first(history):
    tasks = history.wb.scoped_tasks(PERIOD.narrowed(unit_id=history.units["东街街道"]))
    assert list(tasks["id"]) == [history.tasks["A1 east"], history.tasks["B1 east"]]
    assert set(tasks["light"]) == {"green"}


def test_a_meetings_tasks(history):
    tasks = history.wb.scoped_tasks(PERIOD.narrowed(meeting_id=history.meetings["A"]))
    assert list(tasks["light"]) == ["red", "red", "yellow", "green"]


def test_a_tasks_history_has_reports_reviews_and_reminders(history):
    west = history.wb.task_history(history.tasks["A1 west"])
    assert list(west["what"]) == ["closure_request", "returned", "closure_request", "closed"]
    fire = history.wb.task_history(history.tasks["B1 fire"])
    assert list(fire["what"]) == ["reminder"]


def test_a_reporter_cannot_read_another_units_history(history):
    with pytest.raises(NotFoundError):
        history.wb.as_user("east").task_history(history.tasks["A1 west"])

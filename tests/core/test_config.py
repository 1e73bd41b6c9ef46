"""One configuration source: duban.toml, then DUBAN_* variables."""
from __future__ import annotations

import pytest

from duban.config import PROJECT_ROOT, load_settings


def test_defaults_put_the_database_inside_the_project():
    settings = load_settings({"DUBAN_CONFIG": "/nonexistent.toml"})
    assert settings.db == PROJECT_ROOT / "data" / "duban.sqlite"
    assert (settings.lang, settings.user, settings.yellow_days) == ("zh_CN", "clerk", 3)


def test_file_then_environment(tmp_path):
    config = tmp_path / "duban.toml"
    config.write_text('db = "office.sqlite"\nlang = "en"\nyellow_days = 5\n[score]\noverdue_penalty = 8\n', encoding="utf-8")
    settings = load_settings({"DUBAN_CONFIG": str(config), "DUBAN_YELLOW_DAYS": "2", "DUBAN_USER": "leader"})
    assert settings.db == (tmp_path / "office.sqlite").resolve()
    assert (settings.lang, settings.yellow_days, settings.user) == ("en", 2, "leader")
    assert settings.score.overdue_penalty == 8


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="DUBAN_LANG"):
        load_settings({"DUBAN_CONFIG": "/nonexistent.toml", "DUBAN_LANG": "fr"})


def test_yellow_days_setting_changes_the_light(office):
    from dataclasses import replace
    from datetime import date

    meeting = office.log_meeting("Lights", "dispatch", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Check fire exits")
    office.assign(directive, ["东街街道"], date(2026, 11, 20))  # 4 working days after Monday 16 Nov
    assert office.tasks()["light"].tolist() == ["green"]
    office.settings = replace(office.settings, yellow_days=4)
    assert office.tasks()["light"].tolist() == ["yellow"]

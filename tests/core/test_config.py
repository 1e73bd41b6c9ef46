"""One configuration source: duban.toml, then DUBAN_* variables."""

from __future__ import annotations

import pytest

from duban.infra.config import PROJECT_ROOT, load_settings


def test_defaults_put_the_database_inside_the_project():
    settings = load_settings({"DUBAN_CONFIG": "/nonexistent.toml"})
    assert settings.db == PROJECT_ROOT / "data" / "duban.sqlite"
    assert (settings.lang, settings.user, settings.yellow_days) == ("zh_CN", "clerk", 3)


def test_file_then_environment(tmp_path):
    config = tmp_path / "duban.toml"
    config.write_text(
        'db = "office.sqlite"\nlang = "en"\nyellow_days = 5\n[score]\noverdue_penalty = 8\n',
        encoding="utf-8",
    )
    settings = load_settings(
        {"DUBAN_CONFIG": str(config), "DUBAN_YELLOW_DAYS": "2", "DUBAN_USER": "leader"}
    )
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


@pytest.mark.parametrize(
    "toml,env,words",
    [
        ("yelow_days = 4\n", {}, "unknown settings: yelow_days"),
        ("[score]\nbonus = 1\n", {}, "score.bonus"),
        ('[score]\non_time = "high"\n', {}, "must be numbers"),
        ("", {"DUBAN_YELLOW_DAYS": "0"}, "from 1 to 30"),
        ("", {"DUBAN_YELLOW_DAYS": "three"}, "whole number"),
        ("", {"DUBAN_TZ": "Mars/Olympus"}, "time zone"),
    ],
)
def test_bad_settings_name_the_key(tmp_path, toml, env, words):
    config = tmp_path / "duban.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ValueError, match=words):
        load_settings({"DUBAN_CONFIG": str(config), **env})


def test_a_bad_setting_is_one_line_from_the_cli(tmp_path):
    from click.testing import CliRunner

    from duban.cli import main

    config = tmp_path / "duban.toml"
    config.write_text("yelow_days = 4\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init"], env={"DUBAN_CONFIG": str(config), "DUBAN_DB": None})
    assert (
        result.exit_code == 1
        and result.output.startswith("Error:")
        and "yelow_days" in result.output
    )


def test_today_is_the_offices_today_whatever_the_servers_zone(monkeypatch):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from duban.infra import clock

    clock.office_zone.cache_clear()
    monkeypatch.setenv("DUBAN_TZ", "Asia/Shanghai")
    try:
        expected = datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)
        assert abs((clock.now() - expected).total_seconds()) < 5
    finally:
        clock.office_zone.cache_clear()


def test_server_rules_are_read_and_checked(tmp_path) -> None:
    """[server] names the hosts the office uses (lower-cased) and bounds the sign-in numbers;
    a bad value is refused naming its key."""
    path = tmp_path / "duban.toml"
    path.write_text('[server]\nhost_names = ["Duban.Office.gov"]\nmax_failures = 3\n')
    settings = load_settings({"DUBAN_CONFIG": str(path)})
    assert settings.server.host_names == ("duban.office.gov",)
    assert settings.server.max_failures == 3
    assert settings.server.session_hours == 12
    for text, named in [
        ("[server]\nlock_minutes = 0\n", "server.lock_minutes"),
        ('[server]\nhost_names = "duban"\n', "server.host_names"),
        ("[server]\nport = 1\n", "server.port"),
    ]:
        path.write_text(text)
        with pytest.raises(ValueError, match=named):
            load_settings({"DUBAN_CONFIG": str(path)})

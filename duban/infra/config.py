"""One configuration source: `duban.toml` (or DUBAN_CONFIG), overridden by DUBAN_* variables.

Keys (file) / variables (environment):
    db           / DUBAN_DB           path of the SQLite file
    lang         / DUBAN_LANG         "en" or "zh_CN"
    user         / DUBAN_USER         who notebooks and the CLI act as (pages served by
                                      `duban serve` act as the signed-in user instead)
    yellow_days  / DUBAN_YELLOW_DAYS  working days before a deadline that turn a task yellow
    tz           / DUBAN_TZ           the office's time zone: what "today" means
    [score] on_time, overdue_penalty, returned_penalty: weights of the unit ranking
    [escalation] enabled, overdue_times, within_days: a unit is flagged for an interview (约谈)
                 when `overdue_times` of its tasks became overdue in the last `within_days` days
    [server] host_names, session_hours, max_failures, lock_minutes, kernels_per_visitor: what
             `duban serve` answers to (see ServerRules)
    [backup] keep: the daily backups `duban serve` keeps (see BackupRules)

A bad value or an unknown key raises ValueError naming it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "zh_CN")


def _default_db() -> Path:
    """A file inside the project when run from a checkout, else in the working directory."""
    base = PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd()
    return base / "data" / "duban.sqlite"


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the unit ranking score (shown on the leaders' page)."""

    on_time: float = 100.0
    overdue_penalty: float = 5.0
    returned_penalty: float = 2.0


@dataclass(frozen=True)
class EscalationRule:
    """When repeated lateness flags a unit for an interview (约谈): `overdue_times` of its
    tasks became overdue within the last `within_days` days (see RemindersMixin.escalations)."""

    enabled: bool = True
    overdue_times: int = 2
    within_days: int = 90


# [escalation] key -> (smallest, largest) whole number allowed
ESCALATION_LIMITS = {"overdue_times": (1, 1000), "within_days": (1, 3660)}


@dataclass(frozen=True)
class ServerRules:
    """How `duban serve` admits people.

    host_names: the names the office reaches the server by (its reverse proxy's name);
        requests naming any other Host are refused (loopback addresses always answer).
    session_hours: a sign-in lasts this long.
    max_failures, lock_minutes: that many wrong passwords in a row lock the login for
        `lock_minutes`.
    kernels_per_visitor: open pages one signed-in person holds at once; opening one more
        shuts their oldest page's kernel down.
    """

    host_names: tuple[str, ...] = ()
    session_hours: int = 12
    max_failures: int = 5
    lock_minutes: int = 15
    kernels_per_visitor: int = 4


# [server] key -> (smallest, largest) whole number allowed
SERVER_LIMITS = {
    "session_hours": (1, 24 * 30),
    "max_failures": (1, 100),
    "lock_minutes": (1, 24 * 60),
    "kernels_per_visitor": (1, 50),
}


@dataclass(frozen=True)
class BackupRules:
    """The daily backup `duban serve` takes (duban.service.backups).

    keep: the last that many daily archives are kept in backups/ beside the database, older
        ones removed (manual and pre-migration backups are never removed); 0 takes none.
    """

    keep: int = 14


# [backup] key -> (smallest, largest) whole number allowed
BACKUP_LIMITS = {"keep": (0, 3660)}


@dataclass(frozen=True)
class Settings:
    db: Path = field(default_factory=_default_db)
    lang: str = "zh_CN"
    user: str = "clerk"
    yellow_days: int = 3
    tz: str = "Asia/Shanghai"
    max_text_length: int = 100_000
    score: ScoreWeights = field(default_factory=ScoreWeights)
    escalation: EscalationRule = field(default_factory=EscalationRule)
    server: ServerRules = field(default_factory=ServerRules)
    backup: BackupRules = field(default_factory=BackupRules)


def _config_file(environ: dict[str, str]) -> Path:
    return Path(environ.get("DUBAN_CONFIG", PROJECT_ROOT / "duban.toml"))


ENVIRONMENT = {
    "DUBAN_DB": "db",
    "DUBAN_LANG": "lang",
    "DUBAN_USER": "user",
    "DUBAN_YELLOW_DAYS": "yellow_days",
    "DUBAN_TZ": "tz",
}


def _from_file(path: Path) -> dict[str, Any]:
    """The settings in a duban.toml, checked for unknown keys."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - {f.name for f in fields(Settings)}
    score = data.pop("score", {})
    escalation = data.pop("escalation", {})
    server = data.pop("server", {})
    backup = data.pop("backup", {})
    unknown |= {f"score.{k}" for k in set(score) - {f.name for f in fields(ScoreWeights)}}
    if not isinstance(escalation, dict):
        raise ValueError(f"{path}: [escalation] must be a table of settings")
    if not isinstance(server, dict):
        raise ValueError(f"{path}: [server] must be a table of settings")
    if not isinstance(backup, dict):
        raise ValueError(f"{path}: [backup] must be a table of settings")
    unknown |= {
        f"escalation.{k}" for k in set(escalation) - {f.name for f in fields(EscalationRule)}
    }
    unknown |= {f"server.{k}" for k in set(server) - {f.name for f in fields(ServerRules)}}
    unknown |= {f"backup.{k}" for k in set(backup) - {f.name for f in fields(BackupRules)}}
    if unknown:
        raise ValueError(f"{path}: unknown settings: {', '.join(sorted(unknown))}")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in score.values()):
        raise ValueError(f"{path}: the [score] weights must be numbers")
    if "db" in data:
        data["db"] = (path.parent / data["db"]).resolve()
    return {
        **data,
        "score": ScoreWeights(**score),
        "escalation": _escalation(path, escalation),
        "server": _server(path, server),
        "backup": _backup(path, backup),
    }


def _whole_number(path: Path, key: str, value: Any, least: int, most: int) -> int:
    """`value` if it is a whole number from `least` to `most`, else ValueError naming `key`."""
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise ValueError(
            f"{path}: {key} must be a whole number from {least} to {most}, not {value!r}"
        )
    return value


def _escalation(path: Path, values: dict[str, Any]) -> EscalationRule:
    """The [escalation] table checked: `enabled` true or false, the others whole numbers in
    ESCALATION_LIMITS."""
    if not isinstance(values.get("enabled", True), bool):
        raise ValueError(f"{path}: escalation.enabled must be true or false")
    for key, (least, most) in ESCALATION_LIMITS.items():
        _whole_number(path, f"escalation.{key}", values.get(key, least), least, most)
    return EscalationRule(**values)


def _server(path: Path, values: dict[str, Any]) -> ServerRules:
    """The [server] table checked: `host_names` a list of names, the others whole numbers in
    SERVER_LIMITS."""
    names = values.get("host_names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError(f"{path}: server.host_names must be a list of host names")
    for key, (least, most) in SERVER_LIMITS.items():
        _whole_number(path, f"server.{key}", values.get(key, least), least, most)
    return ServerRules(**{**values, "host_names": tuple(n.strip().lower() for n in names)})


def _backup(path: Path, values: dict[str, Any]) -> BackupRules:
    """The [backup] table checked: whole numbers in BACKUP_LIMITS."""
    for key, (least, most) in BACKUP_LIMITS.items():
        _whole_number(path, f"backup.{key}", values.get(key, least), least, most)
    return BackupRules(**values)


def _from_environment(env: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {key: env[var] for var, key in ENVIRONMENT.items() if env.get(var)}
    if "db" in values:
        values["db"] = Path(values["db"])
    if "yellow_days" in values:
        try:
            values["yellow_days"] = int(values["yellow_days"])
        except ValueError:
            raise ValueError(
                f"DUBAN_YELLOW_DAYS must be a whole number, not {values['yellow_days']!r}"
            ) from None
    return values


def _check(settings: Settings) -> Settings:
    if settings.lang not in LANGUAGES:
        raise ValueError(f"DUBAN_LANG must be one of {', '.join(LANGUAGES)}, not {settings.lang!r}")
    if not isinstance(settings.yellow_days, int) or not 1 <= settings.yellow_days <= 30:
        raise ValueError(
            "yellow_days (DUBAN_YELLOW_DAYS) must be a whole number from 1 to 30, "
            f"not {settings.yellow_days!r}"
        )
    try:
        ZoneInfo(settings.tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"tz (DUBAN_TZ) is not a known time zone: {settings.tz!r}") from None
    return settings


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the config file if present, then apply DUBAN_* environment variables; check the
    result."""
    env = dict(os.environ if environ is None else environ)
    path = _config_file(env)
    from_file = _from_file(path) if path.is_file() else {}
    return _check(replace(Settings(), **{**from_file, **_from_environment(env)}))

"""One configuration source: `duban.toml` (or DUBAN_CONFIG), overridden by DUBAN_* variables.

Keys (file) / variables (environment):
    db           / DUBAN_DB           path of the SQLite file
    lang         / DUBAN_LANG         "en" or "zh_CN"
    user         / DUBAN_USER         the acting user until login exists
    yellow_days  / DUBAN_YELLOW_DAYS  working days before a deadline that turn a task yellow
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
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
class Settings:
    db: Path = field(default_factory=_default_db)
    lang: str = "zh_CN"
    user: str = "clerk"
    yellow_days: int = 3
    max_text_length: int = 100_000
    score: ScoreWeights = field(default_factory=ScoreWeights)


def _config_file(environ: dict[str, str]) -> Path:
    return Path(environ.get("DUBAN_CONFIG", PROJECT_ROOT / "duban.toml"))


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the config file if present, then apply DUBAN_* environment variables."""
    env = dict(os.environ if environ is None else environ)
    settings = Settings()
    path = _config_file(env)
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        score = ScoreWeights(**data.pop("score", {}))
        if "db" in data:
            data["db"] = (path.parent / data["db"]).resolve()
        settings = replace(settings, score=score, **data)
    overrides: dict[str, object] = {}
    if env.get("DUBAN_DB"):
        overrides["db"] = Path(env["DUBAN_DB"])
    if env.get("DUBAN_LANG"):
        overrides["lang"] = env["DUBAN_LANG"]
    if env.get("DUBAN_USER"):
        overrides["user"] = env["DUBAN_USER"]
    if env.get("DUBAN_YELLOW_DAYS"):
        overrides["yellow_days"] = int(env["DUBAN_YELLOW_DAYS"])
    settings = replace(settings, **overrides)
    if settings.lang not in LANGUAGES:
        raise ValueError(f"DUBAN_LANG must be one of {', '.join(LANGUAGES)}, not {settings.lang!r}")
    return settings

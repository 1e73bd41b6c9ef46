"""Jinja2 and DOCX templates for notices, reminders and bulletins, and their one environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

TEMPLATE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of every HTML template: this folder, autoescaped."""
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)

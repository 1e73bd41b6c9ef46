"""Jinja2 and DOCX templates for notices, reminders and bulletins, their one environment, and
the page every printed document is laid out on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from duban.infra.i18n import _

TEMPLATE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Page:
    """A paper size and its margins, in millimetres."""

    name: str
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def css(self) -> str:
        """The body of a CSS `@page` rule for this page."""
        return (
            f"size: {self.name}; "
            f"margin: {self.top:g}mm {self.right:g}mm {self.bottom:g}mm {self.left:g}mm;"
        )


# A4 with the margins of Chinese official documents (GB/T 9704-2012: 37 mm top, 35 mm bottom,
# 28 mm left, 26 mm right), the paper the office prints notices and bulletins on.
PAGE = Page("A4", width=210, height=297, top=37, bottom=35, left=28, right=26)


def labelled(label: object, value: object) -> str:
    """A caption and its value on one line, punctuated as the language writes it
    ("To: X", "承办单位：X")."""
    return _("{label}: {value}").format(label=label, value=value)


def noted(text: object, note: object) -> str:
    """A text with a note in brackets, punctuated as the language writes it
    ("Meeting (2026-11-16)", "会议（2026-11-16）")."""
    return _("{text} ({note})").format(text=text, note=note)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of every template (HTML, and DOCX through docxtpl): this folder,
    autoescaped, with the page (`page.css`) and the punctuation helpers `labelled`, `noted`."""
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    env.globals.update(page=PAGE, labelled=labelled, noted=noted)
    return env


def set_page(section) -> None:
    """Lay a python-docx section out on PAGE (the make_*_docx.py scripts call it)."""
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(PAGE.width), Mm(PAGE.height)
    section.top_margin, section.bottom_margin = Mm(PAGE.top), Mm(PAGE.bottom)
    section.left_margin, section.right_margin = Mm(PAGE.left), Mm(PAGE.right)

"""The page registry against notebooks/, and the home page listing what each role may open."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import nbformat
import pytest

from duban.models.home import HomeModel
from duban.models.pages import PAGES, find_page
from duban.service import permissions
from duban.widgets.home import HomeView

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def code_of(notebook: str) -> list[str]:
    cells = nbformat.read(NOTEBOOKS / notebook, as_version=4).cells
    return [cell.source for cell in cells if cell.cell_type == "code"]


def test_every_notebook_is_registered_and_every_registered_notebook_exists():
    assert {p.notebook for p in PAGES} == {path.name for path in NOTEBOOKS.glob("*.ipynb")}
    assert len({p.name for p in PAGES}) == len(PAGES)


def test_every_page_needs_a_known_permission():
    assert {p.needs for p in PAGES} - {None} <= set(permissions.ACTION_ROLES)


@pytest.mark.parametrize("page", [p for p in PAGES if p.served], ids=lambda p: p.name)
def test_a_served_notebook_waits_for_its_visitor_then_opens_its_own_page(page):
    imports, wait, opening = code_of(page.notebook)
    assert "open_database" not in imports and "open_workbook" not in imports
    assert wait.startswith("wait_for_visitor()")
    (call,) = ast.parse(opening).body
    assert ast.unparse(call) == f"open_page('{page.name}')"


def test_a_notebook_run_by_hand_does_not_open_a_page():
    (analysis,) = [p for p in PAGES if not p.served]
    assert not any("open_page" in code for code in code_of(analysis.notebook))


OFFICE_PAGES = [
    "log_meeting.ipynb",
    "my_tasks.ipynb",
    "supervision.ipynb",
    "reminders.ipynb",
    "progress.ipynb",
    "bulletin.ipynb",
    "units.ipynb",
    "calendar.ipynb",
    "analysis.ipynb",
]


def links(wb) -> list[str]:
    view = HomeView(HomeModel(wb))
    return [part.split('"')[0] for part in view.links.value.split('href="')[1:]]


@pytest.mark.parametrize(
    ("login", "notebooks"),
    [
        ("admin", OFFICE_PAGES),
        ("clerk", [page for page in OFFICE_PAGES if page != "units.ipynb"]),
        ("leader", ["progress.ipynb", "bulletin.ipynb", "analysis.ipynb"]),
        ("analyst", ["progress.ipynb", "analysis.ipynb"]),
        ("east", ["my_tasks.ipynb", "progress.ipynb"]),
    ],
)
def test_the_home_page_lists_exactly_the_pages_the_role_may_open(office, login, notebooks):
    assert links(office.as_user(login)) == notebooks


def test_the_home_page_shows_the_whole_databases_figures_and_the_registered_titles(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect markets")
    office.assign(directive, ["所有街道"], date(2026, 11, 30))
    view = HomeView(HomeModel(office.as_user("leader")))
    assert '<div class="value">3</div><div class="label">tasks assigned</div>' in view.cards.value
    assert f">{find_page('bulletin').title}</a> <small>(for the office)</small>" in view.links.value

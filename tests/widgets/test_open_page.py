"""Every page opens through open_page(name), from the registry: with its title and permission,
or with a clear message instead of a traceback when it cannot."""

from __future__ import annotations

import html

import ipywidgets as w
import pytest

from duban.models.pages import PAGES, find_page
from duban.widgets.common import open_page


def shown_text(widget: w.Widget) -> str:
    """The HTML of every widget on the page."""
    texts, stack = [], [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, w.HTML):
            texts.append(item.value)
        stack.extend(getattr(item, "children", ()))
    return " ".join(texts)


@pytest.fixture
def as_user(office, monkeypatch):
    """Open pages on the small office as the user `login`."""
    monkeypatch.setenv("DUBAN_DB", str(office.store.path))

    def sign_in(login: str) -> None:
        monkeypatch.setenv("DUBAN_USER", login)

    return sign_in


@pytest.mark.parametrize("name", [p.name for p in PAGES if p.served])
def test_every_served_page_opens_with_its_registered_title(as_user, name):
    as_user("admin")
    text = shown_text(open_page(name))
    assert f"<h1>{html.escape(find_page(name).title)}</h1>" in text
    assert "Signed in as Administrator" in text
    assert "not open to you" not in text and "cannot be used" not in text


def test_an_unknown_user_gets_a_message_not_a_traceback(db_path, monkeypatch):
    monkeypatch.setenv("DUBAN_DB", str(db_path))  # a fresh database has only `admin`
    monkeypatch.setenv("DUBAN_USER", "clerk")
    text = shown_text(open_page("progress"))
    assert "This page cannot be used" in text and "clerk" in text
    assert "<h1>Progress: who is on time, who is late</h1>" in text


@pytest.mark.parametrize(
    ("name", "login", "refusal"),
    [
        ("log_meeting", "east", "Reporter east (unit reporter) may not log meetings"),
        ("log_meeting", "leader", "Leader Chen (leader) may not log meetings"),
        ("bulletin", "east", "Reporter east (unit reporter) may not publish bulletins"),
        ("bulletin", "analyst", "Analyst Zhou (analyst) may not publish bulletins"),
    ],
)
def test_a_user_without_the_pages_permission_is_told_so(as_user, name, login, refusal):
    as_user(login)
    shown = open_page(name)
    text = shown_text(shown)
    assert "This page is not open to you" in text and refusal in text
    assert f"<h1>{find_page(name).title}</h1>" in text
    assert len(shown.children) == 2  # the heading and the refusal: nothing of the page is built


def test_a_page_for_everyone_opens_for_a_reporter(as_user):
    as_user("east")
    assert "not open to you" not in shown_text(open_page("progress"))


def test_open_page_builds_only_registered_served_pages(as_user):
    as_user("admin")
    with pytest.raises(ValueError, match="no page 'reporting'"):
        open_page("reporting")
    with pytest.raises(ValueError, match="not a page to build"):
        open_page("analysis")

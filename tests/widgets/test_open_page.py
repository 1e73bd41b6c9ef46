"""Every page opens through open_page: a clear message instead of a traceback when it cannot."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from duban.widgets.common import open_page
from duban.widgets.home import home_page


def built(wb) -> w.Widget:
    return w.Label(f"page for {wb.user['login']}")


def test_the_configured_user_gets_the_page(office, monkeypatch):
    monkeypatch.setenv("DUBAN_DB", str(office.store.path))
    monkeypatch.setenv("DUBAN_USER", "clerk")
    assert open_page("Title", built).value == "page for clerk"


def test_an_unknown_user_gets_a_message_not_a_traceback(db_path, monkeypatch):
    monkeypatch.setenv("DUBAN_DB", str(db_path))  # a fresh database has only `admin`
    monkeypatch.setenv("DUBAN_USER", "clerk")
    shown = open_page("Title", built)
    text = " ".join(child.value for child in shown.children if isinstance(child, w.HTML))
    assert "This page cannot be used" in text and "clerk" in text


def test_a_user_without_the_right_role_is_told_so(office, monkeypatch):
    monkeypatch.setenv("DUBAN_DB", str(office.store.path))
    monkeypatch.setenv("DUBAN_USER", "east")
    shown = open_page("Title", built, needs="log_meeting")
    text = " ".join(child.value for child in shown.children if isinstance(child, w.HTML))
    assert (
        "This page is not open to you" in text
        and "Reporter east (unit reporter) may not log meetings" in text
    )


def test_home_page_shows_figures_and_links_to_present_pages(office, tmp_path: Path):
    from datetime import date

    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    directive = office.add_directive(meeting, "Inspect markets")
    office.assign(directive, ["所有街道"], date(2026, 11, 30))
    for name in ("progress.ipynb", "bulletin.ipynb"):
        (tmp_path / name).write_text("{}")
    html = " ".join(
        child.value for child in home_page(office, tmp_path).children if isinstance(child, w.HTML)
    )
    assert '<div class="value">3</div><div class="label">tasks assigned</div>' in html
    assert (
        'href="progress.ipynb"' in html
        and 'href="bulletin.ipynb"' in html
        and 'href="log_meeting.ipynb"' not in html
    )
    as_reporter = home_page(office.as_user("east"), tmp_path)
    html = " ".join(child.value for child in as_reporter.children if isinstance(child, w.HTML))
    assert 'href="progress.ipynb"' in html and 'href="bulletin.ipynb"' not in html

"""The home page under a real Voila server, in Chromium."""
from __future__ import annotations

import sqlite3


def test_home_page_shows_the_databases_figures(voila, page):
    with sqlite3.connect(voila.db) as conn:
        assigned = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
    page.goto(voila.page_url("home.ipynb"))
    page.get_by_text("tasks assigned").wait_for(timeout=60_000)
    page.shot("home")
    card = page.locator(".duban-card", has_text="tasks assigned")
    assert card.locator(".value").inner_text() == str(assigned)
    assert "Traceback" not in page.content()

"""The home page under a real Voila server, in Chromium."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

from duban.service.workbook import open_workbook


def test_home_page_shows_figures_written_after_its_kernel_was_warmed(voila, page):
    voila.wait_for_warm_kernel("home.ipynb")
    time.sleep(10)  # the pooled kernel has run the notebook up to its visitor by now
    clerk = open_workbook(voila.db, user="clerk")
    meeting = clerk.log_meeting("Home page check", "dispatch", "district", clerk.today())
    directive = clerk.add_directive(
        meeting, "Check the emergency exits of every market", areas=["fire"]
    )
    clerk.assign(directive, ["所有街道"], date(2030, 1, 4))
    with sqlite3.connect(voila.db) as conn:
        assigned = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]

    page.goto(voila.page_url("home.ipynb"))
    page.get_by_text("tasks assigned").wait_for(timeout=60_000)
    page.shot("home")
    card = page.locator(".duban-card", has_text="tasks assigned")
    assert card.locator(".value").inner_text() == str(assigned)
    assert "Traceback" not in page.content()

"""Fixtures of the clerk's pages: the page built on the small office, a corpus report."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from duban.models.log_meeting import LogMeeting
from duban.service.workbook import Workbook
from duban.serving import served
from duban.widgets.log_meeting import LogMeetingView

REPORT = (Path(__file__).parent / "data" / "zh-street-spring-festival-deployment.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture
def report() -> str:
    """A real report: two unenumerated requirements, then 一是/二是/三是 (five directives)."""
    return REPORT


@pytest.fixture
def app(office: Workbook) -> LogMeetingView:
    """The clerk's page on the small office (clock pinned), not yet filled in."""
    return LogMeetingView(LogMeeting(office))


@pytest.fixture
def at_assign(app: LogMeetingView, report: str) -> LogMeetingView:
    """The page at step 3, with the report's five directives proposed."""
    app.meeting.title.value = "春节期间安全生产工作部署会"
    app.meeting.text.value = report
    app.next.click()
    app.next.click()
    assert app.model.step == 2, app.problem.value
    return app


@pytest.fixture(scope="module")
def clerk_voila(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """A Voila server of its own over a private demo copy, acting as `clerk`.

    The clerk's browser test saves a meeting; the session's shared `voila` server is kept
    as the demo built it, for the pages that compare their figures with it.
    """
    db = tmp_path_factory.mktemp("clerk-served") / "duban.sqlite"
    shutil.copyfile(demo_db, db)
    env = {**os.environ, "DUBAN_LANG": "en"}
    with served(db, db.parent / "voila.log", env=env) as url:
        yield SimpleNamespace(db=db, page_url=lambda name: f"{url}/voila/render/{name}")

"""Shared fixtures: fresh workbooks, a small office, the demo database, Voila and Chromium.

Tests run in English (DUBAN_LANG=en) unless a test switches language itself, and always
name their database file: DUBAN_DB (set by ../conftest.py for nbval) is never written here.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

os.environ["DUBAN_LANG"] = "en"

from duban.demo import build_demo  # noqa: E402
from duban.infra import clock  # noqa: E402
from duban.infra.i18n import set_language  # noqa: E402
from duban.service.workbook import Workbook, open_workbook  # noqa: E402
from duban.serving import CHROMIUM, CHROMIUM_FLAGS, served  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
TODAY = date(2026, 11, 16)  # a Monday; the demo and the small office are built around it
# Every demo user's password in the tests' demo database.
TEST_PASSWORD = "test-pass-2026"


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


@pytest.fixture
def today() -> Iterator[date]:
    """Pin the kit's clock to TODAY for the test."""
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "duban.sqlite"


@pytest.fixture
def admin(db_path: Path) -> Workbook:
    """A fresh, empty workbook acting as `admin`."""
    return open_workbook(db_path, user="admin")


@pytest.fixture
def office(admin: Workbook, today: date) -> Workbook:
    """A small office, acting as its clerk: three streets, two bureaus, groups and users.

    Streets: 东街街道, 西街街道, 南街街道 (group 所有街道 / All streets, by kind).
    Departments: 区应急管理局 (alias Emergency Bureau), 区消防救援大队.
    Users: clerk, leader, analyst, and reporters east/west/south/fire.
    """
    for name in ("东街街道", "西街街道", "南街街道"):
        admin.add_unit(name, "street")
    admin.add_unit("区应急管理局", "department", ["Emergency Bureau"])
    admin.add_unit("区消防救援大队", "department")
    admin.add_group("所有街道", unit_kind="street", aliases=["All streets"])
    admin.add_user("clerk", "Clerk Wang", "clerk")
    admin.add_user("leader", "Leader Chen", "leader")
    admin.add_user("analyst", "Analyst Zhou", "analyst")
    for login, unit in (
        ("east", "东街街道"),
        ("west", "西街街道"),
        ("south", "南街街道"),
        ("fire", "区消防救援大队"),
    ):
        admin.add_user(login, f"Reporter {login}", "reporter", unit)
    return admin.as_user("clerk")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database built once per session around TODAY (copy it before writing)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, today=TODAY, password=TEST_PASSWORD).store.close()
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may write to."""
    return copy_demo(demo_db, tmp_path / "demo.sqlite")


def copy_demo(source: Path, target: Path) -> Path:
    """The demo database copied to `target`, with the evidence files kept beside it."""
    shutil.copyfile(source, target)
    if (source.parent / "evidence").is_dir():
        shutil.copytree(source.parent / "evidence", target.parent / "evidence")
    return target


# -- Voila and Chromium --------------------------------------------------------------------
@dataclass(frozen=True)
class Served:
    url: str  # e.g. http://127.0.0.1:PORT; pages are at {url}/voila/render/NAME.ipynb
    db: Path  # the database file the server's kernels write to
    log: Path  # the server's log

    def wait_for_warm_kernel(self, notebook: str, seconds: float = 60) -> None:
        """Until Voila says the preheated kernel pool of `notebook` is filled."""
        deadline = time.monotonic() + seconds
        while f"Kernel pool of {notebook} is filled" not in self.log.read_text():
            if time.monotonic() > deadline:
                raise RuntimeError(f"no preheated kernel for {notebook} after {seconds} s")
            time.sleep(0.3)

    def page_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"


@pytest.fixture(scope="session")
def voila(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A real Voila server on 127.0.0.1 over a copy of the demo database."""
    db = copy_demo(demo_db, tmp_path_factory.mktemp("served") / "duban.sqlite")
    OUTPUT.mkdir(exist_ok=True)
    log = OUTPUT / "voila.log"
    with served(db, log, env={**os.environ, "DUBAN_LANG": "en"}) as url:
        yield Served(url, db, log)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A 1366×768 page; `shot(name)` keeps a screenshot in test-output/screenshots/.

    A page that goes to Duban's sign-in page signs in there, through the form, as
    `tab.login` (default `clerk`; a test sets another) with TEST_PASSWORD, and goes on to
    the page it asked for.

    Requests to any host but 127.0.0.1 are refused at once, as on an office network with no
    internet, and listed in `tab.elsewhere`. A Voila page loads only when its notebook has
    run, so navigation may take up to 90 s on a busy machine.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_navigation_timeout(90_000)
    tab = signing_tab(context)
    tab.elsewhere = []

    def refuse(route) -> None:
        tab.elsewhere.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), refuse)
    folder = OUTPUT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    tab.shot = lambda name: tab.screenshot(
        path=str(folder / f"{request.node.name}-{name}.png"), full_page=True
    )
    yield tab
    if getattr(request.node, "failed_call", False):
        tab.shot("at-failure")
    context.close()


def signing_tab(context, login: str = "clerk"):
    """A new tab of `context` that, whenever a navigation lands on Duban's sign-in page, signs
    in there as `tab.login` and goes on to the page it asked for."""
    tab = context.new_page()
    tab.login = login
    goto = tab.goto

    def goto_signed_in(url: str, **kwargs):
        response = goto(url, **kwargs)
        if urlparse(tab.url).path.endswith("/login"):
            sign_in(tab, tab.login)
        return response

    tab.goto = goto_signed_in
    return tab


def sign_in(tab, login: str, password: str = TEST_PASSWORD) -> None:
    """Fill in and send the sign-in form `tab` shows; wait for the page it leads to."""
    tab.fill("input[name=username]", login)
    tab.fill("input[name=password]", password)
    with tab.expect_navigation(timeout=90_000):
        tab.click("button[type=submit]")


def http_session(url: str, login: str, password: str = TEST_PASSWORD):
    """A `requests` session signed in to the server at `url` through its sign-in form."""
    import requests

    session = requests.Session()
    session.get(f"{url}/login", timeout=30)
    answer = session.post(
        f"{url}/login",
        data={"username": login, "password": password, "_xsrf": session.cookies["_xsrf"]},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text[:300]
    return session


# A test that needs any of these runs Chromium or Voila: it is marked `browser` (the slow part).
BROWSER_FIXTURES = ("browser", "page", "voila")


def _uses_browser_fixture(item: pytest.Item) -> bool:
    """Whether the test (or a fixture it needs) uses one of BROWSER_FIXTURES as defined here,
    not a parameter or a local fixture that happens to share the name."""
    info = getattr(item, "_fixtureinfo", None)  # absent on a notebook cell of nbval
    if info is None:
        return False
    return any(
        definitions[-1].func.__module__ == __name__  # the one in use is this file's
        for name in BROWSER_FIXTURES
        if (definitions := info.name2fixturedefs.get(name))
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `browser` every test that uses a browser fixture, so `-m "not browser"` is fast."""
    for item in items:
        if _uses_browser_fixture(item):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Mark a test whose body failed, so the `page` fixture keeps a screenshot of the moment."""
    report = yield
    if report.when == "call" and report.failed:
        item.failed_call = True
    return report

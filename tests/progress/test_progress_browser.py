"""The progress page under a real Voila server, in Chromium: filter, then drill into a unit."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from duban import open_workbook
from duban.service.progress import CHOICE_LIMIT, Scope, preset_period
from duban.serving import served


def _figures(db, **filters):
    wb = open_workbook(db, user="clerk")
    return wb, wb.headline(Scope(*preset_period("this_year", wb.today()), **filters))


def _dropdown(page, label: str):
    """The <select> of the dropdown whose description is `label`."""
    return (
        page.locator(".widget-dropdown")
        .filter(has=page.locator("label", has_text=label))
        .locator("select")
    )


def test_filter_then_drill_into_a_unit(voila, page):
    wb, everything = _figures(voila.db)
    page.goto(voila.page_url("progress.ipynb"))
    card = page.locator(".duban-card", has_text="tasks assigned").locator(".value")
    card.wait_for(timeout=90_000)
    assert card.inner_text() == str(everything["assigned"])
    page.locator(".duban-lights-row").first.wait_for(timeout=90_000)  # drawn with the page
    page.get_by_role("tab", name="Areas").click()
    page.locator(".js-plotly-plot:visible").first.wait_for(timeout=90_000)  # with no network
    page.get_by_role("tab", name="Traffic lights").click()

    _dropdown(page, "Units").select_option(label="Departments and bureaus")
    _wb, departments = _figures(voila.db, unit_kind="department")
    page.wait_for_function(
        "n => [...document.querySelectorAll('.duban-card')]"
        ".some(c => c.innerText.startsWith(n + '\\n'))",
        arg=str(departments["assigned"]),
        timeout=90_000,
    )
    page.shot("filtered")

    page.get_by_role("tab", name="Details").click()
    ranking = wb.ranking(Scope(*preset_period("this_year", wb.today()), unit_kind="department"))
    unit = ranking.iloc[0]
    _dropdown(page, "Drill into a").select_option(label="unit")
    items = page.locator("select").filter(has=page.locator(f"option:text-is('{unit['unit']}')"))
    # The cards change before the drill list does: choosing from the old list would send an
    # index into it.
    page.wait_for_function(
        "([select, n]) => select.options.length === n",
        arg=[items.element_handle(), len(ranking) + 1],
        timeout=90_000,
    )
    items.select_option(label=unit["unit"])
    page.locator(".duban-drill .duban-table", has_text=unit["unit"]).wait_for(timeout=90_000)
    page.shot("drilled")
    assert "Traceback" not in page.content()


# Horizontal overflow a visitor would see: the document wider than the window, or any box
# that clips or scrolls (a tab's panel, a widget) wider than itself. A table scrolls inside
# its own .duban-table-box, by design; plotly's drawing layers are its own.
OVERFLOW = """() => {
    const found = [];
    if (document.scrollingElement.scrollWidth > window.innerWidth)
        found.push('document ' + document.scrollingElement.scrollWidth);
    for (const e of document.querySelectorAll('*')) {
        if (e.closest('.js-plotly-plot') || e.classList.contains('duban-table-box')) continue;
        if (getComputedStyle(e).overflowX !== 'visible' && e.clientWidth
            && e.scrollWidth > e.clientWidth + 1)
            found.push(e.className + ' ' + e.scrollWidth + ' > ' + e.clientWidth);
    }
    return found;
}"""


@pytest.fixture(scope="module")
def voila_zh(demo_db, tmp_path_factory):
    """The pages in Chinese: wider labels, other line breaks."""
    db = tmp_path_factory.mktemp("served_zh") / "duban.sqlite"
    shutil.copyfile(demo_db, db)
    log = db.parent / "voila.log"
    env = {**os.environ, "DUBAN_LANG": "zh_CN"}
    with served(db, log, env=env) as url:
        yield url


CHART_TABS = {1, 2, 3}  # ranking, areas, trend


def _look_at_375(page, url: str, notebook: str) -> list[str]:
    """Open the page at 375 px; every tab of the progress page, the bulletin once generated."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{url}/voila/render/{notebook}")
    page.locator(".duban-page").wait_for(timeout=90_000)
    found = []
    if notebook == "progress.ipynb":
        page.locator(".duban-lights-row").first.wait_for(timeout=90_000)
        tabs = page.locator(".lm-TabBar-tab")
        for index in range(tabs.count()):
            tabs.nth(index).click()
            if index in CHART_TABS:  # its chart is sent when the tab first opens
                page.locator(".js-plotly-plot:visible").first.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            found += [f"tab {index}: {f}" for f in page.evaluate(OVERFLOW)]
    else:
        page.locator(".widget-button").first.click()
        page.locator("iframe").wait_for(timeout=90_000)
        found += page.evaluate(OVERFLOW)
    return found


@pytest.mark.parametrize("notebook", ["progress.ipynb", "bulletin.ipynb"])
def test_nothing_runs_off_the_edge_at_375_px(voila, voila_zh, page, notebook):
    page.login = "leader"
    for url in (voila.url, voila_zh):
        found = _look_at_375(page, url, notebook)
        page.shot(f"375-{'zh' if url == voila_zh else 'en'}")
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        assert not found, found
    assert "Traceback" not in page.content()


def test_a_directive_found_by_search_then_a_tasks_history(voila, page):
    wb = open_workbook(voila.db, user="clerk")
    scope = Scope(*preset_period("this_year", wb.today()))
    every = wb.drill_choices(scope, "directive", limit=1000)
    oldest = every.iloc[-1]  # the picker lists the newest meetings' first: this one is not shown
    assert len(every) > CHOICE_LIMIT
    page.goto(voila.page_url("progress.ipynb"))
    page.locator(".duban-lights-row").first.wait_for(timeout=90_000)
    page.get_by_role("tab", name="Details").click()
    _dropdown(page, "Drill into a").select_option(label="directive")
    page.get_by_text(f"Showing {CHOICE_LIMIT} of {len(every)}").wait_for(timeout=90_000)
    find = page.locator(".widget-text", has=page.locator("label", has_text="Find")).locator("input")
    find.fill(f"{oldest['held_on']} {oldest['directive'][:12]}")
    items = page.locator("select").filter(
        has=page.locator("option", has_text=oldest["directive"][:12])
    )
    page.get_by_text("Showing 1 of 1").wait_for(timeout=90_000)
    items.select_option(index=1)
    tasks = wb.scoped_tasks(scope.narrowed(directive_id=int(oldest["id"])))
    page.locator(".duban-drill .duban-table", has_text=tasks.iloc[0]["unit"]).wait_for(
        timeout=90_000
    )
    _dropdown(page, "Task history").select_option(index=1)
    history = page.locator(".duban-table", has=page.locator("th", has_text=re.compile("^when$")))
    history.wait_for(timeout=90_000)
    page.shot("history")
    text = history.inner_text()
    assert re.search(r"[A-Z][a-z]{2} \d{1,2}, 2026, \d{2}:\d{2}", text), text  # e.g. Jun 20, …
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)  # no ISO timestamps
    assert "Traceback" not in page.content()

"""The progress page under a real Voila server, in Chromium: filter, then drill into a unit."""

from __future__ import annotations

from duban import open_workbook
from duban.service.progress import Scope, preset_period


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
    page.locator(".js-plotly-plot").first.wait_for(timeout=90_000)  # charts drawn, with no network

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

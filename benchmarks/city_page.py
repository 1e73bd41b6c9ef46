"""The leaders' progress page at city scale, in Chromium: its first paint and every tab, on a
database of 1,000,000 tasks against the demo database, in the same run.

Serves (through duban.serving, as `duban serve` does, with preheated kernels) a copy of
benchmarks/dashboard_scale.py's city database (built there once and cached) and a demo
database, one server each, both up together. Their leader signs in through the /login form
(page_speed.signs_in); then each visit, city and demo taking turns:

- first paint: from the request until the headline's figures are drawn;
- every tab opened in turn, each until its figures are computed (the page's "Computing: …"
  note came and went) and its chart, if it has one, is drawn; all tabs: from the request
  until the last tab is drawn;
- the page kernel's memory once every tab has been seen.

    .venv/bin/python benchmarks/city_page.py             # 3 visits per database
    .venv/bin/python benchmarks/city_page.py --small     # dashboard_scale's small database

Prints each visit, then per database the medians and per figure the city/demo ratio; the
last line is `first_paint_ratio=<f> all_tabs_ratio=<f> kernel_rss_mb_city=<f>`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from dashboard_scale import SCALE, SMALL, build, database_path
from page_speed import (
    PASSWORD,
    TIMEOUT_MS,
    kernel_rss_mb,
    listening_on,
    notebooks_folder,
    quiet,
    request,
    signed_in_page,
)
from playwright.sync_api import Browser, Page, sync_playwright

from duban.demo import build_demo
from duban.models.progress import PARTS
from duban.service.workbook import open_workbook
from duban.serving import CHROMIUM, CHROMIUM_FLAGS, served

LEADER = "leader"
HEADLINE = ".duban-figures .duban-card .value"
CHART_PARTS = {"ranking", "areas", "trend"}
# Set before a tab is clicked: window.__computed turns true once the computing note has shown
# something and is empty again.
WATCH_COMPUTING = """() => {
    const note = document.querySelector('.duban-computing');
    window.__computed = false;
    let seen = false;
    new MutationObserver(records => {
        for (const r of records)
            for (const n of r.addedNodes) if ((n.textContent || '').trim()) seen = true;
        if (seen && !note.innerText.trim()) window.__computed = true;
    }).observe(note, {subtree: true, childList: true, characterData: true});
}"""


@dataclass
class Visits:
    """One database's visits: seconds to first paint and to every tab drawn, kernel MB."""

    first_paint: list[float] = field(default_factory=list)
    all_tabs: list[float] = field(default_factory=list)
    tabs: dict[str, list[float]] = field(default_factory=dict)
    rss_mb: list[float] = field(default_factory=list)


def leader_database(folder: Path, city: bool, small: bool) -> Path:
    """The city database (a copy of dashboard_scale's, built if missing) or a demo one, its
    leader given PASSWORD."""
    if not city:
        db = folder / "demo" / "duban.sqlite"
        build_demo(db, password=PASSWORD).store.close()
        return db
    scale = SMALL if small else SCALE
    cached = database_path(scale)
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        build(cached, scale)
    db = folder / "city" / "duban.sqlite"
    db.parent.mkdir(parents=True)
    shutil.copyfile(cached, db)
    wb = open_workbook(db, user=LEADER)
    wb.set_password(LEADER, PASSWORD)
    wb.store.close()
    return db


@contextmanager
def server_over(db: Path) -> Iterator[tuple[str, psutil.Process]]:
    """A preheated server over `db` serving the progress page, and its process."""
    notebooks_folder(db.parent, ["progress"])
    env = {**os.environ, "DUBAN_LANG": "en"}
    with served(db, db.parent / "voila.log", env, db.parent / "notebooks") as url:
        yield url, listening_on(int(url.rsplit(":", 1)[1]))


def open_tab(page: Page, index: int, part: str) -> None:
    """Click tab `index` and wait until its figures are computed and drawn."""
    page.evaluate(WATCH_COMPUTING)
    page.locator(".lm-TabBar-tab").nth(index).click()
    page.wait_for_function("window.__computed === true", timeout=TIMEOUT_MS)
    if part in CHART_PARTS:
        page.locator(".js-plotly-plot:visible").first.wait_for(timeout=TIMEOUT_MS)  # this tab's


def visit(browser: Browser, url: str, server: psutil.Process, visits: Visits) -> str:
    """One signed-in visit: first paint, then every tab; the visit in a line."""
    with signed_in_page(browser, url, LEADER) as (page, kernels):
        start = request(page, url, "progress")
        page.locator(HEADLINE).first.wait_for(timeout=TIMEOUT_MS)
        visits.first_paint.append(time.perf_counter() - start)
        page.locator(".duban-lights").first.wait_for(timeout=TIMEOUT_MS)  # the board, at once
        for index, part in enumerate(PARTS[1:], start=1):
            began = time.perf_counter()
            open_tab(page, index, part)
            visits.tabs.setdefault(part, []).append(time.perf_counter() - began)
        visits.all_tabs.append(time.perf_counter() - start)
        visits.rss_mb.append(kernel_rss_mb(server, kernels[0]))
    tabs = " ".join(f"{part} {seconds[-1]:.2f}" for part, seconds in visits.tabs.items())
    return (
        f"first paint {visits.first_paint[-1]:5.2f} s  all tabs {visits.all_tabs[-1]:5.2f} s  "
        f"({tabs})  kernel {visits.rss_mb[-1]:.0f} MB"
    )


def measure(runs: int, small: bool) -> dict[str, Visits]:
    """City and demo visits, taking turns, both servers up the whole time."""
    results = {"city": Visits(), "demo": Visits()}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        servers = {
            name: stack.enter_context(
                server_over(leader_database(Path(tmp), name == "city", small))
            )
            for name in results
        }
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for _url, server in servers.values():
            quiet(server, longest=120)  # the pools fill
        for run in range(runs):
            for name, (url, server) in servers.items():
                quiet(server)
                print(f"{name:4} visit {run + 1}: {visit(browser, url, server, results[name])}")
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="visits per database")
    parser.add_argument("--small", action="store_true", help="dashboard_scale's small database")
    options = parser.parse_args()
    results = measure(options.runs, options.small)
    median = {name: _medians(visits) for name, visits in results.items()}
    for name, figures in median.items():
        print(f"{name:4} medians: " + "  ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    ratios = {k: median["city"][k] / median["demo"][k] for k in median["city"]}
    print("city/demo: " + "  ".join(f"{k} {v:.2f}" for k, v in ratios.items()))
    print(
        f"first_paint_ratio={ratios['first_paint']:.2f} all_tabs_ratio={ratios['all_tabs']:.2f} "
        f"kernel_rss_mb_city={statistics.median(results['city'].rss_mb):.0f}"
    )


def _medians(visits: Visits) -> dict[str, float]:
    """Median seconds of the first paint, of all tabs, and of each tab; median kernel MB."""
    return {
        "first_paint": statistics.median(visits.first_paint),
        "all_tabs": statistics.median(visits.all_tabs),
        **{part: statistics.median(seconds) for part, seconds in visits.tabs.items()},
        "kernel_mb": statistics.median(visits.rss_mb),
    }


if __name__ == "__main__":
    main()

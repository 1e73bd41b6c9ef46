"""How long a signed-in visitor waits for each page, with Voila's preheated kernels and without,
and how much memory each page's kernel holds.

Serves a demo database of its own twice through duban.serving (as `duban serve` does): once
with voila.json as shipped (one preheated kernel per page), once with preheating off. Each
server also serves a one-label notebook, the baseline: the least any Voila page costs on this
machine in the same run. Each browser context first signs in through the /login form, as a
person does, as the demo clerk (the administrator, for a page clerks may not open; the demo's
users are given PASSWORD); then Chromium opens the page and waits until Duban's page, titled
and signed in (or the baseline's label), is drawn. Each
page is opened RUNS times, after the server has gone quiet (the pool refilled, as between
real visits).

    .venv/bin/python benchmarks/page_speed.py            # 5 visits per page and mode
    .venv/bin/python benchmarks/page_speed.py --small    # 2 visits, a quick look
    .venv/bin/python benchmarks/page_speed.py --runs 9 --pages home progress

Prints, per mode and page, the median seconds, the spread (slowest / fastest visit), the
ratio to that mode's baseline and the median RSS of the page's kernel once drawn; the last
line is `preheated_max_ratio=<f> cold_max_ratio=<f> kernel_rss_mb=<f>` (the largest page
kernel's median RSS). The CPU may be shared: ratios are taken within one run for that reason.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from duban.demo import CLERK, build_demo
from duban.models.pages import PAGES as REGISTRY
from duban.models.pages import find_page
from duban.serving import CHROMIUM, CHROMIUM_FLAGS, NOTEBOOKS, served

PAGES = [page.name for page in REGISTRY if page.served]
BASELINE = "baseline"
PASSWORD = "page-speed benchmark 1"
# Who visits: the demo clerk, or the administrator for a page clerks may not open (units).
VISITORS = ((CLERK, "clerk"), ("admin", "admin"))
MODES = {"preheated": (), "cold": ("--VoilaConfiguration.preheat_kernel=False",)}
TIMEOUT_MS = 120_000
QUIET_CPU_PERCENT = 15.0  # the server and its kernels together, summed over cores
QUIET_SECONDS = 3  # idle seconds in a row
QUIET_LONGEST_SECONDS = 40.0
KERNEL_ID = re.compile(r"/api/kernels/([0-9a-f-]{36})/channels")
# The page frame's subtitle once the page is built for its visitor (widgets.common.signed_in);
# a refusal page has the frame but not this line.
DRAWN = ".duban-page .duban-title p:has-text('Signed in as')"
BASELINE_DRAWN = ".widget-label:has-text('baseline ready')"


@dataclass
class Visits:
    """One page's visits in one mode."""

    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> float:
        """Slowest visit over fastest: how noisy the machine was."""
        return max(self.seconds) / min(self.seconds)

    @property
    def rss(self) -> float:
        return statistics.median(self.rss_mb) if self.rss_mb else float("nan")


def baseline_notebook() -> dict:
    """A notebook with one label: what Voila itself costs."""
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "baseline",
        "metadata": {},
        "outputs": [],
        "source": "import ipywidgets as w\nw.Label('baseline ready')",
    }
    return {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def quiet(server: psutil.Process, longest: float = QUIET_LONGEST_SECONDS) -> None:
    """Wait until the server and its kernels have been idle for QUIET_SECONDS in a row: a used
    preheated kernel has been replaced and has run its notebook up to wait_for_visitor().
    (Voila waits a second before it starts the replacement: one idle second says nothing.)"""
    deadline, idle = time.monotonic() + longest, 0
    while idle < QUIET_SECONDS and time.monotonic() < deadline:
        idle = idle + 1 if busy_percent(server) < QUIET_CPU_PERCENT else 0


def busy_percent(server: psutil.Process) -> float:
    """CPU use of the server and its kernels over the next second (percent of one core)."""
    processes = [server, *server.children(recursive=True)]
    for process in processes:
        with suppress(psutil.NoSuchProcess):
            process.cpu_percent(None)
    time.sleep(1.0)
    busy = 0.0
    for process in processes:
        with suppress(psutil.NoSuchProcess):
            busy += process.cpu_percent(None)
    return busy


def kernel_rss_mb(server: psutil.Process, kernel_id: str) -> float:
    """Resident memory of the kernel process whose connection file names `kernel_id`."""
    for process in server.children(recursive=True):
        try:
            if any(f"kernel-{kernel_id}.json" in part for part in process.cmdline()):
                return process.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            continue
    raise RuntimeError(f"no kernel process for kernel {kernel_id}")


def visitor(notebook: str) -> str:
    """The login that visits `notebook`: the first of VISITORS whose role may open it."""
    if notebook == BASELINE:
        return CLERK
    page = find_page(notebook)
    return next(login for login, role in VISITORS if page.open_to({"role": role}))


def signs_in(context: BrowserContext, url: str, login: str) -> None:
    """Sign the context in as `login` through the /login form, as a person does.

    The form's answer (its cookie, and a redirect to the home page) is taken but the redirect
    is not followed: signing in starts no kernel and leaves the home page's pool alone.
    (Playwright routes only the first request of a redirect: a stub for the home page would
    never be asked, and the home page's preheated kernel would go to the sign-in.)"""
    statuses: list[int] = []

    def unfollowed(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        answer = route.fetch(max_redirects=0)
        statuses.append(answer.status)
        headers = {k: v for k, v in answer.headers.items() if k.lower() != "location"}
        route.fulfill(status=200, headers=headers, content_type="text/html", body="signed in")

    page = context.new_page()
    page.route("**/login*", unfollowed)
    page.goto(f"{url}/login?next=%2F", timeout=TIMEOUT_MS)  # as the home page's guard sends one
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(timeout=TIMEOUT_MS):
        page.click("button[type=submit]")
    if statuses != [302]:
        raise RuntimeError(f"signing in as {login} was refused ({statuses})")
    page.unroute_all(behavior="ignoreErrors")  # a route still being handled hangs close()
    page.close()


@contextmanager
def signed_in_page(browser: Browser, url: str, login: str) -> Iterator[tuple[Page, list[str]]]:
    """A page in a fresh context signed in as `login`, and the ids of the kernels it connects
    to (filled as it does); closed afterwards as a person closes the tab: Voila's page asks the
    server to shut its kernel down (else each visit's kernel lives on, and past [server]
    kernels_per_visitor the next visit waits for the server to stop the oldest)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        signs_in(context, url, login)
        page = context.new_page()
        kernels: list[str] = []
        page.on("websocket", lambda ws: kernels.extend(KERNEL_ID.findall(ws.url)))
        yield page, kernels
        page.close(run_before_unload=True)
    finally:
        context.close()


def request(page: Page, url: str, notebook: str) -> float:
    """Ask for `notebook`'s page; the moment asked (time.perf_counter)."""
    start = time.perf_counter()
    page.goto(f"{url}/voila/render/{notebook}.ipynb", wait_until="commit", timeout=TIMEOUT_MS)
    return start


def visit(
    browser: Browser, url: str, server: psutil.Process, notebook: str, drawn: str
) -> tuple[float, float]:
    """One visit in a fresh signed-in context: seconds from request to drawn, the kernel's MB."""
    with signed_in_page(browser, url, visitor(notebook)) as (page, kernels):
        start = request(page, url, notebook)
        page.locator(drawn).first.wait_for(timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - start
        if not kernels:
            raise RuntimeError(f"{notebook}: drawn without a kernel connection")
        return seconds, kernel_rss_mb(server, kernels[0])


def time_page(
    browser: Browser, url: str, server: psutil.Process, notebook: str, runs: int
) -> Visits:
    """`runs` visits of `notebook`, each once the server is quiet."""
    drawn = BASELINE_DRAWN if notebook == BASELINE else DRAWN
    visits = Visits()
    for _ in range(runs):
        quiet(server)
        seconds, rss = visit(browser, url, server, notebook, drawn)
        visits.seconds.append(seconds)
        visits.rss_mb.append(rss)
    return visits


@contextmanager
def server_of(folder: Path, mode: str, env: dict[str, str]) -> Iterator[tuple[str, psutil.Process]]:
    """A server over the folder's demo in `mode`, and its process (found by its port)."""
    db, log = folder / "duban.sqlite", folder / f"voila-{mode}.log"
    with served(db, log, env, folder / "notebooks", MODES[mode]) as url:
        server = listening_on(int(url.rsplit(":", 1)[1]))
        quiet(server, longest=4 * QUIET_LONGEST_SECONDS)  # the pools fill
        yield url, server


def listening_on(port: int) -> psutil.Process:
    """The process listening on 127.0.0.1:`port`."""
    for connection in psutil.net_connections("tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == "LISTEN":
            return psutil.Process(connection.pid)
    raise RuntimeError(f"nothing listens on port {port}")


def notebooks_folder(folder: Path, pages: list[str]) -> None:
    """The served notebooks and the baseline, in `folder`/notebooks."""
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    for name in pages:
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", notebooks / f"{name}.ipynb")
    (notebooks / f"{BASELINE}.ipynb").write_text(json.dumps(baseline_notebook()), encoding="utf-8")


def measure(pages: list[str], runs: int) -> dict[str, dict[str, Visits]]:
    """Per mode, per page (the baseline first), its visits; printed as they come."""
    results: dict[str, dict[str, Visits]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notebooks_folder(folder, pages)
        build_demo(folder / "duban.sqlite", password=PASSWORD).store.close()
        env = {**os.environ, "DUBAN_LANG": "en"}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for mode in MODES:
                with server_of(folder, mode, env) as (url, server):
                    results[mode] = {}
                    for name in [BASELINE, *pages]:
                        visits = time_page(browser, url, server, name, runs)
                        results[mode][name] = visits
                        report(mode, name, visits, results[mode][BASELINE].median)
            browser.close()
    return results


def report(mode: str, name: str, visits: Visits, floor: float) -> None:
    print(
        f"{mode:9} {name:12} median {visits.median:5.2f} s  spread {visits.spread:4.2f}  "
        f"ratio {visits.median / floor:4.2f}  kernel {visits.rss:5.0f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="visits per page and mode")
    parser.add_argument("--small", action="store_true", help="2 visits per page and mode")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES)
    options = parser.parse_args()
    results = measure(options.pages, 2 if options.small else options.runs)
    ratios = {
        mode: max(v.median / pages[BASELINE].median for n, v in pages.items() if n != BASELINE)
        for mode, pages in results.items()
    }
    rss = max(v.rss for pages in results.values() for n, v in pages.items() if n != BASELINE)
    print(
        f"preheated_max_ratio={ratios['preheated']:.2f} "
        f"cold_max_ratio={ratios['cold']:.2f} kernel_rss_mb={rss:.0f}"
    )


if __name__ == "__main__":
    main()

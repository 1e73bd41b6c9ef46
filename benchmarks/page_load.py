"""How long a visitor waits for each page, with Voila's preheated kernels and without.

Serves the demo database twice through duban.serving (as `duban serve` does): once with
voila.json as shipped (one preheated kernel per page), once with preheating off. Each
server also serves a one-widget notebook, the baseline: the least any Voila page costs on
this machine in the same run. Chromium opens every page RUNS times, a few seconds apart so
the pool refills as between real visits, and waits until Duban's page (or the baseline's
label) is drawn.

    .venv/bin/python benchmarks/page_load.py

Prints, per page and mode, the median seconds and the ratio to that mode's baseline.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from duban.demo import build_demo
from duban.models.pages import PAGES as REGISTRY
from duban.serving import CHROMIUM, CHROMIUM_FLAGS, NOTEBOOKS, served

PAGES = [page.notebook for page in REGISTRY if page.served]
BASELINE = "baseline.ipynb"
RUNS, PAUSE_SECONDS = 5, 4
MODES = {"preheated": (), "cold": ("--VoilaConfiguration.preheat_kernel=False",)}


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


def time_visits(browser, url: str, notebook: str) -> list[float]:
    """Seconds from request to the page drawn, RUNS times."""
    ready = ".widget-label:has-text('baseline ready')" if notebook == BASELINE else ".duban-page"
    seconds = []
    for _ in range(RUNS):
        time.sleep(PAUSE_SECONDS)
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{url}/voila/render/{notebook}", wait_until="commit", timeout=120_000)
        page.locator(ready).first.wait_for(timeout=120_000)
        seconds.append(time.perf_counter() - start)
        context.close()
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notebooks = folder / "notebooks"
        notebooks.mkdir()
        for name in PAGES:
            shutil.copy(NOTEBOOKS / name, notebooks / name)
        (notebooks / BASELINE).write_text(json.dumps(baseline_notebook()), encoding="utf-8")
        build_demo(folder / "duban.sqlite").store.close()
        env = {**os.environ, "DUBAN_USER": "clerk", "DUBAN_LANG": "en"}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for mode, args in MODES.items():
                with served(
                    folder / "duban.sqlite", folder / f"voila-{mode}.log", env, notebooks, args
                ) as url:
                    time.sleep(15)  # the first pool fills
                    floor = statistics.median(time_visits(browser, url, BASELINE))
                    print(f"{mode:9} {'baseline (one label)':22} median {floor:5.2f} s")
                    for name in PAGES:
                        median = statistics.median(time_visits(browser, url, name))
                        ratio = median / floor
                        print(f"{mode:9} {name:22} median {median:5.2f} s  ratio {ratio:4.2f}")
            browser.close()


if __name__ == "__main__":
    main()

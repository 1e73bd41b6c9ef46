"""Every page works on an office network with no internet: it asks no other host for anything."""

from __future__ import annotations

import pytest

from duban.models.pages import PAGES
from tests.conftest import http_session

SERVED = [page.notebook for page in PAGES if page.served]


@pytest.mark.parametrize("notebook", SERVED)
def test_a_page_asks_no_other_host(voila, page, notebook):
    page.goto(voila.page_url(notebook))
    page.locator(".duban-page").first.wait_for(timeout=90_000)
    assert page.elsewhere == []
    assert "Traceback" not in page.content()


def test_the_root_address_opens_the_home_page(voila, page):
    page.goto(voila.url + "/")
    page.wait_for_url("**/voila/render/home.ipynb", timeout=90_000)
    page.get_by_text("tasks assigned").wait_for(timeout=90_000)
    assert page.elsewhere == []


def test_an_error_page_asks_no_other_host_either(voila):
    missing = http_session(voila.url, "clerk").get(voila.page_url("no-such-page.ipynb"))
    assert missing.status_code == 404
    body = missing.text
    assert "does not exist" in body and "https://" not in body and "http://" not in body

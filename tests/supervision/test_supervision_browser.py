"""The supervision page under a real Voila server, in Chromium, over the demo district: refuse
an extension and close a closure request, checking the rows and the page; nothing past the
edge of a phone."""

from __future__ import annotations

from duban import open_workbook

# Horizontal overflow a visitor would see: the document wider than the window, or a box that
# clips or scrolls wider than itself (a table scrolls inside its .duban-table-box, by design;
# a <select> clips its long options).
OVERFLOW = """() => {
    const found = [];
    if (document.scrollingElement.scrollWidth > window.innerWidth)
        found.push('document ' + document.scrollingElement.scrollWidth);
    for (const e of document.querySelectorAll('*')) {
        if (e.classList.contains('duban-table-box') || e.tagName === 'SELECT') continue;
        if (getComputedStyle(e).overflowX !== 'visible' && e.clientWidth
            && e.scrollWidth > e.clientWidth + 1)
            found.push(e.className + ' ' + e.scrollWidth + ' > ' + e.clientWidth);
    }
    return found;
}"""


def pending(db) -> tuple[int, int]:
    wb = open_workbook(db, user="clerk")
    return wb.closure_requests()[1], wb.pending_extensions()[1]


def test_refuse_an_extension_then_close_a_request(voila, page):
    closures, extensions = pending(voila.db)
    page.goto(voila.page_url("supervision.ipynb"))
    page.locator(".duban-table").first.wait_for(timeout=90_000)
    assert "Traceback" not in page.content()

    page.get_by_role("tab", name=f"Extensions ({extensions})").click()
    wb = open_workbook(voila.db, user="clerk")
    request = wb.pending_extensions()[0].iloc[0]
    page.get_by_role("button", name="Refuse").click()
    page.locator(".duban-field-error", has_text="must not be empty").wait_for(timeout=90_000)
    page.get_by_placeholder("Required to refuse").fill("期限不变，请加快进度")
    page.get_by_role("button", name="Refuse").click()
    page.get_by_role("tab", name=f"Extensions ({extensions - 1})").wait_for(timeout=90_000)
    row = wb.store.one("SELECT * FROM extension_requests WHERE id = ?", [int(request["id"])])
    assert (row["decision"], row["comment"]) == ("rejected", "期限不变，请加快进度")
    page.shot("extension-refused")

    page.get_by_role("tab", name=f"Closure requests ({closures})").click()
    task = int(wb.closure_requests()[0]["id"].iloc[0])
    # the evidence of the request is shown
    page.locator(".duban-evidence", has_text="现场照片.jpg").first.wait_for(timeout=90_000)
    page.get_by_role("button", name="Close the task").click()
    page.get_by_role("tab", name=f"Closure requests ({closures - 1})").wait_for(timeout=90_000)
    assert wb.task(task)["status"] == "closed"
    closed = page.locator(".duban-msg.ok", has_text="Closed.")
    closed.first.wait_for(timeout=90_000)  # the tab's count may be drawn before the message
    assert closed.count() == 1
    page.shot("closed")
    assert "Traceback" not in page.content()


def test_nothing_passes_the_edge_of_a_phone(voila, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(voila.page_url("supervision.ipynb"))
    page.locator(".duban-table").first.wait_for(timeout=90_000)
    for tab in ("Tasks", "Closure requests", "Extensions"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(500)
        assert page.evaluate(OVERFLOW) == [], tab
    page.shot("phone")

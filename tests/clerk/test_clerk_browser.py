"""The clerk's page under a real Voila server, in Chromium: a report logged, assigned, saved."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from duban.models.assign_step import TargetCatalog
from duban.service.workbook import open_workbook

DATA = Path(__file__).parent / "data"
REPORT = (DATA / "zh-street-spring-festival-deployment.txt").read_text(encoding="utf-8")
PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1366, "height": 768}


def field(page, caption: str):
    """The field box whose caption is exactly `caption`."""
    exact = page.locator(".duban-caption", has_text=re.compile(f"^{re.escape(caption)}$"))
    return page.locator(".duban-field").filter(has=exact)


def all_streets_label(db: Path) -> str:
    """The label the page gives the group of all streets (in English, as the server runs)."""
    with sqlite3.connect(db) as conn:
        (group_id,) = conn.execute(
            "SELECT id FROM unit_groups WHERE unit_kind = 'street'"
        ).fetchone()
    return TargetCatalog(open_workbook(db, user="clerk")).label(["group", group_id])


def shoot(page, name: str) -> None:
    """Whole-page screenshots 1366 and 375 px wide; at phone width nothing may overflow sideways.

    Voila scrolls the page inside #rendered_cells, so the viewport is made as tall as the
    content for the shot, then set back.
    """
    for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        height = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
        page.set_viewport_size(
            {"width": size["width"], "height": max(size["height"], min(height + 40, 8000))}
        )
        page.wait_for_timeout(300)
        page.shot(f"{name}-{label}")
    overflow = page.evaluate(
        "Math.max(document.documentElement.scrollWidth - window.innerWidth,"
        " ...[...document.querySelectorAll('#rendered_cells, .duban-page')]"
        ".map(e => e.scrollWidth - e.clientWidth))"
    )
    page.set_viewport_size(LAPTOP)
    assert overflow <= 0, f"{name}: the page is {overflow} px wider than a phone screen"
    assert "Traceback" not in page.content()


def test_a_report_is_logged_assigned_to_all_streets_and_saved(clerk_voila, page):
    voila = clerk_voila
    page.goto(voila.page_url("log_meeting.ipynb"))
    field(page, "Title").locator("input").wait_for(timeout=60_000)
    field(page, "Title").locator("input").fill("秦岭路街道春节期间安全生产工作部署会")
    field(page, "Kind").locator("select").select_option(label="special deployment meeting")
    field(page, "Level").locator("select").select_option(label="street")
    field(page, "Presided by").locator("input").fill("于洋杰")
    field(page, "Text of the report or speech").locator("textarea").fill(REPORT)
    field(page, "Text of the report or speech").locator("textarea").press("Tab")
    shoot(page, "1-meeting")

    page.get_by_role("button", name="Next", exact=True).click()
    page.get_by_text(re.compile(r"^Directive 5\b")).wait_for(timeout=30_000)
    shoot(page, "2-directives")

    page.get_by_role("button", name="Next", exact=True).click()
    page.get_by_text("Same deadline for all").wait_for(timeout=30_000)
    first = page.locator(".duban-card-box").nth(1)
    first.locator(".duban-field", has_text="Lead units or groups").locator("input").fill(
        all_streets_label(voila.db)
    )
    first.locator(".duban-field", has_text="Lead units or groups").locator("input").press("Enter")
    page.get_by_text(re.compile(r"Reaches 12 units \(12 lead")).first.wait_for(timeout=15_000)
    for number in range(1, 5):
        page.get_by_role("button", name="Copy to the next directive").nth(number - 1).click()
        page.get_by_text(re.compile(r"Reaches 12 units")).nth(number).wait_for(timeout=15_000)
    everyone = page.locator(".duban-card-box").first
    everyone.locator("input[type=number]").fill("10")
    everyone.locator("input[type=number]").press("Tab")
    page.get_by_role("button", name="Set this deadline on every directive").click()
    due, _warning = open_workbook(voila.db, user="clerk").resolve_deadline(
        10
    )  # 10 working days from today
    page.locator(".duban-hint", has_text="Reaches").nth(4).filter(
        has_text=f"deadline {due}"
    ).wait_for(timeout=15_000)
    shoot(page, "3-assign")

    page.get_by_role("button", name="Next", exact=True).click()
    page.get_by_text("Per unit").wait_for(timeout=30_000)
    shoot(page, "4-preview")

    page.get_by_role("button", name="Save the meeting and assign the tasks").click()
    page.get_by_text(re.compile("Saved: 60 tasks")).wait_for(timeout=30_000)
    page.get_by_text("Assignment notices").wait_for()
    shoot(page, "5-saved")

    with sqlite3.connect(voila.db) as conn:
        (meeting_id,) = conn.execute(
            "SELECT id FROM meetings WHERE title = '秦岭路街道春节期间安全生产工作部署会'"
        ).fetchone()
        tasks = conn.execute(
            """SELECT u.name, t.deadline FROM tasks t JOIN directives d ON d.id = t.directive_id
               JOIN units u ON u.id = t.unit_id WHERE d.meeting_id = ?""",
            [meeting_id],
        ).fetchall()
        drafts = conn.execute(
            "SELECT COUNT(*) FROM drafts WHERE title = '秦岭路街道春节期间安全生产工作部署会'"
        ).fetchone()[0]
    assert len(tasks) == 60 and len({unit for unit, _d in tasks}) == 12
    assert {deadline for _u, deadline in tasks} == {due.isoformat()}
    assert drafts == 0
    folder = voila.db.parent / "notices" / str(meeting_id)
    assert len(list(folder.glob("*.docx"))) == 12
    assert (folder / f"notices-{meeting_id}.zip").is_file()
    assert page.locator("a.duban-download[href^='data:application/zip;base64,']").count() == 1


def test_split_in_two_cuts_where_the_cursor_was_placed(clerk_voila, page):
    """duban.js sends the cursor of the card's text ahead of the split button's click."""
    from playwright.sync_api import expect

    page.goto(clerk_voila.page_url("log_meeting.ipynb"))
    field(page, "Title").locator("input").wait_for(timeout=60_000)
    field(page, "Title").locator("input").fill("光标拆分测试")
    text_area = field(page, "Text of the report or speech").locator("textarea")
    text_area.fill(REPORT)
    # counted as pasted, before the text reaches the kernel (the text area syncs on blur)
    expect(page.locator(".duban-size")).to_have_text(
        f"{len(REPORT):,} characters of at most 100,000"
    )
    text_area.press("Tab")
    page.get_by_role("button", name="Next", exact=True).click()
    cards = page.locator(".duban-directive-text textarea")
    cards.first.wait_for(timeout=30_000)
    first, third = cards.nth(0).input_value(), cards.nth(2).input_value()
    cards.nth(0).click()
    cards.nth(0).evaluate("area => area.setSelectionRange(10, 10)")
    page.locator(".duban-split-at").first.click()
    expect(cards.nth(1)).to_have_value(first[10:], timeout=15_000)
    expect(cards.nth(0)).to_have_value(first[:10])
    # a card whose cursor was never placed: cut as before, at the sentence end nearest the middle
    page.locator(".duban-split-at").nth(3).click()
    cut = third.index("。") + 1
    expect(cards.nth(4)).to_have_value(third[cut:], timeout=15_000)
    expect(cards.nth(3)).to_have_value(third[:cut])

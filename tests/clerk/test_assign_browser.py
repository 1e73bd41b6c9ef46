"""Step 3 and the preview in Chromium, in Chinese and English, on a laptop and on a phone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from duban.infra.errors import ValidationError
from duban.infra.i18n import set_language
from duban.service.workbook import open_workbook
from duban.serving import served

CORPUS = Path(__file__).parents[1] / "splitter" / "corpus"
WORDS = {
    "zh_CN": SimpleNamespace(
        report=CORPUS / "zh-street-gas-ebike-special-rectification.txt",
        text="会议报道或讲话全文",
        title="会议名称",
        next="下一步",
        date="日期",
        copy="复制到下一项",
        per_unit="按单位",
        save="保存会议并交办任务",
        notices="交办单",
        search="All streets（即所有街道）",
        tag="所有街道（共 12 个单位）",
    ),
    "en": SimpleNamespace(
        report=CORPUS / "en-district-safety-committee-expanded-meeting.txt",
        text="Text of the report or speech",
        title="Title",
        next="Next",
        date="date",
        copy="Copy to the next directive",
        per_unit="Per unit",
        save="Save the meeting and assign the tasks",
        notices="Assignment notices",
        search="所有街道 (= All streets)",
        tag="All streets (group of 12)",
    ),
}
PHONE, LAPTOP = 375, 1366

# Each directive's text against the caption under it: hidden pixels and the gap between them.
QUOTES = """() => [...document.querySelectorAll('.duban-card-box')]
  .filter(card => card.querySelector('.duban-quote')).map(card => {
    const quote = card.querySelector('.duban-quote');
    const caption = card.querySelector('.duban-caption');
    return {hidden: quote.scrollHeight - quote.clientHeight,
            gap: caption.getBoundingClientRect().top - quote.getBoundingClientRect().bottom};
  })"""
# What reaches past the right edge of the screen, inside the boxes made to scroll sideways
# (a preview's tables, a notice's table) aside: the widgets' own boxes clip what overflows
# them, so the page's scroll width alone does not tell.
PAST_THE_EDGE = """() => [...document.querySelectorAll('.duban-page *')]
  .filter(e => !e.closest('.duban-table-wrap, .duban-notice .tasks')
               && e.getBoundingClientRect().width > 0
               && e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.className.toString() || e.tagName)"""


@pytest.fixture(scope="module", params=["zh_CN", "en"])
def served_in(request, demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """A Voila server over a private demo copy, as the clerk, in one language."""
    db = tmp_path_factory.mktemp(f"assign-{request.param}") / "duban.sqlite"
    shutil.copyfile(demo_db, db)
    env = {**os.environ, "DUBAN_LANG": request.param}
    with served(db, db.parent / "voila.log", env=env) as url:
        yield SimpleNamespace(db=db, url=url, lang=request.param, words=WORDS[request.param])


def at_width(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_timeout(400)


def refused(db: Path, days: int) -> str:
    """The workbook's words refusing `days` working days, in the served language."""
    with pytest.raises(ValidationError) as refusal:
        open_workbook(db, user="clerk").resolve_deadline(days)
    return refusal.value.errors["deadline"]


def test_assign_step_and_preview_fit_and_check_deadlines(served_in, page):
    from playwright.sync_api import expect

    words, lang = served_in.words, served_in.lang
    set_language(lang)  # the workbook's refusal below, in the page's language
    page.goto(f"{served_in.url}/voila/render/log_meeting.ipynb")
    text = page.locator(".duban-field", has_text=words.text).locator("textarea")
    text.wait_for(timeout=90_000)
    page.locator(".duban-field", has_text=words.title).locator("input").first.fill("H3 部署会")
    text.fill(words.report.read_text(encoding="utf-8"))
    text.press("Tab")
    for _step in range(2):
        page.get_by_role("button", name=words.next, exact=True).click()
        page.wait_for_timeout(3000)
    page.locator(".duban-quote").first.wait_for(timeout=30_000)

    for width in (LAPTOP, PHONE):
        at_width(page, width)
        quotes = page.evaluate(QUOTES)
        assert quotes and all(q["hidden"] <= 1 and q["gap"] >= 0 for q in quotes), (width, quotes)
    assert page.evaluate(PAST_THE_EDGE) == []
    page.shot(f"{lang}-assign-phone")
    at_width(page, LAPTOP)

    card = page.locator(".duban-card-box").nth(2)
    days = card.locator("input[type=number]")
    days.fill("0")
    days.press("Tab")
    expect(card.locator(".duban-field-error")).to_have_text(
        refused(served_in.db, 0), timeout=15_000
    )
    days.fill("5")
    days.press("Tab")
    expect(card.locator(".duban-field-error")).to_have_count(0, timeout=15_000)
    card.get_by_role("button", name=words.date, exact=True).click()
    due, _warning = open_workbook(served_in.db, user="clerk").resolve_deadline(5)
    expect(card.locator("input[type=date]")).to_have_value(due.isoformat(), timeout=15_000)

    tags = page.locator(".duban-card-box").nth(1).locator(".duban-field").first
    tags.locator("input").fill(words.search)  # the group's name in the other language
    tags.locator("input").press("Enter")
    expect(tags.locator(".jupyter-widget-tag").first).to_have_text(words.tag, timeout=15_000)
    copies = page.get_by_role("button", name=words.copy)
    for number in range(copies.count() - 1):
        copies.nth(number).click()
        page.wait_for_timeout(500)
    page.wait_for_timeout(1500)
    page.get_by_role("button", name=words.next, exact=True).click()
    page.get_by_text(words.per_unit).wait_for(timeout=30_000)

    at_width(page, PHONE)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE
    assert page.evaluate(PAST_THE_EDGE) == []
    page.shot(f"{lang}-preview-phone")
    page.get_by_role("button", name=words.save).click()
    page.locator("h3", has_text=words.notices).wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE
    assert page.evaluate(PAST_THE_EDGE) == []
    page.shot(f"{lang}-saved-phone")

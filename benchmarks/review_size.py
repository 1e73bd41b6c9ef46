"""How long the clerk waits at steps 2 to 4 of a long report, and to resume it.

For a report of 100 KB (UTF-8) and one of the most characters a meeting's text may have
(Settings.max_text_length), prints the median time of: Next from the filled meeting form
to the review shown (check, split, cards built, draft kept); resuming that draft in a new
page, for the whole page and for the review step alone (model and review view); Next from
step 2 to step 3 (assignments synced, their cards built, draft kept); with every directive
assigned, resuming the draft at step 3, one unit chosen on a card (reach worked out, draft
kept), the same deadline set on all, Next to the preview (dry run, preview shown) and
Save (meeting, directives and tasks written, notices written).
The baseline, measured in the same run, is the splitter's split() of the same text, so
each ratio says what the page adds to the split. The report is the splitter's Chinese
corpus repeated.
Run from the repository root: .venv/bin/python benchmarks/review_size.py [--small] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from duban.infra import clock  # noqa: E402
from duban.infra.config import Settings  # noqa: E402
from duban.infra.i18n import set_language  # noqa: E402
from duban.models.directive_review import DirectiveReview  # noqa: E402
from duban.models.log_meeting import ASSIGN, DIRECTIVES, PREVIEW, LogMeeting  # noqa: E402
from duban.service.workbook import Workbook, open_workbook  # noqa: E402
from duban.splitter import split  # noqa: E402
from duban.widgets.common import Messages  # noqa: E402
from duban.widgets.directive_review import DirectiveReviewView  # noqa: E402
from duban.widgets.log_meeting import LogMeetingView  # noqa: E402

CORPUS = ROOT / "tests" / "splitter" / "corpus"
TODAY = date(2026, 11, 16)


def report(chars: int) -> str:
    """The Chinese corpus reports repeated to `chars` characters."""
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("zh-*.txt")))
    return ("\n\n".join([body] * (chars // len(body) + 1)))[:chars]


def of_bytes(size: int) -> str:
    """The longest report of at most `size` bytes in UTF-8."""
    text = report(size)
    while len(text.encode("utf-8")) > size:
        text = text[: len(text) - (len(text.encode("utf-8")) - size) // 3 - 1]
    return text


def office(folder: Path) -> Workbook:
    admin = open_workbook(folder / "duban.sqlite", user="admin")
    admin.add_unit("东街街道", "street")
    admin.add_user("clerk", "Clerk", "clerk")
    return admin.as_user("clerk")


def median(function: Callable[[], object], runs: int, setup: Callable[[], object] = lambda: None):
    """Median seconds of `runs` calls of function(setup()) (setup not timed)."""
    times = []
    for _ in range(runs):
        prepared = setup()
        start = time.perf_counter()
        function(prepared)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def filled(wb: Workbook, text: str) -> LogMeetingView:
    page = LogMeetingView(LogMeeting(wb))
    page.meeting.title.value = "区安委会全体会议"
    page.meeting.text.value = text
    return page


def measure(wb: Workbook, text: str, runs: int) -> dict[str, float]:
    """Seconds: split() alone; Next to the review; resuming the draft (page, review step)."""
    pages: list[LogMeetingView] = []

    def to_review(page: LogMeetingView) -> None:
        page.next.click()
        assert page.model.step == DIRECTIVES, page.problem.value
        pages.append(page)

    figures = {
        "split": median(lambda _: split(text), runs),
        "to review": median(to_review, runs, lambda: filled(wb, text)),
    }
    draft_id = pages[-1].model.draft_id
    state = wb.load_draft(draft_id)["review"]
    figures["resume page"] = median(
        lambda page: page.model.resume(draft_id), runs, lambda: LogMeetingView(LogMeeting(wb))
    )

    def review_step() -> DirectiveReview:
        review = DirectiveReview()
        DirectiveReviewView(review, Messages())
        return review

    figures["resume review step"] = median(lambda r: r.set_state(state), runs, review_step)
    figures.update(assigning(wb, text, draft_id, runs))
    return figures


def assigning(wb: Workbook, text: str, draft_id: int, runs: int) -> dict[str, float]:
    """Seconds at step 3 and on to the preview, for `text` and its draft at step 2."""

    def proposed() -> LogMeetingView:
        page = filled(wb, text)
        page.next.click()
        return page

    def resumed(draft: int) -> Callable[[], LogMeetingView]:
        def setup() -> LogMeetingView:
            page = LogMeetingView(LogMeeting(wb))
            page.model.resume(draft)
            return page

        return setup

    def to_step(step: int) -> Callable[[LogMeetingView], None]:
        def click(page: LogMeetingView) -> None:
            page.next.click()
            assert page.model.step == step, page.problem.value

        return click

    figures = {
        "step 2 to 3": median(to_step(ASSIGN), runs, proposed),
        "step 2 to 3 resumed": median(to_step(ASSIGN), runs, resumed(draft_id)),
    }
    assigned = resumed(draft_id)()
    assigned.next.click()
    state = assigned.model.get_state()
    east = wb.find_unit("东街街道")["id"]
    for stored in state["assign"]["assignments"]:
        stored["lead"] = [["unit", east]]
    draft = wb.save_draft(state, title="assigned")
    figures["resume at step 3"] = median(
        lambda page: page.model.resume(draft), runs, lambda: LogMeetingView(LogMeeting(wb))
    )

    def choose(page: LogMeetingView) -> None:
        page.assign.card(1).cooperating.value = ["东街街道"]

    figures["one unit chosen"] = median(choose, runs, resumed(draft))

    def common_deadline() -> LogMeetingView:
        page = resumed(draft)()
        page.assign.all_deadline.days.value = 7
        return page

    figures["same deadline for all"] = median(
        lambda page: page.assign.apply_to_all.click(), runs, common_deadline
    )
    figures["step 3 to 4"] = median(to_step(PREVIEW), runs, resumed(draft))

    def at_preview() -> LogMeetingView:
        page = resumed(draft)()
        to_step(PREVIEW)(page)
        return page

    def save(page: LogMeetingView) -> None:
        page.save.save.click()
        assert page.model.saved is not None, page.problem.value

    figures["save"] = median(save, runs, at_preview)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="small reports (a quick check)")
    parser.add_argument("--runs", type=int, help="runs of each (default: 1 small, else 3)")
    args = parser.parse_args(argv)
    set_language("en")
    limit = Settings().max_text_length
    sizes = (
        [("2 KB", of_bytes(2_000)), ("5,000 chars", report(5_000))]
        if args.small
        else [("100 KB", of_bytes(100 * 1024)), (f"{limit:,} chars (the most)", report(limit))]
    )
    runs = args.runs or (1 if args.small else 3)
    with clock.frozen(TODAY), tempfile.TemporaryDirectory() as tmp:
        wb = office(Path(tmp))
        for label, text in sizes:
            figures = measure(wb, text, runs)
            base = figures["split"]
            print(
                f"{label}: {len(text):,} chars, {len(split(text))} directives; "
                f"split() baseline {base:.3f} s; "
                + "; ".join(
                    f"{name} {seconds:.3f} s ({seconds / base:.1f}x)"
                    for name, seconds in figures.items()
                    if name != "split"
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

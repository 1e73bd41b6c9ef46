"""The review-size benchmark, small; and a long report builds one page of cards at steps 2 and 3."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from duban.models.directive_review import PAGE_SIZE

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "review_size.py"


def test_the_benchmark_prints_its_figures_on_small_reports(capsys):
    spec = importlib.util.spec_from_file_location("review_size", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--small"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["2 KB", "5,000 chars"]
    for line in lines:
        for figure in (
            "split() baseline",
            "to review",
            "resume page",
            "resume review step",
            "step 2 to 3",
            "resume at step 3",
            "one unit chosen",
            "same deadline for all",
            "step 3 to 4",
        ):
            assert f"{figure} " in line


def test_a_long_report_builds_one_page_of_cards(app, report):
    app.meeting.title.value = "部署会"
    app.meeting.text.value = "\n".join([report] * 40)  # 200 directives
    app.next.click()
    assert len(app.model.review.items) == 200
    assert len(app.directives.cards) == PAGE_SIZE
    page = type(app)(type(app.model)(app.model.wb))  # the clerk resumes it another day
    page.drafts.resume.click()
    assert len(page.model.review.items) == 200 and len(page.directives.cards) == PAGE_SIZE
    page.next.click()  # on to step 3: a page of cards there too
    assert len(page.model.assign.assignments) == 200 and len(page.assign.cards) == PAGE_SIZE

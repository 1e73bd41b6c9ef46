"""How fast split() is on a ~10,000-character report, against a plain sentence split.

Run from the repository root: python benchmarks/split_speed.py
The report is the splitter's test corpus (Chinese and English reports) repeated to about
10,000 characters. The baseline is re.split over the same text by sentence punctuation,
measured in the same run, so the ratio says what the splitter's analysis costs.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from duban.splitter import split  # noqa: E402

CORPUS = ROOT / "tests" / "splitter" / "corpus"
TARGET_CHARS = 10_000
RUNS = 21
BUDGET_MS = 100.0
SENTENCE_END = re.compile(r"[。！？；!?;]|\.\s")


def report(pattern: str) -> str:
    """Corpus texts matching a glob, repeated to about TARGET_CHARS characters."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob(pattern))]
    body = "\n\n".join(texts)
    return ("\n\n".join([body] * (TARGET_CHARS // len(body) + 1)))[:TARGET_CHARS]


def median_ms(function, text: str) -> float:
    """The median time of RUNS calls, in milliseconds (after one warm-up call)."""
    function(text)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    """Print the figures for a Chinese and an English report; exit 1 if over budget."""
    over = False
    for label, pattern in (("zh", "zh-*.txt"), ("en", "en-*.txt")):
        text = report(pattern)
        baseline = median_ms(SENTENCE_END.split, text)
        ours = median_ms(split, text)
        directives = len(split(text))
        over |= ours > BUDGET_MS
        print(
            f"{label}: {len(text)} chars, {directives} directives; split() median {ours:.2f} ms, "
            f"re.split baseline {baseline:.3f} ms, ratio {ours / baseline:.0f}x "
            f"(budget {BUDGET_MS:.0f} ms)"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

"""Properties that hold for any input: no crash, no lost or invented text, a sound outline."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from duban.splitter import split

HERE = Path(__file__).resolve().parent
REPORTS = sorted([*(HERE / "corpus").glob("*.txt"), *(HERE / "unseen").glob("*.txt")])
_PIECES = [
    "一是",
    "二是要",
    "三要",
    "六要是",
    "第一，",
    "第二",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "3)",
    "①",
    "首先，",
    "最后，",
    "First, ",
    "The second is ",
    "Three is ",
    "3 it is ",
    "one is ",
    "Finally, ",
    "要",
    "必须",
    "must ",
    "should ",
    "会议要求，",
    "会议强调：",
    "张三强调，",
    "Secretary Zhang Fei stressed, ",
    "参加会议",
    "attended the meeting. ",
    "各街道",
    "the streets",
    "消防",
    "fire",
    "燃氣",
    "。",
    "；",
    "，",
    "：",
    ".",
    ";",
    ",",
    ":",
    "\n",
    "\n\n",
    " ",
    "加强检查",
    "strengthen checks",
    "统一要求",
    "进一步",
    "一是一",
    "Disclaimer:",
    "来源：",
    "2024-03-27",
    "?",
    " ?",
    "? ",
    "??",
    "the ?Four Ones? ",
    "要加强检查，要完善预案，",
    "We must strengthen checks, improve plans, and crack down on fraud",
    "各部门、街道",
    "要求各社区要针对重点区域全面开展检查：",
]
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), max_size=60).map("".join),
)


def _check_outline(text: str) -> None:
    directives = split(text)
    position = 0
    seqs: set[str] = set()
    for directive in directives:
        found = text.find(directive.text, position)
        assert found >= 0, (directive.text, text)
        position = found + len(directive.text)
        assert directive.seq not in seqs
        assert directive.parent is None or directive.parent in seqs
        assert directive.seq.rsplit(".", 1)[0] == (directive.parent or directive.seq)
        seqs.add(directive.seq)
        assert directive.marker is None or directive.marker in text
    assert [d.seq for d in directives] == sorted(
        (d.seq for d in directives), key=lambda s: [int(part) for part in s.split(".")]
    )


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_any_text_gives_a_sound_outline_of_its_own_words(text):
    """Never crashes; texts are in-order substrings; seqs unique, ordered, parents exist."""
    _check_outline(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(REPORTS), st.integers(0, 3000), st.integers(0, 3000))
def test_any_slice_of_a_real_report(path, start, length):
    """Real reports cut anywhere (mid-sentence, mid-marker) still give a sound outline."""
    text = path.read_text(encoding="utf-8")
    _check_outline(text[start : start + length])


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_every_sentence_is_in_a_directive_or_the_narrative(covered, text):
    """Directives and narrative are the text's own words at their offsets, never overlap,
    and touch every piece of it; each narrative sentence knows the directive before it."""
    covered(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(REPORTS), st.integers(0, 3000), st.integers(0, 3000))
def test_every_sentence_of_any_slice_of_a_real_report_is_accounted_for(
    covered, path, start, length
):
    text = path.read_text(encoding="utf-8")
    covered(text[start : start + length])

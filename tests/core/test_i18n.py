"""UI strings: every `_()` in the kit has a zh_CN translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from duban.infra.i18n import _, catalog, set_language

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    path for part in ("duban", "widgets", "templates") for path in ROOT.joinpath(part).rglob("*.py")
)
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def source_messages() -> dict[str, str]:
    """msgid -> where it was first found."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for lineno, message, _comments, _context in extract_from_file(
            "python", path, keywords={"_": None, "N_": None}
        ):
            found.setdefault(message, f"{path.relative_to(ROOT)}:{lineno}")
    return found


def test_every_string_has_a_chinese_translation():
    translated = catalog("zh_CN")
    missing = {
        m: where
        for m, where in source_messages().items()
        if m not in translated or not translated[m].string
    }
    assert not missing, f"untranslated in zh_CN: {missing}"


@pytest.mark.parametrize("message", sorted(source_messages()))
def test_translation_keeps_the_placeholders(message):
    entry = catalog("zh_CN").get(message)
    if entry is None:
        pytest.skip("reported by the completeness test")
    assert set(PLACEHOLDER.findall(entry.string)) == set(PLACEHOLDER.findall(message))


def test_language_switches_messages():
    set_language("zh_CN")
    try:
        assert _("closed") == "已办结"
    finally:
        set_language("en")
    assert _("closed") == "closed"


def test_each_message_is_translated_in_one_catalog_only():
    """A word several pages share is translated once (in core.po): two catalogs could give it
    two translations, and which one a page shows would depend on the order they load in."""
    places: dict[str, list[str]] = {}
    for path in sorted((ROOT / "duban" / "locale" / "zh_CN" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    places.setdefault(message.id, []).append(path.name)
    assert not {m: p for m, p in places.items() if len(p) > 1}


def test_unused_translations_are_removed():
    """Every msgid of the catalogs is still in the sources (a call inside an f-string, which the
    extractor does not read, counts when its text is in the file)."""
    used = set(source_messages())
    text = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    unused = {
        m.id
        for m in catalog("zh_CN")
        if m.id
        and m.id not in used
        and not any(call in text for call in (f'_("{m.id}")', f"_('{m.id}')"))
    }
    assert not unused

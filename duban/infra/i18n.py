"""UI strings through gettext catalogs (Babel): `en` and `zh_CN`.

Each part of the kit keeps its own catalog, `duban/locale/<lang>/LC_MESSAGES/<part>.po`
(core.po, clerk.po, progress.po, …); all of a language's catalogs are merged and compiled
in memory on first use, so a checkout needs no build step. `_()` translates into the
current language (DUBAN_LANG by default). English is the source language.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "duban"
_current: list[str] = []


def catalog(lang: str) -> Catalog:
    """Every catalog of one language merged into one (a later file wins on a clash)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    merged = Catalog(locale=lang, domain=DOMAIN)
    for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and message.string:
                    merged[message.id] = message
    return merged


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled, merged catalogs of one language."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog(lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def current_language() -> str:
    """The language set by set_language(), else the configured one (read once)."""
    if not _current:
        # imported here, not at the top: the splitter translates nothing and needs no settings
        from duban.infra.config import load_settings

        _current.append(load_settings().lang)
    return _current[-1]


def set_language(lang: str) -> None:
    """Switch the language of every later `_()` call in this process."""
    from duban.infra.config import LANGUAGES

    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    _current[:] = [lang]


def _(message: str) -> str:
    """Translate a UI string into the current language."""
    return translations(current_language()).gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; `_()` translates it where it is shown."""
    return message

"""Text as people paste it from Word or a PDF, made plain, and the dates such text names.

`entered_text` is the one reading of every text that enters the kit (forms, imports, uploads,
the CLI: through duban.service.checks.Checks.text); `name_key` is how two names are compared.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NAME_TABLE = str.maketrans(
    {
        **INVISIBLE,
        **{  # full-width digits and Latin letters (their punctuation, e.g. （）, is kept)
            code: code - 0xFEE0
            for span in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B))
            for code in range(*span)
        },
    }
)
# Line breaks as Word, PDFs and old systems write them (\v is Word's manual line break,
# \f a PDF's page break) -> "\n"; every other control character is dropped.
_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = dict.fromkeys([*(c for c in range(0x20) if chr(c) not in "\n\t"), *range(0x7F, 0xA0)])
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")


def pasted_text(text: str) -> str:
    """`text` made plain: full-width digits, letters and spaces folded and NBSP a space (NFKC),
    zero-width characters, direction marks and soft hyphens removed, the ends stripped."""
    return unicodedata.normalize("NFKC", text).translate(INVISIBLE).strip()


def entered_text(text: str) -> str:
    """`text` as the kit keeps it: Unicode NFC; line breaks "\n"; control characters other than
    newline and tab, and zero-width characters, removed; the ends stripped of every kind of
    space (ideographic and no-break ones too), so a text of only those is "" (blank)."""
    plain = _BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    return plain.translate(_CONTROLS).translate(INVISIBLE).strip()  # str.strip: U+3000 too


def name_key(text: str) -> str:
    """A name as two names are compared: look-alikes are one name (full-width and half-width
    forms, （） and (), letter case, spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", pasted_name(text)).casefold())


def pasted_name(text: str) -> str:
    """A name as the office means it (a unit's, a holiday's): invisible characters dropped,
    every kind of space one space, full-width letters and digits half-width, Chinese
    punctuation kept, no spaces at either end."""
    return _SPACES.sub(" ", entered_text(text).translate(_NAME_TABLE)).strip()


def pasted_day(value: object) -> date | None:
    """A date, or text naming one, else None: 2027-02-05, 2027/2/5, 2027.2.5, 2027年2月5日,
    20270205, and each of them in full-width digits (２０２７－０２－０５) or with pasted spaces."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    plain = pasted_text(value)
    found = _DAY.fullmatch(plain) or _COMPACT_DAY.fullmatch(plain)
    try:
        return date(*map(int, found.groups())) if found else None
    except ValueError:  # 2027-02-30
        return None

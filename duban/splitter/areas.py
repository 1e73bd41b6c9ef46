"""Key-area tags from keyword lists kept as data (areas.toml), not code."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from duban.splitter.fold import fold
from duban.vocabulary import AREAS

DEFAULT_AREAS_PATH = Path(__file__).resolve().parent / "areas.toml"
_LISTS = ("zh", "zh_hant", "en")


@dataclass(frozen=True)
class AreaTagger:
    """Finds key areas in text: the longest keyword at each place wins."""

    pattern: re.Pattern[str] | None
    areas_of: dict[str, frozenset[str]]

    def tag(self, text: str) -> list[str]:
        """The areas the text touches, in the vocabulary's order."""
        if self.pattern is None:
            return []
        found: set[str] = set()
        for match in self.pattern.finditer(fold(text).lower()):
            found |= self.areas_of[match.group()]
        return [area for area in AREAS if area in found]


def load_tagger(path: str | Path | None = None) -> AreaTagger:
    """The tagger for a keyword file (the kit's own areas.toml by default), re-read when
    the file changes.

    Raises OSError if the file cannot be read, ValueError if it is not valid TOML or names
    an area outside the vocabulary.
    """
    resolved = Path(path or DEFAULT_AREAS_PATH).resolve()
    return _load(resolved, resolved.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int) -> AreaTagger:
    """Parse and compile one version of a keyword file."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    areas_of: dict[str, set[str]] = {}
    for area, lists in data.items():
        if area not in AREAS:
            raise ValueError(f"unknown area {area!r} in {path}: expected one of {', '.join(AREAS)}")
        for name in _LISTS:
            words = lists.get(name, []) if isinstance(lists, dict) else None
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"{area}.{name} in {path} must be a list of strings")
            for word in words:
                key = fold(word).strip().lower()
                if key:
                    areas_of.setdefault(key, set()).add(area)
    return AreaTagger(_compile(areas_of), {k: frozenset(v) for k, v in areas_of.items()})


def _compile(keywords: dict[str, set[str]]) -> re.Pattern[str] | None:
    """One alternation, longest keyword first; Latin keywords match whole words."""
    if not keywords:
        return None
    parts = []
    for word in sorted(keywords, key=len, reverse=True):
        escaped = re.escape(word)
        parts.append(rf"(?<![a-z]){escaped}(?=(?:e?s)?(?![a-z]))" if word.isascii() else escaped)
    return re.compile("|".join(parts))

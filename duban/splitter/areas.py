"""Key-area tags from keyword lists kept as data (areas.toml), not code."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from duban.splitter.fold import fold
from duban.vocabulary import AREAS

DEFAULT_AREAS_PATH = Path(__file__).resolve().parent / "areas.toml"
_LISTS = ("zh", "zh_hant", "en")
_NOT = "not_"  # not_zh, not_zh_hant, not_en: phrases in which the area's keywords do not count
_LATIN_GAP = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class AreaTagger:
    """Finds key areas in text: the longest keyword or excluded phrase at each place wins.

    `areas_of` maps a keyword to the areas it tags and `blocks` an excluded phrase
    ("hidden mines", 队伍建设) to the areas it does not tag; other areas' keywords inside
    it still count (`keywords`, the pattern of keywords alone, finds them).
    """

    pattern: re.Pattern[str] | None
    keywords: re.Pattern[str] | None
    areas_of: dict[str, frozenset[str]]
    blocks: dict[str, frozenset[str]]

    def tag(self, text: str) -> list[str]:
        """The areas the text touches, in the vocabulary's order."""
        if self.pattern is None:
            return []
        found: set[str] = set()
        for match in self.pattern.finditer(fold(text).lower()):
            word = self._word(match.group())
            if word in self.areas_of:
                found |= self.areas_of[word]
            elif self.keywords is not None:
                for inner in self.keywords.finditer(match.group()):
                    found |= self.areas_of[self._word(inner.group())] - self.blocks[word]
        return [area for area in AREAS if area in found]

    def _word(self, matched: str) -> str:
        """The keyword or phrase a match stands for: as written, or (Latin) with a word's
        plural ending dropped ("fire exits" → "fire exit")."""
        if matched in self.areas_of or matched in self.blocks:
            return matched
        choices = [_forms(part) for part in _LATIN_GAP.split(matched) if part]
        for words in product(*choices):
            key = " ".join(words)
            if key in self.areas_of or key in self.blocks:
                return key
        raise LookupError(matched)  # the pattern matches only keywords and phrases


def _forms(word: str) -> list[str]:
    """A matched Latin word and what it may be without a plural ending (-s, -es)."""
    forms = [word]
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("es"):
        forms.append(word[:-2])
    return forms


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
    blocks: dict[str, set[str]] = {}
    for area, lists in data.items():
        if area not in AREAS:
            raise ValueError(f"unknown area {area!r} in {path}: expected one of {', '.join(AREAS)}")
        for name in (*_LISTS, *(_NOT + name for name in _LISTS)):
            words = lists.get(name, []) if isinstance(lists, dict) else None
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"{area}.{name} in {path} must be a list of strings")
            target = blocks if name.startswith(_NOT) else areas_of
            for word in words:
                key = _key(word)
                if key:
                    target.setdefault(key, set()).add(area)
    for phrase in set(blocks) & set(areas_of):  # a keyword of one area, excluded for another
        areas_of[phrase] -= blocks.pop(phrase)
    return AreaTagger(
        _compile([*areas_of, *blocks]),
        _compile(list(areas_of)),
        {k: frozenset(v) for k, v in areas_of.items()},
        {k: frozenset(v) for k, v in blocks.items()},
    )


def _key(word: str) -> str:
    """A keyword as stored: folded, lower case; Latin words joined by single spaces."""
    key = fold(word).strip().lower()
    return " ".join(_LATIN_GAP.split(key)) if key.isascii() else key


def _compile(words: list[str]) -> re.Pattern[str] | None:
    """One alternation, longest first; Latin words match whole words, each with an optional
    plural, joined by spaces or hyphens (three in one ~ three-in-one). The Latin words
    share one word-boundary check, so each alternative begins with its first letter."""
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    latin = [
        r"[\s-]+".join(re.escape(part) + r"(?:e?s)?" for part in word.split(" "))
        for word in ordered
        if word.isascii()
    ]
    parts = [re.escape(word) for word in ordered if not word.isascii()]
    if latin:
        parts.append(rf"(?<![a-z])(?:{'|'.join(latin)})(?![a-z])")
    return re.compile("|".join(parts))

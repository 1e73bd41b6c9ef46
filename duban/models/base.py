"""The contract of every page model (and of each step of a page): state in, state out, start afresh.

A page model holds a page's state as traitlets and calls the workbook; it never imports
ipywidgets. `get_state()` gives plain JSON (dates as ISO strings) that `set_state()` takes
back, so a page can be kept as a draft and resumed; `reset()` empties it for the next use.
The traits named in `STATE` are handled here; a model with more (nested steps, lists of
parts) extends the three methods and calls these.
"""

from __future__ import annotations

from datetime import date
from functools import reduce
from typing import Any, ClassVar

import pandas as pd
from traitlets import HasTraits

from duban.infra.i18n import _


class PageModel(HasTraits):
    """Base of the page models: `STATE` names the traits that make up the page's state."""

    STATE: ClassVar[tuple[str, ...]] = ()

    def get_state(self) -> dict[str, Any]:
        """The traits of `STATE` as JSON-ready values (dates as ISO strings)."""
        return {name: plain(getattr(self, name)) for name in self.STATE}

    def set_state(self, state: dict[str, Any]) -> None:
        """Set the traits of `STATE` found in `state` (ISO strings back to dates where a trait
        holds one); a trait missing from `state` keeps its value."""
        for name in self.STATE:
            if name in state:
                setattr(self, name, self._revived(name, state[name]))

    def reset(self) -> None:
        """Every trait of `STATE` back to its default."""
        for name in self.STATE:
            setattr(self, name, self.trait_defaults(name))

    def _revived(self, name: str, value: Any) -> Any:
        holds_date = getattr(self.traits()[name], "klass", None) is date
        return date.fromisoformat(value) if holds_date and isinstance(value, str) else value


def plain(value: Any) -> Any:
    """JSON-ready, detached from the trait: dates as ISO strings, lists and tuples as new lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts, missing values (NaN) as None."""
    return [
        {k: None if _missing(v) else v for k, v in row.items()} for row in frame.to_dict("records")
    ]


def _missing(value: Any) -> bool:
    return not isinstance(value, list | tuple) and bool(pd.isna(value))


def row_by_id(frame: pd.DataFrame, row_id: int | None) -> dict[str, Any] | None:
    """The row of `frame` whose `id` is `row_id` as a dict (missing values as None); None when
    there is no such row (or no id)."""
    if row_id is None or frame.empty:
        return None
    found = records(frame[frame["id"] == row_id])
    return found[0] if found else None


def sentences(*texts: str) -> str:
    """Sentences one after the other, spaced as the language writes them ("Done. 2 kept.",
    "已完成。已保存2份。")."""
    return reduce(
        lambda first, then: _("{sentence} {next}").format(sentence=first, next=then), texts
    )

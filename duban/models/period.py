"""The period a page counts: a named preset (this month, last month, …) or custom dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from traitlets import Enum, Instance, Int, observe

from duban.documents.period import period_sentence
from duban.models.base import PageModel
from duban.service.progress import Scope, preset_period
from duban.service.workbook import Workbook
from duban.vocabulary import PERIOD_PRESETS

CUSTOM = "custom"


class PeriodModel(PageModel):
    """Choose a `preset` (its dates are worked out for today) or call `set_dates` (preset "custom").

    `start` and `end` change together: observe `version`, which counts the changes of the
    dates, to follow the period as one change (never a start without its end).
    """

    preset = Enum(PERIOD_PRESETS.values, default_value="this_year")
    start = Instance(date, allow_none=True)
    end = Instance(date, allow_none=True)
    version = Int(0)

    STATE = ("preset", "start", "end")

    def __init__(self, wb: Workbook, preset: str = "this_year"):
        self.wb = wb
        self.default = preset
        super().__init__(preset=preset)
        self._follow_preset()

    @observe("preset")
    def _preset_changed(self, _change: dict) -> None:
        self._follow_preset()

    def set_dates(self, start: date | None, end: date | None) -> None:
        """Custom dates, checked by the workbook (an end before the start is refused)."""
        if (start, end) == (self.start, self.end):
            return
        self.wb.check_scope(Scope(start, end))
        self.preset = CUSTOM
        self._dates(start, end)

    def scope(self) -> Scope:
        """The period as a Scope with no other filter."""
        return Scope(self.start, self.end)

    def sentence(self) -> str:
        """What a page of this period counts, in words (the bulletin's subtitle says the same)."""
        return period_sentence(self.scope(), self.wb.today())

    def set_state(self, state: dict[str, Any]) -> None:
        """A named preset takes its dates as of today; custom dates are kept as they were."""
        preset = state.get("preset", self.preset)
        if preset == CUSTOM:
            self.set_dates(*(self._revived(k, state.get(k)) for k in ("start", "end")))
        else:
            self.preset = preset
            self._follow_preset()

    def reset(self) -> None:
        """The page's own preset again."""
        self.preset = self.default
        self._follow_preset()

    def _follow_preset(self) -> None:
        if self.preset != CUSTOM:
            self._dates(*preset_period(self.preset, self.wb.today()))

    def _dates(self, start: date | None, end: date | None) -> None:
        if (start, end) != (self.start, self.end):
            self.start, self.end = start, end
            self.version += 1

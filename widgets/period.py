"""The leaders' pages' period picker: a preset, or from/to dates; a thin view of PeriodModel."""

from __future__ import annotations

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.period import PeriodModel
from duban.vocabulary import PERIOD_PRESETS
from duban.widgets.common import Messages, guarded
from duban.widgets.progress_parts import LABELS, WIDE


class PeriodPicker(w.HBox):
    """Preset, from and to; choosing a date makes the preset "custom". A refused date is said
    in `messages` and stays shown (the model keeps its period) until `apply()` or a new choice.
    """

    def __init__(self, model: PeriodModel, messages: Messages):
        self.model = model
        guard = guarded(messages, writes=False)
        self.preset = w.Dropdown(
            options=PERIOD_PRESETS.choices(),
            value=model.preset,
            description=_("Period"),
            style=LABELS,
            layout=WIDE,
        )
        self.start = w.DatePicker(
            value=model.start, description=_("from"), style=LABELS, layout=WIDE
        )
        self.end = w.DatePicker(value=model.end, description=_("to"), style=LABELS, layout=WIDE)
        self.preset.observe(guard(lambda c: setattr(model, "preset", c.new)), "value")
        # one date at a time, against the model's other date: showing a new preset's dates
        # (start first) never sends a start with the old end
        self.start.observe(guard(lambda c: model.set_dates(c.new, model.end)), "value")
        self.end.observe(guard(lambda c: model.set_dates(model.start, c.new)), "value")
        model.observe(lambda _c: self.show(), names=["preset", "version"])
        super().__init__([self.preset, self.start, self.end], layout=w.Layout(flex_flow="row wrap"))
        self.add_class("duban-filters")

    def show(self) -> None:
        """The model's preset and dates."""
        self.preset.value = self.model.preset
        self.start.value, self.end.value = self.model.start, self.model.end

    def apply(self) -> None:
        """Give the model the dates as shown (a ValidationError if they are refused)."""
        self.model.set_dates(self.start.value, self.end.value)

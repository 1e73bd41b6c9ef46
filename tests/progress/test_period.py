"""The leaders' pages' period: one model and one picker for the progress and bulletin pages."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.errors import ValidationError
from duban.models.bulletin import BulletinModel
from duban.models.period import PeriodModel
from duban.models.progress import ProgressModel
from duban.widgets.bulletin import BulletinView
from duban.widgets.progress import ProgressView

from .conftest import PERIOD


def test_a_preset_gives_its_dates_as_of_today(office):
    period = PeriodModel(office, "last_month")
    assert (period.preset, period.start, period.end) == (
        "last_month",
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    period.preset = "all"
    assert (period.start, period.end) == (None, None)


def test_custom_dates_make_the_preset_custom_and_move_together(office):
    period = PeriodModel(office, "last_month")
    changes = []
    period.observe(lambda _c: changes.append((period.start, period.end)), names="version")
    period.set_dates(date(2026, 11, 2), date(2026, 11, 6))
    period.preset = "this_month"
    assert period.preset == "this_month"
    assert changes == [
        (date(2026, 11, 2), date(2026, 11, 6)),
        (date(2026, 11, 1), date(2026, 11, 16)),
    ]


def test_an_end_before_the_start_is_refused_and_the_period_kept(office):
    period = PeriodModel(office, "last_month")
    with pytest.raises(ValidationError, match="must not be before the start"):
        period.set_dates(date(2026, 10, 10), date(2026, 10, 1))
    assert (period.preset, period.start) == ("last_month", date(2026, 10, 1))


def test_state_round_trip_and_reset(office):
    period = PeriodModel(office, "last_month")
    period.set_dates(date(2026, 9, 1), date(2026, 9, 30))
    state = period.get_state()
    assert state == {"preset": "custom", "start": "2026-09-01", "end": "2026-09-30"}
    other = PeriodModel(office)
    other.set_state(state)
    assert (other.preset, other.start, other.end) == ("custom", date(2026, 9, 1), date(2026, 9, 30))
    other.set_state({"preset": "this_month", "start": "2020-01-01", "end": "2020-01-31"})
    assert (other.start, other.end) == (date(2026, 11, 1), date(2026, 11, 16))  # as of today
    period.reset()
    assert (period.preset, period.end) == ("last_month", date(2026, 10, 31))


@pytest.mark.parametrize(
    "page", [lambda wb: ProgressView(ProgressModel(wb)), lambda wb: BulletinView(BulletinModel(wb))]
)
def test_choosing_a_preset_on_either_page_shows_its_dates_and_no_error(office, page):
    view = page(office)
    for preset in ("last_month", "this_month", "this_year", "last_month"):
        view.period.preset.value = preset
        start, end = view.period.model.start, view.period.model.end
        assert view.period.preset.value == preset, view.messages.value
        assert (view.period.start.value, view.period.end.value) == (start, end)
        assert view.messages.value == ""


def test_both_pages_say_what_they_count_in_the_same_words(history):
    wb = history.wb.as_user("leader")
    progress, bulletin = ProgressView(ProgressModel(wb)), BulletinView(BulletinModel(wb))
    for view in (progress, bulletin):
        view.period.start.value, view.period.end.value = PERIOD.start, PERIOD.end
    sentence = (
        "Tasks assigned from 2026-10-01 to 2026-11-16, with their status as of 2026-11-16; "
        "deadlines as currently set, extensions included."
    )
    assert progress.note.value == bulletin.note.value == f'<p class="duban-note">{sentence}</p>'
    bulletin.generate.click()
    (written,) = (wb.store.path.parent / "bulletins").glob("bulletin-*.html")
    assert f'<p class="subtitle">{sentence}</p>' in written.read_text(encoding="utf-8")

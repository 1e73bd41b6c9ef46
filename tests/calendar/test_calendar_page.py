"""The working-day calendar page without a browser: set values, click, check the page, the
holidays table and the audit trail."""

from __future__ import annotations

import html
from datetime import date, datetime

import pytest

from duban.infra import clock
from duban.models.calendar import CalendarModel, default_year
from duban.widgets.calendar import CalendarView, view
from duban.widgets.common import open_page

SPRING_CSV = "date,kind,name\n2027-02-06,workday,春节调休上班\n" + "".join(
    f"2027-02-{d:02d},holiday,春节\n" for d in range(8, 13)
)


@pytest.fixture
def page(office) -> CalendarView:
    return CalendarView(CalendarModel(office))


def upload(page: CalendarView, content: bytes) -> None:
    """What the browser sends when a file is chosen."""
    page.upload.value = (
        {
            "name": "calendar.csv",
            "type": "text/csv",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 11, 16),
        },
    )


def seen(widget) -> str:
    """What an HTML widget shows, its entities read."""
    return html.unescape(widget.value)


def rows(office) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in office.holidays()[["date", "kind", "name"]].values.tolist()]


def audit(office) -> list[str]:
    return [
        r["action"]
        for r in office.store.rows("SELECT action FROM events WHERE entity = 'holidays'")
    ]


def test_it_opens_on_next_year_in_november_and_says_the_year_is_not_known(page):
    assert default_year(date(2026, 11, 16)) == 2027 and default_year(date(2026, 6, 1)) == 2026
    assert page.year.value == 2027 and 2026 in page.year.options
    assert "2027 is not known" in seen(page.note) and "error" in seen(page.note)
    assert "No day of 2027 is entered" in seen(page.table)
    page.year.value = 2026
    assert "package's schedule is used" in seen(page.note) and "info" in seen(page.note)


def test_enter_change_and_remove_a_day(office, page):
    page.day.value, page.kind.value, page.name.value = (
        "２０２７年２月６日",
        "workday",
        "春节调休上班",
    )
    page.enter.click()
    assert "2027-02-06 entered" in seen(page.entry_messages)
    assert rows(office) == [("2027-02-06", "workday", "春节调休上班")]
    assert "2027-02-06" in seen(page.table) and "Sat" in seen(page.table)
    assert "Clerk Wang" in seen(page.table)  # who entered it, by name
    assert "1 days entered" in seen(page.note)  # the year is known now
    page.pick.value = "2027-02-06"  # an entered day into the form
    assert (page.day.value, page.kind.value) == ("2027-02-06", "workday")
    page.name.value = "春节（调休）"
    page.enter.click()
    assert "changed" in seen(page.entry_messages)
    assert rows(office) == [("2027-02-06", "workday", "春节（调休）")]
    page.remove.click()
    assert "removed" in seen(page.entry_messages) and rows(office) == []
    assert audit(office) == ["enter_holiday", "change_holiday", "remove_holiday"]
    assert "No day of 2027 is entered" in seen(page.table)


def test_a_day_in_another_year_turns_the_page_to_it(office, page):
    page.day.value, page.kind.value, page.name.value = "2028-01-01", "holiday", "元旦"
    page.enter.click()
    assert page.year.value == 2028 and "2028-01-01" in seen(page.table)


def test_errors_show_under_their_fields_and_nothing_is_written(office, page):
    page.day.value, page.kind.value, page.name.value = "2027-02-08", "workday", " "
    page.enter.click()
    assert "Nothing was saved" in seen(page.entry_messages)
    assert "weekday" in seen(page.entry_errors["kind"])
    assert "no name" in seen(page.entry_errors["name"])
    assert page.entry_errors["date"].value == ""
    page.day.value = "2027-02-30"
    page.remove.click()
    assert "must be a date" in seen(page.entry_messages)
    page.day.value = "2027-03-01"
    page.remove.click()
    assert "2027-03-01 is not entered" in seen(page.entry_messages)
    assert rows(office) == [] and audit(office) == []


def test_import_previews_every_bad_row_and_imports_only_a_good_file(office, page):
    bad = SPRING_CSV + "2027-02-08,休,重复\n2027-02-31,休,春节\n"
    upload(page, bad.encode("gb18030"))
    assert "Bad rows: 2" in seen(page.preview)
    assert "2027-02-08 is already in row 3" in seen(page.preview)
    assert "“2027-02-31” is not a date" in seen(page.preview)
    assert page.run_import.disabled and rows(office) == []
    upload(page, SPRING_CSV.encode("utf-8-sig"))
    assert "Bad rows" not in seen(page.preview) and page.preview.value.count("to add") == 6
    assert not page.run_import.disabled
    page.run_import.click()
    assert "6 days added" in seen(page.import_messages)
    assert len(rows(office)) == 6 and audit(office) == ["enter_holiday"] * 6
    assert page.year.value == 2027 and "春节调休上班" in seen(page.table)
    upload(page, SPRING_CSV.encode())
    assert page.preview.value.count("unchanged") == 6  # the same file again: nothing to do
    page.run_import.click()
    assert "0 days added, 0 changed, 6 unchanged" in seen(page.import_messages)
    assert audit(office) == ["enter_holiday"] * 6


def test_the_same_file_chosen_again_after_an_import_is_previewed_again(office, page):
    """The file chooser is emptied by an import: choosing the same file is a change again."""
    upload(page, SPRING_CSV.encode())
    page.run_import.click()
    assert page.upload.value == () and page.preview.value == "" and page.run_import.disabled
    assert "6 days added" in seen(page.import_messages)  # the outcome stays in sight
    upload(page, SPRING_CSV.encode())
    assert page.preview.value.count("unchanged") == 6


def test_a_year_that_cannot_be_read_says_so_in_the_years_part(page, monkeypatch):
    def broken(year=None):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(page.model.wb, "holidays", broken)
    page.year.value = 2026  # no exception reaches the kernel
    assert "Unexpected error: disk gone" in seen(page.messages)


def test_a_file_that_cannot_be_read_is_reported_where_it_was_chosen(page):
    upload(page, "date;name\n".encode("utf-16"))
    assert "GB18030" in seen(page.import_messages) and page.run_import.disabled
    page.run_import.click()
    assert rows(page.model.wb) == []


def test_the_calculator_counts_with_the_office_days_and_says_when_it_is_provisional(office, page):
    page.start.value, page.days.value = "2027-02-05", "3"
    page.count.click()
    assert "2027-02-10" in seen(page.result) and "Provisional" in seen(page.result)
    office.import_holidays(SPRING_CSV.encode())
    page.count.click()
    assert "2027-02-16, Tue" in seen(page.result) and "Provisional" not in seen(page.result)
    page.days.value = "０"
    page.count.click()
    assert "between 1 and 250" in seen(page.counter_errors["days"])
    page.start.value = "soon"
    page.count.click()
    assert "date" in seen(page.counter_errors["start"])


def test_the_year_is_paged_twenty_days_at_a_time(office, page):
    for n in range(25):
        office.enter_holiday(date(2027, 3, 1).replace(day=n + 1), "holiday", f"day {n}")
    page.model.refresh()
    assert page.table.value.count("<tr>") == 21  # the header and 20 days
    assert page.pager.layout.display == ""
    page.pager.later.click()
    assert page.table.value.count("<tr>") == 6 and "2027-03-25" in seen(page.table)


def test_a_reporter_may_look_but_the_office_writes(office):
    reporter = CalendarView(CalendarModel(office.as_user("east")))
    reporter.day.value, reporter.kind.value, reporter.name.value = "2027-01-01", "holiday", "元旦"
    reporter.enter.click()
    assert "may not enter the working-day calendar" in seen(reporter.entry_messages)
    assert rows(office) == []


def test_the_registered_page_opens_for_the_office_only(office, monkeypatch):
    monkeypatch.setenv("DUBAN_DB", str(office.store.path))
    monkeypatch.setenv("DUBAN_USER", "clerk")
    assert "Working-day calendar" in open_page("calendar").children[0].value
    shown = str(view(office).children)
    assert "Enter, change or remove a day" in shown and "Working days from a date" in shown
    monkeypatch.setenv("DUBAN_USER", "east")
    assert "not open to you" in open_page("calendar").children[1].value


def test_state_round_trips_and_reset_goes_back_to_the_default_year(office):
    with clock.frozen(date(2026, 11, 16)):
        model = CalendarModel(office)
        model.set_state({"year": 2029, "day": "2029-01-01", "days": "5"})
        assert model.get_state()["year"] == 2029 and model.year == 2029
        model.reset()
        assert (model.year, model.day, model.start) == (2027, "", "2026-11-16")

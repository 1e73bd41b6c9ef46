"""Working-day deadlines: the office's entered days, then chinesecalendar, then weekends only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from duban.infra import clock
from duban.infra.errors import NotFoundError, PermissionDeniedError, ValidationError
from duban.infra.pasted import pasted_day
from duban.service.workdays import Calendar, office_calendar, package_knows, parse_kind

PACKAGE = Calendar()  # nothing entered: the package, then weekends
# The Spring Festival of 2027 as the Done-when of issue 10 has it.
SPRING_2027 = Calendar(
    {date(2027, 2, 6): "workday", **{date(2027, 2, d): "holiday" for d in range(8, 13)}}
)
SPRING_CSV = "date,kind,name\n2027-02-06,workday,春节调休上班\n" + "".join(
    f"2027-02-{d:02d},holiday,春节\n" for d in range(8, 13)
)


def test_national_day_week_and_its_make_up_saturday():
    # From Tue 29 Sep 2026: 30 Sep, (1–7 Oct holiday), 8 Oct, 9 Oct, Sat 10 Oct (make-up day),
    # Mon 12 Oct.
    result = PACKAGE.add(date(2026, 9, 29), 5)
    assert result.date == date(2026, 10, 12)
    assert result.warning is None


def test_make_up_saturday_is_a_working_day_and_holiday_monday_is_not():
    assert PACKAGE.is_workday(date(2026, 10, 10)) is True
    assert PACKAGE.is_workday(date(2026, 10, 5)) is False


def test_ordinary_week_skips_the_weekend():
    assert PACKAGE.add(date(2026, 11, 20), 1).date == date(2026, 11, 23)  # Friday -> Monday


def test_a_year_known_to_neither_is_weekends_only_and_provisional():
    assert not package_knows(2027) and not PACKAGE.knows(2027)
    result = PACKAGE.add(date(2027, 2, 5), 3)
    assert result.date == date(2027, 2, 10)
    assert "Provisional" in result.warning and "2027" in result.warning
    assert "duban holidays import" in result.warning  # says how to fix it


def test_a_count_that_only_passes_through_an_unknown_year_says_so():
    result = PACKAGE.add(date(2026, 12, 30), 2)  # Thu 31 Dec 2026, Fri 1 Jan 2027
    assert result.date == date(2027, 1, 1) and "2027" in result.warning
    assert PACKAGE.add(date(2026, 12, 28), 2).warning is None  # stays in 2026


def test_entered_days_make_the_2027_example():
    result = SPRING_2027.add(date(2027, 2, 5), 3)  # Sat 6 (make-up), Mon 15, Tue 16
    assert result == type(result)(date(2027, 2, 16), None)
    assert SPRING_2027.knows(2027) and not SPRING_2027.knows(2028)


def test_entered_days_win_over_the_package():
    # 2026-10-10 is the package's make-up Saturday, 2026-11-18 an ordinary Wednesday
    office = Calendar({date(2026, 10, 10): "holiday", date(2026, 11, 18): "holiday"})
    assert office.is_workday(date(2026, 10, 10)) is False
    assert office.is_workday(date(2026, 11, 18)) is False
    assert office.is_workday(date(2026, 10, 5)) is False  # the package's holiday still counts
    assert office.add(date(2026, 11, 17), 1).date == date(2026, 11, 19)


def test_zero_days_is_refused():
    with pytest.raises(ValueError):
        PACKAGE.add(date(2026, 1, 5), 0)


@pytest.mark.parametrize(
    "text",
    [
        "2027-02-08",
        "2027/2/8",
        "2027.02.08",
        "2027年2月8日",
        "２０２７－０２－０８",
        " 2027年\u00a02月8日\u200b",
    ],
)
def test_dates_as_people_paste_them(text):
    assert pasted_day(text) == date(2027, 2, 8)


@pytest.mark.parametrize("text", ["2027-02-30", "8/2/2027", "", "soon", None])
def test_what_is_not_a_date(text):
    assert pasted_day(text) is None


def test_kinds_in_words_people_use():
    assert [
        parse_kind(k) for k in ("holiday", "休", "假日", " ＷＯＲＫＤＡＹ ", "班", "调休上班")
    ] == [
        "holiday",
        "holiday",
        "holiday",
        "workday",
        "workday",
        "workday",
    ]
    assert parse_kind("weekend") is None


# -- through the workbook ----------------------------------------------------------------------
def test_the_workbook_counts_with_the_office_table(office):
    assert office.add_working_days(date(2027, 2, 5), 3).date == date(2027, 2, 10)
    office.import_holidays(SPRING_CSV.encode())
    assert office.add_working_days(date(2027, 2, 5), 3) == SPRING_2027.add(date(2027, 2, 5), 3)
    assert office.calendar_known(2027) and not office.calendar_known(2028)
    assert office.calendar_known(2026)  # the package


def test_a_deadline_assigned_into_an_unknown_year_warns_the_clerk(office):
    with clock.frozen(date(2026, 12, 29)):
        meeting = office.log_meeting("Year end", "special", "district", "2026-12-28")
        directive = office.add_directive(meeting, "Check fireworks sellers", areas=["fireworks"])
        result = office.assign(directive, ["东街街道"], 5)
        assert result.deadline == date(2027, 1, 5)
        assert any("Provisional" in w and "2027" in w for w in result.warnings)
        assert office.resolve_deadline(5)[1] == result.warnings[0]


def test_assign_counts_working_days_from_today(office):
    meeting = office.log_meeting("Holiday check", "special", "district", "2026-09-28")
    directive = office.add_directive(
        meeting, "Check gas stations before the holiday", areas=["gas"]
    )
    with clock.frozen(date(2026, 9, 29)):
        result = office.assign(directive, ["东街街道"], 5)
    assert result.deadline == date(2026, 10, 12)
    assert office.tasks()["deadline"].tolist() == ["2026-10-12"]


def test_resolve_deadline_raises_on_its_own_and_collects_when_given_checks(office):
    with pytest.raises(ValidationError, match="working days"):
        office.resolve_deadline(0)
    with pytest.raises(ValidationError, match="deadline"):
        office.resolve_deadline("soon")
    checks = office._checks()
    assert office.resolve_deadline(300, checks) == (None, None)
    assert "deadline" in checks.errors
    assert office.resolve_deadline(1) == (date(2026, 11, 17), None)


def test_entering_changing_and_removing_a_day_each_write_their_audit_event(office):
    assert office.enter_holiday("２０２７年１月１日", "休", "元旦") == "added"
    assert office.enter_holiday("2027-01-01", "holiday", "元旦") == "unchanged"
    assert office.enter_holiday("2027-01-01", "holiday", "元旦节") == "changed"
    assert office.holidays(2027)[["date", "kind", "name", "entered_by"]].values.tolist() == [
        ["2027-01-01", "holiday", "元旦节", "clerk"]
    ]
    office.remove_holiday("2027-01-01")
    assert office.holidays(2027).empty
    events = office.store.rows(
        "SELECT actor, action, before, after FROM events WHERE entity = 'holidays' ORDER BY id"
    )
    assert [(e["actor"], e["action"]) for e in events] == [
        ("clerk", "enter_holiday"),
        ("clerk", "change_holiday"),
        ("clerk", "remove_holiday"),
    ]
    assert '"name": "元旦"' in events[1]["before"] and '"name": "元旦节"' in events[1]["after"]


def test_a_day_is_refused_with_every_reason(office):
    with pytest.raises(ValidationError) as refused:
        office.enter_holiday("2027-02-30", "weekend", " \u200b")
    assert set(refused.value.errors) == {"date", "kind", "name"}
    with pytest.raises(ValidationError, match="weekday"):
        office.enter_holiday("2027-02-08", "workday", "春节")  # a Monday as a make-up day
    with pytest.raises(NotFoundError, match="2027-03-01"):
        office.remove_holiday("2027-03-01")
    assert office.holidays().empty


def test_only_the_office_enters_days_and_is_refused_before_its_input_is_read(office):
    reporter = office.as_user("east")
    for write in (
        lambda: reporter.enter_holiday("soon", "x", ""),
        lambda: reporter.remove_holiday("soon"),
        lambda: reporter.import_holidays(b"\xff\xfe"),
        lambda: reporter.plan_holidays(b"\xff\xfe"),
    ):
        with pytest.raises(PermissionDeniedError):
            write()
    assert reporter.add_working_days(date(2026, 11, 20), 1).date == date(2026, 11, 23)


def test_a_write_through_another_connection_is_seen_at_once(office):
    before = office_calendar(office.store)
    other = office.as_user("clerk")
    from duban.service.workbook import open_workbook

    elsewhere = open_workbook(office.store.path, user="clerk")  # another connection
    elsewhere.enter_holiday("2027-02-08", "holiday", "春节")
    assert office_calendar(office.store) is not before
    assert office.calendar_known(2027) and other.calendar_known(2027)
    assert office_calendar(office.store) is office_calendar(office.store)  # read once


def test_a_page_of_deadlines_reads_the_table_once(office):
    office.import_holidays(SPRING_CSV.encode())
    statements: list[str] = []
    office.store.conn.set_trace_callback(statements.append)
    try:
        for n in range(300):
            office.add_working_days(date(2026, 12, 1) + timedelta(days=n % 20), 10 + n % 20)
    finally:
        office.store.conn.set_trace_callback(None)
    assert sum("FROM holidays" in s for s in statements) <= 1


def test_a_bad_row_is_numbered_as_the_spreadsheet_shows_it(admin):
    """A quoted name with a line break stays in its row (the units import numbers alike)."""
    data = 'date,kind,name\n2027-02-08,holiday,"春节\n（初一）"\n2027-02-09,planet,春节\n'
    plan = admin.plan_holidays(data.encode("utf-8"))
    assert list(plan.errors) == [3]

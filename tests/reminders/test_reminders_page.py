"""The reminders page without a browser: set values, click, check the page, the rows and the
audit trail."""

from __future__ import annotations

from datetime import date

import pytest

from duban.infra.i18n import set_language
from duban.models.directive_review import PAGE_SIZE
from duban.models.reminders import RemindersModel
from duban.vocabulary import REMINDABLE_LIGHTS
from duban.widgets.reminders import RemindersView


@pytest.fixture
def view(late) -> RemindersView:
    return RemindersView(RemindersModel(late.wb))


def listed(choice_list) -> list[int]:
    return [value for _label, value in choice_list.picker.options]


def test_the_reminders_list_has_the_open_late_and_yellow_tasks_and_filters(view, late):
    assert len(listed(view.reminder_list)) == 6
    assert "6 tasks listed, 0 chosen." in view.reminder_list.note.value
    view.light.value = "yellow"
    assert listed(view.reminder_list) == [late.tasks["bureau D1"]]
    view.light.value = ""
    view.unit.value = late.units["west"]
    assert sorted(listed(view.reminder_list)) == sorted(
        [late.tasks["west D1"], late.tasks["west D2"]]
    )
    label = view.reminder_list.picker.options[0][0]
    assert label.startswith("91 days late · 西街街道 · 1 开展高层建筑消防") and "部署会" in label


def test_send_reminds_the_chosen_tasks_and_offers_the_notices(view, late):
    wb = late.wb
    view.reminder_list.picker.value = (late.tasks["east D1"], late.tasks["bureau D1"])
    assert "2 chosen" in view.reminder_list.note.value
    view.note.value = "本周五前报送"
    view.send.click()
    assert "2 reminders recorded; a notice for each of 2 units is written." in view.messages.value
    rows = wb.store.rows("SELECT task_id, kind, note FROM reminders ORDER BY task_id")
    assert rows == [
        {"task_id": late.tasks["east D1"], "kind": "reminder", "note": "本周五前报送"},
        {"task_id": late.tasks["bureau D1"], "kind": "reminder", "note": "本周五前报送"},
    ]
    assert list(wb.events("reminders")["action"]) == ["remind", "remind"]
    assert view.links.value.count('class="duban-download"') == 3  # the zip and two notices
    assert "reminders-2026-11-16-1.zip" in view.links.value
    assert "催办" not in view.preview.value and "Reminder notice" in view.preview.value
    assert view.note.value == "" and view.reminder_list.picker.value == ()


def test_sending_nothing_is_shown_in_the_form(view, late):
    view.send.click()
    assert "Nothing was saved" in view.messages.value and "choose at least one task" in (
        view.messages.value
    )
    assert late.wb.store.rows("SELECT * FROM reminders") == []


def test_a_too_long_note_is_shown_under_the_note(view, late):
    view.reminder_list.picker.value = (late.tasks["east D1"],)
    view.note.value = "x" * 2001
    view.send.click()
    assert "too long" in view.note_error.value and "Nothing was saved" in view.messages.value
    assert late.wb.store.rows("SELECT * FROM reminders") == []


def test_choices_are_kept_across_pages_and_choose_all_takes_every_page(late):
    many_candidates(late)
    view = RemindersView(RemindersModel(late.wb))
    choices = view.reminder_list
    total = view.model.reminders.total
    assert total == 6 + PAGE_SIZE + 5 and len(listed(choices)) == PAGE_SIZE
    first = listed(choices)[0]
    choices.picker.value = (first,)
    choices.pager.later.click()
    assert len(listed(choices)) == total - PAGE_SIZE
    choices.picker.value = (listed(choices)[0],)
    assert view.model.reminders.chosen[0] == first and len(view.model.reminders.chosen) == 2
    choices.choose_all.click()
    assert len(view.model.reminders.chosen) == total
    assert f"{total} tasks listed, {total} chosen." in choices.note.value
    choices.clear.click()
    assert view.model.reminders.chosen == []


def many_candidates(late, count: int = PAGE_SIZE + 5) -> None:
    """`count` more tasks to remind (due tomorrow), one per new unit, and as many closed."""
    wb = late.wb
    meeting = wb.log_meeting("Many", "dispatch", "district", "2026-11-16")
    directive = wb.add_directive(meeting, "Check every shop")
    for n in range(count):
        unit = wb.as_user("admin").add_unit(f"Shop unit {n:02d}", "other")
        wb.assign(directive, [unit], "2026-11-17")


def test_opening_the_page_reads_a_page_of_rows_and_the_choices_in_sql(late, monkeypatch):
    many_candidates(late)
    wb = late.wb
    read = []
    frame = wb.store.frame
    monkeypatch.setattr(wb.store, "frame", lambda *a: read.append(frame(*a)) or read[-1])
    model = RemindersModel(wb)
    assert model.reminders.total == 6 + PAGE_SIZE + 5 and len(model.reminders.rows) == PAGE_SIZE
    tasks = [f for f in read if "deadline" in f.columns]
    assert [len(f) for f in tasks] == [PAGE_SIZE, 4]  # a page of each list, no more
    read.clear()
    model.reminders.choose_all()  # every id, and no row
    assert len(model.reminders.chosen) == model.reminders.total and read == []


def test_the_lists_pages_ids_and_choices_agree_with_the_whole_list(late):
    many_candidates(late)
    wb = late.wb
    listing = wb.reminder_list()
    whole = wb.reminder_candidates()
    pages = [listing.page(n * PAGE_SIZE, PAGE_SIZE) for n in range(2)]
    assert [i for p in pages for i in p["id"]] == list(whole["id"]) == listing.ids()
    assert listing.count() == len(whole) == 6 + PAGE_SIZE + 5
    assert listing.ids(among=[late.tasks["west D1"], late.tasks["south D3"]]) == [
        late.tasks["west D1"]  # south D3 is closed
    ]
    assert sorted(wb.reminder_units()["unit_id"]) == sorted(set(whole["unit_id"]))
    assert sorted(wb.reminder_meetings()["meeting_id"]) == sorted(set(whole["meeting_id"]))
    closed = wb.lookback_candidates()
    assert list(wb.lookback_meetings()["meeting_id"]) == [late.meeting]
    assert list(wb.lookback_list().page(1, 2)["id"]) == list(closed["id"][1:3])


def test_the_escalation_tab_shows_the_rule_and_records_interviews(view, late):
    wb = late.wb
    assert "2 or more of its tasks became overdue in the last 90 days" in view.rule.value
    assert list(view.escalation_table.frame["unit"]) == ["东街街道", "南街街道", "区消防救援大队"]
    assert "none yet" in view.escalation_table.value
    view.units.value = (late.units["east"],)
    view.interview_note.value = "区安委办约谈主要负责人"
    view.interview.click()
    assert "Interview recorded with 1 units, on 2 open late tasks." in (
        view.escalation_messages.value
    )
    rows = wb.store.rows("SELECT task_id, kind, note FROM reminders")
    assert {(r["task_id"], r["kind"]) for r in rows} == {
        (late.tasks["east D1"], "interview"),
        (late.tasks["east D2"], "interview"),
    }
    assert "none yet" in view.escalation_table.value  # south and fire still
    assert "Nov 16, 2026" in view.escalation_table.value  # east's interview, in local time


def test_an_interview_with_a_unit_with_nothing_open_is_refused_on_the_page(view, late):
    view.units.value = (late.units["fire"],)
    view.interview.click()
    assert "区消防救援大队: no open late task" in view.escalation_messages.value
    assert late.wb.store.rows("SELECT * FROM reminders") == []


def test_look_back_filters_and_reopens_with_the_reason(view, late):
    wb = late.wb
    assert len(listed(view.lookback_list)) == 4
    view.area.value = "road_traffic"
    assert sorted(listed(view.lookback_list)) == sorted(
        [late.tasks["fire D4"], late.tasks["south D4"]]
    )
    view.closed_before.value = date(2026, 10, 20)
    assert listed(view.lookback_list) == [late.tasks["south D4"]]
    assert "closed 2026-10-19" in view.lookback_list.picker.options[0][0]
    view.lookback_list.choose_all.click()
    view.reason.value = "回头看：复查整改是否到位"
    view.reopen.click()
    assert "1 tasks reopened for re-checking" in view.lookback_messages.value
    assert wb.task(late.tasks["south D4"])["status"] == "in_progress"
    (review,) = wb.store.rows("SELECT task_id, comment FROM reviews WHERE decision = 'reopened'")
    assert review == {"task_id": late.tasks["south D4"], "comment": "回头看：复查整改是否到位"}
    assert "reopen" in set(wb.events("tasks", late.tasks["south D4"])["action"])
    assert listed(view.lookback_list) == []  # it is no longer closed
    assert late.tasks["south D4"] in view.model.reminders.listing.ids()  # open and late again


def test_look_back_without_a_reason_is_refused_under_the_reason(view, late):
    wb = late.wb
    before = len(wb.events())
    view.lookback_list.choose_all.click()
    view.reason.value = "   "
    view.reopen.click()
    assert "must not be empty" in view.reason_error.value
    assert "Nothing was saved" in view.lookback_messages.value
    assert len(wb.events()) == before
    assert set(wb.tasks(status="closed")["id"]) >= set(view.model.lookback.chosen)


def test_state_round_trip(view, late):
    view.unit.value = late.units["east"]
    view.closed_before.value = date(2026, 10, 20)
    state = view.model.get_state()
    assert state["unit_id"] == late.units["east"] and state["closed_before"] == "2026-10-20"
    model = RemindersModel(late.wb)
    model.set_state(state)
    assert model.get_state() == state
    assert set(model.reminders.rows["unit_id"]) == {late.units["east"]}
    model.reset()
    assert model.unit_id is None and model.reminders.total == 6


def test_the_page_speaks_chinese(late):
    set_language("zh_CN")
    view = RemindersView(RemindersModel(late.wb))
    assert [view.tabs.get_title(i) for i in range(3)] == ["催办", "约谈", "回头看"]
    assert "近90天内有2项及以上任务逾期" in view.rule.value
    assert "逾期91天" in view.reminder_list.picker.options[0][0]


def test_an_empty_database_shows_a_page(office):
    view = RemindersView(RemindersModel(office))
    assert "No task matches these filters." in view.reminder_list.note.value
    assert "No unit meets the escalation rule." in view.escalation_table.value
    assert view.interview.disabled


def test_the_filters_say_all_before_one_is_chosen(view):
    for picker, label in (
        (view.unit, "all units"),
        (view.meeting, "all meetings"),
        (view.lookback_meeting, "all meetings"),
        (view.area, "all areas"),
    ):
        assert picker.label == label  # not a blank box


def test_a_sent_reminder_shows_in_the_list(view, late):
    view.reminder_list.picker.value = (late.tasks["west D1"],)
    view.send.click()
    label = dict((v, k) for k, v in view.reminder_list.picker.options)[late.tasks["west D1"]]
    assert label.endswith("reminded 2026-11-16")


def test_a_filter_on_a_meeting_whose_last_closed_task_reopened_is_lifted(view, late):
    view.lookback_meeting.value = late.meeting
    view.lookback_list.choose_all.click()
    view.reason.value = "复查"
    view.reopen.click()
    assert "4 tasks reopened" in view.lookback_messages.value
    assert view.model.lookback_meeting_id is None and view.lookback_meeting.label == "all meetings"


def test_the_light_filter_offers_the_remindable_lights_with_their_labels(view):
    assert view.light.options == (
        ("overdue and near the deadline", ""),
        *((REMINDABLE_LIGHTS.label(light), light) for light in REMINDABLE_LIGHTS),
    )
    assert [v for _label, v in view.light.options[1:]] == ["red", "yellow"]

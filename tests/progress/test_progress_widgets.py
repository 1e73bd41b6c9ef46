"""The progress page's model and view, no browser: set filters, pick items, read what is shown."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from duban.infra.i18n import set_language
from duban.models.progress import PARTS, ProgressModel
from duban.widgets.progress import ProgressView
from duban.widgets.progress_parts import lights_bars, shortened

from .conftest import PERIOD, _at


def opened(view: ProgressView, part: str) -> ProgressView:
    """The view with the tab of `part` opened, as a leader clicks it."""
    view.tabs.selected_index = PARTS.index(part)
    return view


@pytest.fixture
def view(history) -> ProgressView:
    view = ProgressView(ProgressModel(history.wb.as_user("leader")))
    view.period.start.value, view.period.end.value = PERIOD.start, PERIOD.end
    return view


def test_custom_dates_set_the_scope_and_the_cards(view):
    assert view.period.preset.value == "custom"
    assert view.model.scope == PERIOD
    assert view.model.headline["assigned"] == 6
    assert '<div class="value">6</div><div class="label">tasks assigned</div>' in view.cards.value
    assert "2026-10-01 to 2026-11-16" in view.note.value


def test_a_filter_narrows_every_table(view):
    view.level.value = "municipal"
    assert view.model.headline["assigned"] == 2
    assert list(view.meeting_table.frame["meeting"]) == ["B video"]
    assert list(opened(view, "ranking").rankings["street"].frame["unit"]) == ["东街街道"]
    view.level.value = ""
    assert view.model.headline["assigned"] == 6


def test_the_ranking_shows_the_formula_and_streets_apart(view):
    opened(view, "ranking")
    assert "100 × on-time rate − 5 × overdue tasks − 2 × returned tasks" in view.formula.value
    assert list(view.rankings["street"].frame["unit"]) == ["东街街道", "西街街道", "南街街道"]
    assert list(view.rankings["department"].frame["unit"]) == ["区消防救援大队", "区应急管理局"]
    assert view.rankings["committee"].layout.display == "none"
    assert "no task due in the period" in view.formula.value


def test_a_unit_with_nothing_due_shows_dashes_and_the_reason(view):
    """区应急管理局's only task (A2) is due 11-18: no rank, no score, the reason beside it."""
    opened(view, "ranking")
    table = view.rankings["department"].value
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]
    ranked, unranked = rows[1], rows[2]  # rows[0] holds the headings
    assert (ranked[0], ranked[1], ranked[2], ranked[-1]) == ("1", "区消防救援大队", "-5", "")
    assert (unranked[0], unranked[1], unranked[2]) == ("–", "区应急管理局", "–")
    assert unranked[-1] == "no task due in the period"
    assert list(view.ranking_chart.figure.data[0].x) == [
        "区消防救援大队",
        "东街街道",
        "西街街道",
        "南街街道",
    ]


def test_drill_into_a_unit_then_a_tasks_history(view, history):
    opened(view, "details")
    view.drill_kind.value = "unit"
    view.drill_item.value = history.units["西街街道"]
    assert list(view.drill_table.frame["id"]) == [history.tasks["A1 west"]]
    view.task_picker.value = history.tasks["A1 west"]
    assert list(view.history_table.frame["what"]) == [
        "assigned",
        "acknowledged",
        "closure_request",
        "returned",
        "closure_request",
        "closed",
    ]


def test_drill_into_a_meeting(view, history):
    view.drill_kind.value = "meeting"
    view.drill_item.value = history.meetings["B"]
    assert sorted(view.drill_table.frame["unit"]) == ["东街街道", "区消防救援大队"]


def test_lineage_of_a_meeting_passing_on_an_upstream_one(view, history):
    opened(view, "lineage")
    view.lineage_picker.value = history.meetings["A"]
    assert "U provincial" in view.chain.value and "A plenary" in view.chain.value
    assert list(view.cascade_table.frame["assigned"]) == [3, 1, 0]


def test_the_charts_hold_the_models_numbers(view):
    opened(view, "areas")
    opened(view, "trend")  # the trend tab's chart is sent once the tab is opened
    trend = view.trend_chart.figure
    assert list(trend.data[0].y) == [4, 0, 0, 0, 0, 2, 0, 0]
    assert list(view.area_chart.figure.data[2].y) == [2, 1, 0]  # red: fire, road traffic, gas
    (sent,) = view.trend_chart.outputs  # what the browser draws: plotly's MIME type, plain JSON
    assert sent["data"]["application/vnd.plotly.v1+json"]["data"][0]["y"] == [
        4,
        0,
        0,
        0,
        0,
        2,
        0,
        0,
    ]


def test_a_period_ending_before_it_starts_is_shown_as_an_error(view):
    view.period.end.value = date(2026, 9, 1)
    assert "must not be before the start of the period" in view.messages.value
    assert view.model.scope == PERIOD


def test_state_round_trip(view, history):
    view.level.value = "district"
    view.model.drill("unit", history.units["西街街道"])
    state = view.model.get_state()
    other = ProgressModel(history.wb)
    other.set_state(state)
    assert other.scope == PERIOD.narrowed(level="district")
    assert other.headline == view.model.headline
    assert list(other.drill_tasks["id"]) == [history.tasks["A1 west"]]


def test_reset_opens_the_page_afresh(view):
    view.level.value = "municipal"
    view.model.reset()
    assert view.model.scope == ProgressModel(view.model.wb).scope  # this year, no filter
    assert (view.period.preset.value, view.level.value) == ("this_year", "")


def test_an_empty_database_shows_a_page(admin):
    view = ProgressView(ProgressModel(admin))
    assert view.model.headline["assigned"] == 0
    assert "Nothing in this scope." in view.meeting_table.value


def test_the_board_note_tells_the_limit_the_tables_use(view):
    from duban.models.progress import BOARD_LIMIT

    assert f"the most red first, at most {BOARD_LIMIT} rows" in view.board_note.value
    view.model.board_limit = 1
    view.model.refresh()
    assert len(view.meeting_table.frame) == 1 and len(view.directive_table.frame) == 1
    assert "each table lists the most red first, at most 1 rows" in view.board_note.value


def test_every_picker_says_choose_before_anything_is_chosen(office):
    from duban.models.progress import ProgressModel
    from duban.widgets.progress import ProgressView

    view = ProgressView(ProgressModel(office))
    for picker in (view.lineage_picker, view.drill_item, view.task_picker):
        assert picker.label == "— choose —"


def test_two_meetings_of_one_title_are_told_apart(history):
    wb = history.wb
    with _at("2026-11-06"):
        again = wb.log_meeting("A plenary", "plenary", "district", "2026-11-06")
        twin = wb.log_meeting("A plenary", "dispatch", "street", "2026-11-06")
        for meeting in (again, twin):
            directive = wb.add_directive(meeting, "again fire", areas=["fire"])
            wb.assign(directive, ["东街街道"], "2026-11-30")
    view = ProgressView(ProgressModel(wb.as_user("leader")))
    view.period.start.value, view.period.end.value = PERIOD.start, PERIOD.end
    opened(view, "details").drill_kind.value = "unit"
    view.drill_item.value = history.units["东街街道"]
    assert sorted(view.drill_table.frame["meeting"]) == [
        "A plenary (2026-10-01)",
        "A plenary (2026-11-06), district, plenary or expanded meeting",
        "A plenary (2026-11-06), street, work-promotion or dispatch meeting",
        "B video (2026-11-02)",
    ]
    assert "A plenary (2026-10-01)" in view.drill_table.value
    assert len(set(view.directive_table.frame["meeting"])) == 4  # B video and three A plenary
    view.drill_kind.value = "meeting"
    labels = [label for label, _id in view.drill_item.options[1:]]
    assert len(labels) == len(set(labels)) == 4
    board = view.lights_bars.value
    names = re.findall(r'class="duban-lights-row" title="([^"]*)"', board)
    labels = re.findall(r'class="duban-lights-label">(.*?)</div>', board)
    assert len(set(names)) == 4 and len(set(labels)) == 3  # the twins: by their full names


def test_meeting_names_follow_the_language(view):
    set_language("zh_CN")
    view.model.refresh()
    assert "A plenary（2026-10-01）" in set(view.directive_table.frame["meeting"])


def test_the_trend_axis_speaks_the_language(view):
    """The weeks' dates are the kit's (plotly's own would read Oct, Nov in Chinese too)."""
    opened(view, "trend")
    set_language("zh_CN")
    view.model.refresh()
    axis = view.trend_chart.figure.layout.xaxis
    assert list(axis.ticktext) == ["9月28日", "10月12日", "10月26日", "11月9日"]
    assert list(axis.tickvals) == ["2026-09-28", "2026-10-12", "2026-10-26", "2026-11-09"]
    assert view.trend_chart.figure.data[0].customdata[0] == "9月28日"
    set_language("en")
    view.model.refresh()
    assert view.trend_chart.figure.layout.xaxis.ticktext[0] == "Sep 28"


def test_the_lights_bars_fit_a_phone(view):
    """Short titles over the date, the full name on hover; the bars to the largest's scale."""
    board = view.lights_bars.value
    rows = re.findall(r'title="([^"]*)"><div class="duban-lights-label">(.*?)</div>', board)
    assert rows == [
        ("A plenary (2026-10-01)", "A plenary<br>2026-10-01"),
        ("B video (2026-11-02)", "B video<br>2026-11-02"),
    ]
    meetings = view.model.meetings.head(15)
    totals = meetings[["green", "yellow", "red"]].sum(axis=1)
    widths = [float(w) for w in re.findall(r"width:([\d.]+)%", board)]
    assert sum(widths) == pytest.approx(100 * totals.sum() / totals.max(), abs=0.5)
    assert shortened("区安委会2026年第二次全体会议") == "区安委会2026年第…"


def test_the_lights_bars_show_titles_as_text():
    frame = pd.DataFrame(
        [
            {
                "meeting_id": 1,
                "meeting": "<b>会</b>",
                "held_on": "2026-11-02",
                "level": "district",
                "kind": "plenary",
                "green": 0,
                "yellow": 2,
                "red": 1,
            }
        ]
    )
    board = lights_bars(frame)
    assert "<b>" not in board and "&lt;b&gt;会&lt;/b&gt;" in board
    assert re.findall(r'title="[^"]*: [^"]* (\d+)">', board) == ["2", "1"]  # no green part


def test_a_hidden_tabs_chart_is_sent_when_its_tab_opens_and_kept_current(view, history):
    """At the first paint no chart goes to the browser (the traffic lights are HTML); a tab's
    chart is sent when the tab opens, and from then on as the model changes."""
    assert "duban-lights-row" in view.lights_bars.value
    assert [view.tab_charts[i].outputs for i in (1, 2, 3)] == [(), (), ()]
    view.tabs.selected_index = 2
    (sent,) = view.area_chart.outputs
    assert sent["data"]["application/vnd.plotly.v1+json"]["data"][2]["y"] == [2, 1, 0]
    assert view.ranking_chart.outputs == () and view.trend_chart.outputs == ()
    view.area.value = "fire"  # fire, and road traffic of the same directives
    (sent,) = view.area_chart.outputs
    assert sent["data"]["application/vnd.plotly.v1+json"]["data"][2]["y"] == [2, 0]


def test_only_the_part_in_view_is_computed_and_the_page_says_so(view, history, monkeypatch):
    """The headline and the traffic lights at once; each other tab when first opened; a filter
    change recomputes the headline and the tab in view only, the others when opened again."""
    assert view.model.stale == set(PARTS) - {"board"}
    assert view.area_chart.figure is None and view.model.ranking.empty
    said = []
    view.computing.observe(lambda c: said.append(c.new), "value")
    opened(view, "areas")
    assert said == ['<p class="duban-note">Computing: Areas…</p>', ""]
    asked = []
    for name in ("headline", "by_area", "ranking", "board_by_meeting", "trend"):
        real = getattr(view.model.wb, name)
        monkeypatch.setattr(
            view.model.wb, name, lambda *a, n=name, f=real, **k: asked.append(n) or f(*a, **k)
        )
    view.level.value = "municipal"
    assert asked == ["headline", "by_area"]
    assert view.model.stale == set(PARTS) - {"areas"}
    opened(view, "board")
    assert asked == ["headline", "by_area", "board_by_meeting"]
    assert list(view.meeting_table.frame["meeting"]) == ["B video"]
    opened(view, "areas")  # computed for this scope already: nothing asked
    assert asked == ["headline", "by_area", "board_by_meeting"]

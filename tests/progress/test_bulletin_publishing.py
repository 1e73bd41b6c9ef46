"""Who may publish a bulletin, where its files go, and how its words read in each language."""

from __future__ import annotations

import pytest

from duban.documents.bulletin import compile_bulletin, context, file_stem, write_bulletin
from duban.infra.errors import PermissionDeniedError
from duban.infra.i18n import set_language
from duban.models.bulletin import BulletinModel
from duban.widgets.bulletin import BulletinView

from .conftest import PERIOD


@pytest.mark.parametrize("login", ["east", "analyst"])
def test_only_the_office_and_leaders_may_write_bulletins(history, login):
    folder = history.wb.store.path.parent / "bulletins"
    with pytest.raises(PermissionDeniedError, match="may not publish bulletins"):
        write_bulletin(history.wb.as_user(login), PERIOD)
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.parametrize("login", ["clerk", "leader", "admin"])
def test_the_office_and_leaders_write_bulletins(history, login):
    _bulletin, files = write_bulletin(history.wb.as_user(login), PERIOD)
    assert files.html.exists() and files.docx.exists() and files.xlsx.exists()


def test_a_reporter_on_the_page_is_told_and_nothing_is_written(history):
    view = BulletinView(BulletinModel(history.wb.as_user("south")))
    view.generate.click()
    assert "may not publish bulletins" in view.messages.value
    assert view.links.value == ""
    assert not (history.wb.store.path.parent / "bulletins").exists()


def test_different_scopes_write_different_files(history):
    wb = history.wb
    scopes = [
        PERIOD,
        PERIOD.narrowed(level="municipal"),
        PERIOD.narrowed(unit_kind="street"),
        PERIOD.narrowed(area="fire", unit_id=history.units["东街街道"]),
        PERIOD.narrowed(meeting_id=history.meetings["A"]),
    ]
    written = [write_bulletin(wb, scope) for scope in scopes]
    names = [files.html.name for _b, files in written]
    assert len(set(names)) == len(scopes)
    assert names[0] == "bulletin-2026-10-01_2026-11-16.html"
    assert names[1] == "bulletin-2026-10-01_2026-11-16_level-municipal.html"
    # each file still holds its own scope's figures: the narrower did not overwrite the wider
    assert "南街街道" in written[0][1].html.read_text(encoding="utf-8")
    assert "南街街道" not in written[1][1].html.read_text(encoding="utf-8")
    for _bulletin, files in written:
        assert files.xlsx.name == files.html.name.replace("bulletin-", "ledger-").replace(
            ".html", ".xlsx"
        )
        assert files.docx.stem == files.html.stem


def test_file_names_hold_only_safe_characters(history):
    stem = file_stem(PERIOD.narrowed(area="road_traffic", meeting_id=7), history.wb.today())
    assert stem == "2026-10-01_2026-11-16_area-road_traffic_meeting_id-7"
    assert all(c.isalnum() or c in "_-" for c in stem)


def test_the_list_of_overdue_units_follows_the_language(history):
    bulletin = compile_bulletin(history.wb, PERIOD)
    assert (
        context(bulletin)["overdue_text"]
        == "Units with overdue tasks (number overdue): 南街街道 (1), 区消防救援大队 (1)."
    )
    set_language("zh_CN")
    assert (
        context(bulletin)["overdue_text"]
        == "存在逾期任务的单位（逾期项数）：南街街道（1）、区消防救援大队（1）。"
    )


def test_a_period_ending_before_it_starts_generates_nothing(office):
    from datetime import date

    from duban.models.bulletin import BulletinModel
    from duban.widgets.bulletin import BulletinView

    view = BulletinView(BulletinModel(office))
    view.period.start.value, view.period.end.value = date(2026, 10, 1), date(2026, 9, 1)
    view.generate.click()
    assert (
        "must not be before the start of the period" in view.messages.value
        and "to:" in view.messages.value
    )
    assert view.links.value == ""
    assert not (office.store.path.parent / "bulletins").exists()

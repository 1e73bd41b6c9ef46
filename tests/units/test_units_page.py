"""The units page without a browser: set values, click, check the page, the rows and the audit."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook as Book

from duban.models.units import UnitsModel
from duban.widgets.units import UnitsView


@pytest.fixture
def view(office) -> UnitsView:
    return UnitsView(UnitsModel(office))


def upload(view: UnitsView, name: str, content: bytes) -> None:
    view.upload.value = (
        {"name": name, "type": "", "size": len(content), "content": memoryview(content),
         "last_modified": datetime(2026, 11, 16, tzinfo=UTC)},
    )  # fmt: skip


def xlsx_bytes(rows: list[list]) -> bytes:
    book = Book()
    for values in rows:
        book.active.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_list_shows_kind_aliases_groups_open_tasks_and_status(office, view):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    office.assign(office.add_directive(meeting, "Inspect"), ["东街街道"], date(2026, 11, 30))
    view.model.refresh()
    assert "Emergency Bureau" in view.table.value and "所有街道" in view.table.value
    assert '<td class="short" data-label="Open tasks">1</td>' in view.table.value
    view.search.value = "emergency"
    assert "区应急管理局" in view.table.value and "东街街道" not in view.table.value


def test_add_then_rename_shows_the_result_and_writes_the_audit(office, view):
    view.add_name.value, view.add_kind.value, view.add_aliases.value = "北街街道", "street", "北街"
    view.add.click()
    assert "Added 北街街道" in view.add_section.messages.value
    assert "北街街道" in view.table.value and view.unit.value == office.find_unit("北街")["id"]
    view.new_name.value = "北城街道"
    view.rename.click()
    assert "北城街道" in view.unit_section.messages.value
    assert office.find_unit("北街街道")["name"] == "北城街道"
    assert {"add_unit", "rename_unit"} <= set(office.events("units")["action"])


def test_errors_show_in_the_part_where_they_happened(office, view):
    view.add.click()
    assert "name: must not be empty" in view.add_section.messages.value
    assert "Nothing was saved" in view.add_section.messages.value
    view.rename.click()  # no unit chosen
    assert "choose one first" in view.unit_section.messages.value
    assert len(office.units()) == 5


def test_merge_into_retire_and_bring_back(office, view):
    view.unit.value = office.find_unit("东街街道")["id"]
    view.merge_target.value = office.find_unit("西街街道")["id"]
    view.merge.click()
    assert "merged into 西街街道" in view.unit_section.messages.value
    assert office.find_unit(office.find_unit("西街街道")["id"])["active"] == 1
    view.show_retired.value = True
    assert "merged into 西街街道" in view.table.value
    assert view.restore.disabled  # a merged unit does not come back
    view.unit.value = office.find_unit("南街街道")["id"]
    view.retire.click()
    assert office.find_unit("南街街道")["active"] == 0 and not view.restore.disabled
    assert "retired on 2026-11-16" in view.table.value and "nan" not in view.table.value
    view.restore.click()
    assert office.find_unit("南街街道")["active"] == 1
    assert "active again" in view.unit_section.messages.value


def test_a_name_typed_is_emptied_once_used_and_kept_when_refused(office, view):
    view.unit.value = office.find_unit("东街街道")["id"]
    view.new_name.value = "西街街道"  # taken
    view.rename.click()
    assert view.new_name.value == "西街街道" and "Nothing was saved" in (
        view.unit_section.messages.value
    )
    view.new_name.value = "东城街道"
    view.rename.click()
    assert view.new_name.value == "" and office.find_unit("东街街道")["name"] == "东城街道"
    view.new_group.value = "Fire-prone"
    view.add_group.click()
    assert view.new_group.value == "" and office.find_group("Fire-prone")
    view.group_name.value = "易燃区域"
    view.rename_group.click()
    assert view.group_name.value == "" and office.find_group("Fire-prone")["name"] == "易燃区域"


def test_groups_add_rename_and_members(office, view):
    view.new_group.value = "Fire-prone"
    view.add_group.click()
    assert "Fire-prone" in view.group_section.messages.value
    view.member.value = office.find_unit("区消防救援大队")["id"]
    view.add_member.click()
    assert "区消防救援大队" in view.members.value
    view.group_name.value = "易燃区域"
    view.rename_group.click()
    assert office.find_group("Fire-prone")["name"] == "易燃区域"
    view.group.value = office.find_group("所有街道")["id"]
    assert view.add_member.disabled and "every active unit" in view.members.value


def test_import_previews_then_imports_only_a_good_file(office, view):
    before = len(office.events())
    upload(
        view, "bad.xlsx", xlsx_bytes([["名称", "类别"], ["北街街道", "街道"], ["中街", "planet"]])
    )
    assert (
        "1 bad rows" in view.preview.value
        and '<td class="short" data-label="Row">3</td>' in view.preview.value
    )
    assert view.run_import.disabled and len(office.events()) == before
    upload(
        view, "good.csv", "名称,类别,别名\n北街街道,街道,北街\n东街街道,街道,\n".encode("gb18030")
    )
    assert "1 new units" in view.preview.value and "bad rows" not in view.preview.value
    assert ">new unit</td>" in view.preview.value  # the row of 北街街道 says what it does
    assert not view.run_import.disabled
    view.run_import.click()
    assert "1 units added" in view.import_section.messages.value
    assert office.find_unit("北街")["name"] == "北街街道" and "北街街道" in view.table.value
    assert view.run_import.disabled and view.preview.value == ""


def test_a_file_of_another_type_is_refused_in_the_import_part(view):
    upload(view, "units.docx", b"PK")
    assert ".xlsx or .csv" in view.import_section.messages.value and view.run_import.disabled


def test_the_list_is_paged(office, view):
    for n in range(30):
        office.add_unit(f"第{n}社区", "other")
    view.model.refresh()
    assert view.table.value.count("<tr>") == 21  # the header and 20 units
    assert "1–20 of 35" in view.pager.where.value
    view.pager.later.click()
    assert view.table.value.count("<tr>") == 16

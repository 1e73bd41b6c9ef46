"""Units, groups and assignment to groups: one task per member unit."""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date

import pytest

from duban.infra.errors import NotFoundError, PermissionDeniedError, ValidationError
from duban.service.tasks import Target


@pytest.fixture
def directive(office):
    meeting = office.log_meeting("Plenary", "plenary", "district", "2026-11-10")
    return office.add_directive(
        meeting, "Every street inspects its markets", areas=["crowded_places"]
    )


def test_a_group_expands_to_one_task_per_member(office, directive):
    result = office.assign(directive, [Target("All streets", group=True)], date(2026, 11, 30))
    tasks = office.tasks()
    assert len(result.task_ids) == 3
    assert sorted(tasks["unit"]) == sorted(["东街街道", "西街街道", "南街街道"])
    assert set(tasks["role"]) == {"lead"}


def test_a_group_name_without_the_flag_is_found_too(office, directive):
    assert len(office.assign(directive, ["所有街道"], date(2026, 11, 30)).task_ids) == 3


def test_a_unit_named_itself_keeps_its_own_role_inside_a_group(office, directive):
    office.assign(
        directive,
        [Target("所有街道", "cooperating"), Target("东街街道", "lead")],
        date(2026, 11, 30),
    )
    roles = dict(zip(office.tasks()["unit"], office.tasks()["role"], strict=True))
    assert roles == {"东街街道": "lead", "西街街道": "cooperating", "南街街道": "cooperating"}


def test_a_kind_group_follows_the_unit_list(office, admin, directive):
    admin.add_unit("北街街道", "street")
    assert len(office.assign(directive, ["所有街道"], date(2026, 11, 30)).task_ids) == 4


def test_a_fixed_group_has_its_members_only(office, admin, directive):
    admin.add_group("Fire-prone", members=["区消防救援大队", "Emergency Bureau"])
    office.assign(directive, ["Fire-prone"], date(2026, 11, 30))
    assert sorted(office.tasks()["unit"]) == ["区应急管理局", "区消防救援大队"]


def test_assigning_again_skips_units_that_have_the_directive(office, directive):
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    again = office.assign(directive, ["所有街道"], date(2026, 11, 30))
    assert len(again.task_ids) == 2
    assert any("东街街道" in w for w in again.warnings)


def test_rename_keeps_the_old_name_as_an_alias_and_history(office, admin, directive):
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    admin.rename_unit("东街街道", "东城街道")
    assert admin.find_unit("东街街道")["name"] == "东城街道"
    assert office.tasks()["unit"].tolist() == ["东城街道"]


def test_merge_moves_open_tasks_and_retires_the_unit(office, admin, directive):
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    east = admin.find_unit("东街街道")["id"]
    result = admin.merge_units("东街街道", "西街街道", on=date(2026, 11, 16))
    assert len(result.moved) == 1 and result.stranded == []
    assert admin.users().set_index("login").loc["east", "unit"] == "西街街道"
    old = admin.find_unit(east)
    assert (old["active"], old["valid_to"], old["successor_id"]) == (
        0,
        "2026-11-16",
        admin.find_unit("西街街道")["id"],
    )
    assert office.tasks()["unit"].tolist() == ["西街街道"]
    assert "东街街道" not in admin.units()["name"].tolist()
    assert "东街街道" in admin.units(include_inactive=True)["name"].tolist()


def test_merge_moves_names_and_fixed_groups_to_the_successor(office, admin):
    admin.add_unit("北街街道", "street", ["North Street"])
    fire = admin.add_group("Fire-prone", members=["北街街道"])
    admin.merge_units("北街街道", "西街街道")
    west = admin.find_unit("西街街道")
    assert json.loads(west["aliases"]) == ["北街街道", "North Street"]
    assert admin.find_unit("北街街道")["id"] == admin.find_unit("North Street")["id"] == west["id"]
    assert admin.group_unit_ids(fire) == [west["id"]]
    actions = set(admin.events("units")["action"]) | set(
        admin.events("unit_group_members")["action"]
    )
    assert {"merge_unit", "merge_unit_names", "add_group_member"} <= actions


def test_merge_refuses_a_retired_source_or_itself(office, admin):
    with pytest.raises(ValidationError, match="another, active unit"):
        admin.merge_units("东街街道", "东街街道")
    admin.retire_unit("南街街道")
    with pytest.raises(ValidationError, match="already retired"):
        admin.merge_units("南街街道", "西街街道")
    with pytest.raises(ValidationError, match="another, active unit"):
        admin.merge_units("东街街道", "南街街道")


def test_inactive_units_are_not_assigned(office, admin, directive):
    east = office.find_unit("东街街道")["id"]
    admin.merge_units("东街街道", "西街街道")
    assert len(office.assign(directive, ["所有街道"], date(2026, 11, 30)).task_ids) == 2
    with pytest.raises(ValidationError, match="no longer active"):
        office.assign(directive, [east], date(2026, 11, 30))


def test_import_units_from_csv_with_groups(admin, tmp_path):
    source = tmp_path / "units.csv"
    source.write_text(
        "name,kind,aliases,groups\n北街街道,street,North Street,\n"
        "区教育局,department,Education Bureau;教育局,\n",
        encoding="utf-8",
    )
    admin.add_group("Schools", members=[])
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "Education Bureau;教育局,", "Education Bureau;教育局,Schools"
        ),
        encoding="utf-8",
    )
    assert admin.import_units(source) == 2
    assert admin.find_unit("教育局")["name"] == "区教育局"
    assert admin.groups().set_index("name").loc["Schools", "members"] == 1


def test_import_units_from_xlsx(admin, tmp_path):
    import pandas as pd

    source = tmp_path / "units.xlsx"
    pd.DataFrame({"name": ["北街街道", "区教育局"], "kind": ["street", "department"]}).to_excel(
        source, index=False
    )
    assert admin.import_units(source) == 2
    assert sorted(admin.units()["name"]) == ["北街街道", "区教育局"]


def test_unknown_unit_or_group_is_named(office):
    with pytest.raises(NotFoundError, match="Nowhere"):
        office.find_unit("Nowhere")
    with pytest.raises(NotFoundError, match="Nobody"):
        office.find_group("Nobody")


def test_reporter_sees_only_their_units_tasks(office, directive):
    office.assign(directive, ["所有街道"], date(2026, 11, 30))
    east = office.as_user("east")
    assert east.tasks()["unit"].tolist() == ["东街街道"]
    other = office.tasks().set_index("unit").loc["西街街道", "id"]
    with pytest.raises(NotFoundError):
        east.task(int(other))


def test_a_unit_in_both_lists_leads_and_a_unit_named_beats_its_group(office, directive):
    roles = office.expand_targets(
        [
            Target("东街街道", "cooperating"),
            Target("东街街道", "lead"),
            Target("所有街道", "lead"),
            Target("西街街道", "cooperating"),
        ]
    )
    names = {office.find_unit(unit_id)["name"]: role for unit_id, role in roles.items()}
    assert names == {"东街街道": "lead", "西街街道": "cooperating", "南街街道": "lead"}
    two_groups = office.expand_targets(
        [Target("所有街道", "cooperating"), Target("All streets", "lead")]
    )
    assert set(two_groups.values()) == {"lead"}


def test_reporters_cannot_read_the_audit_trail_or_the_users(office):
    from duban.infra.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        office.as_user("east").events()
    with pytest.raises(PermissionDeniedError):
        office.as_user("east").users()
    assert len(office.as_user("leader").events()) > 0


def test_merge_lists_open_tasks_that_cannot_move(office, admin, directive):
    office.assign(directive, ["东街街道", "西街街道"], date(2026, 11, 30))
    result = admin.merge_units("东街街道", "西街街道")
    stranded = office.tasks().set_index("id").loc[result.stranded[0]]
    assert result.moved == [] and stranded["unit"] == "东街街道"


def test_a_bad_target_is_reported_beside_the_list_it_was_chosen_in(office, directive):
    from duban.infra.errors import ValidationError

    with pytest.raises(ValidationError) as raised:
        office.assign(
            directive,
            [Target("东街街道", "lead"), Target("Atlantis", "cooperating")],
            date(2026, 11, 30),
        )
    assert (
        set(raised.value.errors) == {"cooperating_units"}
        and "Atlantis" in raised.value.errors["cooperating_units"]
    )
    assert office.tasks().empty


def test_rename_to_its_own_or_another_units_name_is_refused(office, admin):
    with pytest.raises(ValidationError, match="already its name"):
        admin.rename_unit("东街街道", " 东街街道\u00a0")
    with pytest.raises(ValidationError, match="already exists"):
        admin.rename_unit("东街街道", "Emergency Bureau")
    admin.rename_unit("东街街道", "东城街道")
    admin.rename_unit("东城街道", "东街街道")  # back to its old name: no alias repeats it
    assert json.loads(admin.find_unit("东街街道")["aliases"]) == ["东城街道"]


def test_a_pasted_name_is_cleaned_before_it_is_stored(admin):
    unit = admin.add_unit(
        "\u200b北街\u3000街道 Ｎｏ.１\u00a0", "street", ["  North St ", "North St"]
    )
    row = admin.find_unit(unit)
    assert (row["name"], json.loads(row["aliases"])) == ("北街 街道 No.1", ["North St"])


def test_retire_keeps_history_refuses_open_tasks_and_can_be_undone(office, admin, directive):
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    with pytest.raises(ValidationError, match="1 open tasks"):
        admin.retire_unit("东街街道")
    admin.retire_unit("南街街道", on=date(2026, 11, 20))
    south = admin.find_unit("南街街道")
    assert (south["active"], south["valid_to"]) == (0, "2026-11-20")
    assert len(admin.group_unit_ids(admin.find_group("所有街道")["id"])) == 2
    with pytest.raises(ValidationError, match="already retired"):
        admin.retire_unit("南街街道")
    admin.restore_unit("南街街道")
    assert admin.find_unit("南街街道")["active"] == 1
    newest_first = list(admin.events("units", south["id"])["action"])
    assert newest_first[:2] == ["restore_unit", "retire_unit"]


def meanwhile(store, action, monkeypatch) -> None:
    """Run `action` (another clerk's write) just before the next write lock is taken."""
    original = store.write

    @contextmanager
    def write(actor: str):
        monkeypatch.setattr(store, "write", original)
        action()
        with original(actor) as tx:
            yield tx

    monkeypatch.setattr(store, "write", write)


def test_a_task_assigned_while_retiring_refuses_the_retirement(
    office, admin, directive, monkeypatch
):
    meanwhile(
        admin.store,
        lambda: office.assign(directive, ["南街街道"], date(2026, 11, 30)),
        monkeypatch,
    )
    with pytest.raises(ValidationError, match="1 open tasks"):
        admin.retire_unit("南街街道")
    assert admin.find_unit("南街街道")["active"] == 1


def test_a_rename_of_the_target_while_merging_keeps_its_old_name(office, admin, monkeypatch):
    meanwhile(admin.store, lambda: admin.rename_unit("西街街道", "西城街道"), monkeypatch)
    admin.merge_units("东街街道", "西街街道")
    west = admin.find_unit("西城街道")
    assert (west["name"], json.loads(west["aliases"])) == ("西城街道", ["西街街道", "东街街道"])
    assert admin.find_unit("东街街道")["id"] == west["id"]


def test_a_merged_unit_cannot_be_brought_back(office, admin):
    east = admin.find_unit("东街街道")["id"]
    admin.merge_units(east, "西街街道")
    with pytest.raises(ValidationError, match="merged into 西街街道"):
        admin.restore_unit(east)
    with pytest.raises(ValidationError, match="is active"):
        admin.restore_unit("西街街道")


def test_unit_overview_lists_groups_open_tasks_and_successors(office, admin, directive):
    admin.add_group("Fire-prone", members=["东街街道", "区消防救援大队"])
    office.assign(directive, ["东街街道"], date(2026, 11, 30))
    admin.retire_unit("南街街道")
    table = admin.unit_overview().set_index("name")
    assert table.loc["东街街道", "groups"] == ["所有街道", "Fire-prone"]
    assert table.loc["东街街道", "open_tasks"] == 1
    assert table.loc["南街街道", "groups"] == [] and table.loc["南街街道", "active"] == 0
    assert table.index[-1] == "南街街道"  # retired units last


def test_groups_rename_and_fixed_members(office, admin):
    fire = admin.add_group("Fire-prone", members=["东街街道"])
    admin.rename_group("Fire-prone", "易燃区域")
    assert admin.find_group("Fire-prone")["id"] == fire
    assert admin.add_group_members(fire, ["区应急管理局", "东街街道"]) == 1
    assert sorted(admin.group_unit_ids(fire)) == sorted(
        [admin.find_unit("东街街道")["id"], admin.find_unit("区应急管理局")["id"]]
    )
    with pytest.raises(ValidationError, match="follows its kind"):
        admin.add_group_members("所有街道", ["区应急管理局"])
    with pytest.raises(ValidationError, match="already exists"):
        admin.rename_group(fire, "All streets")
    admin.retire_unit("南街街道")
    with pytest.raises(ValidationError, match="no longer active"):
        admin.add_group_members(fire, ["南街街道"])
    with pytest.raises(ValidationError, match="lists no members"):
        admin.add_group("Streets again", members=["东街街道"], unit_kind="street")


def test_a_member_leaves_a_fixed_group(office, admin):
    fire = admin.add_group("Fire-prone", members=["东街街道", "西街街道"])
    assert admin.remove_group_members(fire, ["东街街道", "南街街道"]) == 1
    assert admin.group_unit_ids(fire) == [admin.find_unit("西街街道")["id"]]
    assert "remove_group_member" in set(admin.events("unit_group_members")["action"])


@pytest.mark.parametrize(
    "call",
    [
        lambda wb: wb.add_unit("", "planet"),
        lambda wb: wb.rename_unit("Nowhere", ""),
        lambda wb: wb.merge_units("Nowhere", "Nowhere"),
        lambda wb: wb.retire_unit("Nowhere"),
        lambda wb: wb.restore_unit("Nowhere"),
        lambda wb: wb.add_group(""),
        lambda wb: wb.rename_group("Nowhere", ""),
        lambda wb: wb.add_group_members("Nowhere", []),
        lambda wb: wb.remove_group_members("Nowhere", []),
        lambda wb: wb.preview_units_import("/nowhere.csv"),
        lambda wb: wb.import_units("/nowhere.csv"),
    ],
)
def test_every_unit_action_checks_the_permission_first(office, call):
    with pytest.raises(PermissionDeniedError):
        call(office.as_user("leader"))

"""The office's units page: the unit list, changing a unit (rename, merge into, retire, bring
back), adding one, groups and their members, and importing a unit list with its preview; a thin
view of duban.models.units.UnitsModel. Each part shows its own results and errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.base import records
from duban.models.units import UnitsModel
from duban.service.units import ImportPreview, ImportRow
from duban.service.workbook import Workbook
from duban.templates import noted
from duban.vocabulary import UNIT_KINDS
from duban.widgets.common import Messages, guarded, set_choices
from duban.widgets.form_parts import (
    STYLE,
    UNCHOSEN,
    button,
    card,
    field,
    fields,
    fitted,
    heading,
    html_line,
    row,
    table_html,
    with_all,
)
from duban.widgets.pager import Pager

PAGE_STYLE = """
<style>
.duban-units td.bad { color: #8a1c12; }
</style>
"""


def names(values: Sequence[str]) -> str:
    return _(", ").join(values) or "—"


def status_text(unit: dict) -> str:
    """Active, retired (on a date) or merged into its successor."""
    if unit["active"]:
        return _("active")
    if unit["successor"]:
        return _("merged into {name} on {date}").format(
            name=unit["successor"], date=unit["valid_to"]
        )
    return _("retired on {date}").format(date=unit["valid_to"])


def change_text(entry: ImportRow) -> str:
    """What importing one row does, in words."""
    if entry.change == "added":
        return _("new unit")
    if entry.change == "unchanged":
        return _("no change")
    parts = []
    if entry.new_aliases:
        parts.append(_("new aliases: {names}").format(names=names(entry.new_aliases)))
    if entry.new_groups:
        parts.append(_("joins: {names}").format(names=names(entry.new_groups)))
    return _("; ").join(parts)


def cleared(action: Callable[[str], str], text: w.Text) -> str:
    """`action` on the text typed, which is emptied once the action succeeded."""
    said = action(text.value)
    text.value = ""
    return said


class Section:
    """A framed part of the page with its heading and its own message line."""

    def __init__(self, title: str):
        self.heading = heading(title)
        self.messages = Messages()
        self.widget = card(self.heading, self.messages)

    def fill(self, *children: w.Widget) -> Section:
        """The section's content, between its heading and its messages."""
        self.widget.children = (self.heading, *children, self.messages)
        return self

    def action(self, control: w.Button, do: Callable[[], str]) -> None:
        """On click: run `do`, show the sentence it returns (errors in red, here)."""

        def clicked(_button: w.Button) -> None:
            self.messages.clear()
            self.messages.ok(do())

        control.on_click(guarded(self.messages)(clicked))


class UnitsView:
    """The page; every widget a reader may look for is a named attribute."""

    def __init__(self, model: UnitsModel):
        self.model = model
        self._build_list()
        self._build_unit()
        self._build_add()
        self._build_groups()
        self._build_import()
        self.widget = w.VBox(
            [
                w.HTML(STYLE + PAGE_STYLE),
                self.list_section.widget,
                self.unit_section.widget,
                self.add_section.widget,
                self.group_section.widget,
                self.import_section.widget,
            ]
        )
        self.widget.add_class("duban-units")
        model.observe(lambda _c: self.redraw(), names="version")
        self.redraw()

    # -- building ---------------------------------------------------------------------
    def _build_list(self) -> None:
        self.search = w.Text(placeholder=_("a name or an alias"))
        self.show_retired = w.Checkbox(description=_("show them"), indent=False)
        self.table = fitted(w.HTML())
        self.list_section = Section(_("Units"))
        self.pager = Pager(self.model.turn, self.list_section.messages)
        self.list_section.fill(
            fields(field(_("Find"), self.search), field(_("Retired units"), self.show_retired)),
            self.table,
            self.pager,
        )
        act = guarded(self.list_section.messages, writes=False)
        for control in (self.search, self.show_retired):
            control.observe(act(self._search), names="value")

    def _build_unit(self) -> None:
        self.unit = w.Dropdown(options=[])
        self.unit_details = fitted(w.HTML())
        self.new_name = w.Text(placeholder=_("the new name"))
        self.rename = button(_("Rename"))
        self.merge_target = w.Dropdown(options=[])
        self.merge = button(_("Merge into it"), "warning")
        self.retire = button(_("Retire"), "danger")
        self.restore = button(_("Bring back"))
        self.unit_section = Section(_("Change a unit")).fill(
            field(_("Unit"), self.unit),
            self.unit_details,
            fields(
                field(_("Rename to"), self.new_name, hint=row(self.rename)),
                field(_("Merge into"), self.merge_target, hint=row(self.merge)),
            ),
            row(self.retire, self.restore),
        )
        section = self.unit_section
        section.action(self.rename, lambda: cleared(self.model.rename, self.new_name))
        section.action(self.merge, lambda: self.model.merge_into(self.merge_target.value))
        section.action(self.retire, self.model.retire)
        section.action(self.restore, self.model.restore)
        self.unit.observe(guarded(section.messages, writes=False)(self._unit_chosen), names="value")

    def _build_add(self) -> None:
        self.add_name = w.Text(placeholder=_("e.g. 北街街道"))
        self.add_kind = w.Dropdown(options=UNIT_KINDS.choices(), value="street")
        self.add_aliases = w.Text(placeholder=_("separated by ；or 、"))
        self.add = button(_("Add the unit"), "primary")
        self.add_section = Section(_("Add a unit")).fill(
            fields(
                field(_("Name"), self.add_name),
                field(_("Kind of unit"), self.add_kind),
                field(_("Aliases"), self.add_aliases),
            ),
            row(self.add),
        )
        self.add_section.action(self.add, self._add_unit)

    def _build_groups(self) -> None:
        self.group = w.Dropdown(options=[])
        self.members = fitted(w.HTML())
        self.member = w.Dropdown(options=[])
        self.add_member = button(_("Add to the group"))
        self.remove_member = button(_("Take out of the group"))
        self.group_name = w.Text(placeholder=_("the new name"))
        self.rename_group = button(_("Rename the group"))
        self.new_group = w.Text(placeholder=_("e.g. 重点行业部门"))
        self.new_group_kind = w.Dropdown(
            options=[(_("units chosen one by one"), ""), *UNIT_KINDS.choices()], value=""
        )
        self.add_group = button(_("Add the group"), "primary")
        self.group_section = Section(_("Groups")).fill(
            field(_("Group"), self.group),
            self.members,
            fields(
                field(_("Unit"), self.member, hint=row(self.add_member, self.remove_member)),
                field(_("Rename to"), self.group_name, hint=row(self.rename_group)),
            ),
            fields(
                field(_("New group"), self.new_group),
                field(_("Members"), self.new_group_kind, hint=row(self.add_group)),
            ),
        )
        section = self.group_section
        section.action(self.add_member, lambda: self.model.add_member(self.member.value))
        section.action(self.remove_member, lambda: self.model.remove_member(self.member.value))
        section.action(self.rename_group, lambda: cleared(self.model.rename_group, self.group_name))
        section.action(
            self.add_group,
            lambda: cleared(
                lambda name: self.model.add_group(name, self.new_group_kind.value), self.new_group
            ),
        )
        self.group.observe(
            guarded(section.messages, writes=False)(self._group_chosen), names="value"
        )

    def _build_import(self) -> None:
        self.upload = w.FileUpload(accept=".xlsx,.xlsm,.csv", multiple=False,
                                   description=_("Choose a file"))  # fmt: skip
        self.preview = fitted(w.HTML())
        self.run_import = button(_("Import"), "primary")
        self.run_import.disabled = True
        self.import_section = Section(_("Import a unit list (XLSX or CSV)")).fill(
            w.HTML(
                html_line(
                    _(
                        "Columns: name (名称), kind (类别), and if you like aliases (别名) and "
                        "groups (分组), several in a cell separated by ；or 、. Nothing is "
                        "imported while any row is bad."
                    ),
                    "duban-hint",
                )
            ),
            row(self.upload, self.run_import),
            self.preview,
        )
        section = self.import_section
        self.upload.observe(guarded(section.messages, writes=False)(self._uploaded), names="value")
        section.action(self.run_import, self._imported)

    # -- callbacks --------------------------------------------------------------------
    def _search(self, _change: dict) -> None:
        self.model.set_search(self.search.value, self.show_retired.value)

    def _unit_chosen(self, _change: dict) -> None:
        self.model.unit_id = self.unit.value or None
        self.show_unit()

    def _group_chosen(self, _change: dict) -> None:
        self.model.group_id = self.group.value or None
        self.show_group()

    def _add_unit(self) -> str:
        text = self.model.add(self.add_name.value, self.add_kind.value, self.add_aliases.value)
        self.add_name.value = self.add_aliases.value = ""
        return text

    def _uploaded(self, _change: dict) -> None:
        self.import_section.messages.clear()
        self.preview.value = ""
        self.run_import.disabled = True
        if not self.upload.value:
            return
        upload = self.upload.value[0]
        preview = self.model.load(upload["name"], bytes(upload["content"]))
        self.show_preview(preview)

    def _imported(self) -> str:
        text = self.model.run_import()
        self.upload.value = ()  # clears the preview and disables Import
        return text

    # -- drawing ----------------------------------------------------------------------
    def redraw(self) -> None:
        """The list, the pickers and the chosen unit and group, as the model has them now."""
        shown, listed = self.model.shown(), self.model.listed()
        headers = [
            _("Name"),
            _("Kind of unit"),
            _("Aliases"),
            _("Groups"),
            _("Open tasks"),
            _("Status"),
        ]
        self.table.value = table_html(
            headers,
            [
                (
                    u["name"],
                    UNIT_KINDS.label(u["kind"]),
                    names(u["aliases"]),
                    names(u["groups"]),
                    u["open_tasks"],
                    status_text(u),
                )
                for u in records(shown)
            ],  # fmt: skip
            _("No unit matches."),
        )
        self.pager.show(self.model.page, len(shown), len(listed))
        set_choices(self.unit, with_all(self.model.unit_choices(), _("— choose a unit —")),
                    self.model.unit_id or UNCHOSEN)  # fmt: skip
        set_choices(self.group, with_all(self.model.group_choices(), _("— choose a group —")),
                    self.model.group_id or UNCHOSEN)  # fmt: skip
        active = self.model.active_choices()
        member = self.member.value if self.member.value in {v for _l, v in active} else UNCHOSEN
        set_choices(self.member, with_all(active, _("— choose a unit —")), member)
        self.show_unit()
        self.show_group()

    def show_unit(self) -> None:
        unit = self.model.unit()
        choices = self.model.active_choices(except_id=self.model.unit_id)
        set_choices(self.merge_target, with_all(choices, _("— choose a unit —")), UNCHOSEN)
        if unit is None:
            self.unit_details.value = html_line(_("Choose a unit to change it."), "duban-hint")
            return
        self.unit_details.value = html_line(
            _("{kind}; aliases: {aliases}; groups: {groups}; open tasks: {open}; {status}").format(
                kind=UNIT_KINDS.label(unit["kind"]),
                aliases=names(unit["aliases"]),
                groups=names(unit["groups"]),
                open=unit["open_tasks"],
                status=status_text(unit),
            ),
            "duban-hint",
        )
        self.retire.disabled = not unit["active"]
        self.restore.disabled = bool(unit["active"]) or unit["successor"] is not None

    def show_group(self) -> None:
        group = self.model.group()
        if group is None:
            self.members.value = html_line(_("Choose a group to see its members."), "duban-hint")
            return
        how = (
            _("every active unit of the kind {kind}").format(
                kind=UNIT_KINDS.label(group["unit_kind"])
            )
            if group["unit_kind"]
            else _("units chosen one by one")
        )
        self.members.value = html_line(
            _("{how}; other names: {aliases}; members ({n}): {members}").format(
                how=how,
                aliases=names(group["aliases"]),
                n=group["members"],
                members=names(self.model.group_members()),
            ),
            "duban-hint",
        )
        fixed = not group["unit_kind"]
        self.add_member.disabled = self.remove_member.disabled = not fixed

    def show_preview(self, preview: ImportPreview) -> None:
        """What the import would change, then the bad rows; Import only when none is bad."""
        counts = _(
            "{new} new units, {updated} units with new aliases or groups, "
            "{same} rows without change."
        ).format(
            new=len(preview.changing("added")),
            updated=len(preview.changing("changed")),
            same=len(preview.changing("unchanged")),
        )
        parts = [html_line(counts, "duban-hint")]
        if preview.ignored_columns:
            parts.append(
                html_line(
                    _("Columns not read: {names}").format(names=names(preview.ignored_columns)),
                    "duban-hint",
                )
            )
        if preview.bad:
            parts.append(
                html_line(
                    _(
                        "{n} bad rows: correct them in the file and choose it again. "
                        "Nothing is imported while any row is bad."
                    ).format(n=len(preview.bad)),
                    "duban-field-error",
                )
            )
            parts.append(
                table_html(
                    [_("Row"), _("Why")], [(n, _("; ").join(r)) for n, r in preview.bad.items()], ""
                )
            )
        changes = [r for r in preview.rows if r.change != "unchanged"]
        parts.append(
            table_html(
                [_("Row"), _("Name"), _("Kind of unit"), _("Change")],
                [(r.row, r.name if r.known_as is None else noted(r.name, f"= {r.known_as}"),
                  UNIT_KINDS.label(r.kind), change_text(r)) for r in changes],
                _("Nothing to change."),
            )
        )  # fmt: skip
        self.preview.value = "".join(parts)
        self.run_import.disabled = not preview.ok or not changes


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("units")."""
    return UnitsView(UnitsModel(wb)).widget

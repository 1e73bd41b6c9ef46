"""The bulletin page as state: the period chosen, and the bulletin and files made for it."""

from __future__ import annotations

from datetime import date

from traitlets import Any as AnyTrait
from traitlets import HasTraits, Instance, Unicode, observe

from duban.documents.bulletin import Bulletin, BulletinFiles, write_bulletin
from duban.service.progress import Scope, preset_period
from duban.service.workbook import Workbook


class BulletinModel(HasTraits):
    """Choose a period (`preset`, or `set_dates`), then `generate()` writes the three files."""

    preset = Unicode("last_month")
    scope = Instance(Scope)
    bulletin = AnyTrait(None)  # the Bulletin last generated

    def __init__(self, wb: Workbook, preset: str = "last_month"):
        self.wb = wb
        super().__init__(preset=preset, scope=Scope(*preset_period(preset, wb.today())))

    @observe("preset")
    def _preset_changed(self, change: dict) -> None:
        if change["new"] != "custom":
            self.scope = Scope(*preset_period(change["new"], self.wb.today()))

    def set_dates(self, start: date | None, end: date | None) -> None:
        """Custom dates (checked by the workbook)."""
        scope = Scope(start, end)
        self.wb.check_scope(scope)
        self.preset = "custom"
        self.scope = scope

    def generate(self) -> BulletinFiles:
        """Write the bulletin (HTML, DOCX) and the ledger (XLSX) under <database folder>/bulletins/."""
        bulletin, files = write_bulletin(self.wb, self.scope)
        self.bulletin: Bulletin = bulletin
        return files

"""The bulletin page as state: the period chosen, and the bulletin made for it."""

from __future__ import annotations

from typing import Any

from traitlets import Any as AnyTrait

from duban.documents.bulletin import Bulletin, BulletinFiles, write_bulletin
from duban.models.base import PageModel
from duban.models.period import PeriodModel
from duban.service.progress import Scope
from duban.service.workbook import Workbook


class BulletinModel(PageModel):
    """Choose the period (`period`), then `generate()` writes the three files."""

    bulletin = AnyTrait(None)  # the Bulletin last generated

    def __init__(self, wb: Workbook, preset: str = "last_month"):
        super().__init__()
        self.wb = wb
        self.period = PeriodModel(wb, preset)

    @property
    def scope(self) -> Scope:
        """What the bulletin counts: the tasks assigned in the period."""
        return self.period.scope()

    def generate(self) -> BulletinFiles:
        """Write the bulletin (HTML, DOCX) and the ledger (XLSX) under <db folder>/bulletins/."""
        bulletin, files = write_bulletin(self.wb, self.scope)
        self.bulletin: Bulletin = bulletin
        return files

    def get_state(self) -> dict[str, Any]:
        return {"period": self.period.get_state()}

    def set_state(self, state: dict[str, Any]) -> None:
        self.period.set_state(state.get("period", {}))

    def reset(self) -> None:
        """The page's own period; no bulletin yet."""
        self.period.reset()
        self.bulletin = None

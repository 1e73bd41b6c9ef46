"""What every part of the workbook shares: the store, the settings and the acting user."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from duban.db import Store
from duban.infra import clock
from duban.infra.config import Settings
from duban.infra.errors import NotFoundError
from duban.infra.i18n import _
from duban.service import permissions
from duban.service.checks import Checks


class WorkbookBase:
    """The store, the settings and the acting user.

    Each part of the API (units, users, meetings, tasks, deployments, progress) is a mixin
    of this base alone, never of another part; `Workbook` combines them, so a part calls
    another's methods through `self` (e.g. tasks use `self.find_unit` of the units part).
    """

    def __init__(self, store: Store, settings: Settings, user: str):
        self.store = store
        self.settings = settings
        self.user = self._load_user(user)

    def _load_user(self, login: str) -> dict[str, Any]:
        found = self.store.one("SELECT * FROM users WHERE login = ? AND active = 1", [login])
        if found is None:
            raise NotFoundError(_("Unknown or inactive user: {login}").format(login=login))
        found.pop("password_hash")  # a workbook (a page's kernel) never holds it
        return found

    @property
    def actor(self) -> str:
        """The login recorded in the audit trail for this workbook's writes."""
        return self.user["login"]

    def today(self) -> date:
        """Today's date, from the kit's clock (see duban.infra.clock)."""
        return clock.today()

    def _checks(self) -> Checks:
        return Checks(self.settings.max_text_length)

    def _require(self, action: str, unit_id: int | None = None) -> None:
        permissions.require(self.user, action, unit_id)

    def _get(self, table: str, row_id: int, label: str) -> dict[str, Any]:
        """One row by id, or NotFoundError naming what was looked for."""
        row = self.store.one(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        if row is None:
            raise NotFoundError(_("No {what} with id {id}").format(what=label, id=row_id))
        return row


def dumps(value: Any) -> str:
    """JSON for list-valued columns (aliases, speakers, areas), Chinese kept readable."""
    return json.dumps(value, ensure_ascii=False)

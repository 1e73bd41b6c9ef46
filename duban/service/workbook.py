"""The workbook: the one API through which the CLI, the pages and analysts read and write."""

from __future__ import annotations

from pathlib import Path

from duban.db import Store
from duban.infra.config import Settings, load_settings
from duban.service.deployments import DeploymentsMixin
from duban.service.meetings import MeetingsMixin
from duban.service.progress import ProgressMixin
from duban.service.reminders import RemindersMixin
from duban.service.supervision import SupervisionMixin
from duban.service.tasks import TasksMixin
from duban.service.units import UnitsMixin
from duban.service.users import UsersMixin, ensure_admin
from duban.service.workdays import WorkdaysMixin


class Workbook(
    UnitsMixin,
    UsersMixin,
    WorkdaysMixin,
    MeetingsMixin,
    TasksMixin,
    DeploymentsMixin,
    ProgressMixin,
    SupervisionMixin,
    RemindersMixin,
):
    """Every rule of the kit, bound to one database and one acting user.

    Reads return pandas DataFrames; writes check their input, permission and the
    status rules, then write in one transaction with an audit event per change.
    """

    def as_user(self, login: str) -> Workbook:
        """The same database, acting as another user."""
        return Workbook(self.store, self.settings, login)


def open_workbook(
    db: str | Path | None = None, user: str | None = None, settings: Settings | None = None
) -> Workbook:
    """Open (creating and migrating if needed) the configured database as the configured user."""
    settings = settings or load_settings()
    store = Store(db or settings.db)
    ensure_admin(store)
    return Workbook(store, settings, user or settings.user)

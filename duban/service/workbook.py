"""The workbook: the one API through which the CLI, the pages and analysts read and write."""

from __future__ import annotations

from pathlib import Path

from duban.db import Store
from duban.infra.config import Settings, load_settings
from duban.infra.errors import PermissionDeniedError
from duban.infra.i18n import _
from duban.infra.identity import page_login, sign_in_required
from duban.service import permissions
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

    def __init__(
        self, store: Store, settings: Settings, user: str, *, switched_by: Workbook | None = None
    ):
        super().__init__(store, settings, user)
        self._switched_by = switched_by

    def as_user(self, login: str) -> Workbook:
        """The same database, acting as another user: only an administrator's workbook may
        switch (the CLI's, the demo builder's, a test's); one it switched asks it again, so a
        page's workbook, opened as its visitor, is refused (PermissionDeniedError)."""
        origin = self._switched_by or self
        permissions.require(origin.user, "switch_user")
        return Workbook(self.store, self.settings, login, switched_by=origin)


def open_workbook(
    db: str | Path | None = None, user: str | None = None, settings: Settings | None = None
) -> Workbook:
    """Open (creating and migrating if needed) the configured database as `user`, else the
    configured user; in a page's kernel under `duban serve`, as the signed-in person only
    (duban.infra.identity.page_login: any other `user` is refused)."""
    settings = settings or load_settings()
    if sign_in_required():
        signed = page_login(settings)
        if user not in (None, signed):
            raise PermissionDeniedError(
                _("A page acts as the person signed in, not as {login}.").format(login=user)
            )
        user = signed
    store = Store(db or settings.db)
    ensure_admin(store)
    return Workbook(store, settings, user or settings.user)

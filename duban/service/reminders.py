"""Reminders (催办), escalation (约谈) of repeated lateness, and the look-back (回头看)."""

from __future__ import annotations

from duban.service.base import WorkbookBase


class RemindersMixin(WorkbookBase):
    """Remind units of late and near-deadline tasks, flag repeated lateness, reopen closed tasks."""

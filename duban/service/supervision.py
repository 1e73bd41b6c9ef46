"""Supervision (督办): the office's list of every unit's tasks, closure reviews, extensions."""

from __future__ import annotations

from duban.service.base import WorkbookBase


class SupervisionMixin(WorkbookBase):
    """What the office reads and decides while it follows every task to closure."""

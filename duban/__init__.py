"""Duban (督办): track what safety meetings deploy, task by task, to closure.

The workbook API is the one way in::

    from duban import open_workbook
    wb = open_workbook()            # the configured database, as DUBAN_USER
    wb.tasks(unit="长安街道")        # a pandas DataFrame
"""

from duban.infra.errors import (
    DubanError,
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    ValidationError,
)
from duban.service.workbook import Workbook, open_workbook

__all__ = [
    "DubanError",
    "NotFoundError",
    "PermissionDeniedError",
    "TransitionError",
    "ValidationError",
    "Workbook",
    "open_workbook",
]

"""Duban (督办): track what safety meetings deploy, task by task, to closure.

The workbook API is the one way in::

    from duban import open_workbook
    wb = open_workbook()            # the configured database, as DUBAN_USER
    wb.tasks(unit="长安街道")        # a pandas DataFrame

The names below are loaded when first used, so `import duban` (and the command line, and
the splitter) does not import pandas until a command needs the workbook.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Each exported name and the module that defines it.
_EXPORTS = {
    "DubanError": "duban.infra.errors",
    "NotFoundError": "duban.infra.errors",
    "PermissionDeniedError": "duban.infra.errors",
    "TransitionError": "duban.infra.errors",
    "ValidationError": "duban.infra.errors",
    "Workbook": "duban.service.workbook",
    "open_workbook": "duban.service.workbook",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'duban' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

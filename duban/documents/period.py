"""What a scope's figures count, in one sentence: the progress page's note, the bulletin's title."""

from __future__ import annotations

from datetime import date

from duban.infra.i18n import _
from duban.service.progress import Scope


def period_sentence(scope: Scope, today: date) -> str:
    """The tasks counted (by their assignment dates) and the day their status is taken on."""
    if scope.start is None and scope.end is None:
        period = _("Tasks assigned at any time")
    else:
        period = _("Tasks assigned from {start} to {end}").format(
            start=scope.start.isoformat() if scope.start else "…",
            end=scope.end.isoformat() if scope.end else "…",
        )
    return _(
        "{period}, with their status as of {today}; deadlines as currently set, "
        "extensions included."
    ).format(period=period, today=today.isoformat())

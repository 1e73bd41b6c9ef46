"""The one table of allowed task status changes.

A task moves only by an action listed in TRANSITIONS for its current status; any other
move raises TransitionError naming the status and the actions allowed from it.
"""

from __future__ import annotations

from duban.infra.errors import TransitionError
from duban.infra.i18n import _
from duban.vocabulary import STATUSES, TASK_ACTIONS

# (current status, action) -> new status
TRANSITIONS: dict[tuple[str, str], str] = {
    ("assigned", "acknowledge"): "acknowledged",
    ("assigned", "report"): "in_progress",
    ("assigned", "request_extension"): "extension_requested",
    ("assigned", "request_closure"): "closure_requested",
    ("acknowledged", "report"): "in_progress",
    ("acknowledged", "request_extension"): "extension_requested",
    ("acknowledged", "request_closure"): "closure_requested",
    ("in_progress", "report"): "in_progress",
    ("in_progress", "request_extension"): "extension_requested",
    ("in_progress", "request_closure"): "closure_requested",
    ("extension_requested", "decide_extension"): "in_progress",
    ("closure_requested", "close"): "closed",
    ("closure_requested", "return"): "returned",
    ("returned", "report"): "in_progress",
    ("returned", "request_extension"): "extension_requested",
    ("returned", "request_closure"): "closure_requested",
    ("closed", "reopen"): "in_progress",
}

OPEN_STATUSES = tuple(s for s in dict.fromkeys(cur for cur, _a in TRANSITIONS) if s != "closed")


def allowed_actions(status: str) -> list[str]:
    """The actions the rules allow from `status`, in table order."""
    return [action for (current, action) in TRANSITIONS if current == status]


def next_status(task_id: int, status: str, action: str) -> str:
    """The status after `action`, or TransitionError saying what is allowed instead."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        allowed = ", ".join(TASK_ACTIONS.label(a) for a in allowed_actions(status)) or _("nothing")
        raise TransitionError(
            _(
                "Task {task} cannot {action}: it is {status}. Allowed from {status}: {allowed}."
            ).format(
                task=task_id,
                action=TASK_ACTIONS.label(action),
                status=STATUSES.label(status),
                allowed=allowed,
            )
        ) from None

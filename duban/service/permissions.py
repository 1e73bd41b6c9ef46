"""Which roles may do what. Reporters act only on their own unit's tasks.

Leaders and analysts read; clerks run the meeting, assignment, supervision and reminder work
and the working-day calendar; the administrator manages users and units (the register every
task, ranking and bulletin counts by) and alone may act as another user (Workbook.as_user).
Every action here has its words in duban.vocabulary: RIGHTS or, for a task's moves,
TASK_ACTIONS (tests/core/test_roles.py requires it, so a refusal is never a KeyError).
"""

from __future__ import annotations

from duban.infra.errors import PermissionDeniedError
from duban.infra.i18n import _
from duban.vocabulary import RIGHTS, TASK_ACTIONS, USER_ROLES

OFFICE = ("admin", "clerk")
ACTION_ROLES: dict[str, tuple[str, ...]] = {
    "manage_units": ("admin",),
    "manage_users": ("admin",),
    "switch_user": ("admin",),
    "manage_calendar": OFFICE,
    "log_meeting": OFFICE,
    "edit_directives": OFFICE,
    "assign": OFFICE,
    "acknowledge": ("reporter", *OFFICE),
    "report": ("reporter", *OFFICE),
    "request_extension": ("reporter", *OFFICE),
    "request_closure": ("reporter", *OFFICE),
    "decide_extension": OFFICE,
    "close": OFFICE,
    "return": OFFICE,
    "remind": OFFICE,
    "reopen": OFFICE,
    "publish_bulletin": (*OFFICE, "leader"),
    "read_audit": (*OFFICE, "leader", "analyst"),
    "sweep_evidence": OFFICE,
}


def permission_label(action: str) -> str:
    """What an action lets one do, as shown to people."""
    return RIGHTS.label(action) if action in RIGHTS else TASK_ACTIONS.label(action)


def allowed(user: dict, action: str) -> bool:
    """Whether the user's role may do `action` at all."""
    return user["role"] in ACTION_ROLES[action]


def require(user: dict, action: str, unit_id: int | None = None) -> None:
    """Raise PermissionDeniedError unless `user` may do `action` (on a task of `unit_id`)."""
    if not allowed(user, action):
        raise PermissionDeniedError(
            _("{user} ({role}) may not {action}.").format(
                user=user["display_name"],
                role=USER_ROLES.label(user["role"]),
                action=permission_label(action),
            )
        )
    if user["role"] == "reporter" and unit_id is not None and unit_id != user["unit_id"]:
        raise not_own_unit(user)


def not_own_unit(user: dict) -> PermissionDeniedError:
    """The refusal of a reporter's act on a task not of their unit (or on no task at all: the
    two are told alike, so a refusal does not say which task ids exist)."""
    return PermissionDeniedError(
        _("{user} reports for another unit and may not act on this task.").format(
            user=user["display_name"]
        )
    )

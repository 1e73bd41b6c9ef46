"""Which roles may do what. Reporters act only on their own unit's tasks."""
from __future__ import annotations

from duban.errors import PermissionDeniedError
from duban.i18n import _

OFFICE = ("admin", "clerk")
ACTION_ROLES: dict[str, tuple[str, ...]] = {
    "manage_units": ("admin", "clerk"),
    "manage_users": ("admin",),
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
}


def require(user: dict, action: str, unit_id: int | None = None) -> None:
    """Raise PermissionDeniedError unless `user` may do `action` (on a task of `unit_id`)."""
    if user["role"] not in ACTION_ROLES[action]:
        raise PermissionDeniedError(
            _("{user} ({role}) may not do this: {action}.").format(
                user=user["login"], role=user["role"], action=action
            )
        )
    if user["role"] == "reporter" and unit_id is not None and unit_id != user["unit_id"]:
        raise PermissionDeniedError(
            _("{user} reports for another unit and may not act on this task.").format(user=user["login"])
        )

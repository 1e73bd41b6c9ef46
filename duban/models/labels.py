"""Meeting kinds, levels, task roles and reporting cycles as shown to people."""
from __future__ import annotations

from collections.abc import Callable

from duban.db.migrations import CYCLES, MEETING_KINDS, MEETING_LEVELS
from duban.i18n import _


def kind_label(kind: str) -> str:
    """A meeting kind in the kit's language."""
    return {
        "plenary": _("plenary or expanded meeting"),
        "video_conference": _("video and telephone conference"),
        "dispatch": _("work-promotion or dispatch meeting"),
        "special": _("special deployment meeting"),
        "inspection": _("on-site inspection"),
        "other": _("other meeting"),
    }[kind]


def level_label(level: str) -> str:
    """A meeting level in the kit's language."""
    return {
        "national": _("national"),
        "provincial": _("provincial"),
        "municipal": _("municipal"),
        "district": _("district"),
        "street": _("street"),
    }[level]


def role_label(role: str) -> str:
    """A task role (lead or cooperating) in the kit's language."""
    return {"lead": _("lead"), "cooperating": _("cooperating")}[role]


def cycle_label(cycle: str) -> str:
    """A reporting cycle in the kit's language."""
    return {
        "none": _("no reporting cycle"),
        "weekly": _("weekly"),
        "monthly": _("monthly"),
        "quarterly": _("quarterly"),
    }[cycle]


def _choices(values: tuple[str, ...], label: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(label(value), value) for value in values]


def kind_choices() -> list[tuple[str, str]]:
    """(label, kind) pairs for a dropdown."""
    return _choices(MEETING_KINDS, kind_label)


def level_choices() -> list[tuple[str, str]]:
    """(label, level) pairs for a dropdown."""
    return _choices(MEETING_LEVELS, level_label)


def cycle_choices() -> list[tuple[str, str]]:
    """(label, cycle) pairs for a dropdown."""
    return _choices(CYCLES, cycle_label)

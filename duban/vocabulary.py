"""Every controlled list of the kit, with its labels: the one place a stored value gets its words.

Each list is a `Vocabulary`: its values in order (what the database stores), each with an
English label that is also its gettext message id. `label(value)` translates into the
current language; `choices()` gives (label, value) pairs for a dropdown. The database's
CHECK constraints are literal SQL in the migrations; a test requires them to list exactly
these values, so adding a value here needs a migration too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from duban.infra.i18n import N_, _


@dataclass(frozen=True)
class Vocabulary:
    """A controlled list: (stored value, English label) pairs, in the order they are shown."""

    terms: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.terms)

    def label(self, value: str) -> str:
        """The value's label in the kit's language."""
        return _(dict(self.terms)[value])

    def choices(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a dropdown, in order."""
        return [(self.label(value), value) for value in self.values]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __contains__(self, value: object) -> bool:
        return value in self.values

    def __len__(self) -> int:
        return len(self.terms)


UNIT_KINDS = Vocabulary(
    (
        ("street", N_("Streets and towns")),
        ("department", N_("Departments and bureaus")),
        ("committee", N_("Management committees")),
        ("other", N_("Other units")),
    )
)

USER_ROLES = Vocabulary(
    (
        ("admin", N_("administrator")),
        ("clerk", N_("office clerk")),
        ("reporter", N_("unit reporter")),
        ("leader", N_("leader")),
        ("analyst", N_("analyst")),
    )
)

MEETING_KINDS = Vocabulary(
    (
        ("plenary", N_("plenary or expanded meeting")),
        ("video_conference", N_("video and telephone conference")),
        ("dispatch", N_("work-promotion or dispatch meeting")),
        ("special", N_("special deployment meeting")),
        ("inspection", N_("on-site inspection")),
        ("other", N_("other meeting")),
    )
)

MEETING_LEVELS = Vocabulary(
    (
        ("national", N_("national")),
        ("provincial", N_("provincial")),
        ("municipal", N_("municipal")),
        ("district", N_("district")),
        ("street", N_("street")),
    )
)

TASK_ROLES = Vocabulary((("lead", N_("lead")), ("cooperating", N_("cooperating"))))

CYCLES = Vocabulary(
    (
        ("none", N_("no reporting cycle")),
        ("weekly", N_("weekly")),
        ("monthly", N_("monthly")),
        ("quarterly", N_("quarterly")),
    )
)

STATUSES = Vocabulary(
    (
        ("assigned", N_("assigned")),
        ("acknowledged", N_("acknowledged")),
        ("in_progress", N_("in progress")),
        ("extension_requested", N_("extension requested")),
        ("closure_requested", N_("closure requested")),
        ("returned", N_("returned")),
        ("closed", N_("closed")),
    )
)

# What a unit or the office does to a task (the moves of duban.service.status).
TASK_ACTIONS = Vocabulary(
    (
        ("acknowledge", N_("acknowledge")),
        ("report", N_("report progress")),
        ("request_extension", N_("request an extension")),
        ("decide_extension", N_("decide an extension")),
        ("request_closure", N_("request closure")),
        ("close", N_("close")),
        ("return", N_("return")),
        ("reopen", N_("reopen for a look-back")),
    )
)

# The rights of duban.service.permissions that are not moves of a task.
RIGHTS = Vocabulary(
    (
        ("manage_units", N_("manage units")),
        ("manage_users", N_("manage users")),
        ("switch_user", N_("act as another user")),
        ("manage_calendar", N_("enter the working-day calendar")),
        ("log_meeting", N_("log meetings")),
        ("edit_directives", N_("edit directives")),
        ("assign", N_("assign tasks")),
        ("remind", N_("send reminders")),
        ("publish_bulletin", N_("publish bulletins")),
        ("read_audit", N_("read the audit trail and the user list")),
        ("sweep_evidence", N_("remove evidence files no report refers to")),
    )
)

REVIEW_DECISIONS = Vocabulary(
    (
        ("closed", N_("closed")),
        ("returned", N_("returned")),
        ("reopened", N_("reopened")),
    )
)

REMINDER_KINDS = Vocabulary((("reminder", N_("reminder")), ("interview", N_("interview"))))

EXTENSION_DECISIONS = Vocabulary((("approved", N_("approved")), ("rejected", N_("rejected"))))

# The kinds of entry in a task's timeline (Workbook.task_timeline's `what`).
TIMELINE_ENTRIES = Vocabulary(
    (
        ("assigned", N_("assigned")),
        ("acknowledged", N_("acknowledged")),
        ("report", N_("progress report")),
        ("closure_request", N_("closure request")),
        ("extension_requested", N_("extension requested")),
        ("extension_approved", N_("extension approved")),
        ("extension_rejected", N_("extension refused")),
        ("closed", N_("closed")),
        ("returned", N_("returned")),
        ("reopened", N_("reopened")),
        ("reminder", N_("reminder")),
        ("interview", N_("interview")),
        ("changed", N_("changed by the office")),
    )
)

LIGHTS = Vocabulary((("green", N_("green")), ("yellow", N_("yellow")), ("red", N_("red"))))

# Key areas a directive is tagged with (the splitter's keywords for them are data: areas.toml).
AREAS = Vocabulary(
    (
        ("fire", N_("fire safety")),
        ("road_traffic", N_("road traffic")),
        ("construction", N_("construction")),
        ("hazardous_chemicals", N_("hazardous chemicals")),
        ("gas", N_("gas")),
        ("fireworks", N_("fireworks")),
        ("mining", N_("mining")),
        ("special_equipment", N_("special equipment")),
        ("waterway", N_("waterways")),
        ("crowded_places", N_("crowded places")),
        ("food_drug", N_("food and drugs")),
        ("industry_trade", N_("industry and trade")),
        ("forest_fire", N_("forest fire")),
        ("flood", N_("flood control")),
        ("campus", N_("campus safety")),
    )
)

# Named periods of the leaders' pages; "custom" is a period the reader set by dates.
PERIOD_PRESETS = Vocabulary(
    (
        ("this_month", N_("this month")),
        ("last_month", N_("last month")),
        ("this_quarter", N_("this quarter")),
        ("this_year", N_("this year")),
        ("last_30_days", N_("last 30 days")),
        ("all", N_("all time")),
        ("custom", N_("custom dates")),
    )
)

# What the office enters in its working-day calendar for a date (the holidays table).
HOLIDAY_KINDS = Vocabulary(
    (("holiday", N_("holiday")), ("workday", N_("make-up working day"))),
)

# What an import does to each row of its file, shown in its preview.
IMPORT_CHANGES = Vocabulary(
    (("added", N_("to add")), ("changed", N_("to change")), ("unchanged", N_("unchanged"))),
)

# A standing directive's period: its report sent, due this period, or missing.
PERIOD_STATES = Vocabulary(
    (("sent", N_("sent")), ("due", N_("due this period")), ("missing", N_("missing")))
)

# The orders of the office's task list (Workbook.task_page).
TASK_ORDERS = Vocabulary(
    (("overdue", N_("overdue first")), ("assigned", N_("newest assigned first")))
)

# The lights a reminder is sent for (the reminders page's light filter).
REMINDABLE_LIGHTS = Vocabulary(
    (("red", N_("overdue (red)")), ("yellow", N_("near the deadline (yellow)")))
)

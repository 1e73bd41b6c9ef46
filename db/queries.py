"""Read queries shared by the workbook and the dashboards, with the derived task columns.

Use TASK_COLUMNS with TASKS_FROM for rows people read; TASK_ROW_COLUMNS over `tasks t`
alone for figures that need no meeting, directive or unit column (no join: fast at scale).

Derived, never stored: `overdue`, `due`, `days_late`, `light` and `closed_on_time`. They need
`:today` and `:yellow_until` (the date N working days ahead) as parameters. What does not
depend on today is also summed per assignment day (DERIVED_TABLES), for the whole office's
figures at city scale.

`due`: the task can be judged: it is closed (on time or late), or its deadline has passed
(then it is overdue). A task whose deadline is today or later and that is still open is
not due yet; the unit ranking scores only units with a task due.
"""

# The rules a task row is judged by (alias t), each written once: every query composes these.
IS_OPEN = "t.status != 'closed'"
IS_CLOSED = "t.status = 'closed'"
CLOSED_DAY = "substr(t.closed_at, 1, 10)"  # closed_at is a timestamp; deadlines are days
CLOSED_ON_TIME = f"{CLOSED_DAY} <= t.deadline"
CLOSED_LATE = f"{CLOSED_DAY} > t.deadline"
OVERDUE = f"{IS_OPEN} AND t.deadline < :today"

# Computed from the task row alone (alias t), so that figures can skip every join.
DERIVED_COLUMNS = f"""
    CASE WHEN {OVERDUE} THEN 1 ELSE 0 END AS overdue,
    CASE WHEN {IS_CLOSED} OR t.deadline < :today THEN 1 ELSE 0 END AS due,
    CASE WHEN {IS_CLOSED} THEN CAST(
             MAX(0, julianday({CLOSED_DAY}) - julianday(t.deadline)) AS INTEGER)
         ELSE CAST(MAX(0, julianday(:today) - julianday(t.deadline)) AS INTEGER) END AS days_late,
    CASE WHEN {IS_CLOSED}
         THEN CASE WHEN {CLOSED_ON_TIME} THEN 'green' ELSE 'red' END
         WHEN t.deadline < :today THEN 'red'
         WHEN t.deadline <= :yellow_until THEN 'yellow'
         ELSE 'green' END AS light,
    CASE WHEN {IS_CLOSED} THEN {CLOSED_ON_TIME} END AS closed_on_time
"""

# Lean task columns: what figures over tasks need, with no join.
TASK_ROW_COLUMNS = f"""
    t.id, t.directive_id, t.unit_id, t.role, t.deadline, t.original_deadline, t.cycle, t.status,
    t.percent, t.assigned_at, t.closed_at, t.updated_at, {DERIVED_COLUMNS}
"""

# Every task column a person reads: the meeting, directive and unit named, and the derived ones.
TASK_COLUMNS = f"""
    {TASK_ROW_COLUMNS}, d.meeting_id, m.title AS meeting, m.held_on, d.seq, d.text AS directive,
    d.areas, u.name AS unit, u.kind AS unit_kind
"""

TASKS_FROM = """
    FROM tasks t
    JOIN directives d ON d.id = t.directive_id
    JOIN meetings m ON m.id = d.meeting_id
    JOIN units u ON u.id = t.unit_id
"""

# A task of a directive touching key area :area (each directive's areas are rows of
# directive_areas, kept in step with `directives.areas` by the schema's triggers).
IN_AREA = "t.directive_id IN (SELECT directive_id FROM directive_areas WHERE area = :area)"

# Tables the schema's triggers derive from others in the same transaction as each write
# (db/migrations.py, 0007): never written through the Writer, so not in the audit trail.
# task_days, area_days, directive_days, unit_days: per assignment day and open tasks' deadline
# (and key area, directive or unit), the tasks' counts (the view task_day_counts per task);
# trend_days: per assignment day, kind and day, the trend's events (task_trend_events).
DERIVED_TABLES = (
    "directive_areas",
    "task_days",
    "area_days",
    "directive_days",
    "unit_days",
    "trend_days",
)

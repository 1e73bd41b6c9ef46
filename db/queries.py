"""Read queries shared by the workbook and the dashboards, with the derived task columns.

Derived, never stored: `overdue`, `days_late`, `light` and `closed_on_time`. They need
`:today` and `:yellow_until` (the date N working days ahead) as parameters.
"""

TASK_COLUMNS = """
    t.id, t.directive_id, d.meeting_id, m.title AS meeting, m.held_on, d.seq, d.text AS directive,
    d.areas, t.unit_id, u.name AS unit, u.kind AS unit_kind, t.role, t.deadline,
    t.original_deadline, t.cycle, t.status, t.percent, t.assigned_at, t.closed_at, t.updated_at,
    CASE WHEN t.status != 'closed' AND t.deadline < :today THEN 1 ELSE 0 END AS overdue,
    CASE WHEN t.status = 'closed' THEN CAST(
             MAX(0, julianday(substr(t.closed_at, 1, 10)) - julianday(t.deadline)) AS INTEGER)
         ELSE CAST(MAX(0, julianday(:today) - julianday(t.deadline)) AS INTEGER) END AS days_late,
    CASE WHEN t.status = 'closed'
         THEN CASE WHEN substr(t.closed_at, 1, 10) <= t.deadline THEN 'green' ELSE 'red' END
         WHEN t.deadline < :today THEN 'red'
         WHEN t.deadline <= :yellow_until THEN 'yellow'
         ELSE 'green' END AS light,
    CASE WHEN t.status = 'closed' THEN substr(t.closed_at, 1, 10) <= t.deadline END AS closed_on_time
"""

TASKS_FROM = """
    FROM tasks t
    JOIN directives d ON d.id = t.directive_id
    JOIN meetings m ON m.id = d.meeting_id
    JOIN units u ON u.id = t.unit_id
"""

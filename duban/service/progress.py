"""Progress figures for leaders, computed in SQL (never by loading every task)."""
from __future__ import annotations

from datetime import date
from typing import Any

from duban.service.tasks import TasksMixin


class ProgressMixin(TasksMixin):
    """Headline figures; the leaders' page builds on these."""

    def headline(self, today: date | None = None) -> dict[str, Any]:
        """Tasks assigned, closed, closed on time, open, overdue; on-time rate; mean days late."""
        today = today or self.today()
        row = self.store.one(
            """SELECT COUNT(*) AS assigned,
                      SUM(status = 'closed') AS closed,
                      SUM(status = 'closed' AND substr(closed_at, 1, 10) <= deadline) AS closed_on_time,
                      SUM(status != 'closed') AS open,
                      SUM(status != 'closed' AND deadline < :today) AS overdue,
                      AVG(CASE WHEN status = 'closed' AND substr(closed_at, 1, 10) > deadline
                               THEN julianday(substr(closed_at, 1, 10)) - julianday(deadline)
                               WHEN status != 'closed' AND deadline < :today
                               THEN julianday(:today) - julianday(deadline) END) AS avg_days_late
               FROM tasks""",
            {"today": today.isoformat()},
        )
        figures = {k: int(row[k] or 0) for k in ("assigned", "closed", "closed_on_time", "open", "overdue")}
        figures["on_time_rate"] = figures["closed_on_time"] / figures["closed"] if figures["closed"] else None
        figures["avg_days_late"] = round(row["avg_days_late"], 1) if row["avg_days_late"] is not None else None
        return figures

"""The headline figures, each defined once: the key of its value, its label, its format.

Every surface that shows the headline (the progress page's cards, the home page, the
bulletin in HTML and DOCX, the ledger's summary sheet) shows `figure_rows(wb.headline(…))`,
so a figure reads the same everywhere; tables of meetings, units and areas take their
column headings from `columns()`. A unit's rank, score, note and escalation flag in the
ranking read the same on the page and in the bulletin through `ranking_texts()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from duban.infra.clock import office_zone
from duban.infra.i18n import N_, _, current_language

if TYPE_CHECKING:
    from babel import Locale

NONE = "–"  # a figure with no value (no task closed yet, none late)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count_text(value: Any) -> str:
    """A count: 6."""
    return NONE if _missing(value) else str(int(value))


def rate_text(value: Any) -> str:
    """A share as a percentage with one decimal: 66.7%."""
    return NONE if _missing(value) else f"{value:.1%}"


def days_text(value: Any) -> str:
    """A number as the workbook rounds it (one decimal): 13 or 13.3 days late, a score 73.7."""
    return NONE if _missing(value) else f"{value:g}"


@dataclass(frozen=True)
class Figure:
    """One headline figure: `key` in the workbook's figures, its label (msgid), its format.

    `heading` is a shorter msgid for a table's column heading, where the label is long.
    """

    key: str
    label: str
    format: Callable[[Any], str] = count_text
    heading: str | None = None

    def text(self, figures: Mapping[str, Any]) -> str:
        """The figure's value in `figures` (a row of the workbook's figures), formatted."""
        return self.format(figures[self.key])

    def column(self) -> str:
        """The heading of a table column showing this figure, in the kit's language."""
        return _(self.heading or self.label)


HEADLINE = (
    Figure("assigned", N_("tasks assigned"), heading=N_("tasks")),
    Figure("closed", N_("closed")),
    Figure("closed_on_time", N_("closed on time")),
    Figure("closed_late", N_("closed late")),
    Figure("open", N_("open")),
    Figure("overdue", N_("overdue")),
    Figure("returned", N_("returned at least once"), heading=N_("returned")),
    Figure("on_time_rate", N_("on-time rate"), rate_text),
    Figure("avg_days_late", N_("average days late"), days_text),
)
FIGURES = {figure.key: figure for figure in HEADLINE}


def figure_rows(figures: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The headline as (label, text) rows, in order, in the kit's language."""
    return [(_(figure.label), figure.text(figures)) for figure in HEADLINE]


NOT_RANKED = N_("no task due in the period")  # why a unit has no rank (service.progress.score)
ESCALATE = N_("interview suggested")  # the escalation rule flags the unit (Workbook.escalations)


def ranking_texts(row: Mapping[str, Any]) -> dict[str, str]:
    """A row of the workbook's ranking as shown: rank, score, the note saying why a unit
    is not ranked (its rank and score are then –), and the escalation flag (`flag`: the mark
    when the rule flags the unit, a row of Workbook.with_escalation)."""
    return {
        "rank": count_text(row["rank"]),
        "score": days_text(row["score"]),
        "note": "" if row["ranked"] else _(NOT_RANKED),
        "flag": _(ESCALATE) if row.get("escalate") else "",
    }


def columns(*keys: str) -> list[tuple[str, str]]:
    """(key, heading) of table columns showing the figures `keys`."""
    return [(key, FIGURES[key].column()) for key in keys]


# -- dates, in the kit's language ---------------------------------------------------------
def _locale() -> Locale:
    from babel import Locale  # babel is imported when a date is first shown (start-up)

    return Locale.parse(current_language())


def _skeleton(skeleton: str, value: date | datetime, locale: Locale, **options: Any) -> str:
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, value, locale=locale, **options)


def week_text(day: date | str) -> str:
    """A day as a chart's axis shows it, month and day: 10月5日, Oct 5."""
    return _skeleton("MMMd", _as_date(day), _locale())


def moment_text(stamp: str | None) -> str:
    """A stored timestamp as a date and time in the office's zone: 2026年10月19日 10:05,
    Oct 19, 2026, 10:05. Stored times are the office's local time (duban.infra.clock); one
    with an offset is converted to the office's zone."""
    if not stamp:
        return NONE
    zone, locale = office_zone(), _locale()
    moment = datetime.fromisoformat(stamp)
    moment = moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
    day = _skeleton("yMMMd", moment, locale, tzinfo=zone)
    time = _skeleton("Hm", moment, locale, tzinfo=zone)
    return locale.datetime_formats["medium"].replace("{1}", day).replace("{0}", time)


def day_text(stamp: str | None) -> str:
    """The day (ISO) of a stored timestamp in the office's zone, as moment_text reads it."""
    if not stamp:
        return NONE
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone(office_zone()) if moment.tzinfo else moment).date().isoformat()


def _as_date(day: date | str) -> date:
    return date.fromisoformat(day) if isinstance(day, str) else day

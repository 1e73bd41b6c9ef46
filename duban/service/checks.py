"""Field checks that collect every problem of one call, then raise one ValidationError."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from duban.infra.errors import ValidationError
from duban.infra.i18n import _
from duban.infra.pasted import entered_text, pasted_day

# Days the office's records can name: a meeting held in year 1 or a deadline in 9999 is a typo.
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2099, 12, 31)


class Checks:
    """Collects field errors; `raise_if_any()` raises them together, before anything is written."""

    def __init__(self, max_text: int):
        self.errors: dict[str, str] = {}
        self.max_text = max_text

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(
        self, field: str, value: Any, *, required: bool = True, limit: int | None = None
    ) -> str | None:
        """The text as the kit keeps it (entered_text), required unless told otherwise, no
        longer than the limit; a text of only spaces and invisible characters is empty."""
        if value is not None and not isinstance(value, str):
            self.fail(field, _("must be text"))
            return None
        value = entered_text(value or "")
        if not value:
            if required:
                self.fail(field, _("must not be empty"))
            return None
        limit = limit or self.max_text
        if len(value) > limit:
            self.fail(
                field,
                _("is too long ({length} characters; at most {limit})").format(
                    length=len(value), limit=limit
                ),
            )
            return None
        return value

    def texts(self, field: str, value: Any, *, limit: int | None = None) -> list[str]:
        """A list of texts (each as `text`, blanks left out): one text where a list belongs is
        refused, not read as its characters."""
        if isinstance(value, str) or not isinstance(value, Iterable):
            self.fail(field, _("must be a list"))
            return []
        items = [self.text(field, item, required=False, limit=limit) for item in value]
        return [item for item in items if item]

    def choice(self, field: str, value: Any, allowed: Iterable[str]) -> str | None:
        allowed = tuple(allowed)
        if value not in allowed:
            self.fail(field, _("must be one of: {allowed}").format(allowed=", ".join(allowed)))
            return None
        return value

    def day(self, field: str, value: Any) -> date | None:
        """A date, or text naming one as people type or paste it (see pasted_day)."""
        day = pasted_day(value)
        if day is None:
            self.fail(field, _("must be a date (YYYY-MM-DD)"))
        elif not EARLIEST_DAY <= day <= LATEST_DAY:
            self.fail(
                field,
                _("must be between {earliest} and {latest}").format(
                    earliest=EARLIEST_DAY, latest=LATEST_DAY
                ),
            )
            return None
        return day

    def integer(self, field: str, value: Any, low: int, high: int) -> int | None:
        whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        if isinstance(value, bool) or not whole:
            self.fail(field, _("must be a whole number"))
            return None
        if not low <= int(value) <= high:
            self.fail(field, _("must be between {low} and {high}").format(low=low, high=high))
            return None
        return int(value)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

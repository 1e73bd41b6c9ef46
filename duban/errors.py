"""The errors the workbook raises: each says what is wrong, in the kit's language."""
from __future__ import annotations


class DubanError(Exception):
    """Base of every error the workbook raises on purpose."""


class ValidationError(DubanError):
    """Bad input: one message per field; nothing was written."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))

    @classmethod
    def single(cls, field: str, message: str) -> "ValidationError":
        return cls({field: message})


class NotFoundError(DubanError):
    """A unit, group, meeting, directive, task or user that does not exist."""


class TransitionError(DubanError):
    """A status change the rules do not allow; the message lists what is allowed."""


class PermissionDeniedError(DubanError):
    """The acting user's role or unit does not allow this action."""

"""The errors the workbook raises: each says what is wrong, in the kit's language."""

from __future__ import annotations


class DubanError(Exception):
    """Base of every error the workbook raises on purpose."""


def field_label(field: str) -> str:
    """A field's name as shown to people (untranslated names are shown as they are)."""
    from duban.infra.i18n import _

    labels = {
        "title": _("title"),
        "kind": _("kind"),
        "level": _("level"),
        "held_on": _("date"),
        "location": _("location"),
        "presider": _("presider"),
        "attendees": _("attendees"),
        "doc_number": _("document number"),
        "text": _("text"),
        "upstream_meeting_id": _("upstream meeting"),
        "areas": _("areas"),
        "deadline": _("deadline"),
        "role": _("role"),
        "lead_units": _("lead units"),
        "cooperating_units": _("cooperating units"),
        "cycle": _("reporting cycle"),
        "name": _("name"),
        "percent": _("percent"),
        "evidence": _("evidence"),
        "reason": _("reason"),
        "new_deadline": _("new deadline"),
        "comment": _("comment"),
        "note": _("note"),
        "unit": _("unit"),
        "login": _("login"),
        "display_name": _("display name"),
        "password": _("password"),
        "file": _("file"),
        "members": _("members"),
        "directive": _("directive"),
        "task": _("task"),
        "into": _("merge into"),
        "start": _("from"),
        "end": _("to"),
        "unit_kind": _("kind of unit"),
        "date": _("date"),
        "days": _("working days"),
        "light": _("light"),
        "closed_before": _("closed before"),
        "aliases": _("aliases"),
        "groups": _("groups"),
    }
    return labels.get(field, field)


class ValidationError(DubanError):
    """Bad input: one message per field; nothing was written."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        from duban.infra.i18n import _

        super().__init__(
            _("; ").join(
                _("{field}: {message}").format(field=field_label(f), message=msg)
                for f, msg in self.errors.items()
            )
        )

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class NotFoundError(DubanError):
    """A unit, group, meeting, directive, task or user that does not exist."""


class TransitionError(DubanError):
    """A status change the rules do not allow; the message lists what is allowed."""


class PermissionDeniedError(DubanError):
    """The acting user's role or unit does not allow this action."""


class SignInRefused(DubanError):
    """A sign-in that did not succeed: in the same words for any login or password that is
    wrong, or saying until when a login is locked."""

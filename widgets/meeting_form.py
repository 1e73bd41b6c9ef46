"""Step 1 view: the meeting's fields and its text (pasted or uploaded), each with its error."""

from __future__ import annotations

import ipywidgets as w
from traitlets import link

from duban.infra.i18n import _
from duban.models.meeting_form import MeetingForm
from duban.vocabulary import MEETING_KINDS, MEETING_LEVELS
from duban.widgets.common import Messages, guarded, set_choices
from duban.widgets.form_parts import FieldError, field, fields

NO_MEETING = (
    0  # the dropdown's value for "no upstream meeting" (a Dropdown takes None as no selection)
)


class MeetingFormView(w.VBox):
    """The form of a MeetingForm: every control linked to the model, every error under its field."""

    def __init__(self, model: MeetingForm, messages: Messages):
        self.model = model
        self.title = w.Text(
            placeholder=_("e.g. District Safety Committee plenary meeting"), continuous_update=False
        )
        self.kind = w.Dropdown(options=MEETING_KINDS.choices())
        self.level = w.Dropdown(options=MEETING_LEVELS.choices())
        self.held_on = w.DatePicker()
        self.location = w.Text(continuous_update=False)
        self.presider = w.Text(continuous_update=False)
        self.speakers = w.Text(placeholder=_("names, separated by commas"), continuous_update=False)
        self.doc_number = w.Text(continuous_update=False)
        self.upstream_meeting_id = w.Dropdown()
        self.attendees = w.Textarea(continuous_update=False, rows=2)
        self.text = w.Textarea(
            placeholder=_("Paste the report or speech here, or upload it below."),
            continuous_update=False,
            rows=12,
        )
        self.upload = w.FileUpload(
            accept=".txt,.docx",
            multiple=False,
            description=_("Upload .txt or .docx"),
            layout=w.Layout(width="auto"),
        )
        self.errors = {name: FieldError() for name in (*MeetingForm.STATE, "file")}
        self.refresh_upstream()
        for name in MeetingForm.STATE:
            if name != "upstream_meeting_id":
                link((model, name), (getattr(self, name), "value"))
        link(
            (model, "upstream_meeting_id"),
            (self.upstream_meeting_id, "value"),
            transform=(lambda meeting_id: meeting_id or NO_MEETING, lambda value: value or None),
        )
        model.observe(self._show_errors, names="errors")
        self.upload.observe(guarded(messages)(self._uploaded), names="value")
        captions = {
            "title": _("Title"),
            "kind": _("Kind"),
            "level": _("Level"),
            "held_on": _("Date held"),
            "location": _("Location"),
            "presider": _("Presided by"),
            "speakers": _("Speakers"),
            "doc_number": _("Document number"),
            "upstream_meeting_id": _("Passes on the spirit of (upstream meeting)"),
            "attendees": _("Attendees"),
            "text": _("Text of the report or speech"),
        }
        wide = {"title", "upstream_meeting_id", "attendees", "text"}
        boxes = [
            field(captions[n], getattr(self, n), self.errors[n], wide=n in wide) for n in captions
        ]
        super().__init__(
            [
                fields(*boxes),
                fields(
                    field(
                        _("Or read the text from a file"),
                        self.upload,
                        self.errors["file"],
                        wide=True,
                    )
                ),
            ]
        )

    def refresh_upstream(self) -> None:
        """The meetings already logged, to pick the upstream one from."""
        set_choices(
            self.upstream_meeting_id,
            [(_("none"), NO_MEETING), *self.model.upstream_choices()],
            self.model.upstream_meeting_id or NO_MEETING,
        )

    def _uploaded(self, change: dict) -> None:
        for upload in change["new"]:
            self.model.load_file(upload["name"], bytes(upload["content"]))

    def _show_errors(self, change: dict) -> None:
        for name, error in self.errors.items():
            error.show(change["new"].get(name))

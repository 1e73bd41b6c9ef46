"""The clerk's page: log a meeting, review and assign its directives, preview, save, notices."""

from __future__ import annotations

import html

import ipywidgets as w

from duban.infra.i18n import _
from duban.models.log_meeting import ASSIGN, DIRECTIVES, MEETING, PREVIEW, LogMeeting
from duban.service.workbook import Workbook
from duban.widgets.assign_step import AssignView
from duban.widgets.common import Messages, guarded, set_choices
from duban.widgets.directive_review import DirectiveReviewView
from duban.widgets.form_parts import STYLE, button, row
from duban.widgets.meeting_form import MeetingFormView
from duban.widgets.save_step import SaveView


def step_names() -> list[str]:
    return [_("1. Meeting"), _("2. Directives"), _("3. Assign"), _("4. Preview and save")]


class DraftsBar(w.VBox):
    """The clerk's unsaved meetings: resume one, discard one, or start a new meeting."""

    def __init__(self, model: LogMeeting, messages: Messages):
        self.model = model
        self.choice = w.Dropdown(layout=w.Layout(width="auto", max_width="100%"))
        self.resume = button(_("Resume"))
        self.discard = button(_("Discard"), "warning")
        self.new = button(_("New meeting"))
        act = guarded(messages)
        self.resume.on_click(act(lambda _b: model.resume(self.choice.value)))
        self.discard.on_click(act(lambda _b: model.discard(self.choice.value)))
        self.new.on_click(act(lambda _b: model.reset()))
        self.caption = w.HTML()
        super().__init__([self.caption, row(self.choice, self.resume, self.discard, self.new)])
        model.observe(self._show, names=["drafts", "draft_id"])
        self._show()

    def _show(self, _change: dict | None = None) -> None:
        drafts = self.model.drafts
        self.caption.value = html.escape(
            _("Your unsaved meetings, kept as drafts after every change: {n}").format(n=len(drafts))
            if drafts
            else _("You have no unsaved meetings.")
        )
        ids = [draft_id for _label, draft_id in drafts]
        set_choices(
            self.choice,
            drafts,
            self.model.draft_id if self.model.draft_id in ids else (ids[0] if ids else None),
        )
        for control in (self.choice, self.resume, self.discard):
            control.layout.display = "" if drafts else "none"


class LogMeetingView(w.VBox):
    """The steps, one at a time, with Back and Next; messages above them."""

    def __init__(self, model: LogMeeting):
        self.model = model
        self.messages = Messages()
        self.problem = Messages()
        self.drafts = DraftsBar(model, self.messages)
        self.steps = w.HTML()
        self.meeting = MeetingFormView(model.form, self.messages)
        self.directives = DirectiveReviewView(model.review, self.messages)
        self.assign = AssignView(model.assign, model.review, self.messages)
        self.save = SaveView(model, self.messages)
        self.back = button(_("Back"))
        self.next = button(_("Next"), "primary")
        self.resplit = button(_("Split the text again"))
        self.another = button(_("Log another meeting"))
        act = guarded(self.messages)
        self.back.on_click(act(lambda _b: model.back()))
        self.next.on_click(act(lambda _b: model.next()))
        self.resplit.on_click(act(lambda _b: model.resplit()))
        self.another.on_click(act(lambda _b: model.reset()))
        self.content = w.VBox()
        super().__init__(
            [
                w.HTML(STYLE),
                self.drafts,
                self.steps,
                self.messages,
                self.problem,
                self.content,
                row(self.back, self.next, self.resplit, self.another),
            ]
        )
        model.observe(self._show_step, names=["step", "saved"])
        model.observe(self._show_problem, names="problem")
        self._show_step()

    def _show_step(self, _change: dict | None = None) -> None:
        """Show the current step (the meeting form lists the upstream meetings when built)."""
        step, saved = self.model.step, self.model.saved is not None
        names = step_names()
        marks = "".join(
            f'<span class="{"current" if i == step else "done" if i < step else ""}">'
            f"{html.escape(name)}</span>"
            for i, name in enumerate(names)
        )
        self.steps.value = f'<div class="duban-steps">{marks}</div>'
        views = {
            MEETING: self.meeting,
            DIRECTIVES: self.directives,
            ASSIGN: self.assign,
            PREVIEW: self.save,
        }
        self.content.children = [views[step]]
        self.back.layout.display = "none" if step == MEETING or saved else ""
        self.next.layout.display = "none" if step == PREVIEW else ""
        self.resplit.layout.display = "" if step == DIRECTIVES else "none"
        self.another.layout.display = "" if saved else "none"
        if step == MEETING and _change is not None and _change["name"] == "step":
            self.meeting.refresh_upstream()  # back at the meeting: others may have logged one since
        self.messages.clear()

    def _show_problem(self, change: dict) -> None:
        if change["new"]:
            self.problem.error(change["new"])
        else:
            self.problem.clear()


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("log_meeting")."""
    return LogMeetingView(LogMeeting(wb))

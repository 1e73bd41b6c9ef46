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

# The step line: steps done are buttons back to them; the current one stands out; later
# ones are greyed (reached only with Next, which checks each step on the way).
STEPPER_STYLE = """
<style>
.duban-stepper { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 4px 0 8px; }
.duban-stepper .widget-button { width: auto; min-width: 0; background: none; box-shadow: none;
    border: 1px solid transparent; padding: 0 8px; }
.duban-stepper .widget-button.done { color: #1b5e20; text-decoration: underline; cursor: pointer; }
.duban-stepper .widget-button.done:hover { border-color: #b7dfb9; background: #e8f5e9; }
.duban-stepper .widget-button.current:disabled { opacity: 1; color: #174ea6; font-weight: 700;
    border-bottom: 2px solid #174ea6; cursor: default; }
.duban-stepper .widget-button.later:disabled { opacity: 1; color: #9e9e9e; cursor: not-allowed; }
.duban-size { color: #555; font-size: .85rem; }
.duban-size.over { color: #8a1c12; font-weight: 600; }
</style>
"""


def step_names() -> list[str]:
    return [_("1. Meeting"), _("2. Directives"), _("3. Assign"), _("4. Preview and save")]


class StepLine(w.Box):
    """The steps in a line: done ones go back to them when clicked, later ones are disabled."""

    def __init__(self, model: LogMeeting, messages: Messages):
        self.model = model
        self.buttons = [button(name) for name in step_names()]
        act = guarded(messages, writes=False)
        for step, control in enumerate(self.buttons):
            control.on_click(act(lambda _b, step=step: model.go_to(step)))
        super().__init__(self.buttons)
        self.add_class("duban-stepper")
        model.observe(self.show, names=["step", "saved"])
        self.show()

    def show(self, _change: dict | None = None) -> None:
        step, saved = self.model.step, self.model.saved is not None
        for index, control in enumerate(self.buttons):
            kind = "current" if index == step else "done" if index < step else "later"
            for other in {"current", "done", "later"} - {kind}:
                control.remove_class(other)
            control.add_class(kind)
            control.disabled = kind != "done" or saved
            control.tooltip = _("Go back to this step") if kind == "done" and not saved else ""


class DraftsBar(w.VBox):
    """The clerk's unsaved meetings: resume one, discard one (after asking), or start anew."""

    def __init__(self, model: LogMeeting, messages: Messages):
        self.model = model
        self.choice = w.Dropdown(layout=w.Layout(width="auto", max_width="100%"))
        self.resume = button(_("Resume"))
        self.discard = button(_("Discard"), "warning")
        self.new = button(_("New meeting"))
        self.question = w.HTML()
        self.confirm = button(_("Discard"), "danger")
        self.keep = button(_("Keep"))
        self.asking = w.VBox([self.question, row(self.confirm, self.keep)])
        self.asked: int | None = None  # the draft the question is about
        act = guarded(messages)
        self.resume.on_click(act(lambda _b: model.resume(self.choice.value)))
        self.discard.on_click(act(lambda _b: self.ask()))
        self.confirm.on_click(act(lambda _b: self._discard()))
        self.keep.on_click(act(lambda _b: self.stop_asking()))
        self.new.on_click(act(lambda _b: model.reset()))
        self.choice.observe(lambda _change: self.stop_asking(), names="value")
        self.caption = w.HTML()
        super().__init__(
            [self.caption, row(self.choice, self.resume, self.discard, self.new), self.asking]
        )
        model.observe(self._show, names=["drafts", "draft_id"])
        self._show()
        self.stop_asking()

    def ask(self) -> None:
        """Ask whether to discard the chosen draft, naming it (title and when it was kept)."""
        label = dict((i, text) for text, i in self.model.drafts).get(self.choice.value)
        if label is None:
            return
        self.asked = self.choice.value
        self.question.value = html.escape(_("Discard the draft of {draft}?").format(draft=label))
        self.asking.layout.display = ""

    def stop_asking(self) -> None:
        self.asked = None
        self.asking.layout.display = "none"

    def _discard(self) -> None:
        draft_id = self.asked
        self.stop_asking()
        if draft_id is not None:
            self.model.discard(draft_id)

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


def size_line(count: int, limit: int) -> str:
    """The count of the meeting text's characters against the limit, as HTML; the page's
    script updates it as the clerk types, from the sentences in its data- attributes."""
    ok = _("{n} characters of at most {limit}")
    over = _(
        "{n} characters: more than the {limit} a meeting's text may have. "
        "Keep the part of the report that deploys work and leave out the rest."
    )

    def sentence(template: str, n: str) -> str:
        return template.format(n=n, limit=f"{limit:,}")

    return (
        f'<div class="duban-size{" over" if count > limit else ""}" data-limit="{limit}" '
        f'data-ok="{html.escape(sentence(ok, "{n}"))}" '
        f'data-over="{html.escape(sentence(over, "{n}"))}">'
        f"{html.escape(sentence(over if count > limit else ok, f'{count:,}'))}</div>"
    )


class LogMeetingView(w.VBox):
    """The steps, one at a time, with Back and Next; messages above them."""

    def __init__(self, model: LogMeeting):
        self.model = model
        self.messages = Messages()
        self.problem = Messages()
        self.drafts = DraftsBar(model, self.messages)
        self.steps = StepLine(model, self.messages)
        self.meeting = MeetingFormView(model.form, self.messages)
        self.meeting.text.add_class("duban-sized")  # the page's script counts it as typed
        self.size = w.HTML()
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
                w.HTML(STYLE + STEPPER_STYLE),
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
        model.form.observe(self._show_size, names="text")
        self._show_size()
        self._show_step()

    def _show_step(self, _change: dict | None = None) -> None:
        """Show the current step (the meeting form lists the upstream meetings when built)."""
        step, saved = self.model.step, self.model.saved is not None
        views = {
            MEETING: [self.meeting, self.size],
            DIRECTIVES: [self.directives],
            ASSIGN: [self.assign],
            PREVIEW: [self.save],
        }
        self.content.children = views[step]
        self.back.layout.display = "none" if step == MEETING or saved else ""
        self.next.layout.display = "none" if step == PREVIEW else ""
        self.resplit.layout.display = "" if step == DIRECTIVES else "none"
        self.another.layout.display = "" if saved else "none"
        if step == MEETING and _change is not None and _change["name"] == "step":
            self.meeting.refresh_upstream()  # back at the meeting: others may have logged one since
        self.messages.clear()

    def _show_size(self, _change: dict | None = None) -> None:
        self.size.value = size_line(len(self.model.form.text), self.model.text_limit)

    def _show_problem(self, change: dict) -> None:
        if change["new"]:
            self.problem.error(change["new"])
        else:
            self.problem.clear()


def view(wb: Workbook) -> w.Widget:
    """The page's content, for open_page("log_meeting")."""
    return LogMeetingView(LogMeeting(wb))

"""The clerk's flow: log a meeting, review and assign its directives, preview, save, print notices.

`LogMeeting` ties the step models together, keeps the unsaved work as a draft after every
change, and saves everything through Workbook.save_deployment in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from traitlets import Bool, Instance, Int, List, Unicode

from duban.documents import notices as notice_files
from duban.documents.notices import NoticeFiles
from duban.infra.errors import DubanError, ValidationError
from duban.infra.i18n import _
from duban.models.assign_step import AssignStep, DirectiveAssignment
from duban.models.base import PageModel
from duban.models.directive_review import DirectiveReview
from duban.models.meeting_form import MeetingForm
from duban.service.deployments import Deployment, DirectivePlan, PlannedTask, parse_directive_key
from duban.service.directive_edits import PlannedDirective, numbers
from duban.service.workbook import Workbook

MEETING, DIRECTIVES, ASSIGN, PREVIEW = range(4)
REVIEW_FIELDS = ("text", "areas", "parent_id")

log = logging.getLogger("duban.models")


@dataclass(frozen=True)
class DirectiveLine:
    """A line of the preview per directive."""

    number: str
    text: str
    leads: int
    cooperating: int
    deadline: str
    cycle: str


@dataclass(frozen=True)
class UnitLine:
    """A line of the preview per unit: the directives it gets (numbers), its earliest deadline."""

    unit: str
    directives: list[str]
    roles: list[str]
    first_deadline: str


def per_directive(deployment: Deployment, items: list[PlannedDirective]) -> list[DirectiveLine]:
    """How many units each directive reaches, by when and how often reported (numbered as
    the saved documents number them: 1, 1.1, …)."""
    numbered = numbers(items)
    by_directive: dict[int, list[PlannedTask]] = {}
    for task in deployment.tasks:
        by_directive.setdefault(task.directive, []).append(task)
    lines = []
    for index, item in enumerate(items):
        tasks = by_directive.get(index, [])
        leads = sum(t.role == "lead" for t in tasks)
        lines.append(
            DirectiveLine(
                numbered[item.uid],
                item.text,
                leads,
                len(tasks) - leads,
                tasks[0].deadline if tasks else "",
                tasks[0].cycle if tasks else "none",
            )
        )
    return lines


def per_unit(deployment: Deployment, items: list[PlannedDirective]) -> list[UnitLine]:
    """The tasks each unit will get, in the order units first appear: directives numbered
    as in per_directive."""
    numbered = numbers(items)
    label = [numbered[item.uid] for item in items]
    grouped: dict[str, list[PlannedTask]] = {}
    for task in deployment.tasks:
        grouped.setdefault(task.unit, []).append(task)
    return [
        UnitLine(
            unit,
            [label[t.directive] for t in tasks],
            [t.role for t in tasks],
            min(t.deadline for t in tasks),
        )
        for unit, tasks in grouped.items()
    ]


class LogMeeting(PageModel):
    """Where the clerk is in the flow; the step models, the preview, the saved result, the draft."""

    step = Int(MEETING)
    draft_id = Int(None, allow_none=True)
    drafts = List(help="(label, id) of the clerk's drafts, newest first")
    preview = Instance(Deployment, allow_none=True)
    saved = Instance(Deployment, allow_none=True)
    notices = Instance(NoticeFiles, allow_none=True)
    notices_problem = Unicode("", help="why the notices of the saved meeting could not be written")
    problem = Unicode("", help="why the last step could not be taken")
    autosave = Bool(True)

    STATE = ("step",)  # with the state of each step (get_state)

    def __init__(self, wb: Workbook):
        super().__init__()
        self.wb = wb
        self.form = MeetingForm(wb)
        self.review = DirectiveReview()
        self.assign = AssignStep(wb)
        self.refresh_drafts()
        self.form.observe(self._changed, names=list(MeetingForm.STATE))
        self.review.observe(self._changed, names="items")
        self.assign.observe(self._watch_assignments, names="assignments")

    def _watch_assignments(self, change: dict[str, Any]) -> None:
        """Watch the assignments that joined the list; let go of those that left it."""
        names = list(DirectiveAssignment.CHOICES)
        old, new = set(change["old"] or ()), set(change["new"])
        for assignment in old - new:
            assignment.unobserve(self._changed, names=names)
        for assignment in new - old:
            assignment.observe(self._changed, names=names)
        self._changed(change)

    def _changed(self, _change: dict[str, Any]) -> None:
        """Any change of the unsaved work by the clerk: the last step's problem is stale; keep
        the draft (a failure to keep it is put in `problem`). Changes made while paused are the
        page's own (a proposal, a resumed draft), not the clerk's."""
        if not self.autosave:
            return
        self.problem = ""
        try:
            self.keep_draft()
        except DubanError as exc:
            self.problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - an observer's error would vanish: shown, logged in full
            log.exception("keeping the draft failed")
            self.problem = _("The draft could not be kept: {error}").format(error=exc)

    # -- moving through the steps ------------------------------------------------------------
    def next(self) -> bool:
        """Go to the next step if the current one is in order; else say why in `problem`.

        A step's proposals and syncs change many traits: one draft is kept for the move.
        """
        self.problem = ""
        with self._paused():
            moved = self._advance()
        if moved:
            self.keep_draft()
        return moved

    def _advance(self) -> bool:
        if self.step == MEETING:
            if not self.form.check():
                self.problem = _("Please correct the marked fields.")
                return False
            if self.review.needs_proposal(self.form.text):
                self.review.propose(self.form.text)
        elif self.step == DIRECTIVES:
            if not self.review.items:
                self.review.problem = _("add at least one directive")
                self.problem = _("Please correct the marked fields.")
                return False
            self.assign.sync(self.review.items)
        elif self.step == ASSIGN and not self.make_preview():
            return False
        if self.step < PREVIEW:
            self.step += 1
        return True

    def back(self) -> None:
        self.go_to(max(MEETING, self.step - 1))

    def go_to(self, step: int) -> bool:
        """Back to a step already done (later steps are reached with Next, which checks the
        steps in between); False, and nothing changes, for any other step or once saved."""
        if self.saved is not None or not MEETING <= step <= self.step:
            return False
        self.problem = ""
        self.step = step
        return True

    @property
    def text_limit(self) -> int:
        """The most characters a meeting's text may have (the service refuses more)."""
        return self.wb.settings.max_text_length

    def resplit(self) -> None:
        """Propose the directives again from the meeting text (the clerk's edits are replaced)."""
        with self._paused():
            self.review.propose(self.form.text)
            self.assign.sync(self.review.items)
        self._changed({})

    # -- preview and save ----------------------------------------------------------------------
    def plans(self) -> list[DirectivePlan]:
        """The directives with their assignments, as save_deployment takes them."""
        self.assign.sync(self.review.items)
        position = {item.uid: index for index, item in enumerate(self.review.items)}
        return [
            DirectivePlan(
                text=item.text,
                areas=item.areas,
                marker=item.marker,
                speaker=item.speaker,
                parent=position.get(item.parent) if item.parent else None,
                targets=assignment.targets(self.assign.catalog),
                deadline=assignment.deadline(),
                cycle=assignment.cycle,
            )
            for item, assignment in zip(self.review.items, self.assign.assignments, strict=True)
        ]

    def make_preview(self) -> bool:
        """What Save would write (a dry run); False with the errors marked if it cannot be saved."""
        return self._deploy(dry_run=True)

    def save(self) -> bool:
        """Write the meeting, its directives and tasks in one transaction; then the notices.

        Once the transaction is committed nothing here raises: a failure to list the drafts
        or to write the notices is shown (`problem`, `notices_problem`) with the meeting saved.
        """
        if self.saved is not None:
            self.problem = _("This meeting is already saved.")
            return False
        if not self._deploy(dry_run=False):
            return False
        self.draft_id = None
        try:
            self.refresh_drafts()
        except Exception as exc:  # noqa: BLE001 - the meeting is saved; say so, and why the list is old
            log.exception(
                "listing the drafts after saving meeting %s failed", self.saved.meeting_id
            )
            self.problem = _("Saved; the list of drafts could not be refreshed: {error}").format(
                error=exc
            )
        self.write_notices()
        return True

    def write_notices(self) -> bool:
        """Write the saved meeting's notices (again after a failure); failing, `notices_problem`."""
        if self.saved is None:
            return False
        self.notices_problem = ""
        try:
            self.notices = notice_files.write_notices(self.wb, self.saved.meeting_id)
        except Exception as exc:  # noqa: BLE001 - the meeting is saved; the clerk can try again
            log.exception("writing the notices of meeting %s failed", self.saved.meeting_id)
            self.notices_problem = _("Saved; the notices could not be written: {error}").format(
                error=exc
            )
            return False
        return True

    def _deploy(self, *, dry_run: bool) -> bool:
        self.problem = ""
        try:
            result = self.wb.save_deployment(
                self.form.fields(), self.plans(), draft_id=self.draft_id, dry_run=dry_run
            )
        except ValidationError as exc:
            self._mark(exc.errors)
            self.problem = (
                _("Please correct the marked fields.")
                if dry_run
                else _("Nothing was saved. Please correct the marked fields.")
            )
            return False
        self._mark({})
        if dry_run:
            self.preview = result
        else:
            self.saved = result
        return True

    def _mark(self, errors: dict[str, str]) -> None:
        """Hand each error to the step model that shows the field."""
        meeting, review, assign = {}, {}, {}
        for key, message in errors.items():
            found = parse_directive_key(key)
            if found is None:
                meeting[key] = message
                continue
            index, name = found
            uid = self.review.items[index].uid
            bucket = review if name in REVIEW_FIELDS else assign
            bucket.setdefault(uid, {})[name] = message
        self.form.errors = {k: v for k, v in meeting.items() if k != "directives"}
        self.review.errors = review
        self.review.problem = meeting.get("directives", "")
        for assignment in self.assign.assignments:
            assignment.errors = assign.get(assignment.uid, {})

    # -- drafts ------------------------------------------------------------------------------------
    def get_state(self) -> dict[str, Any]:
        """The draft: the step reached and each step's state."""
        return {
            **super().get_state(),
            "meeting": self.form.get_state(),
            "review": self.review.get_state(),
            "assign": self.assign.get_state(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        """A draft of `get_state()` (AssignStep also reads the older list-shaped drafts)."""
        self.form.set_state(state.get("meeting", {}))
        self.review.set_state(state.get("review", {}))
        self.assign.set_state(state.get("assign", {}))
        self.assign.sync(self.review.items)
        self.step = state.get("step", MEETING)

    @contextmanager
    def _paused(self) -> Iterator[None]:
        """No draft is kept for the changes made inside; the caller keeps one after, if need be."""
        self.autosave = False
        try:
            yield
        finally:
            self.autosave = True

    def keep_draft(self) -> None:
        """Save the unsaved work as the clerk's draft (once there is something to keep)."""
        if (
            not self.autosave
            or self.saved is not None
            or not (self.form.title.strip() or self.form.text.strip())
        ):
            return
        title = self.form.title.strip() or _("untitled meeting")
        self.draft_id = self.wb.save_draft(self.get_state(), title=title, draft_id=self.draft_id)
        self.refresh_drafts()

    def refresh_drafts(self) -> None:
        self.drafts = [
            (f"{row.title} ({row.updated_at[:16].replace('T', ' ')})", int(row.id))
            for row in self.wb.drafts().itertuples()
        ]

    def resume(self, draft_id: int) -> None:
        """Carry on with a draft where it was left."""
        state = self.wb.load_draft(draft_id)
        self.reset()
        with self._paused():
            self.set_state(state)
        self.draft_id = draft_id

    def discard(self, draft_id: int) -> None:
        """Delete a draft; if it is the one open, start afresh."""
        self.wb.discard_draft(draft_id)
        if draft_id == self.draft_id:
            self.reset()
        self.refresh_drafts()

    def reset(self) -> None:
        """An empty form for the next meeting."""
        with self._paused():
            self.form.reset()
            self.review.reset()
            self.assign.reset()
        self.draft_id = self.preview = self.saved = self.notices = None
        self.problem = self.notices_problem = ""
        self.step = MEETING

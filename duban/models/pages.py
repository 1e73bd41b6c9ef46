"""The registry of the kit's pages: the one place a page's name, title, audience, permission and
notebook are written. The home page lists it, `open_page` (duban.widgets.common) reads it, the
tests check it against notebooks/.

A served page `name` is the notebook `notebooks/<name>.ipynb`, whose code calls
`open_page("<name>")`; its view is `duban.widgets.<name>.view(wb)`. A new page registers here.
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.infra.i18n import N_
from duban.service import permissions


@dataclass(frozen=True)
class Page:
    """One page: `title` and `audience` are msgids; `needs` an action of duban.service.permissions.

    `served`: built by open_page under Voila; False for a notebook people run themselves in
    JupyterLab (analysis), which the home page links to all the same.
    """

    name: str
    title: str
    audience: str
    needs: str | None
    notebook: str
    served: bool = True

    def open_to(self, user: dict) -> bool:
        """Whether `user`'s role may open the page."""
        return self.needs is None or permissions.allowed(user, self.needs)


PAGES = (
    Page("home", N_("Duban: safety work supervision"), N_("everyone"), None, "home.ipynb"),
    Page(
        "log_meeting",
        N_("Log a meeting and assign its directives"),
        N_("clerks"),
        "log_meeting",
        "log_meeting.ipynb",
    ),
    Page(
        "my_tasks",
        N_("My unit's tasks: acknowledge and report"),
        N_("unit reporters"),
        "report",
        "my_tasks.ipynb",
    ),
    Page(
        "supervision",
        N_("Supervision: every task, closure reviews, extensions"),
        N_("clerks"),
        "close",
        "supervision.ipynb",
    ),
    Page(
        "reminders",
        N_("Reminders and look-back"),
        N_("clerks"),
        "remind",
        "reminders.ipynb",
    ),
    Page(
        "progress",
        N_("Progress: who is on time, who is late"),
        N_("leaders"),
        None,
        "progress.ipynb",
    ),
    Page(
        "bulletin",
        N_("Bulletin and ledger"),
        N_("the office"),
        "publish_bulletin",
        "bulletin.ipynb",
    ),
    Page(
        "units",
        N_("Units and groups"),
        N_("administrators"),
        "manage_units",
        "units.ipynb",
    ),
    Page(
        "calendar",
        N_("Working-day calendar"),
        N_("the office"),
        "manage_calendar",
        "calendar.ipynb",
    ),
    Page(
        "analysis",
        N_("Analysis with pandas"),
        N_("analysts"),
        "read_audit",
        "analysis.ipynb",
        served=False,
    ),
)
HOME = "home"


def find_page(name: str) -> Page:
    """The registered page called `name` (ValueError for a name not registered)."""
    for page in PAGES:
        if page.name == name:
            return page
    raise ValueError(f"no page {name!r}; registered: {', '.join(p.name for p in PAGES)}")


def pages_open_to(user: dict) -> list[Page]:
    """The pages `user` may open, in the registry's order, the home page left out."""
    return [page for page in PAGES if page.name != HOME and page.open_to(user)]

"""What every page shares: the message area, callback guarding, the page frame and its style."""

from __future__ import annotations

import base64
import html
import json
import logging
import os
from collections.abc import Callable
from functools import wraps
from importlib import import_module
from pathlib import Path
from typing import Any

import ipywidgets as w

from duban.infra.config import load_settings
from duban.infra.errors import DubanError, PermissionDeniedError, ValidationError
from duban.infra.i18n import _
from duban.infra.identity import request_channel, sign_in_required
from duban.models.pages import find_page
from duban.service import permissions
from duban.service.workbook import Workbook, open_workbook

log = logging.getLogger("duban.widgets")

STYLE = """
<style>
.duban-page { max-width: 1200px; margin: 0 auto; padding: 0 12px; box-sizing: border-box; }
.duban-page .widget-label { min-width: 0; }
.duban-title h1 { font-size: 1.6rem; margin: .4em 0 .2em; }
.duban-title p { color: #555; margin: 0 0 .8em; }
.duban-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
               gap: 10px; }
.duban-card { min-width: 0; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px;
              background: #fafafa; }
.duban-card .value { font-size: 1.6rem; font-weight: 600; }
.duban-card .label { color: #555; font-size: .9rem; }
.duban-msg { padding: 6px 10px; border-radius: 4px; margin: 4px 0; overflow-wrap: anywhere; }
.duban-msg.error { background: #fdecea; color: #8a1c12; border: 1px solid #f5c2bd; }
.duban-msg.ok { background: #e8f5e9; color: #1b5e20; border: 1px solid #b7dfb9; }
.duban-msg.info { background: #e8f0fe; color: #174ea6; border: 1px solid #c3d3f7; }
.duban-page a { color: #1a56a8; text-decoration: underline; }
.duban-links a { display: inline-block; margin: 4px 12px 4px 0; }
.duban-sign-out { margin-left: 1em; white-space: nowrap; }
@media (max-width: 600px) { .duban-card .value { font-size: 1.2rem; } }
</style>
"""


class Messages(w.HTML):
    """A visible line of feedback: errors in red, successes in green."""

    def show(self, text: str, kind: str = "info") -> None:
        self.value = f'<div class="duban-msg {kind}">{html.escape(text)}</div>'

    def error(self, text: str) -> None:
        self.show(text, "error")

    def ok(self, text: str) -> None:
        self.show(text, "ok")

    def clear(self) -> None:
        self.value = ""


def guarded(
    messages: Messages,
    on_validation: Callable[[ValidationError], None] | None = None,
    *,
    writes: bool = True,
):
    """Decorate a callback so that every error reaches the person using the form.

    Workbook errors are shown as they are (a ValidationError also goes to
    `on_validation`, to mark its fields); anything else is logged with its
    traceback and shown as an unexpected error. `writes=False` for callbacks that
    only read (filters): their messages do not speak of saving.
    """

    def decorate(callback: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except ValidationError as exc:
                if on_validation is not None:
                    on_validation(exc)
                text = (
                    _("Nothing was saved. Please correct: {errors}")
                    if writes
                    else _("Please correct: {errors}")
                )
                messages.error(text.format(errors=str(exc)))
            except DubanError as exc:
                messages.error(str(exc))
            except Exception as exc:  # noqa: BLE001 - shown to the user, logged in full
                log.exception("callback %s failed", callback.__name__)
                text = (
                    _("Unexpected error: {error}. Nothing was saved.")
                    if writes
                    else _("Unexpected error: {error}.")
                )
                messages.error(text.format(error=exc))
            return None

        return wrapper

    return decorate


def page(title: str, subtitle: str, *children: w.Widget) -> w.VBox:
    """The frame of every page: style, a title and a subtitle (and sign-out, when served),
    then the content."""
    heading = w.HTML(
        f'{STYLE}<div class="duban-title"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)} {sign_out_link()}</p></div>"
    )
    box = w.VBox([heading, *children], layout=w.Layout(width="100%"))
    box.add_class("duban-page")
    return box


def signed_in(wb: Workbook) -> str:
    """A page's subtitle: who it acts as."""
    return _("Signed in as {user}").format(user=wb.user["display_name"])


def sign_out_link() -> str:
    """Under `duban serve`, a link that signs out (HTML); elsewhere nothing."""
    if not sign_in_required():
        return ""
    base = os.environ.get("VOILA_BASE_URL", "/")
    caption = html.escape(_("Sign out"))
    return f'<a class="duban-sign-out" href="{html.escape(base)}logout">{caption}</a>'


def _refusal(title: str, text: str) -> w.Widget:
    message = Messages()
    message.error(text)
    return page(title, "", message)


def open_page(name: str) -> w.Widget:
    """The registered page `name` (duban.models.pages) for the configured database and user,
    framed with its title; or a page saying why it cannot be opened.

    The page's permission is checked before anything else is read; its content is
    `duban.widgets.<name>.view(wb)`.
    """
    entry = find_page(name)
    if not entry.served:
        raise ValueError(f"{name} is a notebook to run in JupyterLab, not a page to build")
    title = _(entry.title)
    try:
        wb = open_workbook()
        if entry.needs is not None:
            permissions.require(wb.user, entry.needs)
    except PermissionDeniedError as exc:
        return _refusal(title, _("This page is not open to you: {reason}").format(reason=exc))
    except DubanError as exc:
        return _refusal(
            title,
            _(
                "This page cannot be used: {reason}. "
                "Ask the administrator for an account, or set DUBAN_USER."
            ).format(reason=str(exc).rstrip("。.")),
        )
    content = import_module(f"duban.widgets.{name}").view(wb)
    return page(title, signed_in(wb), content)


MIME_TYPES = {
    ".html": "text/html",
    ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_link(
    caption: str, path: Path, *, name: str | None = None, mime: str | None = None
) -> str:
    """A link downloading the file at `path` as `name` (default: the file's own name) (a data:
    URI: works under Voila, no server route)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    mime = mime or MIME_TYPES.get(path.suffix, "application/octet-stream")
    return (
        f'<a class="duban-download" download="{html.escape(name or path.name)}" '
        f'href="data:{html.escape(mime)};base64,{data}">{html.escape(caption)}</a>'
    )


def set_choices(dropdown: w.Dropdown, options: list[Any], value: Any) -> None:
    """Replace a dropdown's options and choose `value`, sent to the browser as one update.

    Two updates (options, then value) let a quick visitor pick from the new list while the
    old selection is still on its way, and send back an index meaning another item.
    """
    with dropdown.hold_sync():
        dropdown.options = options
        dropdown.value = value


def cards_html(figures: list[tuple[str, str]]) -> str:
    """Headline figures as a row of cards that wraps on narrow screens (HTML)."""
    items = "".join(
        f'<div class="duban-card"><div class="value">{html.escape(value)}</div>'
        f'<div class="label">{html.escape(label)}</div></div>'
        for label, value in figures
    )
    return f'<div class="duban-cards">{items}</div>'


def cards(figures: list[tuple[str, str]]) -> w.HTML:
    """The cards as a widget."""
    return w.HTML(cards_html(figures))


def wait_for_visitor() -> None:
    """Under Voila's preheated kernels, block until a visitor arrives; elsewhere return at once.

    A notebook imports what it needs, calls this, then reads the database: a page kept
    warm in the pool therefore never shows figures from before its visitor came. Under
    `duban serve` the request is read from Duban's proven channel (infra.identity) with a
    plain websocket client: `voila.utils` would load Voila's whole server into every
    kernel (about 1.4 s of CPU and 66 MB), and a cold kernel needs nothing of it.
    """
    if os.environ.get("VOILA_PREHEAT") != "True":
        return  # a cold kernel has its request in its environment already; nbval has none
    channel = request_channel(load_settings())
    if channel is None:  # Voila started by hand, not by duban serve
        from voila.utils import wait_for_request

        wait_for_request()
        return
    from websockets.sync.client import connect

    with connect(f"{channel}/{os.environ['VOILA_KERNEL_ID']}", open_timeout=30) as socket:
        os.environ.update(json.loads(socket.recv()))

"""The sign-in page (/login) and sign-out (/logout), in the office's language.

The form posts `username`, `password` and tornado's `_xsrf` value (jupyter_server refuses a
POST without it: CSRF). A refusal is shown on the form, in the same words whether the login
or the password was wrong (duban.service.accounts.sign_in); the page is self-contained, so
nothing else needs to answer a visitor who has not signed in.
"""

from __future__ import annotations

import html

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.base.handlers import JupyterHandler

from duban.infra.errors import SignInRefused
from duban.infra.i18n import _, current_language
from duban.service.accounts import sign_in

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", sans-serif; background: #f4f6f8; margin: 0; }}
main {{ max-width: 360px; margin: 12vh auto 0; padding: 24px; background: #fff;
        border: 1px solid #ddd; border-radius: 8px; box-sizing: border-box; }}
h1 {{ font-size: 1.4rem; margin: 0 0 16px; }}
label {{ display: block; margin: 12px 0 4px; color: #333; }}
input[type=text], input[type=password] {{ width: 100%; box-sizing: border-box; padding: 8px;
        font-size: 1rem; border: 1px solid #bbb; border-radius: 4px; }}
button {{ margin-top: 18px; width: 100%; padding: 10px; font-size: 1rem; color: #fff;
          background: #1a56a8; border: 0; border-radius: 4px; cursor: pointer; }}
.error {{ background: #fdecea; color: #8a1c12; border: 1px solid #f5c2bd; padding: 6px 10px;
          border-radius: 4px; overflow-wrap: anywhere; }}
.info {{ background: #e8f0fe; color: #174ea6; border: 1px solid #c3d3f7; padding: 6px 10px;
         border-radius: 4px; }}
@media (max-width: 400px) {{ main {{ margin: 0; border: 0; border-radius: 0; }} }}
</style></head>
<body><main>
<h1>{title}</h1>
{message}
<form method="post" action="{action}">
{xsrf}
<input type="hidden" name="next" value="{next}">
<label for="username">{login_label}</label>
<input type="text" id="username" name="username" value="{username}" autocomplete="username"
       autocapitalize="none" spellcheck="false" required autofocus>
<label for="password">{password_label}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">{submit}</button>
</form>
</main></body></html>
"""


class LoginHandler(LoginFormHandler):
    """GET shows the form (or goes on, for someone signed in); POST signs in."""

    def _form(self, message: str = "", kind: str = "error", username: str = "") -> None:
        box = f'<p class="{kind}" role="alert">{html.escape(message)}</p>' if message else ""
        self.write(
            PAGE.format(
                lang=current_language().replace("_", "-"),
                title=html.escape(_("Duban: sign in")),
                message=box,
                action=html.escape(self.request.path),
                xsrf=self.xsrf_form_html(),
                next=html.escape(self.get_argument("next", "")),
                login_label=html.escape(_("Login")),
                password_label=html.escape(_("Password")),
                username=html.escape(username),
                submit=html.escape(_("Sign in")),
            )
        )

    @allow_unauthenticated
    def get(self) -> None:
        if self.current_user:
            self._redirect_safe(self._next())
            return
        signed_out = self.get_argument("signed_out", None) is not None
        self._form(_("You have signed out.") if signed_out else "", kind="info")

    @allow_unauthenticated
    def post(self) -> None:
        provider = self.identity_provider
        username = self.get_body_argument("username", "")
        try:
            row = sign_in(
                provider.store,
                provider.settings,
                username,
                self.get_body_argument("password", ""),
            )
        except SignInRefused as exc:
            self.set_status(403)
            self._form(str(exc), username=username)
            return
        provider.start_session(self, row)
        self._redirect_safe(self._next())

    def _next(self) -> str:
        """Where a sign-in goes on to: the page asked for, else the home page (the form
        sends an empty `next` when /login was opened by itself)."""
        return self.get_argument("next", "") or self.base_url


class LogoutHandler(JupyterHandler):
    """Sign out, then the sign-in page."""

    @allow_unauthenticated
    def get(self) -> None:
        self.identity_provider.end_session(self)
        self.redirect(self.base_url + "login?signed_out=1")

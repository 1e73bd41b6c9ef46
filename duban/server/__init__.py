"""The web server `duban serve` runs: Voila, with sign-in in front of every page.

- `app`: the Voila application Duban runs (`python -m duban.server`).
- `identity`: who a request comes from (the sign-in cookie) and what a page's kernel is told.
- `login`: the sign-in and sign-out pages.
- `guard`: what every route checks before it answers (Host, sign-in, who owns a kernel).
"""

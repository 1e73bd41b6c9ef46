"""What `duban serve` refuses: visitors who have not signed in, wrong passwords, a foreign
Host, code sent to a page's kernel, and another person's kernel."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import pytest
import requests
from tornado.httpclient import HTTPClientError

from duban.serving import kernel_pids
from tests.conftest import TEST_PASSWORD, http_session, signing_tab
from tests.e2e.kernel_socket import KernelSocket, cookie_header, message, page_kernel

pytestmark = pytest.mark.browser  # a real server: the slow part of the suite

KERNEL = str(uuid.uuid4())
# Every kind of route Voila serves, asked for without signing in.
ROUTES = [
    "/",
    "/voila/render/home.ipynb",
    "/voila/render/progress.ipynb",
    "/voila/tree",
    "/voila/api/contents",
    "/voila/files/home.ipynb",
    "/voila/static/voila.js",
    "/voila/templates/duban/static/index.css",
    "/voila/labextensions/@voila-dashboards/widgets-manager8/package.json",
    "/voila/api/themes/@jupyterlab/theme-light-extension/index.css",
    f"/api/kernels/{KERNEL}",
]


def _post_login(session: requests.Session, url: str, login: str, password: str):
    return session.post(
        f"{url}/login",
        data={"username": login, "password": password, "_xsrf": session.cookies["_xsrf"]},
        allow_redirects=False,
        timeout=30,
    )


def test_nothing_answers_before_sign_in(office_server):
    before = kernel_pids(office_server.db)
    for route in ROUTES:
        answer = requests.get(office_server.url + route, allow_redirects=False, timeout=30)
        assert answer.status_code in (302, 403, 404), (route, answer.status_code)
        if answer.status_code == 302:
            assert answer.headers["Location"].startswith("/login"), route
        assert "duban-page" not in answer.text and "kernelId" not in answer.text, route
    shutdown = requests.post(f"{office_server.url}/voila/api/shutdown/{KERNEL}", timeout=30)
    assert shutdown.status_code == 403
    with pytest.raises(HTTPClientError) as refused:
        KernelSocket(office_server.url, KERNEL, cookies="")
    assert refused.value.code in (302, 403)
    # the channel preheated kernels read their visitor's request from: Voila's own (any
    # kernel id) is gone, Duban's answers only a kernel that proves it can read the secret
    channel = f"{office_server.url}/voila/query"
    assert requests.get(f"{channel}/{KERNEL}", timeout=30).status_code == 404
    assert requests.get(f"{channel}/forged-proof/{KERNEL}", timeout=30).status_code == 403
    time.sleep(2)
    assert kernel_pids(office_server.db) == before  # no visitor started a kernel
    login = requests.get(f"{office_server.url}/login", timeout=30)
    assert login.status_code == 200
    assert 'name="username"' in login.text and 'name="password"' in login.text


def test_wrong_passwords_get_nothing_and_then_lock_the_login(office_server):
    url, login = office_server.url, "analyst"
    session = requests.Session()
    session.get(f"{url}/login", timeout=30)
    refusals = set()
    for _attempt in range(5):  # [server] max_failures
        answer = _post_login(session, url, login, "not-the-password")
        assert answer.status_code == 403
        assert "duban-sign-in" not in session.cookies
        refusals.add(re.search(r'role="alert">([^<]*)<', answer.text).group(1))
    unknown = _post_login(session, url, "nobody-here", "not-the-password")
    assert re.search(r'role="alert">([^<]*)<', unknown.text).group(1) in refusals
    locked = _post_login(session, url, login, TEST_PASSWORD)
    assert locked.status_code == 403 and "duban-sign-in" not in session.cookies
    assert "lock" in locked.text.lower()
    assert session.get(f"{url}/voila/render/home.ipynb", allow_redirects=False).status_code == 302
    http_session(url, "leader")  # one locked login locks no one else


def test_signing_in_on_the_bare_sign_in_page_goes_on_to_the_home_page(office_server):
    session = requests.Session()
    session.get(f"{office_server.url}/login", timeout=30)
    answer = session.post(
        f"{office_server.url}/login",
        data={
            "username": "clerk",
            "password": TEST_PASSWORD,
            "next": "",
            "_xsrf": session.cookies["_xsrf"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_a_sign_in_without_the_forms_xsrf_value_is_refused(office_server):
    answer = requests.post(
        f"{office_server.url}/login",
        data={"username": "clerk", "password": TEST_PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 403 and "duban-sign-in" not in answer.cookies


def test_a_foreign_host_gets_nothing_even_http_session(office_server):
    session = http_session(office_server.url, "clerk")
    for route in ("/login", "/voila/render/home.ipynb", "/voila/static/voila.js", "/"):
        answer = session.get(
            office_server.url + route,
            headers={"Host": "evil.example"},
            allow_redirects=False,
            timeout=30,
        )
        assert answer.status_code == 403, route
        assert "duban-page" not in answer.text and 'name="password"' not in answer.text


def test_code_sent_to_a_pages_kernel_is_not_run(office_server, tmp_path: Path):
    session = http_session(office_server.url, "clerk")
    kernel = page_kernel(session, office_server.url, "home.ipynb")
    marker = tmp_path / "ran.txt"
    with KernelSocket(office_server.url, kernel, cookie_header(session)) as socket:
        sent = socket.send(message("execute_request", {"code": f"open({str(marker)!r}, 'w')"}))
        socket.settle()  # the kernel has answered a later message: it saw this one
        replies = [m for m in socket.received if m.get("parent_header", {}).get("msg_id") == sent]
    assert not marker.exists()
    assert not any(r["msg_type"] in ("execute_reply", "execute_result") for r in replies)


def test_a_pages_kernel_answers_its_owner_only(office_server):
    clerk = http_session(office_server.url, "clerk")
    kernel = page_kernel(clerk, office_server.url, "home.ipynb")
    reporter = http_session(office_server.url, "changan-street")
    with pytest.raises(HTTPClientError) as refused:
        KernelSocket(office_server.url, kernel, cookie_header(reporter))
    assert refused.value.code == 403
    for answer in (
        reporter.get(f"{office_server.url}/api/kernels/{kernel}", timeout=30),
        reporter.delete(
            f"{office_server.url}/api/kernels/{kernel}",
            headers={"X-XSRFToken": reporter.cookies["_xsrf"]},
            timeout=30,
        ),
        reporter.post(
            f"{office_server.url}/voila/api/shutdown/{kernel}",
            headers={"X-XSRFToken": reporter.cookies["_xsrf"]},
            timeout=30,
        ),
    ):
        assert answer.status_code == 403
    mine = clerk.get(f"{office_server.url}/api/kernels/{kernel}", timeout=30)
    assert mine.status_code == 200 and mine.json()["id"] == kernel


def test_a_visitor_holds_at_most_a_few_kernels(office_server):
    session = http_session(office_server.url, "leader")
    kernels = [page_kernel(session, office_server.url, "home.ipynb") for _ in range(6)]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        alive = [
            k
            for k in kernels
            if session.get(f"{office_server.url}/api/kernels/{k}", timeout=30).status_code == 200
        ]
        if len(alive) <= 4:
            break
        time.sleep(1)
    assert alive == kernels[-4:]  # [server] kernels_per_visitor: the newest are kept


def test_a_closed_pages_kernel_is_shut_down_at_once(office_server, browser):
    context = browser.new_context()
    tab = signing_tab(context, "leader")
    tab.goto(f"{office_server.url}/voila/render/home.ipynb")
    tab.locator(".duban-page").first.wait_for(timeout=90_000)
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', tab.content())
    kernel_id = kernel.group(1) if kernel else _kernel_from_log(office_server.log)
    tab.close(run_before_unload=True)
    context.close()
    deadline = time.monotonic() + 20
    while f"Kernel shutdown: {kernel_id}" not in office_server.log.read_text():
        assert time.monotonic() < deadline, "the closed page's kernel still runs"
        time.sleep(0.5)


def _kernel_from_log(log: Path) -> str:
    return re.findall(r"Using pre-heated kernel: (\S+)", log.read_text())[-1]

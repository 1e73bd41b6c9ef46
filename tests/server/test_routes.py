"""Every route Voila serves goes through Duban's guard; only /login and the kernels'
proven request channel answer before sign-in (the server itself: tests/e2e)."""

from __future__ import annotations

import pytest

from duban.server.app import OPEN_TO_ALL, DubanVoila


@pytest.fixture
def routes(tmp_path, monkeypatch) -> list:
    monkeypatch.setenv("DUBAN_DB", str(tmp_path / "duban.sqlite"))
    app = DubanVoila()
    app.initialize(["notebooks", "--VoilaConfiguration.preheat_kernel=False"])  # no server runs
    app.connection_dir = str(tmp_path)
    app.init_settings()
    return app.init_handlers()


def test_every_route_is_guarded_and_only_sign_in_is_open(routes):
    assert len(routes) >= 14
    for pattern, handler, *_ in routes:
        assert handler.__name__.startswith("Guarded"), pattern
    open_routes = {p for p, handler, *_ in routes if issubclass(handler, OPEN_TO_ALL)}
    # (the preheated kernels' proven channel is the third, when preheating is on: tests/e2e)
    assert open_routes == {"/login", "/logout"}
    assert not [p for p, *_ in routes if "/voila/query/" in p]

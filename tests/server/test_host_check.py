"""Which Host a request may name (duban.server.guard.host_allowed)."""

from __future__ import annotations

import pytest

from duban.server.guard import host_allowed

NAMES = ("duban.office.gov", "10.0.0.7")


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:8866", "127.0.0.1", "[::1]:8866", "localhost:8866", "Duban.Office.gov",
     "duban.office.gov:443", "10.0.0.7:8866"],
)  # fmt: skip
def test_loopback_and_the_offices_names_are_answered(host):
    assert host_allowed(host, NAMES)


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8866", "duban.office.gov.evil.example", "10.0.0.5:8866",
     "192.168.1.20", "", "localhost.evil.example", "duban.office.gov@evil.example"],
)  # fmt: skip
def test_any_other_host_is_refused(host):
    assert not host_allowed(host, NAMES)

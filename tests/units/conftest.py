"""The units tests act as the small office's administrator: units are the administrator's to
manage (duban.service.permissions: manage_units)."""

from __future__ import annotations

import pytest

from duban.service.workbook import Workbook


@pytest.fixture
def office(office: Workbook) -> Workbook:
    """The small office of tests/conftest.py, acting as `admin` instead of its clerk."""
    return office.as_user("admin")

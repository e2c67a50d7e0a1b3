"""Core tests: the whole staff, one user per role, on the SQLite database of the test."""

from __future__ import annotations

import pytest

from desktop.storage.engine import Database
from desktop.storage.models import User
from tests.core.pki_support import test_pki  # noqa: F401 - the local PKI, TSA and OCSP, for any core test
from tests.workflow_support import make_staff


@pytest.fixture
def staff(sqlite_database: Database) -> dict[str, User]:
    """make_staff's users (founder, authors, supervisors, exporter, administrator) on sqlite_database."""
    return make_staff(sqlite_database)

"""What every part of the workspace relies on: the open database and the logged-in user."""

from __future__ import annotations

from typing import Any

from desktop.storage.engine import Database
from desktop.storage.models import User


class FacadeBase:
    """Holds the database and the user; each call opens and closes its own session."""

    def __init__(self, database: Database, user: User) -> None:
        self.database = database
        self.user = user

    def _attached(self, session: Any) -> User:
        """The user as a row of this session, so core functions may read and update it."""
        return session.merge(self.user, load=True)

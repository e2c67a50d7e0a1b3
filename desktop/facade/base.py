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
        """The user as stored now, a row of this session: roles changed meanwhile count at once.

        Loaded, not merged: merging the copy held since login would write its old roles and active flag
        back over an administrator's change. A user deactivated meanwhile is refused.
        """
        from desktop.errors import PermissionDenied

        user = session.get(User, self.user.id)
        if user is None or not user.active:
            raise PermissionDenied("Ваш обліковий запис вимкнено. Зверніться до адміністратора.")
        self.user.roles = user.roles  # the GUI's has_role follows an administrator's change too
        return user

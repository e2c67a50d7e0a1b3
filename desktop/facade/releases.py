"""The part of the GUI's facade that lists, opens, saves and moves releases."""

from __future__ import annotations

from typing import Any

from desktop.facade.base import FacadeBase


class ReleasesFacade(FacadeBase):
    """Releases, inboxes, revisions, workflow moves and comments."""

    # Releases and inboxes (desktop.releases).

    def inbox_counts(self) -> dict[str, int]:
        from desktop import releases

        with self.database.session() as session:
            return releases.inbox_counts(session, self._attached(session))

    def list_releases(
        self, inbox: str = "all", search: str | None = None, status: str | None = None, limit: int = 200
    ) -> list[Any]:
        from desktop import releases

        with self.database.session() as session:
            return releases.list_releases(
                session, self._attached(session), inbox=inbox, search=search, status=status, limit=limit
            )

    def change_marker(self) -> str:
        from desktop import releases

        with self.database.session() as session:
            return releases.change_marker(session)

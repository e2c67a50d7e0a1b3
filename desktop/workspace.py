"""The facade the GUI talks to: one open database and the logged-in user, no SQL outside the core."""

from __future__ import annotations

import contextlib
from typing import Any

from desktop import accounts, settings
from desktop.errors import UserError
from desktop.facade.base import FacadeBase
from desktop.facade.directory import DirectoryFacade
from desktop.facade.exporting import ExportFacade
from desktop.facade.photos import PhotosFacade
from desktop.facade.proofing import ProofingFacade
from desktop.facade.releases import ReleasesFacade
from desktop.facade.review import ReviewFacade
from desktop.storage.engine import Database
from desktop.storage.models import User


def open_database(url: str | None) -> Database:
    """Opens (and migrates) the database at url, or the default one; writes a restore noted earlier."""
    from desktop.storage import audit

    database = Database(url)
    audit.record_pending_restore(database.sessions, database.url)
    return database


def restore_database(url: str) -> str:
    """Puts the newest copy in place of a damaged SQLite database; returns where the damaged file went."""
    from desktop.storage import audit, backups

    # Nobody can log in to a damaged database: the restore is noted and written into the restored
    # copy's audit log, without a name, when it is opened next.
    used = backups.latest_backup(url)
    kept = backups.restore_backup(url, used)
    audit.note_restore(url, source=str(used.path) if used else "?", kept=str(kept))
    with contextlib.suppress(UserError):  # else written on the next open (open_database)
        open_database(url).dispose()
    return str(kept)


def needs_first_admin(database: Database) -> bool:
    """True for an empty database: the GUI then asks for the first administrator."""
    with database.session() as session:
        return accounts.count_users(session) == 0


def create_first_admin(database: Database, login: str, name: str, password: str, position: str = "") -> None:
    from desktop.storage import audit

    with database.session() as session:
        audit.start_new_chain(session)
        accounts.create_first_admin(session, login, name, password, position)


def log_in(database: Database, login: str, password: str) -> Workspace:
    """Authenticates and returns the user's workspace; raises LoginFailed in Ukrainian."""
    with database.session() as session:
        user = accounts.authenticate(session, login, password)
        session.commit()
        session.expunge(user)
    return Workspace(database, user)


def describe_failure(error: BaseException) -> str | None:
    """The one line to show for an error that escaped to the GUI's top level; None when it is a bug."""
    from desktop.errors import UserError
    from desktop.storage.errors import database_user_error, is_database_error

    if isinstance(error, UserError):
        return str(error)
    if is_database_error(error):
        return str(database_user_error(error))
    return None


class Workspace(FacadeBase):
    """What one logged-in user does, as plain calls; each opens and closes its own session.

    Each area is a part of its own (desktop/facade/), built here with what it depends on; parts never
    call each other except through what this constructor hands them.
    """

    def __init__(self, database: Database, user: User) -> None:
        super().__init__(database, user)
        self.proofing = ProofingFacade(database, user)
        self.releases = ReleasesFacade(database, user)
        self.review = ReviewFacade(database, user)
        self.directory = DirectoryFacade(database, user, on_words_changed=self.proofing.forget_proofreader)
        self.exports = ExportFacade(database, user)
        self.photos = PhotosFacade(database, user)

    @property
    def database_name(self) -> str:
        """The URL without a password (for a tooltip and messages)."""
        return self.database.display_name

    @property
    def database_short_name(self) -> str:
        """The database by name, as the status bar shows it: the SQLite file, or the PostgreSQL database and host."""
        from pathlib import Path

        from sqlalchemy.engine import make_url

        url = make_url(self.database.url)
        if url.get_backend_name() == "sqlite":
            return Path(url.database).name if url.database else "у пам'яті"
        return f"{url.database} на {url.host or 'localhost'}"

    def back_up(self) -> str | None:
        """The daily copy of an SQLite database; the new file's path, or None when none was due.

        Run after start, off the GUI thread: it also sweeps the office's export folder (exports a
        kill interrupted are finished or deleted, see desktop/export/publish.py).
        """
        from desktop.export import service
        from desktop.storage import backups

        with self.database.session() as session:
            service.sweep_exports(session)
        made = backups.make_backup(self.database.url)
        return str(made.path) if made else None

    def has_role(self, role: str) -> bool:
        return accounts.has_role(self.user, role)

    @property
    def role_names(self) -> str:
        return ", ".join(accounts.ROLE_LABELS[r] for r in accounts.ROLES if r in self.user.role_set)

    def settings(self) -> dict[str, str]:
        with self.database.session() as session:
            return settings.all_settings(session)

    def set_setting(self, key: str, value: str) -> None:
        with self.database.session() as session:
            settings.set_value(session, self._attached(session), key, value)

    def signature_lines(self) -> list[str]:
        with self.database.session() as session:
            return settings.signature_lines(session)

    def users(self) -> list[dict[str, Any]]:
        with self.database.session() as session:
            return [accounts.user_to_json(user) for user in accounts.list_users(session)]

    def add_user(self, login: str, name: str, roles: list[str], password: str, position: str = "") -> None:
        with self.database.session() as session:
            accounts.add_user(session, self._attached(session), login, name, roles, password, position)

    def set_user_roles(self, login: str, roles: list[str]) -> None:
        """An administrator changes a user's roles (audited; the last administrator keeps theirs)."""
        with self.database.session() as session:
            accounts.set_roles(session, self._attached(session), login, roles)

    def set_user_active(self, login: str, active: bool) -> None:
        """An administrator deactivates a user (who can no longer log in) or activates them again."""
        with self.database.session() as session:
            accounts.set_active(session, self._attached(session), login, active)

    def unlock_user(self, login: str) -> None:
        """An administrator lifts a lock after failed logins (audited)."""
        with self.database.session() as session:
            accounts.unlock(session, self._attached(session), login)

    def reset_password(self, login: str, password: str) -> None:
        """An administrator sets a new password for a user (and lifts a lock)."""
        with self.database.session() as session:
            accounts.set_password(session, self._attached(session), login, password)

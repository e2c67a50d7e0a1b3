"""Exceptions the core raises for a user's mistake or a refused action; messages are in Ukrainian."""

from __future__ import annotations


class UserError(Exception):
    """A user's mistake or bad input: shown as one clear line, never a traceback."""

    exit_code = 2


class PermissionDenied(UserError):
    """The acting user's roles do not allow the action."""


class NotFound(UserError):
    """The requested object does not exist."""


class LoginFailed(UserError):
    """Wrong login or password, or the account is temporarily locked."""


class Conflict(UserError):
    """Someone else changed the same object meanwhile; nothing was overwritten."""


class WorkflowRefused(UserError):
    """A workflow move that the rules do not allow."""


class DamagedDatabase(UserError):
    """The SQLite file at `url` does not open as a database; `backup` is the newest copy, if any."""

    def __init__(self, message: str, backup: object | None = None, url: str = "") -> None:
        super().__init__(message)
        self.backup = backup
        self.url = url

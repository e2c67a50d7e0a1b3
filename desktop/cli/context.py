"""What every command handler gets: the database, the acting user, and output in text or JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from sqlalchemy.orm import Session

from desktop import accounts
from desktop.errors import UserError
from desktop.storage.engine import Database
from desktop.storage.models import User


def secret(variable: str, prompt: str) -> str:
    """A secret from the environment, or asked on the terminal; never from the command line."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"Задайте змінну середовища {variable} або запустіть команду в терміналі.")
    return getpass.getpass(prompt)


class CliContext:
    """The open database and the acting user, created on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._database: Database | None = None

    @property
    def database(self) -> Database:
        if self._database is None:
            self._database = Database(self.args.database)
        return self._database

    def session(self) -> Any:
        """A committing session context manager."""
        return self.database.session()

    def acting_user(self, session: Session) -> User:
        """The user named by --as, logged in with VISNYK_PASSWORD or a password asked on the terminal."""
        login = self.args.acting_login or os.environ.get("VISNYK_USER")
        if not login:
            raise UserError("Вкажіть користувача: --as LOGIN.")
        password = secret("VISNYK_PASSWORD", f"Пароль користувача {login}: ")
        user = accounts.authenticate(session, login, password)
        return user

    @property
    def as_json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def emit(self, data: Any, text: str | None = None) -> None:
        """Prints JSON with --json, otherwise the human text (or the JSON when there is none)."""
        if self.as_json or text is None:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            print(text)

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()

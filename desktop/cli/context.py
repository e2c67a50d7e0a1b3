"""What every command handler gets: the database, the acting user, and output in text or JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from desktop.errors import UserError

if TYPE_CHECKING:
    # The storage layer is imported by the commands that open the database, not by every command.
    from sqlalchemy.orm import Session

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


# A text file given on the command line: a release is a few thousand words; 8 MiB of Ukrainian (two bytes a
# letter) is some 600,000 words — room for a whole year's releases, not for a disk image.
MAX_TEXT_FILE_BYTES = 8 * 1024 * 1024
TOO_LARGE = "Файл «{path}» завеликий: щонайбільше 8 МБ тексту (це близько 600 000 слів)."


def read_text_arg(
    path: str,
    *,
    missing: str = "Файл «{path}» не знайдено.",
    unreadable: str = "Не вдалося прочитати «{path}»: {reason}",
    not_utf8: str = "Файл «{path}» не в кодуванні UTF-8. Збережіть його як UTF-8 і спробуйте ще раз.",
) -> str:
    """The text of a UTF-8 file (with or without BOM), or of standard input for «-».

    A refusal is a UserError in the command's own words: {path} and {reason} are filled in.
    """
    try:
        if path == "-":
            data = _stdin_bytes()
            if data is None:  # a stand-in stream without bytes is read as text
                text = sys.stdin.read(MAX_TEXT_FILE_BYTES + 1)
                if len(text.encode("utf-8")) > MAX_TEXT_FILE_BYTES:
                    raise UserError(TOO_LARGE.format(path=path))
                return text
        else:
            with open(path, "rb") as file:
                data = file.read(MAX_TEXT_FILE_BYTES + 1)
        if len(data) > MAX_TEXT_FILE_BYTES:
            raise UserError(TOO_LARGE.format(path=path))
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(missing.format(path=path)) from None
    except UnicodeDecodeError as error:
        raise UserError(not_utf8.format(path=path, reason=error)) from None
    except OSError as error:
        raise UserError(unreadable.format(path=path, reason=error.strerror or error)) from None


def _stdin_bytes() -> bytes | None:
    """Standard input's bytes, up to one past the limit (UTF-8 whatever the console's code page); None for a
    stand-in stream without bytes, which is read as text."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return None
    return buffer.read(MAX_TEXT_FILE_BYTES + 1)


class CliContext:
    """The open database and the acting user, created on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._database: Database | None = None
        self._credentials: tuple[str, str] | None = None

    @property
    def database(self) -> Database:
        if self._database is None:
            from desktop.storage import audit
            from desktop.storage.engine import Database

            self._database = Database(self.args.database)
            # a restore noted but not yet written (the program stopped right after it) is written now
            audit.record_pending_restore(self._database.sessions, self._database.url)
        return self._database

    def session(self) -> Any:
        """A committing session context manager."""
        return self.database.session()

    def credentials(self) -> tuple[str, str]:
        """The login named by --as (or VISNYK_USER) and its password (VISNYK_PASSWORD, or asked once on the terminal)."""
        if self._credentials is None:
            login = self.args.acting_login or os.environ.get("VISNYK_USER")
            if not login:
                raise UserError("Вкажіть користувача: --as LOGIN.")
            self._credentials = (login, secret("VISNYK_PASSWORD", f"Пароль користувача {login}: "))
        return self._credentials

    def acting_user(self, session: Session) -> User:
        """The user named by --as, logged in with VISNYK_PASSWORD or a password asked on the terminal."""
        from desktop import accounts

        login, password = self.credentials()
        return accounts.authenticate(session, login, password)

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

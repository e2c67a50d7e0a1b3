"""`users roles`, `users deactivate|activate` and `users password` on the command line, audited."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.storage import audit
from desktop.storage.engine import Database
from tests.workflow_support import PASSWORD, make_staff


@pytest.fixture
def cli(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    make_staff(sqlite_database)

    def run(login: str, *arguments: str) -> tuple[int, str, str]:
        code = main(["--database", sqlite_database.url, "--as", login, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _audited(database: Database) -> list[tuple[str, str]]:
    with database.session() as session:
        return [(row.action, row.detail) for row in reversed(audit.recent(session))
                if row.action.startswith("user_") and row.action != "user_created"]


def test_an_admin_changes_roles_deactivates_and_activates(cli, sqlite_database: Database) -> None:
    code, out, _ = cli("admin", "users", "roles", "author", "--role", "author", "--role", "supervisor", "--json")
    assert code == 0 and json.loads(out)["roles"] == ["author", "supervisor"]
    code, out, _ = cli("admin", "users", "deactivate", "exporter")
    assert code == 0 and out.strip() == "Користувача exporter деактивовано."
    code, _, err = cli("exporter", "users", "roles", "author", "--role", "author")  # any command that logs in
    assert code != 0 and "Неправильний логін або пароль" in err
    code, out, _ = cli("admin", "users", "list")
    assert "(деактивовано)" in next(line for line in out.splitlines() if line.startswith("exporter"))
    code, out, _ = cli("admin", "users", "activate", "exporter", "--json")
    assert code == 0 and json.loads(out)["active"] is True
    assert _audited(sqlite_database) == [
        ("user_roles_changed", "author: author → author supervisor"),
        ("user_deactivated", "exporter"),
        ("user_activated", "exporter"),
    ]


def test_refusals_are_one_ukrainian_line(cli) -> None:
    code, _, err = cli("supervisor", "users", "roles", "author", "--role", "supervisor")
    assert code != 0 and err.strip().startswith("Помилка: Недостатньо прав")
    code, _, err = cli("admin", "users", "deactivate", "admin")
    assert code != 0 and "власний" in err and "Traceback" not in err
    code, _, err = cli("admin", "users", "roles", "nobody", "--role", "author")
    assert code != 0 and "не знайдено" in err


def test_an_admin_sets_a_new_password(cli, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISNYK_NEW_PASSWORD", "brand-new-password")
    code, out, _ = cli("admin", "users", "password", "author")
    assert code == 0 and "змінено" in out
    from desktop import workspace

    assert workspace.log_in(sqlite_database, "author", "brand-new-password").user.login == "author"

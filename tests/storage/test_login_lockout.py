"""Logins that hold: parallel wrong passwords on both engines, the admin's unlock, no user list
without a login, and the password policy."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from desktop import accounts
from desktop.cli import main
from desktop.errors import LoginFailed, PermissionDenied, UserError
from desktop.storage import audit
from desktop.storage.engine import Database
from desktop.storage.models import User
from tests.conftest import TEST_PASSWORD as PASSWORD

ATTEMPTS = 20


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the passwords actually checked (each costs the attacker one guess)."""
    checked: list[int] = []
    lock = threading.Lock()
    original = accounts._verify

    def counted(password_hash: str, password: str) -> bool:
        with lock:
            checked.append(1)
        return original(password_hash, password)

    monkeypatch.setattr(accounts, "_verify", counted)
    return checked


def _in_parallel(database: Database, attempt: Callable[[object], None]) -> list[BaseException | None]:
    """ATTEMPTS threads, each with its own session, released at the same moment."""
    start = threading.Barrier(ATTEMPTS)
    outcomes: list[BaseException | None] = [None] * ATTEMPTS

    def run(number: int) -> None:
        session = database.sessions()
        try:
            start.wait()
            attempt(session)
        except BaseException as error:  # collected: the test asserts on each
            outcomes[number] = error
        finally:
            session.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def _wrong(session) -> None:  # type: ignore[no-untyped-def]
    accounts.authenticate(session, "author", "wrong-password-guess")


def _failures_audited(database: Database) -> int:
    with database.session() as session:
        return sum(1 for row in audit.recent(session, limit=500) if row.action == "login_failed")


def test_parallel_wrong_passwords_are_checked_no_more_than_the_lock_allows(
    database: Database, admin: User, author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No waiting between attempts: only the lock stands between an attacker and the next guess.
    monkeypatch.setattr(accounts, "DELAY_AFTER_FAILURES", accounts.LOCK_AFTER_FAILURES)
    checked = _counting_checks(monkeypatch)
    outcomes = _in_parallel(database, _wrong)
    assert all(isinstance(outcome, LoginFailed) for outcome in outcomes), outcomes
    assert len(checked) == accounts.LOCK_AFTER_FAILURES
    assert _failures_audited(database) == accounts.LOCK_AFTER_FAILURES
    with database.session() as session, pytest.raises(LoginFailed, match="заблоковано"):
        accounts.authenticate(session, "author", PASSWORD)


def test_parallel_wrong_passwords_with_the_growing_delay(
    database: Database, admin: User, author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = _counting_checks(monkeypatch)
    outcomes = _in_parallel(database, _wrong)
    assert all(isinstance(outcome, LoginFailed) for outcome in outcomes), outcomes
    # the delay starts after DELAY_AFTER_FAILURES failures: the other attempts were told to wait
    assert len(checked) == accounts.DELAY_AFTER_FAILURES
    assert sum("Зачекайте" in str(outcome) for outcome in outcomes) == ATTEMPTS - accounts.DELAY_AFTER_FAILURES


def test_an_admin_unlocks_a_locked_account(
    database: Database, admin: User, author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "DELAY_AFTER_FAILURES", accounts.LOCK_AFTER_FAILURES)
    with database.session() as session:
        for _ in range(accounts.LOCK_AFTER_FAILURES):
            with pytest.raises(LoginFailed):
                _wrong(session)
        assert accounts.is_locked(accounts.find_user(session, "author"))
    with database.session() as session, pytest.raises(PermissionDenied):
        accounts.unlock(session, session.get(User, author.id), "author")
    with database.session() as session:
        assert accounts.unlock(session, session.get(User, admin.id), "author").failed_logins == 0
    with database.session() as session:
        assert accounts.authenticate(session, "author", PASSWORD).login == "author"
        assert [row.detail for row in audit.recent(session) if row.action == "user_unlocked"] == ["author"]


@pytest.fixture
def cli(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    from tests.workflow_support import make_staff

    make_staff(sqlite_database)
    monkeypatch.setattr(accounts, "DELAY_AFTER_FAILURES", accounts.LOCK_AFTER_FAILURES)

    def run(login: str | None, password: str, *arguments: str) -> tuple[int, str, str]:
        monkeypatch.setenv("VISNYK_PASSWORD", password)
        acting = ["--as", login] if login else []
        code = main(["--database", sqlite_database.url, *acting, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_cli_unlock_lets_a_locked_user_in_again(cli) -> None:
    for _ in range(accounts.LOCK_AFTER_FAILURES):
        cli("author", "wrong-password-guess", "users", "list")
    code, _, err = cli("author", PASSWORD, "users", "list")
    assert code != 0 and "заблоковано" in err
    code, out, _ = cli("admin", PASSWORD, "users", "list")
    assert "(заблоковано)" in next(line for line in out.splitlines() if line.startswith("author"))
    code, out, _ = cli("admin", PASSWORD, "users", "unlock", "author")
    assert code == 0 and "розблоковано" in out
    code, out, _ = cli("author", PASSWORD, "users", "list")
    assert code == 0 and "(заблоковано)" not in out


def test_users_are_not_listed_without_a_login(cli) -> None:
    code, out, err = cli(None, "", "users", "list")
    assert code != 0 and out == "" and "Вкажіть користувача" in err
    code, out, err = cli("admin", "wrong-password-guess", "users", "list")
    assert code != 0 and "admin" not in out and "Неправильний логін або пароль" in err


@pytest.mark.parametrize("password", [
    "123456789",            # short
    "1234567890",           # in the shipped list
    "password2024!",        # a listed word with digits and a symbol after it
    "зфііцщкв12",           # «password» typed on the Ukrainian layout
    "йцукенгшщз",           # the Ukrainian keyboard's top row
    "Qwertyuiop",           # listed, in another case
    "aaaaaaaaaaaa",         # one letter
])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(UserError, match="щонайменше 10|надто поширений"):
        accounts.check_password_strength(password)


def test_a_long_uncommon_password_is_accepted() -> None:
    accounts.check_password_strength("Коростень-весна-2026")
    accounts.check_password_strength(PASSWORD)
    assert len(accounts.common_passwords()) > 10_000


def test_a_command_that_fails_after_a_right_password_is_no_failed_login(database: Database, admin: User,
                                                                       author: User) -> None:
    for _ in range(accounts.LOCK_AFTER_FAILURES + 1):
        with pytest.raises(UserError, match="refused after login"), database.session() as session:
            accounts.authenticate(session, "author", PASSWORD)
            raise UserError("refused after login")  # the command's own refusal rolls its session back
    with database.session() as session:
        assert accounts.find_user(session, "author").failed_logins == 0
        assert accounts.authenticate(session, "author", PASSWORD).login == "author"

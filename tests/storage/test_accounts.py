"""Accounts on SQLite and PostgreSQL: hashes, refusals, the growing delay and the lock, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop import accounts, settings
from desktop.errors import LoginFailed, PermissionDenied, UserError
from desktop.storage.models import User, utcnow
from tests.conftest import TEST_PASSWORD as PASSWORD


def test_passwords_are_stored_as_argon2id(database, admin, author) -> None:
    with database.session() as session:
        stored = session.get(User, author.id).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_right_password_logs_in(database, admin, author) -> None:
    with database.session() as session:
        assert accounts.authenticate(session, "author", PASSWORD).login == "author"


def test_wrong_password_is_refused(database, admin, author) -> None:
    with database.session() as session, pytest.raises(LoginFailed, match="Неправильний логін або пароль"):
        accounts.authenticate(session, "author", "wrong-password")


def test_unknown_login_gets_the_same_message(database, admin, author) -> None:
    with database.session() as session, pytest.raises(LoginFailed, match="Неправильний логін або пароль"):
        accounts.authenticate(session, "nobody", PASSWORD)


def test_repeated_failures_make_the_user_wait_then_lock(database, admin, author) -> None:
    now = utcnow()
    with database.session() as session:
        for _ in range(accounts.DELAY_AFTER_FAILURES):
            with pytest.raises(LoginFailed):
                accounts.authenticate(session, "author", "wrong", now=now)
        # Right away, even the right password has to wait.
        with pytest.raises(LoginFailed, match="Зачекайте"):
            accounts.authenticate(session, "author", PASSWORD, now=now)
        moment = now
        for failures in range(accounts.DELAY_AFTER_FAILURES, accounts.LOCK_AFTER_FAILURES):
            moment = moment + accounts.retry_delay(failures) + timedelta(seconds=1)
            with pytest.raises(LoginFailed, match="Неправильний"):
                accounts.authenticate(session, "author", "wrong", now=moment)
        later = moment + timedelta(minutes=5)
        with pytest.raises(LoginFailed, match="заблоковано"):
            accounts.authenticate(session, "author", PASSWORD, now=later)
        after_lock = moment + accounts.LOCK_DURATION + timedelta(seconds=1)
        assert accounts.authenticate(session, "author", PASSWORD, now=after_lock).login == "author"


def test_delays_grow() -> None:
    delays = [accounts.retry_delay(n) for n in range(accounts.DELAY_AFTER_FAILURES, accounts.LOCK_AFTER_FAILURES)]
    assert delays == sorted(delays) and len(set(delays)) == len(delays) and delays[0] > timedelta(0)


def test_author_cannot_add_users(database, admin, author) -> None:
    with database.session() as session:
        author = session.get(User, author.id)
        with pytest.raises(PermissionDenied, match="адміністратор"):
            accounts.add_user(session, author, "newbie", "Нова Людина", ["author"], PASSWORD)


def test_author_cannot_change_settings(database, admin, author) -> None:
    with database.session() as session:
        author = session.get(User, author.id)
        with pytest.raises(PermissionDenied):
            settings.set_value(session, author, "workflow.allow_self_approval", "true")
        assert settings.get_bool(session, "workflow.allow_self_approval") is False


def test_admin_changes_settings(database, admin, author) -> None:
    with database.session() as session:
        admin = session.get(User, admin.id)
        settings.set_value(session, admin, "department.signature", "Відділ комунікацій\\nКоростенської РВА")
    with database.session() as session:
        assert settings.signature_lines(session) == ["Відділ комунікацій", "Коростенської РВА"]


def test_boolean_setting_refuses_other_words(database, admin, author) -> None:
    with database.session() as session:
        admin = session.get(User, admin.id)
        with pytest.raises(UserError, match="true або false"):
            settings.set_value(session, admin, "workflow.allow_self_approval", "maybe")


def test_first_admin_only_once(database, admin, author) -> None:
    with database.session() as session, pytest.raises(PermissionDenied):
        accounts.create_first_admin(session, "second", "Друга Особа", PASSWORD)


def test_short_password_refused(database, admin, author) -> None:
    with database.session() as session:
        admin = session.get(User, admin.id)
        with pytest.raises(UserError, match="щонайменше 10"):
            accounts.add_user(session, admin, "shorty", "Коротун", ["author"], "1234")

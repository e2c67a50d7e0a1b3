"""Administering users on SQLite and PostgreSQL: roles, deactivation, audited, the last administrator kept."""

from __future__ import annotations

import pytest

from desktop import accounts, workspace
from desktop.errors import LoginFailed, PermissionDenied, UserError
from desktop.storage import audit
from desktop.storage.models import User
from tests.conftest import TEST_PASSWORD as PASSWORD


def _audit(database, action: str) -> list[str]:
    with database.session() as session:
        return [row.detail for row in audit.recent(session) if row.action == action]


def test_an_admin_changes_roles_and_the_audit_says_from_what_to_what(database, admin, author) -> None:
    with database.session() as session:
        accounts.set_roles(session, session.merge(admin), "author", ["author", "supervisor"])
    with database.session() as session:
        assert session.get(User, author.id).role_set == {"author", "supervisor"}
    assert _audit(database, "user_roles_changed") == ["author: author → author supervisor"]
    assert audit_ok(database)


def audit_ok(database) -> bool:
    with database.session() as session:
        return audit.verify_chain(session).ok


def test_only_an_admin_changes_roles(database, admin, author, supervisor) -> None:
    with database.session() as session, pytest.raises(PermissionDenied):
        accounts.set_roles(session, session.merge(supervisor), "author", ["supervisor"])


def test_the_last_admin_keeps_the_admin_role(database, admin) -> None:
    with database.session() as session, pytest.raises(PermissionDenied, match="останній адміністратор"):
        accounts.set_roles(session, session.merge(admin), "admin", ["author"])
    with database.session() as session:
        second = accounts.add_user(session, session.merge(admin), "second", "Друга Адмінка", ["admin"], PASSWORD)
    with database.session() as session:
        accounts.set_roles(session, session.merge(admin), "admin", ["author", "supervisor"])
    with database.session() as session, pytest.raises(PermissionDenied, match="останній адміністратор"):
        accounts.set_roles(session, session.merge(second), "second", ["exporter"])


def test_an_unknown_role_or_none_is_refused(database, admin, author) -> None:
    with database.session() as session, pytest.raises(UserError, match="щонайменше одну роль"):
        accounts.set_roles(session, session.merge(admin), "author", [])
    with database.session() as session, pytest.raises(UserError, match="щонайменше одну роль"):
        accounts.set_roles(session, session.merge(admin), "author", ["boss"])


def test_a_deactivated_user_cannot_log_in_and_an_activated_one_can(database, admin, author) -> None:
    with database.session() as session:
        accounts.set_active(session, session.merge(admin), "author", False)
    with database.session() as session, pytest.raises(LoginFailed):
        accounts.authenticate(session, "author", PASSWORD)
    with database.session() as session:
        accounts.set_active(session, session.merge(admin), "author", True)
    with database.session() as session:
        assert accounts.authenticate(session, "author", PASSWORD).login == "author"
    assert _audit(database, "user_deactivated") == ["author"]
    assert _audit(database, "user_activated") == ["author"]
    assert audit_ok(database)


def test_nobody_deactivates_themselves_or_the_last_admin(database, admin, supervisor) -> None:
    with database.session() as session, pytest.raises(PermissionDenied, match="власний"):
        accounts.set_active(session, session.merge(admin), "admin", False)
    with database.session() as session:
        accounts.set_roles(session, session.merge(admin), "supervisor", ["supervisor", "admin"])
    with database.session() as session:
        accounts.set_active(session, session.get(User, supervisor.id), "admin", False)  # another admin remains
    with database.session() as session:
        accounts.set_active(session, session.get(User, supervisor.id), "admin", True)


def test_a_logged_in_user_deactivated_meanwhile_is_refused_and_cannot_undo_it(database, admin, author) -> None:
    """The session's copy of the user must never write its stale roles or active flag back."""
    author_workspace = workspace.log_in(database, "author", PASSWORD)
    admin_workspace = workspace.log_in(database, "admin", PASSWORD)
    admin_workspace.set_user_roles("author", ["author", "exporter"])
    author_workspace.releases.inbox_counts()  # any call of the author's
    assert author_workspace.has_role("exporter")  # the GUI's role checks follow at once
    with database.session() as session:
        assert session.get(User, author.id).role_set == {"author", "exporter"}
    admin_workspace.set_user_active("author", False)
    with pytest.raises(PermissionDenied, match="вимкнено"):
        author_workspace.releases.inbox_counts()
    with database.session() as session:
        assert not session.get(User, author.id).active


def test_an_admin_resets_a_password(database, admin, author) -> None:
    workspace.log_in(database, "admin", PASSWORD).reset_password("author", "brand-new-password")
    assert workspace.log_in(database, "author", "brand-new-password").user.login == "author"
    assert _audit(database, "password_changed") == ["author"]

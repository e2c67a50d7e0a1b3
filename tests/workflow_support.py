"""Helpers the workflow, release and audit tests share: staff of every role, releases in any state."""

from __future__ import annotations

from desktop import accounts
from desktop.document import Block, Document
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.storage.models import Release, User
from desktop.workflow import transitions

PASSWORD = "test-password-1"


def make_staff(database: Database) -> dict[str, User]:
    """One user per role, plus a second author, a second supervisor and a one-role administrator."""
    with database.session() as session:
        founder = accounts.create_first_admin(session, "founder", "Засновник Тестовий", PASSWORD)
        staff = {"founder": founder}
        for login, name, roles, position in (
            ("author", "Олена Харченко", ["author"], "головна спеціалістка"),
            ("other_author", "Петро Левченко", ["author"], ""),
            ("supervisor", "Юрій Тарасюк", ["supervisor"], "начальник Коростенської РВА"),
            ("chief", "Сергій Кириченко", ["supervisor"], "заступник начальника Коростенської РВА"),
            ("exporter", "Ірина Мельник", ["exporter"], ""),
            ("admin", "Адміністратор Системний", ["admin"], ""),
            ("boss_author", "Марія Коваль", ["author", "supervisor"], "керівниця відділу"),
        ):
            staff[login] = accounts.add_user(session, founder, login, name, roles, PASSWORD, position)
    return staff


def document(title: str = "Нарада з питань відновлення", *paragraphs: str) -> Document:
    """A small release text: a headline, a lead and paragraphs."""
    paragraphs = paragraphs or ("У Коростені відбулася нарада з питань відновлення інфраструктури.",)
    blocks = [Block.plain("lead" if i == 0 else "paragraph", text) for i, text in enumerate(paragraphs)]
    return Document(title, tuple(blocks))


def new_release(database: Database, author: User, text: Document | None = None) -> int:
    """A fresh draft by the author; returns its id."""
    with database.session() as session:
        release = revisions.create_release(session, author, text or document(), [], {"place": "Коростень"})
        return release.id


def release_in_state(database: Database, staff: dict[str, User], state: str) -> int:
    """A release by staff["author"] moved into the state through the core, as people would."""
    release_id = new_release(database, staff["author"])
    with database.session() as session:
        if state in ("in_review", "returned", "approved"):
            transitions.submit(session, staff["author"], release_id)
        if state == "returned":
            transitions.return_release(session, staff["chief"], release_id, "Уточніть дату.")
        if state == "approved":
            transitions.approve(session, staff["chief"], release_id)
        if state == "archived":
            transitions.archive(session, staff["author"], release_id)
    assert load(database, release_id).status == state
    return release_id


def load(database: Database, release_id: int) -> Release:
    """The release as stored now (detached)."""
    with database.session() as session:
        return revisions.get_release(session, release_id)

"""Every (role, state, action) against the core: allowed moves succeed, refused ones change nothing."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.errors import PermissionDenied, WorkflowRefused
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workflow import transitions
from tests.workflow_support import document, load, make_staff, release_in_state

STATES = ("draft", "in_review", "returned", "approved", "archived")
ACTIONS = ("submit", "approve", "return", "edit", "archive", "restore", "export")
LIVE = {"draft", "in_review", "returned", "approved"}
NONE: set[str] = set()

# role → action → the states in which the action is allowed. "author" is the release's own author;
# "supervisor" did not write it. Written out by hand: this table is the specification.
EXPECTED: dict[str, dict[str, set[str]]] = {
    "author": {
        "submit": {"draft", "returned"},
        "approve": NONE,
        "return": NONE,
        "edit": {"draft", "returned", "approved"},
        "archive": LIVE,
        "restore": {"archived"},
        "export": NONE,
    },
    "other_author": {action: NONE for action in ACTIONS},
    "supervisor": {
        "submit": {"draft", "returned"},
        "approve": {"in_review"},
        "return": {"in_review"},
        "edit": LIVE,
        "archive": LIVE,
        "restore": {"archived"},
        "export": NONE,
    },
    "exporter": {**{action: NONE for action in ACTIONS}, "export": {"approved"}},
    "admin": {**{action: NONE for action in ACTIONS}, "archive": LIVE, "restore": {"archived"}, "export": {"approved"}},
}
# Where an allowed action leaves the release (None: where it was).
RESULT = {
    "submit": "in_review",
    "approve": "approved",
    "return": "returned",
    "archive": "archived",
    "restore": "draft",  # every archived release in this table was archived from a draft
    "export": None,
}


@pytest.fixture(scope="module")
def office(
    tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path
) -> Iterator[tuple[Database, dict]]:
    """One SQLite database with the whole staff for the table (users are costly to create)."""
    import shutil

    path = tmp_path_factory.mktemp("workflow-table") / "visnyk.sqlite3"
    shutil.copy(_sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database, make_staff(database)
    database.dispose()


def _perform(database: Database, user: User, action: str, release_id: int) -> None:
    steps: dict[str, Callable] = {
        "submit": lambda s: transitions.submit(s, user, release_id),
        "approve": lambda s: transitions.approve(s, user, release_id),
        "return": lambda s: transitions.return_release(s, user, release_id, "Перепишіть лід."),
        "edit": lambda s: revisions.save_text(
            s,
            user,
            release_id,
            document("Новий заголовок", "Інший текст ліду."),
            expected_version=revisions.get_release(s, release_id).version,
        ),
        "archive": lambda s: transitions.archive(s, user, release_id),
        "restore": lambda s: transitions.restore(s, user, release_id),
        "export": lambda s: transitions.approved_document(s, revisions.get_release(s, release_id), user),
    }
    with database.session() as session:
        steps[action](session)


@pytest.mark.parametrize(("role", "state", "action"), list(itertools.product(EXPECTED, STATES, ACTIONS)))
def test_workflow_table(office: tuple[Database, dict], role: str, state: str, action: str) -> None:
    database, staff = office
    user = staff[role]
    release_id = release_in_state(database, staff, state)
    before = load(database, release_id)
    with database.session() as session:
        offered = transitions.allowed_actions(session, user, revisions.get_release(session, release_id))
    allowed = state in EXPECTED[role][action]
    assert (action in offered) == allowed, f"allowed_actions disagrees for {role}/{state}/{action}"
    if not allowed:
        with pytest.raises((PermissionDenied, WorkflowRefused)) as refusal:
            _perform(database, user, action, release_id)
        assert any("а" <= ch <= "я" or ch in "іїєґ" for ch in str(refusal.value).lower())  # said in Ukrainian
        after = load(database, release_id)
        assert (after.status, after.version, after.content_hash) == (
            before.status,
            before.version,
            before.content_hash,
        )
        return
    _perform(database, user, action, release_id)
    after = load(database, release_id)
    if action == "edit":
        expected_state = "in_review" if state == "in_review" else "draft"
        assert after.title == "Новий заголовок"
        assert after.version > before.version
    else:
        expected_state = RESULT[action] or state
    assert after.status == expected_state

"""Every workflow action in the GUI — main window and editor — is enabled exactly when the core allows it:
the role × state table walked through the windows, then again after an autosave, a return and a refresh."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from desktop.storage.engine import Database
from desktop.workflow import transitions
from desktop.workspace import Workspace
from tests.core.test_workflow_table import EXPECTED, STATES
from tests.workflow_support import load, make_staff, release_in_state
from ui.common.tasks import TaskRunner
from ui.editor.window import EditorWindow, open_editor
from ui.shell.main_window import MainWindow

MOVES = ("submit", "approve", "return", "archive", "restore")


@pytest.fixture(autouse=True)
def _boxes(message_boxes: dict[str, Any]) -> dict[str, Any]:
    return message_boxes


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path) -> Iterator[tuple[Database, dict]]:
    """The whole staff and one release in every state (by staff["author"], moved by staff["chief"])."""
    path = tmp_path_factory.mktemp("gui-table") / "visnyk.sqlite3"
    shutil.copy(_sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    staff = make_staff(database)
    releases = {state: release_in_state(database, staff, state) for state in STATES}
    yield database, staff, releases
    database.dispose()


@pytest.fixture
def fresh(_sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[Database, dict]]:
    """A database of its own for the tests that move releases."""
    path = tmp_path / "visnyk.sqlite3"
    shutil.copy(_sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database, make_staff(database)
    database.dispose()


def expected(role: str, state: str) -> set[str]:
    """The specification's table (tests/core/test_workflow_table.py): what the role may do in the state."""
    return {action for action, states in EXPECTED[role].items() if state in states}


def main_window(qtbot: Any, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    return window


def choose(window: MainWindow, release_id: int, state: str) -> bool:
    """Shows the inbox that holds the release and selects it; False when this user's list does not show it."""
    inbox = "archived" if state == "archived" else "all"
    for row in range(window.inbox_list.count()):
        if window.inbox_list.item(row).data(256) == inbox:
            window.inbox_list.setCurrentRow(row)
    return window.select_release(release_id)


def main_enabled(window: MainWindow) -> set[str]:
    moves = window.actions_.review
    enabled = {name for name in MOVES if moves.moves[name].isEnabled()}
    if window.actions_.export.isEnabled():
        enabled.add("export")
    return enabled


def editor_enabled(editor: EditorWindow) -> set[str]:
    enabled = {name for name in MOVES if editor.review.actions.moves[name].isEnabled()}
    if editor.actions_.save.isEnabled() and not editor.editor.isReadOnly():
        enabled.add("edit")
    return enabled


def core_allowed(database: Database, user: Any, release_id: int, actions: tuple[str, ...]) -> set[str]:
    with database.session() as session:
        from desktop.releases import revisions

        release = revisions.get_release(session, release_id)
        return transitions.allowed_actions(session, session.merge(user), release) & set(actions)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_action_in_every_state_follows_the_table(qtbot: Any, office: tuple, role: str) -> None:
    database, staff, releases = office
    workspace = Workspace(database, staff[role])
    window = main_window(qtbot, workspace)
    for state in STATES:
        release_id = releases[state]
        want = expected(role, state)
        shown = choose(window, release_id, state)
        assert main_enabled(window) == (want - {"edit"} if shown else set()), (role, state, "main window")
        if not shown:
            assert not want - {"edit"}, (role, state, "a release the user may act on is missing from the list")
            continue
        editor = open_editor(window, release_id)
        assert editor is not None
        assert editor_enabled(editor) == want - {"export"}, (role, state, "editor")
        # A refresh of the main window (any change notification does one) leaves the editor's actions alone.
        window.refresh()
        assert editor_enabled(editor) == want - {"export"}, (role, state, "editor after the list's refresh")
        assert main_enabled(window) == want - {"edit"}, (role, state, "main window after refresh")
        # Choosing another row in the list re-enables the list's actions, never the editor's.
        window.table.clearSelection()
        assert editor_enabled(editor) == want - {"export"}, (role, state, "editor after the list's selection")
        editor.close()


def _type(editor: EditorWindow, words: str) -> None:
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.editor.insertPlainText(words)


@pytest.mark.parametrize(("role", "state"), [
    ("author", "draft"), ("author", "returned"), ("author", "approved"),
    ("supervisor", "draft"), ("supervisor", "in_review"), ("supervisor", "approved"),
])
def test_after_an_autosave_the_actions_are_the_cores(qtbot: Any, fresh: tuple, role: str, state: str) -> None:
    database, staff = fresh
    release_id = release_in_state(database, staff, state)
    window = main_window(qtbot, Workspace(database, staff[role]))
    choose(window, release_id, state)
    editor = open_editor(window, release_id)
    assert editor is not None
    _type(editor, " Доповнено.")
    editor.autosave()
    window.refresh_if_changed()  # the poll of another workstation's change marker
    new_state = load(database, release_id).status
    if state in ("returned", "approved"):
        assert new_state == "draft"  # an edit voids an approval and ends a return
    allowed = core_allowed(database, staff[role], release_id, (*MOVES, "edit"))
    assert editor_enabled(editor) == allowed
    assert editor.status == new_state
    # The bug this guards: after an autosave the author's editor offered «Погодити» and failed on it.
    assert not editor.review.actions.approve.isEnabled() or role == "supervisor"
    if role == "supervisor" and state == "in_review":
        # A supervisor who typed into the text may not approve it any more: the core says so, the GUI too.
        assert "approve" not in allowed and not editor.review.actions.approve.isEnabled()
    choose(window, release_id, new_state)
    assert main_enabled(window) == core_allowed(database, staff[role], release_id, (*MOVES, "export"))


def test_a_return_elsewhere_reopens_the_authors_editor(qtbot: Any, fresh: tuple) -> None:
    database, staff = fresh
    release_id = release_in_state(database, staff, "in_review")
    author_main = main_window(qtbot, Workspace(database, staff["author"]))
    editor = open_editor(author_main, release_id)
    assert editor is not None
    assert editor.editor.isReadOnly() and editor_enabled(editor) == {"archive"}

    chief_main = main_window(qtbot, Workspace(database, staff["chief"]))
    chief_editor = open_editor(chief_main, release_id)
    assert chief_editor is not None
    reason = "Уточніть дату події.\nІ додайте посаду заступника повністю, як у довіднику."
    import ui.review.actions as review_actions

    original = review_actions.ask_return_comment
    review_actions.ask_return_comment = lambda _parent: reason
    try:
        chief_editor.review.actions.return_.trigger()
    finally:
        review_actions.ask_return_comment = original
    assert load(database, release_id).status == "returned"
    # The supervisor's own editor: nothing more to do but what the core allows (no «Відновити з архіву»).
    assert editor_enabled(chief_editor) == core_allowed(database, staff["chief"], release_id, (*MOVES, "edit"))
    assert not chief_editor.review.actions.restore.isEnabled()

    author_main.refresh_if_changed()
    assert not editor.editor.isReadOnly()
    assert editor_enabled(editor) == expected("author", "returned") - {"export"}
    assert not editor.review.actions.restore.isEnabled()
    # The whole reason, who returned it, across the top of the editor.
    assert editor.return_banner.isVisible()
    banner = editor.return_banner.text()
    assert "Сергій Кириченко" in banner and "посаду заступника повністю, як у довіднику" in banner
    # …and in the author's list: a column and a tooltip.
    choose(author_main, release_id, "returned")
    row = author_main.model.row_of(release_id)
    from ui.shell.release_list import RETURN_COLUMN

    assert author_main.model.data(author_main.model.index(row, RETURN_COLUMN)).startswith("Уточніть дату події.")
    tooltip = author_main.model.data(author_main.model.index(row, 0), 3)
    assert "Сергій Кириченко" in tooltip and reason in tooltip

"""The office, workspace, main window and open editor that the editor's GUI tests share (fixtures by name)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from desktop.document import Document
from desktop.releases import revisions
from desktop.workspace import Workspace
from tests.ui.drafting_support import build_office, open_main_window, type_text
from ui.editor.release_editor import ReleaseEditor
from ui.editor.window import EditorWindow, open_editor
from ui.shell.main_window import MainWindow


@pytest.fixture(name="office")
def office_fixture(sqlite_database):
    admin, author = build_office(sqlite_database)
    return sqlite_database, admin, author


@pytest.fixture(name="workspace")
def workspace_fixture(office) -> Workspace:
    database, _admin, author = office
    return Workspace(database, author)


@pytest.fixture(name="main_window")
def main_window_fixture(qtbot, workspace) -> MainWindow:
    return open_main_window(qtbot, workspace)


@pytest.fixture(name="release_id")
def release_id_fixture(workspace) -> int:
    return workspace.releases.draft_from_template(
        "blank", {"headline": "Нарада щодо громад", "lead_text": "Перший абзац про громади.\n\nДругий абзац."}
    )


@pytest.fixture(name="editor_window")
def editor_window_fixture(qtbot, main_window, release_id) -> EditorWindow:
    window = open_editor(main_window, release_id)
    assert window is not None
    qtbot.waitExposed(window)
    return window


def type_at_end(editor: ReleaseEditor, qtbot, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor, text)


def stored_document(database, release_id: int) -> Document:
    with database.session() as session:
        return revisions.release_document(revisions.get_release(session, release_id))


def revision_rows(database, release_id: int) -> list[tuple[int, str, str]]:
    with database.session() as session:
        return [(r.number, r.kind, Document.from_json(r.document_json).plain_text())
                for r in revisions.revisions(session, release_id)]

"""Releases and windows for the review GUI tests, made through the core on SQLite (`people` is in conftest)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.document import Document
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workflow import transitions
from desktop.workspace import Workspace
from ui.common.tasks import TaskRunner
from ui.shell.main_window import MainWindow

FIRST = (
    "Саміт міст у Києві\n\n"
    "20 квітня 2023року у Києві відбувся Міжнародний Саміт Міст та Регіонів України, участь у якому "
    "взяв начальник Коростенської районної військової адміністрації Юрій Тарасюк.\n\n"
    "Учасники обговорили відбудову громад."
)
SECOND = (
    "Саміт міст у Києві\n\n"
    "20 квітня 2023 року у Києві відбувся Міжнародний Саміт Міст та Регіонів України, участь у якому "
    "взяв начальник Коростенської районної військової адміністрації Юрій Тарасюк.\n\n"
    "Учасники обговорили відбудову громад і підписали угоди."
)


@pytest.fixture(autouse=True, name="submit_despite_findings")
def submit_despite_findings_fixture(message_boxes: dict[str, Any]) -> dict[str, Any]:
    """FIRST keeps «2023року» for the diff: proofing's «submit anyway?» question is answered yes."""
    message_boxes["question_answer"] = QMessageBox.StandardButton.Yes
    return message_boxes


def as_user(database: Database, user: User) -> Workspace:
    return Workspace(database, user)


def create(database: Database, author: User, plain: str = FIRST) -> int:
    with database.session() as session:
        return revisions.create_release(session, session.merge(author), Document.from_plain_text(plain)).id


def save(database: Database, user: User, release_id: int, plain: str) -> None:
    with database.session() as session:
        version = revisions.get_release(session, release_id).version
        revisions.save_text(
            session, session.merge(user), release_id, Document.from_plain_text(plain), expected_version=version
        )


def submit(database: Database, author: User, release_id: int) -> None:
    with database.session() as session:
        transitions.submit(session, session.merge(author), release_id)


def status_of(database: Database, release_id: int) -> str:
    with database.session() as session:
        return revisions.get_release(session, release_id).status


def main_window(qtbot: Any, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def inbox_text(window: MainWindow, inbox: str) -> str:
    for row in range(window.inbox_list.count()):
        item = window.inbox_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == inbox:
            return item.text()
    raise AssertionError(inbox)


def choose_inbox(window: MainWindow, inbox: str) -> None:
    for row in range(window.inbox_list.count()):
        if window.inbox_list.item(row).data(Qt.ItemDataRole.UserRole) == inbox:
            window.inbox_list.setCurrentRow(row)
            return
    raise AssertionError(inbox)


@pytest.fixture(name="warnings")
def warnings_fixture(message_boxes: dict[str, Any]) -> list[str]:
    """Every QMessageBox.warning shown, instead of a modal box."""
    return message_boxes["warnings"]


def editor_window(qtbot: Any, workspace: Workspace, release_id: int) -> Any:
    from ui.editor.window import EditorWindow

    window = EditorWindow(workspace, workspace.releases.open_release(release_id), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window

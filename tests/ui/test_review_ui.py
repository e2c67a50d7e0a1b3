"""The review GUI: the word diff, comments, inboxes that update live, workflow moves and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from desktop import accounts, releases, workflow
from desktop.document import Document
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workspace import Workspace
from tests.conftest import TEST_PASSWORD
from ui import review_actions
from ui.audit_window import AuditWindow
from ui.comment_anchors import anchor_highlights
from ui.comments_panel import CommentsPanel
from ui.diff_view import DiffView
from ui.main_window import MainWindow
from ui.release_editor import ReleaseEditor
from ui.tasks import TaskRunner

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


@pytest.fixture(autouse=True)
def _own_qsettings(tmp_path: Path) -> Iterator[None]:
    """The windows here remember inboxes on closing: into a folder of this test, not the shared one."""
    original = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, original)


@pytest.fixture(autouse=True)
def _submit_despite_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """FIRST keeps «2023року» for the diff: proofing's «submit anyway?» question is answered yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Yes)


@pytest.fixture
def people(sqlite_database: Database) -> dict[str, User]:
    """An administrator, a press officer and a supervisor on SQLite."""
    with sqlite_database.session() as session:
        admin = accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)
    with sqlite_database.session() as session:
        actor = session.merge(admin)
        author = accounts.add_user(session, actor, "olena", "Олена Мельник", ["author"], TEST_PASSWORD)
        supervisor = accounts.add_user(session, actor, "petro", "Петро Коваль", ["supervisor"], TEST_PASSWORD)
    return {"admin": admin, "author": author, "supervisor": supervisor}


def as_user(database: Database, user: User) -> Workspace:
    return Workspace(database, user)


def create(database: Database, author: User, plain: str = FIRST) -> int:
    with database.session() as session:
        return releases.create_release(session, session.merge(author), Document.from_plain_text(plain)).id


def save(database: Database, user: User, release_id: int, plain: str) -> None:
    with database.session() as session:
        version = releases.get_release(session, release_id).version
        releases.save_text(
            session, session.merge(user), release_id, Document.from_plain_text(plain), expected_version=version
        )


def submit(database: Database, author: User, release_id: int) -> None:
    with database.session() as session:
        workflow.submit(session, session.merge(author), release_id)


def status_of(database: Database, release_id: int) -> str:
    with database.session() as session:
        return releases.get_release(session, release_id).status


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


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every QMessageBox.warning shown, instead of a modal box."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, message, *a: shown.append(message))
    return shown


# The diff view.


def formatted_runs(view: DiffView) -> list[tuple[str, bool, bool]]:
    """(text, struck out, underlined) of every fragment the diff view shows."""
    runs = []
    block = view.browser.document().firstBlock()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            runs.append((fragment.text(), fmt.fontStrikeOut(), fmt.fontUnderline()))
            iterator += 1
        block = block.next()
    return runs


def test_diff_view_shows_an_inserted_and_a_deleted_word(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    save(sqlite_database, people["author"], release_id, SECOND)
    view = DiffView(as_user(sqlite_database, people["supervisor"]), release_id)
    qtbot.addWidget(view)
    view.select(1, 2)
    runs = formatted_runs(view)
    struck = " ".join(run for run, strike, _ in runs if strike)
    underlined = " ".join(run for run, strike, under in runs if under and not strike)
    assert "2023року" in struck
    assert "підписали угоди" in underlined
    assert "Учасники обговорили" not in struck + underlined  # unchanged words stay plain
    assert view.summary.text() == "Додано слів: 5. Вилучено слів: 1."


def test_diff_view_starts_from_the_revision_last_seen_and_marks_the_newest_seen(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    release_id = create(sqlite_database, people["author"])
    save(sqlite_database, people["author"], release_id, SECOND)
    reviewer = as_user(sqlite_database, people["supervisor"])
    reviewer.mark_seen(release_id, 2)
    save(sqlite_database, people["author"], release_id, SECOND.replace("угоди", "11 угод"))
    view = DiffView(reviewer, release_id)
    qtbot.addWidget(view)
    assert view.from_combo.currentText().startswith("№2 — Олена Мельник, ")
    assert view.to_combo.currentText() == "Поточний текст"
    changed = [(op, words) for op, words in view.result.chunks if op != "equal"]
    assert changed == [("delete", "угоди"), ("insert", "11 угод")]
    assert reviewer.last_seen_revision(release_id) == 3


# Comments.


@pytest.fixture
def commented(qtbot: Any, sqlite_database: Database, people: dict) -> tuple[CommentsPanel, ReleaseEditor, int]:
    release_id = create(sqlite_database, people["author"])
    workspace = as_user(sqlite_database, people["supervisor"])
    record = workspace.open_release(release_id)
    editor = ReleaseEditor()
    editor.set_model(record.document)
    panel = CommentsPanel(workspace, release_id, editor, headline=lambda: record.document.title)
    qtbot.addWidget(editor)
    qtbot.addWidget(panel)
    editor.show()
    panel.show()
    return panel, editor, release_id


def select_words(editor: ReleaseEditor, words: str) -> None:
    cursor = editor.textCursor()
    start = editor.toPlainText().index(words)
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_a_thread_comment_and_a_reply(qtbot: Any, commented: tuple, sqlite_database: Database, people: dict) -> None:
    panel, _editor, release_id = commented
    panel.compose.insertPlainText("Перевірте дату.")
    qtbot.keyClick(panel.compose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.compose.toPlainText() == ""
    assert panel.tree.topLevelItemCount() == 1
    assert panel.tree.topLevelItem(0).text(0).startswith("Петро Коваль · ")
    assert panel.tree.topLevelItem(0).text(0).endswith("Перевірте дату.")
    author = as_user(sqlite_database, people["author"])
    author.add_comment(release_id, "Виправила.", parent_id=panel.comments[0].id)
    panel.refresh()
    assert panel.tree.topLevelItemCount() == 1
    assert panel.tree.topLevelItem(0).child(0).text(0).endswith("Виправила.")


def test_an_anchored_comment_marks_its_passage_and_a_click_selects_it(qtbot: Any, commented: tuple) -> None:
    panel, editor, _release_id = commented
    select_words(editor, "Юрій Тарасюк")
    panel.comment_on_selection()
    assert "«Юрій Тарасюк»" in panel.context_label.text()
    panel.compose.insertPlainText("Посаду — повністю.")
    panel.add_comment()
    assert panel.comments[-1].anchor_text == "Юрій Тарасюк"
    [(start, end)] = anchor_highlights(editor)
    assert editor.toPlainText()[start:end] == "Юрій Тарасюк"
    # The passage moves with the words typed before it.
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.insertText("Вчора ")
    editor.setTextCursor(cursor)
    panel.update_highlights()
    [(start, end)] = anchor_highlights(editor)
    assert editor.toPlainText()[start:end] == "Юрій Тарасюк"
    item = panel.tree.topLevelItem(0)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: editor.textCursor().selectedText() == "Юрій Тарасюк")


def test_resolving_a_comment_hides_it_and_its_mark(qtbot: Any, commented: tuple) -> None:
    panel, editor, _release_id = commented
    select_words(editor, "відбудову громад")
    panel.comment_on_selection()
    panel.compose.insertPlainText("Які саме громади?")
    panel.add_comment()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert panel.comments[0].resolved
    assert panel.summary.text() == "Відкритих: 0 · вирішених: 1"
    assert panel.tree.topLevelItemCount() == 0
    assert anchor_highlights(editor) == []
    panel.show_resolved.setChecked(True)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.resolve_button.text() == "Відкрити &знову"
    panel.resolve_button.click()
    assert not panel.comments[0].resolved
    assert len(anchor_highlights(editor)) == 1


# Inboxes and moves in the main window.


def test_awaiting_my_approval_updates_without_a_restart(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    window = main_window(qtbot, as_user(sqlite_database, people["supervisor"]))
    choose_inbox(window, "awaiting")
    assert inbox_text(window, "awaiting") == "Очікують мого погодження (0)"
    assert window.model.rowCount() == 0
    window.poll_timer.setInterval(50)
    submit(sqlite_database, people["author"], release_id)  # another workstation, through the core
    qtbot.waitUntil(lambda: inbox_text(window, "awaiting") == "Очікують мого погодження (1)", timeout=3000)
    assert window.model.rowCount() == 1
    assert window.model.release_id(0) == release_id


def in_review_for(qtbot: Any, sqlite_database: Database, people: dict, who: str) -> tuple[MainWindow, int]:
    release_id = create(sqlite_database, people["author"])
    submit(sqlite_database, people["author"], release_id)
    window = main_window(qtbot, as_user(sqlite_database, people[who]))
    choose_inbox(window, "all")
    window.select_release(release_id)
    assert window.selected_release_id() == release_id
    return window, release_id


def test_return_refuses_an_empty_comment_and_returns_with_one(
    qtbot: Any, sqlite_database: Database, people: dict, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, release_id = in_review_for(qtbot, sqlite_database, people, "supervisor")
    moves = window.actions_.review
    assert moves.return_.isEnabled()
    monkeypatch.setattr(review_actions, "ask_return_comment", lambda _parent: "")
    moves.return_.trigger()
    assert warnings and "напишіть у коментарі" in warnings[-1]
    assert status_of(sqlite_database, release_id) == "in_review"
    monkeypatch.setattr(review_actions, "ask_return_comment", lambda _parent: "Уточніть посаду заступника.")
    moves.return_.trigger()
    assert status_of(sqlite_database, release_id) == "returned"
    assert [c.text for c in window.workspace.comments(release_id)] == ["Уточніть посаду заступника."]
    assert "повернуто на доопрацювання" in window.statusBar().currentMessage()


def test_a_supervisor_approves_from_the_main_window(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, release_id = in_review_for(qtbot, sqlite_database, people, "supervisor")
    monkeypatch.setattr(review_actions, "confirm", lambda *_args: True)
    assert window.actions_.review.approve.isEnabled()
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_of(sqlite_database, release_id) == "approved"
    assert inbox_text(window, "awaiting") == "Очікують мого погодження (0)"
    assert inbox_text(window, "approved") == "Погоджені (до оприлюднення) (1)"
    assert not window.actions_.review.approve.isEnabled()


def test_an_author_sees_no_approve_and_the_core_refuses_anyway(
    qtbot: Any, sqlite_database: Database, people: dict, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, release_id = in_review_for(qtbot, sqlite_database, people, "author")
    moves = window.actions_.review
    assert not moves.approve.isEnabled()
    assert not moves.return_.isEnabled()
    monkeypatch.setattr(review_actions, "confirm", lambda *_args: True)
    moves.approve_release()  # as if a stale button had been pressed
    assert warnings == ["Погоджувати релізи може лише керівник."]
    assert status_of(sqlite_database, release_id) == "in_review"


def test_an_author_submits_a_draft_with_ctrl_enter(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    window = main_window(qtbot, as_user(sqlite_database, people["author"]))
    choose_inbox(window, "my_drafts")
    window.select_release(release_id)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status_of(sqlite_database, release_id) == "in_review"
    assert inbox_text(window, "my_drafts") == "Мої чернетки (0)"


# The audit log.


def test_the_audit_window_shows_rows_and_names_a_tampered_one(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    release_id = create(sqlite_database, people["author"])
    submit(sqlite_database, people["author"], release_id)
    window = AuditWindow(as_user(sqlite_database, people["admin"]))
    qtbot.addWidget(window)
    actions = [window.model.data(window.model.index(row, 2)) for row in range(window.model.rowCount())]
    assert actions[:2] == ["Подано на погодження", "Створено реліз"]
    qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert window.result_label.text().startswith("Ланцюжок цілий")
    with sqlite_database.engine.begin() as connection:
        tampered = connection.execute(
            text("SELECT id FROM audit_log WHERE action = 'release_created'")
        ).scalar_one()
        connection.execute(text("UPDATE audit_log SET detail = 'підмінено' WHERE id = :id"), {"id": tampered})
    window.reload()
    qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert f"запис №{tampered}" in window.result_label.text()
    assert window.result_label.text().startswith("Ланцюжок порушено")
    selected = window.table.selectionModel().selectedRows()
    assert [window.model.rows[index.row()].id for index in selected] == [tampered]


def test_the_audit_log_is_offered_to_administrators_only(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    admin_window = main_window(qtbot, as_user(sqlite_database, people["admin"]))
    supervisor_window = main_window(qtbot, as_user(sqlite_database, people["supervisor"]))
    assert admin_window.actions_.review.audit.isVisible()
    assert not supervisor_window.actions_.review.audit.isVisible()


# Live updates on PostgreSQL.


@pytest.mark.postgres
@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_on_postgresql_a_notification_refreshes_the_inbox_at_once(
    qtbot: Any, database: Database, author: User, supervisor: User
) -> None:
    release_id = create(database, author)
    window = main_window(qtbot, as_user(database, supervisor))
    window.poll_timer.stop()  # only the notification can bring the change
    choose_inbox(window, "awaiting")
    assert inbox_text(window, "awaiting") == "Очікують мого погодження (0)"
    qtbot.waitUntil(lambda: window.change_watcher.ready, timeout=5000)
    submit(database, author, release_id)
    qtbot.waitUntil(lambda: inbox_text(window, "awaiting") == "Очікують мого погодження (1)", timeout=5000)
    assert window.model.release_id(0) == release_id
    window.close()


# Review in the editor window.


def editor_window(qtbot: Any, workspace: Workspace, release_id: int) -> Any:
    from ui.editor_window import EditorWindow

    window = EditorWindow(workspace, workspace.open_release(release_id), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_enter_in_the_editor_saves_and_submits(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" Підписано угоди.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status_of(sqlite_database, release_id) == "in_review"
    with sqlite_database.session() as session:
        stored = releases.release_document(releases.get_release(session, release_id)).plain_text()
    assert stored.endswith("Підписано угоди.")
    assert not window.review.actions.submit.isEnabled()


def test_a_supervisor_comments_on_a_selection_from_the_editor(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    release_id = create(sqlite_database, people["author"])
    submit(sqlite_database, people["author"], release_id)
    reviewer = as_user(sqlite_database, people["supervisor"])
    window = editor_window(qtbot, reviewer, release_id)
    select_words(window.editor, "Юрій Тарасюк")
    qtbot.keyClick(window.editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    panel = window.review.panel
    assert panel.compose.hasFocus()
    panel.compose.insertPlainText("Посаду — повністю.")
    qtbot.keyClick(panel.compose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [(c.text, c.anchor_text) for c in reviewer.comments(release_id)] == [("Посаду — повністю.", "Юрій Тарасюк")]
    assert status_of(sqlite_database, release_id) == "in_review"  # Ctrl+Enter in the box comments, never submits
    [(start, end)] = anchor_highlights(window.editor)
    assert window.editor.toPlainText()[start:end] == "Юрій Тарасюк"
    window.close()
    assert reviewer.last_seen_revision(release_id) == 1


def test_a_supervisor_approves_in_the_editor_and_sees_the_approval_line(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    release_id = create(sqlite_database, people["author"])
    submit(sqlite_database, people["author"], release_id)
    window = editor_window(qtbot, as_user(sqlite_database, people["supervisor"]), release_id)
    assert window.review.approval_label.isHidden()
    monkeypatch.setattr(review_actions, "confirm", lambda *_args: True)
    qtbot.keyClick(window.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_of(sqlite_database, release_id) == "approved"
    assert window.review.approval_label.text().startswith("Погоджено: Петро КОВАЛЬ, ")
    assert not window.review.actions.approve.isEnabled()


def shortcut_owners(window: Any) -> dict[str, list[str]]:
    from PySide6.QtGui import QAction, QShortcut

    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.text())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.parent() is window or shortcut.parent() is window.centralWidget():
            owners.setdefault(shortcut.key().toString(), []).append("QShortcut")
    return owners


def test_no_two_commands_share_a_shortcut(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    workspace = as_user(sqlite_database, people["admin"])
    for window in (main_window(qtbot, workspace), editor_window(qtbot, workspace, release_id)):
        clashes = {key: names for key, names in shortcut_owners(window).items() if len(names) > 1}
        assert clashes == {}


def test_the_diff_opens_from_the_main_window_with_ctrl_shift_h(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.diff_view import DiffDialog

    release_id = create(sqlite_database, people["author"])
    save(sqlite_database, people["author"], release_id, SECOND)
    window = main_window(qtbot, as_user(sqlite_database, people["supervisor"]))
    choose_inbox(window, "all")
    window.select_release(release_id)
    shown: list[str] = []
    monkeypatch.setattr(DiffDialog, "exec", lambda dialog: shown.append(dialog.view.summary.text()))
    qtbot.keyClick(window.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown == ["Додано слів: 5. Вилучено слів: 1."]


def test_a_returning_reviewer_is_offered_the_changes_since_last_seen(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.diff_view import DiffDialog

    release_id = create(sqlite_database, people["author"])
    reviewer = as_user(sqlite_database, people["supervisor"])
    reviewer.mark_seen(release_id)
    save(sqlite_database, people["author"], release_id, SECOND)
    window = editor_window(qtbot, reviewer, release_id)
    notice = window.review.unseen_button
    assert notice.isVisible()
    assert "№1" in notice.text()
    shown: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(DiffDialog, "exec", lambda dialog: shown.append(dialog.view.result.chunks))
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    assert ("delete", "2023року") in shown[0]
    assert not notice.isVisible()
    assert reviewer.last_seen_revision(release_id) == 2

"""Review beside the text: comments anchored to passages, and the review menu of the editor window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.releases import revisions
from desktop.storage.engine import Database
from tests.ui.review_support import (  # noqa: F401  (fixtures: pytest finds them by name)
    SECOND,
    as_user,
    create,
    editor_window,
    main_window,
    save,
    status_of,
    submit,
    submit_despite_findings_fixture,
)
from ui.editor.release_editor import ReleaseEditor
from ui.review import actions
from ui.review.comment_anchors import anchor_highlights
from ui.review.comments_panel import CommentsPanel

# Comments.

SUBMIT_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier  # Ctrl+Shift+Enter


@pytest.fixture
def commented(qtbot: Any, sqlite_database: Database, people: dict) -> tuple[CommentsPanel, ReleaseEditor, int]:
    release_id = create(sqlite_database, people["author"])
    workspace = as_user(sqlite_database, people["supervisor"])
    record = workspace.releases.open_release(release_id)
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
    author.review.add_comment(release_id, "Виправила.", parent_id=panel.comments[0].id)
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


# Review in the editor window.


def test_ctrl_shift_enter_in_the_editor_saves_and_submits(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" Підписано угоди.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, SUBMIT_KEYS)
    assert status_of(sqlite_database, release_id) == "in_review"
    with sqlite_database.session() as session:
        stored = revisions.release_document(revisions.get_release(session, release_id)).plain_text()
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
    assert [(c.text, c.anchor_text) for c in reviewer.review.comments(release_id)] == [("Посаду — повністю.", "Юрій Тарасюк")]
    assert status_of(sqlite_database, release_id) == "in_review"  # Ctrl+Enter in the box comments, never submits
    [(start, end)] = anchor_highlights(window.editor)
    assert window.editor.toPlainText()[start:end] == "Юрій Тарасюк"
    window.close()
    assert reviewer.review.last_seen_revision(release_id) == 1


def test_a_supervisor_approves_in_the_editor_and_sees_the_approval_line(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    release_id = create(sqlite_database, people["author"])
    submit(sqlite_database, people["author"], release_id)
    window = editor_window(qtbot, as_user(sqlite_database, people["supervisor"]), release_id)
    assert window.review.approval_label.isHidden()
    monkeypatch.setattr(actions, "confirm", lambda *_args: True)
    qtbot.keyClick(window.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_of(sqlite_database, release_id) == "approved"
    assert window.review.approval_label.text().startswith("Погоджено: Петро КОВАЛЬ,\u00a0")
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


def test_a_returning_reviewer_is_offered_the_changes_since_last_seen(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.review.diff_view import DiffDialog

    release_id = create(sqlite_database, people["author"])
    reviewer = as_user(sqlite_database, people["supervisor"])
    reviewer.review.mark_seen(release_id)
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
    assert reviewer.review.last_seen_revision(release_id) == 2

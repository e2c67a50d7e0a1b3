"""The review GUI in the main window: the word diff, live inboxes, workflow moves and the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.storage.engine import Database
from desktop.storage.models import User
from tests.ui.review_support import (  # noqa: F401  (fixtures: pytest finds them by name)
    SECOND,
    as_user,
    choose_inbox,
    create,
    inbox_text,
    main_window,
    save,
    status_of,
    submit,
    submit_despite_findings_fixture,
    warnings_fixture,
)
from ui.review import actions as review_actions
from ui.review.audit_window import AuditWindow
from ui.review.diff_view import DiffView
from ui.shell.main_window import MainWindow

# The diff view.

SUBMIT_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier  # Ctrl+Shift+Enter


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
    reviewer.review.mark_seen(release_id, 2)
    save(sqlite_database, people["author"], release_id, SECOND.replace("угоди", "11 угод"))
    view = DiffView(reviewer, release_id)
    qtbot.addWidget(view)
    assert view.from_combo.currentText().startswith("№2 — Олена Мельник, ")
    assert view.to_combo.currentText() == "Поточний текст"
    changed = [(op, words) for op, words in view.result.chunks if op != "equal"]
    assert changed == [("delete", "угоди"), ("insert", "11 угод")]
    assert reviewer.review.last_seen_revision(release_id) == 3


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
    assert [c.text for c in window.workspace.review.comments(release_id)] == ["Уточніть посаду заступника."]
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


def test_an_author_submits_a_draft_with_ctrl_shift_enter(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    release_id = create(sqlite_database, people["author"])
    window = main_window(qtbot, as_user(sqlite_database, people["author"]))
    choose_inbox(window, "my_drafts")
    window.select_release(release_id)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, SUBMIT_KEYS)
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


def test_the_diff_opens_from_the_main_window_with_ctrl_shift_h(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.review.diff_view import DiffDialog

    release_id = create(sqlite_database, people["author"])
    save(sqlite_database, people["author"], release_id, SECOND)
    window = main_window(qtbot, as_user(sqlite_database, people["supervisor"]))
    choose_inbox(window, "all")
    window.select_release(release_id)
    shown: list[str] = []
    monkeypatch.setattr(DiffDialog, "exec", lambda dialog: shown.append(dialog.view.summary.text()))
    qtbot.keyClick(window.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown == ["Додано слів: 5. Вилучено слів: 1."]

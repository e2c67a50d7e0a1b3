"""GUI tests: every test starts with empty QSettings, so no window state leaks from one test to the next;
modal message boxes are answered by the `message_boxes` fixture, and `people` is the review and proofing staff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop import accounts
from desktop.storage.engine import Database
from desktop.storage.models import User
from tests.conftest import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _fresh_qsettings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings().clear()


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """No modal message box ever blocks. Recorded: texts of boxes run with exec() ("asked"), of
    QMessageBox.question ("questions") and of QMessageBox.warning ("warnings"). Answers a test may set:
    "exec_answer" (default «Не зберігати») and "question_answer" (default «Ні»)."""
    state: dict[str, Any] = {
        "exec_answer": QMessageBox.StandardButton.Discard,
        "question_answer": QMessageBox.StandardButton.No,
        "asked": [],
        "questions": [],
        "warnings": [],
    }

    def exec_box(box: QMessageBox) -> Any:
        state["asked"].append(box.text())
        return state["exec_answer"]

    def question(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
        state["questions"].append(text)
        return state["question_answer"]

    def warning(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> None:
        state["warnings"].append(text)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return state


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

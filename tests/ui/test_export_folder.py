"""The export folder: the user's Documents at first, then the folder each user exported to last; «Відкрити теку»."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.workspace import Workspace
from tests.ui.test_export_flow import drive_export, exporter_window, office  # noqa: F401 - the fixture
from ui.common.tasks import TaskRunner
from ui.export import dialog as export_dialog
from ui.export.dialog import ExportDialog


@pytest.fixture(autouse=True)
def boxes(message_boxes: dict[str, Any]) -> dict[str, Any]:
    return message_boxes


def _dialog(qtbot: Any, workspace: Workspace, release_id: int) -> ExportDialog:
    dialog = ExportDialog(workspace, TaskRunner(synchronous=True), release_id)
    qtbot.addWidget(dialog)
    return dialog


def test_the_folder_starts_in_documents_and_is_remembered_per_user(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], tmp_path: Path,  # noqa: F811
) -> None:
    documents = tmp_path / "Документи"
    documents.mkdir()
    monkeypatch.setattr(export_dialog, "documents_folder", lambda: str(documents))
    window = exporter_window(qtbot, office)
    release_id = window.selected_release_id()
    assert _dialog(qtbot, window.workspace, release_id).folder_edit.text() == str(documents)

    published = tmp_path / "published"
    published.mkdir()
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    drive_export(monkeypatch, published, None, "", ("txt",))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        button for button in box.buttons() if button.text() == "Відкрити &теку").click())
    window.actions_.export.trigger()
    assert [path.parent for path in published.iterdir()] == [published]
    assert opened == [str(published)]  # «Відкрити теку» after the export

    monkeypatch.undo()  # the real dialog again, as the user opens it next time
    monkeypatch.setattr(export_dialog, "documents_folder", lambda: str(documents))
    assert _dialog(qtbot, window.workspace, release_id).folder_edit.text() == str(published)
    admin = Workspace(office["database"], office["admin"])
    assert _dialog(qtbot, admin, release_id).folder_edit.text() == str(documents)  # another user's own


def test_a_department_folder_comes_before_documents(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], tmp_path: Path,  # noqa: F811
) -> None:
    window = exporter_window(qtbot, office)
    Workspace(office["database"], office["admin"]).set_setting("export.folder", str(tmp_path / "відділ"))
    monkeypatch.setattr(export_dialog, "documents_folder", lambda: str(tmp_path / "Документи"))
    dialog = _dialog(qtbot, window.workspace, window.selected_release_id())
    assert dialog.folder_edit.text() == str(tmp_path / "відділ")

"""Office basics: one meaning per shortcut and all of them in Довідка, printing, the database by name,
«Повернутися до збереженої редакції», honest closing, the demo's folder gone on exit, window minimums."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter

from desktop.storage.engine import Database
from tests.ui.review_support import as_user, create, editor_window, main_window
from ui.shell import help as help_page
from ui.shell.help import EDITOR, MAIN, SHORTCUTS


@pytest.fixture(autouse=True)
def _boxes(message_boxes: dict[str, Any]) -> dict[str, Any]:
    return message_boxes


def _keys_of(window: Any, own_only: bool) -> list[tuple[str, str]]:
    """(key, what) of every action and shortcut of the window (not of its child windows)."""
    found = []
    for action in window.findChildren(QAction):
        if own_only and action.parent() is not window:
            continue
        found += [(key.toString(), action.text()) for key in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        if shortcut.parent().window() is window and shortcut.key().toString():
            found.append((shortcut.key().toString(), shortcut.parent().objectName()))
    return found


def test_each_shortcut_means_one_thing_and_the_help_lists_them_all(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    release_id = create(sqlite_database, people["author"])
    main = main_window(qtbot, as_user(sqlite_database, people["author"]))
    editor = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    for window, context in ((main, MAIN), (editor, EDITOR)):
        keys = _keys_of(window, own_only=window is main)
        meanings: dict[str, set[str]] = {}
        for key, what in keys:
            meanings.setdefault(key, set()).add(what)
        doubled = {key: what for key, what in meanings.items() if len(what) > 1}
        assert not doubled, (context, doubled)
        listed = {key for where, key, _ in SHORTCUTS if where == context}
        # Shift+Return in the find box (find backwards) is the find bar's own, named beside it.
        assert set(meanings) - {"Shift+Return"} == listed, context
    # Ctrl+Enter sends the text of a small box; submitting the release is another key.
    assert "Ctrl+Return" not in dict(_keys_of(editor, own_only=False))
    assert editor.review.actions.submit.shortcut().toString() == "Ctrl+Shift+Return"


def test_the_help_menu_has_the_guide_and_the_shortcut_list(qtbot: Any, sqlite_database: Database,
                                                           people: dict) -> None:
    main = main_window(qtbot, as_user(sqlite_database, people["author"]))
    assert main.actions_.guide.shortcut().toString() == "F1"
    main.actions_.guide.trigger()
    guide = main.findChild(help_page.HelpDialog)
    text = guide.browser.toPlainText()
    assert "Чернетка" in text and "Погодження" in text and "Оприлюднення" in text
    guide.close()
    main.actions_.shortcuts.trigger()
    shown = [d for d in main.findChildren(help_page.HelpDialog) if d.isVisible()][-1].browser.toPlainText()
    assert "Ctrl+Shift+L" in shown and "змінити користувача" in shown and "Ctrl+Shift+Enter" in shown


def test_the_status_bar_names_the_database_and_keeps_the_url_for_the_tooltip(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    main = main_window(qtbot, as_user(sqlite_database, people["author"]))
    assert main.database_label.text() == "База: visnyk.sqlite3"
    assert main.database_label.toolTip() == sqlite_database.display_name
    assert "sqlite:" not in main.database_label.text()


def test_printing_paints_the_pdf_pages(qtbot: Any, sqlite_database: Database, people: dict,
                                       tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None:
        pytest.skip("немає poppler-utils (pdftoppm, pdfinfo)")
    from ui.export.printing import make_printer, page_images, paint_pages

    release_id = create(sqlite_database, people["author"])
    workspace = as_user(sqlite_database, people["author"])
    pages = page_images(workspace, release_id)
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pages(printer, pages) == len(pages) >= 1
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True)
    assert re.search(rf"^Pages:\s+{len(pages)}$", info.stdout, re.MULTILINE)
    from PySide6.QtWidgets import QApplication

    from ui.export.printing import show_print_preview

    preview = show_print_preview(None, pages)  # type: ignore[arg-type]
    qtbot.addWidget(preview)
    for _ in range(5):
        QApplication.processEvents()  # paints through the printer it keeps alive
    assert preview.isVisible()
    main = main_window(qtbot, workspace)
    main.select_release(release_id)
    assert main.actions_.print_.isEnabled() and main.actions_.print_.shortcut() == QKeySequence("Ctrl+P")
    editor = editor_window(qtbot, workspace, release_id)
    assert editor.actions_.print_.shortcut() == QKeySequence("Ctrl+P")


def test_going_back_to_the_saved_revision_drops_the_autosaved_words(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QTextCursor

    import ui.review.actions as review_actions

    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    saved_text = window.editor.toPlainText()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" Зайве речення.")
    window.autosave()
    assert window.autosaved_since_revision
    monkeypatch.setattr(review_actions, "confirm", lambda *_args: True)
    window.actions_.revert.trigger()
    assert window.editor.toPlainText() == saved_text
    assert as_user(sqlite_database, people["author"]).releases.open_release(release_id).document.plain_text().endswith(
        "Учасники обговорили відбудову громад.")
    assert not window.autosaved_since_revision


def test_closing_after_an_autosave_asks_about_a_revision_and_keeps_the_words(
    qtbot: Any, sqlite_database: Database, people: dict, message_boxes: dict
) -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QMessageBox

    from ui.editor.window import CLOSE_QUESTION

    release_id = create(sqlite_database, people["author"])
    workspace = as_user(sqlite_database, people["author"])
    window = editor_window(qtbot, workspace, release_id)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertPlainText(" Автозбережене.")
    window.autosave()
    message_boxes["exec_answer"] = QMessageBox.StandardButton.Discard  # «Закрити»
    window.close()
    assert message_boxes["asked"] == [CLOSE_QUESTION]
    assert workspace.releases.open_release(release_id).document.plain_text().endswith("Автозбережене.")
    assert [number for number in workspace.releases.revision_numbers(release_id)] == [1]  # no revision was made


def test_the_demo_folder_goes_when_the_program_ends(tmp_path: Path, sqlite_database: Database) -> None:
    from ui.shell.app import make_application, remove_on_exit

    folder = tmp_path / "visnyk-demo-x"
    folder.mkdir()
    (folder / "demo.sqlite3").write_bytes(b"")
    remove_on_exit(sqlite_database, folder)
    make_application().aboutToQuit.emit()
    assert not folder.exists()


def test_windows_have_minimum_sizes(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    from ui.shell.users_dialog import UsersDialog

    main = main_window(qtbot, as_user(sqlite_database, people["author"]))
    main.resize(360, 260)
    assert main.width() >= 900 and main.height() >= 560
    users = UsersDialog(as_user(sqlite_database, people["admin"]))
    qtbot.addWidget(users)
    users.resize(360, 260)
    assert users.width() >= 640 and users.height() >= 480
    from ui.directory.window import DirectoryWindow

    directory = DirectoryWindow(as_user(sqlite_database, people["author"]))
    qtbot.addWidget(directory)
    directory.resize(360, 260)
    assert directory.width() >= 820 and directory.height() >= 520


def test_the_find_bar_fits_in_the_smallest_editor_window(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    release_id = create(sqlite_database, people["author"])
    editor = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    editor.resize(editor.minimumSize())
    editor.find_bar.open_find(True)
    QApplication.processEvents()
    bar = editor.find_bar
    for widget in (*bar.findChildren(QPushButton), *bar.findChildren(QLabel)):
        if widget.isVisible() and widget.text():
            assert widget.width() >= widget.sizeHint().width(), widget.text()

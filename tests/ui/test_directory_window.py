"""The directory manager: adding, correcting case forms by hand, import with a preview, deactivation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QLineEdit, QMessageBox

from desktop.storage.engine import Database
from desktop.workspace import Workspace
from tests.ui.directory_support import seed_directory, type_keys, workspace_of
from ui.common.tasks import TaskRunner
from ui.directory.import_preview_dialog import ImportPreviewDialog
from ui.directory.official_dialog import OfficialDialog
from ui.directory.window import DirectoryWindow
from ui.drafting.participant_picker import ParticipantPicker

IMPORT_CSV = (
    "Прізвище;Ім'я;По батькові;Стать;Посада;Організація;Ранг;Email\n"
    "Гнатюкевич;Петро;Степанович;ч;перший заступник начальника управління;ГУНП;35;gnatiuk@example.ua\n"
    "Лисенко;;;ж;директорка ліцею;Ліцей № 2;60;\n"
    "Савчук;Ірина;;ж;начальниця відділу культури;Коростенська РВА;десять;\n"
    "Тарасюк;Юрій;Миколайович;ч;начальник Коростенської районної військової адміністрації;"
    "Коростенська РВА;10;yurii@\n"
)


@pytest.fixture
def officials(sqlite_database: Database) -> dict[str, int]:
    return seed_directory(sqlite_database)


@pytest.fixture
def admin_workspace(sqlite_database: Database, officials: dict[str, int]) -> Workspace:
    return workspace_of(sqlite_database, "admin")


def open_window(qtbot, workspace: Workspace) -> DirectoryWindow:
    window = DirectoryWindow(workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_surnames(window: DirectoryWindow) -> list[str]:
    return [row.surname for row in window.model.rows]


def select(window: DirectoryWindow, official_id: int) -> None:
    window.table.selectRow(window.model.row_of(official_id))


def test_add_an_official_with_the_gender_detected(qtbot, admin_workspace: Workspace, monkeypatch) -> None:
    window = open_window(qtbot, admin_workspace)

    def fill(dialog: OfficialDialog) -> int:
        dialog.edits["surname"].setText("Шевчук")
        dialog.edits["given_name"].setText("Оксана")
        dialog.edits["position"].setText("начальниця управління культури")
        dialog.edits["organization"].setText("Житомирська ОВА")
        dialog.precedence_spin.setValue(45)
        dialog.regenerate()
        assert dialog.detected_label.text() == "визначено: жіноча"
        assert dialog.forms_table.item(4, 0).text() == "Оксаною Шевчук"
        assert dialog.forms_table.item(1, 1).text() == "начальниці управління культури"
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(OfficialDialog, "exec", fill)
    window.add_button.click()
    assert "Шевчук" in shown_surnames(window)
    added = window.selected_official()
    assert added is not None and added.surname == "Шевчук" and added.gender == "feminine"
    assert added.precedence == 45
    assert admin_workspace.directory.participant(added.id).form("dative") == (
        "начальниці управління культури Оксані Шевчук")


def test_a_refused_official_keeps_the_dialog_open(qtbot, admin_workspace: Workspace, message_boxes) -> None:
    warnings = message_boxes["warnings"]
    dialog = OfficialDialog(admin_workspace, None)
    qtbot.addWidget(dialog)
    dialog.edits["surname"].setText("Шевчук")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert warnings and "ім'я" in warnings[0] and "посаду" in warnings[0]


def test_a_form_corrected_by_hand_is_kept_after_editing_the_position(
    qtbot, admin_workspace: Workspace, officials: dict[str, int]
) -> None:
    official_id = officials["Харченко"]
    dialog = OfficialDialog(admin_workspace, official_id)
    qtbot.addWidget(dialog)
    assert dialog.forms_table.item(2, 0).text() == "Олені Харченко" and not dialog.is_corrected("name", "dative")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.forms_table.setFocus()
    dialog.forms_table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.forms_table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.forms_table, Qt.Key.Key_Down)  # Давальний
    qtbot.keyClick(dialog.forms_table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_keys(editor, "Олені Харченко-Бойко")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.is_corrected("name", "dative"))
    assert dialog.isVisible()  # Enter took the form; it did not press «Зберегти» as well
    assert dialog.forms_table.item(2, 0).font().bold()  # marked as corrected by hand
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted

    again = OfficialDialog(admin_workspace, official_id)
    qtbot.addWidget(again)
    assert again.is_corrected("name", "dative")
    assert again.forms_table.item(2, 0).text() == "Олені Харченко-Бойко"
    again.edits["position"].setText("заступниця начальника Житомирської обласної військової адміністрації")
    again.regenerate()
    assert again.forms_table.item(2, 1).text() == (
        "заступниці начальника Житомирської обласної військової адміністрації")
    again.save()

    third = OfficialDialog(admin_workspace, official_id)
    qtbot.addWidget(third)
    assert third.is_corrected("name", "dative")
    assert third.forms_table.item(2, 0).text() == "Олені Харченко-Бойко"
    assert admin_workspace.directory.participant(official_id).form("dative") == (
        "заступниці начальника Житомирської обласної військової адміністрації Олені Харченко-Бойко")


def test_ctrl_s_while_typing_a_form_keeps_it(qtbot, admin_workspace: Workspace, officials: dict[str, int]) -> None:
    official_id = officials["Бондар"]
    dialog = OfficialDialog(admin_workspace, official_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.forms_table.setFocus()
    dialog.forms_table.setCurrentCell(4, 1)  # Орудний, посада
    qtbot.keyClick(dialog.forms_table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_keys(editor, "міським головою Коростеня")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert admin_workspace.directory.official_forms(official_id).corrected == {"position": {"instrumental"}}


def test_resetting_a_correction_restores_the_generated_form(
    qtbot, admin_workspace: Workspace, officials: dict[str, int]
) -> None:
    official_id = officials["Мельник"]
    admin_workspace.directory.set_form_override(official_id, "locative", "директорові департаменту освіти", "position")
    dialog = OfficialDialog(admin_workspace, official_id)
    qtbot.addWidget(dialog)
    assert dialog.is_corrected("position", "locative")
    dialog.forms_table.setCurrentCell(5, 1)
    assert dialog.reset_button.isEnabled()
    dialog.reset_button.click()
    assert not dialog.is_corrected("position", "locative")
    assert dialog.forms_table.item(5, 1).text() == "директорові департаменту освіти і науки"
    dialog.save()
    assert admin_workspace.directory.official_forms(official_id).corrected.get("position", set()) == set()


def test_a_position_correction_goes_when_the_position_itself_changes(
    qtbot, admin_workspace: Workspace, officials: dict[str, int]
) -> None:
    official_id = officials["Мельник"]
    admin_workspace.directory.set_form_override(official_id, "locative", "директорові департаменту освіти", "position")
    dialog = OfficialDialog(admin_workspace, official_id)
    qtbot.addWidget(dialog)
    dialog.edits["position"].setText("директор департаменту культури")
    dialog.regenerate()
    assert not dialog.is_corrected("position", "locative")
    assert "скинуто" in dialog.status_label.text()
    dialog.save()
    assert admin_workspace.directory.participant(official_id).position_forms["locative"] == (
        "директорові департаменту культури")


def test_import_preview_shows_refused_rows_and_imports_only_when_confirmed(
    qtbot, admin_workspace: Workspace, monkeypatch, tmp_path: Path
) -> None:
    path = tmp_path / "посадовці.csv"
    path.write_text(IMPORT_CSV, encoding="cp1251")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window = open_window(qtbot, admin_workspace)
    previews: list[dict[str, Any]] = []
    answer = {"value": QDialog.DialogCode.Rejected}

    def look(dialog: ImportPreviewDialog) -> int:
        table = dialog.refused_table
        previews.append({
            "summary": dialog.findChild(QLabel, "summary").text(),
            "rows": [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())],
            "import_enabled": dialog.import_button.isEnabled(),
        })
        return answer["value"]

    monkeypatch.setattr(ImportPreviewDialog, "exec", look)
    window.import_button.click()
    rows = previews[0]["rows"]
    assert [row for row, _reason in rows] == ["3", "4", "5"]
    assert "ім'я" in rows[0][1]
    assert "десять" in rows[1][1]
    assert "yurii@" in rows[2][1]
    assert previews[0]["import_enabled"]
    assert "Буде додано: 1, оновлено: 0, відхилено: 3" in previews[0]["summary"]
    assert "Гнатюкевич" not in shown_surnames(window)  # cancelled: nothing changed
    assert "скасовано" in window.statusBar().currentMessage()

    # not in the directory yet: the surname is unknown, as written and in the dative (where no given
    # name or title before it says it is a surname)
    text = "Нараду провів Гнатюкевич. Слово надали Гнатюкевичу."
    assert [text[f.start:f.end] for f in admin_workspace.proofing.proofreader().check(text)] == ["Гнатюкевич", "Гнатюкевичу"]
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    answer["value"] = QDialog.DialogCode.Accepted
    window.import_button.click()
    assert "Гнатюкевич" in shown_surnames(window)
    assert "Лисенко" not in shown_surnames(window) and "Савчук" not in shown_surnames(window)
    summary = "Додано: 1, оновлено: 0, відхилено: 3."
    # the new name is then put in every case, with progress shown, for the spelling checker and drafting
    assert f"{summary} Відмінюю імена й посади: 1 з 1…" in messages
    assert window.statusBar().currentMessage() == f"{summary} Відмінкові форми готові (1)."
    assert admin_workspace.proofing.proofreader().check(text) == []


def test_deactivated_officials_disappear_from_the_picker(
    qtbot, admin_workspace: Workspace, officials: dict[str, int], message_boxes
) -> None:
    picker = ParticipantPicker(admin_workspace)
    qtbot.addWidget(picker)
    picker.search_edit.setText("Кириченко")
    assert [row.surname for row in picker.model.rows] == ["Кириченко"]

    message_boxes["question_answer"] = QMessageBox.StandardButton.Yes
    window = open_window(qtbot, admin_workspace)
    select(window, officials["Кириченко"])
    assert window.toggle_button.text() == "Д&еактивувати"
    window.toggle_button.click()
    row = window.model.official(window.model.row_of(officials["Кириченко"]))
    assert row is not None and not row.active
    assert window.toggle_button.text() == "&Відновити"

    later = ParticipantPicker(admin_workspace)
    qtbot.addWidget(later)
    later.search_edit.setText("Кириченко")
    assert all(getattr(row, "surname", "") != "Кириченко" for row in later.model.rows)

    window.inactive_check.setChecked(False)
    assert "Кириченко" not in shown_surnames(window)


def test_buttons_follow_the_roles(qtbot, sqlite_database: Database, officials: dict[str, int]) -> None:
    window = open_window(qtbot, workspace_of(sqlite_database, "author"))
    select(window, officials["Тарасюк"])
    assert window.add_button.isEnabled()  # a press officer may add someone new
    assert window.edit_button.text() == "&Переглянути…"
    assert not window.toggle_button.isEnabled()
    assert not window.import_button.isEnabled()
    dialog = OfficialDialog(window.workspace, officials["Тарасюк"], window)
    qtbot.addWidget(dialog)
    assert dialog.edits["position"].isReadOnly()
    assert dialog.save_button is None


def test_export_writes_the_file_chosen(qtbot, admin_workspace: Workspace, monkeypatch, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "довідник"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel (*.xlsx)"))
    window = open_window(qtbot, admin_workspace)
    window.export_button.click()
    written = target.with_suffix(".xlsx")
    sheet = load_workbook(written).worksheets[0]
    surnames = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"Тарасюк", "Харченко", "Кириченко", "Бондар", "Мельник"} <= surnames
    assert "Експортовано 5" in window.statusBar().currentMessage()


def test_groups_tab_adds_a_group_the_picker_offers(qtbot, admin_workspace: Workspace) -> None:
    window = open_window(qtbot, admin_workspace)
    panel = window.groups_panel
    panel.text_edit.setText("представники громадськості")
    panel.add_button.click()
    assert "представники громадськості" in [row.text for row in panel.model.rows]
    picker = ParticipantPicker(admin_workspace)
    qtbot.addWidget(picker)
    picker.search_edit.setText("громадськ")
    assert picker.model.row_at(0).text == "представники громадськості"


def test_the_main_window_opens_the_directory(qtbot, admin_workspace: Workspace) -> None:
    from ui.shell.main_window import MainWindow

    main = MainWindow(admin_workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(main)
    assert main.actions_.directory.shortcut().toString() == "Ctrl+Shift+D"
    main.actions_.directory.trigger()
    directory_window = main.directory_window
    assert isinstance(directory_window, DirectoryWindow) and directory_window.isVisible()
    main.actions_.directory.trigger()
    assert main.directory_window is directory_window  # one manager per main window


def test_the_table_is_usable_from_the_keyboard(qtbot, admin_workspace: Workspace, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(OfficialDialog, "exec", lambda dialog: opened.append(dialog.edits["surname"].text()) or 0)
    window = open_window(qtbot, admin_workspace)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.filter_edit.hasFocus())
    type_keys(window.filter_edit, "мельн")
    window.filter_timer.timeout.emit()
    assert shown_surnames(window) == ["Мельник"]
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == ["Мельник"]


def test_a_group_form_corrected_by_hand_is_kept_and_used(qtbot, admin_workspace: Workspace) -> None:
    window = open_window(qtbot, admin_workspace)
    panel = window.groups_panel
    assert panel.forms_table.item(1, 0).text() == "голів територіальних громад Коростенського району"
    panel.forms_table.item(1, 0).setText("голів громад Коростенського району")
    assert panel.is_corrected("genitive") and panel.forms_table.item(1, 0).font().bold()
    group = panel.selected()
    assert group is not None
    assert admin_workspace.directory.group_participant(group.id).form("genitive") == "голів громад Коростенського району"
    panel.refresh()
    assert panel.is_corrected("genitive") and not panel.is_corrected("dative")
    panel.forms_table.item(1, 0).setText("")  # emptied: the generated form applies again
    assert not panel.is_corrected("genitive")
    assert panel.forms_table.item(1, 0).text() == "голів територіальних громад Коростенського району"

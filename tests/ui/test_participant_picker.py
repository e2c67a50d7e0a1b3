"""The participant picker, driven from the keyboard alone: search, choose, reorder, insert."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.participants import make_participant
from desktop.storage.engine import Database
from desktop.workspace import Workspace
from tests.ui.directory_support import GROUP, seed_directory, type_keys, workspace_of
from ui.drafting.participant_picker import ParticipantPicker

Key = Qt.Key
Mod = Qt.KeyboardModifier


@pytest.fixture
def officials(sqlite_database: Database) -> dict[str, int]:
    return seed_directory(sqlite_database)


@pytest.fixture
def workspace(sqlite_database: Database, officials: dict[str, int]) -> Workspace:
    return workspace_of(sqlite_database, "author")


@pytest.fixture
def picker(qtbot, workspace: Workspace) -> Iterator[ParticipantPicker]:
    dialog = ParticipantPicker(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.search_edit.hasFocus())
    yield dialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    """A key typed where the focus is, as a user types it."""
    qtbot.keyClick(focused(), key, modifier)


def surnames(dialog: ParticipantPicker) -> list[str]:
    return [p.surname or p.text for p in dialog.participants()]


def test_keyboard_alone_search_choose_reorder_insert(qtbot, picker: ParticipantPicker) -> None:
    type_keys(focused, "тарасюк")
    assert picker.model.row_at(0).surname == "Тарасюк"  # type-ahead: no wait, no button
    press(qtbot, Key.Key_Return)
    # the search text is selected after adding, so the next name replaces it
    type_keys(focused, "олена харч")
    press(qtbot, Key.Key_Enter)
    type_keys(focused, "заступник коростенської")  # words in any order, any field
    assert picker.model.row_at(0).surname == "Кириченко"
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Up)
    press(qtbot, Key.Key_Return)
    assert surnames(picker) == ["Тарасюк", "Харченко", "Кириченко"]

    press(qtbot, Key.Key_Tab)
    assert focused() is picker.results
    press(qtbot, Key.Key_Tab)
    assert focused() is picker.chosen
    assert picker.chosen.currentRow() == 2  # the last one added
    press(qtbot, Key.Key_Up, Mod.AltModifier)
    assert surnames(picker) == ["Тарасюк", "Кириченко", "Харченко"]
    press(qtbot, Key.Key_Up, Mod.ControlModifier)
    assert surnames(picker) == ["Кириченко", "Тарасюк", "Харченко"]
    assert picker.chosen.currentRow() == 0  # the moved one stays current, so it can move on

    with qtbot.waitSignal(picker.accepted, timeout=2000):
        press(qtbot, Key.Key_Return, Mod.ControlModifier)
    assert picker.result() == QDialog.DialogCode.Accepted
    chosen = picker.participants()
    assert [p.official_id is not None for p in chosen] == [True, True, True]
    assert surnames(picker) == ["Кириченко", "Тарасюк", "Харченко"]
    assert picker.preview.text() == (
        "…участь у якому взяли заступник начальника Коростенської районної військової адміністрації "
        "Сергій Кириченко, начальник Коростенської районної військової адміністрації Юрій Тарасюк, "
        "заступниця голови Житомирської обласної ради Олена Харченко."
    )
    assert picker.clause("instrumental").startswith(
        "заступником начальника Коростенської районної військової адміністрації Сергієм Кириченком, "
    )


def test_rank_order_delete_and_enter_on_the_insert_button(qtbot, picker: ParticipantPicker) -> None:
    for text in ("бондар", "мельник", "тарасюк"):
        type_keys(focused, text)
        press(qtbot, Key.Key_Return)
    assert surnames(picker) == ["Бондар", "Мельник", "Тарасюк"]
    press(qtbot, Key.Key_R, Mod.ControlModifier)  # «За рангом»
    assert surnames(picker) == ["Тарасюк", "Бондар", "Мельник"]
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    assert focused() is picker.chosen
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Delete)
    assert surnames(picker) == ["Тарасюк", "Мельник"]
    assert "взяли" in picker.preview.text()
    press(qtbot, Key.Key_Delete)
    assert surnames(picker) == ["Тарасюк"]
    assert picker.preview.text().startswith("…участь у якому взяв начальник")
    for _ in range(12):  # Tab on to the «Вставити» button
        if focused() is picker.insert_button:
            break
        press(qtbot, Key.Key_Tab)
    assert focused() is picker.insert_button
    with qtbot.waitSignal(picker.accepted, timeout=2000):
        press(qtbot, Key.Key_Return)
    assert surnames(picker) == ["Тарасюк"]


def test_multi_select_space_group_and_agreement(qtbot, picker: ParticipantPicker) -> None:
    type_keys(focused, "громад")
    assert picker.model.row_at(0).text == GROUP  # groups are offered with the officials
    press(qtbot, Key.Key_Return)
    assert picker.preview.text().startswith("…участь у якому взяли голови територіальних громад")
    press(qtbot, Key.Key_Backspace)
    type_keys(focused, "рва")
    press(qtbot, Key.Key_Tab)
    assert focused() is picker.results
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_Down, Mod.ShiftModifier)
    assert len(picker.selected_results()) == 2
    expected = [row.surname or row.text for row in picker.selected_results()]
    press(qtbot, Key.Key_Space)
    assert surnames(picker)[1:] == expected
    press(qtbot, Key.Key_Space)  # the same ones again: nobody is added twice
    assert len(picker.participants()) == 3
    assert "Уже серед обраних" in picker.status_label.text()


def test_woman_alone_agrees_in_the_feminine(qtbot, picker: ParticipantPicker) -> None:
    type_keys(focused, "харченко")
    press(qtbot, Key.Key_Return)
    assert picker.preview.text().startswith("…участь у якому взяла заступниця голови")


def test_enter_in_the_chosen_list_does_not_insert(qtbot, picker: ParticipantPicker) -> None:
    type_keys(focused, "тарасюк")
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Return)
    assert picker.isVisible() and picker.result() != QDialog.DialogCode.Accepted


def test_chosen_participants_come_back_and_typos_are_forgiven(qtbot, workspace: Workspace) -> None:
    earlier = make_participant("Ірина", "Олійник", None, None, "начальниця відділу культури")
    dialog = ParticipantPicker(workspace, chosen=[earlier])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.search_edit.hasFocus())
    type_keys(focused, "тарасюл")  # a typo
    assert dialog.model.row_at(0).surname == "Тарасюк"
    press(qtbot, Key.Key_Return)
    assert surnames(dialog) == ["Олійник", "Тарасюк"]


def test_ad_hoc_participant_saved_to_the_directory(qtbot, picker: ParticipantPicker, monkeypatch) -> None:
    from ui.drafting.ad_hoc_participant_dialog import AdHocParticipantDialog

    def fill_and_add(dialog: AdHocParticipantDialog) -> int:
        dialog.show()
        qtbot.waitUntil(lambda: dialog.edits["given_name"].hasFocus())
        for key in ("given_name", "surname", "position"):
            text = {"given_name": "Оксана", "surname": "Шевчук", "position": "директорка ліцею № 3"}[key]
            type_keys(focused, text)
            qtbot.keyClick(focused(), Key.Key_Tab)
            if key == "surname":
                qtbot.keyClick(focused(), Key.Key_Tab)  # past the patronymic
        dialog.save_check.setChecked(True)
        dialog.add()
        return dialog.result()

    monkeypatch.setattr(AdHocParticipantDialog, "exec", fill_and_add)
    press(qtbot, Key.Key_N, Mod.ControlModifier)
    assert surnames(picker) == ["Шевчук"]
    assert picker.preview.text() == "…участь у якому взяла директорка ліцею № 3 Оксана Шевчук."
    assert picker.participants()[0].official_id is not None  # saved to the directory
    picker.activateWindow()  # the closed sub-dialog hands the focus back to the search field
    qtbot.waitUntil(lambda: picker.search_edit.hasFocus())
    type_keys(focused, "шевчук")
    assert picker.model.row_at(0).surname == "Шевчук"


def test_a_drop_in_the_chosen_list_reorders_the_participants(qtbot, picker: ParticipantPicker) -> None:
    for text in ("тарасюк", "бондар"):
        type_keys(focused, text)
        press(qtbot, Key.Key_Return)
    before = picker.preview.text()
    # a drag and drop inside the list moves the row in its model, as this does
    assert picker.chosen.model().moveRow(QModelIndex(), 1, QModelIndex(), 0)
    assert surnames(picker) == ["Бондар", "Тарасюк"]
    qtbot.waitUntil(lambda: picker.preview.text() != before)
    assert picker.preview.text().startswith("…участь у якому взяли голова Коростенської міської ради")
    assert picker.chosen.item(0).text().startswith("1. Наталія Бондар")


def test_enter_skips_those_already_chosen(qtbot, picker: ParticipantPicker) -> None:
    type_keys(focused, "харченко")
    press(qtbot, Key.Key_Return)
    type_keys(focused, "заступ")
    assert picker.model.row_at(0).surname == "Харченко"  # still listed, marked as chosen
    assert picker.model.data(picker.model.index(0, 0)).startswith("✓ ")
    press(qtbot, Key.Key_Return)
    assert surnames(picker) == ["Харченко", "Кириченко"]


def test_typing_in_the_results_goes_on_with_the_search(qtbot, picker: ParticipantPicker) -> None:
    type_keys(focused, "бон")
    press(qtbot, Key.Key_Tab)
    assert focused() is picker.results
    type_keys(focused, "дар")
    assert focused() is picker.search_edit and picker.search_edit.text() == "бондар"
    assert picker.model.row_at(0).surname == "Бондар"

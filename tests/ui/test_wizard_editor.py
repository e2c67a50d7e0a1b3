"""Drafting in the GUI: template → wizard → editor → saved release, and the editor's tools."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWizard

from desktop.document import Block, Document, Run
from desktop.labels import INBOX_LABELS
from tests.ui.drafting_support import (
    SIGNATURE,
    complete_event_report,
    fill_event_report,
    type_text,
)
from tests.ui.editor_support import (  # noqa: F401  (fixtures: pytest finds them by name)
    editor_window_fixture,
    main_window_fixture,
    office_fixture,
    release_id_fixture,
    revision_rows,
    stored_document,
    type_at_end,
    workspace_fixture,
)
from ui.drafting.release_wizard import ReleaseWizard
from ui.editor.release_editor import ReleaseEditor
from ui.shell.new_release import start_new_release

LEAD_START = "Форум громад Житомирщини, участь у якому взяли начальник Коростенської районної"


@pytest.fixture(autouse=True)
def answers(message_boxes):
    """Message boxes never block: «Не зберігати» unless a test sets answers["exec_answer"]."""
    return message_boxes


# Template → wizard → editor → saved release.

def test_template_wizard_editor_saved_release(qtbot, monkeypatch, main_window, office) -> None:
    database = office[0]

    monkeypatch.setattr(ReleaseWizard, "exec", complete_event_report)
    main_window.inbox_list.setCurrentRow(list(INBOX_LABELS).index("my_drafts"))
    release_id = start_new_release(main_window)
    assert release_id is not None
    window = main_window.editor_windows[release_id]
    qtbot.waitExposed(window)
    body = window.editor.toPlainText()
    assert body.startswith(LEAD_START)
    assert "Олена Харченко, відбувся 20 квітня 2023 року у Коростені." in body
    assert window.editor.current_kind() == "lead"
    assert window.headline_edit.text() == "Форум громад Житомирщини"
    assert main_window.selected_release_id() == release_id  # the list shows the new draft

    type_at_end(window.editor, qtbot, " Додано в редакторі.")
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    stored = revision_rows(database, release_id)
    assert [(number, kind) for number, kind, _ in stored] == [(1, "create"), (2, "save")]
    assert stored[-1][2].endswith("Учасники заходу обговорили відновлення громад та підтримку ветеранів. "
                                  "Додано в редакторі.")
    assert not window.is_dirty()
    assert window.windowTitle().startswith("№")  # no unsaved-changes star


def test_wizard_names_a_missing_required_field_and_stays(qtbot, workspace) -> None:
    wizard = ReleaseWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_event_report(wizard)
    wizard.fields_page.form.inputs["place"].clear()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.fields_page.error_label.text() == "Заповніть поле «Місце (де?)»."
    assert wizard.currentPage() is wizard.fields_page and wizard.release_id is None
    assert wizard.focusWidget() is wizard.fields_page.form.inputs["place"]
    # The message goes as soon as the field is filled, not only on the next Finish.
    qtbot.keyClicks(wizard.fields_page.form.inputs["place"], "Korosten")
    assert wizard.fields_page.error_label.text() == ""


def test_wizard_takes_a_typed_date_whole_and_refuses_a_wrong_one(qtbot, workspace) -> None:
    wizard = ReleaseWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_event_report(wizard)
    date_field = wizard.fields_page.form.inputs["event_date"]
    date_field.line.selectAll()
    qtbot.keyClicks(date_field.line, "20.04.2023")  # over the selected date, as people type
    assert wizard.fields_page.form.values()["event_date"] == "2023-04-20"
    date_field.line.selectAll()
    qtbot.keyClicks(date_field.line, "31.04.2023")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.fields_page.error_label.text() == "Поле «Дата»: дата має бути у вигляді 20.04.2023."
    assert wizard.release_id is None


def test_wizard_reports_an_unknown_participant_without_creating_a_release(qtbot, workspace) -> None:
    wizard = ReleaseWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_event_report(wizard, participants="Петро Невідомий")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "Петро Невідомий" in wizard.fields_page.error_label.text()
    assert wizard.release_id is None
    assert workspace.releases.list_releases() == []


def test_wizard_accepts_a_group_in_quotes(qtbot, workspace) -> None:
    wizard = ReleaseWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_event_report(wizard, participants="Юрій Тарасюк; «голови територіальних громад»")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.release_id is not None
    lead = workspace.releases.open_release(wizard.release_id).document.blocks[0].text
    assert "Юрій Тарасюк та голови територіальних громад" in lead


def test_wizard_offers_every_template_with_its_description(qtbot, workspace) -> None:
    wizard = ReleaseWizard(workspace)
    qtbot.addWidget(wizard)
    page = wizard.template_page
    keys = [page.template_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(page.template_list.count())]
    assert {"event_report", "meeting", "working_visit", "aid_delivery", "announcement", "statement", "blank"} <= set(
        keys
    )
    page.select("meeting")
    assert page.description.text() == workspace.releases.template("meeting").description


# The editor on the document model.

EVERY_KIND = Document(
    "Заголовок",
    (
        Block("lead", (Run("Лід із "), Run("жирним", bold=True), Run(" словом."))),
        Block("paragraph", (Run("курсив", italic=True), Run(" і "), Run("підкреслення", underline=True),
                            Run(" разом", bold=True, italic=True, underline=True))),
        Block("quote", (Run("«Цитата»", italic=True), Run(", — сказав він."))),
        Block("list_item", (Run("перший пункт"),)),
        Block("list_item", (Run("другий", bold=True), Run(" пункт"))),
        Block("subheading", (Run("Підзаголовок"),)),
        Block("paragraph", (Run("Останній абзац."),)),
    ),
)


def test_converter_round_trip_keeps_every_kind_and_flag(qtbot) -> None:
    editor = ReleaseEditor()
    qtbot.addWidget(editor)
    editor.set_model(EVERY_KIND)
    assert editor.model("Заголовок") == EVERY_KIND
    assert editor.document().findBlockByNumber(3).textList() is not None  # list items show bullets


def test_paste_brings_no_foreign_formatting(qtbot) -> None:
    editor = ReleaseEditor()
    qtbot.addWidget(editor)
    editor.set_model(Document("", (Block.plain("paragraph", "Текст "),)))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    mime = QMimeData()
    mime.setHtml("<b style='font-size:40pt'>жирна вставка</b>")
    mime.setText("жирна вставка")
    editor.insertFromMimeData(mime)
    assert editor.model("") == Document("", (Block.plain("paragraph", "Текст жирна вставка"),))


def test_enter_after_the_lead_starts_a_paragraph(qtbot, editor_window) -> None:
    editor = editor_window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "Новий абзац.")
    kinds = [(b.kind, b.text) for b in editor_window.current_document().blocks]
    assert kinds[:2] == [("lead", "Перший абзац про громади."), ("paragraph", "Новий абзац.")]


def test_bold_italic_underline_shortcuts_format_the_selection(qtbot, editor_window) -> None:
    editor = editor_window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.moveCursor(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor)
    for key in (Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_U):
        qtbot.keyClick(editor, key, Qt.KeyboardModifier.ControlModifier)
    first = editor_window.current_document().blocks[0].runs[0]
    assert first == Run("Перший ", bold=True, italic=True, underline=True)
    assert editor_window.actions_.bold.isChecked()


def test_undo_and_redo(qtbot, editor_window) -> None:
    editor = editor_window.editor
    type_at_end(editor, qtbot, " Ще")
    assert editor_window.current_document().blocks[-1].text == "Другий абзац. Ще"
    assert editor_window.actions_.undo.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor_window.current_document().blocks[-1].text == "Другий абзац."
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor_window.current_document().blocks[-1].text == "Другий абзац. Ще"
    editor_window.actions_.undo.trigger()
    editor_window.actions_.redo.trigger()
    assert editor_window.current_document().blocks[-1].text == "Другий абзац. Ще"


def test_block_kind_change_is_one_undo_step(qtbot, editor_window) -> None:
    editor = editor_window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    combo = editor_window.actions_.kind_combo
    combo.setCurrentIndex(combo.findData("quote"))
    combo.activated.emit(combo.currentIndex())
    assert editor_window.current_document().blocks[-1].kind == "quote"
    editor.undo()
    assert editor_window.current_document().blocks[-1].kind == "paragraph"


def test_replace_all_is_one_undo_step(qtbot, editor_window) -> None:
    editor = editor_window.editor
    editor_window.actions_.replace.trigger()
    bar = editor_window.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible()
    bar.find_edit.setText("абзац")
    bar.replace_edit.setText("розділ")
    assert bar.replace_all() == 2
    assert [b.text for b in editor_window.current_document().blocks] == [
        "Перший розділ про громади.", "Другий розділ."]
    assert bar.status.text() == "Замінено: 2"
    editor.undo()
    assert [b.text for b in editor_window.current_document().blocks] == [
        "Перший абзац про громади.", "Другий абзац."]


def test_find_wraps_around_and_says_when_nothing_is_found(qtbot, editor_window) -> None:
    bar = editor_window.find_bar
    editor_window.actions_.find.trigger()
    assert not bar.replace_edit.isVisible()
    bar.find_edit.setText("абзац")
    assert bar.find_next() and bar.find_next() and bar.find_next()
    assert editor_window.editor.textCursor().selectedText() == "абзац"
    bar.find_edit.setText("немає такого")
    assert not bar.find_next()
    assert bar.status.text() == "Не знайдено"


def test_headline_counter_turns_red_over_the_limit(qtbot, editor_window) -> None:
    editor_window.headline_edit.setText("Х" * 100)
    assert editor_window.headline_counter.text() == "100/100"
    assert "c5221f" not in editor_window.headline_counter.styleSheet()
    editor_window.headline_edit.setText("Х" * 101)
    assert editor_window.headline_counter.text() == "101/100"
    assert "c5221f" in editor_window.headline_counter.styleSheet()
    assert editor_window.headline_over_limit()


def test_counts_in_the_status_bar(qtbot, editor_window) -> None:
    # «Нарада щодо громад» + «Перший абзац про громади.» + «Другий абзац.»: 9 words, 56 characters
    assert editor_window.counts_label.text() == "Слів: 9 · Символів: 56"
    type_at_end(editor_window.editor, qtbot, " ще слово")
    qtbot.waitUntil(lambda: editor_window.counts_label.text() == "Слів: 11 · Символів: 65", timeout=1000)


def test_signature_is_shown_under_the_text_and_is_not_editable(qtbot, editor_window) -> None:
    label = editor_window.signature_label
    assert label.isVisible() and label.text() == SIGNATURE
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert label.mapTo(editor_window, label.rect().topLeft()).y() > editor_window.editor.mapTo(
        editor_window, editor_window.editor.rect().bottomLeft()).y() - 1
    assert "Відділ інформаційної" not in editor_window.current_document().plain_text()


def test_side_panel_docks_on_the_right(qtbot, editor_window) -> None:
    from PySide6.QtWidgets import QLabel

    dock = editor_window.add_side_panel(QLabel("панель"), "Вичитка")
    assert editor_window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.toggleViewAction() in editor_window.actions_.panels_menu.actions()


def test_page_preview_shows_text_and_signature(qtbot, editor_window) -> None:
    from ui.export.page_preview import PagePreviewDialog

    dialog = PagePreviewDialog(editor_window.current_document(), SIGNATURE.splitlines())
    qtbot.addWidget(dialog)
    text = dialog.pages.toPlainText()
    assert text.startswith("Нарада щодо громад\nПерший абзац про громади.")
    assert text.endswith(SIGNATURE)
    assert dialog.view.page_count == 1

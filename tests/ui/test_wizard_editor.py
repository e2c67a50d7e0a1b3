"""Drafting in the GUI: template → wizard → editor → saved release, the editor's tools, autosave, conflicts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox, QWizard

from desktop.directory.resolver import resolve_participant
from desktop.document import Block, Document, Run
from desktop.labels import INBOX_LABELS
from desktop.releases import revisions
from desktop.workspace import Workspace
from tests.ui.drafting_support import (
    SIGNATURE,
    build_office,
    complete_event_report,
    fill_event_report,
    open_main_window,
    type_text,
)
from ui.drafting.release_wizard import ReleaseWizard
from ui.editor.conflict_dialog import ConflictDialog
from ui.editor.release_editor import ReleaseEditor
from ui.editor.window import CLOSE_QUESTION, EditorWindow, open_editor
from ui.shell.main_window import MainWindow
from ui.shell.new_release import start_new_release

LEAD_START = "Форум громад Житомирщини, участь у якому взяли начальник Коростенської районної"


@pytest.fixture(autouse=True)
def answers(message_boxes):
    """Message boxes never block: «Не зберігати» unless a test sets answers["exec_answer"]."""
    return message_boxes


@pytest.fixture
def office(sqlite_database):
    admin, author = build_office(sqlite_database)
    return sqlite_database, admin, author


@pytest.fixture
def workspace(office) -> Workspace:
    database, _admin, author = office
    return Workspace(database, author)


@pytest.fixture
def main_window(qtbot, workspace) -> MainWindow:
    return open_main_window(qtbot, workspace)


@pytest.fixture
def release_id(workspace) -> int:
    return workspace.releases.draft_from_template(
        "blank", {"headline": "Нарада щодо громад", "lead_text": "Перший абзац про громади.\n\nДругий абзац."}
    )


@pytest.fixture
def editor_window(qtbot, main_window, release_id) -> EditorWindow:
    window = open_editor(main_window, release_id)
    assert window is not None
    qtbot.waitExposed(window)
    return window


def _type_at_end(editor: ReleaseEditor, qtbot, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor, text)


def _stored(database, release_id: int) -> Document:
    with database.session() as session:
        return revisions.release_document(revisions.get_release(session, release_id))


def _revisions(database, release_id: int) -> list[tuple[int, str, str]]:
    with database.session() as session:
        return [(r.number, r.kind, Document.from_json(r.document_json).plain_text())
                for r in revisions.revisions(session, release_id)]


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

    _type_at_end(window.editor, qtbot, " Додано в редакторі.")
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    stored = _revisions(database, release_id)
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
    _type_at_end(editor, qtbot, " Ще")
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
    _type_at_end(editor_window.editor, qtbot, " ще слово")
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


# Nothing is lost.

def test_autosave_stores_the_text(qtbot, editor_window, office, release_id) -> None:
    database = office[0]
    _type_at_end(editor_window.editor, qtbot, " Автозбереження")
    qtbot.waitUntil(lambda: _stored(database, release_id).blocks[-1].text == "Другий абзац. Автозбереження",
                    timeout=3000)
    assert [kind for _, kind, _ in _revisions(database, release_id)] == ["create"]  # no revision for an autosave
    assert editor_window.save_state_label.text().startswith("Автозбережено")
    assert not editor_window.is_dirty()


def test_explicit_save_after_autosave_makes_a_revision(qtbot, editor_window, office, release_id) -> None:
    database = office[0]
    _type_at_end(editor_window.editor, qtbot, " Х")
    editor_window.autosave()
    editor_window.actions_.save.trigger()
    assert [kind for _, kind, _ in _revisions(database, release_id)] == ["create", "save"]


def _change_elsewhere(office, release_id: int) -> None:
    """Another workstation (the administrator) saves a different text of the release."""
    database, admin, _author = office
    with database.session() as session:
        release = revisions.get_release(session, release_id)
        revisions.save_text(session, session.merge(admin), release_id,
                           Document("Нарада щодо громад", (Block.plain("lead", "Текст колеги."),)),
                           expected_version=release.version, kind="save")


def _answer_conflict(monkeypatch, button: str, seen: list[str]) -> None:
    def exec_dialog(dialog: ConflictDialog) -> int:
        seen.append(dialog.informativeText())
        getattr(dialog, button).click()
        return 0

    monkeypatch.setattr(ConflictDialog, "exec", exec_dialog)


def test_conflict_keeps_both_texts_and_mine_wins_on_request(qtbot, monkeypatch, editor_window, office,
                                                           release_id) -> None:
    database = office[0]
    editor_window.autosave_timer.setInterval(60_000)  # only the explicit save below
    _change_elsewhere(office, release_id)
    _type_at_end(editor_window.editor, qtbot, " Моя правка.")
    seen: list[str] = []
    _answer_conflict(monkeypatch, "keep_button", seen)
    editor_window.save()
    assert len(seen) == 1 and "редакцію №3" in seen[0]
    history = _revisions(database, release_id)
    assert [kind for _, kind, _ in history] == ["create", "save", "conflict", "save"]
    assert "Текст колеги." in history[1][2]  # the other text is kept as a revision
    assert history[2][2].endswith("Другий абзац. Моя правка.")
    assert _stored(database, release_id).blocks[-1].text == "Другий абзац. Моя правка."
    assert not editor_window.is_dirty()


def test_conflict_reload_shows_the_newest_text_and_keeps_mine_as_a_revision(qtbot, monkeypatch, editor_window,
                                                                           office, release_id) -> None:
    database = office[0]
    editor_window.autosave_timer.setInterval(60_000)
    _change_elsewhere(office, release_id)
    _type_at_end(editor_window.editor, qtbot, " Моя правка.")
    seen: list[str] = []
    _answer_conflict(monkeypatch, "reload_button", seen)
    editor_window.actions_.save.trigger()
    assert seen
    assert editor_window.editor.toPlainText() == "Текст колеги."
    history = _revisions(database, release_id)
    assert history[-1][1] == "conflict" and history[-1][2].endswith("Моя правка.")
    # Editing goes on from the newest version without another conflict.
    _type_at_end(editor_window.editor, qtbot, " Далі.")
    editor_window.save()
    assert len(seen) == 1
    assert _stored(database, release_id).blocks[-1].text == "Текст колеги. Далі."


def test_closing_with_unsaved_changes_asks(qtbot, answers, editor_window, office, release_id) -> None:
    database = office[0]
    editor_window.autosave_timer.setInterval(60_000)
    _type_at_end(editor_window.editor, qtbot, " Незбережене")
    answers["exec_answer"] = QMessageBox.StandardButton.Cancel
    editor_window.close()
    assert editor_window.isVisible() and answers["asked"] == [CLOSE_QUESTION]
    answers["exec_answer"] = QMessageBox.StandardButton.Save
    editor_window.close()
    assert _stored(database, release_id).blocks[-1].text == "Другий абзац. Незбережене"
    assert [kind for _, kind, _ in _revisions(database, release_id)] == ["create", "save"]


def test_opening_a_release_twice_brings_the_same_window(qtbot, main_window, editor_window, release_id) -> None:
    assert open_editor(main_window, release_id) is editor_window


def test_participants_come_from_the_picker(qtbot, monkeypatch, workspace, office) -> None:
    from desktop.participants import make_group
    from ui.drafting.participant_picker import ParticipantPicker

    database = office[0]
    with database.session() as session:
        kharchenko = resolve_participant(session, "Олена Харченко")
    picked = [kharchenko, make_group("представники громадськості")]
    offered: list[list] = []

    def pick(picker: ParticipantPicker) -> int:
        offered.append(picker.participants())
        return 1

    monkeypatch.setattr(ParticipantPicker, "exec", pick)
    monkeypatch.setattr(ParticipantPicker, "participants", lambda picker: picked if offered else [])
    wizard = ReleaseWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_event_report(wizard, participants="")
    field = wizard.fields_page.form.inputs["participants"]
    field.choose_button.click()
    assert field.line.text() == "Олена Харченко; представники громадськості"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.release_id is not None
    record = workspace.releases.open_release(wizard.release_id)
    assert "участь у якому взяли заступниця голови Коростенської районної ради Олена Харченко та представники " \
           "громадськості" in record.document.blocks[0].text
    assert [p.get("surname") for p in record.participants] == ["Харченко", ""]


def test_pasted_paragraphs_after_the_lead_are_paragraphs(qtbot) -> None:
    editor = ReleaseEditor()
    qtbot.addWidget(editor)
    editor.set_model(Document("", (Block.plain("lead", "Лід."),)))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    mime = QMimeData()
    mime.setText(" Кінець ліду.\nДругий абзац.\nТретій абзац.")
    editor.insertFromMimeData(mime)
    assert [(b.kind, b.text) for b in editor.model("").blocks] == [
        ("lead", "Лід. Кінець ліду."), ("paragraph", "Другий абзац."), ("paragraph", "Третій абзац.")]
    editor.undo()
    assert editor.model("") == Document("", (Block.plain("lead", "Лід."),))


def test_a_release_under_review_opens_read_only_for_its_author(qtbot, main_window, office, release_id) -> None:
    from desktop.workflow import transitions

    database, _admin, author = office
    with database.session() as session:
        transitions.submit(session, session.merge(author), release_id)
    window = open_editor(main_window, release_id)
    assert window is not None
    assert window.editor.isReadOnly() and window.headline_edit.isReadOnly()
    assert window.read_only_banner.isVisible()
    assert "Реліз на погодженні" in window.read_only_banner.text()
    assert not window.actions_.save.isEnabled() and not window.actions_.bold.isEnabled()


def test_typing_without_a_pause_is_still_autosaved(qtbot, editor_window, office, release_id) -> None:
    database = office[0]
    editor_window.autosave_max_wait_s = 0.3
    editor_window.editor.setFocus()
    editor_window.editor.moveCursor(QTextCursor.MoveOperation.End)
    for _ in range(12):  # a key every 250 ms: the 1.5 s pause never comes
        type_text(editor_window.editor, "ж")
        qtbot.wait(250)
    assert "ж" in _stored(database, release_id).blocks[-1].text


def test_re_underlining_does_not_postpone_the_autosave(qtbot, editor_window, office, release_id) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat

    class Underliner(QSyntaxHighlighter):
        def highlightBlock(self, text: str) -> None:  # noqa: N802
            underline = QTextCharFormat()
            underline.setFontUnderline(True)
            self.setFormat(0, min(4, len(text)), underline)

    underliner = Underliner(editor_window.editor.document())
    ticker = QTimer(editor_window)
    ticker.timeout.connect(underliner.rehighlight)  # like a spelling checker's results arriving
    ticker.start(200)
    _type_at_end(editor_window.editor, qtbot, " Підкреслено")
    qtbot.waitUntil(lambda: _stored(office[0], release_id).blocks[-1].text.endswith("Підкреслено"), timeout=3000)
    ticker.stop()

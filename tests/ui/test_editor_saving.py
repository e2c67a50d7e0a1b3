"""The editor keeps what is typed: autosave, revisions, conflicts with another workstation, closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox, QWizard

from desktop.directory.resolver import resolve_participant
from desktop.document import Block, Document
from desktop.releases import revisions
from tests.ui.drafting_support import fill_event_report, type_text
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
from ui.editor.conflict_dialog import ConflictDialog
from ui.editor.release_editor import ReleaseEditor
from ui.editor.window import CLOSE_QUESTION, open_editor


@pytest.fixture(autouse=True)
def answers(message_boxes):
    """Message boxes never block: «Не зберігати» unless a test sets answers["exec_answer"]."""
    return message_boxes


# Nothing is lost.

def test_autosave_stores_the_text(qtbot, editor_window, office, release_id) -> None:
    database = office[0]
    type_at_end(editor_window.editor, qtbot, " Автозбереження")
    qtbot.waitUntil(lambda: stored_document(database, release_id).blocks[-1].text == "Другий абзац. Автозбереження",
                    timeout=3000)
    assert [kind for _, kind, _ in revision_rows(database, release_id)] == ["create"]  # no revision for an autosave
    assert editor_window.save_state_label.text().startswith("Автозбережено")
    assert not editor_window.is_dirty()


def test_explicit_save_after_autosave_makes_a_revision(qtbot, editor_window, office, release_id) -> None:
    database = office[0]
    type_at_end(editor_window.editor, qtbot, " Х")
    editor_window.autosave()
    editor_window.actions_.save.trigger()
    assert [kind for _, kind, _ in revision_rows(database, release_id)] == ["create", "save"]


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
    type_at_end(editor_window.editor, qtbot, " Моя правка.")
    seen: list[str] = []
    _answer_conflict(monkeypatch, "keep_button", seen)
    editor_window.save()
    assert len(seen) == 1 and "редакцію №3" in seen[0]
    history = revision_rows(database, release_id)
    assert [kind for _, kind, _ in history] == ["create", "save", "conflict", "save"]
    assert "Текст колеги." in history[1][2]  # the other text is kept as a revision
    assert history[2][2].endswith("Другий абзац. Моя правка.")
    assert stored_document(database, release_id).blocks[-1].text == "Другий абзац. Моя правка."
    assert not editor_window.is_dirty()


def test_conflict_reload_shows_the_newest_text_and_keeps_mine_as_a_revision(qtbot, monkeypatch, editor_window,
                                                                           office, release_id) -> None:
    database = office[0]
    editor_window.autosave_timer.setInterval(60_000)
    _change_elsewhere(office, release_id)
    type_at_end(editor_window.editor, qtbot, " Моя правка.")
    seen: list[str] = []
    _answer_conflict(monkeypatch, "reload_button", seen)
    editor_window.actions_.save.trigger()
    assert seen
    assert editor_window.editor.toPlainText() == "Текст колеги."
    history = revision_rows(database, release_id)
    assert history[-1][1] == "conflict" and history[-1][2].endswith("Моя правка.")
    # Editing goes on from the newest version without another conflict.
    type_at_end(editor_window.editor, qtbot, " Далі.")
    editor_window.save()
    assert len(seen) == 1
    assert stored_document(database, release_id).blocks[-1].text == "Текст колеги. Далі."


def test_closing_with_unsaved_changes_asks(qtbot, answers, editor_window, office, release_id) -> None:
    database = office[0]
    editor_window.autosave_timer.setInterval(60_000)
    type_at_end(editor_window.editor, qtbot, " Незбережене")
    answers["exec_answer"] = QMessageBox.StandardButton.Cancel
    editor_window.close()
    assert editor_window.isVisible() and answers["asked"] == [CLOSE_QUESTION]
    answers["exec_answer"] = QMessageBox.StandardButton.Save
    editor_window.close()
    assert stored_document(database, release_id).blocks[-1].text == "Другий абзац. Незбережене"
    assert [kind for _, kind, _ in revision_rows(database, release_id)] == ["create", "save"]


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
    assert "ж" in stored_document(database, release_id).blocks[-1].text


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
    type_at_end(editor_window.editor, qtbot, " Підкреслено")
    qtbot.waitUntil(lambda: stored_document(office[0], release_id).blocks[-1].text.endswith("Підкреслено"), timeout=3000)
    ticker.stop()

"""Proofing in the editor: underlines as one types, the context menu, the F7 panel, the check before submitting."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.directory import glossary
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workflow import transitions
from desktop.workspace import Workspace
from tests.ui.drafting_support import type_text
from tests.ui.review_support import as_user, create, editor_window
from ui.editor.window import EditorWindow
from ui.proofing.highlighter import UNDERLINE_COLOURS, BlockFindings

LEAD = "Нарада відбулася у Києві."
MISSPELT, RIGHT = "адмністрація", "адміністрація"

SUBMIT_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier  # Ctrl+Shift+Enter


@pytest.fixture(autouse=True)
def boxes(message_boxes: dict[str, Any]) -> dict[str, Any]:
    """No modal box ever blocks: questions get «Ні» unless a test sets boxes["question_answer"]."""
    return message_boxes


def open_editor(qtbot: Any, database: Database, user: User, release_id: int) -> EditorWindow:
    """The editor window, active, once its proofing panel is there."""
    window = editor_window(qtbot, as_user(database, user), release_id)
    qtbot.waitUntil(lambda: window.proofing.panel is not None)
    return window


def wave_ranges(window: EditorWindow, block_number: int = 0) -> list[tuple[str, str]]:
    """The underlined fragments of a paragraph, with their colours, as the layout will paint them."""
    block = window.editor.document().findBlockByNumber(block_number)
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [(block.text()[r.start:r.start + r.length], r.format.underlineColor().name())
            for r in block.layout().formats() if r.format.underlineStyle() == wave]


def end_of_lead(window: EditorWindow) -> None:
    cursor = QTextCursor(window.editor.document().firstBlock())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)


def test_a_misspelt_word_is_underlined_red_and_fixed_from_the_context_menu(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    release_id = create(sqlite_database, people["author"], f"Нарада\n\n{LEAD}")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    assert wave_ranges(window) == []
    end_of_lead(window)
    type_text(window.editor, f" Військова {MISSPELT}")
    assert wave_ranges(window) == []  # the word being typed is not a mistake yet
    type_text(window.editor, " працює.")
    red = UNDERLINE_COLOURS["spelling"].name()
    assert wave_ranges(window) == [(MISSPELT, red)]
    data = window.editor.document().firstBlock().userData()
    assert isinstance(data, BlockFindings) and [f.kind for f in data.findings] == ["spelling"]

    at = window.editor.toPlainText().index(MISSPELT) + 3
    menu = window.proofing.menu.build_menu(at)
    texts = [action.text() for action in menu.actions()]
    assert texts[0].startswith(f"Слова «{MISSPELT}» немає")
    assert "Додати до &особистого словника" in texts
    assert any(text.startswith("&Копіювати\t") for text in texts)  # Qt's own entries, in Ukrainian too
    [suggestion] = [action for action in menu.actions() if action.text() == RIGHT]
    suggestion.trigger()
    assert window.editor.document().firstBlock().text() == f"{LEAD} Військова {RIGHT} працює."
    assert wave_ranges(window) == []
    window.editor.undo()  # the fix was one step
    assert window.editor.document().firstBlock().text() == f"{LEAD} Військова {MISSPELT} працює."


def test_the_panel_lists_the_glued_year_and_fixes_all_typography_in_one_undo_step(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], reference_release: str
) -> None:
    # the capitals of «Саміт Міст та Регіонів» corrected: this test is about the typography findings
    headline, *paragraphs = reference_release.replace("Саміт Міст та Регіонів", "саміт міст та регіонів").splitlines()
    release_id = create(sqlite_database, people["author"], headline + "\n\n" + "\n\n".join(paragraphs))
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    controller = window.proofing
    qtbot.keyClick(window.editor, Qt.Key.Key_F7)
    assert controller.dock.isVisible() and controller.panel.tree.hasFocus()
    panel = controller.panel
    assert [(e.fragment, e.finding.suggestions) for e in panel.entries] == [
        ("2023року", ("2023 року",)), ("зокрема,", ("зокрема",))]
    assert controller.dock.windowTitle() == "Правопис (2)"
    assert panel.summary_label.text() == "Зауважень: 2 (типографіка 2)."
    assert panel.tree.topLevelItem(0).child(1).text(0) == "«зокрема,» → «зокрема»"
    item = panel.tree.topLevelItem(0).child(0)
    assert item.text(0) == "«2023року» → «2023 року»"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)  # Enter jumps to it
    assert window.editor.textCursor().selectedText() == "2023року" and window.editor.hasFocus()

    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    lead = window.editor.document().firstBlock().text()
    assert "20 квітня 2023 року у Києві" in lead
    assert panel.entries == [] and panel.summary_label.text() == "Зауважень немає."
    assert "виклики, зокрема етапи" in window.editor.toPlainText()
    window.editor.undo()  # both fixes were one step
    assert "20 квітня 2023року у Києві" in window.editor.document().firstBlock().text()
    assert "виклики, зокрема, етапи" in window.editor.toPlainText()


def test_one_click_fix_of_a_style_finding_and_the_headline(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада  в ОВА\n\nГолова прийняв участь у нараді.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    window.proofing.show_panel()
    panel = window.proofing.panel
    kinds = {(e.in_headline, e.finding.kind) for e in panel.entries}
    assert kinds == {(True, "typography"), (False, "style")}
    for index in range(len(panel.entries)):
        group = panel.tree.topLevelItem(0)
        panel.tree.setCurrentItem(group.child(0))
        assert panel.fix_button.isEnabled(), index
        qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert window.headline_edit.text() == "Нарада в ОВА"
    assert window.editor.document().firstBlock().text() == "Голова взяв участь у нараді."


def test_an_author_cannot_add_to_the_department_glossary_but_to_their_own(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], boxes: dict[str, Any]
) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада\n\nЗустріч у Кропивнянці.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    at = window.editor.toPlainText().index("Кропивнянці") + 1
    actions = {a.text(): a for a in window.proofing.menu.build_menu(at).actions()}
    assert not actions["Додати до словника &відділу"].isEnabled()
    window.proofing.menu.add_department("Кропивнянці")  # as if a stale entry had been clicked
    assert boxes["warnings"] and boxes["warnings"][0].startswith("Недостатньо прав")
    with sqlite_database.session() as session:
        assert "Кропивнянці" not in glossary.glossary_words(session)
    assert wave_ranges(window) != []
    actions["Додати до &особистого словника"].trigger()
    assert wave_ranges(window) == []
    assert Workspace(sqlite_database, people["author"]).proofing.personal_words() == ["Кропивнянці"]


def test_an_administrator_adds_to_the_department_glossary(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    release_id = create(sqlite_database, people["admin"], "Нарада\n\nЗасідання ЖРВА.")
    window = open_editor(qtbot, sqlite_database, people["admin"], release_id)
    at = window.editor.toPlainText().index("ЖРВА") + 1
    actions = {a.text(): a for a in window.proofing.menu.build_menu(at).actions()}
    assert actions["Додати до словника &відділу"].isEnabled()
    actions["Додати до словника &відділу"].trigger()
    assert wave_ranges(window) == []
    with sqlite_database.session() as session:
        assert "ЖРВА" in glossary.glossary_words(session)


def test_ignore_stops_flagging_the_word(qtbot: Any, sqlite_database: Database, people: dict[str, User]) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада\n\nЗустріч у Кропивнянці.\n\nЗнову Кропивнянці.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    at = window.editor.toPlainText().index("Кропивнянці") + 1
    [ignore] = [a for a in window.proofing.menu.build_menu(at).actions() if a.text() == "&Пропустити"]
    ignore.trigger()
    assert wave_ranges(window, 0) == [] and wave_ranges(window, 1) == []


def test_security_findings_are_orange_and_never_fixed(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада\n\nДопомогу передали в/ч А1234.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    assert [colour for _text, colour in wave_ranges(window)] == [UNDERLINE_COLOURS["security"].name()]
    at = window.editor.toPlainText().index("А1234")
    menu_texts = [a.text() for a in window.proofing.menu.build_menu(at).actions()]
    assert "&Пропустити" not in menu_texts
    window.proofing.show_panel()
    panel = window.proofing.panel
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    assert not panel.fix_button.isEnabled()


def test_submitting_with_findings_asks_first(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], boxes: dict[str, Any]
) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада\n\nНарада відбулася 20 квітня 2023року.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, SUBMIT_KEYS)
    assert boxes["questions"] == ["У тексті залишилося 1 зауваження. Усе одно подати на погодження?\n\n"
                                  "Керівник побачить їх на панелі «Правопис» (F7)."]
    with sqlite_database.session() as session:
        assert revisions.get_release(session, release_id).status == "draft"
    boxes["question_answer"] = QMessageBox.StandardButton.Yes
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, SUBMIT_KEYS)
    with sqlite_database.session() as session:
        assert revisions.get_release(session, release_id).status == "in_review"


def test_a_clean_text_is_submitted_without_a_question(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], boxes: dict[str, Any]
) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада\n\nНарада відбулася 20 квітня 2023 року.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return, SUBMIT_KEYS)
    assert boxes["questions"] == []
    with sqlite_database.session() as session:
        assert revisions.get_release(session, release_id).status == "in_review"


def test_the_reviewer_sees_the_findings_at_once(qtbot: Any, sqlite_database: Database, people: dict[str, User]) -> None:
    release_id = create(sqlite_database, people["author"], "Нарада\n\nНарада відбулася 20 квітня 2023року.")
    with sqlite_database.session() as session:
        transitions.submit(session, session.merge(people["author"]), release_id)
    window = open_editor(qtbot, sqlite_database, people["supervisor"], release_id)
    controller = window.proofing
    assert controller.dock.isVisible() and not controller.dock.visibleRegion().isEmpty()
    assert [e.fragment for e in controller.panel.entries] == ["2023року"]


def test_typing_in_a_long_release_rechecks_only_the_changed_paragraph(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], reference_release: str
) -> None:
    _headline, *paragraphs = reference_release.splitlines()
    body = [p for p in paragraphs if len(p.split()) > 20]
    long_text = "Нарада\n\n" + "\n\n".join(body * (10_000 // sum(len(p.split()) for p in body) + 1))
    release_id = create(sqlite_database, people["author"], long_text)
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    assert len(window.editor.toPlainText().split()) >= 10_000
    highlighter = window.proofing.highlighter
    checked: list[str] = []
    original = highlighter.proofreader.check_paragraph
    highlighter.proofreader.check_paragraph = lambda text: checked.append(text) or original(text)  # type: ignore[method-assign]
    block = window.editor.document().findBlockByNumber(40)
    before = block.text()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, " Так.")
    assert checked == [before + " Так."[:length] for length in range(1, 6)]  # that paragraph once a key


def test_the_menu_key_opens_the_proofing_entries_for_the_word_at_the_cursor(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    release_id = create(sqlite_database, people["author"], f"Нарада\n\nВійськова {MISSPELT} працює.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index(MISSPELT) + 2)
    window.editor.setTextCursor(cursor)
    shown: list[list[str]] = []
    monkeypatch.setattr(window.proofing.menu, "show_menu", lambda menu, _at: shown.append([a.text() for a in menu.actions()]))
    at = window.editor.cursorRect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, window.editor.mapToGlobal(at))
    QApplication.sendEvent(window.editor, event)
    assert len(shown) == 1 and shown[0][0].startswith(f"Слова «{MISSPELT}»") and RIGHT in shown[0]


def test_recheck_takes_in_an_official_added_meanwhile(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    from desktop.directory import officials

    release_id = create(sqlite_database, people["author"], "Нарада\n\nПодяку висловили Прищепюкові.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    assert [text for text, _colour in wave_ranges(window)] == ["Прищепюкові"]
    with sqlite_database.session() as session:
        officials.add_official(session, session.merge(people["admin"]), surname="Прищепюк", given_name="Остап",
                               gender="ч", position="начальник районної військової адміністрації")
    window.proofing.recheck_action.trigger()
    assert wave_ranges(window) == []


def red_columns(window: EditorWindow) -> list[int]:
    """The x of every column of the headline, as painted, where the red of the spelling underline shows."""
    image = window.headline_edit.grab().toImage()
    columns = set()
    for x in range(image.width()):
        for y in range(image.height()):
            colour = image.pixelColor(x, y)  # black text on white: only the wave is red, antialiased or not
            if colour.red() - max(colour.green(), colour.blue()) > 60:
                columns.add(x)
                break
    return sorted(columns)


def open_keyboard_menu(widget: Any) -> None:
    """The context menu as the Menu key opens it, at the widget's cursor."""
    centre = widget.rect().center()
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, centre, widget.mapToGlobal(centre)))


def test_a_misspelt_headline_word_is_underlined_and_fixed_from_its_context_menu(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    headline = f"Військова {MISSPELT} працює"
    release_id = create(sqlite_database, people["author"], f"{headline}\n\n{LEAD}")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    edit = window.headline_edit
    columns = red_columns(window)
    metrics = edit.fontMetrics()
    word_left = metrics.horizontalAdvance("Військова ")
    word_width = metrics.horizontalAdvance(MISSPELT)
    # red under the misspelt word, and only there
    assert columns and max(columns) - min(columns) >= word_width * 0.8
    assert min(columns) >= word_left
    assert max(columns) <= word_left + word_width + 2 * edit.textMargins().left() + 12

    shown: list[list[str]] = []
    monkeypatch.setattr(window.proofing.menu, "show_menu",
                        lambda menu, _at: shown.append([a.text() for a in menu.actions()]) or
                        next(a for a in menu.actions() if a.text() == RIGHT).trigger())
    edit.setFocus()
    edit.setCursorPosition(headline.index(MISSPELT) + 2)
    open_keyboard_menu(edit)
    assert shown[0][0].startswith(f"Слова «{MISSPELT}» немає")
    assert "Додати до &особистого словника" in shown[0]
    assert edit.text() == f"Військова {RIGHT} працює"
    assert red_columns(window) == []
    edit.undo()
    assert edit.text() == headline
    edit.end(False)  # the cursor leaves the word: it is a mistake again
    assert red_columns(window)


def test_a_submitted_headline_is_underlined_though_it_is_read_only(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    release_id = create(sqlite_database, people["author"], f"Військова {MISSPELT} працює\n\n{LEAD}")
    with sqlite_database.session() as session:
        transitions.submit(session, session.merge(people["author"]), release_id)
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)  # waiting for review
    assert window.headline_edit.isReadOnly()
    assert red_columns(window)


def typing_in_the_headline(qtbot: Any, database: Database, author: User) -> tuple[EditorWindow, Any]:
    """An editor on a short release with the cursor at the end of its headline."""
    release_id = create(database, author, f"Нарада\n\n{LEAD}")
    window = open_editor(qtbot, database, author, release_id)
    edit = window.headline_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.end(False)
    return window, edit


def test_the_headline_underlines_wait_while_an_input_method_composes(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    from PySide6.QtGui import QInputMethodEvent

    window, edit = typing_in_the_headline(qtbot, sqlite_database, people["author"])
    QApplication.sendEvent(edit, QInputMethodEvent("ї", []))  # a character being composed
    edit.setText(f"Військова {MISSPELT} працює")
    assert red_columns(window) == []
    QApplication.sendEvent(edit, QInputMethodEvent())  # composition over
    qtbot.waitUntil(lambda: bool(red_columns(window)))


def test_emoji_before_a_misspelt_word_do_not_shift_its_fix(
    qtbot: Any, sqlite_database: Database, people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Qt counts an emoji as two positions, Python as one: the fix must land on the word all the same.
    headline = f"🇺🇦 Військова {MISSPELT} працює"
    release_id = create(sqlite_database, people["author"], f"{headline}\n\n🙂 {MISSPELT} працює.")
    window = open_editor(qtbot, sqlite_database, people["author"], release_id)
    edit = window.headline_edit
    monkeypatch.setattr(window.proofing.menu, "show_menu",
                        lambda menu, _at: next(a for a in menu.actions() if a.text() == RIGHT).trigger())
    edit.setFocus()
    edit.setCursorPosition(len(headline.encode("utf-16-le")) // 2 - len(" працює") - 3)  # inside the word
    open_keyboard_menu(edit)
    assert edit.text() == f"🇺🇦 Військова {RIGHT} працює"

    body = window.editor.document().firstBlock()
    at = body.position() + len(f"🙂 {MISSPELT}".encode("utf-16-le")) // 2 - 3
    menu = window.proofing.menu.build_menu(at)
    next(a for a in menu.actions() if a.text() == RIGHT).trigger()
    assert window.editor.document().firstBlock().text() == f"🙂 {RIGHT} працює."


def test_a_misspelt_last_word_is_underlined_when_the_focus_leaves_the_headline(
    qtbot: Any, sqlite_database: Database, people: dict[str, User]
) -> None:
    window, edit = typing_in_the_headline(qtbot, sqlite_database, people["author"])
    edit.insert(f" {MISSPELT}")
    assert red_columns(window) == []  # still being typed
    window.editor.setFocus()
    qtbot.wait(50)  # at once, not at the panel's next refresh
    assert red_columns(window)

"""Довідка: a short guide to the work, the list of keyboard shortcuts, and the first steps of a new office."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

MAIN, EDITOR = "Головне вікно", "Редактор релізу"

# Every shortcut of the two windows, one meaning each; a test compares this list with the live actions.
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    (MAIN, "Ctrl+N", "новий реліз за шаблоном"),
    (MAIN, "Ctrl+O", "відкрити вибраний реліз"),
    (MAIN, "Return", "відкрити реліз, вибраний у списку"),
    (MAIN, "Ctrl+P", "надрукувати вибраний реліз"),
    (MAIN, "F5", "оновити список"),
    (MAIN, "Ctrl+F", "шукати в релізах"),
    (MAIN, "Ctrl+Shift+Return", "подати на погодження"),
    (MAIN, "Ctrl+Shift+A", "погодити"),
    (MAIN, "Ctrl+Shift+R", "повернути на доопрацювання"),
    (MAIN, "Ctrl+Shift+H", "зміни між редакціями"),
    (MAIN, "Ctrl+E", "експорт погодженого релізу"),
    (MAIN, "Ctrl+Shift+D", "довідник посадовців"),
    (MAIN, "Ctrl+Shift+L", "змінити користувача"),
    (MAIN, "F1", "посібник"),
    (MAIN, "Ctrl+Q", "завершити роботу"),
    (EDITOR, "Ctrl+S", "зберегти редакцію"),
    (EDITOR, "Ctrl+Z", "скасувати дію"),
    (EDITOR, "Ctrl+Y", "повторити дію (також Ctrl+Shift+Z)"),
    (EDITOR, "Ctrl+Shift+Z", "повторити дію"),
    (EDITOR, "Ctrl+B", "жирний"),
    (EDITOR, "Ctrl+I", "курсив"),
    (EDITOR, "Ctrl+U", "підкреслений"),
    (EDITOR, "Ctrl+1", "лід"),
    (EDITOR, "Ctrl+2", "абзац"),
    (EDITOR, "Ctrl+3", "цитата"),
    (EDITOR, "Ctrl+4", "пункт списку"),
    (EDITOR, "Ctrl+5", "підзаголовок"),
    (EDITOR, "Ctrl+F", "знайти"),
    (EDITOR, "Ctrl+H", "замінити"),
    (EDITOR, "F3", "знайти далі (Shift+F3 — назад)"),
    (EDITOR, "Shift+F3", "знайти назад"),
    (EDITOR, "Esc", "закрити панель пошуку"),
    (EDITOR, "F7", "панель правопису"),
    (EDITOR, "Ctrl+Alt+M", "коментар до виділеного"),
    (EDITOR, "Ctrl+Shift+P", "попередній перегляд сторінки"),
    (EDITOR, "Ctrl+Alt+P", "перегляд PDF"),
    (EDITOR, "Ctrl+P", "друк з попереднім переглядом"),
    (EDITOR, "Ctrl+Shift+Return", "подати на погодження (текст спершу зберігається)"),
    (EDITOR, "Ctrl+Shift+A", "погодити"),
    (EDITOR, "Ctrl+Shift+R", "повернути на доопрацювання"),
    (EDITOR, "Ctrl+Shift+H", "зміни між редакціями"),
    (EDITOR, "Ctrl+W", "закрити вікно"),
    ("Поле коментаря", "Ctrl+Return", "додати коментар"),
    ("Причина повернення", "Ctrl+Return", "повернути з цим коментарем"),
)

GUIDE = """
<h2>Як працює Вісник</h2>
<h3>1. Чернетка (прес-офіцер)</h3>
<p><b>Файл → Новий реліз</b> (Ctrl+N): виберіть шаблон, заповніть поля (дата — цифрами, напр. 20.04.2023,
або в календарі), виберіть учасників з довідника. Текст зберігається сам (автозбереження);
<b>Ctrl+S</b> записує <i>редакцію</i> — її бачитиме керівник у порівнянні змін.
Підкреслення в тексті — зауваження правопису; усі вони на панелі <b>F7</b>.</p>
<h3>2. Погодження (керівник)</h3>
<p>Автор подає реліз на погодження (<b>Ctrl+Shift+Enter</b>). Керівник бачить його у скриньці
«Очікують мого погодження», переглядає зміни (Ctrl+Shift+H), коментує виділене (Ctrl+Alt+M) і
<b>погоджує</b> (Ctrl+Shift+A) або <b>повертає на доопрацювання</b> (Ctrl+Shift+R) з коментарем.
Повернений реліз автор бачить у скриньці «Повернуті мені», а причину — угорі редактора.
Будь-яка правка погодженого тексту скасовує погодження.</p>
<h3>3. Оприлюднення (відповідальний за оприлюднення)</h3>
<p>Погоджений реліз експортується (<b>Ctrl+E</b>) у DOCX, PDF (за потреби з електронним підписом),
HTML або текст. Тека експорту запам'ятовується для кожного користувача; після експорту її можна відкрити.
<b>Ctrl+P</b> друкує реліз так, як його розкладе PDF.</p>
<h3>Кнопки показують правду</h3>
<p>Дія доступна лише тоді, коли її дозволяють ваша роль і стан релізу. Недоступна кнопка сіра;
підказка до стану — у рядку стану редактора.</p>
<h3>Спільний комп'ютер</h3>
<p><b>Файл → Змінити користувача</b> (Ctrl+Shift+L) передає робоче місце іншому без перезапуску;
відкриті релізи перед цим зберігаються.</p>
"""

FIRST_STEPS = (
    ("users", "Додайте користувачів", "Сервіс → Користувачі: прес-офіцери, керівники, відповідальні за оприлюднення."),
    ("directory", "Імпортуйте довідник посадовців",
     "Сервіс → Довідник посадовців → Імпорт: CSV або XLSX; відмови — з причиною для кожного рядка."),
    ("settings", "Задайте підпис відділу", "Сервіс → Налаштування відділу: підпис, логотип, сертифікат підпису."),
    ("export", "Тека експорту",
     "Типово — ваша тека «Документи»; у вікні експорту її можна змінити, і вона запам'ятається."),
)


def shortcut_table_html() -> str:
    rows = []
    context = None
    for where, keys, meaning in SHORTCUTS:
        if where != context:
            rows.append(f"<tr><td colspan=2><h3>{escape(where)}</h3></td></tr>")
            context = where
        shown = keys.replace("Return", "Enter")
        rows.append(f"<tr><td style='padding-right:16px'><b>{escape(shown)}</b></td><td>{escape(meaning)}</td></tr>")
    return "<h2>Клавіатурні скорочення</h2><table>" + "".join(rows) + "</table>"


class HelpDialog(QDialog):
    """A page of help text, with a Close button."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрити")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.setMinimumSize(420, 320)
        self.resize(640, 620)


def show_guide(parent: QWidget) -> HelpDialog:
    dialog = HelpDialog("Посібник — Вісник", GUIDE, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_shortcuts(parent: QWidget) -> HelpDialog:
    dialog = HelpDialog("Клавіатурні скорочення — Вісник", shortcut_table_html(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class FirstStepsDialog(QDialog):
    """Right after the first administrator is created: what to set up, each step one button away."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("first_steps")
        self.setWindowTitle("Перші кроки — Вісник")
        self.window_ = window
        intro = QLabel("<h2>Ласкаво просимо!</h2>Ви — адміністратор. Щоб відділ почав працювати:")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        handlers = {
            "users": lambda: window.actions_.edit_users(),
            "directory": lambda: window.actions_.open_directory(),
            "settings": lambda: window.actions_.edit_settings(),
            "export": None,
        }
        for number, (key, title, text) in enumerate(FIRST_STEPS, start=1):
            label = QLabel(f"<b>{number}. {escape(title)}</b><br>{escape(text)}")
            label.setWordWrap(True)
            layout.addWidget(label)
            handler = handlers[key]
            if handler is not None:
                button = QPushButton(f"{title}…")
                button.setObjectName(f"step_{key}")
                button.clicked.connect(handler)
                self.buttons[key] = button
                layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Почати роботу")
        close.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(close)
        self.setMinimumWidth(480)

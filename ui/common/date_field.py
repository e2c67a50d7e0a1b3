"""A date typed as an office writes it («20.04.2023») or picked in a calendar.

QDateEdit edits a date section by section: typing «20.04.2023» over its selected text gives 02.04.2023.
This field takes the typed text whole and reads it when the typing is done.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

DISPLAY_FORMAT = "dd.MM.yyyy"
HINT = "Дата у вигляді 20.04.2023 (день.місяць.рік) або з календаря."
INVALID_STYLE = "QLineEdit { border: 1px solid #b00020; background: #fce8e6; }"
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def parse_date(text: str) -> QDate | None:
    """«20.04.2023», «20.4.23», «20/04/2023», «20042023» or «2023-04-20» → the date; None if it is not one."""
    found = _DAY_FIRST.match(text) or _DIGITS.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
        if len(found.group(3)) == 2:
            year += 2000
    else:
        iso = _ISO.match(text)
        if not iso:
            return None
        year, month, day = (int(part) for part in iso.groups())
    date = QDate(year, month, day)
    return date if date.isValid() else None


class DateField(QWidget):
    """A line for the date and a calendar button; date() is invalid while the field is empty."""

    date_changed = Signal(QDate)

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self.required = required
        self.line = QLineEdit()
        self.line.setObjectName("date_text")
        self.line.setPlaceholderText("дд.мм.рррр" if required else "дд.мм.рррр (не обов'язково)")
        self.line.setToolTip(HINT)
        self.line.setMaximumWidth(160)
        self.line.editingFinished.connect(self._normalise)
        self.line.textChanged.connect(self._mark)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.button = QToolButton()
        self.button.setObjectName("calendar_button")
        self.button.setText("📅")
        self.button.setToolTip("Вибрати дату в календарі")
        self.button.clicked.connect(self.open_calendar)
        self.setFocusProxy(self.line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addStretch(1)

    def date(self) -> QDate:
        """The date typed or picked; an invalid QDate for an empty or unreadable field."""
        return parse_date(self.line.text()) or QDate()

    def setDate(self, date: QDate) -> None:  # noqa: N802 - the QDateEdit name the callers know
        self.line.setText(date.toString(DISPLAY_FORMAT) if date.isValid() else "")
        self.date_changed.emit(date)

    def clear(self) -> None:
        self.line.clear()

    def is_empty(self) -> bool:
        return not self.line.text().strip()

    def is_valid(self) -> bool:
        """True for an empty field or a real date."""
        return self.is_empty() or parse_date(self.line.text()) is not None

    def open_calendar(self) -> None:
        shown = self.date()
        self.calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def _picked(self, date: QDate) -> None:
        self.menu.hide()
        self.setDate(date)
        self.line.setFocus()

    def _normalise(self) -> None:
        date = parse_date(self.line.text())
        if date is not None:
            self.line.setText(date.toString(DISPLAY_FORMAT))
            self.date_changed.emit(date)

    def _mark(self) -> None:
        self.line.setStyleSheet("" if self.is_valid() else INVALID_STYLE)

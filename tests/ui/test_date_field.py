"""Dates typed as an office writes them: «20.04.2023» over a selected date stays 20.04.2023."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate

from ui.common.date_field import DateField, parse_date


@pytest.mark.parametrize("text", ["20.04.2023", "20.4.2023", "20/04/2023", "20-04-2023", "20.04.23", "20042023",
                                  "2023-04-20", " 20 . 04 . 2023 "])
def test_every_usual_spelling_is_read(text: str) -> None:
    assert parse_date(text) == QDate(2023, 4, 20)


@pytest.mark.parametrize("text", ["31.04.2023", "20.13.2023", "завтра", "2023", ""])
def test_what_is_not_a_date_is_not_one(text: str) -> None:
    assert parse_date(text) is None


def test_typing_over_the_selected_date(qtbot: Any) -> None:
    field = DateField(required=True)
    qtbot.addWidget(field)
    field.show()
    field.setDate(QDate(2026, 12, 2))
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "20.04.2023")
    assert field.date() == QDate(2023, 4, 20)
    field.line.selectAll()
    qtbot.keyClicks(field.line, "5.5.2023")
    field.line.editingFinished.emit()
    assert field.line.text() == "05.05.2023"


def test_a_wrong_date_is_marked_and_the_calendar_picks_one(qtbot: Any) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    assert field.is_empty() and not field.date().isValid() and field.is_valid()
    field.line.setText("32.01.2023")
    assert not field.is_valid() and "b00020" in field.line.styleSheet()
    field.open_calendar()
    field.calendar.clicked.emit(QDate(2023, 4, 20))
    assert field.line.text() == "20.04.2023" and field.line.styleSheet() == ""

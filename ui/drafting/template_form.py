"""The form generated from a template's fields: one suitable input per field type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ui.common.date_field import DateField

_SEPARATOR = "; "


class ParticipantsFieldWidget(QWidget):
    """Participants: chosen in the picker, or typed as «Ім'я Прізвище; …» and resolved by the directory."""

    def __init__(self, workspace: Any, single: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.single = single
        self.chosen: list[Any] = []
        self.line = QLineEdit()
        self.line.setPlaceholderText(
            "Ім'я Прізвище" if single else "Ім'я Прізвище; Ім'я Прізвище; «група в називному відмінку»"
        )
        self.line.setToolTip(
            "Посадовці з довідника — ім'ям і прізвищем або номером; група, якої немає в довіднику, — у «лапках»."
        )
        self.choose_button = QPushButton("Вибрати з довідника…")
        self.choose_button.clicked.connect(self.choose)
        self.setFocusProxy(self.line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.choose_button)

    def _shown_text(self, participants: list[Any]) -> str:
        return _SEPARATOR.join(p.display_name for p in participants)

    def set_participants(self, participants: list[Any]) -> None:
        """Shows the chosen participants (Participant objects) in the line."""
        self.chosen = list(participants[:1] if self.single else participants)
        self.line.setText(self._shown_text(self.chosen))

    def choose(self) -> None:
        """Opens the directory picker."""
        from ui.drafting.participant_picker import ParticipantPicker

        picker = ParticipantPicker(self.workspace, self, chosen=list(self.chosen))
        if picker.exec():
            self.set_participants(list(picker.participants()))
        self.line.setFocus()

    def is_empty(self) -> bool:
        return not self.line.text().strip()

    def value(self) -> Any:
        """Participant objects when the line still shows the picker's choice, else the typed references."""
        text = self.line.text().strip()
        if self.chosen and text == self._shown_text(self.chosen):
            return self.chosen[0] if self.single else list(self.chosen)
        refs: list[Any] = []
        for part in text.split(";"):
            part = part.strip()
            if not part:
                continue
            if part.startswith("«") and part.endswith("»"):
                refs.append({"text": part[1:-1].strip(), "plural": True})
            elif part.isdigit():
                refs.append(int(part))
            else:
                refs.append(part)
        return refs[0] if self.single and refs else refs


class TemplateFormWidget(QWidget):
    """Inputs for every field of a template; required ones are marked with *."""

    # Any field typed into or picked: the wizard's «Заповніть поле …» goes once the field is filled.
    edited = Signal()

    def __init__(self, template: Any, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.workspace = workspace
        self.inputs: dict[str, QWidget] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for field in template.fields:
            widget = self._input_for(field)
            widget.setObjectName(f"field_{field.name}")
            if field.hint:
                widget.setToolTip(field.hint)
            self.inputs[field.name] = widget
            self._watch(widget)
            label = QLabel(f"{field.label}{' *' if field.required else ''}:")
            label.setBuddy(widget)
            if field.required:
                label.setStyleSheet("font-weight: bold")
            layout.addRow(label, widget)
            if field.hint and field.type not in ("participants", "participant"):
                hint = QLabel(field.hint)
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #5f6368; font-size: 9pt")
                layout.addRow("", hint)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, (DateField, ParticipantsFieldWidget)):
            widget.line.textChanged.connect(self.edited)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.textChanged.connect(self.edited)

    def _input_for(self, field: Any) -> QWidget:
        if field.type == "date":
            date_field = DateField(required=field.required)
            if field.required:
                date_field.setDate(QDate.currentDate())
            return date_field
        if field.type in ("long_text", "list"):
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(84 if field.type == "list" else 96)
            if field.type == "list":
                text.setPlaceholderText("По одному на рядок")
            return text
        if field.type in ("participants", "participant"):
            return ParticipantsFieldWidget(self.workspace, single=field.type == "participant")
        line = QLineEdit()
        if field.type == "number":
            line.setValidator(QRegularExpressionValidator(r"\d{0,9}([.,]\d{0,3})?"))
            line.setMaximumWidth(140)
        return line

    def focus_first(self) -> None:
        if self.template.fields:
            self.inputs[self.template.fields[0].name].setFocus()

    def raw_value(self, name: str) -> Any:
        """What the user entered in a field, in the form the template expects ('' or [] for nothing)."""
        widget = self.inputs[name]
        if isinstance(widget, DateField):
            return widget.date().toString("yyyy-MM-dd") if widget.date().isValid() else ""
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, ParticipantsFieldWidget):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def values(self) -> dict[str, Any]:
        """Every filled field (empty optional fields are left out)."""
        result: dict[str, Any] = {}
        for field in self.template.fields:
            value = self.raw_value(field.name)
            if value in ("", [], None):
                continue
            if field.type == "list" and isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            result[field.name] = value
        return result

    def unreadable_date(self) -> tuple[QWidget, str] | None:
        """The first date field holding something that is not a date, with its label."""
        for field in self.template.fields:
            widget = self.inputs[field.name]
            if isinstance(widget, DateField) and not widget.is_valid():
                return widget, field.label
        return None

    def missing_required(self) -> tuple[QWidget, str] | None:
        """The first required field left empty, with its label."""
        for field in self.template.fields:
            if field.required and self.raw_value(field.name) in ("", [], None):
                return self.inputs[field.name], field.label
        return None

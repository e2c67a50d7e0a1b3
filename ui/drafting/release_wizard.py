"""A new release: choose a template, fill the form generated from its fields, open the editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.errors import UserError
from ui.drafting.template_form import TemplateFormWidget

ERROR_STYLE = "color: #c5221f"


class TemplatePage(QWizardPage):
    """The list of templates, each with its description."""

    def __init__(self, templates: list[Any], errors: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Оберіть шаблон")
        self.setSubTitle("Шаблон підказує, які відомості потрібні, і складає з них перші абзаци релізу.")
        self.template_list = QListWidget()
        self.template_list.setObjectName("templates")
        for template in templates:
            item = QListWidgetItem(template.name)
            item.setData(Qt.ItemDataRole.UserRole, template.key)
            item.setToolTip(template.description)
            self.template_list.addItem(item)
        self.description = QLabel()
        self.description.setObjectName("template_description")
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(48)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.template_list.currentItemChanged.connect(self._show_description)
        self.template_list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.template_list.itemActivated.connect(lambda *_: self.wizard().next())
        self.descriptions = {t.key: t.description for t in templates}
        layout = QVBoxLayout(self)
        layout.addWidget(self.template_list, 1)
        layout.addWidget(self.description)
        if errors:
            broken = QLabel("Не завантажено шаблони з помилками:\n" + "\n".join(errors))
            broken.setObjectName("template_errors")
            broken.setWordWrap(True)
            broken.setStyleSheet(ERROR_STYLE)
            layout.addWidget(broken)
        if templates:
            self.template_list.setCurrentRow(0)

    def _show_description(self, current: QListWidgetItem | None, *_: object) -> None:
        self.description.setText(self.descriptions.get(current.data(Qt.ItemDataRole.UserRole), "") if current else "")

    def selected_key(self) -> str | None:
        item = self.template_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, key: str) -> None:
        for row in range(self.template_list.count()):
            if self.template_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.template_list.setCurrentRow(row)
                return
        raise KeyError(key)

    def isComplete(self) -> bool:  # noqa: N802
        return self.selected_key() is not None

    def initializePage(self) -> None:  # noqa: N802
        self.template_list.setFocus()


class FieldsPage(QWizardPage):
    """The template's form; Finish creates the draft, or says what is missing and stays."""

    def __init__(self, release_wizard: ReleaseWizard) -> None:
        super().__init__(release_wizard)
        self.release_wizard = release_wizard
        self.form: TemplateFormWidget | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error_label = QLabel()
        self.error_label.setObjectName("form_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        note = QLabel("* — обов'язкові поля")
        note.setStyleSheet("color: #5f6368")
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(note)
        layout.addWidget(self.error_label)

    def initializePage(self) -> None:  # noqa: N802
        template = self.release_wizard.template()
        self.setTitle(template.name)
        self.setSubTitle(template.description)
        if self.form is None or self.form.template.key != template.key:
            self.form = TemplateFormWidget(template, self.release_wizard.workspace)
            self.form.edited.connect(self._recheck)
            self.scroll.setWidget(self.form)
        self.error_label.clear()
        self.form.focus_first()

    def _recheck(self) -> None:
        """A message about a field goes as soon as that field is filled (or says what is still wrong)."""
        if self.error_label.text() and self.form is not None:
            self.error_label.setText(self._problem() or "")

    def _problem(self) -> str | None:
        assert self.form is not None
        unreadable = self.form.unreadable_date()
        if unreadable is not None:
            return f"Поле «{unreadable[1]}»: дата має бути у вигляді 20.04.2023."
        missing = self.form.missing_required()
        return f"Заповніть поле «{missing[1]}»." if missing is not None else None

    def validatePage(self) -> bool:  # noqa: N802
        assert self.form is not None
        unreadable = self.form.unreadable_date()
        if unreadable is not None:
            self.show_error(f"Поле «{unreadable[1]}»: дата має бути у вигляді 20.04.2023.")
            unreadable[0].setFocus()
            return False
        problem = self.form.missing_required()
        if problem is not None:
            field_widget, label = problem
            self.show_error(f"Заповніть поле «{label}».")
            field_widget.setFocus()
            return False
        try:
            self.release_wizard.release_id = self.release_wizard.workspace.releases.draft_from_template(
                self.form.template.key, self.form.values()
            )
        except UserError as error:
            self.show_error(str(error))
            return False
        return True

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)


class ReleaseWizard(QWizard):
    """Two steps: the template, then its fields; afterwards `release_id` holds the new draft."""

    def __init__(self, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.release_id: int | None = None
        self.setWindowTitle("Новий реліз")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Назад")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Далі >")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Створити реліз")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Скасувати")
        self.templates = {t.key: t for t in workspace.releases.templates()}
        self.template_page = TemplatePage(list(self.templates.values()), workspace.releases.template_errors())
        self.fields_page = FieldsPage(self)
        self.addPage(self.template_page)
        self.addPage(self.fields_page)
        self.resize(720, 640)

    def template(self) -> Any:
        key = self.template_page.selected_key()
        return self.templates[key]

"""The export dialog: formats, folder, an optional signature, and the export run off the GUI thread."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from ui.common.tasks import failure_text

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.common.tasks import TaskRunner

FORMATS = (
    ("docx", "&DOCX — для редагування у Word чи LibreOffice"),
    ("pdf", "&PDF — для архіву й сайту"),
    ("html", "&HTML — для сайту (CMS)"),
    ("txt", "&TXT — простий текст"),
    ("telegram", "Te&legram — текст до 4 096 знаків, з хештегами"),
    ("facebook", "&Facebook — текст для допису, з хештегами"),
    ("package", "&ZIP — пакет для оприлюднення: сторінка, фото, текст для соцмереж"),
)
COPIES = (
    ("publication", "Для о&прилюднення — без візи погодження"),
    ("office", "С&лужбовий примірник — з візою «ПОГОДЖЕНО» під підписом"),
)
SETTINGS_KEY = "export/"


def _path_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


def ask_replace(parent: QWidget, existing: list[Path]) -> bool:
    """Asks whether to replace files that are already in the folder; «Скасувати» is the safe answer."""
    names = "\n".join(f"• {path.name}" for path in existing)
    box = QMessageBox(QMessageBox.Icon.Question, "Замінити файли?",
                      f"У теці «{existing[0].parent}» уже є:\n{names}\n\nЗамінити?",
                      QMessageBox.StandardButton.NoButton, parent)
    replace = box.addButton("&Замінити", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Скасувати", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is replace


def user_key(workspace: Workspace, name: str) -> str:
    return f"{SETTINGS_KEY}{name}/{workspace.user.login}"


def documents_folder() -> str:
    """The user's Documents folder (the home folder where there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or str(Path.home())


def initial_folder(workspace: Workspace, defaults: Any) -> str:
    """The folder this user exported to last; else the department's folder; else the user's Documents."""
    remembered = QSettings().value(user_key(workspace, "folder"))
    if remembered:
        return str(remembered)
    if getattr(defaults, "folder_configured", False):
        return str(defaults.folder)
    return documents_folder()


def offer_open_folder(parent: QWidget, records: list[Any]) -> None:
    """After an export: what was written, and «Відкрити теку» to see it."""
    box = QMessageBox(QMessageBox.Icon.Information, "Експорт", summary(records), QMessageBox.StandardButton.NoButton,
                      parent)
    open_button = box.addButton("Відкрити &теку", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Закрити", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(records[0].path.parent)))


class ExportDialog(QDialog):
    """Exports one approved release; asks before replacing a file and explains every refusal."""

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        release_id: int,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.release_id = release_id
        self.records: list[Any] = []
        self.setObjectName("export_dialog")
        self.setWindowTitle(f"Експорт релізу №{release_id}")
        defaults = workspace.exports.export_defaults()
        stored = QSettings()

        heading = QLabel(f"<b>{escape(title)}</b>" if title else f"Реліз №{release_id}")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText if title else Qt.TextFormat.PlainText)
        note = QLabel("Експортується лише погоджена редакція; її відбиток перевіряється перед записом.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368")

        formats_box = QGroupBox("Формати")
        formats_layout = QVBoxLayout(formats_box)
        chosen = str(stored.value(SETTINGS_KEY + "formats", "pdf")).split(",")
        self.format_boxes: dict[str, QCheckBox] = {}
        for key, label in FORMATS:
            box = QCheckBox(label)
            box.setObjectName(f"format_{key}")
            box.setChecked(key in chosen)
            box.toggled.connect(self._update_state)
            formats_layout.addWidget(box)
            self.format_boxes[key] = box

        copy_box = QGroupBox("Примірник")
        copy_layout = QVBoxLayout(copy_box)
        self.copy_buttons: dict[str, QRadioButton] = {}
        for key, label in COPIES:
            button = QRadioButton(label)
            button.setObjectName(f"copy_{key}")
            # Always the publication first: the visa never reaches the public by a remembered choice.
            button.setChecked(key == "publication")
            copy_layout.addWidget(button)
            self.copy_buttons[key] = button

        self.folder_edit = QLineEdit(initial_folder(workspace, defaults))
        self.folder_edit.setObjectName("folder")
        self.folder_button = QPushButton("&Огляд…")
        self.folder_button.clicked.connect(self.choose_folder)
        self.open_folder_box = QCheckBox("Відкрити &теку після експорту")
        self.open_folder_box.setObjectName("open_folder")
        self.open_folder_box.setChecked(stored.value(SETTINGS_KEY + "open_folder", "false") == "true")

        self.sign_box = QCheckBox("Підписати PDF &електронним підписом (PAdES)")
        self.sign_box.setObjectName("sign")
        self.sign_box.setChecked(bool(defaults.certificate) and stored.value(SETTINGS_KEY + "sign", "true") == "true")
        self.sign_box.toggled.connect(self._update_state)
        self.certificate_edit = QLineEdit(str(stored.value(user_key(workspace, "certificate"), "")
                                              or defaults.certificate))
        self.certificate_edit.setObjectName("certificate")
        self.certificate_edit.setPlaceholderText("файл сертифіката .p12 або .pfx")
        self.certificate_button = QPushButton("О&гляд…")
        self.certificate_button.clicked.connect(self.choose_certificate)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_button = QPushButton("Забути паро&ль")
        self.forget_button.setObjectName("forget_password")
        self.forget_button.setToolTip("Видалити збережений пароль цього сертифіката зі сховища паролів ОС.")
        self.forget_button.clicked.connect(self.forget_password)
        self._show_remembered(defaults.password_remembered)
        self.remember_box = QCheckBox("&Запам'ятати пароль у сховищі ОС")
        self.remember_box.setObjectName("remember_password")
        self.remember_box.setToolTip("Пароль зберігається в системному сховищі (keyring), ніколи у файлах програми.")
        self.sign_group = QWidget()
        sign_form = QFormLayout(self.sign_group)
        sign_form.setContentsMargins(24, 0, 0, 0)
        certificate_label = QLabel("&Сертифікат:")
        certificate_label.setBuddy(self.certificate_edit)
        password_label = QLabel("Па&роль:")
        password_label.setBuddy(self.password_edit)
        sign_form.addRow(certificate_label, _path_row(self.certificate_edit, self.certificate_button))
        sign_form.addRow(password_label, self.password_edit)
        remember_row = QHBoxLayout()
        remember_row.addWidget(self.remember_box)
        remember_row.addWidget(self.forget_button)
        remember_row.addStretch()
        sign_form.addRow("", remember_row)

        place_box = QGroupBox("Куди")
        place_form = QFormLayout(place_box)
        folder_label = QLabel("Те&ка:")
        folder_label.setBuddy(self.folder_edit)
        place_form.addRow(folder_label, _path_row(self.folder_edit, self.folder_button))
        place_form.addRow("", self.open_folder_box)
        sign_box_group = QGroupBox("Підпис")
        sign_layout = QVBoxLayout(sign_box_group)
        sign_layout.addWidget(self.sign_box)
        sign_layout.addWidget(self.sign_group)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 0)  # busy: a release exports in well under a second
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("export_status")
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Експортувати", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("Скасувати", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(formats_box)
        layout.addWidget(copy_box)
        layout.addWidget(place_box)
        layout.addWidget(sign_box_group)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update_state()

    # State.

    def formats(self) -> list[str]:
        return [key for key, box in self.format_boxes.items() if box.isChecked()]

    def copy(self) -> str:
        """«publication» or «office»."""
        return next(key for key, button in self.copy_buttons.items() if button.isChecked())

    def signing(self) -> bool:
        return self.sign_box.isChecked() and self.format_boxes["pdf"].isChecked()

    def _update_state(self) -> None:
        pdf = self.format_boxes["pdf"].isChecked()
        self.sign_box.setEnabled(pdf)
        self.sign_group.setEnabled(self.signing())
        self.export_button.setEnabled(bool(self.formats()))

    def _set_busy(self, busy: bool) -> None:
        for widget in (*self.format_boxes.values(), *self.copy_buttons.values(), self.folder_edit,
                       self.folder_button, self.sign_box, self.open_folder_box, self.export_button):
            widget.setEnabled(not busy)
        self.sign_group.setEnabled(not busy and self.signing())
        self.progress.setVisible(busy)
        if not busy:
            self._update_state()

    # Choosing files.

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Тека для експорту", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Сертифікат підпису", self.certificate_edit.text() or str(Path.home()),
            "Сертифікати PKCS#12 (*.p12 *.pfx);;Усі файли (*)",
        )
        if path:
            self.certificate_edit.setText(path)
            self._show_remembered(self.workspace.exports.certificate_password_remembered(path))

    def forget_password(self) -> None:
        """Removes the kept password of the chosen certificate from the OS keyring."""
        try:
            self.workspace.exports.forget_certificate_password(self.certificate_edit.text())
        except UserError as error:
            QMessageBox.warning(self, "Вісник", str(error))
            return
        self._show_remembered(False)

    def _show_remembered(self, remembered: bool) -> None:
        self.password_remembered = remembered
        self.forget_button.setEnabled(remembered)
        self.password_edit.setPlaceholderText(
            "збережено в сховищі паролів ОС" if remembered else "пароль до сертифіката"
        )

    # Export.

    def start_export(self) -> None:
        """Checks the choices, asks about existing files, then exports off the GUI thread."""
        formats = self.formats()
        if not formats:
            return
        folder = self.folder_edit.text().strip()
        sign = self.signing()
        certificate = self.certificate_edit.text().strip()
        password = self.password_edit.text()
        if sign and not certificate:
            self._refuse("Виберіть файл сертифіката (.p12), щоб підписати PDF.")
            self.certificate_edit.setFocus()
            return
        if sign and not password and not self.workspace.exports.certificate_password_remembered(certificate):
            self._refuse("Введіть пароль до сертифіката.")
            self.password_edit.setFocus()
            return
        try:
            targets = self.workspace.exports.export_targets(self.release_id, formats, folder or None, sign=sign,
                                                    copy=self.copy())
            existing = [path for path in targets if path.exists()]
        except UserError as error:
            self._refuse(str(error))
            return
        overwrite = bool(existing)
        if existing and not ask_replace(self, existing):
            return
        self._remember_choices()
        remember = self.remember_box.isChecked()
        copy = self.copy()
        self._set_busy(True)
        self.status_label.setText("Експорт…")
        self.tasks.run(
            lambda: self.workspace.exports.export(
                self.release_id, formats, folder or None, sign, certificate or None, password or None,
                remember, overwrite, copy,
            ),
            self._finished,
            self._failed,
        )

    def _remember_choices(self) -> None:
        stored = QSettings()
        stored.setValue(SETTINGS_KEY + "formats", ",".join(self.formats()))
        stored.setValue(SETTINGS_KEY + "open_folder", "true" if self.open_folder_box.isChecked() else "false")
        stored.setValue(SETTINGS_KEY + "sign", "true" if self.sign_box.isChecked() else "false")
        # Each user of a shared workstation keeps their own folder and certificate.
        if self.folder_edit.text().strip():
            stored.setValue(user_key(self.workspace, "folder"), self.folder_edit.text().strip())
        if self.certificate_edit.text().strip():
            stored.setValue(user_key(self.workspace, "certificate"), self.certificate_edit.text().strip())

    def _finished(self, records: list[Any]) -> None:
        self._set_busy(False)
        self.records = list(records)
        self.status_label.setText(summary(self.records))
        if self.open_folder_box.isChecked() and self.records:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.records[0].path.parent)))
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.records = list(getattr(error, "records", []))
        message = failure_text(error, "Не вдалося експортувати")
        self.status_label.setText(message)
        self._refuse(message)
        if "пароль" in message.lower():
            self.password_edit.selectAll()
            self.password_edit.setFocus()

    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self, "Експорт", message)


def summary(records: list[Any]) -> str:
    """«Збережено: a.pdf (з підписом), a.docx у теці …»."""
    if not records:
        return ""
    names = ", ".join(f"{r.path.name}{' (з підписом)' if r.signed else ''}" for r in records)
    return f"Збережено: {names} у теці «{records[0].path.parent}»."


def export_release(window: Any, release_id: int | None = None) -> list[Any]:
    """Opens the export dialog for the chosen release of the main window; returns what was written."""
    release_id = release_id if release_id is not None else window.selected_release_id()
    if release_id is None:
        return []
    row = window.model.row_at(window.model.row_of(release_id))
    title = row.title if row is not None else ""
    try:
        dialog = ExportDialog(window.workspace, window.tasks, release_id, title, window)
    except UserError as error:
        window.show_error(error)
        return []
    dialog.exec()
    if dialog.records:
        window.statusBar().showMessage(summary(dialog.records), 15000)
        window.refresh()
        if not dialog.open_folder_box.isChecked():  # the folder opened already otherwise
            offer_open_folder(window, dialog.records)
    return dialog.records

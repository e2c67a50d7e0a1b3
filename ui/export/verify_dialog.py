"""The «verify a PDF» dialog: who signed it, when, whether it is intact, and which release it holds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.tasks import failure_text

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.common.tasks import TaskRunner

GOOD_STYLE = "color: #1e7e34; font-weight: bold; font-size: 12pt"
BAD_STYLE = "color: #b00020; font-weight: bold; font-size: 12pt"
FIELDS = (
    ("signer", "Підписувач:"),
    ("signing_time", "Час підпису:"),
    ("intact", "Цілісність:"),
    ("coverage", "Охоплення:"),
    ("subfilter", "Тип підпису:"),
    ("certified", "Сертифікація:"),
    ("trusted", "Сертифікат:"),
    ("release", "Реліз у базі:"),
)


def _time(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%d.%m.%Y %H:%M:%S")
    except ValueError:
        return value


def describe(data: dict[str, Any]) -> dict[str, str]:
    """The verification result as the dialog's lines, in Ukrainian; an unsigned file has only the release line."""
    dash = "—"
    release = data.get("match_message") or dash
    if not data.get("signed"):
        return {key: dash for key, _ in FIELDS} | {"release": release}
    return {
        "signer": data.get("signer") or dash,
        "signing_time": _time(data.get("signing_time")),
        "intact": "файл не змінено після підписання" if data.get("intact") else "файл ЗМІНЕНО після підписання",
        "coverage": "підпис охоплює весь файл" if data.get("covers_whole_file") else "після підписання щось дописано",
        "subfilter": data.get("subfilter") or dash,
        "certified": "так — змін після підписання не дозволено" if data.get("certified") else "ні",
        "trusted": (
            "з довіреного переліку" if data.get("trusted") else "не з довіреного переліку (напр., самопідписаний)"
        ),
        "release": release,
    }


class VerifyDialog(QDialog):
    """Checks a signed PDF chosen by the user; the check runs off the GUI thread."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.result_data: dict[str, Any] | None = None
        self.setObjectName("verify_dialog")
        self.setWindowTitle("Перевірити підписаний PDF")

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pdf_path")
        self.path_edit.setPlaceholderText("файл PDF")
        self.path_edit.returnPressed.connect(self.start_check)
        browse = QPushButton("&Огляд…")
        browse.clicked.connect(self.choose_file)
        path_label = QLabel("&Файл:")
        path_label.setBuddy(self.path_edit)
        path_row = QHBoxLayout()
        path_row.addWidget(path_label)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.verdict_label = QLabel("Виберіть PDF, щоб перевірити його підпис.")
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, caption in FIELDS:
            label = QLabel("—")
            label.setObjectName(f"verify_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, label)
            self.value_labels[key] = label
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()

        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton("&Перевірити", QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("check_button")
        self.check_button.clicked.connect(self.start_check)
        close = buttons.addButton("Закрити", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(path_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.verdict_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def choose_file(self) -> None:
        start = self.path_edit.text() or str(QSettings().value("verify/folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Підписаний PDF", start, "PDF (*.pdf);;Усі файли (*)")
        if path:
            self.path_edit.setText(path)
            QSettings().setValue("verify/folder", str(Path(path).parent))
            self.start_check()

    def start_check(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            self.choose_file()
            return
        self.check_button.setEnabled(False)
        self.progress.show()
        self.verdict_label.setStyleSheet("")
        self.verdict_label.setText("Перевірка…")
        self.tasks.run(lambda: self.workspace.exports.verify(path), self.show_result, self._failed)

    def show_result(self, data: dict[str, Any]) -> None:
        """Fills the lines; the verdict is green only for a valid signature over an intact file."""
        self.progress.hide()
        self.check_button.setEnabled(True)
        self.result_data = data
        good = bool(data.get("valid") and data.get("intact"))
        self.verdict_label.setStyleSheet(GOOD_STYLE if good else BAD_STYLE)
        self.verdict_label.setText(("✔ " if good else "✘ ") + str(data.get("message", "")))
        for key, text in describe(data).items():
            self.value_labels[key].setText(text)
        matched = data.get("release_id") is not None
        self.value_labels["release"].setStyleSheet("color: #1e7e34" if matched else "color: #b00020")

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.check_button.setEnabled(True)
        message = failure_text(error, "Не вдалося перевірити файл")
        self.verdict_label.setStyleSheet(BAD_STYLE)
        self.verdict_label.setText(message)
        QMessageBox.warning(self, "Перевірка PDF", message)


def open_verify_dialog(window: Any) -> VerifyDialog:
    """Shows the verify dialog from the main window."""
    dialog = VerifyDialog(window.workspace, window.tasks, window)
    dialog.exec()
    return dialog

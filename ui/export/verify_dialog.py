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
    ("chain", "Ланцюжок сертифікатів:"),
    ("signing_time", "Час підпису:"),
    ("timestamp", "Позначка часу:"),
    ("intact", "Цілісність:"),
    ("coverage", "Охоплення:"),
    ("subfilter", "Тип підпису:"),
    ("certified", "Сертифікація:"),
    ("signatures", "Підписів у файлі:"),
    ("trusted", "Сертифікат:"),
    ("release", "Реліз у базі:"),
)


def _time(value: str | None) -> str:
    if not value:
        return "—"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    # verify_file gives Kyiv time with its offset; show it so, offset included.
    offset = moment.strftime("%z")
    return moment.strftime("%d.%m.%Y %H:%M:%S") + (f" (UTC{offset[:3]}:{offset[3:]})" if offset else "")


def _timestamp(last: dict[str, Any], data: dict[str, Any]) -> str:
    if not last.get("timestamp_time"):
        return data.get("timestamp_note") or "немає (PAdES B-B)"
    return f"{last.get('timestamp_authority') or '—'}, PAdES {last.get('level')}"


def _trusted(data: dict[str, Any]) -> str:
    if data.get("trusted") and any(item.get("valid_at_timestamp") for item in data.get("signatures") or []):
        return "з довіреного переліку; був чинним на час позначки часу (зараз строк минув)"
    if data.get("trusted"):
        return "з довіреного переліку"
    problems = [item.get("trust_problem") for item in data.get("signatures") or [] if item.get("trust_problem")]
    return problems[0] if problems else "не з довіреного переліку"


def describe(data: dict[str, Any]) -> dict[str, str]:
    """The verification result as the dialog's lines, in Ukrainian; an unsigned file has only the release line."""
    dash = "—"
    release = data.get("match_message") or dash
    if not data.get("signed"):
        return {key: dash for key, _ in FIELDS} | {"release": release}
    signatures = data.get("signatures") or [{}]
    last = signatures[-1]
    time_text = _time(last.get("signing_time"))
    if last.get("signing_time") and last.get("time_source") != "tsa":
        time_text += " — за словами підписувача"
    if not data.get("covers_whole_file"):
        coverage = "після підписання щось дописано"
    elif not data.get("docmdp_ok", True):
        coverage = "після сертифікації внесено заборонені зміни (DocMDP)"
    else:
        coverage = "підпис охоплює весь файл"
    sound = sum(1 for item in signatures if item.get("sound"))
    return {
        "signer": data.get("signer") or dash,
        "chain": " → ".join(last.get("chain") or []) or dash,
        "signing_time": time_text,
        "timestamp": _timestamp(last, data),
        "intact": "файл не змінено після підписання" if data.get("intact") else "файл ЗМІНЕНО після підписання",
        "coverage": coverage,
        "subfilter": data.get("subfilter") or dash,
        "certified": "так — змін після підписання не дозволено" if data.get("certified") else "ні",
        "signatures": f"{len(signatures)}, бездоганних: {sound}",
        "trusted": _trusted(data),
        "release": release,
    }


class VerifyDialog(QDialog):
    """Checks a signed PDF chosen by the user; the check runs off the GUI thread."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.result_data: dict[str, Any] | None = None
        # Certificates trusted for this dialog's checks, on top of the office's list in the settings.
        self.extra_trust: list[str] = []
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

        trust_button = QPushButton("&Довірений сертифікат…")
        trust_button.setObjectName("trust_button")
        trust_button.setToolTip("Додати сертифікат (PEM або DER) до довірених для цієї перевірки")
        trust_button.clicked.connect(self.choose_trusted_certificate)
        self.trust_label = QLabel("Довірені: перелік із налаштувань")
        self.trust_label.setObjectName("trust_list")
        self.trust_label.setWordWrap(True)
        trust_row = QHBoxLayout()
        trust_row.addWidget(self.trust_label, 1)
        trust_row.addWidget(trust_button)

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
        layout.addLayout(trust_row)
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

    def choose_trusted_certificate(self) -> None:
        """Adds a certificate file to the trusted ones for the checks in this dialog, and checks again."""
        start = str(QSettings().value("verify/trust_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self, "Довірений сертифікат", start, "Сертифікати (*.pem *.crt *.cer *.der);;Усі файли (*)"
        )
        if not path:
            return
        QSettings().setValue("verify/trust_folder", str(Path(path).parent))
        self.extra_trust.append(path)
        names = ", ".join(Path(item).name for item in self.extra_trust)
        self.trust_label.setText(f"Довірені: перелік із налаштувань і {names}")
        if self.path_edit.text().strip():
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
        trusted = tuple(self.extra_trust)
        self.tasks.run(lambda: self.workspace.exports.verify(path, trusted), self.show_result, self._failed)

    def show_result(self, data: dict[str, Any]) -> None:
        """Fills the lines; the verdict is green only for an authentic file (the CLI's exit code 0)."""
        self.progress.hide()
        self.check_button.setEnabled(True)
        self.result_data = data
        good = bool(data.get("authentic"))
        self.verdict_label.setStyleSheet(GOOD_STYLE if good else BAD_STYLE)
        self.verdict_label.setText(("✔ " if good else "✘ ") + str(data.get("reason") or data.get("message", "")))
        for key, text in describe(data).items():
            self.value_labels[key].setText(text)
        matched = bool(data.get("text_matches"))
        self.value_labels["release"].setStyleSheet("color: #1e7e34" if matched else "color: #b00020")
        self.value_labels["trusted"].setStyleSheet("" if data.get("trusted") else "color: #b00020")

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

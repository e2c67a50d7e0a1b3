"""The whole path through the GUI: an author drafts and submits, a supervisor approves, an exporter
exports a signed PDF that verifies; plus the export dialog's refusals, the verify dialog and the PDF preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop import accounts
from desktop.export import signing
from desktop.export.testcert import make_test_certificate
from desktop.export.verify import extract_text, verify_pdf
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workflow import transitions
from desktop.workspace import Workspace
from tests.conftest import TEST_PASSWORD, MemoryKeyring
from tests.core.export_support import needs_poppler
from tests.ui.drafting_support import build_office, complete_event_report, open_main_window
from tests.ui.review_support import status_of
from ui.drafting.release_wizard import ReleaseWizard
from ui.editor.window import open_editor
from ui.export import dialog as export_dialog
from ui.export.dialog import ExportDialog
from ui.export.verify_dialog import VerifyDialog
from ui.review import actions
from ui.shell.main_window import MainWindow
from ui.shell.new_release import start_new_release

CERT_PASSWORD = "пароль-сертифіката"
ADDED_SENTENCE = "Учасники домовилися про спільні проєкти."


@pytest.fixture(autouse=True)
def boxes(message_boxes: dict[str, Any]) -> dict[str, Any]:
    """No message box ever blocks: warnings are recorded, boxes answered «Не зберігати»."""
    return message_boxes


@pytest.fixture
def office(sqlite_database: Database) -> dict[str, Any]:
    """A press officer, a supervisor and an exporter, the directory and the department signature."""
    admin, author = build_office(sqlite_database)
    with sqlite_database.session() as session:
        actor = session.merge(admin)
        supervisor = accounts.add_user(session, actor, "petro", "Петро Коваль", ["supervisor"], TEST_PASSWORD,
                                       "заступник начальника Коростенської РВА")
        exporter = accounts.add_user(session, actor, "iryna", "Ірина Бондар", ["exporter"], TEST_PASSWORD)
    return {"database": sqlite_database, "admin": admin, "author": author, "supervisor": supervisor,
            "exporter": exporter}


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    return make_test_certificate(tmp_path / "department.p12", CERT_PASSWORD)


def main_window_for(qtbot: Any, database: Database, user: User) -> MainWindow:
    return open_main_window(qtbot, Workspace(database, user))


def exporter_window(qtbot: Any, office: dict[str, Any]) -> MainWindow:
    """The exporter's main window with an approved release selected."""
    release_id = approved_release(office)
    window = main_window_for(qtbot, office["database"], office["exporter"])
    window.select_release(release_id)
    return window


def approved_release(office: dict[str, Any]) -> int:
    """A release drafted, submitted and approved through the core (for the dialog's own tests)."""
    database = office["database"]
    workspace = Workspace(database, office["author"])
    release_id = workspace.releases.draft_from_template(
        "blank", {"headline": "Нарада щодо громад", "lead_text": "Перший абзац про громади."}
    )
    with database.session() as session:
        transitions.submit(session, session.merge(office["author"]), release_id)
        transitions.approve(session, session.merge(office["supervisor"]), release_id)
    return release_id


def drive_export(monkeypatch: pytest.MonkeyPatch, folder: Path, certificate: Path | None, password: str,
                 formats: tuple[str, ...] = ("pdf",), remember: bool = False,
                 copy: str = "publication") -> list[ExportDialog]:
    """Makes ExportDialog.exec fill the dialog as a user would (browsing through patched file dialogs)."""
    seen: list[ExportDialog] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(certificate), ""))

    def run(dialog: ExportDialog) -> int:
        seen.append(dialog)
        for key, box in dialog.format_boxes.items():
            box.setChecked(key in formats)
        assert dialog.copy() == "publication"  # the publication is always the starting choice
        dialog.copy_buttons[copy].setChecked(True)
        dialog.folder_button.click()
        dialog.sign_box.setChecked(certificate is not None)
        if certificate is not None:
            dialog.certificate_button.click()
            dialog.password_edit.setText(password)
            dialog.remember_box.setChecked(remember)
        dialog.open_folder_box.setChecked(False)
        dialog.export_button.click()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", run)
    return seen


# The whole path.

@needs_poppler
def test_draft_submit_approve_export_signed_and_verify(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], certificate: Path, tmp_path: Path,
    boxes: dict[str, Any], memory_keyring: MemoryKeyring,
) -> None:
    database = office["database"]

    # The press officer drafts from the event-report template and adds a sentence in the editor.
    author_window = main_window_for(qtbot, database, office["author"])

    monkeypatch.setattr(ReleaseWizard, "exec", complete_event_report)
    release_id = start_new_release(author_window)
    assert release_id is not None
    editor = author_window.editor_windows[release_id]
    cursor = editor.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    cursor.insertText(ADDED_SENTENCE)
    editor.review.actions.submit.trigger()
    assert status_of(database, release_id) == "in_review"
    # The author may not export, not even an approved release later: the button is not there for them.
    assert not author_window.actions_.export.isEnabled()

    # The supervisor approves from the main window.
    supervisor_window = main_window_for(qtbot, database, office["supervisor"])
    monkeypatch.setattr(actions, "confirm", lambda *_args: True)
    supervisor_window.refresh()
    supervisor_window.select_release(release_id)
    assert supervisor_window.actions_.review.approve.isEnabled()
    assert not supervisor_window.actions_.export.isEnabled()
    supervisor_window.actions_.review.approve.trigger()
    assert status_of(database, release_id) == "approved"

    # The exporter exports a signed PDF through the dialog (Ctrl+E on the selected release).
    exporter_window = main_window_for(qtbot, database, office["exporter"])
    exporter_window.select_release(release_id)
    assert exporter_window.actions_.export.isEnabled()
    assert exporter_window.actions_.export.shortcut().toString() == "Ctrl+E"
    folder = tmp_path / "published"
    folder.mkdir()
    dialogs = drive_export(monkeypatch, folder, certificate, CERT_PASSWORD, ("pdf", "docx"), remember=True)
    exporter_window.actions_.export.trigger()

    assert boxes["warnings"] == []
    (dialog,) = dialogs
    written = {record.format: record for record in dialog.records}
    assert sorted(written) == ["docx", "pdf"]
    pdf = written["pdf"].path
    assert pdf.parent == folder and pdf.name.startswith("2023-04-20-")
    assert written["pdf"].signed and not written["docx"].signed
    assert "Збережено" in exporter_window.statusBar().currentMessage()
    assert list(memory_keyring.saved.values()) == [CERT_PASSWORD]

    # The file verifies: a valid PAdES signature over the whole, unchanged file, and the release's text.
    result = verify_pdf(pdf)
    assert result.valid and result.intact and result.subfilter == "ETSI.CAdES.detached"
    assert ADDED_SENTENCE in " ".join((result.text or "").split())
    checked = Workspace(database, office["exporter"]).exports.verify(pdf)
    assert checked["release_id"] == release_id and checked["text_matches"]
    with database.session() as session:
        from desktop.cli.releases import history_json

        exported = history_json(session, release_id)["exports"]
    assert sorted((x["format"], x["signed"], x["user"]) for x in exported) == [
        ("docx", False, "Ірина Бондар"), ("pdf", True, "Ірина Бондар"),
    ]


# The export dialog's refusals.

def test_a_wrong_password_is_explained_and_nothing_is_written(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], certificate: Path, tmp_path: Path,
    boxes: dict[str, Any], memory_keyring: MemoryKeyring,
) -> None:
    window = exporter_window(qtbot, office)
    folder = tmp_path / "out"
    folder.mkdir()
    dialogs = drive_export(monkeypatch, folder, certificate, "не той пароль", remember=True)
    window.actions_.export.trigger()
    assert boxes["warnings"] == ["Неправильний пароль до сертифіката або пошкоджений файл PKCS#12."]
    assert dialogs[0].records == [] and dialogs[0].password_edit.hasSelectedText()
    assert list(folder.iterdir()) == []
    assert memory_keyring.saved == {}


def test_the_dialog_exports_the_office_copy_with_the_visa_beside_the_publication(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], tmp_path: Path,
) -> None:
    window = exporter_window(qtbot, office)
    folder = tmp_path / "out"
    folder.mkdir()
    drive_export(monkeypatch, folder, None, "", ("html",))
    window.actions_.export.trigger()
    drive_export(monkeypatch, folder, None, "", ("html",), copy="office")
    window.actions_.export.trigger()
    files = sorted(folder.iterdir())
    assert len(files) == 2
    office_copy = next(path for path in files if "службовий" in path.name)
    publication = next(path for path in files if "службовий" not in path.name)
    assert "ПОГОДЖЕНО" in office_copy.read_text(encoding="utf-8")
    assert "ПОГОДЖЕНО" not in publication.read_text(encoding="utf-8")


def test_an_existing_file_is_replaced_only_after_asking(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], tmp_path: Path,
    boxes: dict[str, Any],
) -> None:
    window = exporter_window(qtbot, office)
    folder = tmp_path / "out"
    folder.mkdir()
    drive_export(monkeypatch, folder, None, "", ("txt",))
    window.actions_.export.trigger()
    (target,) = folder.iterdir()
    target.write_text("правка вручну", encoding="utf-8")

    asked: list[list[str]] = []
    answer = {"replace": False}

    def ask(_parent: Any, existing: list[Path]) -> bool:
        asked.append([path.name for path in existing])
        return answer["replace"]

    monkeypatch.setattr(export_dialog, "ask_replace", ask)
    window.actions_.export.trigger()
    assert asked == [[target.name]]
    assert target.read_text(encoding="utf-8") == "правка вручну"
    answer["replace"] = True
    window.actions_.export.trigger()
    assert target.read_text(encoding="utf-8") != "правка вручну"
    assert boxes["warnings"] == []


def test_an_unwritable_folder_is_explained(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], tmp_path: Path,
    boxes: dict[str, Any],
) -> None:
    window = exporter_window(qtbot, office)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    drive_export(monkeypatch, blocked / "sub", None, "", ("docx",))
    window.actions_.export.trigger()
    assert boxes["warnings"] == [
        f"Не вдалося створити теку «{blocked / 'sub'}». Перевірте шлях і права доступу або оберіть іншу теку."
    ]


# Verify and preview.

@needs_poppler
def test_the_verify_dialog_names_signer_type_and_release(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], certificate: Path, tmp_path: Path,
) -> None:
    release_id = approved_release(office)
    workspace = Workspace(office["database"], office["exporter"])
    (record,) = workspace.exports.export(release_id, ["pdf"], tmp_path / "out", True, certificate, CERT_PASSWORD)
    window = main_window_for(qtbot, office["database"], office["exporter"])
    shown: list[VerifyDialog] = []

    def run(dialog: VerifyDialog) -> int:
        shown.append(dialog)
        dialog.choose_file()  # «Огляд…», then the check starts by itself
        return 0

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(record.path), ""))
    monkeypatch.setattr(VerifyDialog, "exec", run)
    window.actions_.verify_pdf.trigger()
    (dialog,) = shown
    # The self-made certificate is not on the office's trust list: the same verdict as `verify`'s exit 1.
    assert dialog.verdict_label.text() == "✘ Файл не справжній: підписувач не входить до довірених."
    assert dialog.value_labels["trusted"].text() == "підписувач не входить до довірених"
    assert "PAdES B-B" in dialog.value_labels["timestamp"].text()

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, own, _extra = pkcs12.load_key_and_certificates(certificate.read_bytes(), CERT_PASSWORD.encode("utf-8"))
    pem = tmp_path / "trusted.pem"
    pem.write_bytes(own.public_bytes(serialization.Encoding.PEM))
    # «Довірений сертифікат…» adds it for this dialog's checks and checks again, like `verify --trust`.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(pem), ""))
    dialog.findChild(QPushButton, "trust_button").click()
    assert "trusted.pem" in dialog.trust_label.text()
    assert dialog.verdict_label.text().startswith("✔ Файл справжній")
    assert dialog.value_labels["trusted"].text() == "з довіреного переліку"
    assert dialog.value_labels["chain"].text() == "Тестовий підписувач"
    assert dialog.value_labels["signer"].text() == "Тестовий підписувач"
    assert dialog.value_labels["subfilter"].text() == "ETSI.CAdES.detached"
    assert dialog.value_labels["intact"].text() == "файл не змінено після підписання"
    assert f"№{release_id}" in dialog.value_labels["release"].text()

    data = bytearray(record.path.read_bytes())
    data[len(data) // 3] ^= 0x20
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    dialog.path_edit.setText(str(altered))
    dialog.check_button.click()
    assert dialog.verdict_label.text().startswith("✘")


@needs_poppler
def test_the_editor_previews_its_unsaved_text_as_the_exported_pdf(
    qtbot: Any, office: dict[str, Any],
) -> None:
    workspace = Workspace(office["database"], office["author"])
    release_id = workspace.releases.draft_from_template(
        "blank", {"headline": "Нарада щодо громад", "lead_text": "Перший абзац про громади."}
    )
    window = main_window_for(qtbot, office["database"], office["author"])
    editor = open_editor(window, release_id)
    assert editor is not None
    cursor = editor.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" Ще не збережене речення.")
    assert editor.is_dirty()
    editor.actions_.pdf_preview.trigger()
    preview = editor.pdf_preview
    assert preview.isVisible() and preview.page_count == 1
    if preview.document is None:  # the pdftoppm pages, without QtPdf
        assert len(preview.view.labels) == 1 and not preview.view.labels[0].pixmap().isNull()
    text = " ".join((extract_text(preview.data) or "").split())
    assert "Ще не збережене речення." in text
    assert "Відділ інформаційної діяльності" in text
    preview.close()


def test_a_remembered_password_signs_without_asking_again(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, office: dict[str, Any], certificate: Path, tmp_path: Path,
    boxes: dict[str, Any], memory_keyring: MemoryKeyring,
) -> None:
    release_id = approved_release(office)
    with office["database"].session() as session:
        from desktop import settings

        settings.set_value(session, session.merge(office["admin"]), "export.certificate", str(certificate))
    signing.remember_password(certificate, CERT_PASSWORD)
    window = main_window_for(qtbot, office["database"], office["exporter"])
    window.select_release(release_id)
    folder = tmp_path / "out"
    folder.mkdir()
    dialogs = drive_export(monkeypatch, folder, certificate, "")
    window.actions_.export.trigger()
    (dialog,) = dialogs
    assert dialog.certificate_edit.text() == str(certificate)
    assert "збережено" in dialog.password_edit.placeholderText()
    assert boxes["warnings"] == []
    assert [(record.format, record.signed) for record in dialog.records] == [("pdf", True)]


def test_forget_password_removes_the_remembered_one_from_the_keyring(
    qtbot: Any, office: dict[str, Any], certificate: Path, memory_keyring: MemoryKeyring,
) -> None:
    with office["database"].session() as session:
        from desktop import settings

        settings.set_value(session, session.merge(office["admin"]), "export.certificate", str(certificate))
    signing.remember_password(certificate, CERT_PASSWORD)
    window = exporter_window(qtbot, office)
    dialog = ExportDialog(window.workspace, approved_release(office), window)
    qtbot.addWidget(dialog)
    assert dialog.forget_button.isEnabled()
    dialog.forget_button.click()
    assert signing.stored_password(certificate) is None
    assert not dialog.forget_button.isEnabled() and "збережено" not in dialog.password_edit.placeholderText()

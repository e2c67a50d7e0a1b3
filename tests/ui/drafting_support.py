"""An office for the drafting UI tests (users, two officials, the department signature), the main window,
the event-report wizard filled in, and typing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from desktop import accounts, settings
from desktop.directory import officials as directory
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workspace import Workspace
from tests.conftest import TEST_PASSWORD
from ui.common.tasks import TaskRunner
from ui.drafting.release_wizard import ReleaseWizard
from ui.shell.main_window import MainWindow

RVA = "Коростенської районної військової адміністрації"
SIGNATURE = f"Відділ інформаційної діяльності та комунікацій з громадськістю\n{RVA}"


def build_office(database: Database) -> tuple[User, User]:
    """An administrator and a press officer, Юрій Тарасюк and Олена Харченко in the directory, a signature."""
    with database.session() as session:
        admin = accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)
        author = accounts.add_user(session, admin, "author", "Прес-офіцер Тестовий", ["author"], TEST_PASSWORD)
        directory.add_official(session, admin, surname="Тарасюк", given_name="Юрій", gender="masculine",
                               position=f"начальник {RVA}", organization=RVA, precedence=1)
        directory.add_official(session, admin, surname="Харченко", given_name="Олена", gender="feminine",
                               position="заступниця голови Коростенської районної ради",
                               organization="Коростенська районна рада", precedence=5)
        settings.set_value(session, admin, "department.signature", SIGNATURE)
    return admin, author


def type_text(widget: QWidget, text: str) -> None:
    """Types text key by key (QTest only knows ASCII keys; Ukrainian needs the text of the event)."""
    for char in text:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def open_main_window(qtbot: Any, workspace: Workspace) -> MainWindow:
    """The main window of the workspace, shown and exposed."""
    window = MainWindow(workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def fill_event_report(wizard: ReleaseWizard, participants: str = "Юрій Тарасюк; Олена Харченко") -> None:
    """Chooses the event-report template and fills its fields (the forum in Korosten on 20 April 2023)."""
    wizard.template_page.select("event_report")
    wizard.next()
    form = wizard.fields_page.form
    form.inputs["event_name"].setText("Форум громад Житомирщини")
    form.inputs["event_date"].setDate(QDate(2023, 4, 20))
    form.inputs["place"].setText("у Коростені")
    form.inputs["participants"].line.setText(participants)
    form.inputs["topics"].setPlainText("відновлення громад\nпідтримку ветеранів")


def complete_event_report(wizard: ReleaseWizard) -> int:
    """Stands in for ReleaseWizard.exec: the event report filled in and finished, without a modal loop."""
    wizard.restart()  # what exec() does first; the modal loop itself is not needed here
    fill_event_report(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    return wizard.result()

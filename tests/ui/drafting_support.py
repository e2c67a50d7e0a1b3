"""An office for the drafting UI tests: users, two officials, the department signature."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop import accounts, directory, settings
from desktop.storage.engine import Database
from desktop.storage.models import User
from tests.conftest import TEST_PASSWORD

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

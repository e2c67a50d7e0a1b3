"""Officials for the directory GUI tests, seeded through the core on SQLite, and typing on a Ukrainian layout."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop import accounts
from desktop.directory import groups
from desktop.directory import officials as directory
from desktop.storage.engine import Database
from desktop.workspace import Workspace, log_in
from tests.conftest import TEST_PASSWORD

OFFICIALS = {
    "Тарасюк": dict(surname="Тарасюк", given_name="Юрій", patronymic="Миколайович",
                    position="начальник Коростенської районної військової адміністрації",
                    short_position="начальник Коростенської РВА", organization="Коростенська РВА", precedence=10),
    "Харченко": dict(surname="Харченко", given_name="Олена", patronymic="Петрівна",
                     position="заступниця голови Житомирської обласної ради",
                     organization="Житомирська обласна рада", precedence=20),
    "Кириченко": dict(surname="Кириченко", given_name="Сергій",
                      position="заступник начальника Коростенської районної військової адміністрації",
                      organization="Коростенська РВА", precedence=21),
    "Бондар": dict(surname="Бондар", given_name="Наталія", patronymic="Іванівна",
                   position="голова Коростенської міської ради", organization="Коростенська міська рада",
                   precedence=30),
    "Мельник": dict(surname="Мельник", given_name="Андрій", position="директор департаменту освіти і науки",
                    organization="Житомирська обласна військова адміністрація", precedence=40),
}
GROUP = "голови територіальних громад Коростенського району"


def seed_directory(database: Database) -> dict[str, int]:
    """An administrator and an author, five officials and one group; returns surname → official id."""
    with database.session() as session:
        admin = accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)
    with database.session() as session:
        actor = session.merge(admin)
        accounts.add_user(session, actor, "author", "Прес-офіцер Тестовий", ["author"], TEST_PASSWORD)
        ids = {key: directory.add_official(session, actor, **values).id for key, values in OFFICIALS.items()}
        groups.add_group(session, actor, GROUP, 100)
    return ids


def workspace_of(database: Database, login: str) -> Workspace:
    """The workspace a user gets by logging in."""
    return log_in(database, login, TEST_PASSWORD)


def type_keys(target: QWidget | Callable[[], QWidget], text: str) -> None:
    """Text typed key by key on a Ukrainian layout (QTest.keyClicks knows only ASCII), into the widget,
    or, given a function, into the widget it returns for each key (such as the one with the focus)."""
    for char in text:
        widget = target if isinstance(target, QWidget) else target()
        code = Qt.Key.Key_Space if char == " " else Qt.Key(ord(char.upper()))
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, code, char, Qt.KeyboardModifier.NoModifier)

"""Demo data: users, the reference release's officials and a few releases in each state."""

from __future__ import annotations

import os
import secrets

from desktop import accounts, settings
from desktop.storage.engine import Database

DEMO_USERS = (
    ("admin", "Андрій Коваль", "адміністратор системи", ["admin"]),
    ("olena", "Олена Мельник", "головний спеціаліст відділу", ["author"]),
    ("petro", "Петро Савчук", "начальник відділу інформаційної діяльності", ["supervisor", "author"]),
    ("iryna", "Ірина Бондар", "провідний спеціаліст відділу", ["exporter"]),
)
DEMO_AUTHOR = "olena"
DEMO_SIGNATURE = (
    "Відділ інформаційної діяльності та комунікацій з громадськістю\n"
    "Коростенської районної військової адміністрації"
)
DEMO_ORGANISATION = "Коростенська районна військова адміністрація"


def demo_password() -> str:
    """VISNYK_NEW_PASSWORD when set, otherwise a fresh random one: no fixed password anywhere."""
    return os.environ.get("VISNYK_NEW_PASSWORD") or secrets.token_urlsafe(9)


def fill_demo(database: Database, password: str | None = None) -> tuple[dict[str, str], str]:
    """Fills an empty database; returns {login: role names} and the demo users' password."""
    password = password or demo_password()
    logins: dict[str, str] = {}
    with database.session() as session:
        login, name, position, roles = DEMO_USERS[0]
        admin = accounts.create_first_admin(session, login, name, password, position)
        admin.roles = " ".join(roles)
        for login, name, position, roles in DEMO_USERS[1:]:
            accounts.add_user(session, admin, login, name, roles, password, position)
        for login, _name, _position, roles in DEMO_USERS:
            logins[login] = ", ".join(accounts.ROLE_LABELS[role] for role in roles)
        settings.set_value(session, admin, "organisation.name", DEMO_ORGANISATION)
        settings.set_value(session, admin, "department.signature", DEMO_SIGNATURE)
        settings.set_value(session, admin, "organisation.place", "м. Коростень")
    from desktop.demo.content import fill_demo_content

    fill_demo_content(database)
    return logins, password

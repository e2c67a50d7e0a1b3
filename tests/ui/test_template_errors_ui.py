"""The new-release wizard lists the office templates that failed to load, with file, line and reason."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.paths import user_templates_dir
from desktop.workspace import Workspace
from tests.ui.drafting_support import build_office
from ui.drafting.release_wizard import ReleaseWizard

HOSTILE = '''name = "Ворожий"
title = "{{ headline }}"
body = """
paragraph: {{ headline.__class__.__mro__ }}
"""

[[fields]]
name = "headline"
label = "Заголовок"
'''


def test_the_wizard_names_a_hostile_template_and_offers_the_others(qtbot, sqlite_database) -> None:
    (user_templates_dir() / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    (user_templates_dir() / "order.toml").write_text('order = "abc"\n' + HOSTILE.replace("__class__.__mro__", "strip()"),
                                                     encoding="utf-8")
    _admin, author = build_office(sqlite_database)
    wizard = ReleaseWizard(Workspace(sqlite_database, author))
    qtbot.addWidget(wizard)
    listed = [wizard.template_page.template_list.item(row).text()
              for row in range(wizard.template_page.template_list.count())]
    assert "Порожній реліз" in listed and "Ворожий" not in listed
    errors = wizard.template_page.findChild(QLabel, "template_errors").text()
    assert "hostile.toml:4:" in errors and "__class__" in errors
    assert "order.toml:1:" in errors

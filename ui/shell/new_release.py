"""A new release from the main window: the wizard, then the draft in the editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.errors import UserError
from ui.drafting.release_wizard import ReleaseWizard
from ui.editor.window import open_editor


def start_new_release(window: Any) -> int | None:
    """Runs the wizard from the main window; the new draft opens in the editor."""
    try:
        wizard = ReleaseWizard(window.workspace, window)
    except UserError as error:
        QMessageBox.warning(window, "Вісник", str(error))
        return None
    if not wizard.exec() or wizard.release_id is None:
        return None
    window.refresh()
    if hasattr(window, "select_release"):
        window.select_release(wizard.release_id)
    open_editor(window, wizard.release_id)
    return wizard.release_id

"""The question asked when a release changed in the database while it was being edited."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

RELOAD = "reload"
KEEP_MINE = "keep_mine"


class ConflictDialog(QMessageBox):
    """Says where the user's text was kept and offers the newest text or the user's own."""

    def __init__(self, release_id: int, revision_number: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Реліз змінено іншим користувачем")
        kept = (
            f"Ваш текст не втрачено: його збережено як редакцію №{revision_number}."
            if revision_number is not None
            else "Ваш текст не втрачено: він лишається у вікні редактора."
        )
        self.setText(f"Поки ви редагували реліз №{release_id}, його змінив інший користувач.")
        self.setInformativeText(
            f"{kept}\n\nМожна завантажити найновіший текст із бази (ваша редакція лишиться в історії) "
            "або зберегти ваш текст поверх нього як нову редакцію."
        )
        self.reload_button = self.addButton("Завантажити найновіший текст", QMessageBox.ButtonRole.AcceptRole)
        self.keep_button = self.addButton("Залишити мій текст як нову редакцію", QMessageBox.ButtonRole.ActionRole)
        self.setDefaultButton(self.reload_button)
        self.setEscapeButton(self.reload_button)

    def choice(self) -> str:
        """RELOAD or KEEP_MINE, after exec()."""
        return KEEP_MINE if self.clickedButton() is self.keep_button else RELOAD

"""The main window's actions, menus and toolbar, and what each action does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QStyle, QToolBar, QToolButton

from desktop import __version__
from ui.review.actions import MainReviewActions

SWITCH_USER_SHORTCUT = "Ctrl+Shift+L"

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.shell.main_window import MainWindow


class MainActions:
    """Builds the menus and toolbar of a MainWindow and keeps their enabled state current."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        style = window.style()
        icon = style.standardIcon
        pixmap = QStyle.StandardPixmap

        self.new_release = self._action("&Новий реліз…", QKeySequence.StandardKey.New, self.create_release,
                                        icon(pixmap.SP_FileIcon))
        self.open = self._action("&Відкрити", QKeySequence.StandardKey.Open, window.open_selected,
                                 icon(pixmap.SP_DialogOpenButton))
        self.print_ = self._action("&Друк…", QKeySequence.StandardKey.Print, self.print_release)
        self.print_.setToolTip("Надрукувати реліз так, як його розкладе експорт у PDF (Ctrl+P)")
        self.refresh = self._action("&Оновити", QKeySequence.StandardKey.Refresh, window.refresh,
                                    icon(pixmap.SP_BrowserReload))
        self.switch_user = self._action("&Змінити користувача…", QKeySequence(SWITCH_USER_SHORTCUT),
                                        window.switch_user)
        self.switch_user.setToolTip("Передати робоче місце іншому користувачеві без перезапуску (Ctrl+Shift+L)")
        self.log_out = self._action("Ви&йти з облікового запису", None, window.log_out)
        self.quit = self._action("За&вершити роботу", QKeySequence("Ctrl+Q"), window.close)
        self.settings = self._action("&Налаштування відділу…", QKeySequence.StandardKey.Preferences,
                                     self.edit_settings)
        self.users = self._action("&Користувачі…", None, self.edit_users)
        self.directory = self._action("&Довідник посадовців…", QKeySequence("Ctrl+Shift+D"), self.open_directory,
                                      icon(pixmap.SP_FileDialogContentsView))
        self.guide = self._action("&Посібник…", QKeySequence.StandardKey.HelpContents, self.show_guide)
        self.shortcuts = self._action("&Клавіатурні скорочення…", None, self.show_shortcuts)
        self.first_steps = self._action("П&ерші кроки…", None, self.show_first_steps)
        self.about = self._action("&Про програму", None, self.show_about)
        self.export = self._action("&Експорт…", QKeySequence("Ctrl+E"), self.export_release,
                                   icon(pixmap.SP_DialogSaveButton))
        self.export.setToolTip("Експортувати погоджений реліз у DOCX, PDF (з підписом), HTML або текст (Ctrl+E)")
        self.verify_pdf = self._action("Перевірити &PDF…", None, self.open_verify_dialog)

        menu = window.menuBar()
        file_menu = menu.addMenu("&Файл")
        file_menu.addActions([self.new_release, self.open, self.print_])
        file_menu.addSeparator()
        file_menu.addActions([self.switch_user, self.log_out])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.release_menu = menu.addMenu("&Реліз")
        self.release_menu.addAction(self.refresh)
        self.tools_menu = menu.addMenu("&Сервіс")
        self.tools_menu.addActions([self.directory, self.settings, self.users])
        help_menu = menu.addMenu("&Довідка")
        help_menu.addActions([self.guide, self.shortcuts, self.first_steps])
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        # Work without a logged-in user: leaving, and reading the help.
        self.always_enabled = {self.quit, self.about, self.guide, self.shortcuts}

        self.toolbar = QToolBar("Основні дії")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.new_release, self.open, self.refresh, self.directory])
        window.addToolBar(self.toolbar)
        self.review = MainReviewActions(window).install(self.release_menu, self.toolbar, self.tools_menu)
        self.release_menu.addSeparator()
        self.release_menu.addAction(self.export)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export)
        # The exporter's one action is named on its button, like the workflow moves beside it.
        export_button = self.toolbar.widgetForAction(self.export)
        if isinstance(export_button, QToolButton):
            export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tools_menu.addAction(self.verify_pdf)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self.update_enabled())

    @property
    def workspace(self) -> Workspace:
        assert self.window.workspace is not None, "actions run only once a user is logged in"
        return self.window.workspace

    def _action(self, text: str, shortcut: object, slot: object, icon: object = None) -> QAction:
        action = QAction(text, self.window)
        if icon is not None:
            action.setIcon(icon)  # type: ignore[arg-type]
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def own_actions(self) -> list[QAction]:
        """This window's actions only: an editor window is a child too, and its actions are its own."""
        options = Qt.FindChildOption.FindDirectChildrenOnly
        return [action for action in self.window.findChildren(QAction, options=options) if action.menu() is None]

    def update_enabled(self) -> None:
        """Every action on a release is enabled exactly when the core's allowed_actions allows it."""
        logged_in = self.window.workspace is not None
        for action in self.own_actions():
            action.setEnabled(logged_in or action in self.always_enabled)
        if not logged_in:
            self.review.apply(set())
            return
        selected = self.window.selected_release_id() is not None
        self.open.setEnabled(selected)
        self.new_release.setEnabled(self.workspace.has_role("author") or self.workspace.has_role("supervisor"))
        is_admin = self.workspace.has_role("admin")
        self.settings.setEnabled(is_admin)
        self.users.setEnabled(is_admin)
        self.first_steps.setEnabled(is_admin)
        self.review.update_enabled()
        allowed = self.review.allowed
        self.export.setEnabled("export" in allowed)
        self.print_.setEnabled("read" in allowed)

    # Handlers.

    def create_release(self) -> None:
        from ui.shell.new_release import start_new_release

        start_new_release(self.window)

    def open_release(self, release_id: int) -> None:
        from ui.editor.window import open_editor

        open_editor(self.window, release_id)

    def export_release(self) -> None:
        from ui.export.dialog import export_release

        export_release(self.window)

    def open_verify_dialog(self) -> None:
        from ui.export.verify_dialog import open_verify_dialog

        open_verify_dialog(self.window)

    def edit_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        if SettingsDialog(self.workspace, self.window).exec():
            self.window.statusBar().showMessage("Налаштування збережено.", 5000)

    def open_directory(self) -> None:
        from ui.directory.window import open_directory_window

        open_directory_window(self.window)

    def edit_users(self) -> None:
        from ui.shell.users_dialog import UsersDialog

        UsersDialog(self.workspace, self.window).exec()

    def print_release(self) -> None:
        from ui.export.printing import print_release

        release_id = self.window.selected_release_id()
        if release_id is not None:
            print_release(self.window, self.workspace, release_id)

    def show_guide(self) -> None:
        from ui.shell.help import show_guide

        show_guide(self.window)

    def show_shortcuts(self) -> None:
        from ui.shell.help import show_shortcuts

        show_shortcuts(self.window)

    def show_first_steps(self) -> None:
        from ui.shell.help import FirstStepsDialog

        FirstStepsDialog(self.window).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            "Про програму",
            f"<b>Вісник</b> {__version__}<br>Підготовка, вичитка, погодження та оприлюднення "
            "прес-релізів органу влади.",
        )

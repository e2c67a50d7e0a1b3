"""Starting the GUI: the database, the first administrator or a login, then the main window."""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.errors import DamagedDatabase, UserError

if TYPE_CHECKING:
    from desktop.storage.engine import Database
    from desktop.workspace import Workspace
    from ui.shell.main_window import MainWindow

SCREENSHOT_DELAY_MS = 300
# The daily copy of an SQLite database waits until the start-up work is over.
BACKUP_DELAY_MS = 10_000


def make_application() -> QApplication:
    """The one QApplication, named so that QSettings finds its place."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Visnyk")
    app.setOrganizationName("Visnyk")
    app.setApplicationDisplayName("Вісник")
    _install_ukrainian_translation(app)
    return app


def _install_ukrainian_translation(app: QApplication) -> None:
    """Qt's own texts (standard buttons, file dialogs, context menus) in Ukrainian."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Ukrainian, QLocale.Country.Ukraine))
    translator = QTranslator(app)
    if translator.load("qtbase_uk", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def _demo_workspace(args: argparse.Namespace, parent: QWidget) -> Workspace | None:
    """A temporary demo database (or --database), filled and logged in as the demo author."""
    from desktop import workspace
    from desktop.demo.seed import DEMO_AUTHOR, fill_demo

    url = args.database
    folder: Path | None = None
    if not url:
        folder = Path(tempfile.mkdtemp(prefix="visnyk-demo-"))
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
    database = workspace.open_database(url)
    if folder is not None:
        remove_on_exit(database, folder)
    if workspace.needs_first_admin(database):
        _logins, password = fill_demo(database)
        return workspace.log_in(database, args.acting_login or DEMO_AUTHOR, password)
    # A database that already holds data: log in as anybody would.
    return _log_in(database, args.acting_login or DEMO_AUTHOR, parent)


def remove_on_exit(database: Database, folder: Path) -> None:
    """The demo's temporary folder goes when the program ends: nothing of a demo stays on the disk."""

    def remove() -> None:
        database.dispose()
        shutil.rmtree(folder, ignore_errors=True)

    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(remove)
    atexit.register(remove)  # also when the program ends without the event loop's goodbye


def _log_in(database: Database, login: str, parent: QWidget) -> Workspace | None:
    """With --as and VISNYK_PASSWORD set, no dialog; otherwise the login dialog."""
    from desktop import workspace
    from ui.shell.login_dialog import LoginDialog

    password = os.environ.get("VISNYK_PASSWORD")
    if login and password is not None:
        return workspace.log_in(database, login, password)
    dialog = LoginDialog(database, login, parent)
    return dialog.workspace if dialog.exec() else None


def _interactive_workspace(args: argparse.Namespace, parent: QWidget) -> Workspace | None:
    from desktop import workspace
    from ui.shell.login_dialog import FirstAdminDialog

    database = workspace.open_database(args.database)
    if workspace.needs_first_admin(database):
        # The administrator just typed the password: logged in at once, then shown the first steps.
        dialog = FirstAdminDialog(database, parent)
        if not dialog.exec():
            return None
        QTimer.singleShot(0, parent.actions_.show_first_steps)  # type: ignore[attr-defined]
        return dialog.workspace
    return _log_in(database, args.acting_login or "", parent)


def run(args: argparse.Namespace, started_at: float | None = None) -> int:
    """Shows the main window at once, then opens the database and logs in over it."""
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    from ui.shell.main_window import MainWindow

    window = MainWindow()
    _show_failures_as_one_line(window)
    if args.screenshot:
        window.resize(1180, 720)  # the same picture whatever size the window had last time
    window.show()
    window.repaint()
    painted = time.time()
    # The core (SQLAlchemy, the language tools) loads after the first paint, so the window is there
    # in a fraction of a second and the login dialog or the list follows.
    QTimer.singleShot(0, lambda: _connect(window, args, started_at or painted, painted))
    return app.exec()


def _show_failures_as_one_line(window: QWidget) -> None:
    """An error that escapes a slot (a locked or full database mid-edit) is one line in a box, not a traceback."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        from desktop.workspace import describe_failure

        text = describe_failure(error) if isinstance(error, Exception) else None
        if text is None:
            previous(kind, error, trace)  # type: ignore[arg-type]
            return
        print(f"Помилка: {text}", file=sys.stderr)
        if shiboken6.isValid(window) and not os.environ.get("VISNYK_BENCH_STARTUP"):
            QMessageBox.warning(window, "Вісник", text)

    sys.excepthook = hook


def _connect(window: MainWindow, args: argparse.Namespace, started_at: float, painted: float) -> None:
    app = QApplication.instance()
    headless = bool(args.screenshot or os.environ.get("VISNYK_BENCH_STARTUP"))
    try:
        user_workspace = _demo_workspace(args, window) if args.demo else _interactive_workspace(args, window)
    except UserError as error:
        # A damaged database may have a newest copy to restore; with it in place, connect again.
        if (isinstance(error, DamagedDatabase) and not headless and error.backup is not None
                and _restore_from_backup(window, error)):
            QTimer.singleShot(0, lambda: _connect(window, args, started_at, painted))
            return
        print(f"Помилка: {error}", file=sys.stderr)
        if not headless:
            QMessageBox.critical(window, "Вісник", str(error))
        app.exit(2)  # type: ignore[union-attr]
        return
    if user_workspace is None:
        app.quit()  # type: ignore[union-attr]
        return
    window.attach(user_workspace)
    if not headless and not args.demo:
        QTimer.singleShot(BACKUP_DELAY_MS, lambda: _daily_backup(window, user_workspace))
    if args.screenshot:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: _save_screenshot(window, args.screenshot))
    if os.environ.get("VISNYK_BENCH_STARTUP"):
        QTimer.singleShot(0, lambda: _report_startup(window, started_at, painted))


def _restore_from_backup(window: QWidget, error: DamagedDatabase) -> bool:
    """Offers the newest copy of a damaged database; True when it was put in place."""
    from desktop import workspace

    label = error.backup.label()  # type: ignore[attr-defined]
    answer = QMessageBox.question(
        window, "Вісник",
        f"{error}\n\nВідновити базу з резервної копії від {label}? Зміни, зроблені після неї, "
        "залишаться в пошкодженому файлі: його буде збережено поруч, нічого не видаляється.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        kept = workspace.restore_database(error.url)
    except UserError as failure:
        QMessageBox.critical(window, "Вісник", str(failure))
        return False
    QMessageBox.information(window, "Вісник", f"Базу відновлено з копії від {label}. Пошкоджений файл: {kept}\n\n"
                            "Увійти до пошкодженої бази було неможливо, тож відновлення записано в журнал "
                            "аудиту без імені користувача.")
    return True


def _daily_backup(window: MainWindow, user_workspace: Workspace) -> None:
    """Copies an SQLite database once a day, off the GUI thread; says so in the status bar."""
    if not shiboken6.isValid(window):
        return  # closed before the copy was due

    def done(path: str | None) -> None:
        if path and shiboken6.isValid(window):
            window.statusBar().showMessage("Зроблено щоденну резервну копію бази даних.", 5000)

    def failed(error: Exception) -> None:
        if shiboken6.isValid(window):
            window.statusBar().showMessage(str(error), 15000)

    window.tasks.run(user_workspace.back_up, done, failed)


def _save_screenshot(window: QWidget, path: str) -> None:
    if not window.grab().save(path):
        print(f"Помилка: не вдалося зберегти знімок у {path}", file=sys.stderr)
    QApplication.instance().quit()  # type: ignore[union-attr]


def _report_startup(window: MainWindow, started_at: float, painted: float) -> None:
    """For `bench`: when the window was first painted, when its list was filled, and the memory then."""
    window.repaint()
    ready = time.time()
    release_id = os.environ.get("VISNYK_BENCH_OPEN_RELEASE")
    if release_id:
        # The memory budget is for a long release open in the editor, proofing included.
        from ui.editor.window import open_editor

        open_editor(window, int(release_id))
        deadline = time.time() + 3
        while time.time() < deadline:
            QApplication.processEvents()
    rss_kb = 0
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    print(f"VISNYK_STARTUP {painted:.6f} {ready:.6f} {painted - started_at:.6f} {rss_kb}", flush=True)
    QApplication.instance().quit()  # type: ignore[union-attr]

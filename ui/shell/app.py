"""Starting the GUI: the database, the first administrator or a login, then the main window."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QProgressBar, QWidget

from desktop.errors import DamagedDatabase, UserError
from ui.common.tasks import failure_text

if TYPE_CHECKING:
    from desktop.storage.engine import Database
    from desktop.workspace import Workspace
    from ui.shell.main_window import ListContents, MainWindow

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


@dataclass
class _Opened:
    """What the start-up worker brings back to the GUI thread."""

    database: Database
    workspace: Workspace | None = None  # logged in already (--as with VISNYK_PASSWORD, or the new demo)
    needs_first_admin: bool = False
    login: str = ""  # the login the dialog offers
    first_list: ListContents | None = None  # the logged-in user's list, fetched off the GUI thread too


def _with_first_list(opened: _Opened) -> _Opened:
    """The release list of the inbox the user chose last, fetched on this (worker) thread."""
    from desktop.errors import UserError
    from ui.shell.main_window import default_inbox, fetch_list

    if opened.workspace is not None:
        with contextlib.suppress(UserError):  # else the window's own refresh says why
            opened.first_list = fetch_list(opened.workspace, default_inbox(opened.workspace.user.login))
    return opened


def _open_and_log_in(url: str | None, login: str, demo: bool) -> _Opened:
    """Off the GUI thread: opens (and migrates) the database, fills a new demo, logs in when it can."""
    from desktop import workspace

    database = workspace.open_database(url)
    if workspace.needs_first_admin(database):
        if not demo:
            return _Opened(database, needs_first_admin=True)
        from desktop.demo.seed import DEMO_AUTHOR, fill_demo

        _logins, password = fill_demo(database)
        return _with_first_list(_Opened(database, workspace.log_in(database, login or DEMO_AUTHOR, password)))
    password = os.environ.get("VISNYK_PASSWORD")
    if demo:
        from desktop.demo.seed import DEMO_AUTHOR

        login = login or DEMO_AUTHOR
    if login and password is not None:
        return _with_first_list(_Opened(database, workspace.log_in(database, login, password)))
    return _Opened(database, login=login)


def remove_on_exit(database: Database, folder: Path) -> None:
    """The demo's temporary folder goes when the program ends: nothing of a demo stays on the disk."""

    def remove() -> None:
        database.dispose()
        shutil.rmtree(folder, ignore_errors=True)

    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(remove)
    atexit.register(remove)  # also when the program ends without the event loop's goodbye


def _interactive_workspace(opened: _Opened, parent: QWidget) -> Workspace | None:
    """On the GUI thread, over an open database: the first administrator, or the login dialog."""
    from ui.shell.login_dialog import FirstAdminDialog, LoginDialog

    if opened.workspace is not None:
        return opened.workspace
    if opened.needs_first_admin:
        # The administrator just typed the password: logged in at once, then shown the first steps.
        dialog = FirstAdminDialog(opened.database, parent)
        if not dialog.exec():
            return None
        QTimer.singleShot(0, parent.actions_.show_first_steps)  # type: ignore[attr-defined]
        return dialog.workspace
    login_dialog = LoginDialog(opened.database, opened.login, parent)
    return login_dialog.workspace if login_dialog.exec() else None


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


def _busy_indicator(window: QMainWindow, text: str) -> QProgressBar:
    """A moving bar in the status bar while the database opens: the window answers meanwhile."""
    bar = QProgressBar()
    bar.setObjectName("startup_busy")
    bar.setRange(0, 0)
    bar.setMaximumWidth(160)
    bar.setFormat(text)
    bar.setToolTip(text)
    window.statusBar().addPermanentWidget(bar)
    window.statusBar().showMessage(text)
    return bar


def _connect(window: MainWindow, args: argparse.Namespace, started_at: float, painted: float) -> None:
    """Opens the database, migrates and logs in off the GUI thread; the window stays responsive."""
    demo = bool(getattr(args, "demo", False))
    url = args.database
    folder: Path | None = None
    if demo and not url:
        folder = Path(tempfile.mkdtemp(prefix="visnyk-demo-"))
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
    busy = _busy_indicator(window, "Відкриваю базу даних…")
    login = args.acting_login or ""

    def stop_busy() -> None:
        if shiboken6.isValid(busy):
            window.statusBar().removeWidget(busy)
            busy.deleteLater()
            window.statusBar().clearMessage()

    def opened(result: _Opened) -> None:
        stop_busy()
        if folder is not None:
            remove_on_exit(result.database, folder)
        if not shiboken6.isValid(window):
            return  # the window was closed while the database opened
        try:
            user_workspace = _interactive_workspace(result, window)
        except UserError as error:
            failed(error)
            return
        first = result.first_list if user_workspace is result.workspace else None
        _started(window, args, user_workspace, started_at, painted, first)

    def failed(error: Exception) -> None:
        stop_busy()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        if shiboken6.isValid(window):
            _start_failed(window, args, error, started_at, painted)

    window.tasks.run(lambda: _open_and_log_in(url, login, demo), opened, failed)


def _start_failed(
    window: MainWindow, args: argparse.Namespace, error: Exception, started_at: float, painted: float
) -> None:
    app = QApplication.instance()
    headless = bool(args.screenshot or os.environ.get("VISNYK_BENCH_STARTUP"))
    # A damaged database may have a newest copy to restore; with it in place, connect again.
    if (isinstance(error, DamagedDatabase) and not headless and error.backup is not None
            and _restore_from_backup(window, error)):
        QTimer.singleShot(0, lambda: _connect(window, args, started_at, painted))
        return
    if not isinstance(error, UserError):
        traceback.print_exception(error, file=sys.stderr)  # a fault of the program, not of the user
    text = failure_text(error, "Не вдалося відкрити базу даних")
    print(f"Помилка: {text}", file=sys.stderr)
    if not headless:
        QMessageBox.critical(window, "Вісник", text)
    app.exit(2)  # type: ignore[union-attr]


def _started(
    window: MainWindow, args: argparse.Namespace, user_workspace: Workspace | None, started_at: float, painted: float,
    first: ListContents | None = None,
) -> None:
    """Logged in (or cancelled): the window gets the workspace and fills its list."""
    app = QApplication.instance()
    headless = bool(args.screenshot or os.environ.get("VISNYK_BENCH_STARTUP"))
    if user_workspace is None:
        app.quit()  # type: ignore[union-attr]
        return
    window.attach(user_workspace, first)
    if not headless and not getattr(args, "demo", False):
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
    rows = window.model.rowCount()
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
    # The rows shown: a bench refuses a «ready» figure for a list that was never filled.
    print(f"VISNYK_STARTUP {painted:.6f} {ready:.6f} {painted - started_at:.6f} {rss_kb} {rows}", flush=True)
    QApplication.instance().quit()  # type: ignore[union-attr]

"""Starting the GUI: the database, the first administrator or a login, then the main window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import workspace
from desktop.errors import UserError

SCREENSHOT_DELAY_MS = 300


def make_application() -> QApplication:
    """The one QApplication, named so that QSettings finds its place."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Visnyk")
    app.setOrganizationName("Visnyk")
    app.setApplicationDisplayName("Вісник")
    return app


def _demo_workspace(args: argparse.Namespace) -> workspace.Workspace:
    """A temporary demo database (or --database), filled and logged in as the demo author."""
    from desktop.demo import DEMO_AUTHOR, fill_demo

    url = args.database
    if not url:
        folder = Path(tempfile.mkdtemp(prefix="visnyk-demo-"))
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
    database = workspace.open_database(url)
    if workspace.needs_first_admin(database):
        _logins, password = fill_demo(database)
    else:
        password = os.environ.get("VISNYK_PASSWORD", "")
    return workspace.log_in(database, args.acting_login or DEMO_AUTHOR, password)


def _interactive_workspace(args: argparse.Namespace) -> workspace.Workspace | None:
    from ui.login_dialog import FirstAdminDialog, LoginDialog

    database = workspace.open_database(args.database)
    if workspace.needs_first_admin(database) and not FirstAdminDialog(database).exec():
        return None
    password = os.environ.get("VISNYK_PASSWORD")
    if args.acting_login and password is not None:
        return workspace.log_in(database, args.acting_login, password)
    dialog = LoginDialog(database, args.acting_login or "")
    return dialog.workspace if dialog.exec() else None


def run(args: argparse.Namespace, started_at: float | None = None) -> int:
    """Runs the GUI until the main window closes."""
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    try:
        user_workspace = _demo_workspace(args) if args.demo else _interactive_workspace(args)
    except UserError as error:
        QMessageBox.critical(None, "Вісник", str(error))
        print(f"Помилка: {error}", file=sys.stderr)
        return 2
    if user_workspace is None:
        return 0
    from ui.main_window import MainWindow

    window = MainWindow(user_workspace)
    window.show()
    if args.screenshot:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: _save_screenshot(window, args.screenshot))
    if os.environ.get("VISNYK_BENCH_STARTUP"):
        QTimer.singleShot(0, lambda: _report_startup(window, started_at or time.time()))
    return app.exec()


def _save_screenshot(window: object, path: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    if not window.grab().save(path):
        print(f"Помилка: не вдалося зберегти знімок у {path}", file=sys.stderr)
    QApplication.instance().quit()  # type: ignore[union-attr]


def _report_startup(window: object, started_at: float) -> None:
    """For `bench`: prints when the first frame was painted and the memory in use, then quits."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    window.repaint()
    painted = time.time()
    rss_kb = 0
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    print(f"VISNYK_STARTUP {painted - started_at:.6f} {rss_kb}", flush=True)
    QApplication.instance().quit()  # type: ignore[union-attr]

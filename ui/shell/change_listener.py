"""Live updates from other workstations: PostgreSQL LISTEN/NOTIFY brought to the GUI thread as a signal."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
# A burst of notifications (a save, its revision, its audit row) becomes one refresh.
COALESCE_MS = 150


class ChangeSignal(QObject):
    """Relays the core's listener callback (another thread) to the GUI thread through a queued signal."""

    changed = Signal(object)  # the release id, or None


class ReleaseChangeWatcher(QObject):
    """Refreshes a window as soon as any workstation changes a release; only on PostgreSQL.

    On SQLite there is nothing to listen to: the window's short poll of the change marker remains.
    """

    def __init__(self, database_url: str, on_change: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database_url = database_url
        self.relay = ChangeSignal(self)
        self.changed_ids: set[int | None] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COALESCE_MS)
        self.timer.timeout.connect(self._deliver)
        self.relay.changed.connect(self._note)
        self.on_change = on_change
        self._listener: Any = None

    @staticmethod
    def supported(database_url: str) -> bool:
        return database_url.startswith("postgresql")

    def start(self) -> ReleaseChangeWatcher:
        """Starts the listening thread (a no-op on SQLite)."""
        if not self.supported(self.database_url) or self._listener is not None:
            return self
        from desktop.releases.revisions import listen_for_changes

        try:
            # The callback runs in the listener's thread: it only emits; Qt queues it to the GUI thread.
            self._listener = listen_for_changes(self.database_url, self.relay.changed.emit)
        except Exception as error:  # noqa: BLE001 - without live updates the poll still works
            log.warning("live updates unavailable: %s", error)
            return self
        listener = self._listener
        # A window destroyed without closing must not leave its thread listening.
        self.destroyed.connect(lambda *_: listener.stop(0.5))
        return self

    @property
    def ready(self) -> bool:
        """True once the listener is connected and LISTENing."""
        return self._listener is not None and self._listener.ready.is_set()

    def stop(self) -> None:
        """Stops the thread; no refresh follows."""
        self.timer.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def _note(self, release_id: int | None) -> None:
        self.changed_ids.add(release_id)
        if not self.timer.isActive():
            self.timer.start()

    def _deliver(self) -> None:
        ids, self.changed_ids = self.changed_ids, set()
        self.on_change(ids)


def watch_changes(window: MainWindow) -> ReleaseChangeWatcher:
    """Attaches live updates to the main window: a notification triggers its change check at once."""
    watcher = ReleaseChangeWatcher(window.workspace.database.url, lambda _ids: window.refresh_if_changed(), window)
    return watcher.start()

"""The main window: inboxes on the left, the release list with search, menus, toolbar, status bar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.labels import INBOX_LABELS, STATUS_LABELS
from ui.common.tables import row_table
from ui.common.tasks import TaskRunner
from ui.shell.change_listener import watch_changes
from ui.shell.main_actions import MainActions
from ui.shell.release_list import RETURN_COLUMN, ReleaseListModel

if TYPE_CHECKING:
    # Only for typing: importing the core (SQLAlchemy and all) waits until the window has been painted.
    from desktop.workspace import Workspace

POLL_INTERVAL_MS = 5000
# At login: what waits for whom (inbox, the words before the number, the role it matters to).
WAITING = (
    ("returned", "Повернуто вам", "author"),
    ("awaiting", "Очікують погодження", "supervisor"),
    ("approved", "Погоджено, чекають оприлюднення", "exporter"),
)


def waiting_text(counts: dict[str, int], has_role: Any) -> str:
    """«Повернуто вам: 1 · Очікують погодження: 2», only what is non-zero and matters to this user's roles."""
    parts = [f"{words}: {counts.get(inbox, 0)}" for inbox, words, role in WAITING
             if has_role(role) and counts.get(inbox, 0)]
    return " · ".join(parts)


def inbox_key(login: str | None) -> str:
    # Each user of a shared workstation finds the inbox they chose last.
    return f"main/inbox/{login}" if login else "main/inbox"


def default_inbox(login: str | None) -> str:
    """The inbox this user chose last time, or all releases: the counts beside each inbox show the rest."""
    stored = QSettings().value(inbox_key(login))
    return stored if stored in INBOX_LABELS else "all"


@dataclass(frozen=True)
class ListContents:
    """One fetch of the release list: what the window shows, fetched on any thread (no widget touched)."""

    user_id: int
    inbox: str
    counts: dict[str, int]
    rows: list[Any]
    return_notes: dict[int, Any]
    marker: str


def fetch_list(workspace: Workspace, inbox: str, search: str | None = None, status: str | None = None) -> ListContents:
    """The counts, rows, return reasons and change marker for one inbox: the database's part of refresh()."""
    releases = workspace.releases
    counts = releases.inbox_counts()
    rows = releases.list_releases(inbox=inbox, search=search, status=status)
    marker = releases.change_marker()
    returned = [row.id for row in rows if row.status == "returned"]
    try:
        notes = workspace.review.return_notes(returned) if returned else {}
    except UserError:
        notes = {}
    return ListContents(workspace.user.id, inbox, counts, rows, notes, marker)


class MainWindow(QMainWindow):
    """Lists the releases the user works with and opens them."""

    def __init__(self, workspace: Workspace | None = None, tasks: TaskRunner | None = None) -> None:
        """With no workspace the window shows at once, empty, and fills when attach() brings one."""
        super().__init__()
        self.workspace: Workspace | None = None
        self.tasks = tasks or TaskRunner(self)
        self.setWindowTitle("Вісник — прес-релізи")
        self.setMinimumSize(900, 560)
        self.model = ReleaseListModel(self)
        self._last_marker: str | None = None
        self._build_body()
        self.actions_ = MainActions(self)
        self._build_status_bar()
        self._restore_state()
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_INTERVAL_MS)
        self.poll_timer.timeout.connect(self.refresh_if_changed)
        self.change_watcher: object | None = None
        self.actions_.update_enabled()
        if workspace is not None:
            self.attach(workspace)

    def attach(self, workspace: Workspace, first: ListContents | None = None) -> None:
        """The logged-in user's workspace: fills the status bar and the list, starts watching for changes.

        first: the list fetched already, off the GUI thread, for the inbox this user chose last time.
        """
        self.workspace = workspace
        self.user_label.setText(f"{workspace.user.full_name} ({workspace.role_names})")
        self.database_label.setText(f"База: {workspace.database_short_name}")
        self.database_label.setToolTip(workspace.database_name)
        self.inbox_list.blockSignals(True)
        self.inbox_list.setCurrentRow(list(INBOX_LABELS).index(self._default_inbox()))
        self.inbox_list.blockSignals(False)
        self.poll_timer.start()
        # PostgreSQL tells us at once; on SQLite the poll above is all there is.
        self.change_watcher = watch_changes(self)
        if first is not None and first.inbox == self.current_inbox and first.user_id == workspace.user.id:
            self._show_list(first)
        else:
            self.refresh()
        self.show_waiting_notice()

    def detach(self) -> bool:
        """Closes the user's editors (each keeps its words) and forgets the user; False if one stays open."""
        for editor in list(self.__dict__.get("editor_windows", {}).values()):
            if not editor.close():
                return False
        for widget in QApplication.topLevelWidgets():
            # The directory, audit and other windows of this user go with them.
            if widget is not self and widget.parent() is self and widget.isWindow() and widget.isVisible():
                widget.close()
        self._remember_inbox()
        self.poll_timer.stop()
        if self.change_watcher is not None:
            self.change_watcher.stop()  # type: ignore[attr-defined]
            self.change_watcher = None
        self.workspace = None
        self.model.set_rows([])
        self.user_label.setText("")
        self.notice.hide()
        self.count_label.setText("Ніхто не ввійшов.")
        self.actions_.update_enabled()
        return True

    def switch_user(self) -> None:
        """Hands the workstation to another user; the current one stays if the login is cancelled."""
        self._log_in_again(keep_on_cancel=True)

    def log_out(self) -> None:
        """Ends this user's session and shows the login; cancelling it closes the program."""
        self._log_in_again(keep_on_cancel=False)

    def _log_in_again(self, keep_on_cancel: bool) -> None:
        from ui.shell.login_dialog import log_in_again

        previous = self.workspace
        if previous is None or not self.detach():
            return
        chosen = log_in_again(previous.database, self)
        if chosen is None and keep_on_cancel:
            chosen = previous
        if chosen is None:
            self.close()
            return
        self.attach(chosen)

    def show_waiting_notice(self) -> None:
        """What waits for this user, said once at login: «Повернуто вам: 1 · Очікують погодження: 2»."""
        if self.workspace is None:
            return
        try:
            counts = self.workspace.releases.inbox_counts()
        except UserError:
            return
        text = waiting_text(counts, self.workspace.has_role)
        self.notice_label.setText(text)
        self.notice.setVisible(bool(text))

    # Layout.

    def _build_body(self) -> None:
        self.inbox_list = QListWidget()
        self.inbox_list.setObjectName("inboxes")
        self.inbox_list.setMinimumWidth(250)
        self.inbox_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inbox_list.setSpacing(2)
        self.inbox_list.setStyleSheet("QListWidget#inboxes { padding: 6px; } QListWidget#inboxes::item { padding: 5px; }")
        for key in INBOX_LABELS:
            item = QListWidgetItem(INBOX_LABELS[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.inbox_list.addItem(item)
        self.inbox_list.currentItemChanged.connect(lambda *_: (self._remember_inbox(), self.refresh()))

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText("Пошук у заголовках і текстах релізів…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda *_: self.search_timer.start())
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem("Усі стани", None)
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, key)
        self.status_filter.currentIndexChanged.connect(lambda *_: self.refresh())

        self.table = row_table(self.model, "releases")
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The reason is read whole in its tooltip; the headline keeps the room.
        header.setSectionResizeMode(RETURN_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(RETURN_COLUMN, 200)
        self.table.doubleClicked.connect(lambda index: self.open_release(self.model.release_id(index.row())))
        self.empty_label = QLabel("Релізів тут немає.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #80868b; padding: 24px")
        self.empty_label.hide()

        self.notice = QWidget()
        self.notice.setObjectName("waiting_notice")
        self.notice.setStyleSheet("QWidget#waiting_notice { background: #e8f0fe; border-radius: 4px; }")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("waiting_text")
        self.notice_label.setWordWrap(True)
        notice_close = QToolButton()
        notice_close.setText("✕")
        notice_close.setToolTip("Сховати")
        notice_close.setAutoRaise(True)
        notice_close.clicked.connect(lambda: self.notice.hide())
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(10, 4, 4, 4)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(notice_close)
        self.notice.hide()

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.status_filter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.notice)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.empty_label)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.inbox_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 920])
        self.setCentralWidget(self.splitter)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search_edit.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_selected)
        # Quietly: __init__ refreshes once everything exists (the status bar and actions come later).
        self.inbox_list.blockSignals(True)
        self.inbox_list.setCurrentRow(list(INBOX_LABELS).index(self._default_inbox()))
        self.inbox_list.blockSignals(False)

    def _inbox_key(self) -> str:
        return inbox_key(self.workspace.user.login if self.workspace is not None else None)

    def _default_inbox(self) -> str:
        return default_inbox(self.workspace.user.login if self.workspace is not None else None)

    def _remember_inbox(self) -> None:
        if self.workspace is not None:
            QSettings().setValue(self._inbox_key(), self.current_inbox)

    def _build_status_bar(self) -> None:
        self.user_label = QLabel()
        self.database_label = QLabel()
        self.count_label = QLabel("Підключення до бази даних…")
        bar = self.statusBar()
        bar.addWidget(self.count_label, 1)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.database_label)

    # Data.

    @property
    def current_inbox(self) -> str:
        item = self.inbox_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "all"

    def refresh(self) -> None:
        """Reloads the counts and the list for the chosen inbox, search and state."""
        if self.workspace is None:
            return
        try:
            listed = fetch_list(self.workspace, self.current_inbox, self.search_edit.text().strip() or None,
                                self.status_filter.currentData())
        except UserError as error:
            self.statusBar().showMessage(str(error), 10000)
            return
        self._show_list(listed)

    def _show_list(self, listed: ListContents) -> None:
        """Puts fetched counts and rows into the inbox list and the table."""
        self._last_marker = listed.marker
        for row in range(self.inbox_list.count()):
            item = self.inbox_list.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            count = listed.counts.get(key)
            item.setText(f"{INBOX_LABELS[key]} ({count})" if count is not None else INBOX_LABELS[key])
        selected = self.selected_release_id()
        rows = listed.rows
        self.model.set_rows(rows)
        self.model.set_return_notes(listed.return_notes)
        self.empty_label.setVisible(not rows)
        self.count_label.setText(f"Релізів у списку: {len(rows)}")
        # Selecting the row again updates the actions through selectionChanged; otherwise update them here.
        if selected is None or not self.select_release(selected):
            self.actions_.update_enabled()
        # An open editor follows too: a move elsewhere may have changed what its user may do.
        for editor in list(self.__dict__.get("editor_windows", {}).values()):
            editor.sync_with_core()

    def refresh_if_changed(self) -> None:
        """The poll for other workstations' changes: cheap when nothing changed."""
        if self.workspace is None:
            return
        try:
            marker = self.workspace.releases.change_marker()
        except UserError:
            return
        if marker != self._last_marker:
            self.refresh()

    def selected_row(self) -> Any | None:
        """The release row chosen in the list, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_release_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select_release(self, release_id: int) -> bool:
        """Selects the release's row; False when the list does not show it."""
        row = self.model.row_of(release_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def open_selected(self) -> None:
        self.open_release(self.selected_release_id())

    def open_release(self, release_id: int | None) -> None:
        if release_id is not None:
            self.actions_.open_release(release_id)

    def show_error(self, error: Exception) -> None:
        """A refusal or a failure, in one clear sentence."""
        QMessageBox.warning(self, "Вісник", str(error))

    # Window state.

    def _restore_state(self) -> None:
        stored = QSettings()
        geometry = stored.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 720)
        state = stored.value("main/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        stored = QSettings()
        stored.setValue("main/geometry", self.saveGeometry())
        stored.setValue("main/splitter", self.splitter.saveState())
        self._remember_inbox()
        if self.change_watcher is not None:
            self.change_watcher.stop()  # type: ignore[attr-defined]
        super().closeEvent(event)

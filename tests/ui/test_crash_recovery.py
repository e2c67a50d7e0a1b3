"""Nothing is lost: an editor process killed with SIGKILL mid-edit leaves the typed text in the database."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.releases import revisions
from desktop.workspace import Workspace
from tests.conftest import TEST_PASSWORD
from tests.ui.drafting_support import build_office

ROOT = Path(__file__).resolve().parents[2]
TYPED = " Цей текст набрано перед збоєм."
READY_TIMEOUT_S = 60

# The editor as a user runs it: its own process, the real thread pool, keys typed one by one. It prints
# READY more than 2 s after the last key and then keeps editing until it is killed.
EDITOR_SCRIPT = """
import os, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from desktop import workspace
from ui.editor.window import EditorWindow

url, release_id, typed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
user_workspace = workspace.log_in(workspace.open_database(url), "author", os.environ["VISNYK_PASSWORD"])
window = EditorWindow(user_workspace, user_workspace.releases.open_release(release_id))
window.show()


def press(char):
    key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window.editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def type_all():
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    for char in typed:
        press(char)
    QTimer.singleShot(2500, lambda: print("READY", flush=True))
    # Mid-edit: the user goes on typing when the process dies.
    QTimer.singleShot(2600, lambda: [press(char) for char in " ще"])


QTimer.singleShot(0, type_all)
app.exec()
"""


def _read_ready(process: subprocess.Popen[str]) -> str:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
            if line.strip() == "READY":
                return

    threading.Thread(target=pump, daemon=True).start()
    output = []
    try:
        while True:
            line = lines.get(timeout=READY_TIMEOUT_S)
            output.append(line)
            if line.strip() == "READY":
                return "".join(output)
    except queue.Empty:
        process.kill()
        stderr = process.stderr.read() if process.stderr else ""
        pytest.fail(f"the editor process never got ready:\n{''.join(output)}\n{stderr}")


def test_sigkill_mid_edit_keeps_the_typed_text(sqlite_database, tmp_path) -> None:
    _admin, author = build_office(sqlite_database)
    release_id = Workspace(sqlite_database, author).releases.draft_from_template(
        "blank", {"headline": "Нарада", "lead_text": "Перший абзац."}
    )
    script = tmp_path / "editor_process.py"
    script.write_text(EDITOR_SCRIPT.format(root=str(ROOT)), encoding="utf-8")
    env = {**os.environ, "VISNYK_PASSWORD": TEST_PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    url = sqlite_database.engine.url.render_as_string(hide_password=False)
    process = subprocess.Popen(
        [sys.executable, str(script), url, str(release_id), TYPED],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    try:
        _read_ready(process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    # The next start: a fresh connection finds the words typed before the crash.
    sqlite_database.dispose()
    with sqlite_database.session() as session:
        release = revisions.get_release(session, release_id)
        text = revisions.release_document(release).blocks[-1].text
        assert text.startswith("Перший абзац." + TYPED)
        assert [revision.kind for revision in revisions.revisions(session, release_id)] == ["create"]
    reopened = Workspace(sqlite_database, author).releases.open_release(release_id)
    assert reopened.document.plain_text().startswith("Нарада\nПерший абзац." + TYPED)

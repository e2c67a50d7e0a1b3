"""Slow work in the thread pool: results, errors and progress come back on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread

from ui.common.tasks import TaskRunner


def test_progress_and_the_result_arrive_on_the_gui_thread_in_order(qtbot: Any) -> None:
    runner = TaskRunner()
    seen: list[tuple[Any, ...]] = []
    gui = QThread.currentThread()
    workers: list[int] = []

    def work(report: Any) -> str:
        workers.append(threading.get_ident())
        for done in range(1, 4):
            report(done, 3)
        return "готово"

    def on_progress(done: int, total: int) -> None:
        seen.append(("progress", done, total, QThread.currentThread() is gui))

    runner.run_with_progress(work, on_progress, lambda result: seen.append(("done", result)))
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == "done")
    assert workers != [threading.get_ident()]  # the work ran off the GUI thread
    assert seen == [("progress", 1, 3, True), ("progress", 2, 3, True), ("progress", 3, 3, True), ("done", "готово")]


def test_an_error_comes_back_to_the_error_callback(qtbot: Any) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def work(_report: Any) -> None:
        raise ValueError("зламалося")

    runner.run_with_progress(work, lambda *_: None, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "зламалося"

"""Slow work off the GUI thread: run a function in the pool, get the result back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.errors import UserError


def failure_text(error: Exception, prefix: str) -> str:
    """A refusal speaks for itself; anything else is shown after what failed: «Не вдалося …: <error>»."""
    if isinstance(error, UserError):
        return str(error)
    from desktop.workspace import describe_failure

    # a database failure in one line, never the driver's text (it carries the statement and the user's text)
    return describe_failure(error) or f"{prefix}: {error}"


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # noqa: BLE001 - every error goes back to the GUI thread
            self.relay.failed.emit(error)
        else:
            self.relay.finished.emit(result)


class TaskRunner(QObject):
    """Runs callables in a thread pool; callbacks run on the GUI thread (queued signals)."""

    def __init__(self, parent: QObject | None = None, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        # Tests may run jobs in place, like Picard's fake pool.
        self.synchronous = synchronous
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._start(lambda _report: work(), on_done, on_error, None)

    def run_with_progress(
        self,
        work: Callable[[Callable[[int, int], None]], Any],
        on_progress: Callable[[int, int], None],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Like run; work gets a report(done, total) callable whose calls reach on_progress on the GUI thread."""
        self._start(work, on_done, on_error, on_progress)

    def _start(
        self,
        work: Callable[[Callable[[int, int], None]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        if self.synchronous:
            try:
                result = work(on_progress or (lambda _done, _total: None))
            except Exception as error:  # noqa: BLE001
                if on_error:
                    on_error(error)
                else:
                    raise
            else:
                on_done(result)
            return
        relay = _Relay()
        self._relays.add(relay)

        def finish(result: Any) -> None:
            self._relays.discard(relay)
            on_done(result)

        def fail(error: Any) -> None:
            self._relays.discard(relay)
            if on_error:
                on_error(error)

        relay.finished.connect(finish)
        relay.failed.connect(fail)
        if on_progress is not None:
            relay.progressed.connect(on_progress)
        self.pool.start(_Job(lambda: work(relay.progressed.emit), relay))

"""Long work (imports, reports, scoring big periods) off the GUI thread, with a progress indicator.

A job is a plain function of no arguments that opens what it needs itself (SQLite connections belong to
the thread that opened them), so it is handed paths, never the window's open ``Ward``. Its result or
error comes back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QProgressDialog, QWidget

# Jobs shorter than this show no dialog at all.
PROGRESS_DELAY_MS = 400


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, which reports it
            self._emit(self._signals.failed, error)
        else:
            self._emit(self._signals.finished, result)

    @staticmethod
    def _emit(signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window closed while the job ran: nobody is waiting for the answer
            pass


class Job(QObject):
    """One background call; ``done`` or ``failed`` fires once on the GUI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._signals.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(work, self._signals)
        self._runnable.setAutoDelete(False)
        self.running = False

    def start(self) -> None:
        self.running = True
        _active_jobs.add(self)
        QThreadPool.globalInstance().start(self._runnable)

    def start_soon(self) -> None:
        """``start`` on the next turn of the event loop, after what is queued now: at start, the window's first
        paint, which the job's thread would slow down (Python runs one thread at a time). Running from now."""
        self.running = True
        _active_jobs.add(self)
        _waiting_jobs.add(self)
        QTimer.singleShot(0, self, self._begin)

    def _begin(self) -> None:
        if self in _waiting_jobs:
            _waiting_jobs.discard(self)
            QThreadPool.globalInstance().start(self._runnable)

    def _finish(self, result: object) -> None:
        self.running = False
        _active_jobs.discard(self)
        self.done.emit(result)

    def _fail(self, error: object) -> None:
        self.running = False
        _active_jobs.discard(self)
        self.failed.emit(error)


_active_jobs: set[Job] = set()  # keeps running jobs alive when their caller lets go
_waiting_jobs: set[Job] = set()  # started with ``start_soon``, not yet handed to a thread


def run_in_background(parent: QWidget, label: str, work: Callable[[], Any],
                      on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> Job:
    """Run ``work`` on a worker thread; after a short delay show a busy dialog labelled ``label``."""
    job = Job(work, parent)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setWindowTitle(parent.window().windowTitle())
    dialog.reset()  # QProgressDialog shows itself after its minimum duration unless reset
    timer = QTimer(job)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: dialog.show() if job.running else None)

    def close_dialog() -> None:
        timer.stop()
        dialog.close()
        dialog.deleteLater()

    job.done.connect(lambda result: (close_dialog(), on_done(result)))
    job.failed.connect(lambda error: (close_dialog(), on_error(error)))
    job.start()
    timer.start(PROGRESS_DELAY_MS)
    return job


def wait_for_jobs(timeout_ms: int = 30_000) -> bool:
    """For tests and shutdown: let every running job finish; False on timeout."""
    for job in list(_waiting_jobs):
        job._begin()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)

"""The one background-task helper (docs/CONVENTIONS.md habit 4): long work runs off the GUI
thread, reports progress, may be cancelled, and calls back on the GUI thread.

    task = tasks.run(ws.projects.create, values, title=self.tr("保存项目"),
                     on_done=self._saved, on_error=self._show_error)

- ``fn(*args, **kwargs)`` runs in a worker thread. If it has a parameter named
  ``report`` it gets a callable ``report(done, total, text="")`` (or
  ``report(text)``, the shape of the core's ``progress`` callbacks); if it has
  one named ``task`` it gets the ``Task``, to look at ``task.cancelled``.
  When a cancellable task was cancelled, ``report`` raises ``TaskCancelled``:
  the function stops there, and a write inside ``ws.write()`` is rolled back.
- ``on_done(result)``, ``on_error(exc)`` and ``on_cancel()`` are called on the
  GUI thread. An error without ``on_error`` goes to ``TaskRunner.unhandled_error``
  (the main window shows it); an error that is not a ``ZsdeskError`` is a bug
  and is logged with its trace.
- Writes are serialised: tasks with ``write=True`` (the default, the safe
  choice) run one after another on a single worker, because SQLite takes one
  writer at a time; ``write=False`` tasks (reads) run on a small pool beside it.
- ``retry_locked=True`` (a write that is one transaction, e.g. one service
  call): while another program holds the database's write lock the task makes
  short attempts, reports ``locked_text()`` meanwhile, and after ``LOCK_WAIT_S``
  fails with ``DatabaseBusy`` ("nothing was saved"). Work of several
  transactions must not be retried whole: it keeps the plain wait.
- ``runner_for(widget)`` finds the runner a widget's writes go through: the
  window's, handed down to its pages and the forms they open.
- ``TaskStatus`` is the status-bar widget: the running task's title, a progress
  bar and, when the task is cancellable, a cancel button.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
import time
import weakref
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from zsdesk.app import (
    ReadOnlyError, RefusedError, StorageError, ValidationError, ValidationErrors, ZsdeskError,
)

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
#: progress signals are sent at most this often (a loop may report thousands of times)
PROGRESS_INTERVAL_S = 0.05
READ_THREADS = 3
#: ``retry_locked``: one attempt waits this long for the lock before the task says so and tries again
LOCK_ATTEMPT_MS = 250
#: ``retry_locked``: after this long waiting for another program's lock the task gives up
LOCK_WAIT_S = 20.0


def locked_text() -> str:
    """What a ``retry_locked`` task reports while it waits for the lock."""
    return QCoreApplication.translate("Tasks", "数据库被其他程序占用，正在重试…")


class DatabaseBusy(StorageError):
    """Another program held the database's write lock for all of ``LOCK_WAIT_S``:
    the write was not made (nothing of it was saved)."""

    def __init__(self, waited_s: float):
        self.waited_s = waited_s
        super().__init__(QCoreApplication.translate(
            "Tasks", "数据库被其他程序占用，等了{0}秒仍未释放，本次没有保存任何内容。"
                     "请稍后再试，或先关闭正在写入该数据库的程序。").format(round(waited_s)))


class TaskCancelled(Exception):
    """Raised by ``report`` inside a cancelled task: the work stops there."""


class _Relay(QObject):
    """Made on the GUI thread; the worker emits through it, so the queued signals
    arrive on the GUI thread whatever thread emitted them."""

    progressed = Signal(int, int, str)
    ended = Signal(str, object)   # outcome, result or exception


class Task(QObject):
    """One piece of background work. Signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)   # done, total (0: unknown), text
    succeeded = Signal(object)           # the result
    failed = Signal(object)              # the exception
    stopped = Signal()                   # cancelled before it finished
    finished = Signal()                  # after any of the three above

    _ids = itertools.count(1)

    def __init__(self, runner: TaskRunner, fn: Callable, args: tuple, kwargs: dict, *, title: str,
                 write: bool, progress: bool, cancellable: bool, retry_locked: bool = False):
        super().__init__()
        self.retry_locked = retry_locked
        self._runner = runner
        self.handles_errors = False   # an on_error was given
        self.id = next(self._ids)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.title = title
        self.write = write
        self.show_progress = progress
        self.cancellable = cancellable
        self.state = QUEUED
        self.result = None
        self.error: BaseException | None = None
        self.done_count, self.total, self.text = 0, 0, ""
        self._cancel = threading.Event()
        self._ended = threading.Event()
        self._starting = threading.Lock()   # cancel() of a queued task against the worker starting it
        self._dropped = False               # cancelled while queued: ended at once, the worker skips it
        self._last_emit = 0.0
        self._relay = _Relay()
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)

    # -- asked from any thread -------------------------------------------------------
    @property
    def cancelled(self) -> bool:
        """True once a cancellable task was asked to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the task to stop (only a cancellable one listens). A task still
        waiting in the queue does not start at all, and ends now (not when the
        worker gets to it, e.g. after a long import ahead of it)."""
        if self.cancellable and self.state in (QUEUED, RUNNING):
            self._cancel.set()
            with self._starting:
                drop = self.state == QUEUED and not self._dropped
                self._dropped = self._dropped or drop
            if drop:
                self._ended.set()
                self._relay.ended.emit(CANCELLED, None)

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the worker has finished with the function (the GUI-thread
        callbacks may still be queued). For shutdown and tests."""
        return self._ended.wait(timeout_s)

    @property
    def running(self) -> bool:
        return self.state in (QUEUED, RUNNING)

    # -- in the worker ------------------------------------------------------------------
    def report(self, done=0, total: int | None = None, text: str = "") -> None:
        """Progress from inside ``fn``: ``report(done, total, text)`` or ``report(text)``."""
        if self._cancel.is_set():
            raise TaskCancelled()
        if isinstance(done, str):  # the core's progress(text) callbacks
            done, text = self.done_count, done
        done = int(done or 0)
        total = self.total if total is None else int(total or 0)
        self.done_count, self.total, self.text = done, total, text or self.text
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_INTERVAL_S or (total and done >= total):
            self._last_emit = now
            self._relay.progressed.emit(done, total, self.text)

    def _execute(self) -> None:
        with self._starting:
            if self._dropped:
                return
            if self._cancel.is_set():
                self._relay.ended.emit(CANCELLED, None)
                self._ended.set()
                return
            self.state = RUNNING
        try:
            kwargs = dict(self.kwargs)
            wanted = _parameters(self.fn)
            if "report" in wanted:
                kwargs.setdefault("report", self.report)
            if "task" in wanted:
                kwargs.setdefault("task", self)
            result = self._call_retrying(kwargs) if self.retry_locked else self.fn(*self.args, **kwargs)
        except TaskCancelled:
            self._relay.ended.emit(CANCELLED, None)
        except BaseException as exc:
            if not isinstance(exc, ZsdeskError):
                log.error("background task %r failed", self.title, exc_info=exc)
            self._relay.ended.emit(FAILED, exc)
        else:
            self._relay.ended.emit(DONE, result)
        finally:
            self._ended.set()

    def _call_retrying(self, kwargs: dict):
        """``fn`` in short attempts while another program holds the write lock
        (each attempt is one transaction, rolled back when it fails)."""
        from zsdesk.app.storage import is_locked, lock_wait

        started = time.monotonic()
        while True:
            try:
                with lock_wait(LOCK_ATTEMPT_MS):
                    return self.fn(*self.args, **kwargs)
            except StorageError as exc:
                if not is_locked(exc):
                    raise
                waited = time.monotonic() - started
                if waited >= LOCK_WAIT_S or self._runner._closed:  # closing: do not hold the window up
                    raise DatabaseBusy(waited) from exc
                self._last_emit = 0.0  # this text is always sent
                self.report(self.done_count, self.total, locked_text())
                time.sleep(min(0.2, max(0.0, LOCK_WAIT_S - waited)))

    # -- on the GUI thread ------------------------------------------------------------------
    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.state == RUNNING:
            self.progressed.emit(done, total, text)

    @Slot(str, object)
    def _on_ended(self, outcome: str, payload) -> None:
        self.state = outcome
        if self._runner._closed:  # shut down: the widgets waiting for this may be gone
            self.result, self.error = (payload, None) if outcome == DONE else (None, payload)
            self._runner._forget(self)
            return
        if outcome == DONE:
            self.result = payload
            self.succeeded.emit(payload)
        elif outcome == FAILED:
            self.error = payload
            self.failed.emit(payload)
        else:
            self.stopped.emit()
        if outcome == FAILED and not self.handles_errors:
            self._runner.unhandled_error.emit(self, payload)
        self.finished.emit()
        self._runner._forget(self)


def _parameters(fn) -> set[str]:
    """The keyword names ``fn`` accepts (``report``/``task`` only matter here)."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature
        return set()
    names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    if any(p.kind == p.VAR_KEYWORD for p in params):
        names |= {"report", "task"}
    return names


def _execute_weak(ref: weakref.ref) -> None:
    # The pool deletes its runnable in the worker thread: it must not hold the
    # last reference to the Task (a QObject of the GUI thread). The runner holds
    # that until the task has ended.
    task = ref()
    if task is not None:
        task._execute()


class TaskRunner(QObject):
    """Runs callables off the GUI thread: one writer, a few readers."""

    started = Signal(object)          # a Task was queued
    task_finished = Signal(object)    # a Task ended (any outcome)
    unhandled_error = Signal(object, object)  # Task, exception: no on_error was given

    def __init__(self, parent=None, *, read_threads: int = READ_THREADS):
        super().__init__(parent)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool(self)
        self.read_pool.setMaxThreadCount(max(1, read_threads))
        self._active: dict[int, Task] = {}
        self._closed = False

    def run(self, fn: Callable, *args, title: str = "", on_done: Callable | None = None,
            on_error: Callable | None = None, on_cancel: Callable | None = None,
            progress: bool = True, cancellable: bool = False, write: bool = True,
            retry_locked: bool = False, **kwargs) -> Task:
        """Queue ``fn(*args, **kwargs)``; see the module docstring. ``write=False``
        for pure reads (they may run beside each other and beside a write);
        ``retry_locked=True`` for a write of one transaction."""
        task = Task(self, fn, args, kwargs, title=title, write=write, progress=progress,
                    cancellable=cancellable, retry_locked=retry_locked)
        if self._closed:  # the window is closing: nothing new starts
            task.state = CANCELLED
            task._ended.set()
            return task
        if on_done is not None:
            task.succeeded.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
            task.handles_errors = True
        if on_cancel is not None:
            task.stopped.connect(on_cancel)
        self._active[task.id] = task
        self.started.emit(task)
        (self.write_pool if write else self.read_pool).start(partial(_execute_weak, weakref.ref(task)))
        return task

    def tasks(self) -> list[Task]:
        """Tasks queued or running, oldest first."""
        return list(self._active.values())

    def busy(self) -> bool:
        return bool(self._active)

    def _forget(self, task: Task) -> None:
        self._active.pop(task.id, None)
        self.task_finished.emit(task)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel what can be cancelled and wait for the workers (a write that
        cannot be cancelled is let finish: it is one transaction). Returns
        False when the wait timed out."""
        self._closed = True
        for task in list(self._active.values()):
            task.cancel()
        ok = self.write_pool.waitForDone(timeout_ms)
        return self.read_pool.waitForDone(timeout_ms) and ok


_fallback: TaskRunner | None = None


def runner_for(widget: QObject | None) -> TaskRunner:
    """The runner ``widget``'s writes go through: the nearest ``tasks`` runner up
    its parents (the window's, which every page and the forms it opens hold).
    A widget outside any window (a form opened on its own: scripts, tests)
    shares one runner of the application, so writes stay serialised."""
    global _fallback
    obj = widget
    while obj is not None:
        tasks = getattr(obj, "tasks", None)
        if isinstance(tasks, TaskRunner):
            return tasks
        obj = obj.parent()
    if _fallback is None:
        _fallback = TaskRunner(QCoreApplication.instance())
        _fallback.destroyed.connect(_forget_fallback)
    return _fallback


def _forget_fallback() -> None:
    global _fallback
    _fallback = None


# --- what a person reads -------------------------------------------------------------------

def describe_error(exc: BaseException) -> str:
    """An error in plain words: what happened, what was kept, what to do.
    A known ``code`` (storage failures, refused sync files) is said in the
    chosen language (``error_text``); other known errors keep their message; a
    bug names the log file that holds its trace (``Task`` logged it there)."""
    from zsdesk.ui.error_text import known_text, log_sentence

    if isinstance(exc, ValidationErrors):
        return "\n".join(e.message for e in exc.errors)
    if isinstance(exc, ValidationError):
        return exc.message
    if isinstance(exc, StorageError | ReadOnlyError | RefusedError | ZsdeskError):
        return known_text(exc) or str(exc)
    return QCoreApplication.translate(
        "Tasks", "操作因程序错误未完成：{0}\n本次未提交的修改已撤销。{1}").format(
        f"{type(exc).__name__}: {exc}", log_sentence())


# --- the status-bar widget -----------------------------------------------------------------

class TaskStatus(QWidget):
    """The newest running task with progress shown: title, bar, cancel button."""

    def __init__(self, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.task: Task | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止这项工作；已进行的部分不会保存"))
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(6)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        runner.started.connect(self._on_started)
        runner.task_finished.connect(self._on_finished)
        self.hide()

    def _on_started(self, task: Task) -> None:
        if task.show_progress:
            self._follow(task)

    def _on_finished(self, task: Task) -> None:
        if task is not self.task:
            return
        self.task = None
        waiting = [t for t in self.runner.tasks() if t.show_progress and t is not task]
        if waiting:
            self._follow(waiting[-1])
        else:
            self.hide()

    def _follow(self, task: Task) -> None:
        if self.task is not None:
            self.task.progressed.disconnect(self._on_progress)
        self.task = task
        task.progressed.connect(self._on_progress)
        self.label.setText(task.title or self.tr("正在处理…"))
        self._on_progress(task.done_count, task.total, task.text)
        self.cancel_button.setVisible(task.cancellable)
        self.cancel_button.setEnabled(not task.cancelled)
        self.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # busy: the amount of work is unknown
        title = self.task.title if self.task else ""
        self.label.setText(f"{title}　{text}".strip() if text else title)

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("正在取消：{0}").format(self.task.title))

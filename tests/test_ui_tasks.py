"""The background-task helper: work off the GUI thread, progress, cancel, errors
back on the GUI thread, and one writer at a time."""

from __future__ import annotations

import threading
import time

from zsdesk.errors import StorageError, ValidationError
from zsdesk.ui.tasks import CANCELLED, DONE, FAILED, TaskStatus, describe_error




def _wait(qtbot, task, timeout=10_000):
    if task.running:
        with qtbot.waitSignal(task.finished, timeout=timeout):
            pass


def test_runs_off_the_gui_thread_and_answers_on_it(qtbot, runner):
    gui = threading.get_ident()
    seen: dict = {}

    def work(a, b):
        seen["worker"] = threading.get_ident()
        return a + b

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    task = runner.run(work, 2, 3, title="加法", on_done=done, write=False)
    _wait(qtbot, task)
    assert seen["result"] == 5 and task.result == 5 and task.state == DONE
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert not runner.busy()


def test_progress_arrives_on_the_gui_thread(qtbot, runner):
    reports: list = []

    def work(report):
        for i in range(1, 6):
            time.sleep(0.06)  # longer than the throttle: every step is sent
            report(i, 5, f"第{i}步")
        report("收尾")           # the core's progress(text) shape
        return "ok"

    task = runner.run(work, title="分步")
    task.progressed.connect(lambda d, t, text: reports.append((d, t, text, threading.get_ident())))
    _wait(qtbot, task)
    assert task.result == "ok"
    assert [r[:3] for r in reports[:5]] == [(i, 5, f"第{i}步") for i in range(1, 6)]
    assert all(r[3] == threading.get_ident() for r in reports)


def test_a_cancelled_task_stops_and_says_so(qtbot, runner):
    started = threading.Event()
    outcome: list = []

    def work(task, report):
        started.set()
        steps = 0
        while steps < 500:       # ~10 s unless cancelled
            time.sleep(0.02)
            steps += 1
            report(steps, 500)
        return steps

    task = runner.run(work, title="长任务", cancellable=True,
                      on_done=lambda r: outcome.append(("done", r)),
                      on_cancel=lambda: outcome.append(("cancelled",)))
    assert started.wait(5)
    task.cancel()
    assert task.cancelled
    _wait(qtbot, task)
    assert task.state == CANCELLED
    assert outcome == [("cancelled",)]


def test_a_queued_task_cancelled_before_it_starts_never_runs(qtbot, runner):
    gate = threading.Event()
    ran: list = []
    first = runner.run(lambda: gate.wait(5), title="占位")
    second = runner.run(lambda: ran.append(1), title="排队", cancellable=True)
    second.cancel()
    gate.set()
    _wait(qtbot, first)
    _wait(qtbot, second)
    assert second.state == CANCELLED and ran == []


def test_a_task_that_is_not_cancellable_ignores_cancel(qtbot, runner):
    task = runner.run(lambda: time.sleep(0.05) or 7, title="写入")
    task.cancel()
    assert not task.cancelled
    _wait(qtbot, task)
    assert task.result == 7


def test_errors_come_back_on_the_gui_thread(qtbot, runner):
    got: list = []

    def bad():
        raise ValidationError("value", "不能小于1")

    task = runner.run(bad, title="校验", on_error=lambda exc: got.append((exc, threading.get_ident())))
    _wait(qtbot, task)
    assert task.state == FAILED
    [(exc, thread)] = got
    assert isinstance(exc, ValidationError) and exc.message == "不能小于1"
    assert thread == threading.get_ident()


def test_an_unhandled_error_reaches_the_runner_and_a_bug_is_logged(qtbot, runner, caplog):
    def broken():
        raise KeyError("oops")

    with qtbot.waitSignal(runner.unhandled_error, timeout=5000) as blocker:
        runner.run(broken, title="有缺陷的任务")
    task, exc = blocker.args
    assert isinstance(exc, KeyError) and task.title == "有缺陷的任务"
    assert any("有缺陷的任务" in r.getMessage() and r.exc_info for r in caplog.records)
    assert "程序错误" in describe_error(exc)


def test_writes_run_one_at_a_time_and_reads_beside_them(qtbot, runner):
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    def step():
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.1)
        with lock:
            state["now"] -= 1

    writes = [runner.run(step, title=f"写{i}") for i in range(4)]
    for t in writes:
        _wait(qtbot, t)
    assert state["most"] == 1

    state["most"] = 0
    reads = [runner.run(step, title=f"读{i}", write=False) for i in range(3)]
    for t in reads:
        _wait(qtbot, t)
    assert state["most"] >= 2


def test_a_write_through_the_services_on_a_real_database(qtbot, runner, ws):
    before = ws.counts()["companies"]
    task = runner.run(ws.companies.create, {"name": "泰州后台写入测试有限公司"}, title="保存客商")
    _wait(qtbot, task)
    assert task.state == DONE, task.error
    assert ws.counts()["companies"] == before + 1
    assert ws.companies.get(task.result).name == "泰州后台写入测试有限公司"


def test_status_widget_follows_the_running_task(qtbot, runner):
    status = TaskStatus(runner)
    qtbot.addWidget(status)
    gate = threading.Event()

    task = runner.run(lambda report: (report(1, 4, "读取"), gate.wait(5)), title="导出台账",
                      cancellable=True)
    assert status.isVisibleTo(None) or not status.isHidden()
    assert status.label.text().startswith("导出台账")
    assert not status.cancel_button.isHidden()
    qtbot.waitUntil(lambda: status.bar.maximum() == 4)
    status.cancel_button.click()
    assert task.cancelled
    gate.set()
    _wait(qtbot, task)
    assert status.isHidden()


def test_describe_error_keeps_known_errors_plain():
    assert describe_error(StorageError("磁盘已满：请清理磁盘空间后重试。未保存任何内容。")).startswith("磁盘已满")
    assert describe_error(ValidationError("name", "不能为空")) == "不能为空"


# --- a write that waits for another connection's lock ------------------------------------------

def _hold_write_lock(ws):
    """Another connection to the same file takes the write lock (as another program would)."""
    import sqlite3

    import pytest

    if ws.db.path is None:
        pytest.skip("the write lock of another connection is a SQLite matter")
    holder = sqlite3.connect(ws.db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_retries_while_the_database_is_locked_and_says_so(qtbot, runner, ws):
    from PySide6.QtCore import QTimer

    from zsdesk.ui.tasks import locked_text

    before = ws.counts()["companies"]
    holder = _hold_write_lock(ws)
    QTimer.singleShot(1000, lambda: holder.execute("COMMIT"))   # the GUI thread keeps running meanwhile
    texts: list[str] = []
    task = runner.run(ws.companies.create, {"name": "泰州锁等待测试有限公司"}, title="保存客商", retry_locked=True)
    task.progressed.connect(lambda _d, _t, text: texts.append(text))
    _wait(qtbot, task)
    holder.close()
    assert task.state == DONE, task.error
    assert locked_text() in texts and "正在重试" in locked_text()
    assert ws.counts()["companies"] == before + 1


def test_a_write_gives_up_after_the_bounded_wait_and_saves_nothing(qtbot, runner, ws, monkeypatch):
    from zsdesk.ui import tasks

    monkeypatch.setattr(tasks, "LOCK_WAIT_S", 0.6)
    before = ws.counts()
    holder = _hold_write_lock(ws)
    try:
        task = runner.run(ws.companies.create, {"name": "泰州锁等待测试有限公司"}, title="保存客商",
                          retry_locked=True, on_error=lambda _exc: None)
        _wait(qtbot, task)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert task.state == FAILED and isinstance(task.error, tasks.DatabaseBusy)
    assert "没有保存任何内容" in describe_error(task.error)
    assert ws.counts() == before


def test_only_the_lock_is_retried(qtbot, runner):
    attempts = []

    def disk_full():
        attempts.append(1)
        raise StorageError("磁盘已满：请清理磁盘空间后重试。未保存任何内容。")

    task = runner.run(disk_full, title="保存", retry_locked=True, on_error=lambda _exc: None)
    _wait(qtbot, task)
    assert task.state == FAILED and len(attempts) == 1


def test_a_queued_write_that_is_cancelled_ends_at_once(qtbot, runner):
    """A save behind a long write of the window (a ledger import) can be given up
    without waiting for that write to finish."""
    gate = threading.Event()
    ran = []
    long_write = runner.run(lambda: gate.wait(10), title="导入台账")
    queued = runner.run(lambda: ran.append(1), title="保存", cancellable=True)
    with qtbot.waitSignal(queued.stopped, timeout=2000):
        queued.cancel()
    assert queued.state == CANCELLED and long_write.running
    gate.set()
    _wait(qtbot, long_write)
    runner.write_pool.waitForDone(5000)
    assert ran == [] and not runner.busy()

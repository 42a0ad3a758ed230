"""Python's cyclic garbage collection runs on the GUI thread only (``zsdesk.ui.collector``):
a cycle dropped on a worker thread — where the window reads the database — is freed on
the GUI thread, so no Qt object is ever deleted off it (a crash seen in the suite)."""

from __future__ import annotations

import gc
import threading

from zsdesk import batch, metrics
from zsdesk.ui.collector import GuiThreadCollector, collect_on_gui_thread


class _Node:
    """One half of a reference cycle; says on which thread it was freed."""

    freed_on: list[str] = []

    def __init__(self):
        self.other = None

    def __del__(self):
        _Node.freed_on.append(threading.current_thread().name)


def test_the_program_and_the_tests_collect_on_the_gui_thread(qapp):
    from zsdesk.ui.app import prepare_application

    assert prepare_application() is qapp
    assert len(qapp.findChildren(GuiThreadCollector)) == 1   # made once, however often asked
    assert collect_on_gui_thread(qapp) is qapp.findChild(GuiThreadCollector)
    assert not gc.isenabled()


def test_a_cycle_dropped_on_a_worker_thread_is_freed_on_the_gui_thread(qtbot, qapp):
    collect_on_gui_thread(qapp)
    gc.collect()
    _Node.freed_on.clear()

    rows: list = []

    def work():
        a, b = _Node(), _Node()
        a.other, b.other = b, a          # a cycle: reference counting alone cannot free it
        del a, b
        # allocate far past every threshold, as reading many rows does: the automatic
        # collector would have run here, on this thread
        rows.extend([i] for i in range(50 * gc.get_threshold()[0]))

    worker = threading.Thread(target=work, name="zsdesk-test-worker")
    worker.start()
    worker.join()
    assert _Node.freed_on == []          # not on the worker
    qtbot.waitUntil(lambda: len(_Node.freed_on) == 2, timeout=5000)
    assert set(_Node.freed_on) == {threading.main_thread().name}
    rows.clear()


def test_a_tick_collects_only_when_the_youngest_generation_is_due(qapp):
    collector = collect_on_gui_thread(qapp)
    gc.collect()
    assert collector.tick() is None       # nothing allocated since
    keep = [[i] for i in range(2 * gc.get_threshold()[0])]
    before = collector.collections
    assert collector.tick() in (0, 1, 2)
    assert collector.collections == before + 1
    assert gc.get_count()[0] < gc.get_threshold()[0]
    del keep


def test_the_cores_pauses_leave_the_collector_off(qapp):
    collect_on_gui_thread(qapp)
    with metrics.collector_paused():
        assert not gc.isenabled()
    with batch.gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()

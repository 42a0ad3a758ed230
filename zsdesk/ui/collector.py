"""Python's cyclic garbage collector, run on the GUI thread only.

The window does its database work on worker threads (``zsdesk.ui.tasks``).
Python's collector runs on whichever thread happens to allocate past its
threshold, and a cycle it frees there may hold the Python side of a Qt object
(a widget and a slot that refers back to it): deleting that object off the GUI
thread crashes the program (seen in the test suite: a segmentation fault while
a worker thread read the settings page's values). So the automatic collector is
turned off and the GUI thread collects instead, the generation Python would
have chosen, whenever the event loop comes round (``INTERVAL_MS``). Reference
counting frees everything else as before.

The core's own pauses (``zsdesk.metrics.collector_paused``,
``zsdesk.batch.gc_paused``) find the collector off and leave it off.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: how often the GUI thread looks at the collector's counts
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Turns the automatic collector off and collects on the GUI thread (its
    timer's thread), one collection a tick: when the youngest generation's count
    has passed its threshold, the oldest generation whose count has, as the
    automatic collector chooses."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.collections = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(interval_ms)

    def tick(self) -> int | None:
        """Collect the generation due, if any; which one (None: none was due)."""
        due = collect_due()
        if due is not None:
            self.collections += 1
        return due


def collect_due() -> int | None:
    """On the GUI thread: when the youngest generation's count has passed its
    threshold, collect the oldest generation whose count has; which (None: none)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if not thresholds[0] or counts[0] <= thresholds[0]:
        return None
    due = max(g for g in range(3) if counts[g] > thresholds[g])
    gc.collect(due)
    return due


#: the collector at work in this process (None: Python's automatic collection)
installed: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """The application's collector (made once, a child of ``app``)."""
    global installed
    found = app.findChild(GuiThreadCollector)
    installed = found if found is not None else GuiThreadCollector(app)
    return installed

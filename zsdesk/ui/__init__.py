"""The desktop window (PySide6). Widgets call services and the metrics module, never SQL."""

from __future__ import annotations

import ctypes
import sys


def _guard_signal_emit() -> bool:
    """Work around PySide6 6.12.0, where every ``SignalInstance.emit()`` from
    Python drops one reference to ``True`` that it never took: after a few
    thousand emits the interpreter aborts with "bool_dealloc: deallocating True
    or False". The bug is detected, not assumed; when present, ``emit`` gives
    back the reference it took away. Returns whether the guard was installed."""
    from PySide6.QtCore import QObject, Signal, SignalInstance

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    if sys.getrefcount(True) >= before - 8:
        return False
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # the probe's own losses
    for _ in range(15):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit
    return True


EMIT_GUARDED = _guard_signal_emit()

"""Helpers for work on many rows at once (sync imports, ledger imports)."""

from __future__ import annotations

import contextlib
import functools
import gc


@contextlib.contextmanager
def gc_paused():
    """A batch makes a great many objects that all live until it ends: the
    cyclic collector's passes over them cost time (an eighth to a quarter of a
    large import) and free nothing that reference counting does not."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def without_gc(fn):
    """Decorator form of ``gc_paused``."""
    @functools.wraps(fn)
    def wrapper(*args, **kw):
        with gc_paused():
            return fn(*args, **kw)
    return wrapper

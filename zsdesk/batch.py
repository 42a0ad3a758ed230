"""Helpers for work on many rows at once (sync imports, ledger imports)."""

from __future__ import annotations

import contextlib
import functools
import gc
import sqlite3


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


#: ids per ``IN (...)`` list: SQLite allows 32766 parameters since 3.32, 999 before
IN_CHUNK = 4000 if sqlite3.sqlite_version_info >= (3, 32) else 900


def chunks(items, size: int = IN_CHUNK):
    """``items`` in lists of at most ``size`` (an IN list, a batch of inserts)."""
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]

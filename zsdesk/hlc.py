"""Hybrid logical clock (HLC).

A timestamp is one integer: milliseconds since the Unix epoch shifted left by
16 bits, plus a 16-bit logical counter. It never runs backwards, even when the
laptop's wall clock does, and it moves past any remote timestamp it observes
(unless that one is implausibly far ahead, see ``observe``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

LOGICAL_BITS = 16
LOGICAL_MASK = (1 << LOGICAL_BITS) - 1
MAX_DRIFT_MS = 24 * 3600 * 1000  # a remote clock more than a day ahead is flagged


def pack(millis: int, logical: int = 0) -> int:
    return (millis << LOGICAL_BITS) | logical


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> LOGICAL_BITS, stamp & LOGICAL_MASK


def to_datetime(stamp: int) -> dt.datetime:
    """The wall-clock part of a stamp as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(unpack(stamp)[0] / 1000, tz=dt.UTC)


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """An HLC. ``last`` is the latest stamp issued or observed (persisted by the caller)."""

    def __init__(self, last: int = 0, wall: Callable[[], int] = wall_millis):
        self.last = last
        self._wall = wall

    def now(self) -> int:
        """A new stamp, strictly greater than every stamp seen before."""
        millis = self._wall()
        last_millis, last_logical = unpack(self.last)
        if millis > last_millis:
            stamp = pack(millis, 0)
        elif last_logical < LOGICAL_MASK:
            stamp = pack(last_millis, last_logical + 1)
        else:  # logical counter exhausted within one millisecond: borrow the next one
            stamp = pack(last_millis + 1, 0)
        self.last = stamp
        return stamp

    def reserve(self, count: int) -> int:
        """Issue ``count`` consecutive stamps at once; returns the first.
        Used by bulk writes so every row still gets its own stamp."""
        first = self.now()
        self.last = first + count - 1
        return first

    def observe(self, remote: int) -> bool:
        """Take a remote stamp into account. Returns False (and ignores it) when
        the remote clock is more than a day ahead of ours: a wrong laptop date
        must not drag every other site's clock into the future."""
        remote_millis, _ = unpack(remote)
        if remote_millis - max(self._wall(), unpack(self.last)[0]) > MAX_DRIFT_MS:
            return False
        if remote > self.last:
            self.last = remote
        return True

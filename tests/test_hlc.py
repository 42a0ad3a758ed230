"""The hybrid logical clock: never backwards, past every remote stamp it accepts,
not dragged into the future, and persistent across restarts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from support import local_state, log_entries
from zsdesk.hlc import LOGICAL_MASK, MAX_DRIFT_MS, HybridClock, pack, to_datetime, unpack

NOW_MS = 1_781_500_000_000  # 2026-06-15, about
DAY_MS = 24 * 3600 * 1000


class ScriptedWall:
    """A wall clock that returns the scripted readings, then keeps the last one."""

    def __init__(self, readings):
        self.readings = list(readings)
        self.i = 0

    def __call__(self) -> int:
        value = self.readings[min(self.i, len(self.readings) - 1)]
        self.i += 1
        return value


# Readings that jump backwards and forwards by up to years, or stall (repeated values).
jumps = st.lists(
    st.one_of(
        st.integers(-400 * DAY_MS, 400 * DAY_MS),  # arbitrary jumps
        st.just(0),                                 # stalls
        st.integers(-5, 5),                         # jitter
    ),
    min_size=1, max_size=300,
)


def _readings(deltas: list[int]) -> list[int]:
    out, t = [], NOW_MS
    for d in deltas:
        t = max(0, t + d)
        out.append(t)
    return out


@settings(max_examples=300, deadline=None)
@given(deltas=jumps, start=st.integers(0, pack(NOW_MS + 10 * DAY_MS)))
def test_stamps_strictly_increase_whatever_the_wall_clock_does(deltas, start):
    clock = HybridClock(start, wall=ScriptedWall(_readings(deltas)))
    previous = start
    for _ in deltas:
        stamp = clock.now()
        assert stamp > previous
        previous = stamp
    assert clock.last == previous


@settings(max_examples=200, deadline=None)
@given(deltas=jumps, sizes=st.lists(st.integers(1, 70_000), min_size=1, max_size=20))
def test_reserved_blocks_do_not_overlap_and_keep_increasing(deltas, sizes):
    """Bulk writes reserve a block of stamps; blocks never overlap, even when a
    block is larger than the 16-bit logical counter."""
    clock = HybridClock(0, wall=ScriptedWall(_readings(deltas)))
    previous_end = 0
    for size in sizes:
        first = clock.reserve(size)
        assert first > previous_end
        previous_end = first + size - 1
        assert clock.last == previous_end
        single = clock.now()
        assert single > previous_end
        previous_end = single


def test_stall_uses_the_logical_counter_then_borrows_a_millisecond():
    clock = HybridClock(0, wall=lambda: NOW_MS)
    stamps = [clock.now() for _ in range(LOGICAL_MASK + 3)]
    assert stamps == sorted(set(stamps))
    assert unpack(stamps[0]) == (NOW_MS, 0)
    assert unpack(stamps[LOGICAL_MASK]) == (NOW_MS, LOGICAL_MASK)
    assert unpack(stamps[LOGICAL_MASK + 1]) == (NOW_MS + 1, 0)


def test_wall_time_is_used_when_it_moves_forward():
    clock = HybridClock(0, wall=lambda: NOW_MS)
    assert to_datetime(clock.now()).date() == dt.date(2026, 6, 15)


@settings(max_examples=300, deadline=None)
@given(deltas=jumps, remote_offset=st.integers(-400 * DAY_MS, DAY_MS),
       remote_logical=st.integers(0, LOGICAL_MASK))
def test_observing_a_remote_stamp_moves_later_stamps_past_it(deltas, remote_offset, remote_logical):
    wall = ScriptedWall(_readings(deltas))
    clock = HybridClock(0, wall=wall)
    clock.now()
    remote = pack(max(0, wall.readings[0] + remote_offset), remote_logical)
    assert clock.observe(remote) is True
    for _ in deltas:
        assert clock.now() > remote


@settings(max_examples=200, deadline=None)
@given(ahead=st.integers(DAY_MS + 1, 100 * 365 * DAY_MS), logical=st.integers(0, LOGICAL_MASK))
def test_a_remote_more_than_a_day_ahead_is_refused_and_does_not_move_the_clock(ahead, logical):
    clock = HybridClock(0, wall=lambda: NOW_MS)
    before = clock.now()
    assert clock.observe(pack(NOW_MS + ahead, logical)) is False
    assert clock.last == before
    after = clock.now()
    assert unpack(after)[0] == NOW_MS  # still on our own wall time


def test_a_remote_just_under_a_day_ahead_is_accepted():
    clock = HybridClock(0, wall=lambda: NOW_MS)
    remote = pack(NOW_MS + MAX_DRIFT_MS)
    assert clock.observe(remote) is True
    assert clock.now() > remote


# --- persistence through the workspace -----------------------------------------------------------

def test_clock_survives_reopening_and_a_clock_set_back(databases, backend):
    """The last stamp is kept in local_state; after a restart with the laptop's
    date set back a year, new writes still get greater stamps."""
    from zsdesk.db.models import Staff
    from zsdesk.services import init_site

    url = databases.url("hlc")
    first = databases.workspace(url, wall=lambda: NOW_MS)
    init_site(first, role="county", code="TX-U09", name="测试单元")
    [unit] = first.reference.list_units()
    first.reference.staff.create({"unit_id": unit.id, "name": "甲"})
    stamps_before = [e["hlc"] for e in log_entries(first)]
    saved = int(local_state(first)["hlc"])
    assert saved == max(stamps_before)
    assert unpack(saved)[0] == NOW_MS
    first.close()

    year_ago = NOW_MS - 365 * DAY_MS
    second = databases.workspace(url, wall=lambda: year_ago)
    second.reference.staff.create({"unit_id": unit.id, "name": "乙"})
    with second.write() as w:  # bulk path too
        w.insert_many(Staff, [{"unit_id": unit.id, "name": f"丙{i}"} for i in range(5)])
    new = [e["hlc"] for e in log_entries(second)][len(stamps_before):]
    assert len(new) == 6  # one entry per row written
    assert min(new) > max(stamps_before)
    assert new == sorted(set(new))
    assert int(local_state(second)["hlc"]) == max(new)


def test_stamps_in_the_log_follow_the_order_of_writes(ws):
    from zsdesk.db.models import Staff

    [unit] = ws.reference.list_units()
    for i in range(3):
        with ws.write() as w:
            w.insert(Staff, {"unit_id": unit.id, "name": f"员工{i}"})
    stamps = [e["hlc"] for e in log_entries(ws) if e["origin"] == ws.site.id]
    assert len(stamps) >= 5
    assert stamps == sorted(set(stamps))

"""Two PCs of a city office writing the same thing at the same moment (issue 13).

A city office keeps one PostgreSQL database that several PCs write at once. Two
separate processes here, each with its own ``Workspace`` on the same database,
are released together by a barrier and write the same target, the same setting,
or a new record numbered from the site's counter, round after round. After
every round: one live row, the value in force is the change log's latest entry
for it, both writes are in the log, no number twice, and no error reached either
writer. PostgreSQL only (SQLite takes one writer at a time for the whole file);
``bash tools/test.sh`` starts the server, without one these tests are skipped.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from support import CITY, TODAY

ROUNDS = 100
WRITERS = ("甲", "乙")
BARRIER_SECONDS = 60


def _value(entry) -> object:
    """The value a change-log entry wrote (an insert holds values, an update [old, new] pairs)."""
    data = json.loads(entry.data)
    return data["value"] if entry.op == "I" else data["value"][1]


def _plan() -> list[tuple[str, int]]:
    return [(kind, i) for i in range(ROUNDS) for kind in ("target", "setting", "company")]


def _writer(url: str, name: str, unit_id: str, staff_id: str, barrier, results) -> None:
    """One PC: opens its own workspace and, at each barrier, does the round's write."""
    from zsdesk.db.engine import Database
    from zsdesk.services import Workspace

    ws = Workspace(Database(url), today=lambda: TODAY, actor=name)
    mine = WRITERS.index(name) + 1
    try:
        for kind, i in _plan():
            barrier.wait(BARRIER_SECONDS)
            try:
                if kind == "target":
                    # a new key each round, so both writers race to create it; odd rounds
                    # are a person's target (staff_id set), even rounds the unit's
                    value = mine * 1000 + i
                    result = ws.reference.set_target(2030 + i, unit_id, "signed_projects", value,
                                                     staff_id=staff_id if i % 2 else None)
                elif kind == "setting":
                    value = {"by": name, "round": i}
                    ws.reference.set_setting(f"race_{i}", value)
                    result = None
                else:
                    result = ws.companies.create({"name": f"{name}方竞速企业{i}有限公司"})
                results.put((kind, i, name, "ok", result))
            except Exception as exc:  # reported to the test, which shows it
                results.put((kind, i, name, "error", f"{type(exc).__name__}: {exc}"))
            barrier.wait(BARRIER_SECONDS)
    finally:
        ws.close()


@pytest.fixture
def city(pg_server):
    """A city site on a wiped PostgreSQL database, with one unit and one person."""
    from zsdesk.db.engine import Database
    from zsdesk.services import Workspace, init_site

    url = pg_server.url_for("races")
    ws = Workspace(Database(url), today=lambda: TODAY, actor="市局")
    init_site(ws, **CITY)
    unit_id = ws.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})
    staff_id = ws.reference.staff.create({"unit_id": unit_id, "name": "王招商"})
    yield url, ws, unit_id, staff_id
    ws.close()


def test_two_pcs_writing_at_once_leave_one_row_and_the_last_value(city):
    from zsdesk.db.models import ChangeLog, Company, Setting, Target

    url, ws, unit_id, staff_id = city
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(WRITERS) + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, name, unit_id, staff_id, barrier, results), daemon=True)
             for name in WRITERS]
    for p in procs:
        p.start()
    numbers: list[str] = []
    try:
        for kind, i in _plan():
            barrier.wait(BARRIER_SECONDS)   # both writers go
            barrier.wait(BARRIER_SECONDS)   # both are done
            got = [results.get(timeout=BARRIER_SECONDS) for _ in WRITERS]
            errors = [r for r in got if r[3] != "ok"]
            assert not errors, f"round {i} ({kind}): a writer was shown an error: {errors}"
            with ws.read() as s:
                if kind == "target":
                    key = (Target.year == 2030 + i, Target.unit_id == unit_id, Target.metric == "signed_projects",
                           Target.staff_id == staff_id if i % 2 else Target.staff_id.is_(None))
                    live = s.scalars(select(Target).where(*key, ~Target.deleted)).all()
                    assert len(live) == 1, f"round {i}: {len(live)} live targets for one key"
                    assert {r[4] for r in got} == {live[0].id}  # both writers saved the same target
                    assert s.scalar(select(func.count()).select_from(Target).where(*key)) == 1
                    log = s.scalars(select(ChangeLog).where(ChangeLog.tbl == "targets",
                                                            ChangeLog.row_id == live[0].id)
                                    .order_by(ChangeLog.counter)).all()
                    assert [e.op for e in log] == ["I", "U"]
                    assert {Decimal(_value(e)) for e in log} == {Decimal(1000 + i), Decimal(2000 + i)}
                    assert live[0].value == Decimal(_value(log[-1]))  # the last write is in force
                    assert log[-1].actor in WRITERS and log[0].actor != log[-1].actor
                elif kind == "setting":
                    row = s.get(Setting, f"race_{i}")
                    assert row is not None and not row.deleted
                    log = s.scalars(select(ChangeLog).where(ChangeLog.tbl == "settings",
                                                            ChangeLog.row_id == f"race_{i}")
                                    .order_by(ChangeLog.counter)).all()
                    assert [e.op for e in log] == ["I", "U"]
                    assert json.loads(row.value) == json.loads(_value(log[-1]))
                    assert json.loads(row.value)["by"] == log[-1].actor  # the last writer's value
                    assert {json.loads(_value(e))["by"] for e in log} == set(WRITERS)
                else:
                    made = [r[4] for r in got]
                    rows = s.execute(select(Company.id, Company.number).where(Company.id.in_(made))).all()
                    assert len(rows) == 2
                    numbers += [n for _, n in rows]
    except BaseException:
        # a failed check lets the writers go at once instead of after the timeout (only then:
        # after the last round a writer may not have left its last wait yet, and would find
        # the barrier broken)
        barrier.abort()
        raise
    finally:
        for p in procs:
            p.join(timeout=BARRIER_SECONDS)
            if p.is_alive():
                p.kill()
    assert all(p.exitcode == 0 for p in procs)
    assert len(numbers) == len(set(numbers)) == 2 * ROUNDS
    assert sorted(numbers) == [f"TZ-CITY-C2026-{n:04d}" for n in range(1, 2 * ROUNDS + 1)]


def test_a_writer_that_skips_the_lock_is_stopped_by_the_index(city):
    """The unique index is the backstop: a row inserted by a connection that did not
    take the site's lock (an older program, a hand-written script) makes the insert
    of a save fail, and the save is done again as an update of that row."""
    from zsdesk.db.models import ChangeLog, Target
    from zsdesk.db.types import new_id

    url, ws, unit_id, _ = city
    other = create_engine(url, poolclass=NullPool)
    raw_id = new_id()
    done: list = []
    with other.connect() as conn:
        conn.execute(text("INSERT INTO targets (id, year, unit_id, staff_id, metric, value, owner_site_id, deleted) "
                          "VALUES (:i, 2027, :u, NULL, 'visits', 40000000, :s, false)"),
                     {"i": raw_id, "u": unit_id, "s": ws.site.id})   # 40 (万元 scaled by 10^6), not committed yet
        saver = threading.Thread(target=lambda: done.append(ws.reference.set_target(2027, unit_id, "visits", 50)))
        saver.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the save waits on the index for our transaction
            waiting = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                        "AND datname = current_database()")).scalar()
            if waiting:
                break
            time.sleep(0.02)
        assert waiting, "the save did not reach the index"
        conn.commit()
    other.dispose()
    saver.join(timeout=30)
    assert done == [raw_id]
    with ws.read() as s:
        live = s.scalars(select(Target).where(Target.year == 2027, Target.metric == "visits", ~Target.deleted)).all()
        assert [(t.id, t.value) for t in live] == [(raw_id, Decimal(50))]
        log = s.scalars(select(ChangeLog).where(ChangeLog.row_id == raw_id)).all()
        assert [(e.op, json.loads(e.data)) for e in log] == [("U", {"value": ["40", "50"]})]

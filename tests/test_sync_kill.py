"""An import is one transaction (docs/SYNC.md "Import" 7): a
``zsdesk sync import`` process killed at random moments leaves the city's
database entirely as it was before or entirely as it is after — never in
between — and a later import finishes the job. SQLite only: the test copies
database files and kills a process that has one open."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_sync_kit import FileDatabases, Net, dump_all, fingerprint
from zsdesk.backup import backup_to

KILLS = 15
VISITS = 5000
# written at import time with the clock of the moment: not part of "the state"
VOLATILE = {"sync_peers": {"rx_at", "enrolled_at"}, "sync_packages": {"at"}}


def run_import(db: Path, package: Path, trust: str) -> subprocess.Popen:
    env = {**os.environ, "ZSDESK_DATA_DIR": str(db.parent)}
    return subprocess.Popen([sys.executable, "-m", "zsdesk", "--db", str(db), "sync", "import", str(package),
                             "--trust", trust], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def backup_taken(db: Path) -> bool:
    folder = db.parent / "backups"
    return folder.exists() and any(folder.glob("*before-import*"))


def state_of(db: Path) -> dict:
    dbs = FileDatabases(db.parent)
    try:
        state = dump_all(dbs.workspace(f"sqlite:///{db}"), volatile=VOLATILE)
        # the import session's note names its backup file and the time: it differs from run to run
        # (it is written in the import's transaction, so it is there exactly when the import is)
        state["local_state"] = [tuple(("value", "…") if k == "value" and ("key", "import_session") in row
                                      else (k, v) for k, v in row) for row in state["local_state"]]
        return state
    finally:
        dbs.close_all()


def fresh_copy(src: Path, dst: Path) -> None:
    for f in dst.parent.glob(dst.name + "*"):
        f.unlink()
    dbs = FileDatabases(src.parent)
    try:
        backup_to(dbs.workspace(f"sqlite:///{src}"), dst)
    finally:
        dbs.close_all()


@pytest.mark.slow
def test_an_import_killed_at_random_moments_is_all_or_nothing(tmp_path):
    dbs = FileDatabases(tmp_path / "sites")
    net = Net(dbs, tmp_path, codes=("TX-U01",))
    tx = net["TX-U01"]
    unit = net.units["TX-U01"]
    companies = tx.companies.create_many([{"name": f"泰兴测试{i:03d}科技有限公司"} for i in range(50)])
    rnd = random.Random(2026)
    for start in range(0, VISITS, 1000):
        tx.visits.create_many([{"unit_id": unit, "company_id": rnd.choice(companies), "visit_date": "2026-05-01",
                                "outcome": "介绍园区政策"} for _ in range(start, start + 1000)])
    tx.projects.create({"unit_id": unit, "company_id": companies[0], "name": "杀进程测试项目",
                        "contract_date": "2026-04-01", "contract_investment": "1亿"})
    package = net.export(tx)
    trust = fingerprint(tx)
    pristine = tmp_path / "pristine" / "city.db"
    pristine.parent.mkdir()
    backup_to(net.city, pristine)
    dbs.close_all()
    before = state_of(pristine)

    # the state after a complete import, how long one takes, and when it starts
    # writing (the automatic backup is taken just before the transaction begins)
    done = tmp_path / "done" / "city.db"
    done.parent.mkdir()
    fresh_copy(pristine, done)
    started = time.perf_counter()
    proc = run_import(done, package, trust)
    writing = None
    while proc.poll() is None:
        if writing is None and backup_taken(done):
            writing = time.perf_counter() - started
        time.sleep(0.002)
    took = time.perf_counter() - started
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert writing is not None
    after = state_of(done)
    assert after != before
    assert len(after["visits"]) == VISITS

    work = tmp_path / "work" / "city.db"
    work.parent.mkdir()
    rnd = random.Random(int(os.environ.get("ZSDESK_KILL_SEED", "7")))
    outcomes, while_writing = [], 0
    for n in range(KILLS):
        fresh_copy(pristine, work)
        shutil.rmtree(work.parent / "backups", ignore_errors=True)
        proc = run_import(work, package, trust)
        if n % 4:  # most kills in the import's last stage: backup taken, merge, commit
            while proc.poll() is None and not backup_taken(work):
                time.sleep(0.002)
            time.sleep(rnd.uniform(0, (took - writing) * 1.1))
        else:      # a few anywhere
            time.sleep(rnd.uniform(0.05, took))
        in_transaction = proc.poll() is None and backup_taken(work)
        proc.kill()
        proc.wait(timeout=60)
        state = state_of(work)
        assert state in (before, after), "a killed import left a state that is neither before nor after"
        outcomes.append("after" if state == after else "before")
        while_writing += in_transaction
    print(f"import takes {took:.2f} s, writing from {writing:.2f} s; kills: {outcomes}; "
          f"{while_writing} while writing")
    assert "before" in outcomes
    assert while_writing >= KILLS // 2     # the interesting moments were really hit

    # a killed import is simply done again
    if outcomes[-1] == "before":
        proc = run_import(work, package, trust)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        assert state_of(work) == after

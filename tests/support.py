"""Small helpers shared by the tests (plain functions, no fixtures)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from zsdesk.validation import usci_check_char

TODAY = dt.date(2026, 6, 15)
COUNTY = {"role": "county", "code": "TX-U01", "name": "泰兴高新区招商单元"}
CITY = {"role": "city", "code": "TZ-CITY", "name": "泰州市商务局"}
COMPANY_NAME = "扬子江药业集团有限公司"


def make_usci(first17: str) -> str:
    """A valid 统一社会信用代码 from its first 17 characters."""
    return first17 + usci_check_char(first17)


COMPANY_USCI = make_usci("91321200141386701")


def log_entries(ws, table: str | None = None, row_id: str | None = None) -> list[dict]:
    """change_log rows (decoded), oldest first; a compact insert's data made whole
    from its row, as every reader of the log reads it (``entries_data``)."""
    from zsdesk.db.changes import entries_data
    from zsdesk.db.models import ChangeLog

    q = select(ChangeLog).order_by(ChangeLog.seq)
    if table:
        q = q.where(ChangeLog.tbl == table)
    if row_id:
        q = q.where(ChangeLog.row_id == row_id)
    with ws.read() as s:
        rows = s.scalars(q).all()
        datas = entries_data(s, [(r.tbl, r.row_id, r.data) for r in rows])
    return [{"seq": r.seq, "origin": r.origin_site_id, "counter": r.counter, "hlc": r.hlc,
             "tbl": r.tbl, "row_id": r.row_id, "op": r.op, "data": data,
             "base": json.loads(r.base) if r.base else None, "actor": r.actor, "source": r.source,
             "recorded_at": r.recorded_at} for r, data in zip(rows, datas)]


def count(ws, model, *, live_only: bool = False) -> int:
    q = select(func.count()).select_from(model)
    if live_only:
        q = q.where(~model.deleted)
    with ws.read() as s:
        return s.scalar(q)


def local_state(ws) -> dict[str, str]:
    from zsdesk.db.models import LocalState

    with ws.read() as s:
        return dict(s.execute(select(LocalState.key, LocalState.value)).all())


def add_foreign_site(ws, code: str = "JY-U02", name: str = "靖江经开区招商单元",
                     role: str = "county") -> str:
    """Record another site in this database, as a sync import would."""
    from zsdesk.db.models import Site
    from zsdesk.db.types import new_id

    site_id = new_id()
    with ws.write(source="test-import") as w:
        w.insert(Site, {"id": site_id, "code": code, "name": name, "role": role,
                        "owner_site_id": site_id})
    return site_id


class OpenedDatabases:
    """Databases and workspaces a test opens (``self._open``), closed together
    at its end; the base of conftest's ``Databases`` and the sync kit's files."""

    def open(self, url: str, *, migrate: bool = True):
        from zsdesk.db.engine import Database

        db = Database(url, migrate=migrate)
        self._open.append(db)
        return db

    def workspace(self, url: str, **kw):
        from zsdesk.services import Workspace

        kw.setdefault("today", lambda: TODAY)
        kw.setdefault("actor", "测试员")
        ws = Workspace(self.open(url), **kw)
        self._open.append(ws)
        return ws

    def close_all(self) -> None:
        for thing in reversed(self._open):
            thing.close()
        self._open.clear()


def run_program_script(script: str, db_file, tmp_path, marker: str) -> tuple[dict, list[str]]:
    """Run ``script`` (which starts the real program on ``sys.argv[1]`` with something
    watched) on ``db_file`` in a fresh, headless process with its own home: the JSON
    it printed after ``marker`` and the output lines after that one."""
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZSDESK_QUIT_AFTER_MS": "0", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
           "XDG_STATE_HOME": str(home / ".state")}
    out = subprocess.run([sys.executable, "-c", script, str(db_file)], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith(marker + " "))
    return json.loads(lines[at][len(marker) + 1:]), lines[at + 1:]

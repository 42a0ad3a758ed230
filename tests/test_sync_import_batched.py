"""The city's import works per column and per table, not per row (issue 15: a flat
import cost). Each batched step must give exactly what the row-by-row step it
replaces gives: the checks of a package's entries (``entries_valid`` against
``validate_entry``), the compact form of a new row's insert entry
(``compact_new_inserts`` against ``compact_insert``) and the values a new row is
stored with (``_insert_entry_rows`` against ``_insert_rows`` of decoded values).
A whole import is compared with the row-by-row result in test_sync_roundtrip and
test_compact_inserts; hostile files keep their messages in test_sync_hostile."""

from __future__ import annotations

import copy
import random

import msgspec
import pytest
from sqlalchemy import text

from test_sync_kit import Net
from zsdesk.db.changes import TableInfo, compact_insert, compact_new_inserts
from zsdesk.db.models import SYNCED_MODELS, Project, Visit
from zsdesk.sync.engine import BadEntry, Entry, entries_valid, validate_entry

#: JSON values a package may hold, good and bad for one column or another
POOL = [None, "", "x", "招商", 0, 1, -5, True, False, 2**62, "2026-01-02", "2026-1-2", "20260102", "0999-01-01",
        "2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05.000000+00:00", "2026-01-02T03:04:05+08:00",
        "2026-01-02T03:04:05", "12000.50", "12000.5", "1e3", "1e999999", "0.000001", "0.0000001", "1.0000000",
        "-0", 12000, "12000", "NaN", [1], {"a": 1}]


def _decodable(info: TableInfo, column: str) -> list:
    """The pool's values the merge can decode for ``column`` (the others are refused before)."""
    out = []
    for v in POOL:
        try:
            info.decode(column, v)
        except (ArithmeticError, ValueError, TypeError):
            continue
        out.append(v)
    return out


@pytest.mark.parametrize("table", sorted(SYNCED_MODELS))
def test_compact_new_inserts_is_compact_insert_of_the_decoded_row(table):
    info = TableInfo.of(SYNCED_MODELS[table])
    rnd = random.Random(table)
    values = {c: _decodable(info, c) for c in info.columns}
    datas = []
    for n in range(300):
        d = {c: rnd.choice(values[c]) for c in info.columns}
        if n % 7 == 0:   # a repeated value in every column (a batch's dates and times)
            d = {c: values[c][-1] for c in info.columns}
        if n % 29 == 0:  # not exactly the table's columns in their order: stays whole
            d = dict(reversed(list(d.items()))) if n % 58 else {k: v for k, v in list(d.items())[1:]}
        datas.append(d)
    got = compact_new_inserts(info, datas)
    for d, g in zip(datas, got):
        row = {c: info.decode(c, v) for c, v in d.items()}
        want = compact_insert(info, d, row)
        assert g == want, (d, g, want)
        assert want is None or list(g) == list(want)   # the same key order: the same logged text


def _package_entries(net: Net) -> list[Entry]:
    """A county's real package: companies, staff, visits, a project with money and dates."""
    tx = net["TX-U01"]
    unit = net.units["TX-U01"]
    staff = tx.reference.staff.create({"unit_id": unit, "name": "张伟"})
    companies = tx.companies.create_many([{"name": f"恒远新材料{i}有限公司"} for i in range(5)])
    tx.visits.create_many([{"unit_id": unit, "company_id": companies[i % 5], "staff_id": staff,
                            "visit_date": "2026-03-0" + str(1 + i % 5), "kind": "上门招商",
                            "place": "深圳市南山区"} for i in range(20)])
    tx.projects.create({"unit_id": unit, "company_id": companies[0], "name": "新材料项目",
                        "contract_date": "2026-03-01", "contract_investment": "12000.50", "jobs": 50})
    path = net.export(tx, encrypt=False)
    from test_sync_kit import read_zip
    lines = read_zip(path.read_bytes())["changes.jsonl"].splitlines()
    return [msgspec.json.decode(line, type=Entry) for line in lines if line.strip()]


def _mutants(entries: list[Entry]) -> list[tuple[str, Entry]]:
    """Entries each wrong in one way that only the checks of meaning catch."""
    def first(tbl: str, op: str = "I") -> Entry:
        return next(e for e in entries if e.tbl == tbl and e.op == op)

    def changed(e: Entry, **kw) -> Entry:
        e = copy.deepcopy(e)
        for k, v in kw.items():
            setattr(e, k, v)
        return e

    visit, project = first("visits"), first("projects")
    bad = [
        ("unknown table", changed(visit, tbl="no_such_table")),
        ("unknown field", changed(visit, data={**visit.data, "nope": 1})),
        ("missing field", changed(visit, data={k: v for k, v in visit.data.items() if k != "place"})),
        ("empty data", changed(visit, op="U", data={})),
        ("row id", changed(visit, row_id="settings-like-id")),
        ("date", changed(visit, data={**visit.data, "visit_date": "2026-02-30"})),
        ("date form", changed(visit, data={**visit.data, "visit_date": "2026-2-3"})),
        ("time", changed(visit, data={**visit.data, "created_at": "2026-03-01T10:00:00"})),
        ("money", changed(project, data={**project.data, "contract_investment": "1e999999"})),
        ("money nan", changed(project, data={**project.data, "contract_investment": "NaN"})),
        ("int", changed(project, data={**project.data, "jobs": "50"})),
        ("bool", changed(visit, data={**visit.data, "deleted": 2})),
        ("update value", changed(visit, op="U", data={"visit_date": [None, "2026-13-01"]})),
        ("update pair", changed(visit, op="U", data={"visit_date": ["2026-03-01"]})),
        ("recorded at", changed(visit, recorded_at="yesterday")),
    ]
    return bad


def test_entries_valid_agrees_with_validate_entry_entry_by_entry(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    entries = _package_entries(net)
    assert len(entries) > 25
    assert entries_valid(entries)
    for e in entries:
        validate_entry(e)
    good_update = copy.deepcopy(next(e for e in entries if e.tbl == "visits"))
    good_update.op, good_update.data = "U", {"place": ["深圳市南山区", "苏州市"], "visit_date": ["2026-03-01", "2026-03-02"]}
    assert entries_valid([*entries, good_update])
    for what, bad in _mutants(entries):
        with pytest.raises(BadEntry):
            validate_entry(bad)
        batch = entries[:10] + [bad] + entries[10:]
        assert not entries_valid(batch), what


def test_new_rows_are_stored_as_the_row_by_row_insert_stores_them(databases, tmp_path):
    """``_insert_entry_rows`` (JSON values, each distinct value decoded and bound
    once) stores exactly what ``_insert_rows`` of the decoded values stores."""
    net = Net(databases, tmp_path, codes=("TX-U01",))
    city = net.city
    if city.db.engine.dialect.name != "sqlite":
        pytest.skip("the per-column insert is SQLite's bulk path")
    entries = [e for e in _package_entries(net) if e.op == "I"]
    class Undo(Exception):
        pass

    for model in (Visit, Project):
        info = TableInfo.of(model)
        mine = [e for e in entries if e.tbl == info.name]
        assert mine
        other = {e.row_id: "f" + e.row_id[1:] if e.row_id[0] != "f" else "e" + e.row_id[1:] for e in mine}
        with pytest.raises(Undo), city.write() as w:   # nothing kept: the import's rows come later
            w.session.execute(text("PRAGMA defer_foreign_keys = ON"))
            w._insert_entry_rows(info, [{**e.data, "id": e.row_id} for e in mine])
            w._insert_rows(info, [{**{c: info.decode(c, v) for c, v in e.data.items()}, "id": other[e.row_id],
                                   "number": "copy-" + e.data["number"]} for e in mine])
            columns = [c for c in info.columns if c != "number"]
            got = {r[0]: r[1:] for r in w.session.execute(text(f"SELECT id, {', '.join(columns)} FROM {info.name}"))}
            for e in mine:
                assert got[e.row_id] == got[other[e.row_id]], e.row_id
            raise Undo


def test_the_log_text_of_an_imported_entry_is_log_json_byte_for_byte():
    from zsdesk.db.changes import LOG_JSON
    from zsdesk.sync.engine import _log_text

    rnd = random.Random(15)
    values = [None, True, False, 0, -1, 2**63 - 1, 2**70, 1.5, 1e16, float("nan"), [1, "a"], {"a": 1}, "", "招商",
              "\x00\x1f\"\\/\u2028\u2029\x7f\ufeff\U0001f600", "\ud800"]
    for _ in range(3000):
        d = {"".join(chr(rnd.randrange(0x20, 0x3000)) for _ in range(rnd.randrange(1, 4))): rnd.choice(values)
             for _ in range(rnd.randrange(0, 5))}
        assert _log_text(d) == LOG_JSON.encode(d), d

"""The per-origin totals check counts what an import created, not the city's whole
tables: the rows of each county's held at the city are kept in ``local_state``
and added to by each import; a kept number that disagrees is counted again
(docs/SYNC.md, issue 15)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from test_sync_kit import Net
from zsdesk.db.models import SYNCED_MODELS, LocalState
from zsdesk.sync.exchange import HELD_KEY


@pytest.fixture
def net(databases, tmp_path):
    return Net(databases, tmp_path)


def held(ws, site_id) -> dict[str, int]:
    """What the city holds of a site's own, counted."""
    with ws.read() as s:
        out = {name: s.scalar(select(func.count()).select_from(model).where(model.owner_site_id == site_id))
               for name, model in SYNCED_MODELS.items()}
    return {k: v for k, v in out.items() if v}


def kept(ws, site_id) -> dict[str, int]:
    with ws.read() as s:
        row = s.get(LocalState, HELD_KEY + site_id)
        return json.loads(row.value) if row is not None else {}


def add_work(ws, unit, n: int, tag: str) -> None:
    company = ws.companies.create({"name": f"{tag}精密机械有限公司"})
    ws.visits.create_many([{"unit_id": unit, "company_id": company, "visit_date": "2026-06-01"}
                           for _ in range(n)])


def send_and_check(net, tx, n: int, tag: str) -> None:
    """``n`` more visits from the county, sent up: applied without a totals warning,
    and the kept numbers equal a count of what the city holds."""
    add_work(tx, net.units["TX-U01"], n, tag)
    result = net.up("TX-U01")
    assert result.status == "applied" and not [w for w in result.warnings if "对方有" in w]
    assert kept(net.city, tx.site.id) == held(net.city, tx.site.id)


def test_the_kept_numbers_follow_each_import(net):
    tx, city = net["TX-U01"], net.city
    send_and_check(net, tx, 3, "泰兴一")
    assert kept(city, tx.site.id)["visits"] == 3
    send_and_check(net, tx, 4, "泰兴二")
    assert kept(city, tx.site.id)["visits"] == 7


def test_a_wrong_or_missing_kept_number_is_counted_again(net):
    tx, city = net["TX-U01"], net.city
    add_work(tx, net.units["TX-U01"], 2, "泰兴一")
    net.up("TX-U01")
    with city.write() as w:   # a kept number gone wrong (or a database from before it was kept)
        w.session.merge(LocalState(key=HELD_KEY + tx.site.id, value=json.dumps({"visits": 40, "companies": 0})))
    send_and_check(net, tx, 1, "泰兴二")
    with city.write() as w:
        w.session.delete(w.session.get(LocalState, HELD_KEY + tx.site.id))
    send_and_check(net, tx, 1, "泰兴三")
    assert kept(city, tx.site.id)["visits"] == 4


def test_a_preview_keeps_nothing(net):
    tx, city = net["TX-U01"], net.city
    add_work(tx, net.units["TX-U01"], 2, "泰兴预览")
    path = net.export(tx)
    assert net.imp(city, path, dry_run=True).status == "preview"
    assert kept(city, tx.site.id) == {}
    assert net.imp(city, path).status == "applied"
    assert kept(city, tx.site.id) == held(city, tx.site.id)

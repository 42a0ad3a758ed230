"""撞车 alerts settled by the city (``zsdesk.sync.alerts.handle_alert``): the
decision is an audited write of the alert, travels to both counties in the city's
next file, and the counties see it; a county cannot decide. The command line
(``zsdesk alert list|handle``) does the same. Real databases and real files."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from support import COMPANY_NAME, log_entries
from test_sync_kit import Net
from zsdesk.app.sync import list_alerts, load_sync
from zsdesk.db.models import Alert, Company
from zsdesk.errors import NotFoundError, RefusedError, ValidationError
from zsdesk.sync.alerts import handle_alert, handled_alerts, open_alerts


@pytest.fixture
def net(databases, tmp_path):
    """Both counties visit 扬子江药业 (TX first), the files go round once: the city
    found the 撞车 and both counties hold the alert."""
    net = Net(databases, tmp_path)
    net.ids = {}
    for code, day in (("TX-U01", "2026-03-02"), ("JJ-U01", "2026-03-05")):
        ws = net[code]
        company = ws.companies.create({"name": COMPANY_NAME, "region": "江苏泰州"})
        ws.visits.create({"unit_id": net.units[code], "company_id": company, "visit_date": day})
        net.ids[code] = company
    net.round_trip()
    [alert] = open_alerts(net.city)
    net.ids["alert"] = alert.id
    assert [a.id for a in open_alerts(net["TX-U01"])] == [alert.id]
    return net


def the_alert(ws, alert_id) -> Alert:
    with ws.read() as s:
        return s.get(Alert, alert_id)


def test_the_city_attributes_the_investor_and_the_counties_see_it(net):
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    alert_id, jj_unit, tx_unit = net.ids["alert"], net.units["JJ-U01"], net.units["TX-U01"]
    assert the_alert(city, alert_id).first_unit_id == tx_unit          # 首报首谈: TX

    done = handle_alert(city, alert_id, outcome="attributed", reason="靖江先签了意向协议", owner_unit_id=jj_unit)
    assert (done.outcome, done.unit_id, done.merged) == ("attributed", jj_unit, False)
    a = the_alert(city, alert_id)
    assert (a.status, a.note, a.first_unit_id) == ("attributed", "靖江先签了意向协议", jj_unit)
    decision = json.loads(a.summary)["decision"]
    assert decision["suggested_unit_id"] == tx_unit and decision["date"] == "2026-06-15"
    assert open_alerts(city) == [] and [h.id for h in handled_alerts(city)] == [alert_id]

    # audited: one update of the alert in the change log, with who did it
    [entry] = [e for e in log_entries(city, "alerts", alert_id) if e["op"] == "U"]
    assert entry["actor"] == "测试员" and entry["origin"] == city.site.id
    assert entry["data"]["status"] == ["open", "attributed"]
    assert entry["data"]["first_unit_id"] == [tx_unit, jj_unit]

    # the decision travels in the city's next file; each county sees it
    for code, ws in (("TX-U01", tx), ("JJ-U01", jj)):
        result = net.down(code)
        assert result.status == "applied" and not result.report.refused, result.report.to_json()
        assert open_alerts(ws) == []
        opened, handled = list_alerts(ws)
        assert opened == []
        [row] = handled
        assert (row.id, row.status, row.note) == (alert_id, "attributed", "靖江先签了意向协议")
        assert row.decided_unit == "靖江经开区招商单元" and row.first_unit == "泰兴高新区招商单元"
        assert row.decided_on == "2026-06-15" and row.handled
        assert load_sync(ws).handled_alerts == [row] and load_sync(ws).alerts == []
    # a settled pair is not found again by the next import
    tx.companies.update(net.ids["TX-U01"], {"address": "泰兴市高新区"})
    result = net.up("TX-U01")
    assert result.status == "applied" and result.report.tables["companies"].updated == 1
    assert open_alerts(city) == []


def test_both_kept_needs_a_reason(net):
    city, alert_id = net.city, net.ids["alert"]
    with pytest.raises(ValidationError) as err:
        handle_alert(city, alert_id, outcome="kept", reason="  ")
    assert err.value.field == "reason" and "理由" in err.value.message
    assert the_alert(city, alert_id).status == "open"
    handle_alert(city, alert_id, outcome="kept", reason="两个县区分别洽谈不同产品线")
    a = the_alert(city, alert_id)
    assert (a.status, a.note, a.first_unit_id) == ("kept", "两个县区分别洽谈不同产品线", net.units["TX-U01"])
    with pytest.raises(RefusedError, match="已处理"):                  # settled once
        handle_alert(city, alert_id, outcome="merged", reason=None)


def test_inputs_are_checked_and_name_the_field(net):
    city, alert_id = net.city, net.ids["alert"]
    with pytest.raises(NotFoundError, match="撞车提醒不存在"):
        handle_alert(city, "no-such-alert", outcome="kept", reason="x")
    with pytest.raises(ValidationError) as err:
        handle_alert(city, alert_id, outcome="dropped", reason="x")
    assert err.value.field == "outcome"
    with pytest.raises(ValidationError) as err:
        handle_alert(city, alert_id, outcome="attributed", reason=None)
    assert err.value.field == "owner_unit_id" and "归属单元" in err.value.message
    other = city.reference.units.create({"code": "XH-U01", "name": "兴化经开区招商单元"})
    with pytest.raises(ValidationError) as err:
        handle_alert(city, alert_id, outcome="attributed", reason=None, owner_unit_id=other)
    assert err.value.field == "owner_unit_id" and "双方" in err.value.message
    with pytest.raises(ValidationError) as err:
        handle_alert(city, alert_id, outcome="kept", reason="x", owner_unit_id=net.units["TX-U01"])
    assert err.value.field == "owner_unit_id"
    assert the_alert(city, alert_id).status == "open"
    assert not [e for e in log_entries(city, "alerts", alert_id) if e["op"] == "U"]


def test_merging_two_counties_companies_is_only_recorded(net):
    """A company is its county's record (rights: the owner writes it), so the city
    records "the same investor" and each county keeps its record."""
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    done = handle_alert(city, net.ids["alert"], outcome="merged", reason=None)
    assert done.outcome == "merged" and not done.merged and "只读" in (done.merge_refused or "")
    assert the_alert(city, net.ids["alert"]).status == "merged"
    with city.read() as s:
        assert s.scalars(select(Company.merged_into_id).where(
            Company.id.in_([net.ids["TX-U01"], net.ids["JJ-U01"]]))).all() == [None, None]
    net.round_trip()
    for ws in (tx, jj):
        [row] = list_alerts(ws)[1]
        assert row.status == "merged" and row.merged is False
        assert the_alert(ws, net.ids["alert"]).status == "merged"


def test_the_city_merges_where_it_may(databases, tmp_path):
    """Two records this site owns: "merged" merges them through ws.companies.merge."""
    net = Net(databases, tmp_path, codes=("TX-U01",))
    city = net.city
    unit = net.units["TX-U01"]
    first, second = (city.companies.create({"name": name}) for name in (COMPANY_NAME, "扬子江药业集团"))
    with city.write() as w:
        alert_id = w.insert(Alert, {"company_a_id": first, "company_b_id": second, "unit_a_id": unit,
                                    "unit_b_id": unit, "reason": "name", "score": "92", "first_unit_id": unit,
                                    "summary": "{}", "status": "open"})
    done = handle_alert(city, alert_id, outcome="merged", reason="同一集团")
    assert done.merged and done.merge_refused is None
    assert city.companies.get(second).merged_into_id == first
    assert the_alert(city, alert_id).status == "merged"


def test_a_county_cannot_handle_an_alert(net):
    tx = net["TX-U01"]
    with pytest.raises(RefusedError, match="由市级处理"):
        handle_alert(tx, net.ids["alert"], outcome="kept", reason="我们先谈的")
    assert the_alert(tx, net.ids["alert"]).status == "open"


# --- the command line ------------------------------------------------------------------------

def test_alert_list_and_handle_from_the_command_line(net, cli, backend):
    if backend != "sqlite":
        pytest.skip("the command line opens the SQLite file")
    city, tx = net.city, net["TX-U01"]
    alert_id = net.ids["alert"]
    city_db, tx_db = str(city.db.path), str(tx.db.path)
    code, out, _ = cli("alert", "list", "--db", city_db)
    assert code == 0 and alert_id in out and "首报首谈建议：泰兴高新区招商单元" in out
    code, out, _ = cli("alert", "list", "--json", "--db", city_db)
    [row] = json.loads(out)
    assert row["id"] == alert_id and row["status"] == "open"

    # a county is told that the city decides
    code, _, err = cli("alert", "handle", alert_id, "--outcome", "kept", "--reason", "x", "--db", tx_db)
    assert code == 2 and "由市级处理" in err and "Traceback" not in err
    # bad input: a clear message naming the field, nothing written
    code, _, err = cli("alert", "handle", alert_id, "--outcome", "kept", "--db", city_db)
    assert code == 2 and "各自保留须填写理由" in err
    code, _, err = cli("alert", "handle", alert_id, "--outcome", "attributed", "--unit", "NO-SUCH", "--db", city_db)
    assert code == 2 and "找不到招商单元：NO-SUCH" in err
    code, _, err = cli("alert", "handle", "nope", "--outcome", "merged", "--db", city_db)
    assert code == 2 and "撞车提醒不存在" in err

    code, out, _ = cli("alert", "handle", alert_id, "--outcome", "attributed", "--unit", "JJ-U01",
                       "--reason", "靖江先签约", "--db", city_db)
    assert code == 0 and "归属认定" in out and "JJ-U01" in out
    code, out, _ = cli("alert", "list", "--db", city_db)
    assert "没有待处理的撞车提醒" in out and "已处理：归属认定（靖江经开区招商单元）" in out and "理由：靖江先签约" in out
    [entry] = [e for e in log_entries(city, "alerts", alert_id) if e["op"] == "U"]
    assert entry["data"]["status"] == ["open", "attributed"]


def test_a_merge_from_the_command_line_says_it_was_only_recorded(net, cli, backend):
    if backend != "sqlite":
        pytest.skip("the command line opens the SQLite file")
    code, out, _ = cli("alert", "handle", net.ids["alert"], "--outcome", "合并", "--db", str(net.city.db.path))
    assert code == 0 and "同一投资方·合并" in out and "市级不能合并" in out

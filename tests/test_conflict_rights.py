"""Who decides a conflict (``zsdesk.sync.conflicts``): the list says, with the
same rights check ``resolve`` makes, whether this site may decide it; a site that
may not takes note (知悉) — closed here, nothing written — and one that may is
told to decide instead. Real databases, files exchanged by the sync core."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from test_sync_kit import shared_project_net
from zsdesk.app.sync import load_sync
from zsdesk.db.models import ChangeLog, Conflict, Project
from zsdesk.errors import RefusedError
from zsdesk.sync import conflicts


@pytest.fixture
def net(databases, tmp_path):
    """TX (the owner) and JJ (the 飞地 partner) both changed the project's 备注."""
    net = shared_project_net(databases, tmp_path)
    tx, jj = net["TX-U01"], net["JJ-U01"]
    pid = net.ids["project"]
    tx.projects.update(pid, {"notes": "泰兴：已完成土地摘牌"})
    with jj.write() as w:
        w.update(Project, pid, {"notes": "靖江：设备已进场"}, allow_foreign=True)
    net.round_trip(["TX-U01", "JJ-U01"])
    return net


def logged(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLog))


def test_the_list_says_who_may_decide_as_resolve_does(net):
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    [mine] = conflicts.list_conflicts(tx)
    assert mine.may_decide and mine.refusal is None and mine.owner_name == "泰兴高新区招商单元"
    [partner] = conflicts.list_conflicts(jj)
    assert partner.may_decide                                  # 备注 is a shared field of the partner
    [view] = conflicts.list_conflicts(city)
    assert not view.may_decide and view.refusal == "不能修改其他站点的记录"
    [row] = load_sync(city).conflicts
    assert not row.may_decide and row.why_not == "该记录属于泰兴高新区招商单元，由其处理；处理结果会随同步文件传来"
    assert load_sync(tx).conflicts[0].why_not == ""
    # resolve refuses with the same reason the list gave
    with pytest.raises(RefusedError, match=view.refusal):
        conflicts.resolve(city, view.id, keep="theirs")


def test_acknowledge_closes_it_without_writing(net):
    city, tx = net.city, net["TX-U01"]
    [view] = conflicts.list_conflicts(city)
    before = logged(city)
    conflicts.resolve(city, view.id, keep="acknowledged")
    assert conflicts.list_conflicts(city) == [] and logged(city) == before
    with city.read() as s:
        c = s.get(Conflict, view.id)
        assert c.status == "resolved" and json.loads(c.resolution) == {"by": city.site.id, "keep": "acknowledged"}
    with pytest.raises(RefusedError, match="已解决"):
        conflicts.acknowledge(city, view.id)
    # the owner may decide: it is told to, and its conflict stays open
    [own] = conflicts.list_conflicts(tx)
    with pytest.raises(RefusedError, match="本站点可以处理该冲突"):
        conflicts.acknowledge(tx, own.id)
    assert len(conflicts.list_conflicts(tx)) == 1

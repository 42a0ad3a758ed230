"""拜访记录: participants, dates, follow-ups and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from support import TODAY, add_foreign_site, count
from zsdesk.db.models import Unit, Visit, VisitParticipant
from zsdesk.errors import ValidationError, ValidationErrors


def _visit(unit_id, company_id, **kw):
    return {"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-10",
            "kind": "上门招商", "place": "上海张江", **kw}


def test_visit_with_participants(ws, unit_id, company_id, staff_id):
    other = ws.reference.staff.create({"unit_id": unit_id, "name": "赵干事"})
    vid = ws.visits.create(_visit(unit_id, company_id, staff_id=staff_id, trip_days="3",
                                  participants=[staff_id, other], people="徐总（投资总监）",
                                  outcome="对方有意在泰兴设生产基地", next_step="寄送园区资料",
                                  next_due="2026-06-20"))
    v = ws.visits.get(vid)
    assert v.visit_date == dt.date(2026, 6, 10) and v.trip_days == 3
    assert v.number == "TX-U01-V2026-0001"
    assert v.next_due == dt.date(2026, 6, 20) and v.followup_done is False
    assert sorted(ws.visits.participants(vid)) == sorted([staff_id, other])
    ws.visits.mark_followup_done(vid)
    assert ws.visits.get(vid).followup_done is True


def test_numbers_follow_the_visit_year(ws, unit_id, company_id):
    a = ws.visits.create(_visit(unit_id, company_id, visit_date="2025-12-30"))
    b = ws.visits.create(_visit(unit_id, company_id, visit_date="2026年1月2日"))
    c = ws.visits.create(_visit(unit_id, company_id, visit_date=46024))  # Excel serial, 2026-01-02
    assert ws.visits.get(a).number == "TX-U01-V2025-0001"
    assert ws.visits.get(b).number == "TX-U01-V2026-0001"
    assert ws.visits.get(c).number == "TX-U01-V2026-0002"


def test_visit_without_company_needs_the_other_side_named(ws, unit_id):
    with pytest.raises(ValidationError) as info:
        ws.visits.create({"unit_id": unit_id, "visit_date": "2026-06-01"})
    assert info.value.field == "company_id"
    vid = ws.visits.create({"unit_id": unit_id, "visit_date": "2026-06-01", "kind": "展会推介",
                            "people": "进博会上接触的多家企业"})
    assert ws.visits.get(vid).company_id is None


def test_next_due_before_visit_date_is_refused(ws, unit_id, company_id):
    with pytest.raises(ValidationError) as info:
        ws.visits.create(_visit(unit_id, company_id, next_due="2026-06-09"))
    assert info.value.field == "next_due" and "早于拜访日期" in info.value.message
    assert count(ws, Visit) == 0


def test_future_visit_date_is_refused(ws, unit_id, company_id):
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as info:
        ws.visits.create(_visit(unit_id, company_id, visit_date=tomorrow))
    assert info.value.field == "visit_date" and "晚于今天" in info.value.message
    ws.visits.create(_visit(unit_id, company_id, visit_date=TODAY))  # today itself is fine


def test_missing_unit_is_refused_naming_the_field(ws, company_id):
    with pytest.raises(ValidationError) as info:
        ws.visits.create({"company_id": company_id, "visit_date": "2026-06-01"})
    assert info.value.field == "unit_id" and "招商单元" in info.value.message


def test_several_problems_are_reported_together(ws, company_id):
    with pytest.raises(ValidationErrors) as info:
        ws.visits.create({"company_id": company_id, "visit_date": "2099-01-01", "kind": "吃饭",
                          "trip_days": "两天"})
    assert set(info.value.fields) == {"unit_id", "visit_date", "kind", "trip_days"}
    assert count(ws, Visit) == 0


def test_references_must_exist(ws, unit_id, company_id):
    ghost = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(ValidationErrors) as info:
        ws.visits.create(_visit(unit_id, ghost, participants=[ghost], lead_id=ghost))
    assert set(info.value.fields) == {"company_id", "participants", "lead_id"}
    assert count(ws, Visit) == 0 and count(ws, VisitParticipant) == 0


def test_county_cannot_record_for_another_sites_unit(ws, company_id):
    other_site = add_foreign_site(ws)
    with ws.write() as w:
        other_unit = w.insert(Unit, {"code": "JY-U02", "name": "靖江经开区", "site_id": other_site,
                                     "owner_site_id": other_site})
    with pytest.raises(ValidationError) as info:
        ws.visits.create(_visit(other_unit, company_id))
    assert info.value.field == "unit_id" and "本站点" in info.value.message


def test_bulk_create_refuses_the_whole_batch_and_names_the_rows(ws, unit_id, company_id):
    rows = [_visit(unit_id, company_id, outcome=f"第{i}条") for i in range(10)]
    rows[3]["visit_date"] = "2026-13-01"
    rows[7]["next_due"] = "2026-01-01"
    with pytest.raises(ValidationErrors) as info:
        ws.visits.create_many(rows, first_row=2)  # row numbers as in a spreadsheet with a header
    assert [(e.row, e.field) for e in info.value.errors] == [(5, "visit_date"), (9, "next_due")]
    assert "第5行" in str(info.value)
    assert count(ws, Visit) == 0


def test_edit_and_delete_a_visit(ws, unit_id, company_id):
    vid = ws.visits.create(_visit(unit_id, company_id))
    changed = ws.visits.update(vid, {"outcome": "签订框架协议", "trip_days": 2})
    assert changed == {"outcome": (None, "签订框架协议"), "trip_days": (0, 2)}
    with pytest.raises(ValidationError) as info:
        ws.visits.update(vid, {"next_due": "2026-06-01"})
    assert info.value.field == "next_due"
    ws.visits.delete(vid)
    assert ws.counts()["visits"] == 0

"""拜访记录: visits, their participants, and follow-ups."""

from __future__ import annotations

from sqlalchemy import select

from zsdesk.db.models import Company, Lead, Staff, Unit, Visit, VisitParticipant
from zsdesk.domain import VISIT_KINDS
from zsdesk.errors import ReadOnlyError
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import parse_date, parse_int, require_choice, require_text


class VisitService(RecordService[Visit]):
    model = Visit
    references = {"unit_id": Unit, "company_id": Company, "lead_id": Lead, "staff_id": Staff,
                  "participants": Staff}
    extras = ("participants",)
    clean_keeps_input = True

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        today = self.ws.today()
        out = {k: values[k] for k in ("id", "number", "unit_id", "company_id", "lead_id", "staff_id")
               if values.get(k) is not None}
        if not values.get("unit_id"):
            check.fail("unit_id", "请选择招商单元")
        out["visit_date"] = d = check(parse_date, values.get("visit_date"), "visit_date",
                                      required=True, not_after=today)
        out["kind"] = check(require_choice, values.get("kind") or "上门招商", "kind", VISIT_KINDS)
        out["place"] = check(require_text, values.get("place"), "place", max_len=100, required=False)
        out["trip_days"] = check(parse_int, values.get("trip_days") or 0, "trip_days") or 0
        if out["trip_days"] > 366:
            check.fail("trip_days", "外出天数不合理（超过366天）")
        out["people"] = check(require_text, values.get("people"), "people", max_len=200, required=False)
        out["outcome"] = check(require_text, values.get("outcome"), "outcome", max_len=5000,
                               required=False)
        out["next_step"] = check(require_text, values.get("next_step"), "next_step", max_len=5000,
                                 required=False)
        due = check(parse_date, values.get("next_due"), "next_due")
        if due and d and due < d:
            check.fail("next_due", "下一步截止日期不能早于拜访日期")
        out["next_due"] = due
        out["followup_done"] = bool(values.get("followup_done"))
        if not out.get("company_id") and not out["people"]:
            check.fail("company_id", "请选择拜访的企业（或填写对方人员）")
        if values.get("participants"):
            out["participants"] = list(values["participants"])
        return out

    def number_year(self, row: dict) -> int:
        return row["visit_date"].year

    def after_create(self, w, rows, ids, extras) -> None:
        parts = [{"visit_id": vid, "staff_id": sid}
                 for vid, extra in zip(ids, extras) for sid in extra.get("participants") or ()]
        if parts:
            w.insert_many(VisitParticipant, parts)

    def after_update(self, w, row_id, extras) -> None:
        """``participants`` given to update() is the whole new list: add the new
        ones, tombstone the ones no longer on it."""
        if "participants" not in extras:
            return
        wanted = list(dict.fromkeys(extras["participants"] or ()))
        current = dict(w.session.execute(select(VisitParticipant.staff_id, VisitParticipant.id).where(
            VisitParticipant.visit_id == row_id, ~VisitParticipant.deleted)).all())
        for staff_id, part_id in current.items():
            if staff_id not in wanted:
                w.delete(VisitParticipant, part_id, allow_foreign=True)
        added = [{"visit_id": row_id, "staff_id": sid} for sid in wanted if sid not in current]
        if added:
            w.insert_many(VisitParticipant, added)

    def participants(self, visit_id: str) -> list[str]:
        with self.ws.read() as s:
            return list(s.scalars(select(VisitParticipant.staff_id).where(
                VisitParticipant.visit_id == visit_id, ~VisitParticipant.deleted)))

    def mark_followup_done(self, visit_id: str) -> None:
        self.update(visit_id, {"followup_done": True})

    # -- 转为线索 -------------------------------------------------------------------
    def lead_values(self, visit_id: str) -> dict:
        """A new lead's values taken from a visit (转为线索): its company (and the
        company's 产业), unit, leader as 包保责任人 (else the first of our people),
        what was learned as 备注, the visit as 线索来源, and an open next step's due
        date as 下次跟进. ``from_visit_id`` names the visit for ``create_lead``.
        The project name is left to the person: a visit does not say it."""
        v = self.values(visit_id)
        owner = v["staff_id"] or next(iter(self.participants(visit_id)), None)
        industry = None
        if v["company_id"]:
            with self.ws.read() as s:
                industry = s.scalar(select(Company.industry_id).where(Company.id == v["company_id"]))
        return {
            "from_visit_id": visit_id, "unit_id": v["unit_id"], "company_id": v["company_id"],
            "industry_id": industry, "owner_staff_id": owner, "source": f"拜访 {v['number']}",
            "notes": visit_summary(v),
            "next_followup": v["next_due"] if v["next_due"] and not v["followup_done"] else None,
        }

    def create_lead(self, visit_id: str, lead: dict) -> str:
        """Create the lead ``lead`` (checked as ``ws.leads.create`` checks it) made
        from a visit, and in the same transaction record it as the visit's 关联线索
        — unless the visit already has one or belongs to another site (then the
        lead's 线索来源 alone names the visit)."""
        visit = self.values(visit_id)
        leads = self.ws.leads
        values = leads.validate({k: v for k, v in lead.items() if k != "from_visit_id"})
        leads._check_references([values], None)  # the checks of RecordService.create_many
        self.ws.check_can_edit(leads.table, None)
        link = not visit["lead_id"]
        if link:
            try:
                self.ws.check_can_edit(self.table, visit["owner_site_id"])
            except ReadOnlyError:
                link = False
        with self.ws.write() as w:
            [lead_id] = w.insert_many(Lead, [values], number_year=leads.number_year)
            leads.after_create(w, [values], [lead_id], [{}])
            if link:
                w.update(Visit, visit_id, {"lead_id": lead_id}, allow_foreign=True)
        return lead_id


#: a lead's 备注 holds at most this many characters (LeadService.clean)
_NOTES_MAX = 5000


def visit_summary(v: dict) -> str:
    """A visit in a few lines, for the 备注 of the lead made from it."""
    where = "，".join(x for x in (v["visit_date"].isoformat(), v["kind"], v.get("place")) if x)
    lines = [f"拜访 {v['number']}（{where}）"]
    for label, key in (("对方人员", "people"), ("拜访成果", "outcome"), ("下一步", "next_step")):
        if v.get(key):
            lines.append(f"{label}：{v[key]}")
    text = "\n".join(lines)
    return text if len(text) <= _NOTES_MAX else text[:_NOTES_MAX - 1] + "…"

"""拜访记录: visits, their participants, and follow-ups."""

from __future__ import annotations

from sqlalchemy import select

from zsdesk.db.models import Company, Lead, Staff, Unit, Visit, VisitParticipant
from zsdesk.domain import VISIT_KINDS
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import parse_date, parse_int, require_choice, require_text


class VisitService(RecordService[Visit]):
    model = Visit
    references = {"unit_id": Unit, "company_id": Company, "lead_id": Lead, "staff_id": Staff,
                  "participants": Staff}
    extras = ("participants",)

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

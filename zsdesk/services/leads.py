"""招商线索: leads and their stages; signing a lead creates its project."""

from __future__ import annotations

from decimal import Decimal

from zsdesk.db.models import Company, Industry, Lead, LeadStage, Project, ProjectStage, Staff, Unit
from zsdesk.domain import LEAD_FLOW, LEAD_LABELS, LEAD_SIDE
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.services.base import Checker, RecordService
from zsdesk.services.stages import check_move, stage_history_query
from zsdesk.validation import parse_date, parse_money, require_choice, require_text


class LeadService(RecordService[Lead]):
    model = Lead
    protected = ("stage", "stage_date", "stage_reason")
    references = {"unit_id": Unit, "company_id": Company, "industry_id": Industry,
                  "owner_staff_id": Staff}
    clean_keeps_input = True

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        today = self.ws.today()
        out = {k: values[k] for k in ("id", "number", "unit_id", "company_id") if values.get(k) is not None}
        # optional references: an emptied one is written as empty (clears 包保责任人, 产业)
        out.update({k: values.get(k) or None for k in ("industry_id", "owner_staff_id") if k in values})
        for field, label in (("unit_id", "请选择招商单元"), ("company_id", "请选择企业")):
            if not values.get(field):
                check.fail(field, label)
        out["name"] = check(require_text, values.get("name"), "name", max_len=120)
        out["planned_investment"] = check(parse_money, values.get("planned_investment"),
                                          "planned_investment")
        out["foreign_investment_usd"] = check(parse_money, values.get("foreign_investment_usd"),
                                              "foreign_investment_usd")
        out["source"] = check(require_text, values.get("source"), "source", max_len=60, required=False)
        out["notes"] = check(require_text, values.get("notes"), "notes", max_len=5000, required=False)
        out["next_followup"] = check(parse_date, values.get("next_followup"), "next_followup")
        if current is None:  # a new lead starts at a flow stage before 签约
            out["stage"] = check(require_choice, values.get("stage") or "clue", "stage", LEAD_FLOW[:-1])
            out["stage_date"] = check(parse_date, values.get("stage_date") or today, "stage_date",
                                      not_after=today)
            out["first_reported"] = check(parse_date, values.get("first_reported") or out["stage_date"],
                                          "first_reported", not_after=today)
        else:
            out["first_reported"] = check(parse_date, values.get("first_reported"), "first_reported",
                                          required=True, not_after=today)
        return out

    def number_year(self, row):
        return row["first_reported"].year

    def after_create(self, w, rows, ids, extras):
        w.insert_many(LeadStage, [{"lead_id": i, "stage": r["stage"], "stage_date": r["stage_date"],
                                   "reason": r.get("stage_reason")} for i, r in zip(ids, rows)])

    def history(self, lead_id: str) -> list[LeadStage]:
        with self.ws.read() as s:
            return list(s.scalars(stage_history_query(LeadStage, LeadStage.lead_id == lead_id)))

    def advance(self, lead_id: str, stage: str, date, reason: str | None = None, *,
                contract: dict | None = None) -> str | None:
        """Move a lead to ``stage`` on ``date``. Moving to 签约 creates the
        project (``contract`` may give contract_investment and other project
        fields; the investment defaults to the planned one). Returns the new
        project's id when one was created."""
        lead = self.get(lead_id)
        self.ws.check_can_edit(self.table, lead.owner_site_id)
        if lead.stage == "signed":
            raise RefusedError("线索已签约，后续进展请在对应的签约项目中推进")
        # the record holds the current stage; the history tells how far the flow got
        history = [(h.stage, h.stage_date) for h in self.history(lead_id)] + [(lead.stage, lead.stage_date)]
        date, reason = check_move(flow=LEAD_FLOW, side=LEAD_SIDE, labels=LEAD_LABELS, history=history,
                                  new_stage=stage, new_date=date, reason=reason, today=self.ws.today())
        project_values = None
        if stage == "signed":
            contract = dict(contract or {})
            investment = contract.get("contract_investment", lead.planned_investment)
            if investment in (None, "") or Decimal(str(parse_money(investment, "contract_investment") or 0)) <= 0:
                raise ValidationError("contract_investment", "签约须填写合同投资额（万元）")
            project_values = self.ws.projects.validate({
                "unit_id": lead.unit_id, "company_id": lead.company_id, "name": lead.name,
                "industry_id": lead.industry_id, "owner_staff_id": lead.owner_staff_id,
                "foreign_investment_usd": lead.foreign_investment_usd,
                **contract, "lead_id": lead.id, "contract_date": date,
                "contract_investment": investment,
            })
        with self.ws.write() as w:
            w.update(Lead, lead_id, {"stage": stage, "stage_date": date, "stage_reason": reason})
            w.insert(LeadStage, {"lead_id": lead_id, "stage": stage, "stage_date": date, "reason": reason})
            if project_values:
                [project_id] = w.insert_many(Project, [project_values], number_year=lambda r: date.year)
                w.insert(ProjectStage, {"project_id": project_id, "stage": "signed", "stage_date": date})
                return project_id
        return None

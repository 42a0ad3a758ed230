"""签约项目: projects, their stages, capital arrivals, problems, reviews and referrals."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from zsdesk.db.models import (
    CapitalArrival, Carrier, Company, Industry, Lead, Problem, Project, ProjectStage, Referral, Review,
    ReviewStep, Staff, Unit,
)
from zsdesk.domain import (
    PROBLEM_CATEGORIES, PROJECT_CATEGORIES, PROJECT_FLOW, PROJECT_LABELS, PROJECT_SIDE, REVIEW_LABELS, REVIEW_STEPS,
)
from zsdesk.errors import ReadOnlyError, RefusedError, ValidationError
from zsdesk.services.base import Checker, RecordService
from zsdesk.services.stages import check_move, stage_history_query
from zsdesk.validation import parse_date, parse_int, parse_money, parse_ratio, require_choice, require_text


_ZERO = Decimal(0)
_OPTIONAL_REFS = ("industry_id", "lead_id", "carrier_id", "owner_staff_id")


class ProjectService(RecordService[Project]):
    model = Project
    protected = ("stage", "stage_date", "stage_reason")
    references = {"unit_id": Unit, "company_id": Company, "industry_id": Industry, "lead_id": Lead,
                  "carrier_id": Carrier, "owner_staff_id": Staff}
    clean_keeps_input = True

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        # An empty optional value is taken as None without calling its validator (each
        # returns None for it, without a problem): a ledger import cleans ten thousand rows.
        today = self.ws.today()
        get = values.get
        out = {}
        for key in ("id", "number"):
            value = get(key)
            if value is not None:
                out[key] = value
        unit_id = get("unit_id")
        if unit_id is not None:
            out["unit_id"] = unit_id
        company_id = get("company_id")
        if company_id is not None:
            out["company_id"] = company_id
        # optional references: an emptied one is written as empty (clears 包保责任人, 载体 …)
        for k in _OPTIONAL_REFS:
            if k in values:
                out[k] = values[k] or None
        if not unit_id:
            check.fail("unit_id", "请选择招商单元")
        if not company_id:
            check.fail("company_id", "请选择企业")
        out["name"] = check.text(get("name"), "name", max_len=120)
        out["contract_date"] = cdate = check.date(get("contract_date"), "contract_date", required=True,
                                                  not_after=today)
        # a foreign-funded project may state only its 外资 (万美元): counted by the 1,000万美元 rule
        raw_usd = get("foreign_investment_usd")
        usd = None if raw_usd is None else check.money(raw_usd, "foreign_investment_usd")
        foreign_only = usd is not None and usd > _ZERO and get("contract_investment") in (None, "", 0)
        amount = _ZERO if foreign_only else \
            check.money(get("contract_investment"), "contract_investment", required=True)
        if amount is not None and amount <= _ZERO and not foreign_only:
            check.fail("contract_investment", "合同投资额须大于0（只有外资的项目请填写外资金额，万美元）")
        out["contract_investment"] = amount
        # (a 外资 that could not be read is reported twice, as before: the import names it once)
        out["foreign_investment_usd"] = usd if usd is not None or raw_usd is None else \
            check.money(raw_usd, "foreign_investment_usd")
        raw = get("expected_output")
        out["expected_output"] = None if raw is None else check.money(raw, "expected_output")
        raw = get("expected_tax")
        out["expected_tax"] = None if raw is None else check.money(raw, "expected_tax")
        raw = get("land_mu")
        out["land_mu"] = None if raw is None else check.money(raw, "land_mu")
        raw = get("jobs")
        out["jobs"] = None if raw is None else check(parse_int, raw, "jobs")
        raw = get("notes")
        out["notes"] = None if raw is None else check.text(raw, "notes", max_len=5000, required=False)
        raw = get("category")
        out["category"] = check(require_choice, raw, "category", PROJECT_CATEGORIES, required=False) if raw else None
        if current is None:
            # A project enters at 签约; a ledger import may bring one already further on.
            raw = get("stage")
            stage = "signed" if not raw or raw == "signed" else \
                check(require_choice, raw, "stage", PROJECT_FLOW + PROJECT_SIDE)
            raw = get("stage_date")
            # no date of its own: the 签约 date, read above with the same rule
            sdate = check.date(raw, "stage_date", not_after=today) if raw else cdate
            if sdate and cdate and sdate < cdate:
                check.fail("stage_date", "阶段日期不能早于签约日期")
            if stage in ("defaulted", "stalled") and not get("stage_reason"):
                check.fail("stage_reason", "未履约/停滞须填写原因")
            out["stage"], out["stage_date"], out["stage_reason"] = stage, sdate, get("stage_reason")
        return out

    def number_year(self, row):
        return row["contract_date"].year

    def update(self, row_id: str, changes: dict, *, seen: dict | None = None) -> dict:
        """As for any record; and a shared project (飞地) is also the partner
        county's to update, in the fields the sync rules give both counties
        (``rights.SHARED_PROJECT_FIELDS``: none of them a reference)."""
        from zsdesk.sync.rights import SHARED_PROJECT_FIELDS

        current = self.values(row_id)
        if not (current["owner_site_id"] != self.ws.site.id and changes
                and set(changes) <= SHARED_PROJECT_FIELDS and self.ws.site.id in self.partner_sites(row_id)):
            return super().update(row_id, changes, seen=seen)
        merged = self.validate({**current, **changes}, current=current)
        with self.ws.write() as w:
            return w.update(Project, row_id, {f: merged[f] for f in changes}, seen=seen, allow_foreign=True)

    def _check_can_add(self, project) -> None:
        """Arrivals and problems are added by the project's owner, and by the
        partner county of a shared project (飞地): money that arrives and problems
        that arise on its side (``rights.PARTNER_CHILDREN``)."""
        if project.owner_site_id != self.ws.site.id and self.ws.site.id in self.partner_sites(project.id):
            return
        self.ws.check_can_edit(self.table, project.owner_site_id)

    def partner_sites(self, project_id: str) -> set[str]:
        """The sites of both counties of the project's live referrals (飞出地 and 飞入地)."""
        with self.ws.read() as s:
            units = [u for r in s.execute(select(Referral.from_unit_id, Referral.to_unit_id).where(
                Referral.project_id == project_id, ~Referral.deleted)) for u in r]
            if not units:
                return set()
            return {sid for sid in s.scalars(select(Unit.site_id).where(Unit.id.in_(units))) if sid}

    def after_create(self, w, rows, ids, extras):
        history = []
        for pid, r in zip(ids, rows):
            history.append({"project_id": pid, "stage": "signed", "stage_date": r["contract_date"]})
            if r["stage"] != "signed":
                history.append({"project_id": pid, "stage": r["stage"], "stage_date": r["stage_date"],
                                "reason": r.get("stage_reason")})
        w.insert_many(ProjectStage, history)

    def id_for_lead(self, lead_id: str) -> str | None:
        """The project a signed lead became (None before it is signed)."""
        with self.ws.read() as s:
            return s.scalar(select(Project.id).where(Project.lead_id == lead_id, ~Project.deleted)
                            .order_by(Project.contract_date).limit(1))

    def history(self, project_id: str) -> list[ProjectStage]:
        with self.ws.read() as s:
            return list(s.scalars(stage_history_query(ProjectStage, ProjectStage.project_id == project_id)))

    def advance(self, project_id: str, stage: str, date, reason: str | None = None) -> None:
        """推进 a project to ``stage`` on ``date`` (see stages.check_move for the rules)."""
        project = self.get(project_id)
        self.ws.check_can_edit(self.table, project.owner_site_id)
        history = [(h.stage, h.stage_date) for h in self.history(project_id)]
        history.append((project.stage, project.stage_date))
        date, reason = check_move(flow=PROJECT_FLOW, side=PROJECT_SIDE, labels=PROJECT_LABELS,
                                  history=history, new_stage=stage, new_date=date, reason=reason,
                                  today=self.ws.today())
        with self.ws.write() as w:
            w.update(Project, project_id, {"stage": stage, "stage_date": date, "stage_reason": reason})
            w.insert(ProjectStage, {"project_id": project_id, "stage": stage, "stage_date": date,
                                    "reason": reason})

    # -- capital arrivals (资金到位) -------------------------------------------------
    def add_arrival(self, project_id: str, date, amount, note: str | None = None) -> str:
        project = self.get(project_id)
        self._check_can_add(project)
        check = Checker()
        d = check(parse_date, date, "arrival_date", required=True, not_after=self.ws.today())
        value = check(parse_money, amount, "amount", required=True)
        if value is not None and value <= 0:
            check.fail("amount", "到位金额须大于0")
        if d and d < project.contract_date:
            check.fail("arrival_date", f"到位日期不能早于签约日期{project.contract_date.isoformat()}")
        note = check(require_text, note, "note", max_len=500, required=False)
        check.done()
        with self.ws.write() as w:
            return w.insert(CapitalArrival, {"project_id": project_id, "arrival_date": d,
                                             "amount": value, "note": note})

    def arrivals(self, project_id: str) -> list[CapitalArrival]:
        with self.ws.read() as s:
            return list(s.scalars(select(CapitalArrival).where(
                CapitalArrival.project_id == project_id, ~CapitalArrival.deleted)
                .order_by(CapitalArrival.arrival_date)))

    def _child(self, model, row_id: str, missing: str):
        """A live arrival/problem/stage entry, after checking this site may change it:
        its own rows only (the partner county of a shared project its own arrivals
        and problems; stage entries are the project owner's)."""
        with self.ws.read() as s:
            row = s.get(model, row_id)
        if row is None or row.deleted:
            raise RefusedError(missing)
        self.ws.check_can_edit(model.__tablename__, row.owner_site_id)
        return row

    def _tombstone(self, model, row_id: str, reason: str) -> None:
        """Delete as a tombstone carrying its reason (required, audited and synced)."""
        reason = require_text(reason, "deleted_reason", max_len=200)
        with self.ws.write() as w:
            w.update(model, row_id, {"deleted": True, "deleted_reason": reason})

    def update_arrival(self, arrival_id: str, date, amount, note: str | None = None) -> dict:
        """Correct an arrival's date, amount and note. Returns what changed."""
        arrival = self._child(CapitalArrival, arrival_id, "到位记录不存在或已删除")
        project = self.get(arrival.project_id)
        check = Checker()
        d = check(parse_date, date, "arrival_date", required=True, not_after=self.ws.today())
        value = check(parse_money, amount, "amount", required=True)
        if value is not None and value <= 0:
            check.fail("amount", "到位金额须大于0")
        if d and d < project.contract_date:
            check.fail("arrival_date", f"到位日期不能早于签约日期{project.contract_date.isoformat()}")
        note = check(require_text, note, "note", max_len=500, required=False)
        check.done()
        with self.ws.write() as w:
            return w.update(CapitalArrival, arrival_id, {"arrival_date": d, "amount": value, "note": note})

    def delete_arrival(self, arrival_id: str, reason: str) -> None:
        """删除 an arrival (a tombstone with its reason): it leaves the totals."""
        self._child(CapitalArrival, arrival_id, "到位记录不存在或已删除")
        self._tombstone(CapitalArrival, arrival_id, reason)

    # -- problems (待协调问题) ----------------------------------------------------------
    def add_problem(self, project_id: str, category: str, description: str, raised_date=None,
                    responsible: str | None = None) -> str:
        project = self.get(project_id)
        self._check_can_add(project)
        check = Checker()
        category = check(require_choice, category, "category", PROBLEM_CATEGORIES)
        description = check(require_text, description, "description", max_len=2000)
        raised = check(parse_date, raised_date or self.ws.today(), "raised_date", not_after=self.ws.today())
        responsible = check(require_text, responsible, "responsible", max_len=80, required=False)
        check.done()
        with self.ws.write() as w:
            return w.insert(Problem, {"project_id": project_id, "category": category,
                                      "description": description, "raised_date": raised,
                                      "responsible": responsible})

    def resolve_problem(self, problem_id: str, date, resolution: str) -> None:
        with self.ws.read() as s:
            problem = s.get(Problem, problem_id)
        if problem is None or problem.deleted:
            raise RefusedError("问题不存在")
        self.ws.check_can_edit("problems", problem.owner_site_id)
        if problem.resolved:
            raise RefusedError("该问题已解决")
        check = Checker()
        d = check(parse_date, date, "resolved_date", required=True, not_after=self.ws.today())
        if d and d < problem.raised_date:
            check.fail("resolved_date", "解决日期不能早于提出日期")
        resolution = check(require_text, resolution, "resolution", max_len=2000)
        check.done()
        with self.ws.write() as w:
            w.update(Problem, problem_id, {"resolved": True, "resolved_date": d, "resolution": resolution})

    def update_problem(self, problem_id: str, category: str, description: str, raised_date,
                       responsible: str | None = None) -> dict:
        """Correct a problem's category, text, date and 责任部门. Returns what changed."""
        problem = self._child(Problem, problem_id, "问题不存在或已删除")
        check = Checker()
        category = check(require_choice, category, "category", PROBLEM_CATEGORIES)
        description = check(require_text, description, "description", max_len=2000)
        raised = check(parse_date, raised_date, "raised_date", required=True, not_after=self.ws.today())
        if raised and problem.resolved_date and raised > problem.resolved_date:
            check.fail("raised_date", "提出日期不能晚于解决日期")
        responsible = check(require_text, responsible, "responsible", max_len=80, required=False)
        check.done()
        with self.ws.write() as w:
            return w.update(Problem, problem_id, {"category": category, "description": description,
                                                  "raised_date": raised, "responsible": responsible})

    def delete_problem(self, problem_id: str, reason: str) -> None:
        """删除 a problem (a tombstone with its reason)."""
        self._child(Problem, problem_id, "问题不存在或已删除")
        self._tombstone(Problem, problem_id, reason)

    # -- stage entries (阶段记录): the owner's corrections ---------------------------------------
    def _stage_neighbours(self, entry):
        history = self.history(entry.project_id)
        i = next(n for n, h in enumerate(history) if h.id == entry.id)
        return history, i

    def update_stage_entry(self, entry_id: str, date, reason: str | None = None) -> dict:
        """Correct the date and reason of a stage move. The 签约 entry's date is the
        contract date (corrected in the project itself); a date stays between
        its neighbours' and not in the future. The latest entry is the
        project's current stage, so the project follows it."""
        entry = self._child(ProjectStage, entry_id, "阶段记录不存在或已删除")
        history, i = self._stage_neighbours(entry)
        check = Checker()
        d = check(parse_date, date, "stage_date", required=True, not_after=self.ws.today())
        if entry.stage == "signed" and d and d != entry.stage_date:
            check.fail("stage_date", "签约日期请在项目的“签约日期”中修改")
        if d and i > 0 and d < history[i - 1].stage_date:
            check.fail("stage_date", f"日期不能早于上一阶段（{history[i - 1].stage_date.isoformat()}）")
        if d and i + 1 < len(history) and d > history[i + 1].stage_date:
            check.fail("stage_date", f"日期不能晚于下一阶段（{history[i + 1].stage_date.isoformat()}）")
        if entry.stage in ("defaulted", "stalled") and not (reason or "").strip():
            check.fail("reason", "未履约/停滞须填写原因")
        reason = check(require_text, reason, "reason", max_len=2000, required=False)
        check.done()
        with self.ws.write() as w:
            diff = w.update(ProjectStage, entry_id, {"stage_date": d, "reason": reason})
            if i == len(history) - 1:
                w.update(Project, entry.project_id, {"stage_date": d, "stage_reason": reason})
        return diff

    def delete_stage_entry(self, entry_id: str, reason: str) -> None:
        """删除 a stage move recorded by mistake (a tombstone with its reason). The
        签约 entry stays; deleting the latest one puts the project back at the
        stage before it."""
        entry = self._child(ProjectStage, entry_id, "阶段记录不存在或已删除")
        if entry.stage == "signed":
            raise RefusedError("签约记录不能删除")
        history, i = self._stage_neighbours(entry)
        reason = require_text(reason, "deleted_reason", max_len=200)
        with self.ws.write() as w:
            w.update(ProjectStage, entry_id, {"deleted": True, "deleted_reason": reason})
            if i == len(history) - 1 and i > 0:
                before = history[i - 1]
                w.update(Project, entry.project_id, {"stage": before.stage, "stage_date": before.stage_date,
                                                     "stage_reason": before.reason})

    def problems(self, project_id: str) -> list[Problem]:
        with self.ws.read() as s:
            return list(s.scalars(select(Problem).where(Problem.project_id == project_id, ~Problem.deleted)
                                  .order_by(Problem.raised_date)))

    # -- 落户预审 --------------------------------------------------------------------------
    def recommend_review(self, project_id: str, date, comment: str | None = None) -> str:
        """单元推荐: the unit puts a major project up for review."""
        project = self.get(project_id)
        self.ws.check_can_edit(self.table, project.owner_site_id)
        d = parse_date(date, "step_date", required=True, not_after=self.ws.today())
        with self.ws.write() as w:
            rid = w.insert(Review, {"project_id": project_id, "step": "recommended", "step_date": d,
                                    "comment": comment})
            w.insert(ReviewStep, {"review_id": rid, "step": "recommended", "step_date": d, "comment": comment})
        return rid

    def advance_review(self, review_id: str, step: str, date, comment: str | None = None) -> None:
        """联席会审查 → 市领导审核 → 通过/退回: the city's steps."""
        if not self.ws.site.is_city:
            raise ReadOnlyError("预审由市级办理")
        with self.ws.read() as s:
            review = s.get(Review, review_id)
        if review is None or review.deleted:
            raise RefusedError("预审记录不存在")
        step = require_choice(step, "step", REVIEW_STEPS)
        if review.step in ("approved", "returned"):
            raise RefusedError(f"预审已{REVIEW_LABELS[review.step]}")
        if REVIEW_STEPS.index(step) <= REVIEW_STEPS.index(review.step):
            raise RefusedError(f"预审已到“{REVIEW_LABELS[review.step]}”，不能回到“{REVIEW_LABELS[step]}”")
        d = parse_date(date, "step_date", required=True, not_after=self.ws.today())
        if d < review.step_date:
            raise ValidationError("step_date", "日期不能早于上一步")
        with self.ws.write() as w:
            w.update(Review, review_id, {"step": step, "step_date": d, "comment": comment},
                     allow_foreign=True)
            w.insert(ReviewStep, {"review_id": review_id, "step": step, "step_date": d, "comment": comment})

    # -- 项目共享 (飞地) ---------------------------------------------------------------------
    def add_referral(self, project_id: str, from_unit_id: str, share, date, *, tax_share=None,
                     score_share=None, note: str | None = None) -> str:
        """The city records that ``from_unit_id`` (飞出地) passed the project to its
        unit (飞入地), keeping ``share`` of the credit."""
        project = self.get(project_id)
        self.ws.check_can_edit("referrals", None)
        if from_unit_id == project.unit_id:
            raise ValidationError("from_unit_id", "飞出地与飞入地不能相同")
        share = parse_ratio(share, "from_share_investment")
        d = parse_date(date, "agreed_date", required=True, not_after=self.ws.today())
        with self.ws.read() as s:
            if s.get(Unit, from_unit_id) is None:
                raise ValidationError("from_unit_id", "招商单元不存在")
            existing = s.scalar(select(Referral.id).where(Referral.project_id == project_id, ~Referral.deleted))
        if existing:
            raise RefusedError("该项目已登记共享")
        with self.ws.write() as w:
            return w.insert(Referral, {
                "project_id": project_id, "from_unit_id": from_unit_id, "to_unit_id": project.unit_id,
                "from_share_investment": share,
                "from_share_tax": parse_ratio(tax_share if tax_share is not None else share, "from_share_tax"),
                "from_share_score": parse_ratio(score_share if score_share is not None else share,
                                                "from_share_score"),
                "agreed_date": d, "note": note})

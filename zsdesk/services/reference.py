"""Reference data: units, staff, industries, targets, scoring rules, settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from zsdesk.db.changes import ChangeWriter
from zsdesk.db.models import Industry, ScoringRules, Setting, Staff, Target, Unit
from zsdesk.domain import TARGET_METRICS
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.seed import DEFAULT_LIGHT_LIMITS
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import parse_int, parse_money, require_choice, require_text


class UnitService(RecordService[Unit]):
    model = Unit

    def clean(self, values, check, *, current=None):
        out = {k: values[k] for k in ("id", "site_id") if values.get(k)}
        if current is None and "site_id" not in out and not self.ws.site.is_city:
            out["site_id"] = self.ws.site.id  # a county's new 招商组 is kept at this site
        out["code"] = (check(require_text, values.get("code"), "code", max_len=32) or "").upper() or None
        out["name"] = check(require_text, values.get("name"), "name", max_len=100)
        out["region"] = check(require_text, values.get("region"), "region", max_len=60, required=False)
        out["active"] = bool(values.get("active", True))
        out["sort_order"] = check(parse_int, values.get("sort_order") or 0, "sort_order") or 0
        if current is None and out["code"]:
            with self.ws.read() as s:
                if s.scalar(select(Unit.id).where(Unit.code == out["code"])):
                    check.fail("code", f"单元代码“{out['code']}”已存在")
        return out


class StaffService(RecordService[Staff]):
    model = Staff
    references = {"unit_id": Unit}

    def clean(self, values, check, *, current=None):
        out = {k: values[k] for k in ("id", "unit_id") if values.get(k)}
        if not values.get("unit_id"):
            check.fail("unit_id", "请选择招商单元")
        out["name"] = check(require_text, values.get("name"), "name", max_len=40)
        out["title"] = check(require_text, values.get("title"), "title", max_len=40, required=False)
        out["phone"] = check(require_text, values.get("phone"), "phone", max_len=30, required=False)
        out["active"] = bool(values.get("active", True))
        return out


class IndustryService(RecordService[Industry]):
    model = Industry
    references = {"parent_id": Industry}

    def clean(self, values, check, *, current=None):
        out = {k: values[k] for k in ("id", "parent_id") if values.get(k)}
        out["code"] = check(require_text, values.get("code"), "code", max_len=32)
        out["name"] = check(require_text, values.get("name"), "name", max_len=60)
        out["chain_position"] = check(require_choice, values.get("chain_position"), "chain_position",
                                      ("上游", "中游", "下游"), required=False)
        out["active"] = bool(values.get("active", True))
        out["sort_order"] = check(parse_int, values.get("sort_order") or 0, "sort_order") or 0
        return out


class TargetService(RecordService[Target]):
    model = Target
    references = {"unit_id": Unit, "staff_id": Staff}

    def clean(self, values, check, *, current=None):
        out = {k: values[k] for k in ("id", "unit_id", "staff_id") if values.get(k)}
        out["year"] = check(parse_int, values.get("year"), "year", minimum=2000, required=True)
        out["metric"] = check(require_choice, values.get("metric"), "metric", TARGET_METRICS)
        out["value"] = check(parse_money, values.get("value"), "value", required=True)
        return out


_T = TypeVar("_T")


def _write_again_on_duplicate(ws, save: Callable[[ChangeWriter], _T]) -> _T:
    """``save(writer)`` in one write transaction, and once more in a new one when the
    database refused a duplicate (the unique index on live targets, a setting's key).
    ``save`` looks its row up after the site's lock, so this happens only when a
    writer that skipped the lock (an older program, a script on the shared database)
    inserted the same row meanwhile: that row is committed by then, and the second
    attempt finds it and changes it."""
    try:
        with ws.write() as w:
            return save(w)
    except IntegrityError:
        with ws.write() as w:
            return save(w)


class ReferenceService:
    """Units, staff, industries, targets, scoring rules and settings."""

    def __init__(self, ws):
        self.ws = ws
        self.units = UnitService(ws)
        self.staff = StaffService(ws)
        self.industries = IndustryService(ws)
        self.targets = TargetService(ws)

    # -- reading ---------------------------------------------------------------
    def list_units(self, *, include_inactive: bool = False) -> list[Unit]:
        with self.ws.read() as s:
            q = select(Unit).where(~Unit.deleted).order_by(Unit.sort_order, Unit.code)
            if not include_inactive:
                q = q.where(Unit.active)
            return list(s.scalars(q))

    def list_staff(self, unit_id: str | None = None, *, include_inactive: bool = False) -> list[Staff]:
        with self.ws.read() as s:
            q = select(Staff).where(~Staff.deleted).order_by(Staff.name)
            if not include_inactive:
                q = q.where(Staff.active)
            if unit_id:
                q = q.where(Staff.unit_id == unit_id)
            return list(s.scalars(q))

    def list_industries(self) -> list[Industry]:
        with self.ws.read() as s:
            return list(s.scalars(select(Industry).where(~Industry.deleted, Industry.active)
                                  .order_by(Industry.code)))

    def targets_for(self, year: int) -> dict[str, dict[str, object]]:
        """{unit_id: {metric: value}} for unit-level targets of ``year``."""
        out: dict[str, dict] = {}
        with self.ws.read() as s:
            for t in s.scalars(select(Target).where(Target.year == year, Target.staff_id.is_(None),
                                                    ~Target.deleted)):
                out.setdefault(t.unit_id, {})[t.metric] = t.value
        return out

    def staff_targets_for(self, year: int) -> list[Target]:
        """The per-person targets of ``year``."""
        with self.ws.read() as s:
            return list(s.scalars(select(Target).where(Target.year == year, Target.staff_id.is_not(None),
                                                       ~Target.deleted).order_by(Target.metric)))

    def set_target(self, year: int, unit_id: str, metric: str, value, staff_id: str | None = None) -> str:
        """Create or change the target of a unit (or a person) for a year and metric.

        The target is looked up inside the write transaction, after ``ChangeWriter``
        has taken the site's lock: two PCs saving the same target at once are served
        one after the other, the second changes the row the first made, and the log
        holds both values in the order they took effect (issue 13; before, each PC
        looked first, found nothing and inserted its own row)."""
        values = self.targets.validate({"year": year, "unit_id": unit_id, "metric": metric,
                                        "value": value, "staff_id": staff_id})
        self.targets._check_references([values], None)
        self.ws.check_can_edit("targets", None)
        key = (Target.year == values["year"], Target.unit_id == values["unit_id"], Target.metric == values["metric"],
               Target.staff_id == values["staff_id"] if values.get("staff_id") else Target.staff_id.is_(None),
               ~Target.deleted)

        def save(w: ChangeWriter) -> str:
            found = w.session.execute(select(Target.id, Target.owner_site_id).where(*key)).first()
            if found is None:
                return w.insert(Target, values)
            self.ws.check_can_edit("targets", found.owner_site_id)
            w.update(Target, found.id, {"value": values["value"]}, allow_foreign=True)
            return found.id

        return _write_again_on_duplicate(self.ws, save)

    # -- scoring rules ---------------------------------------------------------------
    def scoring_rules(self, year: int | None = None) -> ScoringRules:
        """The active rule set with the highest version for ``year`` (or the default)."""
        with self.ws.read() as s:
            rows = list(s.scalars(select(ScoringRules).where(~ScoringRules.deleted, ScoringRules.active)
                                  .order_by(ScoringRules.version.desc())))
        for r in rows:
            if year is None or r.year in (year, 0):
                return r
        raise RefusedError("没有可用的评分规则")

    def new_scoring_rules(self, weights: dict, deductions: dict, *, year: int = 0,
                          note: str | None = None) -> str:
        """A new version of the scoring rules (old versions stay for old briefs)."""
        self.ws.check_can_edit("scoring_rules", None)
        check = Checker()
        clean_w = {}
        for metric, points in weights.items():
            check(require_choice, metric, "weights", TARGET_METRICS)
            clean_w[metric] = float(check(parse_money, points, f"weights.{metric}") or 0)
        clean_d = {k: float(check(parse_money, v, f"deductions.{k}") or 0) for k, v in deductions.items()}
        check.done()
        with self.ws.read() as s:
            latest = s.scalar(select(ScoringRules.version).order_by(ScoringRules.version.desc()).limit(1)) or 0
        with self.ws.write() as w:
            return w.insert(ScoringRules, {"version": latest + 1, "year": year,
                                           "weights": json.dumps(clean_w), "deductions": json.dumps(clean_d),
                                           "note": note})

    # -- settings ----------------------------------------------------------------------
    def setting(self, key: str, default=None):
        with self.ws.read() as s:
            row = s.get(Setting, key)
        return json.loads(row.value) if row and not row.deleted else default

    def light_limits(self) -> dict:
        return {**DEFAULT_LIGHT_LIMITS, **(self.setting("light_limits") or {})}

    def set_setting(self, key: str, value) -> None:
        """Create or change a setting. Looked up inside the write transaction, as
        ``set_target`` does: of two PCs setting the same key at once, the second
        changes the first's row instead of failing on the key."""
        self.ws.check_can_edit("settings", None)
        text = json.dumps(value, ensure_ascii=False)

        def save(w: ChangeWriter) -> None:
            owner = w.session.scalar(select(Setting.owner_site_id).where(Setting.id == key))
            if owner is None:
                w.insert(Setting, {"id": key, "value": text})
            else:
                self.ws.check_can_edit("settings", owner)
                w.update(Setting, key, {"value": text}, allow_foreign=True)

        _write_again_on_duplicate(self.ws, save)

    def set_light_limits(self, **limits) -> None:
        current = self.light_limits()
        for key, value in limits.items():
            if key not in DEFAULT_LIGHT_LIMITS:
                raise ValidationError(key, "未知的亮灯时限")
            current[key] = parse_int(value, key, minimum=1, required=True)
        self.set_setting("light_limits", current)

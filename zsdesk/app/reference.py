"""Reference data as the window needs it: units, staff and industries as plain
frozen values (never the mapped rows of ``zsdesk.db.models``)."""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from zsdesk.errors import RefusedError


@dataclass(frozen=True)
class UnitInfo:
    """招商单元 / 专班."""
    id: str
    code: str
    name: str
    site_id: str | None
    region: str | None
    active: bool
    sort_order: int


@dataclass(frozen=True)
class StaffInfo:
    """招商人员."""
    id: str
    unit_id: str
    name: str
    title: str | None
    phone: str | None
    active: bool


@dataclass(frozen=True)
class IndustryInfo:
    """产业 or 产业链环节 (a child with a chain position)."""
    id: str
    code: str
    name: str
    parent_id: str | None
    chain_position: str | None
    active: bool
    sort_order: int


def _unit(u) -> UnitInfo:
    return UnitInfo(u.id, u.code, u.name, u.site_id, u.region, bool(u.active), u.sort_order or 0)


def _staff(s) -> StaffInfo:
    return StaffInfo(s.id, s.unit_id, s.name, s.title, s.phone, bool(s.active))


def list_units(ws, *, include_inactive: bool = False) -> list[UnitInfo]:
    return [_unit(u) for u in ws.reference.list_units(include_inactive=include_inactive)]


def list_staff(ws, unit_id: str | None = None) -> list[StaffInfo]:
    """The active staff (of one unit, or all)."""
    return [_staff(s) for s in ws.reference.list_staff(unit_id)]


def get_staff(ws, staff_id: str, *, include_deleted: bool = False) -> StaffInfo:
    return _staff(ws.reference.staff.get(staff_id, include_deleted=include_deleted))


def list_industries(ws) -> list[IndustryInfo]:
    return [IndustryInfo(i.id, i.code, i.name, i.parent_id, i.chain_position, bool(i.active), i.sort_order or 0)
            for i in ws.reference.list_industries()]


def own_unit_ids(ws) -> list[str]:
    """The ids of the units this site keeps (active or not)."""
    return [u.id for u in ws.reference.list_units(include_inactive=True) if u.site_id == ws.site.id]


_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def until_changed(ws, key: tuple, compute: Callable):
    """``compute()``, kept for ``ws`` until something is written to its database
    (the change log's newest entry: every edit and import adds one) or the day
    changes — for figures a screen reads on every refresh (历年赛马, 个人赛马)."""
    from sqlalchemy import func, select

    from zsdesk.db.models import ChangeLog

    with ws.read() as s:
        stamp = (s.scalar(select(func.max(ChangeLog.seq))) or 0, ws.today())
    kept = _kept.setdefault(ws, {})
    if key in kept and kept[key][0] == stamp:
        return kept[key][1]
    value = compute()
    kept[key] = (stamp, value)
    return value


def scope_unit_ids(ws) -> list[str] | None:
    """The units a screen shows (docs/DOMAIN.md#users): the city sees every unit (None);
    a county sees the units its own site keeps."""
    return None if ws.site.is_city else own_unit_ids(ws)


@dataclass(frozen=True)
class ScoringRulesInfo:
    """The 赛马 scoring rules in force: weights and deductions by metric."""
    version: int
    weights: dict[str, float]
    deductions: dict[str, float]


def scoring_rules(ws, year: int) -> ScoringRulesInfo | None:
    """The active rules for ``year`` (or the default), None when there are none."""
    try:
        rules = ws.reference.scoring_rules(year)
    except RefusedError:
        return None
    return ScoringRulesInfo(rules.version, json.loads(rules.weights or "{}"), json.loads(rules.deductions or "{}"))


# --- 招商人员: the roster a county keeps for its units, the city for any ---------------------------

def list_roster(ws, *, unit_ids: list[str] | None = None) -> list[StaffInfo]:
    """Every staff member, active or not (of ``unit_ids``; None: all), by name."""
    rows = ws.reference.list_staff(include_inactive=True)
    return [_staff(s) for s in rows if unit_ids is None or s.unit_id in unit_ids]


def add_staff(ws, values: dict) -> str:
    """A new person: ``unit_id``, ``name``, ``title``, ``phone``. Returns the id."""
    return ws.reference.staff.create({**values, "active": True})


def edit_staff(ws, staff_id: str, changes: dict) -> None:
    """Change a person's unit, name, title or phone (never deleted: see ``set_staff_active``)."""
    allowed = {k: v for k, v in changes.items() if k in ("unit_id", "name", "title", "phone")}
    if allowed:
        ws.reference.staff.update(staff_id, allowed)


def set_staff_active(ws, staff_id: str, active: bool) -> None:
    """停用 / 启用: an inactive person keeps their records but is no longer offered."""
    ws.reference.staff.update(staff_id, {"active": bool(active)})


# --- per-person targets (the city sets them) --------------------------------------------------------

@dataclass(frozen=True)
class StaffTargetInfo:
    """One person's target for a year and metric."""
    id: str
    year: int
    staff_id: str
    unit_id: str
    metric: str
    value: str


def staff_targets(ws, year: int) -> list[StaffTargetInfo]:
    """The per-person targets of ``year``."""
    return [StaffTargetInfo(t.id, t.year, t.staff_id, t.unit_id, t.metric, str(t.value))
            for t in ws.reference.staff_targets_for(year)]


def set_staff_target(ws, year: int, staff_id: str, metric: str, value) -> str:
    """Create or change a person's target (in the person's unit). Returns its id."""
    from zsdesk.validation import parse_int

    year = parse_int(year, "year", minimum=2000, required=True)
    staff = ws.reference.staff.get(staff_id)
    ws.reference.targets.validate({"year": year, "unit_id": staff.unit_id, "staff_id": staff_id,
                                   "metric": metric, "value": value})
    return ws.reference.set_target(year, staff.unit_id, metric, value, staff_id=staff_id)


# --- who makes the changes on this computer (本机使用人) --------------------------------------------

def use_actor(ws, staff_id: str | None) -> str | None:
    """Make ``staff_id``'s name the actor of every change this workspace writes
    (``change_log.actor``); None (or an unknown person): the actor the workspace
    was opened with. Returns the actor now in force."""
    name = ws.default_actor
    if staff_id:
        try:
            name = ws.reference.staff.get(staff_id, include_deleted=True).name
        except RefusedError:
            pass
    ws.actor = name
    return name

"""Reference data as the window needs it: units, staff and industries as plain
frozen values (never the mapped rows of ``zsdesk.db.models``)."""

from __future__ import annotations

import json
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

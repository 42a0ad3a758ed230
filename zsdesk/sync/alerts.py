"""撞车: the same investor pursued by two units, found by the city after an import.

Companies held by different county sites are matched by 统一社会信用代码 or by a
similar normalised name; the unit that reported first (首报首谈: the earliest
lead or visit) is the suggested owner."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from zsdesk.db.models import Alert, Company, Lead, Unit, Visit
from zsdesk.services.companies import FUZZY_THRESHOLD


def _first_contacts(s, company_ids) -> dict[str, tuple[str, str]]:
    """company id -> (unit id, first contact date) from leads and visits."""
    out: dict[str, tuple[str, str]] = {}
    ids = list(company_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = list(s.execute(select(Lead.company_id, Lead.unit_id, func.min(Lead.first_reported))
                              .where(Lead.company_id.in_(chunk), ~Lead.deleted)
                              .group_by(Lead.company_id, Lead.unit_id)))
        rows += list(s.execute(select(Visit.company_id, Visit.unit_id, func.min(Visit.visit_date))
                               .where(Visit.company_id.in_(chunk), ~Visit.deleted)
                               .group_by(Visit.company_id, Visit.unit_id)))
        for cid, unit, day in rows:
            if day is not None and (cid not in out or str(day) < out[cid][1]):
                out[cid] = (unit, str(day))
    return out


def detect_collisions(ws, w, company_ids=None) -> list[str]:
    """Create alerts for pairs not yet alerted. Returns the new alert ids.

    ``company_ids``: the companies an import wrote. Only a new or changed company
    can make a new pair, so only pairs with one of these are looked for (one
    import then costs its companies x all companies, not all x all); None looks
    at every pair."""
    from rapidfuzz import fuzz, process

    s = w.session
    companies = list(s.execute(select(Company.id, Company.name, Company.number, Company.usci, Company.name_norm,
                                      Company.owner_site_id)
                               .where(~Company.deleted, Company.merged_into_id.is_(None))))
    county_sites = set(s.scalars(select(Unit.site_id).where(Unit.site_id.is_not(None))))
    companies = [c for c in companies if c.owner_site_id in county_sites and c.owner_site_id != ws.site.id]
    known = {frozenset((a, b)) for a, b in s.execute(select(Alert.company_a_id, Alert.company_b_id))}
    pairs: dict[frozenset, tuple[str, float]] = {}
    by_usci = defaultdict(list)
    for c in companies:
        if c.usci:
            by_usci[c.usci].append(c)
    for group in by_usci.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.owner_site_id != b.owner_site_id:
                    pairs[frozenset((a.id, b.id))] = ("usci", 100.0)
    by_site = defaultdict(list)
    for c in companies:
        by_site[c.owner_site_id].append(c)
    sites = sorted(by_site)
    if company_ids is None:  # every pair: each site against the sites after it
        work = [(by_site[site], [c for other in sites[i + 1:] for c in by_site[other]])
                for i, site in enumerate(sites)]
    else:  # the written companies against every other site's
        wanted = set(company_ids)
        work = [([c for c in by_site[site] if c.id in wanted],
                 [c for other in sites if other != site for c in by_site[other]]) for site in sites]
    for mine, others in work:
        if not mine or not others:
            continue
        choices = [c.name_norm for c in others]
        for a in mine:
            for _, score, j in process.extract(a.name_norm, choices, scorer=fuzz.ratio,
                                               score_cutoff=FUZZY_THRESHOLD, limit=5):
                key = frozenset((a.id, others[j].id))
                pairs.setdefault(key, ("name", float(score)))
    new_pairs = {k: v for k, v in pairs.items() if k not in known}
    if not new_pairs:
        return []
    info = {c.id: c for c in companies}
    contacts = _first_contacts(s, {cid for k in new_pairs for cid in k})
    site_unit = dict(s.execute(select(Unit.site_id, Unit.id).where(Unit.site_id.is_not(None))).all())
    unit_names = dict(s.execute(select(Unit.id, Unit.name)).all())
    rows = []
    for key, (reason, score) in new_pairs.items():
        a, b = sorted((info[x] for x in key), key=lambda c: contacts.get(c.id, ("", "9999"))[1])
        ua = contacts.get(a.id, (site_unit.get(a.owner_site_id), None))
        ub = contacts.get(b.id, (site_unit.get(b.owner_site_id), None))
        if not ua[0] or not ub[0]:
            continue
        # 首报首谈: the earlier first contact; none on the same day (the city decides)
        first = ua[0] if ua[1] and ua[1] != ub[1] else None
        summary = {side: {"company": c.name, "number": c.number, "unit": unit_names.get(u[0]),
                          "first_contact": u[1]} for side, c, u in (("a", a, ua), ("b", b, ub))}
        rows.append({"company_a_id": a.id, "company_b_id": b.id, "unit_a_id": ua[0], "unit_b_id": ub[0],
                     "reason": reason, "score": Decimal(str(round(score, 2))), "first_unit_id": first,
                     "summary": json.dumps(summary, ensure_ascii=False), "status": "open"})
    return w.insert_many(Alert, rows)


def open_alerts(ws) -> list[Alert]:
    with ws.read() as s:
        return list(s.scalars(select(Alert).where(~Alert.deleted, Alert.status == "open")))

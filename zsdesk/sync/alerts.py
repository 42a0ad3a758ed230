"""撞车: the same investor pursued by two units, found by the city after an import.

Companies held by different county sites are matched by 统一社会信用代码 or by a
similar normalised name; the unit that reported first (首报首谈: the earliest
lead or visit) is the suggested owner.

The city settles an alert (``handle_alert``): the same investor (merged), both
kept (with a reason), or attributed to one of the two units. The alert row is
updated through the ChangeWriter, so the decision is audited and travels to both
counties in the city's next file."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select

from zsdesk.batch import chunks

from zsdesk.db.changes import name_key_hashes
from zsdesk.db.models import Alert, Company, CompanyNameKey, Lead, Unit, Visit
from zsdesk.errors import NotFoundError, RefusedError, ValidationError
from zsdesk.services.companies import FUZZY_THRESHOLD
from zsdesk.validation import require_text

#: how the city settled an alert (the alert's ``status``; "open" until then)
OUTCOMES = {"merged": "同一投资方·合并", "kept": "各自保留", "attributed": "归属认定"}


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


#: how many of the most similar names one company is paired with (as ``process.extract``'s limit did)
NAME_MATCHES = 5


def _name_prefix(norm: str) -> str | None:
    """The first third of a name (at least two characters; None under three): a
    prefix range on the ``name_norm`` index finds the names that differ from it
    only after that — more at the end (华鑫恒泰精密机械 / 华鑫恒泰精密机械制造),
    which the look-up keys do not meet."""
    return norm[:max(2, (len(norm) + 2) // 3)] if len(norm) >= 3 else None


def _live_county_companies(s, cond, county_sites: set[str], here: str, *, by_key: bool = False) -> list:
    """Live companies of the county sites other than here matching ``cond``;
    ``by_key``: through their look-up keys (``cond`` on ``CompanyNameKey``), each
    row with the ``key_hash`` that found it."""
    cols = [Company.id, Company.name, Company.number, Company.usci, Company.name_norm, Company.owner_site_id]
    query = (select(*cols, CompanyNameKey.key_hash).join(Company, Company.id == CompanyNameKey.company_id)
             if by_key else select(*cols))
    rows = s.execute(query.where(cond, ~Company.deleted, Company.merged_into_id.is_(None))).all()
    return [c for c in rows if c.owner_site_id in county_sites and c.owner_site_id != here]


def detect_collisions(ws, w, company_ids=None) -> list[str]:
    """Create alerts for pairs not yet alerted. Returns the new alert ids.

    ``company_ids``: the companies an import wrote. Only a new or changed company
    can make a new pair, so only these are looked for, each by index look-ups:
    the others' 统一社会信用代码, their names' look-up keys (``company_name_keys``:
    the name and the name less one character, so a character added at one place
    and left out at another is met) and the names sharing its first third
    (``_name_prefix``); the candidates are scored as before (ratio ≥
    FUZZY_THRESHOLD, the NAME_MATCHES closest). An import costs its own
    companies, not what the city holds. None looks at every company."""
    from rapidfuzz import fuzz

    s = w.session
    county_sites = set(s.scalars(select(Unit.site_id).where(Unit.site_id.is_not(None))))
    here = ws.site.id
    ids = list(company_ids) if company_ids is not None else list(s.scalars(select(Company.id)))
    mine = [c for chunk in chunks(ids)
            for c in _live_county_companies(s, Company.id.in_(chunk), county_sites, here)]
    if not mine:
        return []
    info = {c.id: c for c in mine}
    pairs: dict[frozenset, tuple[str, float]] = {}
    by_usci = defaultdict(list)
    for c in mine:
        if c.usci:
            by_usci[c.usci].append(c)
    for chunk in chunks(list(by_usci)):
        for b in _live_county_companies(s, Company.usci.in_(chunk), county_sites, here):
            info.setdefault(b.id, b)
            for a in by_usci[b.usci]:
                if a.owner_site_id != b.owner_site_id:
                    pairs[frozenset((a.id, b.id))] = ("usci", 100.0)
    by_key: dict[int, set[str]] = defaultdict(set)     # a look-up key -> the normalised names it serves
    by_prefix: dict[str, set[str]] = defaultdict(set)
    for c in mine:
        for h in name_key_hashes(c.name_norm):
            by_key[h].add(c.name_norm)
        prefix = _name_prefix(c.name_norm)
        if prefix:
            by_prefix[prefix].add(c.name_norm)
    found: dict[str, dict] = defaultdict(dict)   # normalised name -> {company id: row} of similar candidates
    for chunk in chunks(list(by_key)):
        for b in _live_county_companies(s, CompanyNameKey.key_hash.in_(chunk), county_sites, here, by_key=True):
            for norm in by_key[b.key_hash]:
                found[norm][b.id] = b
    sqlite = s.bind.dialect.name == "sqlite"
    lengths = sorted({len(p) for p in by_prefix})
    for chunk in chunks(list(by_prefix), 100):
        # ranges on the index (SQLite compares text by code point); LIKE where collations differ
        cond = or_(*((Company.name_norm >= p) & (Company.name_norm < p + "\U0010ffff") if sqlite
                     else Company.name_norm.startswith(p, autoescape=True) for p in chunk))
        for b in _live_county_companies(s, cond, county_sites, here):
            for size in lengths:
                for norm in by_prefix.get(b.name_norm[:size], ()):
                    found[norm][b.id] = b
    for a in mine:
        scored = []
        for b in found.get(a.name_norm, {}).values():
            if b.owner_site_id == a.owner_site_id:
                continue
            score = fuzz.ratio(a.name_norm, b.name_norm, score_cutoff=FUZZY_THRESHOLD)
            if score:
                scored.append((score, b))
        scored.sort(key=lambda x: -x[0])
        for score, b in scored[:NAME_MATCHES]:
            info.setdefault(b.id, b)
            pairs.setdefault(frozenset((a.id, b.id)), ("name", float(score)))
    if not pairs:
        return []
    in_pairs = list({cid for k in pairs for cid in k})
    known: set[frozenset] = set()
    for chunk in chunks(in_pairs):
        known.update(frozenset((a, b)) for a, b in s.execute(
            select(Alert.company_a_id, Alert.company_b_id)
            .where(or_(Alert.company_a_id.in_(chunk), Alert.company_b_id.in_(chunk)))))
    new_pairs = {k: v for k, v in pairs.items() if k not in known}
    if not new_pairs:
        return []
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


def handled_alerts(ws, since: dt.date | None = None) -> list[Alert]:
    """Alerts the city has settled, newest decision first; ``since``: only those
    decided on or after that day."""
    with ws.read() as s:
        rows = list(s.scalars(select(Alert).where(~Alert.deleted, Alert.status.in_(list(OUTCOMES)))))
    rows = [(decision(a).get("date") or "", a) for a in rows]
    if since is not None:
        rows = [(day, a) for day, a in rows if day >= since.isoformat()]
    return [a for _day, a in sorted(rows, key=lambda r: r[0], reverse=True)]


def decision(alert: Alert) -> dict:
    """The city's decision kept in the alert's summary ({} while it is open):
    outcome, unit_id (attributed), suggested_unit_id (the 首报首谈 suggestion
    before it), date, by, merged (whether the company records were merged)."""
    try:
        return json.loads(alert.summary or "{}").get("decision") or {}
    except ValueError:
        return {}


@dataclass(frozen=True)
class Handled:
    """What ``handle_alert`` did."""
    alert_id: str
    outcome: str
    unit_id: str | None      # the unit the investor is attributed to ("attributed")
    merged: bool             # the two company records were merged here
    merge_refused: str | None = None  # why not, when "merged" could only be recorded


def handle_alert(ws, alert_id: str, *, outcome: str, reason: str | None,
                 owner_unit_id: str | None = None) -> Handled:
    """(City) settle a 撞车 alert. ``outcome``: "merged" (the same investor; the
    two company records are merged where this site may merge them, else the
    decision is recorded and each county keeps its record), "kept" (both kept:
    ``reason`` required) or "attributed" (to ``owner_unit_id``, one of the
    alert's two units). The reason goes into ``note``; an attribution into
    ``first_unit_id`` (the suggestion it replaces stays in the summary)."""
    if not ws.site.is_city:
        raise RefusedError("撞车提醒由市级处理：本站点不能处理，市里的处理结果会随同步文件传来")
    with ws.read() as s:
        alert = s.get(Alert, alert_id) if alert_id else None
        if alert is None or alert.deleted:
            raise NotFoundError(f"撞车提醒不存在：{alert_id}")
        if alert.status != "open":
            raise RefusedError(f"该撞车提醒已处理（{OUTCOMES.get(alert.status, alert.status)}）")
        units = (alert.unit_a_id, alert.unit_b_id)
        owners = dict(s.execute(select(Company.id, Company.owner_site_id)
                                .where(Company.id.in_([alert.company_a_id, alert.company_b_id]))).all())
        summary = json.loads(alert.summary or "{}")
        first_unit, keep_id, drop_id = alert.first_unit_id, alert.company_a_id, alert.company_b_id
    if outcome not in OUTCOMES:
        raise ValidationError("outcome", f"处理方式“{outcome}”不是可选值（{'、'.join(OUTCOMES.values())}）",
                              value=outcome)
    reason = require_text(reason, "reason", max_len=2000, required=False)
    if outcome == "kept" and not reason:
        raise ValidationError("reason", "各自保留须填写理由")
    if outcome == "attributed":
        if not owner_unit_id:
            raise ValidationError("owner_unit_id", "归属认定须选择归属单元")
        if owner_unit_id not in units:
            raise ValidationError("owner_unit_id", "归属单元须是撞车双方的招商单元之一", value=owner_unit_id)
    elif owner_unit_id:
        raise ValidationError("owner_unit_id", "只有归属认定才选择归属单元", value=owner_unit_id)
    merged, refused = False, None
    if outcome == "merged":
        # the company earlier contacted (side a) survives; merging is the owner's
        # write, so it is done only where this site may change the duplicate
        try:
            if drop_id not in owners or keep_id not in owners:
                raise NotFoundError("本站点没有这两家企业的记录")
            ws.check_can_edit("companies", owners[drop_id])
        except RefusedError as exc:
            refused = str(exc)
        else:
            ws.companies.merge(drop_id, keep_id)
            merged = True
    summary["decision"] = {"outcome": outcome, "unit_id": owner_unit_id, "suggested_unit_id": first_unit,
                           "date": ws.today().isoformat(), "by": ws.actor or ws.site.name, "merged": merged}
    changes = {"status": outcome, "note": reason, "summary": json.dumps(summary, ensure_ascii=False)}
    if outcome == "attributed":
        changes["first_unit_id"] = owner_unit_id
    with ws.write() as w:
        w.update(Alert, alert_id, changes)
    return Handled(alert_id, outcome, owner_unit_id, merged, refused)

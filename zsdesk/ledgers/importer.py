"""Importing a read ledger: ``preview`` says for every row whether it would be
created, update a record, leave it unchanged or be refused (with the column and
the reason); ``apply`` writes the rows in one transaction.

Rows are validated by the same services as the forms (``validate`` of visits,
leads, projects and companies; ``check_move`` for stages, the rule behind
``advance``). The writes then go through one ``ChangeWriter`` opened with
``ws.write(source="ledger:<file name>")`` — the one the services use — so the
change log, the audit trail and sync see imported rows like any other, and a
failure leaves nothing behind. A row matches an existing record by its number,
else by company + project name (visits: company + date); a company the ledger
names is reused when its normalised name or its 统一社会信用代码 matches one in
the database, and created otherwise.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter, methodcaller
from typing import Any

from sqlalchemy import select

from zsdesk import numbers
from zsdesk.batch import chunks, without_gc
from zsdesk.db.models import (
    Company, Industry, Lead, LeadStage, LocalState, Project, ProjectStage, Staff, Unit, Visit, VisitParticipant,
)
from zsdesk.domain import LEAD_FLOW, LEAD_LABELS, LEAD_SIDE, PROJECT_FLOW, PROJECT_LABELS, PROJECT_SIDE
from zsdesk.errors import RefusedError, ValidationError, ValidationErrors, ZsdeskError
from zsdesk.ledgers.columns import COLUMNS, KIND_LABELS
from zsdesk.ledgers.reader import LedgerPlan, LedgerRow, Problem, plan_mapping, remap
from zsdesk.names import normalize_company_name
from zsdesk.services.stages import check_move
from zsdesk.validation import validate_usci

FATES = ("created", "updated", "unchanged", "refused", "skipped")
FATE_LABELS = {"created": "新建", "updated": "更新", "unchanged": "无变化", "refused": "拒绝", "skipped": "跳过"}
MODES = ("valid", "all")

# ledger field -> service field (plain values)
PLAIN = {
    "visits": {"visit_date": "visit_date", "kind": "kind", "place": "place", "trip_days": "trip_days",
               "people": "people", "outcome": "outcome", "next_step": "next_step", "next_due": "next_due",
               "followup_done": "followup_done"},
    "leads": {"name": "name", "investment": "planned_investment", "foreign_usd": "foreign_investment_usd",
              "source": "source", "first_reported": "first_reported", "next_followup": "next_followup",
              "notes": "notes"},
    "projects": {"name": "name", "contract_date": "contract_date", "investment": "contract_investment",
                 "foreign_usd": "foreign_investment_usd", "land_mu": "land_mu", "jobs": "jobs",
                 "expected_output": "expected_output", "expected_tax": "expected_tax", "notes": "notes",
                 "category": "category"},
}
# ledger field -> service field (resolved references)
REFS = {"unit": "unit_id", "company": "company_id", "industry": "industry_id", "owner_staff": "owner_staff_id",
        "staff": "staff_id", "participants": "participants"}
MILESTONES = (("started", "started_date"), ("completed", "completed_date"), ("producing", "producing_date"))


def _ledger_field(kind: str, service_field: str) -> str:
    for ledger, service in PLAIN[kind].items():
        if service == service_field:
            return ledger
    for ledger, service in REFS.items():
        if service == service_field:
            return ledger
    return {"reason": "stage_reason"}.get(service_field, service_field)


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    if not text.isalnum():   # (letters and digits only, the usual name, hold no space to take out)
        text = "".join(text.split())
    return text.lower()


_VERSION_4 = bytes((b & 0x0F) | 0x40 for b in range(256))   # byte 6 of a random UUID: its version, 4
_RFC_4122 = bytes((b & 0x3F) | 0x80 for b in range(256))     # byte 8: the RFC 4122 variant
_HEX_AT = [at for at in range(36) if at not in (8, 13, 18, 23)]   # the places of an id's hex digits (8-4-4-4-12)


class _Ids:
    """New ids of the kind ``db.types.new_id`` makes (random UUIDs, version 4),
    drawn from the system's random source a thousand at a time: one
    ``uuid4()`` each cost a first-day preview a tenth of its time."""

    def __init__(self) -> None:
        self._ready: list[str] = []

    def __call__(self) -> str:
        if not self._ready:
            raw = bytearray(os.urandom(16 * 1000))
            raw[6::16] = raw[6::16].translate(_VERSION_4)
            raw[8::16] = raw[8::16].translate(_RFC_4122)
            # the 32 hex digits of each id put in place among its dashes a digit at a time
            # for all thousand ids (C loops: a third of the time of formatting each id)
            digits = raw.hex().encode()
            text = bytearray(b"-" * (36 * 1000))
            for k, at in enumerate(_HEX_AT):
                text[at::36] = digits[k::32]
            ids = text.decode()
            self._ready = [ids[i:i + 36] for i in range(0, len(ids), 36)]
            self._ready.reverse()
        return self._ready.pop()


_ids = _Ids()
new_id = _ids.__call__   # (the bound method: a call a little cheaper than the instance's)
os.register_at_fork(after_in_child=lambda: _ids._ready.clear())   # a child process draws its own


# --- what the site does not know yet: proposals --------------------------------------------

INDUSTRY_MATCH_SCORE = 60   # the least similarity (0-100) at which an industry name is proposed


@dataclass
class Choices:
    """How an import treats what the site does not know yet. Without choices
    (``None``) such rows are refused, as a strict import does.

    - ``new_staff``: a 包保责任人/记录人/我方人员 not in the roster becomes a new
      招商人员 of the row's unit, created in the same transaction as the rows;
    - ``industries``: an industry name as the ledger writes it -> the chosen
      industry id, or None to leave it empty; a name not given takes the
      proposed match (the most similar name of the catalogue), or none."""
    new_staff: bool = True
    industries: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class IndustryMatch:
    """An industry name the catalogue does not hold, with the proposed match and the choice made."""
    text: str                        # as the ledger writes it
    proposed_id: str | None
    proposed_name: str | None        # a chain node: 产业／环节
    score: int                       # similarity 0-100 of the proposal
    chosen_id: str | None
    chosen_name: str | None
    rows: int                        # rows that name it

    def to_json(self) -> dict:
        return {"text": self.text, "proposed": self.proposed_name, "score": self.score,
                "chosen": self.chosen_name, "rows": self.rows}


class _Batch:
    """What the ledgers of one import create, shared by their previews: a company
    or a person two sheets name is created once."""

    def __init__(self, choices: Choices | None):
        self.choices = choices
        self.new_companies: dict[str, dict] = {}          # key -> validated values (with id)
        self.new_staff: dict[tuple[str, str], dict] = {}  # (unit id, name) -> validated values (with id)
        self.industry: dict[str, tuple[str | None, str | None, int]] = {}   # text -> (proposed id, name, score)


def _industry_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _without_brackets(text: str) -> str:
    return re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", text)


def match_industry(text: str, catalogue: list[tuple[str, str]]) -> tuple[str | None, str | None, int]:
    """(id, name, score) of the catalogue entry (id, shown name) most like ``text``:
    names compared with and without what they hold in brackets, so 汽车装备制造
    finds 汽车（农机、环卫）装备制造; (None, None, best score) below INDUSTRY_MATCH_SCORE."""
    from rapidfuzz import fuzz

    key = _industry_key(text)
    best: tuple[str | None, str | None, int] = (None, None, 0)
    for iid, name, full, plain in _catalogue_keys(tuple(catalogue)):
        score = max(fuzz.ratio(key, full), fuzz.ratio(key, plain))
        if len(key) >= 2 and len(plain) >= 2 and (key in full or plain in key):
            score = max(score, 80.0)
        if "／" in name:   # a chain node: a little behind an industry of the same likeness
            score -= 1
        if score > best[2]:
            best = (iid, name, int(round(score)))
    if best[2] < INDUSTRY_MATCH_SCORE:
        return None, None, best[2]
    return best


@functools.lru_cache(maxsize=8)
def _catalogue_keys(catalogue: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str, str]]:
    """Each entry as compared: (id, name, the name's key, the key without brackets)."""
    out = []
    for iid, name in catalogue:
        full = _industry_key(name.rsplit("／", 1)[-1])
        out.append((iid, name, full, _without_brackets(full)))
    return out


# --- results --------------------------------------------------------------------------

@dataclass(slots=True)   # one per row of a ledger
class RowResult:
    row: int                                   # as Excel shows it
    fate: str                                  # one of FATES
    label: str = ""                            # what the row is about (project name, company …)
    number: str | None = None                  # the record's number (new records: after apply)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)   # header -> (old, new)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __init__(self, row: int, fate: str, label: str = "", number: str | None = None,
                 changes: dict[str, tuple[str, str]] | None = None, problems: list[Problem] | None = None,
                 notes: list[str] | None = None):
        # (written out: half the time of the one dataclass makes with its default factories)
        self.row, self.fate, self.label, self.number = row, fate, label, number
        self.changes = {} if changes is None else changes
        self.problems = [] if problems is None else problems
        self.notes = [] if notes is None else notes

    def to_json(self) -> dict:
        return {"row": self.row, "fate": self.fate, "fate_label": FATE_LABELS[self.fate], "label": self.label,
                "number": self.number,
                "changes": {k: {"old": o, "new": n} for k, (o, n) in self.changes.items()},
                "problems": [{"column": p.column, "field": p.field, "reason": p.message} for p in self.problems],
                "notes": self.notes}


@dataclass(slots=True)   # one per row of a ledger
class _Create:
    result: RowResult
    values: dict                     # validated by the service
    extra_stages: list[tuple]        # history rows beyond those the service writes: (stage, date, reason)
    final: tuple | None = None       # (stage, date, reason) the record ends at, when not its created stage
    sign_lead: tuple | None = None   # (lead id, date): a project that signs an open lead
    project: dict | None = None      # a lead the ledger shows 签约: the project it becomes (validated)


@dataclass(slots=True)   # one per row of a ledger
class _Update:
    result: RowResult
    record_id: str
    changes: dict                    # validated service values that differ
    moves: list[tuple]               # (stage, date, reason), in order
    project: dict | None = None      # a lead moved to 签约: the project it becomes (validated)
    extras: dict = field(default_factory=dict)   # dependent rows rewritten by the service (participants)


@dataclass
class ImportPreview:
    """Every row's fate. ``applied`` tells whether ``apply`` wrote the valid rows."""
    plan: LedgerPlan
    rows: list[RowResult]
    new_companies: list[str]
    mode: str | None = None
    applied: bool = False
    creates: list[_Create] = field(default_factory=list, repr=False)
    updates: list[_Update] = field(default_factory=list, repr=False)
    companies: list[dict] = field(default_factory=list, repr=False)   # validated, with ids
    new_staff: list[dict] = field(default_factory=list)   # proposed 招商人员 (validated, with ids)
    industry_matches: list[IndustryMatch] = field(default_factory=list)
    unit_names: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(FATES, 0)
        for r in self.rows:
            out[r.fate] += 1
        return out

    @property
    def refused(self) -> list[RowResult]:
        return [r for r in self.rows if r.fate == "refused"]

    @property
    def has_work(self) -> bool:
        return bool(self.creates or self.updates)

    def to_json(self) -> dict:
        plan = self.plan
        return {
            "file": str(plan.path), "sheet": plan.sheet, "kind": plan.kind, "kind_label": KIND_LABELS[plan.kind],
            "kind_detected": plan.kind_detected, "header_rows": plan.header_rows,
            "columns": {c.header: c.field for c in plan.columns}, "ignored_columns": plan.ignored_columns,
            "notes": plan.notes, "blank_rows": plan.blank_rows, "mode": self.mode, "applied": self.applied,
            "summary": self.counts, "new_companies": self.new_companies,
            "signature": plan.signature, "mapping_remembered": plan.mapping_remembered,
            "proposals": {
                "new_staff": [{"name": v["name"], "unit": self.unit_names.get(v["unit_id"], "")}
                              for v in self.new_staff],
                "new_companies": self.new_companies,
                "industries": [m.to_json() for m in self.industry_matches]},
            "rows": [r.to_json() for r in self.rows],
        }

    def to_text(self) -> str:
        plan = self.plan
        c = self.counts
        lines = [f"{plan.file_name}（工作表“{plan.sheet}”，{KIND_LABELS[plan.kind]}"
                 f"{'，自动识别' if plan.kind_detected else ''}，表头在第{'、'.join(map(str, plan.header_rows))}行）"]
        if plan.ignored_columns:
            lines.append(f"未识别的列（不导入）：{'、'.join(plan.ignored_columns)}")
        lines += plan.notes
        for r in self.rows:
            head = f"第{r.row}行 {FATE_LABELS[r.fate]}"
            what = " ".join(x for x in (r.number, r.label) if x)
            if r.fate == "refused":
                lines.append(f"{head} {what}：" + "；".join(str(p) for p in r.problems))
            elif r.fate == "updated":
                changes = "；".join(f"{k}：{o or '（空）'} → {n}" for k, (o, n) in r.changes.items())
                lines.append(f"{head} {what}" + (f"：{changes}" if changes else ""))
            elif r.fate == "skipped":
                lines.append(f"{head}：{'；'.join(r.notes)}")
            else:
                lines.append(f"{head} {what}")
            if r.fate != "skipped":
                lines += [f"    {n}" for n in r.notes]
        if self.new_companies:
            lines.append(f"新建企业{len(self.new_companies)}家：{'、'.join(self.new_companies)}")
        if self.new_staff:
            lines.append(f"新建招商人员{len(self.new_staff)}人：" + "、".join(
                f"{v['name']}（{self.unit_names.get(v['unit_id'], '')}）" for v in self.new_staff))
        for m in self.industry_matches:
            lines.append(f"产业“{m.text}” → {('“' + m.chosen_name + '”') if m.chosen_name else '留空'}"
                         f"（{m.rows}行）")
        summary = "，".join(f"{FATE_LABELS[f]}{c[f]}行" for f in FATES if c[f])
        if self.applied:
            verdict = "已导入。"
        elif self.mode == "all" and self.refused:
            verdict = "有被拒绝的行，按“全部或不导入”未导入任何行。"
        elif self.mode is None:
            verdict = "预览，未写入。"
        else:
            verdict = "没有需要写入的内容。"
        lines.append(f"合计：{summary or '无数据行'}。{verdict}")
        return "\n".join(lines)


# --- looking things up ------------------------------------------------------------------------

class _Lookups:
    """Units, companies, staff and industries this site may import into, loaded once."""

    def __init__(self, ws, plan: LedgerPlan, unit_code: str | None, batch: _Batch | None = None):
        self.ws = ws
        self.batch = batch or _Batch(None)
        with ws.read() as s:
            q = select(Unit.id, Unit.code, Unit.name).where(~Unit.deleted)
            if not ws.site.is_city:
                q = q.where(Unit.site_id == ws.site.id)
            units = s.execute(q.order_by(Unit.sort_order, Unit.code)).all()
            staff = s.execute(select(Staff.id, Staff.unit_id, Staff.name).where(~Staff.deleted)).all()
            industries = s.execute(select(Industry.id, Industry.code, Industry.name, Industry.parent_id,
                                          Industry.active)
                                   .where(~Industry.deleted).order_by(Industry.sort_order, Industry.code)).all()
        self.unit_ids = {u.id for u in units}
        self.unit_name = {u.id: u.name for u in units}
        self.unit_by_key: dict[str, str] = {}
        for u in units:
            self.unit_by_key.setdefault(_norm(u.code), u.id)
            self.unit_by_key.setdefault(_norm(u.name), u.id)
        self.default_unit = self._default_unit(ws, plan, unit_code, units)

        self.company_name: dict[str, str] = {}
        self.company_usci: dict[str, str | None] = {}
        self.merged: dict[str, str] = {}
        self.by_usci: dict[str, str] = {}
        self.by_name: dict[str, str] = {}   # the name as written (spaces and width aside)
        self.by_norm: dict[str, str] = {}   # normalize_company_name
        self._loose: dict[str, str] | None = None
        self._load_companies()
        self._company_memo: dict[Any, tuple] = {}   # name, or (name, code) -> company()
        self.staff_by_unit: dict[tuple[str, str], str] = {}
        self.staff_by_name: dict[str, set[str]] = defaultdict(set)
        self.staff_name = {}
        for st in staff:
            self.staff_by_unit.setdefault((st.unit_id, _norm(st.name)), st.id)
            self.staff_by_name[_norm(st.name)].add(st.id)
            self.staff_name[st.id] = st.name
        self.industry_by_key: dict[str, str | None] = {}
        self.industry_name = {}
        for ind in industries:
            for key in (ind.code, ind.name, _norm(ind.code), _norm(ind.name)):
                self.industry_by_key.setdefault(key, ind.id)
            self.industry_name[ind.id] = ind.name
        names = {ind.id: ind.name for ind in industries}
        # for matching: industries first, then chain nodes shown as 产业／环节
        self.industry_catalogue = [(ind.id, ind.name) for ind in industries if not ind.parent_id and ind.active] + \
            [(ind.id, f"{names.get(ind.parent_id, '')}／{ind.name}") for ind in industries
             if ind.parent_id and ind.active]
        self.new_companies: dict[str, dict] = self.batch.new_companies   # key -> validated values (with id)
        self._unit_memo: dict = {}
        self._staff_memo: dict = {}

    # -- companies ------------------------------------------------------------------------------
    def _load_companies(self) -> None:
        """Every live company: by 统一社会信用代码, by name and by normalised name
        (unmerged first, then by number, so the first seen wins)."""
        with self.ws.read() as s:
            rows = s.execute(select(Company.id, Company.name, Company.usci, Company.name_norm,
                                    Company.merged_into_id)
                             .where(~Company.deleted)
                             .order_by(Company.merged_into_id.is_not(None), Company.number)).all()
        self.merged = {r.id: r.merged_into_id for r in rows if r.merged_into_id}
        for cid, name, usci, norm, merged_into in rows:
            live = self._survivor(cid) if merged_into else cid
            self.company_name[cid] = name
            self.company_usci[cid] = usci
            if usci:
                self.by_usci.setdefault(usci, live)
            self.by_name.setdefault(name, live)
            self.by_norm.setdefault(norm, live)

    def _loose_index(self) -> dict[str, str]:
        """Companies by their names spaces and width aside (``_norm``): one written
        with other spaces or full-width letters. Made when first needed."""
        if self._loose is None:
            self._loose = {}
            for written, cid in self.by_name.items():
                self._loose.setdefault(_norm(written), cid)
        return self._loose

    def _survivor(self, cid: str) -> str:
        seen = set()
        while cid in self.merged and cid not in seen:
            seen.add(cid)
            cid = self.merged[cid]
        return cid

    def load_company_names(self, ids) -> None:
        """Names of companies the matched records point to (for the changes shown)."""
        missing = [i for i in ids if i and i not in self.company_name]
        with self.ws.read() as s:
            for chunk in chunks(missing):
                self.company_name.update(s.execute(select(Company.id, Company.name)
                                                   .where(Company.id.in_(chunk))).all())

    def _default_unit(self, ws, plan, unit_code, units) -> str | None:
        if unit_code:
            uid = self.unit_by_key.get(_norm(unit_code))
            if uid is None:
                where = "本站点" if not ws.site.is_city else "数据库"
                raise ValidationError("unit", f"招商单元“{unit_code}”不存在（或不属于{where}）")
            return uid
        hint = plan.unit_hint
        if hint and _norm(hint) in self.unit_by_key:
            return self.unit_by_key[_norm(hint)]
        if not ws.site.is_city and len(units) == 1:
            return units[0].id
        # the title may name the unit: 泰兴高新区招商单元2026年签约项目台账
        named = {uid for line in plan.heading_lines[:2] for key, uid in self.unit_by_key.items()
                 if len(key) >= 4 and key in _norm(line)}
        return named.pop() if len(named) == 1 else None

    def unit(self, text: str | None) -> tuple[str | None, str | None]:
        """(unit id, problem message)."""
        found = self._unit_memo.get(text)
        if found is None:
            found = self._unit_memo[text] = self._unit(text)
        return found

    def _unit(self, text):
        if not text:
            if self.default_unit:
                return self.default_unit, None
            return None, "未指定招商单元：请在台账中填写“招商单元”，或导入时用 --unit 指定"
        uid = self.unit_by_key.get(_norm(text))
        if uid is None:
            return None, f"招商单元“{text}”不存在或不属于本站点"
        return uid, None

    def company(self, name: str | None, usci: str | None) -> tuple[str | None, tuple | None, bool]:
        """(company id, (ledger field, problem) or None, created here). A new
        company is validated by the company service and given its id now;
        ``apply`` inserts it."""
        memo_key = name if usci is None else (name, usci)   # (a name alone: most ledgers give no code)
        found = self._company_memo.get(memo_key)
        if found is None:
            found = self._company_memo[memo_key] = self._company(name, usci)
        return found

    def _company(self, name, usci):
        code = None
        if usci:
            try:
                code = validate_usci(usci)
            except ValidationError as exc:
                return None, ("usci", exc.message), False
            if code in self.by_usci:
                return self.by_usci[code], None, False
        if not name:
            return None, None, False
        loose = None   # the name spaces and width aside, once looked for
        exact = self.by_name.get(name)
        if not exact:
            loose = _norm(name)
            exact = (self._loose if self._loose is not None else self._loose_index()).get(loose)
        if exact and not (code and self.company_usci.get(exact) and self.company_usci[exact] != code):
            return exact, None, False
        norm = normalize_company_name(name)
        existing = self.by_norm.get(norm)
        if existing and not (code and self.company_usci.get(existing) and self.company_usci[existing] != code):
            return existing, None, False
        key = code or norm
        if key in self.new_companies:
            known = self.new_companies[key]
            self.company_name.setdefault(known["id"], known["name"])
            return known["id"], None, True
        try:
            values = self.ws.companies.validate({"name": name, "usci": code})
        except (ValidationError, ValidationErrors) as exc:
            return None, ("company", "；".join(e.message for e in getattr(exc, "errors", [exc]))), False
        values["id"] = cid = new_id()
        self.new_companies[key] = values
        self.by_norm.setdefault(norm, cid)
        self.by_name.setdefault(name, cid)
        if self._loose is not None:
            self._loose.setdefault(_norm(name) if loose is None else loose, cid)
        if code:
            self.by_usci[code] = cid
        self.company_name[cid] = values["name"]
        return cid, None, True

    def staff(self, name: str, unit_id: str | None) -> str | None:
        memo = (name, unit_id)
        found = self._staff_memo.get(memo, self)   # (self: not looked for yet; None: no one)
        if found is self:
            found = self._staff_memo[memo] = self._staff(name, unit_id)
        return found

    def _staff(self, name, unit_id):
        key = _norm(name)
        if unit_id and (unit_id, key) in self.staff_by_unit:
            return self.staff_by_unit[(unit_id, key)]
        ids = self.staff_by_name.get(key, set())
        if len(ids) == 1:
            return next(iter(ids))
        proposed = self.batch.new_staff.get((unit_id, key)) if unit_id else None
        return proposed["id"] if proposed else None

    def propose_staff(self, name: str, unit_id: str) -> tuple[str | None, str | None]:
        """(id of a new 招商人员 of ``unit_id`` named ``name``, problem): created with the rows."""
        key = (unit_id, _norm(name))
        if key not in self.batch.new_staff:
            try:
                values = self.ws.reference.staff.validate({"unit_id": unit_id, "name": name})
            except (ValidationError, ValidationErrors) as exc:
                return None, "；".join(e.message for e in getattr(exc, "errors", [exc]))
            values["id"] = new_id()
            self.batch.new_staff[key] = values
        self._staff_memo.pop((name, unit_id), None)
        return self.batch.new_staff[key]["id"], None

    def proposed_industry(self, text: str) -> tuple[str | None, str | None, int]:
        """(chosen id or None, its name, score of the proposal) for a name the catalogue lacks."""
        batch = self.batch
        if text not in batch.industry:
            batch.industry[text] = match_industry(text, self.industry_catalogue)
        proposed_id, _, _ = batch.industry[text]
        chosen = batch.choices.industries.get(text, proposed_id) if batch.choices else None
        return chosen, self.industry_name.get(chosen) if chosen else None, batch.industry[text][2]

    def industry(self, text: str) -> str | None:
        found = self.industry_by_key.get(text)
        if found is None and text not in self.industry_by_key:
            found = self.industry_by_key[text] = self.industry_by_key.get(_norm(text))   # a miss is kept too
        return found


# --- existing records ---------------------------------------------------------------------------

# Any on purpose: chosen by kind, their columns used by name (see services.queries._MODELS)
MODELS: dict[str, Any] = {"visits": Visit, "leads": Lead, "projects": Project}
STAGE_MODELS: dict[str, tuple[Any, str]] = {"leads": (LeadStage, "lead_id"), "projects": (ProjectStage, "project_id")}


class _Existing:
    """The records a ledger's rows may match, loaded in batches."""

    def __init__(self, ws, kind: str, numbers: set[str], company_ids: set[str], dates: list[dt.date],
                 unit_ids: set[str], people: set[str]):
        model = MODELS[kind]
        table = model.__table__
        self.rows: dict[str, dict] = {}
        with ws.read() as s:
            def load(cond):
                result = s.execute(select(table).where(~table.c.deleted, cond))
                keys = list(result.keys())
                at = keys.index("id")
                for r in result.all():
                    self.rows[r[at]] = dict(zip(keys, r))

            for chunk in chunks(numbers):
                load(table.c.number.in_(chunk))
            # rows given by number need no second look by company
            found = {r["number"] for r in self.rows.values()}
            company_ids = company_ids - {r["company_id"] for r in self.rows.values()} \
                if numbers and numbers <= found else company_ids
            if kind == "visits":
                if dates:
                    span = table.c.visit_date.between(min(dates), max(dates))
                    for chunk in chunks(company_ids):
                        load(span & table.c.company_id.in_(chunk))
                    if people:
                        load(span & table.c.company_id.is_(None) & table.c.unit_id.in_(list(unit_ids)))
            else:
                for chunk in chunks(company_ids):
                    load(table.c.company_id.in_(chunk))
            self.history: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
            self.participants: dict[str, set[str]] = defaultdict(set)
            # open leads a new project may sign (same company and name)
            self.open_leads: dict[tuple[str, str], dict] = {}
            if kind == "projects":
                for chunk in chunks(company_ids):
                    result = s.execute(select(Lead.__table__).where(
                        ~Lead.deleted, Lead.company_id.in_(chunk), Lead.stage.notin_(("signed", "terminated"))))
                    keys = list(result.keys())
                    for r in result:
                        r = dict(zip(keys, r))
                        self.open_leads.setdefault((r["company_id"], _norm(r["name"])), r)
                lead_ids = [r["id"] for r in self.open_leads.values()]
                self.lead_history: dict[str, list] = defaultdict(list)
                for chunk in chunks(lead_ids):
                    for rid, stage, date in s.execute(
                            select(LeadStage.lead_id, LeadStage.stage, LeadStage.stage_date)
                            .where(LeadStage.lead_id.in_(chunk), ~LeadStage.deleted)
                            .order_by(LeadStage.stage_date, LeadStage.id)):
                        self.lead_history[rid].append((stage, date))
        self.ws = ws
        self.kind = kind
        self._refusals: dict[str, str | None] = {}
        self.by_number = {r["number"]: r for r in self.rows.values()}
        self._by_key: dict[tuple, dict] | None = None

    @property
    def by_key(self) -> dict[tuple, dict]:
        """Records by company + name (visits: company + date), made when a row
        without a known number first needs it."""
        if self._by_key is None:
            self._by_key = {}
            for r in self.rows.values():
                self._by_key.setdefault(_match_key(self.kind, r), r)
        return self._by_key

    def edit_refusal(self, table: str, owner_site_id: str) -> str | None:
        """Why this site may not change a record owned by ``owner_site_id`` (None: it may)."""
        memo = self._refusals
        if owner_site_id not in memo:
            try:
                self.ws.check_can_edit(table, owner_site_id)
                memo[owner_site_id] = None
            except RefusedError as exc:
                memo[owner_site_id] = str(exc)
        return memo[owner_site_id]

    def load_history(self, ids) -> None:
        """Stage history of the records a row may move (most rows repeat the stage)."""
        if not ids:
            return
        stage_model, fk = STAGE_MODELS[self.kind]
        col = getattr(stage_model, fk)
        with self.ws.read() as s:
            for chunk in chunks(ids):
                for rid, stage, date in s.execute(
                        select(col, stage_model.stage, stage_model.stage_date)
                        .where(col.in_(chunk), ~stage_model.deleted)
                        .order_by(stage_model.stage_date, stage_model.id)):
                    self.history[rid].append((stage, date))

    def load_participants(self) -> None:
        with self.ws.read() as s:
            for chunk in chunks(self.rows):
                for vid, sid in s.execute(select(VisitParticipant.visit_id, VisitParticipant.staff_id)
                                          .where(VisitParticipant.visit_id.in_(chunk), ~VisitParticipant.deleted)):
                    self.participants[vid].add(sid)


def _needs_history(kind: str, v: dict, record: dict) -> bool:
    """Whether the row may move the record's stage (then its history is needed)."""
    if kind not in STAGE_MODELS:
        return False
    if v.get("stage") and v["stage"] != record["stage"]:
        return True
    if kind == "projects":
        current = record["stage"]
        for stage, fld in MILESTONES:   # (a loop: most rows give no milestone date)
            if v.get(fld) and (current not in PROJECT_FLOW or
                               PROJECT_FLOW.index(stage) > PROJECT_FLOW.index(current)):
                return True
    return False


def _match_key(kind: str, values: dict) -> tuple:
    if kind == "visits":
        return (values.get("company_id") or _norm(values.get("people")), values.get("visit_date"))
    return (values.get("company_id"), _norm(values.get("name")))


# --- the preview -------------------------------------------------------------------------------------

def _show(value, names: dict | None = None) -> str:
    if value is None:
        return ""
    if names is not None:
        return names.get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return numbers.exact(value)   # the value as it will be stored, every digit
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_NO_FIELDS: frozenset = frozenset()


class _RowCheck:
    """Collects a row's problems, naming each by its ledger column."""

    __slots__ = ("plan", "problems", "fields")

    def __init__(self, plan: LedgerPlan, row: LedgerRow, result: RowResult):
        self.plan = plan
        self.problems = result.problems
        # the fields already reported (a set made at the first: most rows have none)
        self.fields: set[str | None] | frozenset = _NO_FIELDS
        if row.problems:
            self.fields = {p.field for p in row.problems}
            self.problems.extend(row.problems)

    def column(self, ledger_field: str) -> str:
        header = self.plan.header_of(ledger_field)
        if header:
            return header
        for col in COLUMNS[self.plan.kind]:
            if col.field == ledger_field:
                return col.header
        return ledger_field

    def add(self, ledger_field: str | None, message: str) -> None:
        if ledger_field in self.fields:  # already reported (e.g. the cell could not be read)
            return
        self.mark(ledger_field)
        self.problems.append(Problem(self.column(ledger_field) if ledger_field else None, message, ledger_field))

    def mark(self, ledger_field: str | None) -> None:
        """``ledger_field``'s problem is told (no other is added for it)."""
        if isinstance(self.fields, frozenset):   # (_NO_FIELDS)
            self.fields = set()
        self.fields.add(ledger_field)

    def service_errors(self, kind: str, exc: ZsdeskError) -> None:
        if isinstance(exc, ValidationErrors):
            for e in exc.errors:
                self.add(_ledger_field(kind, e.field), e.message)
        elif isinstance(exc, ValidationError):
            self.add(_ledger_field(kind, exc.field), exc.message)
        else:
            self.add(None, str(exc))


@without_gc
def preview(ws, plan: LedgerPlan, *, unit_code: str | None = None, choices: Choices | None = None,
            progress=None, _batch: _Batch | None = None) -> ImportPreview:
    """Every row's fate, without writing anything. With ``choices``, what the
    site does not know yet (people, industry names) is proposed instead of
    refused (see ``Choices``). ``progress(done, total)`` is called now and then."""
    kind = plan.kind
    svc = getattr(ws, kind)
    batch = _batch or _Batch(choices)
    look = _Lookups(ws, plan, unit_code, batch)
    proposing = batch.choices is not None
    new_staff = batch.choices is not None and batch.choices.new_staff
    industry_rows: dict[str, int] = defaultdict(int)
    total = len(plan.rows)
    if look.default_unit is None and "unit" not in plan.fields:
        raise ValidationError("unit", "台账中没有“招商单元”列：市级站点导入时请用 --unit 指定招商单元"
                              if ws.site.is_city else "本站点有多个招商单元：请用 --unit 指定导入到哪个单元")
    ws.check_can_edit(svc.table, None)

    # pass 1: references
    staged: list = []   # (row, result, check, data) each; None once pass 3 has used it
    # company_ids: the companies of the database the rows name (those this import creates:
    # no record of the database names them)
    numbers, company_ids, dates, unit_ids, people = set(), set(), [], set(), set()
    industry_memo: dict[str, tuple[str | None, str | None, str | None]] = {}   # text -> (id, note, problem)
    fields = plan.fields   # (a field not mapped is empty in every row: its look-ups are left out)
    plain = [(ledger, service) for ledger, service in PLAIN[kind].items() if ledger in fields]
    staff_fields = [fld for fld in ("owner_staff", "staff") if fld in fields]
    unit_fixed = None if "unit" in fields else look.unit(None)   # no 招商单元 column: one for all rows
    with_company = "company" in fields or "usci" in fields
    with_industry = "industry" in fields
    with_participants = "participants" in fields
    with_number = "number" in fields
    visits = kind == "visits"
    company_memo, find_company, company_name, staff = look._company_memo, look._company, look.company_name, look.staff
    for i, row in enumerate(plan.rows):
        if progress is not None and i % 1000 == 0:
            progress(i // 2, total)   # the references: the first half
        result = RowResult(row.row, "refused")
        check = _RowCheck(plan, row, result)
        v = row.values
        # the service's values; an empty cell is left out (an import never empties a field)
        data = {}
        for ledger, service in plain:
            value = v.get(ledger)
            if value is not None:
                data[service] = value
        uid, problem = unit_fixed or look.unit(v.get("unit"))
        if problem:
            check.add("unit", problem)
        if uid is not None:
            data["unit_id"] = uid
            unit_ids.add(uid)
        if with_company and ((name := v.get("company")) or v.get("usci")):
            usci = v.get("usci")
            memo_key = name if usci is None else (name, usci)   # (look.company, written out)
            found = company_memo.get(memo_key)
            if found is None:
                found = company_memo[memo_key] = find_company(name, usci)
            cid, company_problem, created = found
            if company_problem:
                check.add(*company_problem)
                check.mark("company")  # the company is unknown because of that problem
            if cid:
                data["company_id"] = cid
                if created:
                    result.notes.append(f"新建企业：{company_name[cid]}")
                else:
                    company_ids.add(cid)
        if with_industry and v.get("industry"):
            text = v["industry"]
            found = industry_memo.get(text)
            if found is None:   # a ledger names a dozen industries in ten thousand rows
                iid = look.industry(text)
                note = problem = None
                if iid is None and proposing:
                    iid, chosen, _ = look.proposed_industry(text)
                    note = f"产业“{text}” → “{chosen}”" if iid else f"产业“{text}”不在产业目录中，留空"
                elif iid is None:
                    problem = f"产业“{text}”不在产业目录中"
                found = industry_memo[text] = (iid, note, problem)
            iid, note, problem = found
            if note is not None:
                industry_rows[text] += 1
                result.notes.append(note)
            elif problem is not None:
                check.add("industry", problem)
            if iid is not None:
                data["industry_id"] = iid
        for fld in staff_fields:
            name = v.get(fld)
            if name:
                sid = staff(name, uid)
                if sid is None and new_staff and uid:
                    sid, staff_problem = look.propose_staff(name, uid)
                    if staff_problem:
                        check.add(fld, staff_problem)
                    else:
                        result.notes.append(f"新建招商人员：{name}")
                elif sid is None:
                    check.add(fld, f"“{name}”不是招商人员名单中的人（请先在人员名单中添加，或清空此格）")
                if sid is not None:
                    data[REFS[fld]] = sid
        if with_participants and v.get("participants"):
            ids: list[str] = []
            unknown: list[str] = []
            for name in v["participants"]:
                sid = staff(name, uid)
                if sid is None and new_staff and uid:
                    sid, _problem = look.propose_staff(name, uid)
                    if sid:
                        result.notes.append(f"新建招商人员：{name}")
                (ids if sid else unknown).append(sid or name)
            if unknown:
                check.add("participants", f"“{'、'.join(unknown)}”不是招商人员名单中的人（请先在人员名单中添加）")
            data["participants"] = list(dict.fromkeys(ids))
        if with_number and v.get("number"):
            numbers.add(v["number"])
        if visits:
            if v.get("visit_date"):
                dates.append(v["visit_date"])
            if v.get("people") and not data.get("company_id"):
                people.add(_norm(v["people"]))
        label = v.get("name") or company_name.get(data.get("company_id") or "") or v.get("company") \
            or v.get("people") or ""
        if visits and v.get("visit_date"):
            label = f"{v['visit_date'].isoformat()} {label}"
        result.label = label
        staged.append((row, result, check, data))

    existing = _Existing(ws, kind, numbers, company_ids, dates, unit_ids, people)
    # pass 2: the records the rows match (when the database holds any the rows may match;
    # else every row is new, matched by its key against the rows above it in pass 3)
    matched: list | None = None
    if existing.rows:
        matched = []
        for row, result, _check, data in staged:
            v = row.values
            record = None
            if v.get("number"):
                record = existing.by_number.get(v["number"])
                if record is None:
                    result.notes.append(f"编号“{v['number']}”在系统中不存在，按新记录导入（编号由系统生成）")
            key = None
            if record is None:
                key = _match_key(kind, data)
                if all(key):
                    record = existing.by_key.get(key)
            matched.append((record, key))
        look.load_company_names({rec["company_id"] for rec, _ in matched if rec is not None})
        existing.load_history({rec["id"] for (rec, _), staged_row in zip(matched, staged)
                               if rec is not None and _needs_history(kind, staged_row[0].values, rec)}
                              if kind in STAGE_MODELS else ())
    if visits and with_participants:
        existing.load_participants()

    # pass 3: every row's fate
    out = ImportPreview(plan, [], [], companies=[])
    seen: dict[tuple, int] = {}
    seen_ids: dict[str, int] = {}
    rows, creates, updates = out.rows, out.creates, out.updates
    for i, (row, result, check, data) in enumerate(staged):
        staged[i] = None   # the row's service values are its own from here: freed once used
        if progress is not None and i % 1000 == 0:
            progress((total + i) // 2, total)
        if matched is None:
            record = None
            if row.values.get("number"):
                result.notes.append(f"编号“{row.values['number']}”在系统中不存在，按新记录导入（编号由系统生成）")
            # (_match_key, written out for leads and projects)
            key = _match_key(kind, data) if visits else (data.get("company_id"), _norm(data.get("name")))
        else:
            record, key = matched[i]
        if record is not None:
            if record["id"] in seen_ids:
                check.add(None, f"与第{seen_ids[record['id']]}行是同一条记录（重复）")
            seen_ids.setdefault(record["id"], row.row)
        elif key is not None and all(key):  # (no record: matched by key)
            if key in seen:
                check.add(None, f"与第{seen[key]}行是同一条记录（重复）")
            else:
                seen[key] = row.row
        action: _Create | _Update | None
        if record is None:
            action = _plan_create(ws, svc, kind, row, data, check, existing, result)
        else:
            result.number = record["number"]
            action = _plan_update(ws, svc, kind, row, data, record, check, existing, look, result)
        if result.problems:
            result.fate = "refused"
        elif action is None:
            result.fate = "unchanged"
        elif isinstance(action, _Create):
            result.fate = "created"
            creates.append(action)
        else:
            result.fate = "updated"
            updates.append(action)
        rows.append(result)
    for skipped in plan.skipped:
        out.rows.append(RowResult(skipped.row, "skipped", notes=[skipped.reason]))
    out.rows.sort(key=attrgetter("row"))
    # new companies that a valid row needs
    needed = {a.values.get("company_id") for a in out.creates} | \
             {a.changes.get("company_id") for a in out.updates}
    out.companies = [c for c in look.new_companies.values() if c["id"] in needed]
    out.new_companies = [c["name"] for c in out.companies]
    staff_ids: set[str | None] = set()   # the proposed 招商人员 valid rows name (ids; None: no one)
    if batch.new_staff:
        records = [a.values for a in out.creates] + [a.project for a in out.creates if a.project] + \
            [a.changes for a in out.updates] + [a.extras for a in out.updates] + \
            [a.project for a in out.updates if a.project]
        for staff_field in ("owner_staff_id", "staff_id"):
            staff_ids.update(map(methodcaller("get", staff_field), records))
        for values in records if visits else ():   # (a visit's participants: no other record has them)
            if values.get("participants"):
                staff_ids.update(values["participants"])
    out.new_staff = [v for v in batch.new_staff.values() if v["id"] in staff_ids]
    out.unit_names = dict(look.unit_name)
    for text, n in industry_rows.items():
        proposed_id, proposed_name, score = batch.industry[text]
        chosen = batch.choices.industries.get(text, proposed_id) if batch.choices else None
        out.industry_matches.append(IndustryMatch(text, proposed_id, proposed_name, score, chosen,
                                                  look.industry_name.get(chosen) if chosen else None, n))
    for r in out.rows:
        if r.fate == "refused":
            r.notes = [n for n in r.notes if not n.startswith(("新建企业", "新建招商人员"))]
    return out


def _flow(kind):
    return (LEAD_FLOW, LEAD_SIDE, LEAD_LABELS) if kind == "leads" else (PROJECT_FLOW, PROJECT_SIDE, PROJECT_LABELS)


def _wanted_moves(kind: str, v: dict, check: _RowCheck) -> list[tuple[str, object]]:
    """The stages the row shows, in order: (stage, date or None)."""
    flow, side, labels = _flow(kind)
    final = v.get("stage")
    moves: dict[str, object] = {}
    if kind == "projects":
        for stage, fld in MILESTONES:
            if v.get(fld):
                moves[stage] = v[fld]
        if final in flow:
            beyond = [s for s in moves if flow.index(s) > flow.index(final)]
            if beyond:
                check.add("stage", f"项目进度为“{labels[final]}”，但填写了{labels[beyond[-1]]}日期")
    if final:
        # 阶段日期 wins over the milestone column: a project may have resumed a stage after 停滞
        date = v.get("stage_date") or moves.get(final)
        moves.pop(final, None)
        ordered = sorted(moves.items(), key=lambda m: flow.index(m[0]))
        ordered.append((final, date))
        return ordered
    return sorted(moves.items(), key=lambda m: flow.index(m[0]))


def _check_moves(ws, kind, history, moves, reason, check) -> list[tuple] | None:
    """Validate moves one after the other with the rule ``advance`` applies
    (``check_move``); returns (stage, date, reason) each, or None with the
    problem added to the row."""
    flow, side, labels = _flow(kind)
    history = list(history)
    out = []
    for stage, date in moves:
        try:
            d, r = check_move(flow=flow, side=side, labels=labels, history=history, new_stage=stage,
                              new_date=date, reason=reason if stage in side else None, today=ws.today())
        except ValidationError as exc:
            fld = {"stage_date": "stage_date", "reason": "stage_reason"}.get(exc.field, "stage")
            if fld == "stage_date" and not date:
                check.add(fld, f"推进到“{labels.get(stage, stage)}”须填写日期")
            else:
                check.add(fld, exc.message)
            return None
        except RefusedError as exc:
            check.add("stage", str(exc))
            return None
        out.append((stage, d, r))
        history.append((stage, d))
    return out


def _validate(svc, kind, data, row, check, current=None) -> dict | None:
    try:
        return svc.validate(data, row=row.row, current=current)
    except (ValidationError, ValidationErrors) as exc:
        check.service_errors(kind, exc)
        return None


def _plan_create(ws, svc, kind, row, data, check, existing, result) -> _Create | None:
    """(``data``, the row's service values, is the row's own: completed here and validated.)"""
    v = row.values
    moves: list = []
    if kind == "leads":
        stage = v.get("stage") or "clue"
        if stage in LEAD_SIDE or stage == "signed":
            # created at 线索 when first reported, then moved on (as a person would with 推进)
            data.update(stage="clue", stage_date=v.get("first_reported") or v.get("stage_date"), id=new_id())
            moves = [(stage, v.get("stage_date"))]
        else:
            data.update(stage=stage, stage_date=v.get("stage_date"))
    elif kind == "projects":
        data["stage"] = "signed"
        if v.get("stage") in (None, "", "signed") and not (
                v.get("started_date") or v.get("completed_date") or v.get("producing_date")):
            moves = []   # the row shows a project at 签约 and no milestone (most rows): nothing to move
        else:
            moves = [m for m in _wanted_moves(kind, v, check) if m[0] != "signed"]
    try:
        values = svc.validate(data, row=row.row)
    except (ValidationError, ValidationErrors) as exc:
        check.service_errors(kind, exc)
        return None
    if check.problems:
        return None
    checked: list | None = []
    if moves:
        history = [(values["stage"], values["stage_date"])] if kind in STAGE_MODELS else []
        checked = _check_moves(ws, kind, history, moves, v.get("stage_reason"), check)
        if checked is None:
            return None
    action = _Create(result, values, [])
    if checked:
        # created at its last stage: the service writes the first and the last history rows
        last = checked[-1]
        values.update(stage=last[0], stage_date=last[1], stage_reason=last[2])
        action.extra_stages = checked[:-1]
        action.final = last
        if kind == "leads" and last[0] == "signed":
            action.project = _signing_project(ws, kind, values, checked, check)
            if action.project is None:
                return None
            result.notes.append("签约：同时生成签约项目")
    if kind == "projects" and existing.open_leads:
        lead = existing.open_leads.get((values["company_id"], _norm(values["name"])))
        if lead is not None:
            hist = existing.lead_history.get(lead["id"], []) + [(lead["stage"], lead["stage_date"])]
            try:
                d, _ = check_move(flow=LEAD_FLOW, side=LEAD_SIDE, labels=LEAD_LABELS, history=hist,
                                  new_stage="signed", new_date=values["contract_date"], reason=None,
                                  today=ws.today())
                values["lead_id"] = lead["id"]
                action.sign_lead = (lead["id"], d)
                result.notes.append(f"同时将在谈项目{lead['number']}推进到“签约”")
            except (ValidationError, RefusedError) as exc:
                result.notes.append(f"在谈项目{lead['number']}未推进到签约：{exc}")
    return action


def _plan_update(ws, svc, kind, row, data, record, check, existing, look, result) -> _Update | None:
    v = row.values
    refusal = existing.edit_refusal(svc.table, record["owner_site_id"])
    if refusal:
        check.add(None, refusal)
        return None
    current = record
    get = current.get
    differs = [k for k, val in data.items() if get(k) != val and k != "participants"]   # (data holds no None)
    if "company_id" in differs and v.get("company") and \
            _same_company(v["company"], look.company_name.get(current["company_id"])):
        differs.remove("company_id")  # the ledger names the record's company (e.g. one merged since)
    diff = {}
    if differs:  # else the ledger repeats what the record holds: nothing to validate or write
        changes = {k: val for k, val in data.items() if val is not None and k != "participants"}
        if "company_id" not in differs:
            changes.pop("company_id", None)
        merged = _validate(svc, kind, {**current, **changes}, row, check, current=current)
        if merged is None:
            return None
        diff = {f: merged[f] for f in changes if f in merged and merged[f] != get(f)}
        names = {"company_id": look.company_name, "unit_id": look.unit_name, "industry_id": look.industry_name,
                 "owner_staff_id": look.staff_name, "staff_id": look.staff_name}
        for f, new in diff.items():
            header = check.column(_ledger_field(kind, f))
            result.changes[header] = (_show(get(f), names.get(f)), _show(new, names.get(f)))
    extras = {}
    if (kind == "visits" and data.get("participants") is not None and hasattr(svc, "after_update")
            and set(data["participants"]) != existing.participants.get(record["id"], set())):
        names = look.staff_name
        result.changes[check.column("participants")] = (
            "、".join(sorted(names[i] for i in existing.participants.get(record["id"], ()))),
            "、".join(names[i] for i in data["participants"]))
        extras["participants"] = data["participants"]
    moves: list = []
    project = None
    if _needs_history(kind, v, record):
        flow, side, labels = _flow(kind)
        wanted = _wanted_moves(kind, v, check)
        history = existing.history.get(record["id"], []) + [(record["stage"], record["stage_date"])]
        # milestones the record has passed are history, not moves; the stage the
        # ledger ends at is checked (going back is refused)
        last_flow = max((flow.index(s) for s, _ in history if s in flow), default=0)
        final = wanted[-1][0] if wanted and v.get("stage") else None
        wanted = [m for m in wanted
                  if m[0] == final or (m[0] in flow and flow.index(m[0]) > last_flow)]
        if final in flow and flow.index(final) < last_flow:
            check.add("stage", f"系统中已到“{labels[flow[last_flow]]}”，台账为“{labels[final]}”：阶段不能倒退")
            return None
        if wanted and wanted[-1][0] == record["stage"]:
            wanted = wanted[:-1]
        if wanted:
            checked = _check_moves(ws, kind, history, wanted, v.get("stage_reason"), check)
            if checked is None:
                return None
            moves = checked
            stage, d, _ = moves[-1]
            result.changes[check.column("stage")] = (labels[record["stage"]], f"{labels[stage]}（{d.isoformat()}）")
            if kind == "leads" and any(m[0] == "signed" for m in moves):
                project = _signing_project(ws, kind, {**current, **diff}, moves, check)
                if project is None:
                    return None
                result.notes.append("签约：同时生成签约项目")
    if check.problems:
        return None
    if not diff and not moves and not extras:
        return None
    return _Update(result, record["id"], diff, moves, project, extras)


def _same_company(name: str, other: str | None) -> bool:
    return bool(other) and (_norm(name) == _norm(other) or
                            normalize_company_name(name) == normalize_company_name(other))


def _signing_project(ws, kind, lead: dict, moves, check) -> dict | None:
    """The project a lead becomes when the ledger shows it 签约 (as ``LeadService.advance``)."""
    date = next(d for s, d, _ in moves if s == "signed")
    investment = lead.get("planned_investment")
    if not investment or investment <= 0:
        check.add("investment", "签约须填写计划总投资（作为合同投资额，万元）")
        return None
    try:
        return ws.projects.validate({
            "unit_id": lead["unit_id"], "company_id": lead["company_id"], "name": lead["name"],
            "industry_id": lead.get("industry_id"), "owner_staff_id": lead.get("owner_staff_id"),
            "foreign_investment_usd": lead.get("foreign_investment_usd"), "lead_id": lead["id"],
            "contract_date": date, "contract_investment": investment})
    except (ValidationError, ValidationErrors) as exc:
        check.service_errors("projects", exc)
        return None


# --- applying -----------------------------------------------------------------------------------------

WRITE_CHUNK = 2000   # rows written between two progress reports (and chances to cancel)


@without_gc
def apply(ws, plan: LedgerPlan, mode: str = "valid", *, unit_code: str | None = None,
          choices: Choices | None = None, progress=None) -> ImportPreview:
    """Import the ledger: ``mode="valid"`` writes the valid rows and reports the
    rest; ``mode="all"`` writes nothing unless every row is valid. The preview is
    made again against the database as it is now; everything is written in one
    transaction (source ``ledger:<file name>``)."""
    return apply_many(ws, [plan], mode, unit_code=unit_code, choices=choices, progress=progress)[0]


@without_gc
def preview_many(ws, plans: list[LedgerPlan], *, unit_code: str | None = None, choices: Choices | None = None,
                 progress=None) -> list[ImportPreview]:
    """The previews of several ledgers imported together: a company or person
    that two of them name is proposed once."""
    return _previews(ws, plans, unit_code, _Batch(choices), progress, 1)


def _previews(ws, plans, unit_code, batch, progress, passes: int) -> list[ImportPreview]:
    total = sum(len(p.rows) for p in plans) * passes
    out, offset = [], 0
    for plan in plans:
        report = None if progress is None else (lambda done, _t, o=offset: progress(o + done, total))
        out.append(preview(ws, plan, unit_code=unit_code, progress=report, _batch=batch))
        offset += len(plan.rows)
    return out


@without_gc
def apply_many(ws, plans: list[LedgerPlan], mode: str = "valid", *, unit_code: str | None = None,
               choices: Choices | None = None, progress=None) -> list[ImportPreview]:
    """Import several ledgers in one transaction (all of them or nothing: a
    cancel raised by ``progress`` leaves the database as it was). The new
    companies and 招商人员 the valid rows need are created first; each sheet's
    column mapping is remembered for its layout (``mapping.remember``)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    batch = _Batch(choices)
    results = _previews(ws, plans, unit_code, batch, progress, 2)
    for result in results:
        result.mode = mode
    if mode == "all" and any(r.refused for r in results):
        return results
    if not any(r.has_work for r in results):
        return results
    names = list(dict.fromkeys(p.file_name for p in plans))
    source = f"ledger:{'、'.join(names)}"[:80]
    total = sum(len(p.rows) for p in plans) * 2
    done = sum(len(p.rows) for p in plans)
    with ws.write(source=source) as w:
        companies = list({c["id"]: c for r in results for c in r.companies}.values())
        if companies:
            w.insert_many(Company, [dict(c) for c in companies], number_year=ws.companies.number_year)
        staff = list({v["id"]: v for r in results for v in r.new_staff}.values())
        if staff:
            w.insert_many(Staff, [dict(v) for v in staff])
        for result in results:
            if result.has_work:
                done = _write(ws, w, result, progress, done, total)
        for plan in plans:
            if plan.signature:
                remember_mapping(w.session, plan)
    for result in results:
        result.applied = result.has_work
    return results


def _write(ws, w, result: ImportPreview, progress, done: int, total: int) -> int:
    kind = result.plan.kind
    svc = getattr(ws, kind)
    model = svc.model
    for creates in chunks(result.creates, WRITE_CHUNK):
        rows = [a.values for a in creates]
        extras = [{k: r.pop(k) for k in svc.extras if k in r} for r in rows]
        ids = w.insert_many(model, rows, number_year=svc.number_year)
        svc.after_create(w, rows, ids, extras)
        stage_model, fk = STAGE_MODELS.get(kind, (None, None))
        history = [{fk: rid, "stage": s, "stage_date": d, "reason": r}
                   for rid, a in zip(ids, creates) for s, d, r in a.extra_stages]
        if history:
            w.insert_many(stage_model, history)
        if kind == "leads":
            # after_create wrote the stage the lead was created at; a lead the
            # ledger shows 搁置/终止 was created at 线索 and moved on: it has its
            # final row (written by after_create) and the 线索 row here
            finals = [{fk: rid, "stage": "clue", "stage_date": a.values.get("first_reported"), "reason": None}
                      for rid, a in zip(ids, creates) if a.final]
            if finals:
                w.insert_many(stage_model, finals)
        signed = [a.project for a in creates if a.project]
        if signed:
            pids = w.insert_many(Project, signed, number_year=ws.projects.number_year)
            ws.projects.after_create(w, signed, pids, [{} for _ in signed])
        for a in creates:
            a.result.number = a.values["number"]
            if a.project:
                a.result.notes.append(f"签约项目编号：{a.project['number']}")
            if a.sign_lead:
                lead_id, d = a.sign_lead
                _write_move(w, "leads", lead_id, ("signed", d, None))
        done += len(creates)
        if progress is not None:
            progress(done, total)
    for n, a in enumerate(result.updates, 1):
        if a.changes:  # check_can_edit has decided (in preview), as in RecordService.update
            w.update(model, a.record_id, a.changes, allow_foreign=True)
        if a.extras:
            svc.after_update(w, a.record_id, a.extras)
        for move in a.moves:
            _write_move(w, kind, a.record_id, move)
        if a.project:
            [pid] = w.insert_many(Project, [a.project], number_year=ws.projects.number_year)
            ws.projects.after_create(w, [a.project], [pid], [{}])
            a.result.notes.append(f"签约项目编号：{a.project['number']}")
        if progress is not None and n % WRITE_CHUNK == 0:
            progress(done + n, total)
    return done + len(result.updates)


# --- the column mapping, remembered per layout -------------------------------------------------------

MAPPING_KEY = "ledger_mapping:"


def remember_mapping(session, plan: LedgerPlan) -> None:
    """Keep ``plan``'s kind and column mapping for its header layout, on this
    computer only (local state, not synced)."""
    value = json.dumps({"kind": plan.kind, "columns": {str(i): f for i, f in plan_mapping(plan).items()}},
                       ensure_ascii=False)
    session.merge(LocalState(key=MAPPING_KEY + plan.signature, value=value))


def remembered_mapping(ws, signature: str) -> tuple[str, dict[int, str | None]] | None:
    """(kind, column index -> field) last used for this header layout, or None."""
    with ws.read() as s:
        raw = s.get(LocalState, MAPPING_KEY + signature)
        value = raw.value if raw is not None else None
    if not value:
        return None
    try:
        data = json.loads(value)
        return data["kind"], {int(i): f for i, f in data["columns"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def save_mapping(ws, plan: LedgerPlan) -> None:
    """Remember ``plan``'s mapping now (without importing)."""
    with ws.read() as s:   # one transaction, committed on leaving
        remember_mapping(s, plan)


def with_remembered_mapping(ws, plan: LedgerPlan) -> LedgerPlan:
    """``plan`` read with the kind and mapping last used for its layout, when there is one."""
    found = remembered_mapping(ws, plan.signature) if plan.signature else None
    if found is None:
        return plan
    kind, mapping = found
    if kind != plan.kind or mapping != plan_mapping(plan):
        try:
            plan = remap(plan, kind, mapping)
        except ValidationError:   # the catalogue of columns changed since: the automatic mapping stands
            return plan
    plan.mapping_remembered = True
    return plan


def _write_move(w, kind: str, record_id: str, move: tuple) -> None:
    """The write of ``advance``: the record's stage and a history row."""
    stage, date, reason = move
    model = MODELS[kind]
    stage_model, fk = STAGE_MODELS[kind]
    w.update(model, record_id, {"stage": stage, "stage_date": date, "stage_reason": reason}, allow_foreign=True)
    w.insert(stage_model, {fk: record_id, "stage": stage, "stage_date": date, "reason": reason})


def to_json_text(result: ImportPreview) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1, default=str)


def industry_by_code_or_name(ws, text: str) -> str | None:
    """The id of the live industry whose code or name is ``text`` (spaces and width aside)."""
    key = _norm(text)
    with ws.read() as s:
        for iid, code, name in s.execute(select(Industry.id, Industry.code, Industry.name).where(~Industry.deleted)):
            if key in (_norm(code), _norm(name)):
                return iid
    return None

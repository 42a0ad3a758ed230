"""Records as the forms and their panels show them: display names, and the
rows of a record's tabs (stage history, 资金到位, 待协调问题, attachments,
contacts) as frozen values with the fields the window reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

# --- names ------------------------------------------------------------------------------------


def company_name(ws, company_id: str) -> str:
    return ws.companies.get(company_id, include_deleted=True).name


def staff_name(ws, staff_id: str) -> str:
    return ws.reference.staff.get(staff_id, include_deleted=True).name


@dataclass(frozen=True)
class RecordRef:
    """A numbered record as people name it: 编号 and 名称."""
    id: str
    number: str
    name: str


def lead_ref(ws, lead_id: str, *, include_deleted: bool = False) -> RecordRef:
    """A lead's number and name (a deleted one: ``NotFoundError`` unless ``include_deleted``)."""
    lead = ws.leads.get(lead_id, include_deleted=include_deleted)
    return RecordRef(lead.id, lead.number, lead.name)


def lead_name(ws, lead_id: str) -> str:
    """``<number> <name>`` of a lead, deleted ones too."""
    lead = lead_ref(ws, lead_id, include_deleted=True)
    return f"{lead.number} {lead.name}"


def project_number(ws, project_id: str) -> str:
    return ws.projects.get(project_id).number


def carrier_name(ws, carrier_id: str) -> str:
    return ws.carriers.get(carrier_id, include_deleted=True).name


# --- rows of a record's tabs --------------------------------------------------------------------

@dataclass(frozen=True)
class StageStep:
    """One move in a lead's or project's stage history."""
    id: str
    stage: str
    stage_date: dt.date
    reason: str | None


@dataclass(frozen=True)
class ArrivalInfo:
    """资金到位: a dated amount in 万元."""
    id: str
    arrival_date: dt.date
    amount: Decimal
    note: str | None


@dataclass(frozen=True)
class ProblemInfo:
    """待协调问题."""
    id: str
    category: str
    description: str
    raised_date: dt.date
    responsible: str | None
    resolved: bool
    resolved_date: dt.date | None
    resolution: str | None


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    filename: str
    kind: str | None
    size: int
    sha256: str
    #: the stored file is present and still has its recorded hash
    intact: bool = True


@dataclass(frozen=True)
class ContactInfo:
    """企业联系人."""
    id: str
    name: str
    title: str | None
    phone: str | None
    email: str | None
    wechat: str | None


@dataclass(frozen=True)
class CarrierChoice:
    id: str
    name: str
    kind: str


def stage_history(ws, table: str, row_id: str) -> list[StageStep]:
    """The stage moves of a lead (``table`` "leads") or a project ("projects")."""
    service = ws.leads if table == "leads" else ws.projects
    return [StageStep(h.id, h.stage, h.stage_date, h.reason) for h in service.history(row_id)]


def project_arrivals(ws, project_id: str) -> list[ArrivalInfo]:
    return [ArrivalInfo(a.id, a.arrival_date, a.amount, a.note) for a in ws.projects.arrivals(project_id)]


def project_problems(ws, project_id: str) -> list[ProblemInfo]:
    return [ProblemInfo(p.id, p.category, p.description, p.raised_date, p.responsible, bool(p.resolved),
                        p.resolved_date, p.resolution)
            for p in ws.projects.problems(project_id)]


def attachments_of(ws, table: str, row_id: str) -> list[AttachmentInfo]:
    return [AttachmentInfo(a.id, a.filename, a.kind, a.size, a.sha256, ws.attachments.verify(a.id))
            for a in ws.attachments.list_for(table, row_id)]


def company_contacts(ws, company_id: str) -> list[ContactInfo]:
    return [ContactInfo(c.id, c.name, c.title, c.phone, c.email, c.wechat) for c in ws.companies.contacts(company_id)]


def carrier_choices(ws, unit_id: str | None = None) -> list[CarrierChoice]:
    """The carriers a project of ``unit_id`` may be placed on."""
    return [CarrierChoice(c.id, c.name, c.kind) for c in ws.carriers.choices(unit_id)]


# --- the audit trail: undoing one change ------------------------------------------------------------

def _same(a, b) -> bool:
    """Two stored values as the change log writes them (Decimal and dates as text)."""
    def plain(v):
        if v is None or v == "":
            return None
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        return v
    a, b = plain(a), plain(b)
    if a == b:
        return True
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (ArithmeticError, ValueError):
        return str(a) == str(b)


def _service(ws, table: str):
    reference = {"units": ws.reference.units, "staff": ws.reference.staff,
                 "industries": ws.reference.industries, "targets": ws.reference.targets}
    if table in reference:
        return reference[table]
    service = getattr(ws, table, None) if table in ("companies", "visits", "leads", "projects", "carriers") \
        else None
    if service is None:
        from zsdesk.errors import RefusedError
        raise RefusedError(f"该类记录的修改不能在此撤销：{table}")
    return service


def revert_change(ws, table: str, row_id: str, field: str, old, new) -> None:
    """Set ``field`` of a record back to ``old``, what it held before the change
    to ``new``: a new write (audited and synced like any other). Refused when
    the field has been changed again since (``RefusedError``), or when the
    service refuses the value (a stage moves only by 推进)."""
    from zsdesk.errors import RefusedError

    service = _service(ws, table)
    current = service.values(row_id)
    if field not in current:
        raise RefusedError(f"该字段不能撤销：{field}")
    if not _same(current[field], new):
        raise RefusedError("该字段之后又被修改过，不能撤销这一条修改；请撤销最近的一条")
    service.update(row_id, {field: old})
    if not _same(service.values(row_id)[field], old):
        # the service left the field as it was (some drop an emptied reference): nothing was written
        raise RefusedError("该字段不能改回原来的值（原来为空的关联字段无法在此清空）")


# --- corrections of a project's rows (资金到位, 待协调问题, 阶段记录, 附件) ------------------------------
# Each is one service call: validated, audited in the change log and synced; a
# delete is a tombstone carrying its (required) reason.

def update_arrival(ws, arrival_id: str, date, amount, note: str | None = None) -> None:
    ws.projects.update_arrival(arrival_id, date, amount, note)


def delete_arrival(ws, arrival_id: str, reason: str) -> None:
    ws.projects.delete_arrival(arrival_id, reason)


def update_problem(ws, problem_id: str, category: str, description: str, raised_date,
                   responsible: str | None = None) -> None:
    ws.projects.update_problem(problem_id, category, description, raised_date, responsible)


def delete_problem(ws, problem_id: str, reason: str) -> None:
    ws.projects.delete_problem(problem_id, reason)


def update_stage_entry(ws, entry_id: str, date, reason: str | None = None) -> None:
    ws.projects.update_stage_entry(entry_id, date, reason)


def delete_stage_entry(ws, entry_id: str, reason: str) -> None:
    ws.projects.delete_stage_entry(entry_id, reason)


def delete_attachment(ws, attachment_id: str, reason: str) -> None:
    ws.attachments.delete(attachment_id, reason)


def attachment_file(ws, attachment_id: str) -> str:
    """Where the attachment's stored file is, to open it in the system viewer."""
    return str(ws.attachments.file_of(attachment_id))

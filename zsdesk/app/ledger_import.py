"""The 导入Excel台账 wizard's door into the core: several workbooks read at once,
each sheet's kind and column mapping (shown, editable, remembered for its
layout), the proposals for what the site does not know yet (new 招商人员,
industry names matched to the catalogue, new companies), every row's fate, and
the import itself in one transaction (cancellable through ``report``).

Every function returns frozen values. A ``SheetInfo`` carries the read sheet
(the core's ``LedgerPlan``) in ``plan`` for the next step to hand back; the
window never looks inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zsdesk.errors import ValidationError
from zsdesk.ledgers.columns import COLUMNS, KIND_LABELS, KINDS
from zsdesk.ledgers.importer import (
    FATE_LABELS, Choices, ImportPreview, apply_many, preview_many, save_mapping, with_remembered_mapping,
)
from zsdesk.ledgers.reader import LedgerPlan, plan_mapping, read_workbook, remap

__all__ = [
    "ColumnInfo", "ImportChoices", "ImportCheck", "IndustryChoice", "RowFate", "SheetInfo", "FilesRead",
    "check_import", "field_choices", "kind_choices", "read_files", "remap_sheet", "remember_sheet", "run_import",
]


@dataclass(frozen=True)
class ColumnInfo:
    index: int                 # 0-based column of the sheet
    header: str                # as the ledger heads it
    field: str | None          # the ledger field it is read as (None: not imported)
    field_label: str | None


@dataclass(frozen=True)
class SheetInfo:
    file: str                  # file name
    path: str
    sheet: str
    kind: str
    kind_label: str
    kind_detected: bool
    rows: int                  # data rows read
    header_rows: tuple[int, ...]
    columns: tuple[ColumnInfo, ...]
    notes: tuple[str, ...]
    remembered: bool           # mapped as last time for this layout
    plan: Any = field(default=None, repr=False, compare=False)   # the read sheet, handed back to the next step


@dataclass(frozen=True)
class FilesRead:
    sheets: tuple[SheetInfo, ...]
    skipped: tuple[str, ...]   # sheets not imported, with why


@dataclass(frozen=True)
class IndustryChoice:
    text: str                  # as the ledger writes it
    proposed_id: str | None
    proposed_name: str | None
    score: int
    chosen_id: str | None
    rows: int


@dataclass(frozen=True)
class ImportChoices:
    new_staff: bool = True
    industries: tuple[tuple[str, str | None], ...] = ()   # (text, chosen id or None)


@dataclass(frozen=True)
class RowFate:
    file: str
    sheet: str
    row: int
    fate: str
    fate_label: str
    label: str
    problems: tuple[tuple[str, str], ...]   # (column, reason)
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ImportCheck:
    """The proposals and every row's fate (``applied``: written)."""
    new_staff: tuple[tuple[str, str], ...]      # (name, unit)
    new_companies: tuple[str, ...]
    industries: tuple[IndustryChoice, ...]
    catalogue: tuple[tuple[str, str], ...]      # (id, name) to pick an industry from
    rows: tuple[RowFate, ...]
    counts: tuple[tuple[str, int], ...]         # (fate label, rows), fates with rows only
    applied: bool
    texts: tuple[str, ...]                      # each sheet's report, as the command line prints it


def kind_choices() -> tuple[tuple[str, str], ...]:
    return tuple((k, KIND_LABELS[k]) for k in KINDS)


def field_choices(kind: str) -> tuple[tuple[str, str], ...]:
    """(field, header) a column of a ``kind`` ledger may be read as."""
    return tuple((c.field, c.header) for c in COLUMNS[kind] if not c.export_only)


def _sheet(plan: LedgerPlan) -> SheetInfo:
    labels = {c.field: c.header for c in COLUMNS[plan.kind]}
    mapping = plan_mapping(plan)
    columns = tuple(ColumnInfo(i, plan.headers[i] if i < len(plan.headers) else "", f, labels.get(f) if f else None)
                    for i, f in sorted(mapping.items()))
    return SheetInfo(plan.file_name, str(plan.path), plan.sheet, plan.kind, KIND_LABELS[plan.kind],
                     plan.kind_detected, len(plan.rows), tuple(plan.header_rows), columns, tuple(plan.notes),
                     plan.mapping_remembered, plan)


def read_files(ws, paths: list[str] | tuple[str, ...], report=None) -> FilesRead:
    """Every ledger sheet of the workbooks, each mapped as last time for its layout."""
    sheets: list[SheetInfo] = []
    skipped: list[str] = []
    for n, path in enumerate(paths):
        if report is not None:
            report(n, len(paths), path)
        read = read_workbook(path)
        sheets += [_sheet(with_remembered_mapping(ws, p)) for p in read.plans]
        skipped += [f"{read.path.name}：{why}" for why in read.skipped_sheets]
    return FilesRead(tuple(sheets), tuple(skipped))


def remap_sheet(ws, sheet: SheetInfo, kind: str | None = None,
                mapping: dict[int, str | None] | None = None) -> SheetInfo:
    """The sheet read again as ``kind`` or with the columns mapped by hand."""
    if sheet.plan is None:
        raise ValidationError("mapping", "该工作表无法重新读取：请重新选择文件")
    plan = remap(sheet.plan, kind, mapping)
    return _sheet(plan)


def remember_sheet(ws, sheet: SheetInfo) -> None:
    """Remember the sheet's kind and mapping for its layout now."""
    save_mapping(ws, sheet.plan)


def _choices(choices: ImportChoices) -> Choices:
    return Choices(new_staff=choices.new_staff, industries=dict(choices.industries))


def _check(ws, results: list[ImportPreview], applied: bool) -> ImportCheck:
    staff: dict[str, tuple[str, str]] = {}
    companies: dict[str, None] = {}
    industries: dict[str, IndustryChoice] = {}
    rows: list[RowFate] = []
    counts: dict[str, int] = {}
    for result in results:
        for v in result.new_staff:
            staff[v["id"]] = (v["name"], result.unit_names.get(v["unit_id"], ""))
        companies.update(dict.fromkeys(result.new_companies))
        for m in result.industry_matches:
            old = industries.get(m.text)
            industries[m.text] = IndustryChoice(m.text, m.proposed_id, m.proposed_name, m.score, m.chosen_id,
                                                m.rows + (old.rows if old else 0))
        plan = result.plan
        for r in result.rows:
            rows.append(RowFate(plan.file_name, plan.sheet, r.row, r.fate, FATE_LABELS[r.fate],
                                " ".join(x for x in (r.number, r.label) if x),
                                tuple((p.column or "", p.message) for p in r.problems), tuple(r.notes)))
            counts[r.fate] = counts.get(r.fate, 0) + 1
    return ImportCheck(tuple(staff.values()), tuple(companies), tuple(industries.values()), _catalogue(ws),
                       tuple(rows), tuple((FATE_LABELS[f], counts[f]) for f in FATE_LABELS if f in counts),
                       applied, tuple(r.to_text() for r in results))


def _catalogue(ws) -> tuple[tuple[str, str], ...]:
    items = ws.reference.list_industries()
    names = {i.id: i.name for i in items}
    top = [(i.id, i.name) for i in items if not i.parent_id]
    nodes = [(i.id, f"{names.get(i.parent_id, '')}／{i.name}") for i in items if i.parent_id]
    return tuple(top + nodes)


def check_import(ws, sheets: tuple[SheetInfo, ...] | list[SheetInfo], choices: ImportChoices,
                 unit_code: str | None = None, report=None) -> ImportCheck:
    """The proposals and every row's fate, writing nothing."""
    progress = None if report is None else (lambda done, total: report(done, total, ""))
    results = preview_many(ws, [s.plan for s in sheets], unit_code=unit_code, choices=_choices(choices),
                           progress=progress)
    return _check(ws, results, False)


def run_import(ws, sheets: tuple[SheetInfo, ...] | list[SheetInfo], choices: ImportChoices,
               unit_code: str | None = None, report=None) -> ImportCheck:
    """Write the valid rows of every sheet (checked again) in one transaction;
    ``report`` may stop it (the task's cancel), and then nothing is written."""
    progress = None if report is None else (lambda done, total: report(done, total, ""))
    results = apply_many(ws, [s.plan for s in sheets], "valid", unit_code=unit_code, choices=_choices(choices),
                         progress=progress)
    return _check(ws, results, any(r.applied for r in results))

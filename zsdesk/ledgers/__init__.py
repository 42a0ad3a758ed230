"""Excel 台账 (ledgers): export of visits, leads and projects and of the per-unit
statistics workbook; import of the ledgers staff keep, with a row-by-row preview.

    plan = read_ledger(path, "auto")        # read and parse the file (no database)
    result = preview(ws, plan)              # each row: created / updated / unchanged / refused
    result = apply(ws, plan, mode="valid")  # or mode="all": every row valid, or nothing
"""

from zsdesk.ledgers.export import ExportResult, export_ledger, export_stats
from zsdesk.ledgers.importer import ImportPreview, RowResult, apply, preview
from zsdesk.ledgers.reader import LedgerPlan, Problem, read_ledger

__all__ = ["ExportResult", "ImportPreview", "LedgerPlan", "Problem", "RowResult", "apply", "export_ledger",
           "export_stats", "preview", "read_ledger"]

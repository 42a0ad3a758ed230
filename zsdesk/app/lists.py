"""The record lists (拜访, 线索, 项目, 客商, 载体): the queries behind them.

``ListQuery`` and ``Column`` are plain values; the functions of
``zsdesk.services.queries`` return ids and plain row tuples. ``export_list``
writes what a list shows (its filters, order and visible columns) to Excel."""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from zsdesk.reminders import LIGHT_LABELS
from zsdesk.services import queries
from zsdesk.services.queries import Column, IdList, ListQuery

if TYPE_CHECKING:
    from zsdesk.ledgers.export import ExportResult

__all__ = ["Column", "ExportResult", "IdList", "ListQuery", "export_list", "queries"]


def __getattr__(name: str):
    # the ledgers (Excel reading and writing) are imported when a list is exported,
    # not when the first list opens (start-up)
    if name == "ExportResult":
        from zsdesk.ledgers.export import ExportResult

        return ExportResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: list column type -> ledger sheet column type
_SHEET_TYPES = {"date": "date", "int": "int", "money": "money", "quantity": "decimal"}
_CHUNK = 2000


def export_list(ws, query: ListQuery, columns: Sequence[tuple[str, str]], out: str | os.PathLike, *,
                heading: str, info: str = "", sheet: str = "列表") -> ExportResult:
    """Write every record of ``query`` (all pages, in its order) to ``out`` (.xlsx):
    ``columns`` are (column key, header) as the list shows them."""
    from zsdesk.ledgers.export import export_table

    types = {c.key: c.type for c in queries.COLUMNS[query.kind]}
    keys = [key for key, _ in columns]
    ids = queries.ordered_ids(ws, query)
    rows: list[list] = []
    for start in range(0, len(ids), _CHUNK):
        for row in queries.rows(ws, query.kind, ids[start:start + _CHUNK]):
            rows.append([_cell(types.get(key, "text"), row.get(key)) for key in keys])
    sheet_columns = [(header, _SHEET_TYPES.get(types.get(key, "text"), "text")) for key, header in columns]
    return export_table(out, sheet_columns, rows, heading=heading, info=info, sheet=sheet)


def _cell(kind: str, value):
    if kind == "light":
        return LIGHT_LABELS.get(value, "") if value else None
    if value is None or value == "":
        return None
    if kind == "quantity" and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value

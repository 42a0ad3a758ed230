"""Writing one 台账-style sheet with openpyxl in write-only mode.

The layout county staff keep: a title row across the table, a line naming the
unit, the period and the money unit, a frozen header with an autofilter, 序号,
thin borders, 万元 with thousands separators and two decimals, real Excel
dates, column widths that fit Chinese text, and a 合计 row under the filtered
range (SUBTOTAL, so it follows the filter).

Speed: a ledger may have 100k rows. Each column gets one styled cell that is
reused for every row (its style looked up once), and rows are handed to the
writer without openpyxl's per-value type probing; the result is as fast as
appending plain values.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from zsdesk import numbers
from zsdesk.ledgers.columns import Column

FONT = "宋体"
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
# the exact value goes into the cell; these formats round its display half up
MONEY_FORMAT = numbers.EXCEL_MONEY
COUNT_FORMAT = numbers.EXCEL_COUNT
PERCENT_FORMAT = numbers.EXCEL_PERCENT
DATE_FORMAT = "yyyy-mm-dd"
WIDTH_SAMPLE = 3000   # rows looked at to size columns
MAX_WIDTH = 60
WRAP_WIDTH = 40
A4_WIDTH = 200        # columns that still read well on A4 landscape

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY_FONT = Font(name=FONT, size=10)
_FORMATS = {"money": MONEY_FORMAT, "usd": MONEY_FORMAT, "decimal": MONEY_FORMAT, "date": DATE_FORMAT,
            "int": COUNT_FORMAT, "seq": "0", "percent": PERCENT_FORMAT, "count": "General"}
_NUMERIC = {"money", "usd", "decimal", "int", "seq", "percent", "count", "mixed"}


@dataclass(frozen=True)
class Formatted:
    """A value with its own number format, in a column of type ``mixed``
    (a statistics table holds counts, 万元 and rates in one column)."""
    value: object
    number_format: str


class _ColumnCell(Cell):
    """A write-only cell reused for every row of one column. Its style id is
    looked up once instead of for every cell written."""

    __slots__ = ("_fixed_style_id",)
    has_style = True

    @property
    def style_id(self):
        return self._fixed_style_id


def _column_cell(ws, col_idx: int, *, font=_BODY_FONT, number_format=None, alignment=None,
                 fill=None, border=_BORDER) -> _ColumnCell:
    cell = _ColumnCell(ws, row=1, column=col_idx)
    cell.font = font
    cell.border = border
    if number_format:
        cell.number_format = number_format
    if alignment:
        cell.alignment = alignment
    if fill:
        cell.fill = fill
    cell._fixed_style_id = Cell.style_id.fget(cell)
    return cell


def _cells_in_row(cells, row_idx):
    """Stands in for WriteOnlyWorksheet._values_to_row: the row is already cells."""
    for cell in cells:
        cell.row = row_idx
        yield cell


def display_width(value) -> int:
    """Columns a value needs: a CJK character takes two, like in Excel with 宋体."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max(len(line.encode("gbk", "replace")) for line in value.split("\n")) if value else 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, (int, float)) or hasattr(value, "as_tuple"):
        return len(f"{value:,.2f}")
    return len(str(value))


@dataclass
class SheetColumn:
    header: str
    type: str = "text"
    width: int = 10
    wrap: bool = False
    total: bool = False  # a SUBTOTAL in the 合计 row

    @classmethod
    def of(cls, col: Column) -> SheetColumn:
        return cls(col.header, col.type, col.width, col.wrap, total=col.type in ("money", "usd"))


def _clean_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_table(wb, sheet_name: str, columns: Sequence[SheetColumn], rows: Iterable[Sequence], *,
                heading: str, info: str, total_label: str | None = "合计"):
    """Add a sheet holding a titled table. ``rows`` are value lists in column order
    (None for empty). With ``total_label``, a 合计 row sums the money columns."""
    ws = wb.create_sheet(sheet_name)
    rows = rows if isinstance(rows, list) else list(rows)
    n_cols = len(columns)
    last_col = get_column_letter(n_cols)
    last_row = HEADER_ROW + len(rows)

    # widths from the header and a sample of the values
    sample = rows[:WIDTH_SAMPLE]
    total_width = 0
    widths = []
    for j, col in enumerate(columns):
        needed = max((display_width(getattr(r[j], "value", r[j])) for r in sample), default=0)
        header_need = max(display_width(part) for part in col.header.split("\n"))
        width = max(col.width, min(needed, WRAP_WIDTH if col.wrap else MAX_WIDTH), min(header_need, 16))
        ws.column_dimensions[get_column_letter(j + 1)].width = width + 2
        total_width += width + 2
        widths.append(width)

    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    # a wide ledger is printed on A3, as offices do; fitted to the page width
    ws.page_setup.paperSize = "8" if total_width > A4_WIDTH else "9"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.row_dimensions[TITLE_ROW].height = 32
    ws.row_dimensions[HEADER_ROW].height = 30
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"

    # title, info line, header
    ws.merged_cells.add(f"A{TITLE_ROW}:{last_col}{TITLE_ROW}")
    ws.merged_cells.add(f"A{INFO_ROW}:{last_col}{INFO_ROW}")
    title_cell = _column_cell(ws, 1, font=Font(name=FONT, size=16, bold=True), border=Border(),
                              alignment=Alignment(horizontal="center", vertical="center"))
    title_cell.value = heading
    ws.append([title_cell])
    info_cell = _column_cell(ws, 1, font=Font(name=FONT, size=10), border=Border(),
                             alignment=Alignment(horizontal="left", vertical="center"))
    info_cell.value = info
    ws.append([info_cell])
    header_cells = []
    for j, col in enumerate(columns, 1):
        cell = _column_cell(ws, j, font=Font(name=FONT, size=10, bold=True),
                            fill=PatternFill("solid", fgColor="DDEBF7"),
                            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
        cell.value = col.header
        header_cells.append(cell)
    ws.append(header_cells)

    # data rows: one reusable cell per column
    cells = []
    for j, col in enumerate(columns, 1):
        if col.type in _NUMERIC or col.type == "date":
            align = Alignment(horizontal="center" if col.type in ("seq", "date") else "right",
                              vertical="center")
        else:
            align = Alignment(horizontal="center" if col.type in ("stage", "bool") else "left",
                              vertical="center", wrap_text=col.wrap)
        cells.append(_column_cell(ws, j, number_format=_FORMATS.get(col.type), alignment=align))
    text_cols = [j for j, col in enumerate(columns) if col.type not in _NUMERIC and col.type != "date"]
    mixed_cols = [j for j, col in enumerate(columns) if col.type == "mixed"]
    variants: dict[tuple[int, str], _ColumnCell] = {}
    # wrapped text needs taller rows (neither Excel nor LibreOffice grows them on opening)
    # One row dimension per number of lines, shared by the rows that need it:
    # the write-only writer reads a row's height from it, never its index.
    wrapped = [(j, widths[j]) for j, col in enumerate(columns) if col.wrap]
    dims = ws.row_dimensions
    heights: dict[int, RowDimension] = {}
    ws._values_to_row = _cells_in_row  # rows are handed over as ready cells
    for row_idx, values in enumerate(rows, FIRST_DATA_ROW):
        if wrapped:
            lines = 1
            for j, width in wrapped:
                text = values[j]
                if text.__class__ is str:
                    need = -(-len(text.encode("gbk", "replace")) // width) + text.count("\n")
                    if need > lines:
                        lines = need
            if lines > 1:
                lines = min(lines, MAX_LINES)
                if lines not in heights:
                    heights[lines] = _RowHeight(ws, lines)
                dims[row_idx] = heights[lines]
        row_cells = cells
        if mixed_cols:
            values, row_cells = list(values), list(cells)
            for j in mixed_cols:
                if isinstance(values[j], Formatted):
                    fmt = values[j].number_format
                    if (j, fmt) not in variants:
                        variants[(j, fmt)] = _column_cell(ws, j + 1, number_format=fmt,
                                                          alignment=copy(cells[j].alignment))
                    row_cells[j], values[j] = variants[(j, fmt)], values[j].value
        try:
            for cell, value in zip(row_cells, values):
                cell.value = value
        except IllegalCharacterError:  # control characters pasted into a text field
            for cell, value in zip(row_cells, values):
                set_cell_text(cell, value)
        for j in text_cols:
            cell = row_cells[j]
            if cell.data_type == "f":  # text that starts with "=" stays text
                cell.data_type = "s"
        ws.append(row_cells)

    if total_label and rows:
        _total_row(ws, columns, last_row, total_label)
    del ws._values_to_row
    return ws


LINE_HEIGHT = 13.5   # points per line of 10-point 宋体
MAX_LINES = 12


class _RowHeight(RowDimension):
    """A row height shared by many rows; the writer reads its attributes for
    every row, so they are computed once."""

    def __init__(self, ws, lines: int):
        super().__init__(ws, ht=LINE_HEIGHT * lines + 2, customHeight=True)
        self._items = tuple(super().__iter__())

    def __iter__(self):
        return iter(self._items)


def _total_row(ws, columns, last_row, label):
    cells = []
    bold = Font(name=FONT, size=10, bold=True)
    for j, col in enumerate(columns, 1):
        cell = _column_cell(ws, j, font=bold, number_format=_FORMATS.get(col.type),
                            alignment=Alignment(horizontal="center" if j <= 2 else "right", vertical="center"))
        letter = get_column_letter(j)
        if j == 1:
            cell.value = label
        elif col.total:
            # 109: sum of the rows the filter shows
            cell.value = f"=SUBTOTAL(109,{letter}{FIRST_DATA_ROW}:{letter}{last_row})"
        cells.append(cell)
    ws.append(cells)
    ws.merged_cells.add(f"A{last_row + 1}:B{last_row + 1}")


def set_cell_text(cell, value) -> None:
    try:
        cell.value = value
    except IllegalCharacterError:
        cell.value = _clean_text(value)

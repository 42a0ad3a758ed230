"""ListModel: a lazily loading table of visits, leads, projects, companies or carriers.

The model holds a ``ListQuery`` and the rows loaded so far. Setting a query
loads its first page (ids, then display values for those ids, both from
``zsdesk.services.queries``); the view asks for more with ``canFetchMore`` /
``fetchMore`` as the user scrolls, and each page starts where the last one
ended (keyset paging), so opening a million visits costs one screen. The total
is counted after the first page is shown (``counted``), because a count reads
every matching row.

Sorting asks the database again (``sort`` changes the query's ORDER BY); no
proxy model calls ``data()`` for every row (STYLE §5). With a ``TaskRunner``
queries run off the GUI thread and answers to an older query are dropped;
without one they run in the calling thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from decimal import Decimal
from enum import IntEnum

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from zsdesk.services import queries
from zsdesk.services.queries import Column, ListQuery

log = logging.getLogger(__name__)

#: the raw value of a cell (Decimal, date, int, str or None): what the column sorts by
SortRole = Qt.ItemDataRole.UserRole + 1
#: the record's id (any column)
RecordIdRole = Qt.ItemDataRole.UserRole + 3
#: the whole row as the dict ``queries.rows`` gave (any column)
RowRole = Qt.ItemDataRole.UserRole + 4


# --- named columns, one enum per list (same order as queries.COLUMNS) -------------------------

class VisitColumn(IntEnum):
    NUMBER = 0
    VISIT_DATE = 1
    COMPANY = 2
    KIND = 3
    PLACE = 4
    PEOPLE = 5
    STAFF = 6
    UNIT = 7
    TRIP_DAYS = 8
    NEXT_DUE = 9
    OUTCOME = 10
    OWNER = 11


class LeadColumn(IntEnum):
    LIGHT = 0
    NUMBER = 1
    NAME = 2
    COMPANY = 3
    INDUSTRY = 4
    PLANNED_INVESTMENT = 5
    STAGE = 6
    STAGE_DATE = 7
    OWNER_STAFF = 8
    UNIT = 9
    FIRST_REPORTED = 10
    NEXT_FOLLOWUP = 11
    SOURCE = 12
    OWNER = 13


class ProjectColumn(IntEnum):
    LIGHT = 0
    NUMBER = 1
    NAME = 2
    COMPANY = 3
    INDUSTRY = 4
    CONTRACT_DATE = 5
    CONTRACT_INVESTMENT = 6
    STAGE = 7
    STAGE_DATE = 8
    OWNER_STAFF = 9
    UNIT = 10
    LAND_MU = 11
    CARRIER = 12
    JOBS = 13
    OWNER = 14


class CompanyColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    USCI = 2
    TAGS = 3
    REGION = 4
    INDUSTRY = 5
    ADDRESS = 6
    OWNER = 7


class CarrierColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    KIND = 2
    PARK = 3
    UNIT = 4
    AREA = 5
    FREE_AREA = 6
    PRICE = 7
    ADDRESS = 8
    OWNER = 9


COLUMN_ENUMS: dict[str, type[IntEnum]] = {
    "visits": VisitColumn, "leads": LeadColumn, "projects": ProjectColumn,
    "companies": CompanyColumn, "carriers": CarrierColumn,
}


# --- how values look ------------------------------------------------------------------------------

LIGHT_COLOURS = {"red": QColor("#D93025"), "yellow": QColor("#F2A600"), "green": QColor("#2E9D4B")}
MUTED = QColor("#6B7A8F")
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_NUMERIC = ("money", "quantity", "int")


def format_decimal(value: Decimal | None, places: int | None = None) -> str:
    """12345.6 -> '12,345.6' (exact; ``places`` fixes the decimals)."""
    if value is None:
        return ""
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return f"{value:,f}"


def display_text(column: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.type == "money":
        return format_decimal(value, 2 if value != int(value) else None)
    if column.type == "quantity":
        return format_decimal(value)
    if column.type == "int":
        return f"{value:,}"
    return str(value)


_dots: dict[str, QIcon] = {}


def light_dot(colour: str | None) -> QIcon | None:
    """A round lamp of the 亮灯 colour (made once per colour)."""
    if colour not in LIGHT_COLOURS:
        return None
    if colour not in _dots:
        pixmap = QPixmap(28, 28)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(LIGHT_COLOURS[colour])
        p.drawEllipse(6, 6, 16, 16)
        p.end()
        _dots[colour] = QIcon(pixmap)
    return _dots[colour]


def light_name(colour: str | None) -> str:
    names = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}
    return QCoreApplication.translate("ListModel", names[colour]) if colour in names else ""


# --- loading ----------------------------------------------------------------------------------------

def load_page(ws, query: ListQuery, after, limit: int):
    """One page: its ids, then display values for them (runs in a worker)."""
    page = queries.page_ids(ws, query, after, limit)
    return page, queries.rows(ws, query.kind, page.ids)


def _weak(method, *args):
    """A callback to ``method(*args, answer)`` that does not keep its object alive
    (a task still running when a page closes must not hold the page)."""
    ref = weakref.WeakMethod(method)

    def call(answer):
        bound = ref()
        if bound is not None and shiboken6.isValid(bound.__self__):
            bound(*args, answer)
    return call


class ListModel(QAbstractTableModel):
    """The rows of one list, loaded a page at a time."""

    #: the first page of the current query is in (also after a refresh)
    loaded = Signal()
    #: the total of the current query is known
    counted = Signal(int)
    #: loading failed: the message to show
    failed = Signal(str)

    def __init__(self, ws, kind: str, tasks=None, parent=None, *, page_size: int = queries.PAGE_SIZE):
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self.tasks = tasks
        self.page_size = page_size
        self.columns: tuple[Column, ...] = queries.columns(kind)
        self.column_enum = COLUMN_ENUMS[kind]
        self._titles = [QCoreApplication.translate("ListColumns", c.title) for c in self.columns]
        self._tips = [QCoreApplication.translate("ListColumns", c.tip) if c.tip else None
                      for c in self.columns]
        self._query = ListQuery(kind)
        self._rows: list[dict] = []
        self._index: dict[str, int] = {}
        self._after = None
        self._more = False
        self._loading = False
        self._generation = 0
        self._total: int | None = None
        self._started = False

    # -- the query -----------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int | None:
        """How many records the query lists (None until counted)."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def set_query(self, query: ListQuery) -> None:
        """Show ``query``: drop the rows and load its first page."""
        if query.kind != self.kind:
            raise ValueError(f"a {self.kind} list cannot show {query.kind}")
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Read the current query again from its first page."""
        self._started = True
        self._generation += 1
        self._total = None
        self._more = False
        self._after = None
        self._load(first=True)

    def sort_key(self) -> tuple[str, bool]:
        """(column key, descending) the rows are in."""
        q = self._query
        if q.sort in queries.column_keys(self.kind):
            return q.sort, q.descending
        return queries.DEFAULT_SORT[self.kind]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == self.sort_key() and self._started:
            return
        self._query = self._query.with_(sort=key, descending=descending)
        if self._started:
            self.reload()

    # -- loading -------------------------------------------------------------------------------
    def _load(self, *, first: bool) -> None:
        generation = self._generation
        self._loading = True
        after = None if first else self._after
        if self.tasks is None:
            try:
                result = load_page(self.ws, self._query, after, self.page_size)
            except Exception as exc:  # noqa: BLE001 - shown to the user, logged when a bug
                self._on_failed(generation, exc)
                return
            self._on_page(generation, first, result)
            return
        self.tasks.run(load_page, self.ws, self._query, after, self.page_size,
                       title=QCoreApplication.translate("ListModel", "读取列表"), write=False,
                       progress=False,
                       on_done=_weak(self._on_page, generation, first),
                       on_error=_weak(self._on_failed, generation))

    def _on_page(self, generation: int, first: bool, result) -> None:
        if generation != self._generation:
            return  # an answer to a query that was replaced meanwhile
        page, rows = result
        # still "loading" while views hear about the rows: a view (or the model
        # tester) asking for more from inside those signals must wait its turn
        self._after, self._more = page.after, page.more
        if first:
            self.beginResetModel()
            self._rows = list(rows)
            self._index = {r["id"]: i for i, r in enumerate(self._rows)}
            self._loading = False
            self.endResetModel()
            self.loaded.emit()
            self._count(generation)
        elif rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            for i, r in enumerate(rows, start):
                self._rows.append(r)
                self._index[r["id"]] = i
            self.endInsertRows()
            self._loading = False
        else:
            self._loading = False

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = False
        from zsdesk.errors import ZsdeskError

        if not isinstance(exc, ZsdeskError):
            log.error("list %s could not be read", self.kind, exc_info=exc)
        self.failed.emit(QCoreApplication.translate("ListModel", "列表读取失败：{0}").format(exc))

    def _count(self, generation: int) -> None:
        if not self._more:  # everything is in: no need to ask
            self._on_counted(generation, len(self._rows))
            return
        if self.tasks is None:
            self._on_counted(generation, queries.count(self.ws, self._query))
            return
        self.tasks.run(queries.count, self.ws, self._query,
                       title=QCoreApplication.translate("ListModel", "统计条数"), write=False,
                       progress=False, on_done=_weak(self._on_counted, generation),
                       on_error=_weak(self._on_failed, generation))

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._total = total
        self.counted.emit(total)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008, N802 (Qt's names)
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._load(first=False)

    # -- rows ------------------------------------------------------------------------------------
    def row_id(self, row: int) -> str | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int | None:
        """The row showing ``record_id`` (None when it is not loaded)."""
        return self._index.get(record_id)

    def row_values(self, row: int) -> dict:
        return dict(self._rows[row])

    def loaded_ids(self) -> list[str]:
        return [r["id"] for r in self._rows]

    def column_of(self, key: str) -> int:
        return queries.column_keys(self.kind).index(key)

    # -- Qt's model interface --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if column.type == "light" else self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._titles[section] + (f"\n{self._tips[section]}" if self._tips[section] else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.type in _NUMERIC:
                return _ALIGN_RIGHT
            return _ALIGN_CENTRE if column.type == "light" else _ALIGN_LEFT
        if role == Qt.ItemDataRole.DecorationRole and column.type == "light":
            return light_dot("green")
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return None if column.type == "light" else display_text(column, value)
        if role == SortRole:
            return value
        if role == RecordIdRole:
            return row["id"]
        if role == RowRole:
            return dict(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return light_dot(value) if column.type == "light" else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.type in _NUMERIC:
                return _ALIGN_RIGHT
            return _ALIGN_CENTRE if column.type == "light" else _ALIGN_LEFT
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return light_name(value) if column.type == "light" else display_text(column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, value)
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "owner":
            return MUTED
        return None

    def _tooltip(self, row: dict, column: Column, value) -> str | None:
        if column.type == "light":
            if not value:
                return QCoreApplication.translate("ListModel", "已结束，不亮灯")
            return f"{light_name(value)}：{row.get('light_reason', '')}"
        if column.key == "owner" and row.get("readonly"):
            return QCoreApplication.translate("ListModel", "由“{0}”维护，本站点只读").format(value)
        if column.type == "text" and isinstance(value, str) and len(value) > 12:
            return value
        return None

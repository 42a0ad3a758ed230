"""ListModel: a lazily loading table of visits, leads, projects, companies or carriers.

The model holds a ``ListQuery`` and the rows loaded so far. Setting a query
loads its first page (ids, then display values for those ids, both from
``zsdesk.app.lists.queries``); the view asks for more with ``canFetchMore`` /
``fetchMore`` as the user scrolls, and each page starts where the last one
ended (keyset paging), so opening a million visits costs one screen. The total
is counted after the first page is shown (``counted``), because a count reads
every matching row.

Memory stays bounded however far the list is scrolled: the model keeps the ids
of every row it has listed (their order is the list; packed, 16 bytes a UUID,
``IdList``), but the display values
of only a window of pages (``max_rows``, the pages used last); a row scrolled
far away is dropped and read again by its ids (``queries.rows``) when it comes
back into view. Selection and opening a record go by ids, which are always kept.

Sorting asks the database again (``sort`` changes the query's ORDER BY); no
proxy model calls ``data()`` for every row (docs/CONVENTIONS.md habit 5). With a ``TaskRunner``
queries run off the GUI thread and answers to an older query are dropped;
without one they run in the calling thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import OrderedDict
import logging
import weakref
from decimal import Decimal
from enum import IntEnum

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from zsdesk.app import LEAD_LABELS, PROJECT_LABELS, numbers
from zsdesk.app.listing import DEFAULT_SORT, PAGE_SIZE, Column, FirstPage, IdList, ListQuery, column_keys, columns

log = logging.getLogger(__name__)


class _Queries:
    """``zsdesk.app.lists.queries``, imported when first used: at start-up the first
    list is made and filled (``show_first_page``) before the database layer is imported."""

    def __getattr__(self, name: str):
        from zsdesk.app.lists import queries as module

        return getattr(module, name)


queries = _Queries()

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
    TRIP_DAYS = 7
    UNIT = 8
    NEXT_STEP = 9
    NEXT_DUE = 10
    OUTCOME = 11
    OWNER = 12


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


# --- words to translate ------------------------------------------------------------------------

#: every column title and tip of ``queries.COLUMNS`` and every domain word a list
#: shows, marked for lupdate (the words live in modules without Qt; a test keeps
#: this complete)
TRANSLATED = (
    QT_TRANSLATE_NOOP("ListColumns", "编号"),
    QT_TRANSLATE_NOOP("ListColumns", "拜访日期"),
    QT_TRANSLATE_NOOP("ListColumns", "企业"),
    QT_TRANSLATE_NOOP("ListColumns", "方式"),
    QT_TRANSLATE_NOOP("ListColumns", "地点"),
    QT_TRANSLATE_NOOP("ListColumns", "对方人员"),
    QT_TRANSLATE_NOOP("ListColumns", "我方负责人"),
    QT_TRANSLATE_NOOP("ListColumns", "外出天数"),
    QT_TRANSLATE_NOOP("ListColumns", "招商单元"),
    QT_TRANSLATE_NOOP("ListColumns", "下一步"),
    QT_TRANSLATE_NOOP("ListColumns", "截止"),
    QT_TRANSLATE_NOOP("ListColumns", "成果"),
    QT_TRANSLATE_NOOP("ListColumns", "所属站点"),
    QT_TRANSLATE_NOOP("ListColumns", "记录由其他站点维护时，显示该站点（本站点只读）"),
    QT_TRANSLATE_NOOP("ListColumns", "亮灯"),
    QT_TRANSLATE_NOOP("ListColumns", "按亮灯规则：阶段停留时间、搁置"),
    QT_TRANSLATE_NOOP("ListColumns", "项目名称"),
    QT_TRANSLATE_NOOP("ListColumns", "产业"),
    QT_TRANSLATE_NOOP("ListColumns", "计划投资(万元)"),
    QT_TRANSLATE_NOOP("ListColumns", "阶段"),
    QT_TRANSLATE_NOOP("ListColumns", "阶段日期"),
    QT_TRANSLATE_NOOP("ListColumns", "包保责任人"),
    QT_TRANSLATE_NOOP("ListColumns", "首报日期"),
    QT_TRANSLATE_NOOP("ListColumns", "下次跟进"),
    QT_TRANSLATE_NOOP("ListColumns", "来源"),
    QT_TRANSLATE_NOOP("ListColumns", "按亮灯规则：开工、投产时限，待协调问题"),
    QT_TRANSLATE_NOOP("ListColumns", "签约日期"),
    QT_TRANSLATE_NOOP("ListColumns", "合同投资(万元)"),
    QT_TRANSLATE_NOOP("ListColumns", "用地(亩)"),
    QT_TRANSLATE_NOOP("ListColumns", "载体"),
    QT_TRANSLATE_NOOP("ListColumns", "用工(人)"),
    QT_TRANSLATE_NOOP("ListColumns", "企业名称"),
    QT_TRANSLATE_NOOP("ListColumns", "统一社会信用代码"),
    QT_TRANSLATE_NOOP("ListColumns", "类型"),
    QT_TRANSLATE_NOOP("ListColumns", "所在地区"),
    QT_TRANSLATE_NOOP("ListColumns", "地址"),
    QT_TRANSLATE_NOOP("ListColumns", "载体名称"),
    QT_TRANSLATE_NOOP("ListColumns", "园区"),
    QT_TRANSLATE_NOOP("ListColumns", "面积"),
    QT_TRANSLATE_NOOP("ListColumns", "土地：亩；厂房、楼宇：平方米"),
    QT_TRANSLATE_NOOP("ListColumns", "空置面积"),
    QT_TRANSLATE_NOOP("ListColumns", "价格(万元)"),
    QT_TRANSLATE_NOOP("ListColumns", "每单位面积每年"),
    QT_TRANSLATE_NOOP("Domain", "线索"),
    QT_TRANSLATE_NOOP("Domain", "接洽"),
    QT_TRANSLATE_NOOP("Domain", "在谈"),
    QT_TRANSLATE_NOOP("Domain", "意向"),
    QT_TRANSLATE_NOOP("Domain", "签约"),
    QT_TRANSLATE_NOOP("Domain", "搁置"),
    QT_TRANSLATE_NOOP("Domain", "终止"),
    QT_TRANSLATE_NOOP("Domain", "注册"),
    QT_TRANSLATE_NOOP("Domain", "开工"),
    QT_TRANSLATE_NOOP("Domain", "竣工"),
    QT_TRANSLATE_NOOP("Domain", "投产"),
    QT_TRANSLATE_NOOP("Domain", "达效"),
    QT_TRANSLATE_NOOP("Domain", "未履约"),
    QT_TRANSLATE_NOOP("Domain", "停滞"),
    QT_TRANSLATE_NOOP("Domain", "上门招商"),
    QT_TRANSLATE_NOOP("Domain", "驻点招商"),
    QT_TRANSLATE_NOOP("Domain", "来访接待"),
    QT_TRANSLATE_NOOP("Domain", "展会推介"),
    QT_TRANSLATE_NOOP("Domain", "企业走访/安商稳商"),
    QT_TRANSLATE_NOOP("Domain", "以商招商"),
    QT_TRANSLATE_NOOP("Domain", "其他"),
    QT_TRANSLATE_NOOP("Domain", "土地"),
    QT_TRANSLATE_NOOP("Domain", "标准厂房"),
    QT_TRANSLATE_NOOP("Domain", "楼宇"),
    QT_TRANSLATE_NOOP("Domain", "孵化器"),
    QT_TRANSLATE_NOOP("Domain", "世界500强"),
    QT_TRANSLATE_NOOP("Domain", "中国500强"),
    QT_TRANSLATE_NOOP("Domain", "央企"),
    QT_TRANSLATE_NOOP("Domain", "外资"),
    QT_TRANSLATE_NOOP("Domain", "专精特新"),
    QT_TRANSLATE_NOOP("Domain", "上市公司"),
    QT_TRANSLATE_NOOP("Domain", "高新技术企业"),
    QT_TRANSLATE_NOOP("Domain", "红灯"),
    QT_TRANSLATE_NOOP("Domain", "黄灯"),
    QT_TRANSLATE_NOOP("Domain", "绿灯"),
)


# --- how values look ------------------------------------------------------------------------------

LIGHT_COLOURS = {"red": QColor("#D93025"), "yellow": QColor("#F2A600"), "green": QColor("#2E9D4B")}
MUTED = QColor("#6B7A8F")
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_NUMERIC = ("money", "quantity", "int")
#: columns whose values are domain words (stage labels, visit and carrier kinds)
_DOMAIN_WORDS = ("stage", "kind")
#: columns kept as wide as their text (the number and stage tell rows apart); how many
#: loaded rows are measured for it
FIT_COLUMNS = ("number", "stage")
FIT_ROWS = 2000


def format_decimal(value: Decimal | None, places: int | None = None) -> str:
    """12345.6 -> '12,345.6' (exact; ``places`` rounds half up, as ``zsdesk.numbers`` does)."""
    return numbers.money(value, decimals=places, unknown="")


def display_text(column: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.type == "money":  # whole amounts without decimals, others to the 分 (half up)
        return numbers.money(value, whole=True)
    if column.type == "quantity":
        return format_decimal(value)
    if column.type == "int":
        return numbers.count(value)
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
        p.drawEllipse(2, 2, 24, 24)
        p.end()
        _dots[colour] = QIcon(pixmap)
    return _dots[colour]


_padlock: list[QIcon] = []


def padlock() -> QIcon:
    """A small grey padlock: the record is kept by another site (read-only here)."""
    if not _padlock:
        pixmap = QPixmap(28, 28)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(MUTED, 2.4))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawArc(9, 4, 10, 12, 0, 180 * 16)      # the shackle
        p.drawLine(9, 10, 9, 13)
        p.drawLine(19, 10, 19, 13)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(MUTED)
        p.drawRoundedRect(6, 12, 16, 12, 2.5, 2.5)  # the body
        p.end()
        _padlock.append(QIcon(pixmap))
    return _padlock[0]


def light_name(colour: str | None) -> str:
    names = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}
    return QCoreApplication.translate("Domain", names[colour]) if colour in names else ""


# --- loading ----------------------------------------------------------------------------------------

def load_page(ws, query: ListQuery, after, limit: int, quick: bool = False, task=None):
    """One page: its ids, then display values for them (runs in a worker; a
    ``task`` cancelled meanwhile stops the query). ``quick``: a first page that
    may be partial (``queries.page_ids``)."""
    with _stopping(task) as cancelled:
        page = queries.page_ids(ws, query, after, limit, cancelled=cancelled, quick=quick)
        return page, queries.rows(ws, query.kind, page.ids)


def load_rows(ws, kind: str, ids, task=None) -> list[dict]:
    """Display values of rows listed before whose values were dropped (runs in a worker)."""
    return queries.rows(ws, kind, ids)


def count_rows(ws, query: ListQuery, task=None) -> int:
    """The query's total (runs in a worker; stops when its ``task`` is cancelled)."""
    with _stopping(task) as cancelled:
        return queries.count(ws, query, cancelled=cancelled)


@contextlib.contextmanager
def _stopping(task):
    """A ``cancelled`` callable for the queries; a stopped query ends the task as cancelled."""
    if task is None:
        yield None
        return
    try:
        yield lambda: task.cancelled
    except queries.QueryCancelled:
        from zsdesk.ui.tasks import TaskCancelled

        raise TaskCancelled() from None


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
    #: what the first search needs is read (see ``queries.warm_up``)
    warmed = Signal()

    #: display values kept at most (whole pages, the ones used last): 1M visits
    #: scrolled to the end keep their ids (16 B each, ``IdList``) and this many rows
    MAX_ROWS = 4000

    def __init__(self, ws, kind: str, tasks=None, parent=None, *, page_size: int = PAGE_SIZE,
                 max_rows: int | None = None):
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self.tasks = tasks
        self.page_size = page_size
        self.columns: tuple[Column, ...] = columns(kind)
        self.column_enum = COLUMN_ENUMS[kind]
        self._titles = [QCoreApplication.translate("ListColumns", c.title) for c in self.columns]
        self._tips = [QCoreApplication.translate("ListColumns", c.tip) if c.tip else None
                      for c in self.columns]
        self._query = ListQuery(kind)
        # every listed id, in order (compact: 16 bytes a UUID); display values by
        # page (page n: rows n*page_size …), the pages used last at the end
        self._ids = IdList()
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._max_pages = max(3, -(-(max_rows or self.MAX_ROWS) // page_size))
        self._reading: set[int] = set()  # pages whose values are being read again
        self._after = None
        self._more = False
        self._loading = False
        self._generation = 0
        self._total: int | None = None
        self._started = False
        self._tasks: list = []  # background queries still running
        self._warming = False
        self._warming_companies = False
        self._partial = False  # the rows answer a search made before the warm-up was done
        self._refining = False  # the rows are a quick, partial answer: the whole one is coming
        #: the first page read at start-up before the database was open (``show_first_page``)
        self._first: FirstPage | None = None

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

    @property
    def ahead(self) -> bool:
        """The rows shown are the first page read at start-up before the database was
        open (``show_first_page``): the list has not read them itself yet."""
        return self._first is not None

    @property
    def refining(self) -> bool:
        """The rows shown are a quick, partial answer to a search (what the indexes
        found right after opening a big database); the whole answer replaces them."""
        return self._refining

    def set_query(self, query: ListQuery) -> None:
        """Show ``query``: drop the rows and load its first page."""
        if query.kind != self.kind:
            raise ValueError(f"a {self.kind} list cannot show {query.kind}")
        self._query = query
        self.reload()

    def show_first_page(self, first: FirstPage, total: int | None = None) -> bool:
        """Show the first page of the model's query read at start-up, before the
        database was open (``zsdesk.app.listing.FirstScreenRead``; the model has no
        workspace yet), and its ``total`` when known. Whether it is shown (not when
        it is another query's). Nothing more is read until ``attach``: the query
        is then read again, and where its first page holds the same records they
        stay in place with the values read again."""
        if self.ws is not None or self._started or first.query != self._query:
            return False
        self.beginResetModel()
        self._ids = IdList(first.ids)
        self._pages.clear()
        self._keep(0, first.ids, first.rows)
        self._first = first
        self._more = False
        self._total = total
        self.endResetModel()
        self.loaded.emit()
        if total is not None:
            self.counted.emit(total)
        return True

    def show_first_total(self, total: int) -> None:
        """The count of the first page shown by ``show_first_page``, when it comes later."""
        if self._first is not None and self.ws is None and self._total is None:
            self._total = total
            self.counted.emit(total)

    def attach(self, ws) -> None:
        """The workspace, once the database is open (a model made before it, at
        start-up); ``reload`` or ``set_query`` then reads the list."""
        self.ws = ws

    def reload(self) -> None:
        """Read the current query again from its first page."""
        self._started = True
        self._cancel_running()
        self._generation += 1
        if self._first is None or self._first.query != self._query:
            self._first = None
            self._total = None  # (the count read at start-up is shown until the list is counted again)
        self._more = False
        self._after = None
        self._load(first=True)

    def sort_key(self) -> tuple[str, bool]:
        """(column key, descending) the rows are in."""
        q = self._query
        if q.sort in column_keys(self.kind):
            return q.sort, q.descending
        return DEFAULT_SORT[self.kind]

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
    def _load(self, *, first: bool, whole: bool = False) -> None:
        """Load the next page (``first``: the first one). A first page is asked
        quickly (it may be partial, then the ``whole`` one is asked after it)."""
        generation = self._generation
        self._loading = True
        after = None if first else self._after
        quick = first and not whole and self.tasks is not None
        if first:
            self._partial = bool(self._query.terms) and self._warming and not queries.warmed(self.ws, self.kind)
        if self.tasks is None:
            try:
                result = load_page(self.ws, self._query, after, self.page_size)
            except Exception as exc:
                self._on_failed(generation, exc)
                return
            self._on_page(generation, first, result)
            return
        self._track(self.tasks.run(
            load_page, self.ws, self._query, after, self.page_size, quick,
            title=QCoreApplication.translate("ListModel", "读取列表"), write=False, progress=False,
            cancellable=True, on_done=_weak(self._on_page, generation, first),
            on_error=_weak(self._on_failed, generation)))

    def _track(self, task) -> None:
        self._tasks = [t for t in self._tasks if t.running] + [task]

    def _cancel_running(self) -> None:
        """Stop the queries of an older query: their answers would be dropped anyway,
        and on a big table a count reads every row."""
        for task in self._tasks:
            task.cancel()
        self._tasks = []

    def _on_page(self, generation: int, first: bool, result) -> None:
        if generation != self._generation:
            return  # an answer to a query that was replaced meanwhile
        page, rows = result
        # still "loading" while views hear about the rows: a view (or the model
        # tester) asking for more from inside those signals must wait its turn
        self._after, self._more = page.after, page.more and not page.partial
        if first:
            # the records read at start-up (``show_first_page``) stay, with their values read
            # again; other records replace them and are counted again
            same = self._first is not None and not page.partial and list(page.ids) == list(self._ids)
            if self._first is not None and not same:
                self._total = None
            self._first = None
            self._refining = page.partial
            if same:
                self._keep(0, page.ids, rows)
                self._loading = False
                if page.ids:
                    self.dataChanged.emit(self.index(0, 0), self.index(len(page.ids) - 1, len(self.columns) - 1))
            else:
                self.beginResetModel()
                self._ids = IdList(page.ids)
                self._pages.clear()
                self._reading.clear()
                self._keep(0, page.ids, rows)
                self._loading = False
                self.endResetModel()
            self.loaded.emit()
            if page.partial:  # shown at once; the whole answer replaces it when it is in
                self._load(first=True, whole=True)
            else:
                self._warm_company_keys()
                self._count(generation)
        elif page.ids:
            start = len(self._ids)
            self.beginInsertRows(QModelIndex(), start, start + len(page.ids) - 1)
            self._ids.extend(page.ids)
            self._keep(start // self.page_size, page.ids, rows)
            self.endInsertRows()
            self._loading = False
        else:
            self._loading = False

    # -- the window of display values -----------------------------------------------------------
    def _keep(self, number: int, ids, rows) -> None:
        """Keep the values of page ``number`` (a record gone meanwhile shows its id
        only), dropping the pages used longest ago beyond the cap."""
        by_id = {r["id"]: r for r in rows}
        self._pages[number] = [by_id.get(i) or {"id": i} for i in ids]
        self._pages.move_to_end(number)
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)

    def _row(self, row: int) -> dict | None:
        """The values of ``row``, or None while they are read again (a view gets
        ``dataChanged`` when they are in); without a task runner they are read here."""
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * self.page_size:(number + 1) * self.page_size]
            if self.tasks is None:
                self._keep(number, ids, queries.rows(self.ws, self.kind, ids))
                page = self._pages[number]
            else:
                self._read_again(number, ids)
                return None
        else:
            self._pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def _read_again(self, number: int, ids: list[str]) -> None:
        if number in self._reading:
            return
        self._reading.add(number)
        self._track(self.tasks.run(
            load_rows, self.ws, self.kind, ids,
            title=QCoreApplication.translate("ListModel", "读取列表"), write=False, progress=False,
            cancellable=True, on_done=_weak(self._on_rows, (self._generation, number, ids)),
            on_error=_weak(self._on_rows_failed, (self._generation, number))))

    def _on_rows(self, asked: tuple, rows) -> None:
        generation, number, ids = asked
        if generation != self._generation:
            return
        self._reading.discard(number)
        self._keep(number, ids, rows)
        first = number * self.page_size
        self.dataChanged.emit(self.index(first, 0), self.index(first + len(ids) - 1, len(self.columns) - 1))

    def _on_rows_failed(self, asked: tuple, exc: BaseException) -> None:
        generation, number = asked
        if generation == self._generation:
            self._reading.discard(number)
            self._on_failed(generation, exc)

    @property
    def cached_rows(self) -> int:
        """How many rows' display values are held (the rest are ids only)."""
        return sum(len(p) for p in self._pages.values())

    def _kept_rows(self, most: int) -> list[dict]:
        """Up to ``most`` rows whose values are held, from the top of the list."""
        out: list[dict] = []
        for number in sorted(self._pages):
            out += self._pages[number][:most - len(out)]
            if len(out) >= most:
                break
        return out

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = False
        from zsdesk.app import ZsdeskError

        if not isinstance(exc, ZsdeskError):
            log.error("list %s could not be read", self.kind, exc_info=exc)
        self.failed.emit(QCoreApplication.translate("ListModel", "列表读取失败：{0}").format(exc))

    def _count(self, generation: int) -> None:
        if not self._more:  # everything is in: no need to ask
            self._on_counted(generation, len(self._ids))
            return
        if self.tasks is None:
            self._on_counted(generation, queries.count(self.ws, self._query))
            return
        self._track(self.tasks.run(
            count_rows, self.ws, self._query,
            title=QCoreApplication.translate("ListModel", "统计条数"), write=False, progress=False,
            cancellable=True, on_done=_weak(self._on_counted, generation),
            on_error=_weak(self._on_failed, generation)))

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._total = total
        self.counted.emit(total)
        if not self._warming and self.tasks is not None:
            # the list is on screen and counted: read what searching needs,
            # before the first letter is typed
            self._warming = True
            queries.expect_warm_up(self.ws, self.kind)  # searches meanwhile do not wait for it
            self.tasks.run(queries.warm_up, self.ws, self.kind, write=False, progress=False,
                           title=QCoreApplication.translate("ListModel", "准备搜索"),
                           on_done=_weak(self._on_warmed, None), on_error=_weak(self._on_warm_failed, None))

    #: the lists whose search matches the records' companies by the company keys
    COMPANY_SEARCH = ("visits", "leads", "projects")

    def _warm_company_keys(self) -> None:
        """Right after the first page is shown, read the companies' search keys
        (~0.1 s on W2, 120k companies) while the list is counted: a search typed
        soon after finds its companies in memory instead of reading the table
        (~60 ms of its first page). The rest searching needs (the table's own text
        values, ~1 s on W2) is read once the list is counted (``_on_counted``)."""
        if self._warming or self._warming_companies or self.tasks is None \
                or self.kind not in self.COMPANY_SEARCH or queries.warmed(self.ws, None):
            return
        self._warming_companies = True
        queries.expect_warm_up(self.ws, None)  # a search meanwhile does not read them itself
        self.tasks.run(queries.warm_up, self.ws, None, write=False, progress=False,
                       title=QCoreApplication.translate("ListModel", "准备搜索"),
                       on_error=_weak(self._on_warm_failed, None))

    def _on_warmed(self, _none, _result) -> None:
        self.warmed.emit()
        if self._partial and self._query.terms:
            self.reload()  # searched meanwhile without the pinyin of people and places: search again

    def _on_warm_failed(self, _none, exc) -> None:
        log.warning("search keys of %s not read ahead: %s", self.kind, exc)  # searches still work

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 (Qt's names)
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(first=False)

    # -- rows ------------------------------------------------------------------------------------
    def row_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int | None:
        """The row showing ``record_id`` (None when it is not listed yet)."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def row_values(self, row: int) -> dict:
        """The values of ``row`` (read now when they were dropped)."""
        if not 0 <= row < len(self._ids):
            raise IndexError(row)
        values = self._row(row)
        if values is None:  # being read in the background: read this page here
            number = row // self.page_size
            ids = self._ids[number * self.page_size:(number + 1) * self.page_size]
            self._keep(number, ids, queries.rows(self.ws, self.kind, ids))
            values = self._pages[number][row - number * self.page_size]
        return dict(values)

    def whole_texts(self, key: str) -> list[str]:
        """The texts the 编号 or 阶段 column must show uncut (``FIT_COLUMNS``): every stage
        word of this list, in the language shown; this site's longest number form and the
        numbers loaded (another site's may be longer)."""
        if key == "stage":
            words = LEAD_LABELS if self.kind == "leads" else PROJECT_LABELS
            return [QCoreApplication.translate("Domain", w) for w in words.values()]
        if key == "number":
            if self.ws is not None:
                code, year = self.ws.site.code, self.ws.today().year
            else:  # made before the database is open: the site read with the first page
                code, year = (self._first.site_code if self._first else ""), dt.date.today().year
            sample = f"{code}-V{year}-0000"
            return [sample, *(str(r.get("number") or "") for r in self._kept_rows(FIT_ROWS))]
        return []

    def has_locked_rows(self) -> bool:
        """A loaded row kept by another site (its number has a padlock)."""
        return any(r.get("readonly") for r in self._kept_rows(FIT_ROWS))

    def loaded_ids(self) -> list[str]:
        return list(self._ids)

    def column_of(self, key: str) -> int:
        return column_keys(self.kind).index(key)

    # -- Qt's model interface --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._titles[section] + (f"\n{self._tips[section]}" if self._tips[section] else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.type in _NUMERIC:
                return _ALIGN_RIGHT
            return _ALIGN_CENTRE if column.type == "light" else _ALIGN_LEFT
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        if role == RecordIdRole:
            return self._ids[index.row()]
        row = self._row(index.row())
        if row is None:  # dropped from the window: being read again
            return None
        column = self.columns[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.type == "light":
                return None
            if column.key in _DOMAIN_WORDS and value:
                return QCoreApplication.translate("Domain", value)
            return display_text(column, value)
        if role == SortRole:
            return value
        if role == RecordIdRole:
            return row["id"]
        if role == RowRole:
            return dict(row)
        if role == Qt.ItemDataRole.DecorationRole:
            if column.type == "light":
                return light_dot(value)
            if column.key == "number" and row.get("readonly"):
                return padlock()  # kept by another site
            return None
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
        if column.key in ("owner", "number") and row.get("readonly"):
            return QCoreApplication.translate("ListModel", "由“{0}”维护，本站点只读").format(row["owner"])
        if column.type == "text" and isinstance(value, str) and len(value) > 12:
            return value
        return None

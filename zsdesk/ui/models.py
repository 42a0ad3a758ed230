"""Table models of the main window: the per-unit figures (赛马) and the 亮灯 list.

Models hold plain values from ``zsdesk.app.reports`` (metrics, reminders); they
never read the database. Sorting is done in Python on a sort role, as docs/CONVENTIONS.md habit 5
asks, so a view sorts without a proxy model calling ``data()`` for every row.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from zsdesk.app import numbers
from zsdesk.app.reports import Figure, Report, UnitFigures
from zsdesk.app.reports import RED, YELLOW, Light

#: the raw value a column sorts by (a number, or None: sorts last either way)
SortRole = Qt.ItemDataRole.UserRole + 1
#: the ``metrics.Figure`` behind a cell (None for text columns); later screens
#: list ``figure.row_ids`` from it
FigureRole = Qt.ItemDataRole.UserRole + 2
#: the id of the row's record (unit id, or project/lead id for 亮灯)
RecordIdRole = Qt.ItemDataRole.UserRole + 3

WARNING = QColor("#B3261E")   # red: warnings only
MUTED = QColor("#8A94A6")      # "no value" text
LIGHT_COLOURS = {RED: QColor("#D93025"), YELLOW: QColor("#F2A600")}

_ALIGN_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_TEXT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

# Why a figure has no value: the metrics module says it in Chinese (the brief
# prints it); the interface shows it in its own language.
_FIGURE_TEXTS = (
    QT_TRANSLATE_NOOP("Figures", "本期无新签约项目"),
    QT_TRANSLATE_NOOP("Figures", "没有评分规则"),
    QT_TRANSLATE_NOOP("Figures", "无签约满{0}个月的项目"),
    QT_TRANSLATE_NOOP("Figures", "缺少目标：{0}"),
    QT_TRANSLATE_NOOP("Figures", "、"),
    # the target names (domain.TARGET_LABELS) a missing target is named by
    QT_TRANSLATE_NOOP("Figures", "签约项目个数"),
    QT_TRANSLATE_NOOP("Figures", "签约金额（万元）"),
    QT_TRANSLATE_NOOP("Figures", "亿元以上项目"),
    QT_TRANSLATE_NOOP("Figures", "开工项目个数"),
    QT_TRANSLATE_NOOP("Figures", "到位资金（万元）"),
    QT_TRANSLATE_NOOP("Figures", "拜访企业次数"),
)
_MONTHS_RE = re.compile(r"无签约满(\d+)个月的项目")
_LACKING = "缺少目标："


def missing_text(text: str | None) -> str | None:
    """``Figure.missing`` in the interface language."""
    if not text:
        return text
    translate = QCoreApplication.translate
    if m := _MONTHS_RE.fullmatch(text):
        return translate("Figures", "无签约满{0}个月的项目").format(m[1])
    if text.startswith(_LACKING):
        names = [translate("Figures", n) for n in text[len(_LACKING):].split("、")]
        return translate("Figures", "缺少目标：{0}").format(translate("Figures", "、").join(names))
    return translate("Figures", text)


def _sort_key(value, descending: bool):
    """None sorts last in both directions; numbers and text sort naturally."""
    if value is None:
        return (1, 0)
    if isinstance(value, Decimal | int | float):
        return (0, -value if descending else value)
    return (0, value)


class _SortedTableModel(QAbstractTableModel):
    """Rows in a Python list, sortable on ``SortRole``, keeping persistent indexes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self._rows)

    def row_object(self, row: int):
        return self._rows[row]

    def sort_value(self, row_obj, column: int):  # pragma: no cover - overridden
        raise NotImplementedError

    def _set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if isinstance(self._sort_probe(column), str):
            # text: reverse() keeps None last only if we split it out
            present = [r for r in self._rows if self.sort_value(r, column) is not None]
            absent = [r for r in self._rows if self.sort_value(r, column) is None]
            present.sort(key=lambda r: self.sort_value(r, column), reverse=descending)
            self._rows = present + absent
        else:
            self._rows.sort(key=lambda r: _sort_key(self.sort_value(r, column), descending))

    def _sort_probe(self, column: int):
        for r in self._rows:
            value = self.sort_value(r, column)
            if value is not None:
                return value
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = list(self._rows)
        persistent = self.persistentIndexList()
        self._sort = (column, order)
        self._sort_rows(column, order)
        position = {id(obj): i for i, obj in enumerate(self._rows)}
        moved = [self.index(position[id(old_rows[p.row()])], p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


# --- 赛马: one row per unit ----------------------------------------------------------

class UnitColumn(IntEnum):
    RANK = 0
    UNIT = 1
    SIGNED_PROJECTS = 2
    SIGNED_INVESTMENT = 3
    MAJOR_PROJECTS = 4
    STARTED_PROJECTS = 5
    ARRIVED_CAPITAL = 6
    VISITS = 7
    TRIP_DAYS = 8
    PERFORMANCE_RATE = 9
    START_RATE = 10
    OVERDUE_START = 11
    SCORE = 12


#: the metrics key each figure column shows
UNIT_FIGURE_KEYS = {
    UnitColumn.SIGNED_PROJECTS: "signed_projects",
    UnitColumn.SIGNED_INVESTMENT: "signed_investment",
    UnitColumn.MAJOR_PROJECTS: "major_projects",
    UnitColumn.STARTED_PROJECTS: "started_projects",
    UnitColumn.ARRIVED_CAPITAL: "arrived_capital",
    UnitColumn.VISITS: "visits",
    UnitColumn.TRIP_DAYS: "trip_days",
    UnitColumn.PERFORMANCE_RATE: "performance_rate",
    UnitColumn.START_RATE: "start_rate",
    UnitColumn.OVERDUE_START: "overdue_start",
}


class UnitTableModel(_SortedTableModel):
    """各单元完成情况: a unit's main figures of the year, its score and rank."""

    def __init__(self, report: Report | None = None, parent=None):
        super().__init__(parent)
        self._headers = self._make_headers()
        self.ranked = True   # False at a county: no rank from its own rows alone
        if report is not None:
            self.set_report(report)

    def _make_headers(self) -> dict[UnitColumn, tuple[str, str]]:
        """(header, tooltip) per column."""
        return {
            UnitColumn.RANK: (self.tr("排名"), self.tr("按得分排名（赛马）")),
            UnitColumn.UNIT: (self.tr("招商单元"), ""),
            UnitColumn.SIGNED_PROJECTS: (self.tr("签约\n项目"), self.tr("本年新签约项目个数")),
            UnitColumn.SIGNED_INVESTMENT: (self.tr("签约金额\n(万元)"), self.tr("本年新签约项目合同投资额")),
            UnitColumn.MAJOR_PROJECTS: (self.tr("亿元\n以上"), self.tr("合同投资1亿元（外资1000万美元）以上的签约项目")),
            UnitColumn.STARTED_PROJECTS: (self.tr("开工\n项目"), self.tr("本年开工的项目个数")),
            UnitColumn.ARRIVED_CAPITAL: (self.tr("到位资金\n(万元)"), self.tr("本年到位资金")),
            UnitColumn.VISITS: (self.tr("拜访\n企业"), self.tr("本年拜访企业次数")),
            UnitColumn.TRIP_DAYS: (self.tr("外出\n天数"), self.tr("本年外出招商天数")),
            UnitColumn.PERFORMANCE_RATE: (self.tr("履约率"), self.tr("本年签约项目中已履约（注册及以后）的比例")),
            UnitColumn.START_RATE: (self.tr("开工率"), self.tr("应开工项目中已开工的比例")),
            UnitColumn.OVERDUE_START: (self.tr("应开\n未开"), self.tr("超过开工时限仍未开工的项目个数")),
            UnitColumn.SCORE: (self.tr("得分"), self.tr("各项完成率加权求和，减去扣分")),
        }

    def set_report(self, report: Report, *, ranked: bool = True) -> None:
        """``ranked`` False: a county's table (ranks are the city's to give)."""
        self.ranked = ranked
        self._set_rows(report.units)

    def units(self) -> list[UnitFigures]:
        return list(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(UnitColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(UnitColumn):
            return None
        header, tip = self._headers[UnitColumn(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_TEXT if section == UnitColumn.UNIT else _ALIGN_CENTRE
        return None

    @staticmethod
    def _figure(u: UnitFigures, column: int) -> Figure | None:
        if column == UnitColumn.SCORE:
            return u.score
        key = UNIT_FIGURE_KEYS.get(column)
        return u.figures.get(key) if key else None

    def sort_value(self, u: UnitFigures, column: int):
        if column == UnitColumn.RANK:
            return u.rank
        if column == UnitColumn.UNIT:
            return u.code or u.name
        figure = self._figure(u, column)
        return figure.value if figure is not None else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        u: UnitFigures = self._rows[index.row()]
        column = index.column()
        figure = self._figure(u, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == UnitColumn.RANK:
                return str(u.rank) if u.rank else "—"
            if column == UnitColumn.UNIT:
                return u.name
            return figure.display() if figure is not None else "—"
        if role == SortRole:
            return self.sort_value(u, column)
        if role == FigureRole:
            return figure
        if role == RecordIdRole:
            return u.unit_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == UnitColumn.UNIT:
                return _ALIGN_TEXT
            return _ALIGN_CENTRE if column == UnitColumn.RANK else _ALIGN_NUMBER
        if role == Qt.ItemDataRole.ForegroundRole:
            if figure is not None and figure.value is None:
                return MUTED
            if column == UnitColumn.OVERDUE_START and figure is not None and figure.value:
                return WARNING
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column in (UnitColumn.RANK, UnitColumn.SCORE) and u.rank is not None and u.rank <= 3:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(u, column, figure)
        return None

    def _tooltip(self, u: UnitFigures, column: int, figure: Figure | None) -> str | None:
        if column == UnitColumn.UNIT:
            return u.code or None
        if column == UnitColumn.RANK and not self.ranked:
            return self.tr("名次以市里通报为准：本机只有本单元的数据，不排名")
        if figure is None:
            return None
        if figure.value is None:
            return missing_text(figure.missing)
        lines = []
        if figure.target:
            lines.append(self.tr("目标 {0}，完成 {1}（{2}）").format(
                Figure(figure.key, "", figure.unit, figure.target).display(),
                percent(figure.completion),
                self.tr("超进度") if figure.on_pace else self.tr("欠进度")))
        if figure.unit == "%" and figure.denominator is not None:
            lines.append(self.tr("{0} / {1}").format(_plain(figure.numerator), _plain(figure.denominator)))
        if figure.flagged_ids:
            lines.append(self.tr("其中{0}条为期末前集中录入（突击上报）").format(len(figure.flagged_ids)))
        return "\n".join(lines) or None


# --- 亮灯: red and yellow projects and leads ------------------------------------------

class LightColumn(IntEnum):
    LIGHT = 0
    NUMBER = 1
    NAME = 2
    REASON = 3


class LightsModel(_SortedTableModel):
    """亮灯提醒: projects and leads at red or yellow, red first."""

    def __init__(self, lights: list[Light] | None = None, parent=None):
        super().__init__(parent)
        self._headers = {
            LightColumn.LIGHT: self.tr("亮灯"),
            LightColumn.NUMBER: self.tr("编号"),
            LightColumn.NAME: self.tr("项目/线索"),
            LightColumn.REASON: self.tr("情况"),
        }
        self._colour_names = {RED: self.tr("红灯"), YELLOW: self.tr("黄灯")}
        if lights is not None:
            self.set_lights(lights)

    def set_lights(self, lights: list[Light]) -> None:
        self._set_rows(lights)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LightColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(LightColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[LightColumn(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_TEXT
        return None

    def sort_value(self, light: Light, column: int):
        if column == LightColumn.LIGHT:
            return 0 if light.colour == RED else 1
        if column == LightColumn.NUMBER:
            return light.number
        if column == LightColumn.NAME:
            return light.name
        return light.reason

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        light: Light = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LightColumn.LIGHT:
                return None  # the lamp (decoration) says it; its name is the tooltip
            if column == LightColumn.NUMBER:
                return light.number
            if column == LightColumn.NAME:
                return light.name
            return light.reason
        if role == Qt.ItemDataRole.DecorationRole and column == LightColumn.LIGHT:
            return light_icon(light.colour)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == LightColumn.LIGHT:
            return self._colour_names.get(light.colour, light.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = self.tr("项目") if light.table == "projects" else self.tr("线索")
            colour = self._colour_names.get(light.colour, light.colour)
            return f"{colour}  {kind} {light.number}  {light.name}\n{light.reason}"
        if role == SortRole:
            return self.sort_value(light, column)
        if role == RecordIdRole:
            return light.row_id
        return None


_icons: dict[str, QIcon] = {}


def light_icon(colour: str) -> QIcon | None:
    """A round lamp of the light's colour (made once per colour)."""
    if colour not in LIGHT_COLOURS:
        return None
    if colour not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(LIGHT_COLOURS[colour])
        p.drawEllipse(5, 5, 22, 22)
        p.end()
        _icons[colour] = QIcon(pixmap)
    return _icons[colour]


# --- helpers --------------------------------------------------------------------------

def percent(value: Decimal | None) -> str:
    """0.4567 -> '45.7%' (half up); None -> '—'."""
    return numbers.percent(value)


def _plain(value: Decimal | None) -> str:
    return numbers.number(value)


#: the row object behind a cell of a RowsModel
RowRole = Qt.ItemDataRole.UserRole + 1


class RowsModel(QAbstractTableModel):
    """Rows of plain objects, a list of column headers, text per cell."""

    NUMERIC: frozenset[int] = frozenset()

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) \
                or not 0 <= index.column() < len(self.headers):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        if role == RowRole:
            return row
        return None

    def text(self, row, column: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def tooltip(self, row, column: int) -> str | None:
        text = self.text(row, column)
        return text if text and len(text) > 24 else None

    def foreground(self, row, column: int):
        return None

    def alignment(self, column: int) -> int:
        if column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

"""工作台: the year's figures against targets with 序时进度, my follow-ups, 亮灯
projects and the latest activity — the first page of the window.

Everything is read in the background (``load_dashboard``, no Qt) and shown
when it arrives. Every figure opens the rows behind it: a KPI card, a bar of a
chart, a cell of the unit table, a reminder or an activity line emits
``drill_down(table, row_ids, title)``, which the window routes to the list page
of ``table`` (``show_rows``). The city sees every unit; a county its own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCharts import (
    QBarCategoryAxis, QChart, QChartView, QHorizontalStackedBarSeries, QLineSeries, QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView,
    QTabWidget, QToolTip, QVBoxLayout, QWidget,
)

from zsdesk.app import TARGET_METRICS, format_timestamp, numbers, reports
from zsdesk.app.reports import DashboardData, DrillDown, DrillRow, Figure, FollowUp, UnitFigures
from zsdesk.app.people import PersonRaceRow, load_people_race
from zsdesk.ui.models import (
    FigureRole, LightColumn, LightsModel, RecordIdRole, RowsModel, SortRole, UnitColumn, UnitTableModel,
    _SortedTableModel, missing_text, percent,
)
from zsdesk.ui.pages import my_staff_id
from zsdesk.ui.widgets.page import page_table, panel, scrolling_body, section_title

# Calm office palette; red is kept for warnings (欠进度, 红灯, 逾期).
NAVY = "#1F3A5F"
INK = "#1F2D3D"
MUTED = "#6B7A8F"
GOOD = "#2E7D32"
BAD = "#C62828"
TRACK = "#E3E8EF"

#: cards in grid order: the six target lines first, then the rest
CARD_KEYS = (
    "signed_projects", "signed_investment", "major_projects",
    "started_projects", "arrived_capital", "visits",
    "trip_days", "performance_rate", "start_rate",
    "capital_rate", "production_rate", "overdue_start",
)
CARD_COLUMNS = 6
YI = Decimal(10000)  # 万元 per 亿元
#: sums from 10亿 (in 万元) are written in 亿元 where a card has little room
LONG_SUM = Decimal(100000)
RECENT_LIMIT = 40


# --- reading (worker thread, no widgets) ---------------------------------------------------

def load_dashboard(ws, *, staff_id: str | None = None) -> DashboardData:
    """Everything the dashboard shows, read in one go (``zsdesk.app.reports``)."""
    return reports.load_dashboard(ws, staff_id=staff_id, recent_limit=RECENT_LIMIT)


# --- small widgets ---------------------------------------------------------------------------

class PaceBar(QWidget):
    """Completion against target as a thin bar, with a tick at 序时进度."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.completion: Decimal | None = None
        self.pace: Decimal | None = None
        self.on_pace: bool | None = None
        self.setFixedHeight(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, completion: Decimal | None, pace: Decimal | None, on_pace: bool | None) -> None:
        self.completion, self.pace, self.on_pace = completion, pace, on_pace
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 10)

    def paintEvent(self, _event) -> None:
        if self.completion is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        track = QPainterPath()
        track.addRoundedRect(QRectF(0, 2, w, h - 4), 3, 3)
        p.fillPath(track, QColor(TRACK))
        share = float(min(max(self.completion, Decimal(0)), Decimal(1)))
        if share > 0:
            fill = QPainterPath()
            fill.addRoundedRect(QRectF(0, 2, max(w * share, 6), h - 4), 3, 3)
            p.fillPath(fill, QColor(GOOD if self.on_pace else BAD))
        if self.pace is not None:
            x = min(max(round(w * float(min(self.pace, Decimal(1)))), 1), w - 1)
            p.setPen(QPen(QColor(INK), 2))
            p.drawLine(x, 0, x, h)
        p.end()


class KpiCard(QFrame):
    """One key figure: value, unit, a detail line, its target with completion.
    Clicking it (or Enter when it has focus) asks for the rows behind it."""

    clicked = Signal()

    def __init__(self, key: str, title: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.title = title
        self.figure: Figure | None = None
        self.setObjectName("kpiCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)

        self.title_label = QLabel(title, objectName="kpiTitle")
        self.badge = QLabel(objectName="badgeAhead")
        self.badge.hide()
        self.value_label = QLabel("—", objectName="kpiValue")
        self.unit_label = QLabel(objectName="kpiUnit")
        self.sub_label = QLabel(objectName="kpiSub")
        self.bar = PaceBar()
        self.target_label = QLabel(objectName="kpiTarget")
        for label in (self.sub_label, self.target_label):
            label.setWordWrap(True)  # a long line (another language) wraps in a narrow card

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.badge)
        value_row = QHBoxLayout()
        value_row.setSpacing(4)
        value_row.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignBaseline)
        value_row.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBaseline)
        value_row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(4)
        box.addLayout(top)
        box.addLayout(value_row)
        box.addWidget(self.sub_label)
        box.addSpacing(2)
        box.addWidget(self.bar)
        box.addWidget(self.target_label)

    def set_figure(self, figure: Figure, pace: Decimal, unit: str, sub: str = "") -> None:
        self.figure = figure
        self.value_label.setText(figure.display())
        self.unit_label.setText(unit if figure.value is not None else "")
        tips = []
        if figure.value is None:
            # Unknown is not 0%: say why there is no number.
            self.sub_label.setObjectName("kpiMissing")
            self.sub_label.setText(missing_text(figure.missing) or self.tr("缺少数据"))
        else:
            self.sub_label.setObjectName("kpiSub")
            self.sub_label.setText(sub)
        self.sub_label.style().polish(self.sub_label)

        if figure.target:
            self.bar.set_values(figure.completion, pace, figure.on_pace)
            self.bar.show()
            self.target_label.setText(self.tr("目标 {0} · 完成 {1}").format(
                short_amount(figure.unit, figure.target), percent(figure.completion)))
            ahead = bool(figure.on_pace)
            self.badge.setText(self.tr("超进度") if ahead else self.tr("欠进度"))
            self.badge.setObjectName("badgeAhead" if ahead else "badgeBehind")
            self.badge.style().polish(self.badge)
            self.badge.show()
            tips.append(self.tr("完成 {0}，序时进度 {1}").format(percent(figure.completion), percent(pace)))
        else:
            self.bar.set_values(None, None, None)
            self.bar.hide()
            self.badge.hide()
            self.target_label.setText(self.tr("未下达目标") if figure.key in TARGET_METRICS else "")
        if figure.flagged_ids:
            tips.append(self.tr("其中{0}条为期末前集中录入（突击上报）").format(len(figure.flagged_ids)))
        tips.append(self.tr("点击查看明细（{0}条）").format(len(figure.row_ids)))
        self.setToolTip("\n".join(tips))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), 180), hint.height())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TwoLineDelegate(QStyledItemDelegate):
    """A title with its detail (another column's text, smaller and muted) under it."""

    def __init__(self, detail_column: int, parent=None):
        super().__init__(parent)
        self.detail_column = detail_column

    @staticmethod
    def row_height(font: QFont) -> int:
        return round(QFontMetrics(font).height() * 2.6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background

        box = opt.rect.adjusted(6, 3, -6, -3)
        half = box.height() // 2
        detail = str(index.siblingAtColumn(self.detail_column).data() or "")
        small = QFont(opt.font)
        small.setPointSizeF(opt.font.pointSizeF() * 0.88)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(QColor(INK))
        painter.drawText(box.adjusted(0, 0, 0, -half), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         opt.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, box.width()))
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        painter.drawText(box.adjusted(0, half, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight, box.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), self.row_height(option.font))


# --- reminder and activity models ------------------------------------------------------------

class FollowUpColumn(IntEnum):
    DUE = 0
    TITLE = 1
    DETAIL = 2


class FollowUpModel(_SortedTableModel):
    """跟进提醒: visits' next steps and leads' follow-ups due today or overdue."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today: dt.date | None = None
        self._headers = {FollowUpColumn.DUE: self.tr("到期"), FollowUpColumn.TITLE: self.tr("跟进对象"),
                         FollowUpColumn.DETAIL: self.tr("说明")}
        self._kinds = {"visits": self.tr("拜访"), "leads": self.tr("线索")}

    def set_followups(self, followups: list[FollowUp], today: dt.date) -> None:
        self.today = today
        self._set_rows(followups)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FollowUpColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(FollowUpColumn):
            return self._headers[FollowUpColumn(section)]
        return None

    def sort_value(self, f: FollowUp, column: int):
        if column == FollowUpColumn.DUE:
            return f.due.toordinal()
        return f.title if column == FollowUpColumn.TITLE else f.number

    def _late(self, f: FollowUp) -> int:
        return f.days_overdue(self.today) if self.today else 0

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f: FollowUp = self._rows[index.row()]
        column = index.column()
        late = self._late(f)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == FollowUpColumn.DUE:
                return self.tr("今天") if late <= 0 else f"{f.due.month:02d}-{f.due.day:02d}"
            if column == FollowUpColumn.TITLE:
                return f.title or f.number
            kind = self._kinds.get(f.table, f.table)
            if late > 0:
                return self.tr("{0} {1} · 逾期 {2} 天").format(kind, f.number, late)
            return self.tr("{0} {1} · 今日到期").format(kind, f.number)
        if role == Qt.ItemDataRole.ForegroundRole and column == FollowUpColumn.DUE and late > 0:
            return QColor(BAD)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == FollowUpColumn.DUE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0}\n到期 {1}").format(self.data(index.siblingAtColumn(FollowUpColumn.DETAIL)),
                                                 f.due.isoformat())
        if role == SortRole:
            return self.sort_value(f, column)
        if role == RecordIdRole:
            return f.row_id
        return None


class ActivityColumn(IntEnum):
    WHEN = 0
    WHAT = 1
    DETAIL = 2


class ActivityModel(_SortedTableModel):
    """最近动态: the latest writes to business records, newest first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = {ActivityColumn.WHEN: self.tr("时间"), ActivityColumn.WHAT: self.tr("记录"),
                         ActivityColumn.DETAIL: self.tr("来源")}
        self._tables = {
            "visits": self.tr("拜访"), "leads": self.tr("线索"), "projects": self.tr("项目"),
            "companies": self.tr("客商"), "carriers": self.tr("载体"), "capital_arrivals": self.tr("到位资金"),
            "problems": self.tr("待协调问题"), "referrals": self.tr("项目共享"), "reviews": self.tr("落户预审"),
        }
        self._ops = {"I": self.tr("新增"), "U": self.tr("修改"), "D": self.tr("删除")}

    def set_changes(self, changes: list) -> None:
        self._set_rows(changes)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ActivityColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(ActivityColumn):
            return self._headers[ActivityColumn(section)]
        return None

    def sort_value(self, c, column: int):
        if column == ActivityColumn.WHEN:
            return c.seq
        return c.title if column == ActivityColumn.WHAT else c.site

    def _source(self, c) -> str:
        parts = [c.site]
        if c.actor:
            parts.append(c.actor)
        if c.source.startswith("sync:"):
            parts.append(self.tr("同步导入"))
        elif c.source.startswith("ledger:"):
            parts.append(self.tr("台账导入"))
        elif c.source == "demo":
            parts.append(self.tr("演示数据"))
        if c.op == "U":
            parts.append(self.tr("改动 {0} 项").format(len(c.fields)))
        return " · ".join(parts)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == ActivityColumn.WHEN:
                return format_timestamp(c.at)
            if column == ActivityColumn.WHAT:
                what = f"{self._ops.get(c.op, c.op)}{self._tables.get(c.table, c.table)}"
                return f"{what} · {c.title}" if c.title else what
            return self._source(c)
        if role == Qt.ItemDataRole.ForegroundRole and column == ActivityColumn.WHEN:
            return QColor(MUTED)
        if role == SortRole:
            return c.seq if column == ActivityColumn.WHEN else None
        if role == RecordIdRole:
            return c.row_id
        return None

    def change(self, row: int):
        return self._rows[row]


# --- charts ------------------------------------------------------------------------------------

class DrillColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    UNIT = 2
    DATE = 3
    AMOUNT = 4
    SHARE = 5
    COUNTED = 6


def share_text(share: Decimal) -> str:
    """计入比例 as a percentage: "40%", "33.3%"."""
    whole = share * 100 == (share * 100).to_integral_value()
    return numbers.percent(share, 0 if whole else 1)


class DrillModel(_SortedTableModel):
    """The rows behind a figure with a 飞地 share: each with the share it counts by and
    what it adds, so the rows add up to the figure on the card."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.drill: DrillDown | None = None

    def set_drill(self, drill: DrillDown) -> None:
        self.drill = drill
        self._set_rows(list(drill.rows))

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DrillColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < len(DrillColumn):
            return None
        arrivals = self.drill is not None and self.drill.table == "capital_arrivals"
        amount_sum = self.drill is not None and self.drill.unit == "万元"
        return {
            DrillColumn.NUMBER: self.tr("编号"), DrillColumn.NAME: self.tr("项目"),
            DrillColumn.UNIT: self.tr("所属单元"),
            DrillColumn.DATE: self.tr("到位日期") if arrivals else self.tr("签约日期"),
            DrillColumn.AMOUNT: self.tr("到位资金(万元)") if arrivals else self.tr("合同投资(万元)"),
            DrillColumn.SHARE: self.tr("计入比例"),
            DrillColumn.COUNTED: self.tr("计入金额(万元)") if amount_sum else self.tr("计入个数"),
        }[DrillColumn(section)]

    def sort_value(self, r: DrillRow, column: int):
        return (r.number, r.name, r.unit, r.when.toordinal(), r.amount, r.share, r.counted)[column]

    def text(self, r: DrillRow, column: int) -> str:
        if column == DrillColumn.DATE:
            return r.when.isoformat()
        if column == DrillColumn.AMOUNT:
            return numbers.money(r.amount)
        if column == DrillColumn.SHARE:
            return share_text(r.share)
        if column == DrillColumn.COUNTED:
            return numbers.money(r.counted) if self.drill and self.drill.unit == "万元" else numbers.number(r.counted)
        return str(self.sort_value(r, column))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: DrillRow = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= DrillColumn.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == DrillColumn.SHARE and r.share != 1:
            return QColor(NAVY)
        if role == SortRole:
            return self.sort_value(r, column)
        if role == RecordIdRole:
            return r.id
        return None


class DrillDialog(QDialog):
    """明细 of a figure that counts 飞地 projects by a share: the share column and
    what each row adds, the sum being the figure shown; the rows open in their list."""

    #: (table, row ids, title): open the rows in the list page
    open_list = Signal(str, list, str)

    def __init__(self, title: str, figure: Figure, drill: DrillDown, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title, self.figure, self.drill = title, figure, drill
        box = QVBoxLayout(self)
        note = QLabel(self.tr("含与其他单元共享（飞地）的项目：按约定的计入比例计入，各行“计入”之和即工作台上的数字。"),
                      objectName="pageNote")
        note.setWordWrap(True)
        box.addWidget(note)
        self.model = DrillModel(self)
        self.model.set_drill(drill)
        self.table = page_table(self.model)
        self.table.setSortingEnabled(False)
        box.addWidget(self.table, 1)
        self.total_label = QLabel(self._total_text())
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.total_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.list_button = QPushButton(self.tr("在列表中查看"))
        buttons.addButton(self.list_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.list_button.clicked.connect(self._open_list)
        box.addWidget(buttons)
        width = fit_columns(self.table, stretch=DrillColumn.NAME)
        self.table.horizontalHeader().setSectionResizeMode(DrillColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(
            DrillColumn.NAME, max(self.table.sizeHintForColumn(DrillColumn.NAME) + 12, 120))
        screen = self.screen().availableGeometry() if self.screen() else None
        most = screen.width() - 80 if screen else 1200
        self.resize(min(max(width + 40, 640), most), 420)

    def _total_text(self) -> str:
        f = self.figure
        if f.unit == "%":
            return self.tr("比率 {0}：分子 {1} / 分母 {2}，共享项目按计入比例计算").format(
                f.display(), numbers.number(f.numerator), numbers.number(f.denominator))
        shown = Figure(f.key, "", f.unit, self.drill.total).display()
        return self.tr("合计计入：{0} {1}，共 {2} 行").format(shown, f.unit, len(self.drill.rows))

    def _open_list(self) -> None:
        self.open_list.emit(self.figure.table, list(self.figure.row_ids), self.title)
        self.accept()


class CompletionChart(QChartView):
    """Completion against target per category (target lines, or units) as
    horizontal bars — green at or above 序时进度, red below — with 序时进度 as a
    dashed line. Clicking a bar emits ``bar_clicked(index)`` (in the order given)."""

    bar_clicked = Signal(int)

    def __init__(self, parent=None):
        chart = QChart()
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("background: transparent;")
        self.setMinimumHeight(240)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(0, 0, 0, 0))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(QApplication.font())
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.labels: list[str] = []
        self.values: list[Decimal | None] = []
        self.tips: list[str] = []
        self._count = 0

    def set_data(self, labels: list[str], completions: list[Decimal | None], on_pace: list[bool | None],
                 pace: Decimal, tips: list[str] | None = None) -> None:
        from PySide6.QtCharts import QBarSet

        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.labels, self.values = list(labels), list(completions)
        self.tips = list(tips or [""] * len(labels))
        self._count = n = len(labels)

        ahead = QBarSet(self.tr("超进度"))
        behind = QBarSet(self.tr("欠进度"))
        ahead.setColor(QColor(GOOD))
        behind.setColor(QColor(BAD))
        for bar_set in (ahead, behind):
            bar_set.setBorderColor(Qt.GlobalColor.transparent)
        # first category at the top: bars go in bottom-up
        order = list(reversed(range(n)))
        top = 100.0
        categories = []
        unset = self.tr("未下达")   # no target for this figure
        for i in order:
            value = completions[i]
            share = float(value * 100) if value is not None else 0.0
            top = max(top, share)
            ahead.append(share if on_pace[i] else 0.0)
            behind.append(0.0 if on_pace[i] else share)
            categories.append(f"{labels[i]}  {percent(value) if value is not None else unset}")
        series = QHorizontalStackedBarSeries()
        series.append(ahead)
        series.append(behind)
        series.setBarWidth(0.55)
        chart.addSeries(series)

        pace_line = QLineSeries()
        pace_line.setName(self.tr("序时进度 {0}").format(percent(pace)))
        pen = QPen(QColor(INK), 1.6, Qt.PenStyle.DashLine)
        pace_line.setPen(pen)
        p = float(pace * 100)
        pace_line.append(p, -0.5)
        pace_line.append(p, n - 0.5)
        chart.addSeries(pace_line)

        font = QApplication.font()
        axis_y = QBarCategoryAxis()
        axis_y.append(categories)
        axis_y.setLabelsFont(font)
        axis_y.setGridLineVisible(False)
        axis_x = QValueAxis()
        axis_x.setRange(0, _nice_top(top))
        axis_x.setLabelFormat("%d%%")
        axis_x.setTickCount(6)
        axis_x.setLabelsFont(font)
        axis_x.setGridLineColor(QColor("#E6EAF0"))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        pace_line.attachAxis(axis_x)
        # the line's y runs over the category slots; a hidden value axis maps it
        slots = QValueAxis()
        slots.setRange(-0.5, n - 0.5)
        slots.setVisible(False)
        chart.addAxis(slots, Qt.AlignmentFlag.AlignRight)
        pace_line.attachAxis(slots)

        for bar_set in (ahead, behind):
            bar_set.clicked.connect(lambda slot: self.bar_clicked.emit(self._count - 1 - slot))
            bar_set.hovered.connect(self._hover)

    def _hover(self, status: bool, slot: int) -> None:
        if status and 0 <= slot < self._count:
            i = self._count - 1 - slot
            QToolTip.showText(self.cursor().pos(), self.tips[i] or self.labels[i], self)
        else:
            QToolTip.hideText()


def _nice_top(top: float) -> float:
    """The value axis' end: 100% or the next 20% above the largest bar."""
    return 100.0 if top <= 100 else float(int(top / 20) + 1) * 20


# --- the page ------------------------------------------------------------------------------------

class PeopleModel(RowsModel):
    """个人赛马: a row per person (``app.people.PersonRaceRow``), this year to date."""

    KEYS = ("signed_projects", "signed_investment", "major_projects", "arrived_capital", "visits", "trip_days")
    NUMERIC = frozenset(range(2, 10))

    def __init__(self, parent=None):
        super().__init__([self.tr("招商人员"), self.tr("单元"), self.tr("签约项目"), self.tr("签约金额（万元）"),
                          self.tr("亿元以上"), self.tr("到位资金（万元）"), self.tr("拜访"), self.tr("外出天数"),
                          self.tr("得分"), self.tr("名次"), self.tr("评定")], parent)

    def text(self, row: PersonRaceRow, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.unit_name
        if 2 <= column < 2 + len(self.KEYS):
            f = row.figure(self.KEYS[column - 2])
            return f.display if f.target is None else f"{f.display} / {percent(f.completion)}"
        if column == 8:
            return numbers.exact(row.score) if row.score is not None else "—"
        if column == 9:
            return str(row.rank) if row.rank else "—"
        marks = []
        if row.excellent:
            marks.append(self.tr("优秀"))
        if row.no_results:
            marks.append(self.tr("12个月无实绩"))
        return "、".join(marks)

    def tooltip(self, row: PersonRaceRow, column: int) -> str | None:
        if column == 8 and row.score is None:
            return row.score_missing
        if column == 10:
            lines = [row.excellent_reason] if row.excellent and row.excellent_reason else []
            if row.no_results:
                lines.append(self.tr("最近一次实绩：{0}").format(row.last_result.isoformat()) if row.last_result
                             else self.tr("没有签约或到资记录"))
            return "\n".join(lines) or None
        if 2 <= column < 2 + len(self.KEYS):
            f = row.figure(self.KEYS[column - 2])
            return self.tr("个人目标 {0}").format(numbers.exact(f.target)) if f.target is not None else None
        return None

    def foreground(self, row: PersonRaceRow, column: int):
        if column == 10:
            return QColor("#b42318") if row.no_results else QColor("#067647") if row.excellent else None
        return None

    def alignment(self, column: int) -> int:
        if column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class HistoryModel(RowsModel):
    """历年赛马: a row per unit (``history.UnitHistory``), a column per year, then the flags."""

    def __init__(self, parent=None):
        super().__init__([], parent)
        self.years: list[int] = []

    def set_history(self, rows) -> None:
        self.years = [y.year for y in rows[0].years] if rows else []
        self.headers = [self.tr("招商单元"), *[self.tr("{0}年").format(y) for y in self.years], self.tr("提示")]
        self.set_rows(rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(len(self.headers) - 1, 0))

    def _year(self, row, column: int):
        year = self.years[column - 1]
        return next((y for y in row.years if y.year == year), None)

    def text(self, row, column: int) -> str:
        if column == 0:
            return row.name
        if column <= len(self.years):
            y = self._year(row, column)
            if y is None:
                return "—"
            parts = []
            if y.rank:
                parts.append(self.tr("第{0}名/{1}").format(y.rank, y.ranked_of))
            parts.append(self.tr("完成{0}/{1}项目标").format(y.met, y.targets) if y.targets else self.tr("未下达目标"))
            if not y.complete:
                parts.append(self.tr("（截至今日）"))
            return " · ".join(parts[:-1]) + parts[-1] if not y.complete else " · ".join(parts)
        flags = []
        if row.advanced_twice:
            flags.append(self.tr("连续两年先进"))
        if row.missed_twice:
            flags.append(self.tr("连续两年未完成目标"))
        return "、".join(flags)

    def foreground(self, row, column: int):
        if column == len(self.headers) - 1:
            return QColor("#b42318") if row.missed_twice else QColor("#067647") if row.advanced_twice else None
        return None


class DashboardPage(QWidget):
    """工作台."""

    #: the rows behind a figure: (table, row ids, title)
    drill_down = Signal(str, list, str)
    #: the data was read and shown
    loaded = Signal()

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.data: DashboardData | None = None
        self.drill_dialog: DrillDialog | None = None   # the 明细 open now (飞地 shares)
        self.cards: dict[str, KpiCard] = {}
        self._loading = False
        self._again = False
        self._chart_units: list[UnitFigures] = []
        self.unit_model = UnitTableModel(parent=self)
        self.lights_model = LightsModel(parent=self)
        self.followup_model = FollowUpModel(parent=self)
        self.activity_model = ActivityModel(parent=self)
        self.people_model = PeopleModel(self)
        self.history_model = HistoryModel(self)
        self._build()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        _, box = scrolling_body(self)
        self.body_layout = box
        box.setSpacing(10)
        box.addLayout(self._build_header())
        box.addSpacing(4)
        self.error_label = QLabel(objectName="errorBanner")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        box.addWidget(self.error_label)

        box.addLayout(section_title(self.tr("年度主要指标"),
                                     self.tr("进度条中的竖线为序时进度；绿色为超进度，红色为欠进度；点击卡片查看明细")))
        self.card_grid = QGridLayout()
        self.card_grid.setHorizontalSpacing(10)
        self.card_grid.setVerticalSpacing(10)
        titles = self._card_titles()
        for key in CARD_KEYS:
            card = KpiCard(key, titles[key])
            card.clicked.connect(lambda key=key: self._card_clicked(key))
            self.cards[key] = card
        self._card_columns = 0
        self._place_cards(CARD_COLUMNS)
        box.addLayout(self.card_grid)

        self.completion_panel = self._build_completion_panel()
        self.reminders_panel = self._build_reminders_panel()
        self.units_panel = self._build_units_panel()
        self.unit_chart_panel = self._build_unit_chart_panel()
        first, second = QHBoxLayout(), QHBoxLayout()
        for row in (first, second):
            row.setSpacing(12)
        self.reminders_panel.setMinimumWidth(300)
        self.reminders_panel.setMaximumWidth(420)
        if self.ws.site.is_city:
            # the city's first question is the 赛马; the charts come after
            first.addWidget(self.units_panel, 1)
            first.addWidget(self.reminders_panel)
            second.addWidget(self.completion_panel, 1)
            second.addWidget(self.unit_chart_panel, 1)
        else:
            first.addWidget(self.completion_panel, 1)
            first.addWidget(self.reminders_panel)
            second.addWidget(self.units_panel, 3)
            second.addWidget(self.unit_chart_panel, 2)
        box.addSpacing(4)
        box.addLayout(first)
        box.addLayout(second)
        self.people_panel = self._build_people_panel()
        box.addWidget(self.people_panel)
        self.history_panel = self._build_history_panel()
        box.addWidget(self.history_panel)
        box.addStretch(1)

    def _place_cards(self, columns: int) -> None:
        """Lay the cards out ``columns`` to a row (fewer on a narrow window)."""
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for card in self.cards.values():
            self.card_grid.removeWidget(card)
        for c in range(CARD_COLUMNS):
            self.card_grid.setColumnStretch(c, 1 if c < columns else 0)
        for i, key in enumerate(CARD_KEYS):
            self.card_grid.addWidget(self.cards[key], i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow_cards()
        self._fit_unit_table()

    def _reflow_cards(self) -> None:
        """As many cards to a row as fit (their texts differ by language and data)."""
        margins = self.body_layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 16  # a vertical scroll bar
        need = max(card.minimumSizeHint().width() for card in self.cards.values())
        spacing = self.card_grid.horizontalSpacing()
        for columns in (6, 4, 3, 2):
            if columns * need + (columns - 1) * spacing <= room:
                break
        self._place_cards(columns)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.heading = QLabel(self.tr("工作台"), objectName="pageTitle")
        self.scope_label = QLabel(objectName="pageNote")
        self.period_label = QLabel(objectName="pageNote")
        self.pace_label = QLabel(objectName="paceChip")
        self.updated_label = QLabel(objectName="pageNote")
        row.addWidget(self.heading)
        row.addWidget(self.scope_label, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.updated_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.period_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.pace_label, 0, Qt.AlignmentFlag.AlignVCenter)
        return row

    def _panel(self, title: str, note: str = "") -> tuple[QFrame, QVBoxLayout]:
        return panel(title, note, compact=True)

    def _build_completion_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("目标完成情况"), self.tr("完成率与序时进度；点击条形查看明细"))
        self.completion_chart = CompletionChart()
        self.completion_chart.bar_clicked.connect(
            lambda i: self._card_clicked(TARGET_METRICS[i]) if i < len(TARGET_METRICS) else None)
        box.addWidget(self.completion_chart, 1)
        panel.setMinimumHeight(330)
        return panel

    def _build_unit_chart_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("各单元完成率"))
        self.unit_metric = QComboBox()
        for key in TARGET_METRICS:
            self.unit_metric.addItem(self._card_titles()[key], key)
        self.unit_metric.setCurrentIndex(TARGET_METRICS.index("signed_investment"))
        self.unit_metric.currentIndexChanged.connect(lambda _i: self._show_unit_chart())
        box.itemAt(0).layout().addWidget(self.unit_metric)
        self.unit_chart = CompletionChart()
        self.unit_chart.bar_clicked.connect(self._unit_bar_clicked)
        box.addWidget(self.unit_chart, 1)
        panel.setMinimumHeight(330)
        return panel

    def _build_units_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("各单元完成情况（赛马）"),
                                 self.tr("点击表头排序；双击单元格查看明细"))
        self.unit_table = _table(self.unit_model)
        self.unit_table.setSortingEnabled(True)
        header = self.unit_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(UnitColumn.UNIT, QHeaderView.ResizeMode.Stretch)
        self.unit_table.sortByColumn(UnitColumn.RANK, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(lambda *_: self._fit_unit_table())
        self.unit_table.activated.connect(self._unit_cell_activated)
        box.addWidget(self.unit_table, 1)
        if self.ws.site.is_city:  # a county's table has a row or two: it stays compact
            panel.setMinimumHeight(330)
        return panel

    def _build_people_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("个人赛马（本年度）"),
                                 self.tr("按包保责任人和拜访参与人统计；有个人目标的显示完成率；“优秀”按市里设定的规则"))
        self.people_table = _table(self.people_model)
        self.people_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people_table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.people_table, 1)
        self.people_note = QLabel(objectName="sectionNote")
        self.people_note.setWordWrap(True)
        box.addWidget(self.people_note)
        return panel

    def _people_loaded(self, rows) -> None:
        self.people_model.set_rows(rows)
        self.people_note.setText(self.tr("还没有招商人员：在“设置”中新增。") if not rows else "")
        self.people_note.setVisible(not rows)
        shown = min(max(len(rows), 1), 12)
        height = (self.people_table.horizontalHeader().sizeHint().height()
                  + shown * self.people_table.verticalHeader().defaultSectionSize() + 2 * self.people_table.frameWidth() + 2)
        self.people_table.setMinimumHeight(height)
        self.people_table.setMaximumHeight(height)

    def _build_history_panel(self) -> QFrame:
        note = (self.tr("近三年各单元的名次与目标完成情况；名次以市级数据为准") if self.ws.site.is_city
                else self.tr("近三年本单元的目标完成情况（名次以市里通报为准）"))
        panel, box = self._panel(self.tr("历年赛马"), note)
        self.history_table = _table(self.history_model)
        self.history_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.history_table, 1)
        return panel

    def _history_loaded(self, rows) -> None:
        self.history_model.set_history(list(rows))
        shown = min(max(len(rows), 1), 12)
        height = (self.history_table.horizontalHeader().sizeHint().height()
                  + shown * self.history_table.verticalHeader().defaultSectionSize()
                  + 2 * self.history_table.frameWidth() + 2)
        self.history_table.setMinimumHeight(height)
        self.history_table.setMaximumHeight(height)

    def _people_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.people_note.setText(self.tr("无法读取个人赛马：{0}").format(describe_error(exc)))
        self.people_note.show()

    def _build_reminders_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("提醒"), self.tr("双击查看"))
        counts = QGridLayout()
        counts.setHorizontalSpacing(18)
        counts.setVerticalSpacing(4)
        self.red_count = QLabel(objectName="countLabel")
        self.yellow_count = QLabel(objectName="countLabel")
        self.due_today_count = QLabel(objectName="countLabel")
        self.overdue_count = QLabel(objectName="countLabel")
        counts.addWidget(self.red_count, 0, 0)
        counts.addWidget(self.yellow_count, 0, 1)
        counts.addWidget(self.due_today_count, 1, 0)
        counts.addWidget(self.overdue_count, 1, 1)
        counts.setColumnStretch(2, 1)
        box.addLayout(counts)

        self.reminder_tabs = QTabWidget(objectName="reminderTabs")
        self.reminder_tabs.setDocumentMode(True)
        # Narrow lists: the detail goes under the name.
        self.lights_table = _table(self.lights_model)
        self.lights_table.setColumnHidden(LightColumn.NUMBER, True)
        self.lights_table.setColumnHidden(LightColumn.REASON, True)
        self._two_line(self.lights_table, LightColumn.NAME, LightColumn.REASON)
        header = self.lights_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.resizeSection(LightColumn.LIGHT, 44)
        header.setSectionResizeMode(LightColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.lights_table.activated.connect(self._light_activated)

        self.followup_table = _table(self.followup_model)
        self.followup_table.setColumnHidden(FollowUpColumn.DETAIL, True)
        self._two_line(self.followup_table, FollowUpColumn.TITLE, FollowUpColumn.DETAIL)
        header = self.followup_table.horizontalHeader()
        header.setSectionResizeMode(FollowUpColumn.DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FollowUpColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        self.followup_table.activated.connect(self._followup_activated)

        self.activity_table = _table(self.activity_model)
        self.activity_table.setColumnHidden(ActivityColumn.DETAIL, True)
        self._two_line(self.activity_table, ActivityColumn.WHAT, ActivityColumn.DETAIL)
        header = self.activity_table.horizontalHeader()
        header.setSectionResizeMode(ActivityColumn.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActivityColumn.WHAT, QHeaderView.ResizeMode.Stretch)
        self.activity_table.activated.connect(self._activity_activated)

        self.reminder_tabs.addTab(self.lights_table, self.tr("亮灯"))
        self.reminder_tabs.addTab(self.followup_table, self.tr("跟进"))
        self.reminder_tabs.addTab(self.activity_table, self.tr("最近动态"))
        box.addWidget(self.reminder_tabs, 1)
        panel.setMinimumHeight(330)
        return panel

    @staticmethod
    def _two_line(view: QTableView, column: int, detail: int) -> None:
        view.setItemDelegateForColumn(column, TwoLineDelegate(detail, view))
        view.verticalHeader().setDefaultSectionSize(TwoLineDelegate.row_height(view.font()))

    # -- texts --------------------------------------------------------------------------------
    def _card_titles(self) -> dict[str, str]:
        return {
            "signed_projects": self.tr("签约项目"),
            "signed_investment": self.tr("签约金额"),
            "major_projects": self.tr("亿元以上项目"),
            "started_projects": self.tr("开工项目"),
            "arrived_capital": self.tr("到位资金"),
            "visits": self.tr("拜访企业"),
            "trip_days": self.tr("外出招商天数"),
            "performance_rate": self.tr("履约率"),
            "start_rate": self.tr("开工率"),
            "capital_rate": self.tr("资金到位率"),
            "production_rate": self.tr("建成投产率"),
            "overdue_start": self.tr("应开未开项目"),
        }

    def _unit_text(self, figure: Figure) -> str:
        # (a translation may be a blank: English counts need no unit word)
        return {"个": self.tr("个"), "万元": self.tr("万元"), "次": self.tr("次"), "天": self.tr("天"),
                "%": "", "分": self.tr("分")}.get(figure.unit, figure.unit).strip()

    def _sub_text(self, figure: Figure) -> str:
        """The detail line under a value: 亿元 for large sums, the parts of a rate."""
        n, d = figure.numerator, figure.denominator
        if figure.unit == "万元" and figure.value is not None and abs(figure.value) >= YI:
            return self.tr("约 {0} 亿元").format(numbers.money(figure.value, "亿元"))
        if figure.key == "performance_rate":
            return self.tr("已履约 {0} / 新签约 {1} 个").format(_num(n), _num(d))
        if figure.key == "start_rate":
            return self.tr("已开工 {0} / 应开工 {1} 个").format(_num(n), _num(d))
        if figure.key == "capital_rate":
            if d is not None and abs(d) >= YI:
                return self.tr("到位 {0} / 合同 {1} 亿元").format(_yi(n), _yi(d))
            return self.tr("到位 {0} / 合同 {1} 万元").format(_num(n), _num(d))
        if figure.key == "production_rate":
            return self.tr("已投产 {0} / 应投产 {1} 个").format(_num(n), _num(d))
        if figure.key == "overdue_start":
            return self.tr("超过开工时限仍未开工")
        if figure.key == "trip_days":
            return self.tr("外出拜访 {0} 次").format(len(figure.row_ids))
        return ""

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read everything again in the background (a refresh asked for while
        one runs is done once it has finished)."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        self.tasks.run(load_dashboard, self.ws, staff_id=my_staff_id(self.ws), title=self.tr("刷新工作台"),
                       write=False, progress=False, on_done=self._loaded, on_error=self._failed)

    def _finish_loading(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.error_label.setText(self.tr("无法读取统计数据：{0}").format(describe_error(exc)))
        self.error_label.show()
        self._finish_loading()

    def _loaded(self, data: DashboardData) -> None:
        self.error_label.hide()
        self.show_data(data)
        self.tasks.run(load_people_race, self.ws, "yearly", str(data.report.period.end.year), write=False,
                       progress=False, title=self.tr("读取个人赛马"), on_done=self._people_loaded,
                       on_error=self._people_failed)
        self.tasks.run(reports.load_unit_history, self.ws, write=False, progress=False, title=self.tr("读取历年赛马"),
                       on_done=self._history_loaded, on_error=self._people_failed)
        self._finish_loading()
        self.loaded.emit()

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        report, figures = data.report, data.figures
        period = report.period
        self.period_label.setText(self.tr("{0}年度 · 统计至{1}月{2}日").format(
            period.end.year, period.end.month, period.end.day))
        self.pace_label.setText(self.tr("序时进度 {0}").format(percent(report.pace)))
        self.updated_label.setText(self.tr("更新于 {0}").format(format_timestamp(data.read_at))
                                   if data.read_at else "")
        self.scope_label.setText(self.tr("全市各单元") if not data.scoped else
                                 self.tr("本站点：{0}").format(figures.name if figures.unit_id else
                                                             self.ws.site.name))
        for key, card in self.cards.items():
            figure = figures[key]
            card.set_figure(figure, report.pace, self._unit_text(figure), self._sub_text(figure))
        self._reflow_cards()
        overdue = self.cards["overdue_start"]
        overdue.value_label.setStyleSheet(f"color: {BAD};" if figures["overdue_start"].value else "")

        titles = self._card_titles()
        lines = [figures[k] for k in TARGET_METRICS]
        self.completion_chart.set_data(
            [titles[k] for k in TARGET_METRICS], [f.completion for f in lines], [f.on_pace for f in lines],
            report.pace, [self._figure_tip(titles[f.key], f) for f in lines])

        self.unit_model.set_report(report, ranked=not data.scoped)
        self._fit_unit_table()
        self.unit_chart_panel.setVisible(len(report.units) > 1)
        self._show_unit_chart()

        self.lights_model.set_lights(data.lights)
        today = self.ws.today()
        self.followup_model.set_followups(data.overdue + data.due_today, today)
        self.followup_model.sort(FollowUpColumn.DUE, Qt.SortOrder.AscendingOrder)
        self.activity_model.set_changes(data.recent)
        reds = sum(1 for x in data.lights if x.colour == "red")
        yellows = len(data.lights) - reds
        self.red_count.setText(self.tr("红灯 <b style='color:{0}'>{1}</b> 项").format(BAD, reds))
        self.yellow_count.setText(self.tr("黄灯 <b style='color:#A86B00'>{0}</b> 项").format(yellows))
        # the lists hold the oldest few hundred; the counts are all of them
        self.due_today_count.setText(self.tr("今日到期跟进 <b>{0}</b> 条").format(data.due_today_total))
        colour = BAD if data.overdue_total else INK
        self.overdue_count.setText(self.tr("逾期未跟进 <b style='color:{0}'>{1}</b> 条").format(
            colour, data.overdue_total))
        whose = self.tr("我的跟进（{0}）").format(data.staff_name) if data.staff_name else self.tr("跟进")
        self.reminder_tabs.setTabText(0, self.tr("亮灯 {0}").format(len(data.lights)))
        self.reminder_tabs.setTabText(1, f"{whose} {data.overdue_total + data.due_today_total}")
        listed = len(data.overdue) + len(data.due_today)
        total = data.overdue_total + data.due_today_total
        # the list holds the oldest few hundred: say so when it is cut
        self.followup_table.setToolTip(self.tr("共{0}条，此处列出最早到期的{1}条；全部见拜访记录、招商线索列表").format(
            total, listed) if listed < total else "")

    def _figure_tip(self, title: str, figure: Figure) -> str:
        if not figure.target:
            return self.tr("{0}：{1}，未下达目标").format(title, figure.display())
        target = Figure(figure.key, "", figure.unit, figure.target).display()
        return self.tr("{0}：完成 {1} / 目标 {2}（{3}）\n点击查看明细").format(
            title, figure.display(), target, percent(figure.completion))

    def _show_unit_chart(self) -> None:
        if self.data is None:
            return
        key = self.unit_metric.currentData()
        # best first; units without a target of this line last
        units = sorted(self.data.report.units, key=lambda u: (u[key].completion is None,
                                                                -(u[key].completion or 0)))
        self._chart_units = units
        figures = [u[key] for u in units]
        self.unit_chart.set_data([u.name for u in units], [f.completion for f in figures],
                                 [f.on_pace for f in figures], self.data.report.pace,
                                 [self._figure_tip(u.name, f) for u, f in zip(units, figures)])

    def _fit_unit_table(self) -> None:
        # Columns at their content width; unit names in full (two may differ only
        # at the end): the name column takes the room left, and when there is
        # none the table scrolls sideways.
        view = self.unit_table
        needed = fit_columns(view, stretch=UnitColumn.UNIT)
        header = view.horizontalHeader()
        if needed <= view.width():
            header.setSectionResizeMode(UnitColumn.UNIT, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(UnitColumn.UNIT, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(UnitColumn.UNIT, max(view.sizeHintForColumn(UnitColumn.UNIT) + 12, 80))
        if not self.ws.site.is_city:
            # a county has a row or two: the panel need not be tall
            rows = self.unit_model.rowCount()
            view = self.unit_table
            needed = view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
            height = min(needed + 2 * view.frameWidth() + view.horizontalScrollBar().sizeHint().height(), 300)
            view.setMinimumHeight(height)
            view.setMaximumHeight(height)

    # -- drill-down ---------------------------------------------------------------------------
    def _year(self) -> int:
        return self.data.report.period.end.year if self.data else self.ws.today().year

    def _card_clicked(self, key: str) -> None:
        card = self.cards[key]
        if card.figure is None:
            return
        title = self.tr("{0}年度 · {1}").format(self._year(), card.title)
        self.drill(card.figure, title)

    def _unit_bar_clicked(self, i: int) -> None:
        if self.data is None or not 0 <= i < len(self._chart_units):
            return
        unit = self._chart_units[i]
        key = self.unit_metric.currentData()
        figure = unit[key]
        self.drill(figure, self.tr("{0} · {1}年度 · {2}").format(unit.name, self._year(), self._card_titles()[key]))

    def _unit_cell_activated(self, index: QModelIndex) -> None:
        figure = index.data(FigureRole)
        if figure is None:
            return
        unit = index.siblingAtColumn(UnitColumn.UNIT).data()
        header = str(self.unit_model.headerData(index.column(), Qt.Orientation.Horizontal) or "")
        self.drill(figure, self.tr("{0} · {1}年度 · {2}").format(unit, self._year(), header.replace("\n", "")))

    def drill(self, figure: Figure, title: str) -> None:
        """The rows behind ``figure``: in their list page, or, when 飞地 projects count
        by a share, first in a 明细 that shows the share and what each row adds."""
        if figure.shares and figure.table in ("projects", "capital_arrivals"):
            self.tasks.run(reports.drill_down, self.ws, figure, title=self.tr("读取明细"), write=False,
                           progress=False, on_done=lambda drill: self._show_drill(title, figure, drill),
                           on_error=self._failed_drill)
            return
        self.drill_down.emit(figure.table, list(figure.row_ids), title)

    def _show_drill(self, title: str, figure: Figure, drill: DrillDown) -> None:
        dialog = DrillDialog(title, figure, drill, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_list.connect(self.drill_down)
        dialog.destroyed.connect(lambda *_: setattr(self, "drill_dialog", None))
        self.drill_dialog = dialog
        dialog.open()

    def _failed_drill(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.error_label.setText(self.tr("无法读取明细：{0}").format(describe_error(exc)))
        self.error_label.show()

    def _light_activated(self, index: QModelIndex) -> None:
        light = self.lights_model.row_object(index.row())
        self.drill_down.emit(light.table, [light.row_id], f"{light.label} · {light.name}")

    def _followup_activated(self, index: QModelIndex) -> None:
        f = self.followup_model.row_object(index.row())
        self.drill_down.emit(f.table, [f.row_id], self.tr("跟进 · {0}").format(f.title or f.number))

    def _activity_activated(self, index: QModelIndex) -> None:
        c = self.activity_model.change(index.row())
        self.drill_down.emit(c.table, [c.row_id], c.title or c.table)


# --- helpers ---------------------------------------------------------------------------------------

def _table(model) -> QTableView:
    view = page_table(model)
    view.horizontalHeader().setHighlightSections(False)
    return view


def fit_columns(view: QTableView, *, stretch: int | None = None, max_width: int | None = None) -> int:
    """Size columns to their cells and header lines; the width the table needs
    to show them all, the ``stretch`` column at its content width. (Qt's own
    header size hint reserves room for a sort arrow beside the text and makes
    every numeric column twice as wide as its numbers.)"""
    model = view.model()
    header = view.horizontalHeader()
    font = QFont(header.font())
    font.setBold(True)
    metrics_ = QFontMetrics(font)
    needed = 0
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        title = max((metrics_.horizontalAdvance(line) for line in text.split("\n")), default=0)
        width = max(view.sizeHintForColumn(column), title) + 12
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            width += 14  # the sort arrow sits beside the title
        if max_width is not None and column != stretch:
            width = min(width, max_width)
        if column != stretch:
            header.resizeSection(column, width)
        needed += width
    return needed + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()


def short_amount(unit: str, value: Decimal) -> str:
    """A target as the card shows it: 万元 sums from 10亿 on in 亿元 (short)."""
    if unit == "万元" and abs(Decimal(value)) >= LONG_SUM:
        return QCoreApplication.translate("DashboardPage", "{0}亿").format(_yi(value))
    return Figure("", "", unit, Decimal(value)).display()


def _yi(value: Decimal | None) -> str:
    return numbers.money(value, "亿元")


def _num(value: Decimal | None) -> str:
    return numbers.number(value)

"""The main window: the year's key figures of the open database at a glance.

A header with the site, the period and 序时进度; a grid of KPI cards against
their targets; the per-unit table (赛马); 亮灯 and follow-up reminders. All
figures come from ``zsdesk.metrics`` and ``zsdesk.reminders`` (no SQL here).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QMainWindow, QMessageBox, QSizePolicy, QSplitter, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from zsdesk import __version__, metrics, reminders
from zsdesk.domain import TARGET_METRICS
from zsdesk.metrics import Figure, Report
from zsdesk.ui.models import LightColumn, LightsModel, UnitColumn, UnitTableModel, percent

# Calm office palette; red is kept for warnings (欠进度, 红灯, 逾期).
NAVY = "#1F3A5F"
INK = "#1F2D3D"
MUTED = "#6B7A8F"
GOOD = "#2E7D32"
BAD = "#C62828"
TRACK = "#E3E8EF"

STYLE_SHEET = f"""
QMainWindow, #central {{ background: #F3F5F8; }}
#header {{ background: {NAVY}; }}
#header QLabel {{ color: #FFFFFF; }}
#siteName {{ font-size: 20px; font-weight: bold; }}
#roleChip {{ background: rgba(255,255,255,0.16); border: 1px solid rgba(255,255,255,0.35);
            border-radius: 9px; padding: 1px 9px; font-size: 12px; }}
#header #subtitle, #header #periodText {{ color: #C9D6E8; font-size: 13px; }}
#paceText {{ font-size: 15px; font-weight: bold; }}
#sectionTitle {{ color: {INK}; font-size: 15px; font-weight: bold;
                border-left: 4px solid {NAVY}; padding-left: 8px; }}
#sectionNote {{ color: {MUTED}; font-size: 12px; }}
#kpiCard {{ background: #FFFFFF; border: 1px solid #DFE4EB; border-radius: 6px; }}
#kpiCard QLabel {{ background: transparent; }}
#kpiTitle {{ color: #4A5A70; font-size: 13px; }}
#kpiValue {{ color: {INK}; font-size: 24px; font-weight: bold; }}
#kpiUnit {{ color: {MUTED}; font-size: 13px; }}
#kpiSub {{ color: {MUTED}; font-size: 12px; }}
#kpiTarget {{ color: #4A5A70; font-size: 12px; }}
#kpiMissing {{ color: {MUTED}; font-size: 12px; }}
#badgeAhead {{ color: #1E6B34; background: #E6F4EA; border-radius: 3px; padding: 1px 6px; font-size: 12px; }}
#badgeBehind {{ color: #B3261E; background: #FDECEA; border-radius: 3px; padding: 1px 6px; font-size: 12px; }}
#panel {{ background: #FFFFFF; border: 1px solid #DFE4EB; border-radius: 6px; }}
#panel QLabel {{ background: transparent; }}
#countLabel {{ color: {INK}; font-size: 13px; }}
QTableView {{ background: #FFFFFF; alternate-background-color: #F7F9FC; border: none;
             gridline-color: #EDF0F4; selection-background-color: #DCE7F5; selection-color: {INK}; }}
QHeaderView::section {{ background: #EEF2F6; color: #3D4B5E; border: none;
                       border-right: 1px solid #E0E5EC; border-bottom: 1px solid #D5DCE5;
                       padding: 4px 5px; font-weight: bold; }}
QStatusBar {{ background: #E9EDF2; color: #4A5A70; }}
QStatusBar QLabel {{ color: #4A5A70; padding: 0 6px; }}
#migrationNote {{ color: #8A5300; }}
"""

#: cards in grid order: the six target lines first, then the rest
CARD_KEYS = (
    "signed_projects", "signed_investment", "major_projects",
    "started_projects", "arrived_capital", "visits",
    "trip_days", "performance_rate", "start_rate",
    "capital_rate", "production_rate", "overdue_start",
)
CARD_COLUMNS = 6
YI = Decimal(10000)  # 万元 per 亿元


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
        if completion is not None and pace is not None:
            self.setToolTip(self.tr("完成 {0}，序时进度 {1}").format(percent(completion), percent(pace)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 10)

    def paintEvent(self, _event) -> None:
        if self.completion is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        track = QRectF(0, 2, w, h - 4)
        path = QPainterPath()
        path.addRoundedRect(track, 3, 3)
        p.fillPath(path, QColor(TRACK))
        share = float(min(max(self.completion, Decimal(0)), Decimal(1)))
        if share > 0:
            fill = QPainterPath()
            fill.addRoundedRect(QRectF(0, 2, max(w * share, 6), h - 4), 3, 3)
            p.fillPath(fill, QColor(GOOD if self.on_pace else BAD))
        if self.pace is not None:
            x = round(w * float(min(self.pace, Decimal(1))))
            x = min(max(x, 1), w - 1)
            p.setPen(QPen(QColor(INK), 2))
            p.drawLine(x, 0, x, h)
        p.end()


class KpiCard(QFrame):
    """One key figure: value, unit, a detail line, and its target with completion."""

    def __init__(self, key: str, title: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.figure: Figure | None = None
        self.setObjectName("kpiCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.title_label = QLabel(title, objectName="kpiTitle")
        self.badge = QLabel(objectName="badgeAhead")
        self.badge.hide()
        self.value_label = QLabel(objectName="kpiValue")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_label = QLabel(objectName="kpiUnit")
        self.sub_label = QLabel(objectName="kpiSub")
        self.bar = PaceBar()
        self.target_label = QLabel(objectName="kpiTarget")
        for label in (self.sub_label, self.target_label):
            label.setWordWrap(False)

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
            self.sub_label.setText(figure.missing or self.tr("缺少数据"))
        else:
            self.sub_label.setObjectName("kpiSub")
            self.sub_label.setText(sub)
        self.sub_label.style().polish(self.sub_label)

        if figure.target:
            self.bar.set_values(figure.completion, pace, figure.on_pace)
            self.bar.show()
            target = Figure(figure.key, "", figure.unit, figure.target).display()
            self.target_label.setText(self.tr("目标 {0} · 完成 {1}").format(target, percent(figure.completion)))
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
        self.setToolTip("\n".join(tips))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), 180), hint.height())


class TwoLineDelegate(QStyledItemDelegate):
    """A name with its detail (another column's text, smaller and muted) under it."""

    ROW_HEIGHT = 46

    def __init__(self, detail_column: int, parent=None):
        super().__init__(parent)
        self.detail_column = detail_column

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background

        box = opt.rect.adjusted(6, 4, -6, -4)
        half = box.height() // 2
        detail = str(index.siblingAtColumn(self.detail_column).data() or "")
        small = QFont(opt.font)
        small.setPointSizeF(opt.font.pointSizeF() * 0.9)
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
        return QSize(hint.width(), self.ROW_HEIGHT)


class MainWindow(QMainWindow):
    """招商桌面 main window for one open workspace."""

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.report: Report | None = None
        self.cards: dict[str, KpiCard] = {}
        self._placed = False
        self.unit_model = UnitTableModel(parent=self)
        self.lights_model = LightsModel(parent=self)

        site = ws.site
        role = self.tr("市级") if site.is_city else self.tr("县级")
        self.setWindowTitle(self.tr("{0} · {1} — 招商桌面").format(site.name, role))
        self.setStyleSheet(STYLE_SHEET)
        self._build(site.name, role)
        self._build_menus()
        self._build_status_bar()
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._placed:
            # The unit table gets what it needs to show every column; the
            # reminders get the rest.
            self._placed = True
            left = self.units_panel.minimumWidth()
            self.splitter.setSizes([left, max(self.splitter.width() - left, 1)])

    # -- layout ----------------------------------------------------------------------
    def _build(self, site_name: str, role: str) -> None:
        central = QWidget(objectName="central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header(site_name, role))

        body = QVBoxLayout()
        body.setContentsMargins(18, 14, 18, 12)
        body.setSpacing(10)
        outer.addLayout(body, 1)

        body.addLayout(self._section_title(self.tr("年度主要指标"),
                                           self.tr("进度条中的竖线为序时进度；绿色为超进度，红色为欠进度")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for i, key in enumerate(CARD_KEYS):
            card = KpiCard(key, self._card_titles()[key])
            self.cards[key] = card
            grid.addWidget(card, i // CARD_COLUMNS, i % CARD_COLUMNS)
        for c in range(CARD_COLUMNS):
            grid.setColumnStretch(c, 1)
        body.addLayout(grid)

        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(10)
        splitter.addWidget(self._build_units_panel())
        splitter.addWidget(self._build_reminders_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        body.addSpacing(4)
        body.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _build_header(self, site_name: str, role: str) -> QWidget:
        header = QFrame(objectName="header")
        row = QHBoxLayout(header)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(12)

        left = QVBoxLayout()
        left.setSpacing(2)
        name_row = QHBoxLayout()
        name_row.setSpacing(10)
        self.site_label = QLabel(site_name, objectName="siteName")
        self.role_chip = QLabel(role, objectName="roleChip")
        name_row.addWidget(self.site_label)
        name_row.addWidget(self.role_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addStretch(1)
        left.addLayout(name_row)
        left.addWidget(QLabel(self.tr("招商桌面 · 招商引资工作概况"), objectName="subtitle"))
        row.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(4)
        self.period_label = QLabel(objectName="periodText")
        self.period_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pace_label = QLabel(objectName="paceText")
        self.pace_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.period_label)
        right.addWidget(self.pace_label)
        row.addLayout(right)
        return header

    def _section_title(self, title: str, note: str = "") -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(QLabel(title, objectName="sectionTitle"))
        if note:
            row.addWidget(QLabel(note, objectName="sectionNote"), 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        return row

    def _build_units_panel(self) -> QWidget:
        panel = self.units_panel = QFrame(objectName="panel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(12, 10, 12, 12)
        box.setSpacing(8)
        box.addLayout(self._section_title(self.tr("各单元完成情况（赛马）"),
                                          self.tr("点击表头排序；悬停查看目标与完成率")))
        self.unit_table = self._table(self.unit_model)
        self.unit_table.setSortingEnabled(True)
        header = self.unit_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(UnitColumn.UNIT, QHeaderView.ResizeMode.Stretch)
        self.unit_table.sortByColumn(UnitColumn.RANK, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(lambda *_: self._fit_unit_table())
        box.addWidget(self.unit_table, 1)
        return panel

    def _build_reminders_panel(self) -> QWidget:
        panel = QFrame(objectName="panel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(12, 10, 12, 12)
        box.setSpacing(8)
        box.addLayout(self._section_title(self.tr("提醒"), self.tr("亮灯与跟进")))

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

        # The panel is narrow: the reason goes under the name, the number in the tooltip.
        self.lights_table = self._table(self.lights_model)
        self.lights_table.setColumnHidden(LightColumn.NUMBER, True)
        self.lights_table.setColumnHidden(LightColumn.REASON, True)
        self.lights_table.setItemDelegateForColumn(
            LightColumn.NAME, TwoLineDelegate(LightColumn.REASON, self.lights_table))
        self.lights_table.verticalHeader().setDefaultSectionSize(TwoLineDelegate.ROW_HEIGHT)
        header = self.lights_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.resizeSection(LightColumn.LIGHT, 48)
        header.setSectionResizeMode(LightColumn.NAME, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.lights_table, 1)
        return panel

    @staticmethod
    def _table(model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(28)
        view.horizontalHeader().setHighlightSections(False)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        return view

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        refresh = QAction(self.tr("刷新(&R)"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        file_menu.addAction(refresh)
        file_menu.addSeparator()
        leave = QAction(self.tr("退出(&X)"), self)
        leave.setShortcut(QKeySequence.StandardKey.Quit)
        leave.triggered.connect(self.close)
        file_menu.addAction(leave)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于招商桌面(&A)"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        db = self.ws.db
        where = str(db.path) if db.path else db.engine.url.render_as_string(hide_password=True)
        self.migration_label = QLabel(objectName="migrationNote")
        self.migration_label.hide()
        bar.addWidget(self.migration_label, 1)
        self.db_label = QLabel(self.tr("数据库：{0}").format(where))
        self.db_label.setToolTip(where)
        self.sync_label = QLabel(self.tr("尚未同步"))
        self.sync_label.setToolTip(self.tr("本站点还没有导入或导出过同步文件"))
        bar.addPermanentWidget(self.db_label)
        bar.addPermanentWidget(self.sync_label)
        if db.migration_note:
            self.show_migration_note(db.migration_note)

    def show_migration_note(self, note: str) -> None:
        self.migration_label.setText(note)
        self.migration_label.setToolTip(note)
        self.migration_label.show()

    # -- data --------------------------------------------------------------------------
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
        return {
            "个": self.tr("个"), "万元": self.tr("万元"), "次": self.tr("次"), "天": self.tr("天"),
            "%": "", "分": self.tr("分"),
        }.get(figure.unit, figure.unit)

    def _sub_text(self, figure: Figure) -> str:
        """The detail line under a value: 亿元 for large sums, the parts of a rate."""
        n, d = figure.numerator, figure.denominator
        if figure.unit == "万元" and figure.value is not None and abs(figure.value) >= YI:
            yi = (figure.value / YI).quantize(Decimal("0.01"), ROUND_HALF_UP)
            return self.tr("约 {0} 亿元").format(f"{yi:,}")
        if figure.key == "performance_rate":
            return self.tr("已履约 {0} / 新签约 {1} 个").format(_num(n), _num(d))
        if figure.key == "start_rate":
            return self.tr("已开工 {0} / 应开工 {1} 个").format(_num(n), _num(d))
        if figure.key == "capital_rate":
            return self.tr("到位 {0} / 合同 {1} 万元").format(_num(n), _num(d))
        if figure.key == "production_rate":
            return self.tr("已投产 {0} / 应投产 {1} 个").format(_num(n), _num(d))
        if figure.key == "overdue_start":
            return self.tr("超过开工时限仍未开工")
        if figure.key == "trip_days":
            return self.tr("外出拜访 {0} 次").format(len(figure.row_ids))
        return ""

    def refresh(self) -> None:
        """Read the year's figures and reminders again."""
        report = metrics.year_report(self.ws)
        self.report = report
        period = report.period
        self.period_label.setText(self.tr("{0}年度 · 统计至{1}月{2}日").format(
            period.end.year, period.end.month, period.end.day))
        self.pace_label.setText(self.tr("序时进度 {0}").format(percent(report.pace)))
        for key, card in self.cards.items():
            figure = report.total[key]
            card.set_figure(figure, report.pace, self._unit_text(figure), self._sub_text(figure))
        overdue_card = self.cards["overdue_start"]
        if report.total["overdue_start"].value:
            overdue_card.value_label.setStyleSheet(f"color: {BAD};")
        else:
            overdue_card.value_label.setStyleSheet("")

        self.unit_model.set_report(report)
        self._fit_unit_table()
        lights = reminders.lights(self.ws, colours=(reminders.RED, reminders.YELLOW))
        self.lights_model.set_lights(lights)
        reds = sum(1 for x in lights if x.colour == reminders.RED)
        yellows = len(lights) - reds
        self.red_count.setText(self.tr("红灯 <b style='color:{0}'>{1}</b> 项").format(BAD, reds))
        self.yellow_count.setText(self.tr("黄灯 <b style='color:#A86B00'>{0}</b> 项").format(yellows))
        due_today, overdue = reminders.followups(self.ws)
        self.due_today_count.setText(self.tr("今日到期跟进 <b>{0}</b> 条").format(len(due_today)))
        colour = BAD if overdue else INK
        self.overdue_count.setText(self.tr("逾期未跟进 <b style='color:{0}'>{1}</b> 条").format(
            colour, len(overdue)))

    def _fit_unit_table(self) -> None:
        # Unit names must show in full (two may differ only at the end), so the
        # table asks for the width of all its columns.
        self.units_panel.setMinimumWidth(fit_columns(self.unit_table, stretch=UnitColumn.UNIT) + 26)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于招商桌面"), self.tr(
            "<b>招商桌面</b> zsdesk {0}<br>县级招商单元与市招商办的离线工作台。<br><br>"
            "界面字体：文泉驿微米黑（Apache-2.0）").format(__version__))


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
        width = max(view.sizeHintForColumn(column), title) + 18
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            width += 14  # the sort arrow sits beside the title
        if max_width is not None and column != stretch:
            width = min(width, max_width)
        if column != stretch:
            header.resizeSection(column, width)
        needed += width
    return needed + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"

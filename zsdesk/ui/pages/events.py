"""招商活动 (issue 16): the events of the units on screen with how the projects signed
at each have fared since (履约率, 开工率, 资金到位率, 建成投产率 by the brief's
definitions), the totals of a named series, an event's figures and linked records;
add and edit an event, link a signed project to it. The figures are zsdesk.events'."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from zsdesk.app import events, numbers
from zsdesk.ui.forms.base import make_table
from zsdesk.ui.models import RowRole, RowsModel
from zsdesk.ui.pages import scope_unit_ids
from zsdesk.ui.pages.reviews import WriteDialog
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner
from zsdesk.ui.widgets.pickers import ChoiceCombo

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def kind_text(kind: str) -> str:
    return {"集中签约": translate("EventsPage", "集中签约"), "推介会": translate("EventsPage", "推介会"),
            "展会": translate("EventsPage", "展会"), "外出招商活动": translate("EventsPage", "外出招商活动")}.get(kind, kind)


def table_text(table: str) -> str:
    return {"projects": translate("EventsPage", "签约项目"), "leads": translate("EventsPage", "线索"),
            "visits": translate("EventsPage", "拜访")}.get(table, table)


def fit_columns(view, cap: int, caps: dict[int, int] | None = None) -> None:
    """Columns as wide as their contents, none wider than ``cap`` pixels (``caps``: per column)."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        limit = (caps or {}).get(column, cap)
        if view.columnWidth(column) > limit:
            view.setColumnWidth(column, limit)


class EventsModel(RowsModel):
    """``events.EventSummary`` rows: the events, then the series totals."""

    NUMERIC = frozenset(range(6, 12))
    RATES = ("performance_rate", "start_rate", "capital_rate", "production_rate")

    def __init__(self, parent=None):
        super().__init__([
            translate("EventsPage", "活动"), translate("EventsPage", "类型"), translate("EventsPage", "日期"),
            translate("EventsPage", "地点"), translate("EventsPage", "主办单元"), translate("EventsPage", "系列"),
            translate("EventsPage", "签约项目"), translate("EventsPage", "签约金额（万元）"),
            translate("EventsPage", "履约率"), translate("EventsPage", "开工率"), translate("EventsPage", "资金到位率"),
            translate("EventsPage", "建成投产率")], parent)

    def text(self, row: events.EventSummary, column: int) -> str:
        e = row.event
        if column == 0:
            return row.title if e else translate("EventsPage", "{0}（系列合计）").format(row.series)
        if e is None:
            if column == 5:
                return row.series or ""
            if column < 6:
                return ""
        elif column == 1:
            return kind_text(e.kind)
        elif column == 2:
            end = e.end_date
            if end is None:
                return e.start_date.isoformat()
            return translate("EventsPage", "{0} 至 {1}").format(
                e.start_date.isoformat(), end.strftime("%m-%d") if end.year == e.start_date.year else end.isoformat())
        elif column == 3:
            return e.place or ""
        elif column == 4:
            return e.unit_name
        elif column == 5:
            return e.series or ""
        if column == 6:
            return str(row.projects)
        if column == 7:
            return numbers.money(row.metric("signed_investment").value)
        return row.metric(self.RATES[column - 8]).short

    def tooltip(self, row: events.EventSummary, column: int):
        if column >= 8:
            m = row.metric(self.RATES[column - 8])
            return m.missing or m.display
        if column == 0 and row.event is not None and row.event.note:
            return row.event.note
        return None

    def foreground(self, row: events.EventSummary, column: int):
        return QColor("#555555") if row.event is None else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self.rows[index.row()].event is None:
            font = QFont()
            font.setItalic(True)
            return font
        return super().data(index, role)


class MetricsModel(RowsModel):
    """The figures of one event: ``events.EventMetric`` rows."""

    NUMERIC = frozenset({1})

    def __init__(self, parent=None):
        super().__init__([translate("EventsPage", "指标"), translate("EventsPage", "数值"),
                          translate("EventsPage", "说明")], parent)

    def text(self, row: events.EventMetric, column: int) -> str:
        if column == 0:
            return row.label
        if column == 1:
            return row.display
        return row.missing or ""


class LinkedModel(RowsModel):
    """The records linked to one event: ``events.LinkedRecord`` rows."""

    NUMERIC = frozenset({7})

    def __init__(self, parent=None):
        super().__init__([translate("EventsPage", "类型"), translate("EventsPage", "编号"),
                          translate("EventsPage", "名称"), translate("EventsPage", "企业"),
                          translate("EventsPage", "招商单元"), translate("EventsPage", "日期"),
                          translate("EventsPage", "阶段/方式"), translate("EventsPage", "投资额（万元）")], parent)

    def text(self, row: events.LinkedRecord, column: int) -> str:
        values = (table_text(row.table), row.number, row.name, row.company, row.unit_name, row.day.isoformat(),
                  row.stage_label, numbers.money(row.investment) if row.investment is not None else "")
        return values[column]


class EventDialog(WriteDialog):
    """Add or edit one event."""

    def __init__(self, ws, units: list[tuple[str, str]], series: list[str],
                 event: events.EventRow | None = None, parent=None):
        super().__init__(ws, translate("EventsPage", "编辑招商活动") if event else translate("EventsPage", "新增招商活动"),
                         parent)
        self.event = event
        self.name = QLineEdit()
        self.form.addRow(self.tr("活动名称"), self.name)
        self.kind = ChoiceCombo()
        self.kind.set_choices((k, kind_text(k)) for k in events.EVENT_KINDS)
        self.kind.setCurrentIndex(0)
        self.form.addRow(self.tr("活动类型"), self.kind)
        self.unit = ChoiceCombo()
        self.unit.set_choices(units)
        if units:
            self.unit.setCurrentIndex(0)
        self.form.addRow(self.tr("主办单元"), self.unit)
        self.start = DateEdit(today=ws.today())
        self.start.setValue(ws.today())
        self.form.addRow(self.tr("开始日期"), self.start)
        self.end = DateEdit(optional=True, today=ws.today())
        self.form.addRow(self.tr("结束日期"), self.end)
        self.place = QLineEdit()
        self.form.addRow(self.tr("地点"), self.place)
        self.series = QComboBox()
        self.series.setEditable(True)
        self.series.addItem("")
        self.series.addItems(series)
        self.series.setToolTip(self.tr("同一系列的活动（如“1336”“兰洽会”）在列表中另有系列合计"))
        self.form.addRow(self.tr("系列"), self.series)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.form.addRow(self.tr("备注"), self.note)
        if event is not None:
            self.name.setText(event.name)
            self.kind.setValue(event.kind)
            if self.unit.findData(event.unit_id) < 0:
                self.unit.addItem(event.unit_name, event.unit_id)
            self.unit.setValue(event.unit_id)
            self.start.setValue(event.start_date)
            self.end.setValue(event.end_date)
            self.place.setText(event.place or "")
            self.series.setCurrentText(event.series or "")
            self.note.setPlainText(event.note or "")

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "kind": self.kind.value(), "unit_id": self.unit.value(),
                "start_date": self.start.value(), "end_date": self.end.value(),
                "place": self.place.text().strip() or None, "series": self.series.currentText().strip() or None,
                "note": self.note.toPlainText().strip() or None}

    def accept(self) -> None:
        values = self.values()
        if not values["name"]:
            self.problem.show_message(self.tr("请填写活动名称"), "error")
            self.name.setFocus()
            return
        if not values["unit_id"]:
            self.problem.show_message(self.tr("请选择主办单元"), "error")
            return
        self.write(events.save_event, values, self.event.id if self.event else None)


class LinkProjectDialog(WriteDialog):
    """关联签约项目: a signed project of this site, signed at the event."""

    def __init__(self, ws, event: events.EventRow, projects: tuple[events.ProjectChoice, ...], parent=None):
        super().__init__(ws, translate("EventsPage", "关联签约项目"), parent)
        self.event = event
        self.form.addRow(self.tr("活动"), QLabel(event.name))
        self.project = ChoiceCombo()
        self.project.set_choices((p.id, f"{p.number} {p.name}（{p.contract_date.isoformat()}）") for p in projects)
        if projects:
            self.project.setCurrentIndex(0)
        self.form.addRow(self.tr("签约项目"), self.project)
        if not projects:
            self.problem.show_message(self.tr("没有可关联的签约项目。"), "info")
            self.ok_button.setEnabled(False)

    def accept(self) -> None:
        if not self.project.value():
            self.problem.show_message(self.tr("请选择签约项目"), "error")
            return
        self.write(events.link_record, self.event.id, "projects", self.project.value())


class EventsPage(QWidget):
    """The 招商活动 page (see the module docstring)."""

    #: the list was shown (tests and screenshots wait for it)
    loaded = Signal()

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.dialog: WriteDialog | None = None
        self.data: tuple[events.EventSummary, ...] | None = None
        self.detail: events.EventDetail | None = None
        self.units: list[tuple[str, str]] = []
        self.setStyleSheet(FEEDBACK_STYLE)
        title = QLabel(self.tr("招商活动"), objectName="pageTitle")
        self.new_button = QPushButton(self.tr("新增活动…"))
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.clicked.connect(self.edit_event)
        self.link_button = QPushButton(self.tr("关联签约项目…"))
        self.link_button.setToolTip(self.tr("把在本活动签约的项目关联到活动，计入本活动的履约、开工、资金到位和投产情况"))
        self.link_button.clicked.connect(self.link_project)
        self.unlink_button = QPushButton(self.tr("取消关联"))
        self.unlink_button.clicked.connect(self.unlink_selected)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for b in (self.new_button, self.edit_button, self.link_button, self.unlink_button):
            top.addWidget(b)
        self.banner = Banner()
        self.model = EventsModel(self)
        self.view = make_table(self.model)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_event())
        self.detail_title = QLabel()
        self.detail_title.setObjectName("sectionTitle")
        self.metrics_model = MetricsModel(self)
        self.metrics_view = make_table(self.metrics_model)
        self.linked_model = LinkedModel(self)
        self.linked_view = make_table(self.linked_model)
        self.linked_view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.linked_view.doubleClicked.connect(self.open_linked)
        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 0, 0, 0)
        lower_box.addWidget(self.detail_title)
        row = QHBoxLayout()
        row.addWidget(self.metrics_view, 3)
        row.addWidget(self.linked_view, 5)
        lower_box.addLayout(row, 1)
        note = QLabel(self.tr("各率按简报口径计算，只统计关联到活动的签约项目，自最早签约日至今天："
                              "履约率 = 已注册及以后且未违约 / 签约项目；开工率、建成投产率只计签约已满开工、投产时限（亮灯设置）的项目；"
                              "资金到位率 = 累计到位资金 / 合同投资。同一系列有两次以上活动时另列系列合计。双击关联记录打开它。"))
        note.setWordWrap(True)
        note.setObjectName("hint")
        lower_box.addWidget(note)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 4)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.banner)
        box.addWidget(split, 1)
        self._update_buttons()
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.tasks.run(_load, self.ws, scope_unit_ids(self.ws), title=self.tr("读取招商活动"), write=False,
                       progress=False, on_done=self._show, on_error=self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.banner.show_message(self.tr("无法读取招商活动：{0}").format(describe_error(exc)), "error")

    def _show(self, result) -> None:
        rows, self.units = result
        selected = self.selected()
        self.data = rows
        self.model.set_rows(rows)
        fit_columns(self.view, 220, {3: 140})
        index = 0
        if selected is not None:
            for i, r in enumerate(rows):
                if r.event and selected.event and r.event.id == selected.event.id or \
                        r.event is None and selected.event is None and r.series == selected.series:
                    index = i
        if rows:
            self.view.setCurrentIndex(self.model.index(index, 0))
        else:
            self._selection_changed()
        self.loaded.emit()

    def selected(self) -> events.EventSummary | None:
        index = self.view.currentIndex()
        return self.model.data(index, RowRole) if index.isValid() else None

    def selected_event(self) -> events.EventRow | None:
        row = self.selected()
        return row.event if row is not None else None

    def select_event(self, name: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.event and r.event.name == name:
                self.view.setCurrentIndex(self.model.index(i, 0))
                return True
        return False

    def _selection_changed(self, *_args) -> None:
        row = self.selected()
        self.detail = None
        self.linked_model.set_rows([])
        if row is None:
            self.detail_title.setText(self.tr("选择一个活动查看其签约项目和指标"))
            self.metrics_model.set_rows([])
        else:
            self.detail_title.setText(self.tr("{0}：签约项目{1}个，线索{2}个，拜访{3}次").format(
                row.title if row.event else self.tr("{0}（系列合计）").format(row.series),
                row.projects, row.leads, row.visits))
            self.metrics_model.set_rows(row.metrics)
            self.metrics_view.resizeColumnsToContents()
            if row.event is not None:
                self.tasks.run(events.event_detail, self.ws, row.event.id, title=self.tr("读取活动"), write=False,
                               progress=False, on_done=self._show_detail, on_error=self._read_failed)
        self._update_buttons()

    def _show_detail(self, detail: events.EventDetail) -> None:
        current = self.selected_event()
        if current is None or detail.summary.event is None or detail.summary.event.id != current.id:
            return
        self.detail = detail
        self.linked_model.set_rows(detail.records)
        fit_columns(self.linked_view, 220)
        self._update_buttons()

    def _editable(self, event: events.EventRow | None) -> bool:
        return event is not None and event.owner_site_id == self.ws.site.id

    def _update_buttons(self) -> None:
        event = self.selected_event()
        self.edit_button.setEnabled(self._editable(event))
        self.link_button.setEnabled(self._editable(event))
        self.unlink_button.setEnabled(self._editable(event) and self.linked_view.currentIndex().isValid())

    # -- writing ------------------------------------------------------------------------------------
    def _series(self) -> list[str]:
        return sorted({r.series for r in self.data or () if r.series})

    def new_record(self) -> None:
        self._open(EventDialog(self.ws, self.units, self._series(), None, self))

    def edit_event(self) -> None:
        event = self.selected_event()
        if self._editable(event):
            self._open(EventDialog(self.ws, self.units, self._series(), event, self))

    def link_project(self) -> None:
        event = self.selected_event()
        if not self._editable(event):
            return
        self.tasks.run(events.linkable_projects, self.ws, scope_unit_ids(self.ws), title=self.tr("读取项目"),
                       write=False, progress=False,
                       on_done=lambda projects: self._open(LinkProjectDialog(self.ws, event, projects, self)),
                       on_error=self._read_failed)

    def _open(self, dialog: WriteDialog) -> None:
        if self.dialog is not None:
            dialog.deleteLater()
            return
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result:
            self.refresh()

    def unlink_selected(self) -> None:
        event = self.selected_event()
        index = self.linked_view.currentIndex()
        if not self._editable(event) or not index.isValid():
            return
        record: events.LinkedRecord = self.linked_model.data(index, RowRole)
        self.tasks.run(events.unlink_record, self.ws, event.id, record.table, record.id, title=self.tr("取消关联"),
                       on_done=lambda _r: self.refresh(), on_error=self._write_failed)

    def _write_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.banner.show_message(self.tr("没有保存：{0}").format(describe_error(exc)), "error")

    def open_linked(self, index: QModelIndex) -> None:
        from zsdesk.ui.forms import open_record

        record: events.LinkedRecord = self.linked_model.data(index, RowRole)
        if record is not None and open_record(self, self.ws, record.table, record.id):
            self.refresh()


def _load(ws, unit_ids):
    """(the events with their figures, [(unit id, name)] that may organise one here)."""
    from zsdesk.app import reference

    units = [(u.id, u.name) for u in reference.list_units(ws)
             if (unit_ids is None and ws.site.is_city) or (unit_ids is not None and u.id in unit_ids)]
    return events.load_events(ws, unit_ids), units

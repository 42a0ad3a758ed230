"""ListPage: a searchable, filterable, sortable list of one kind of record.

Top to bottom: the title with the search box and 新建; a row of filter chips
(单元, 产业, 阶段 or 类型, 年度, 亮灯), the drill-down chip and the row count;
the table. The search filters as you type (after a short pause, so a fast
typist does not start a query per letter). Column choice (the header's context
menu), column widths and the sort order are remembered per list
(``zsdesk.ui.options``: list_widths, list_hidden, list_sort).

Double-click or Enter opens the record with ``zsdesk.ui.forms.open_record``;
新建 uses ``zsdesk.ui.forms.new_record``; after a save the list reads again.
"""

from __future__ import annotations

import functools
import importlib
import logging
import weakref
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QRect, Qt, QTimer, Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
    QMessageBox, QPushButton, QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView,
    QToolButton, QVBoxLayout, QWidget,
)

from zsdesk.app import numbers
from zsdesk.app.listing import DEFAULT_SORT, TABLES, FirstPage, ListQuery, column_keys
from zsdesk.ui import options
from zsdesk.ui.lists.model import FIT_COLUMNS, ListModel, light_dot, queries

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
ROW_HEIGHT = 28

STYLE_SHEET = """
#listTitle { color: #1F2D3D; font-size: 18px; font-weight: bold; }
#listSearch { background: #FFFFFF; border: 1px solid #C5CDD8; border-radius: 4px; padding: 4px 8px;
              color: #1F2D3D; }
#listSearch:focus { border-color: #2B5C8A; }
#newButton { background: #1F3A5F; color: #FFFFFF; border: none; border-radius: 4px;
             padding: 5px 18px; font-weight: bold; }
#newButton:hover { background: #2B4F7D; }
#newButton:pressed { background: #16304F; }
#newButton:disabled { background: #9AA8BA; color: #EEF1F5; }
#listSearch:disabled { background: #EEF1F5; color: #8A96A6; }
QToolButton#chip { background: #FFFFFF; color: #3D4B5E; border: 1px solid #C9D1DC; border-radius: 12px;
                   padding: 2px 12px; }
QToolButton#chip:hover { border-color: #8FA3BC; }
QToolButton#chip:disabled { color: #A0AAB8; border-color: #DDE2E9; }
QToolButton#chip[active="true"] { background: #E3ECF7; color: #1F3A5F; border-color: #2B5C8A;
                                  font-weight: bold; }
QToolButton#chip::menu-indicator { image: none; width: 0px; }
QToolButton#drillChip { background: #FFF3DC; color: #7A4B00; border: 1px solid #E3A73B;
                        border-radius: 12px; padding: 2px 12px; font-weight: bold; }
QToolButton#drillChip:hover { background: #FFE9BF; }
QToolButton#clearChips { border: none; color: #1F5FA8; background: transparent; padding: 2px 6px; }
QToolButton#clearChips:hover { text-decoration: underline; }
#countLabel { color: #4A5A70; }
#countLabel[error="true"] { color: #B3261E; }
#listTable { background: #FFFFFF; alternate-background-color: #F7F9FC; border: 1px solid #DFE4EB;
             gridline-color: #EDF0F4; selection-background-color: #DCE7F5; selection-color: #1F2D3D; }
#listTable::item { padding: 0px 6px; }
#listTable QHeaderView::section { background: #EEF2F6; color: #3D4B5E; border: none;
                                  border-right: 1px solid #E0E5EC; border-bottom: 1px solid #D5DCE5;
                                  padding: 4px 6px; font-weight: bold; }
"""


translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


class CentredIconDelegate(QStyledItemDelegate):
    """Draws a cell's icon alone, in the middle of the cell (the 亮灯 lamps)."""

    SIZE = 14

    def paint(self, painter, option, index):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        icon = index.model().data(index, Qt.ItemDataRole.DecorationRole)  # straight to the Python model
        opt.icon = QIcon()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if isinstance(icon, QIcon) and not icon.isNull():
            target = QRect(0, 0, self.SIZE, self.SIZE)
            target.moveCenter(option.rect.center())
            icon.paint(painter, target)


class ChipMenu(QMenu):
    """A menu that stays open while the user ticks several choices."""

    def mouseReleaseEvent(self, event):
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled() \
                and not self.property("exclusive"):
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class FilterChip(QToolButton):
    """One filter: a button showing what is chosen, with a menu of the choices."""

    changed = Signal()

    def __init__(self, key: str, label: str, *, exclusive: bool = False, parent=None):
        super().__init__(parent)
        self.key = key
        self.label = label
        self.exclusive = exclusive
        self.setObjectName("chip")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu_ = ChipMenu(self)
        self.menu_.setProperty("exclusive", exclusive)
        self.setMenu(self.menu_)
        self._actions: list[QAction] = []
        self._group: QActionGroup | None = None
        self._loader = None
        self._loaded = False
        self.menu_.aboutToShow.connect(self.ensure_loaded)
        self._update_text()

    def set_loader(self, loader) -> None:
        """``loader()`` gives (options, icons) when the menu is first opened (again
        after ``invalidate``): the choices are read only when someone looks."""
        self._loader = loader
        self._loaded = False

    def invalidate(self) -> None:
        self._loaded = False

    def ensure_loaded(self) -> None:
        if not self._loaded and self._loader is not None:
            self._loaded = True
            options, icons = self._loader()
            self.blockSignals(True)
            try:
                self.set_options(options, icons)
            finally:
                self.blockSignals(False)

    def set_options(self, options: list[tuple], icons: dict | None = None) -> None:
        """``options``: (value, text) or (value, text, level); keeps what is still offered."""
        chosen = set(self.selected())
        self.menu_.clear()
        self._actions = []
        all_action = self.menu_.addAction(translate("ListPage", "全部"))
        all_action.triggered.connect(self.clear)
        self.menu_.addSeparator()
        self._group = QActionGroup(self) if self.exclusive else None
        if self._group is not None:
            self._group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for option in options:
            value, text = option[0], option[1]
            level = option[2] if len(option) > 2 else 0
            action = QAction(("　　" * level) + str(text), self.menu_)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in chosen)
            if icons and value in icons:
                action.setIcon(icons[value])
            action.toggled.connect(self._on_toggled)
            if self._group is not None:
                self._group.addAction(action)
            self.menu_.addAction(action)
            self._actions.append(action)
        self._update_text()

    def selected(self) -> tuple:
        return tuple(a.data() for a in self._actions if a.isChecked())

    def set_selected(self, values, *, notify: bool = True) -> None:
        values = set(values or ())
        changed = False
        for action in self._actions:
            want = action.data() in values
            if action.isChecked() != want:
                action.blockSignals(True)
                action.setChecked(want)
                action.blockSignals(False)
                changed = True
        self._update_text()
        if changed and notify:
            self.changed.emit()

    def clear(self) -> None:
        self.set_selected(())

    def options(self) -> list:
        return [a.data() for a in self._actions]

    def _on_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [a for a in self._actions if a.isChecked()]
        if not chosen:
            text = f"{self.label} ▾"
        elif len(chosen) == 1:
            text = f"{self.label}：{chosen[0].text().strip()} ▾"
        else:
            text = translate("ListPage", "{0}：{1}项 ▾").format(self.label, len(chosen))
        self.setText(text)
        self.setToolTip("\n".join(a.text().strip() for a in chosen) if chosen else "")
        active = bool(chosen)
        if self.property("active") != active:
            self.setProperty("active", active)
            self.style().unpolish(self)
            self.style().polish(self)


class ListPage(QWidget):
    """A list of one kind of record. Subclasses set ``KIND``, ``TITLE`` and ``CHIPS``."""

    KIND = "visits"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "列表")
    #: the filter chips shown, in order: units, industries, stages, kinds, years, lights
    CHIPS: tuple[str, ...] = ()
    #: the label of the ``kinds`` chip (方式, 类型 …); these texts are marked with
    #: QT_TRANSLATE_NOOP("ListPage", …) where a page sets them
    KINDS_LABEL = QT_TRANSLATE_NOOP("ListPage", "类型")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索编号、名称、企业（可用拼音或首字母）")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建")

    # emitted with the path of a finished Excel export
    exported = Signal(str)

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks
        self.kind = self.KIND
        self.table_name = TABLES[self.kind]
        self.setObjectName(f"{self.kind}Page")
        self.setStyleSheet(STYLE_SHEET)
        self._drill: tuple[tuple[str, ...], str] | None = None
        self._restoring = False
        self._select_after_load: str | None = None

        self.model = ListModel(ws, self.kind, tasks, self)
        self._build()
        self._restore_view_settings()
        self._load_options()
        self.model.loaded.connect(self._on_loaded)
        self.model.counted.connect(self._on_counted)
        self.model.failed.connect(self._on_failed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        if ws is None:  # made at start-up before the database is open: ``attach`` reads the list
            self._set_waiting(True)
        else:
            self.apply_filters()

    # -- made before the database is open (start-up) ---------------------------------------------
    def show_first_page(self, first: FirstPage, total: int | None = None) -> bool:
        """Show the first page read at start-up (see ``ListModel.show_first_page``);
        whether it is shown: it must be the page's opening query."""
        return self.ws is None and first.query == self.current_query() and self.model.show_first_page(first, total)

    def attach(self, ws) -> None:
        """The database is open: the page works, and reads its list (the rows shown
        meanwhile stay where they are the same)."""
        self.ws = ws
        self.model.attach(ws)
        self._set_waiting(False)
        self.apply_filters()

    def _set_waiting(self, waiting: bool) -> None:
        """Until the page has a workspace, nothing that reads or writes can be used:
        the rows shown can be scrolled, not sorted, searched or opened."""
        for widget in (self.search, self.new_button, self.export_button, *self.chips.values()):
            widget.setEnabled(not waiting)
        self.view.horizontalHeader().setSectionsClickable(not waiting)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title_label = QLabel(translate("ListPage", self.TITLE), objectName="listTitle")
        self.search = QLineEdit(objectName="listSearch")
        self.search.setPlaceholderText(translate("ListPage", self.SEARCH_HINT))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(380)
        self.search.setToolTip(translate(
            "ListPage", "输入即筛选；空格分隔多个词（须同时满足）。Ctrl+F 定位到此处，Esc 清空，↓ 进入列表。"))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._on_text_changed)
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)

        self.new_button = QPushButton(translate("ListPage", self.NEW_LABEL), objectName="newButton")
        self.new_button.setToolTip(translate("ListPage", "新建一条记录（Ctrl+N）"))
        self.new_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.new_button.clicked.connect(self.new_record)

        self.export_button = QToolButton(objectName="exportButton")
        self.export_button.setText(translate("ListPage", "导出Excel…"))
        self.export_button.setToolTip(translate("ListPage", "导出当前列表到Excel（保留筛选、排序和显示的列）"))
        self.export_button.clicked.connect(self.export_excel)
        self.export_task = None

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.search)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)

        self.chips: dict[str, FilterChip] = {}
        labels = {"units": translate("ListPage", "单元"), "industries": translate("ListPage", "产业"),
                  "stages": translate("ListPage", "阶段"), "kinds": translate("ListPage", self.KINDS_LABEL),
                  "years": translate("ListPage", "年度"), "lights": translate("ListPage", "亮灯")}
        chip_row = QHBoxLayout()
        chip_row.setSpacing(6)
        for key in self.CHIPS:
            chip = FilterChip(key, labels[key], exclusive=key == "years", parent=self)
            chip.changed.connect(self.apply_filters)
            self.chips[key] = chip
            chip_row.addWidget(chip)
        self.drill_chip = QToolButton(objectName="drillChip")
        self.drill_chip.setToolTip(translate("ListPage", "只显示钻取的记录；点击取消钻取，回到完整列表"))
        self.drill_chip.clicked.connect(self.clear_drill)
        self.drill_chip.hide()
        chip_row.addWidget(self.drill_chip)
        self.clear_button = QToolButton(objectName="clearChips")
        self.clear_button.setText(translate("ListPage", "清除筛选"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.hide()
        chip_row.addWidget(self.clear_button)
        chip_row.addStretch(1)
        self.export_note = QLabel(objectName="exportNote")
        self.export_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_note.hide()
        chip_row.addWidget(self.export_note)
        self.count_label = QLabel(objectName="countLabel")
        chip_row.addWidget(self.count_label)

        self.view = QTableView(objectName="listTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionResized.connect(self._on_section_resized)
        header.sortIndicatorChanged.connect(self._on_sort_changed)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._centred = CentredIconDelegate(self.view)
        for i, column in enumerate(self.model.columns):
            if column.type == "light":
                self.view.setItemDelegateForColumn(i, self._centred)
        # Double-click and Enter open a record (not ``activated``: on some
        # platforms that is a single click, and Enter does not send it).
        self.view.doubleClicked.connect(self._on_activated)
        self.view.installEventFilter(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._row_menu)

        box = QVBoxLayout(self)
        box.setContentsMargins(16, 14, 16, 12)
        box.setSpacing(10)
        box.addLayout(top)
        box.addLayout(chip_row)
        box.addWidget(self.view, 1)

        # Ctrl+F, Ctrl+N and F5 are the window's: it calls focus_search, new_record, refresh

    def eventFilter(self, watched, event):
        from PySide6.QtCore import QEvent

        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.view.setFocus()
                self.view.selectRow(max(self.view.currentIndex().row(), 0))
                return True
        if watched is self.view and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_activated(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    # -- the query ---------------------------------------------------------------------------------
    def current_query(self) -> ListQuery:
        """The query the search box, the chips and the drill-down describe."""
        key, descending = self.model.sort_key()
        chosen = {k: chip.selected() for k, chip in self.chips.items()}
        years = chosen.get("years") or ()
        return ListQuery(
            self.kind, text=self.search.text().strip(), unit_ids=chosen.get("units", ()),
            industry_ids=chosen.get("industries", ()), stages=chosen.get("stages", ()),
            kinds=chosen.get("kinds", ()), year=years[0] if years else None,
            lights=chosen.get("lights", ()), row_ids=self._drill[0] if self._drill else None,
            sort=key, descending=descending)

    def apply_filters(self) -> None:
        """Run the query the controls describe now (the search box waits for a pause)."""
        self.search_timer.stop()
        self.clear_button.setVisible(any(chip.selected() for chip in self.chips.values()))
        query = self.current_query()
        if query == self.model.query and self.model._started:
            return
        self.count_label.setProperty("error", False)
        self.model.set_query(query)
        self._update_count()

    def _on_text_changed(self, _text: str) -> None:
        self.search_timer.start()  # restarts: the query runs after a pause in typing

    def _search_now(self) -> None:
        self.apply_filters()

    def clear_filters(self) -> None:
        for chip in self.chips.values():
            chip.set_selected((), notify=False)
        self.apply_filters()

    # -- the page interface the window calls ----------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again (keeps the search, chips, sort and the selected record)."""
        self._select_after_load = self.current_id()
        self._load_options()
        self.model.set_query(self.current_query())

    def show_rows(self, table: str, row_ids, title: str) -> None:
        """Drill-down: list exactly the records behind ``row_ids`` of ``table`` (a
        figure's rows), with a removable "钻取：title" chip. Search and chips are
        cleared so that every one of them shows."""
        ids = queries.drill_ids(self.ws, self.kind, table, row_ids)
        self._drill = (ids, title)
        self.drill_chip.setText(translate("ListPage", "钻取：{0}  ✕").format(title))
        self.drill_chip.show()
        for chip in self.chips.values():
            chip.set_selected((), notify=False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def clear_drill(self) -> None:
        self._drill = None
        self.drill_chip.hide()
        self.apply_filters()

    @property
    def drill_title(self) -> str | None:
        return self._drill[1] if self._drill else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_record(self) -> None:
        forms = self._forms()
        if forms is None or not hasattr(forms, "new_record"):
            self._forms_missing()
            return
        defaults = {}
        units = self.chips["units"].selected() if "units" in self.chips else ()
        if len(units) == 1:  # the list shows one unit: a new record starts in it
            defaults["unit_id"] = units[0]
        new_id = forms.new_record(self, self.ws, self.table_name, **defaults)
        if new_id:
            self._select_after_load = new_id
            self._load_options()
            self.model.set_query(self.current_query())

    def open_record(self, record_id: str) -> bool:
        """Open ``record_id`` in its form; read the list again when it was saved."""
        forms = self._forms()
        if forms is None or not hasattr(forms, "open_record"):
            self._forms_missing()
            return False
        saved = bool(forms.open_record(self, self.ws, self.table_name, record_id))
        if saved:
            self._select_after_load = record_id
            self.model.set_query(self.current_query())
        return saved

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def _row_menu(self, pos) -> None:
        if self.ws is None:
            return  # the database is being opened
        index = self.view.indexAt(pos)
        record_id = self.model.row_id(index.row()) if index.isValid() else None
        if not record_id:
            return
        self.view.selectRow(index.row())
        menu = self.row_menu(record_id)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def row_menu(self, record_id: str) -> QMenu:
        """A row's context menu: 打开, then what the list adds (``row_actions``)."""
        menu = QMenu(self)
        menu.addAction(translate("ListPage", "打开")).triggered.connect(lambda: self.open_record(record_id))
        extra = self.row_actions(record_id)
        if extra:
            menu.addSeparator()
            for action in extra:
                action.setParent(menu)
                menu.addAction(action)
        return menu

    def row_actions(self, record_id: str) -> list[QAction]:
        """More actions on one record of this list (a subclass adds them)."""
        return []

    # -- forms ---------------------------------------------------------------------------------------
    @staticmethod
    def _forms():
        """``zsdesk.ui.forms``, imported when first needed; None while it does not exist."""
        try:
            return importlib.import_module("zsdesk.ui.forms")
        except ModuleNotFoundError as exc:
            if exc.name == "zsdesk.ui.forms":
                return None
            raise

    def _forms_missing(self) -> None:
        QMessageBox.information(self, translate("ListPage", self.TITLE), translate(
            "ListPage", "记录表单尚未包含在当前版本中，暂时无法在此打开或新建记录。\n列表的查询、筛选和钻取照常可用。"))

    def _on_activated(self, index: QModelIndex) -> None:
        if self.ws is None:
            return  # the database is being opened
        record_id = self.model.row_id(index.row()) if index.isValid() else None
        if record_id:
            self.open_record(record_id)

    # -- answers from the model ------------------------------------------------------------------------
    def _on_loaded(self) -> None:
        wanted = self._select_after_load
        self._select_after_load = None
        if wanted:
            row = self.model.row_of(wanted)
            if row is None and self.model.refining:
                self._select_after_load = wanted  # perhaps in the whole answer, coming next
            if row is not None:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
        self._fit_text_columns()
        self._update_count()

    def _on_counted(self, _total: int) -> None:
        self._update_count()

    def _on_failed(self, message: str) -> None:
        self.count_label.setProperty("error", True)
        self.count_label.style().unpolish(self.count_label)
        self.count_label.style().polish(self.count_label)
        self.count_label.setText(message)

    def _update_count(self, *_args) -> None:
        if self.count_label.property("error"):
            return
        total = self.model.total
        if total is None:
            loading = self.model.loading
            text = translate("ListPage", "正在查询…") if loading else translate("ListPage", "正在统计…")
        elif self._drill:
            text = translate("ListPage", "钻取 {0} 条").format(numbers.count(total))
        else:
            text = translate("ListPage", "共 {0} 条").format(numbers.count(total))
        self.count_label.setText(text)

    # -- filter choices ------------------------------------------------------------------------------------
    def _load_options(self) -> None:
        """Let each chip read its choices when it is first opened (again after a refresh)."""
        page = weakref.ref(self)  # a chip must not keep its page alive (a cycle only gc breaks)
        for key, chip in self.chips.items():
            chip.set_loader(functools.partial(_options_of_page, page, key))

    def _options_of(self, key: str) -> tuple[list, dict | None]:
        opts = queries.filter_options(self.ws, self.kind, parts={key})
        if key == "years":
            return [(y, translate("ListPage", "{0}年").format(y)) for y in opts.years], None
        if key == "lights":
            icons = {c: light_dot(c) for c in queries.LIGHTS}
            return [(c, translate("Domain", t)) for c, t in opts.lights], icons
        choices = getattr(opts, key)
        if key in ("stages", "kinds"):
            choices = [(value, translate("Domain", text)) for value, text in choices]
        return choices, None

    # -- export to Excel ------------------------------------------------------------------------------------
    def export_excel(self) -> None:
        """Ask where, then write the list as it is shown (see ``export_to``)."""
        title = translate("ListPage", self.TITLE)
        name = f"{title}-{self.ws.today().isoformat()}.xlsx"
        folder = options.start_folder(options.ledger_folder)
        path, _ = QFileDialog.getSaveFileName(self, translate("ListPage", "导出列表到"), str(Path(folder) / name),
                                              translate("ListPage", "Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        options.ledger_folder.set(str(Path(path).parent))
        self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write every record of the current query (all pages, its filters and
        order) with the visible columns to ``path``, off the GUI thread."""
        from zsdesk.app.lists import export_list  # (the database layer: not before the first screen)

        columns = [(c.key, translate("ListColumns", c.title)) for i, c in enumerate(self.model.columns)
                   if not self.view.isColumnHidden(i)]
        title = self.drill_title or translate("ListPage", self.TITLE)
        query = self.current_query()
        filters = [chip.text().replace(" ▾", "") for chip in self.chips.values() if chip.selected()]
        if query.text:
            filters.insert(0, translate("ListPage", "搜索：{0}").format(query.text))
        info = translate("ListPage", "导出日期：{0}").format(self.ws.today().isoformat())
        if filters:
            info += "　　" + translate("ListPage", "筛选：{0}").format("；".join(filters))
        self.export_button.setEnabled(False)
        self.export_note.hide()
        kwargs = {"heading": title, "info": info, "sheet": translate("ListPage", self.TITLE)}
        if self.tasks is None:  # a page without a task runner (tests, tools) works in line
            try:
                result = export_list(self.ws, query, columns, path, **kwargs)
            except Exception as exc:  # shown to the person, as the runner shows its errors
                self._export_failed(exc)
            else:
                self._exported(result)
            return
        self.export_task = self.tasks.run(export_list, self.ws, query, columns, path, **kwargs,
                                          title=translate("ListPage", "导出列表"), write=False,
                                          on_done=self._exported, on_error=self._export_failed)

    def _exported(self, result) -> None:
        self.export_task = None
        self.export_button.setEnabled(True)
        self.export_note.setProperty("error", False)
        self.export_note.setText(translate("ListPage", "已导出 {0} 条：{1}").format(result.rows, result.path))
        self.export_note.show()
        self.exported.emit(str(result.path))

    def _export_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.export_task = None
        self.export_button.setEnabled(True)
        self.export_note.setProperty("error", True)
        self.export_note.setText(translate("ListPage", "没有导出：{0}").format(describe_error(exc)))
        self.export_note.show()

    # -- columns, widths and sort, kept in the options (one of each per list kind) -------------------------
    def _restore_view_settings(self) -> None:
        header = self.view.horizontalHeader()
        self._restoring = True
        try:
            widths = options.list_widths.of(self.kind).get()
            hidden = options.list_hidden.of(self.kind).get()
            for i, column in enumerate(self.model.columns):
                header.resizeSection(i, int(widths.get(column.key, self.default_width(column))))
                hide = (column.key in hidden) if hidden is not None else not column.visible
                self.view.setColumnHidden(i, hide)
            keys = column_keys(self.kind)
            key, descending = opening_sort(self.kind)
            self.model.sort(keys.index(key), Qt.SortOrder.DescendingOrder if descending
                            else Qt.SortOrder.AscendingOrder)
            header.setSortIndicator(keys.index(key), Qt.SortOrder.DescendingOrder if descending
                                    else Qt.SortOrder.AscendingOrder)
            self.view.setSortingEnabled(True)
        finally:
            self._restoring = False

    def _on_section_resized(self, index: int, _old: int, new: int) -> None:
        if self._restoring or new <= 0:
            return  # hiding a column resizes it to 0: keep its last width
        option = options.list_widths.of(self.kind)
        widths = option.get()
        widths[self.model.columns[index].key] = new
        option.set(widths)

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if self._restoring or not 0 <= column < len(self.model.columns):
            return
        options.list_sort.of(self.kind).set(
            (self.model.columns[column].key, order == Qt.SortOrder.DescendingOrder))

    def default_width(self, column) -> int:
        """A column's width before the user sets one: ``Column.width`` is in pixels
        at a 13-pixel Chinese character, scaled to the font the table has."""
        glyph = self.view.fontMetrics().horizontalAdvance("中")
        return max(round(column.width * max(glyph, 1) / 13), self.text_width(column))

    def text_width(self, column) -> int:
        """The width a 编号 or 阶段 column needs to show its title and texts whole (0: others)."""
        if column.key not in FIT_COLUMNS:
            return 0
        cells = self.view.fontMetrics()
        text = max((cells.horizontalAdvance(t) for t in self.model.whole_texts(column.key)), default=0)
        # the item padding of the style sheet (6 px a side) and the style's text margins
        margin = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        width = text + 12 + 2 * margin + 4
        if column.key == "number" and self.model.has_locked_rows():
            width += (self.view.iconSize().width() if self.view.iconSize().width() > 0 else 16) + 6
        bold = QFont(self.view.horizontalHeader().font())
        bold.setBold(True)   # the header's titles are bold (style sheet)
        title = self.model.headerData(self.model.column_of(column.key), Qt.Orientation.Horizontal) or ""
        # title, padding and the sort arrow beside it
        return max(width, QFontMetrics(bold).horizontalAdvance(title) + 12 + 2 * margin + 20)

    def _fit_text_columns(self) -> None:
        """Widen 编号 and 阶段 to the texts loaded, unless the user set their width."""
        saved = options.list_widths.of(self.kind).get()
        header = self.view.horizontalHeader()
        self._restoring = True
        try:
            for i, column in enumerate(self.model.columns):
                if column.key in FIT_COLUMNS and column.key not in saved and not self.view.isColumnHidden(i):
                    need = self.text_width(column)
                    if header.sectionSize(i) < need:
                        header.resizeSection(i, need)
        finally:
            self._restoring = False

    def column_widths(self) -> dict[str, int]:
        header = self.view.horizontalHeader()
        return {c.key: header.sectionSize(i) for i, c in enumerate(self.model.columns)}

    def hidden_columns(self) -> list[str]:
        return [c.key for i, c in enumerate(self.model.columns) if self.view.isColumnHidden(i)]

    def set_column_visible(self, key: str, visible: bool) -> None:
        i = self.model.column_of(key)
        shown = [j for j in range(len(self.model.columns)) if not self.view.isColumnHidden(j)]
        if not visible and shown == [i]:
            return  # keep at least one column
        self.view.setColumnHidden(i, not visible)
        if visible and self.view.columnWidth(i) <= 0:
            self.view.setColumnWidth(i, self.default_width(self.model.columns[i]))
        options.list_hidden.of(self.kind).set(self.hidden_columns())

    def reset_columns(self) -> None:
        for option in (options.list_widths, options.list_hidden):
            option.of(self.kind).reset()
        self._restoring = True
        try:
            header = self.view.horizontalHeader()
            for i, column in enumerate(self.model.columns):
                self.view.setColumnHidden(i, not column.visible)
                header.resizeSection(i, self.default_width(column))
        finally:
            self._restoring = False

    def _column_menu(self, pos) -> None:
        menu = self.column_menu()
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()

    def column_menu(self) -> QMenu:
        """The header's context menu: a tick per column, and 恢复默认列."""
        menu = QMenu(self)
        menu.setTitle(translate("ListPage", "显示的列"))
        for i, column in enumerate(self.model.columns):
            action = menu.addAction(self.model.headerData(i, Qt.Orientation.Horizontal,
                                                          Qt.ItemDataRole.DisplayRole)
                                    or translate("ListColumns", column.title))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(i))
            action.setData(column.key)
        menu.addSeparator()
        menu.addAction(translate("ListPage", "恢复默认列")).setData("")
        menu.triggered.connect(self._on_column_action)
        return menu

    def _on_column_action(self, action: QAction) -> None:
        key = action.data()
        if key:
            self.set_column_visible(key, action.isChecked())
        else:
            self.reset_columns()


def _options_of_page(page_ref, key: str):
    page = page_ref()
    return page._options_of(key) if page is not None else ([], None)


def opening_sort(kind: str) -> tuple[str, bool]:
    """(column key, descending) a list of ``kind`` opens in: the one remembered
    (``options.list_sort``), else the list's default."""
    sort = options.list_sort.of(kind).get()
    if sort and sort[0] in column_keys(kind):
        return sort[0], bool(sort[1])
    return DEFAULT_SORT[kind]


def opening_query(kind: str) -> ListQuery:
    """The query a list of ``kind`` opens with: no search, no filter, its opening order
    (what ``ListPage.current_query`` gives when the page is made)."""
    key, descending = opening_sort(kind)
    return ListQuery(kind, sort=key, descending=descending)

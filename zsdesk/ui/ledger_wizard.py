"""导入Excel台账: a county's existing ledgers brought in whole, step by step.

1. 选择文件 — one or several workbooks (.xlsx/.xls/.ods), and the unit when the
   ledgers do not name it;
2. 工作表 — every sheet that holds a ledger, its kind (拜访 / 在谈项目 / 签约项目)
   as recognised, changeable, and whether to import it;
3. 列对应 — each column of a sheet and the item it is read as, editable; the
   mapping is remembered for that layout of header;
4. 待确认 — what the site does not know yet: new 招商人员 (created on
   confirmation), new companies, industry names matched to the catalogue with
   the proposed match and a choice (another, or leave empty);
5. 预览 — every row's fate (新建 / 更新 / 无变化 / 拒绝 with column and reason / 跳过);
6. 导入 — one transaction with a progress bar; 取消 stops it and nothing is written.

Everything that reads files or the database runs on the task runner through
``zsdesk.app.ledger_import``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QProgressBar, QPushButton, QStackedWidget, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from zsdesk.app.ledger_import import (
    ImportCheck, ImportChoices, SheetInfo, check_import, field_choices, kind_choices, read_files, remap_sheet,
    run_import,
)
from zsdesk.app.reference import list_units
from zsdesk.ui.models import RowsModel
from zsdesk.ui.tasks import TaskRunner, describe_error, runner_for

WARN = QColor("#B3261E")
GOOD = QColor("#1E6B34")
CHANGED = QColor("#1F4E8C")
MUTED = QColor("#6B7A8F")

FILES, SHEETS, MAPPING, PROPOSALS, PREVIEW, IMPORT = range(6)


class FateModel(RowsModel):
    """Every row of every sheet and its fate."""

    FILE, SHEET, ROW, FATE, RECORD, COLUMN, REASON = range(7)
    NUMERIC = frozenset({ROW})

    def __init__(self, parent=None):
        super().__init__([], parent)
        self.headers = [self.tr("文件"), self.tr("工作表"), self.tr("行号"), self.tr("结果"), self.tr("记录"),
                        self.tr("列"), self.tr("原因或说明")]

    def text(self, r, column: int) -> str:
        if column == self.FILE:
            return r.file
        if column == self.SHEET:
            return r.sheet
        if column == self.ROW:
            return str(r.row)
        if column == self.FATE:
            return r.fate_label
        if column == self.RECORD:
            return r.label
        if column == self.COLUMN:
            return "、".join(dict.fromkeys(c for c, _ in r.problems if c))
        if r.problems:
            return "；".join(reason for _, reason in r.problems)
        return "；".join(r.notes)

    def foreground(self, r, column: int):
        if column == self.FATE:
            return {"refused": WARN, "created": GOOD, "updated": CHANGED}.get(r.fate, MUTED)
        if column == self.REASON and r.fate == "refused":
            return WARN
        return MUTED if r.fate in ("skipped", "unchanged") else None


class LedgerImportWizard(QDialog):
    """The import wizard. ``imported`` is emitted after rows were written."""

    imported = Signal(object)   # the ImportCheck of the import

    def __init__(self, ws, tasks: TaskRunner | None = None, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks or runner_for(parent)
        self.paths: list[str] = []
        self.sheets: list[SheetInfo] = []
        self.skipped: tuple[str, ...] = ()
        self.included: list[bool] = []
        self.edits: dict[int, dict[int, str | None]] = {}   # sheet -> column index -> field (by hand)
        self.proposals: ImportCheck | None = None
        self.check: ImportCheck | None = None
        self.outcome: ImportCheck | None = None
        self.task = None
        self.setWindowTitle(self.tr("导入Excel台账"))
        self.resize(980, 640)

        box = QVBoxLayout(self)
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-weight: bold;")
        box.addWidget(self.step_label)
        self.stack = QStackedWidget()
        box.addWidget(self.stack, 1)
        for build in (self._files_page, self._sheets_page, self._mapping_page, self._proposals_page,
                      self._preview_page, self._import_page):
            self.stack.addWidget(build())
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        box.addWidget(self.error_label)
        self.progress = QProgressBar()
        self.progress.hide()
        box.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.back_button = QPushButton(self.tr("< 上一步"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("下一步 >"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        for b in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(b)
        box.addLayout(buttons)
        self._show(FILES)
        self._run(list_units, self.ws, title=self.tr("读取招商单元"), write=False, progress=False,
                  on_done=self._units_loaded)

    # -- pages ------------------------------------------------------------------------------------
    def _files_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        note = QLabel(self.tr("选择一个或几个台账工作簿（.xlsx、.xls、.ods）。每个工作表的台账类型和各列会自动识别，"
                              "下一步可以查看和修改。"))
        note.setWordWrap(True)
        box.addWidget(note)
        self.file_list = QListWidget()
        box.addWidget(self.file_list, 1)
        line = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("添加文件…"))
        self.add_files_button.clicked.connect(self.add_files)
        self.remove_file_button = QPushButton(self.tr("移除所选"))
        self.remove_file_button.clicked.connect(self.remove_file)
        line.addWidget(self.add_files_button)
        line.addWidget(self.remove_file_button)
        line.addStretch(1)
        line.addWidget(QLabel(self.tr("台账中没有“招商单元”列时导入到：")))
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(self.tr("（按台账或本站点）"), None)
        line.addWidget(self.unit_combo)
        box.addLayout(line)
        return page

    def _sheets_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.sheets_table = QTableWidget(0, 6)
        self.sheets_table.setHorizontalHeaderLabels([self.tr("导入"), self.tr("文件"), self.tr("工作表"),
                                                     self.tr("台账类型"), self.tr("数据行"), self.tr("说明")])
        self.sheets_table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.sheets_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        box.addWidget(self.sheets_table, 1)
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        box.addWidget(self.skipped_label)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("工作表：")))
        self.mapping_sheet_combo = QComboBox()
        self.mapping_sheet_combo.currentIndexChanged.connect(self._fill_mapping)
        line.addWidget(self.mapping_sheet_combo, 1)
        box.addLayout(line)
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        box.addWidget(self.mapping_note)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("列"), self.tr("台账表头"), self.tr("导入为")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.mapping_table, 1)
        return page

    def _proposals_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.new_staff_check = QCheckBox(self.tr("新建以下招商人员（人员名单中还没有的包保责任人、记录人、我方人员）"))
        self.new_staff_check.setChecked(True)
        box.addWidget(self.new_staff_check)
        self.staff_list = QListWidget()
        self.staff_list.setMaximumHeight(110)
        box.addWidget(self.staff_list)
        box.addWidget(QLabel(self.tr("将新建的企业：")))
        self.company_list = QListWidget()
        self.company_list.setMaximumHeight(110)
        box.addWidget(self.company_list)
        box.addWidget(QLabel(self.tr("产业目录中没有的产业名称（可改选，或留空）：")))
        self.industry_table = QTableWidget(0, 4)
        self.industry_table.setHorizontalHeaderLabels([self.tr("台账写法"), self.tr("行数"), self.tr("建议对应"),
                                                       self.tr("导入为")])
        self.industry_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.industry_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        box.addWidget(self.summary_label)
        self.fates = FateModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.fates)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_view.horizontalHeader().setSectionResizeMode(FateModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.preview_view.verticalHeader().hide()
        box.addWidget(self.preview_view, 1)
        return page

    def _import_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.import_label = QLabel()
        self.import_label.setWordWrap(True)
        box.addWidget(self.import_label)
        self.stop_button = QPushButton(self.tr("取消导入"))
        self.stop_button.setToolTip(self.tr("停止导入，不写入任何内容"))
        self.stop_button.clicked.connect(self.stop_import)
        box.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result_view = QTableView()   # every row's fate after the import (the refused ones to fix)
        self.result_view.setModel(self.fates)
        self.result_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.result_view.horizontalHeader().setSectionResizeMode(FateModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.result_view.verticalHeader().hide()
        self.result_view.hide()
        box.addWidget(self.result_view, 1)
        return page

    # -- moving between steps ---------------------------------------------------------------------
    def _show(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        titles = [self.tr("1. 选择文件"), self.tr("2. 工作表和台账类型"), self.tr("3. 列对应"),
                  self.tr("4. 待确认：新人员、新企业、产业对应"), self.tr("5. 预览：每一行的结果"), self.tr("6. 导入")]
        self.step_label.setText(titles[step])
        self.error_label.hide()
        self._buttons()

    def step(self) -> int:
        return self.stack.currentIndex()

    def _buttons(self) -> None:
        step, busy = self.step(), self.task is not None
        self.back_button.setEnabled(not busy and FILES < step < IMPORT)
        self.next_button.setVisible(step < IMPORT)
        self.next_button.setText(self.tr("导入") if step == PREVIEW else self.tr("下一步 >"))
        self.next_button.setEnabled(not busy and (step != FILES or bool(self.paths)))
        self.stop_button.setVisible(step == IMPORT and busy)
        self.cancel_button.setText(self.tr("关闭") if step == IMPORT and not busy else self.tr("取消"))
        self.cancel_button.setEnabled(not (step == IMPORT and busy))

    def back(self) -> None:
        if self.task is None and self.step() > FILES:
            self._show(self.step() - 1)

    def next(self) -> None:
        if self.task is not None:
            return
        step = self.step()
        if step == FILES:
            self._run(read_files, self.ws, list(self.paths), title=self.tr("读取台账"), write=False,
                      on_done=self._files_read)
        elif step == SHEETS:
            if not self.chosen():
                self._error(self.tr("请至少勾选一个要导入的工作表。"))
                return
            self._fill_mapping_sheets()
            self._show(MAPPING)
        elif step == MAPPING:
            self._apply_mapping_edits()
        elif step == PROPOSALS:
            self._run(check_import, self.ws, tuple(self.chosen()), self.choices(), self.unit_code(),
                      title=self.tr("预览台账"), write=False, on_done=self._checked)
        elif step == PREVIEW:
            self._show(IMPORT)
            self.import_label.setText(self.tr("正在导入…（可以取消：取消后不写入任何内容）"))
            self._run(run_import, self.ws, tuple(self.chosen()), self.choices(), self.unit_code(),
                      title=self.tr("导入台账"), write=True, cancellable=True, on_done=self._imported,
                      on_cancel=self._import_cancelled)

    def cancel(self) -> None:
        if self.task is not None and self.step() != IMPORT:
            self.task.cancel()
        if self.outcome is None:
            self.reject()
        else:
            self.accept()

    def stop_import(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # -- running tasks ----------------------------------------------------------------------------
    def _run(self, fn, *args, title: str, on_done, write: bool, progress: bool = True, cancellable: bool = False,
             on_cancel=None, on_failed=None) -> None:
        self.error_label.hide()

        def done(result, on_done=on_done):
            self._finished()
            on_done(result)

        def failed(exc):
            self._finished()
            self._error(describe_error(exc))
            if self.step() == IMPORT:
                self.import_label.setText(self.tr("导入失败，没有写入任何内容。"))
            if on_failed is not None:
                on_failed()

        def stopped():
            self._finished()
            if on_cancel is not None:
                on_cancel()

        task = self.tasks.run(fn, *args, title=title, on_done=done, on_error=failed, on_cancel=stopped,
                              write=write, progress=progress, cancellable=cancellable or not write)
        if progress:
            self.task = task
            self.progress.setRange(0, 0)
            self.progress.show()
            task.progressed.connect(self._progressed)
        self._buttons()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def _finished(self) -> None:
        self.task = None
        self.progress.hide()
        self._buttons()

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # -- step 1: files ------------------------------------------------------------------------------
    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择台账工作簿"), "",
                                                self.tr("Excel或WPS表格 (*.xlsx *.xlsm *.xls *.ods)"))
        for path in paths:
            if path and path not in self.paths:
                self.paths.append(path)
                self.file_list.addItem(path)
        self._buttons()

    def remove_file(self) -> None:
        row = self.file_list.currentRow()
        if row >= 0:
            self.file_list.takeItem(row)
            del self.paths[row]
        self._buttons()

    def _units_loaded(self, units) -> None:
        for u in units:
            self.unit_combo.addItem(f"{u.name}（{u.code}）", u.code)

    def unit_code(self) -> str | None:
        return self.unit_combo.currentData()

    def _files_read(self, read) -> None:
        self.sheets = list(read.sheets)
        self.skipped = read.skipped
        self.included = [True] * len(self.sheets)
        self.edits = {}
        self._fill_sheets()
        self._show(SHEETS)

    # -- step 2: sheets and kinds -----------------------------------------------------------------------
    def _fill_sheets(self) -> None:
        t = self.sheets_table
        t.setRowCount(len(self.sheets))
        kinds = kind_choices()
        for r, sheet in enumerate(self.sheets):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if self.included[r] else Qt.CheckState.Unchecked)
            t.setItem(r, 0, check)
            for c, text in ((1, sheet.file), (2, sheet.sheet), (4, str(sheet.rows))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                t.setItem(r, c, item)
            combo = QComboBox()
            for kind, label in kinds:
                combo.addItem(label, kind)
            combo.setCurrentIndex(combo.findData(sheet.kind))
            combo.currentIndexChanged.connect(lambda _i, r=r, combo=combo: self._kind_changed(r, combo.currentData()))
            t.setCellWidget(r, 3, combo)
            notes = []
            if sheet.kind_detected:
                notes.append(self.tr("类型自动识别"))
            if sheet.remembered:
                notes.append(self.tr("列对应沿用上次"))
            notes += list(sheet.notes)
            item = QTableWidgetItem("；".join(notes))
            item.setToolTip("\n".join(notes))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            t.setItem(r, 5, item)
        t.resizeColumnsToContents()
        t.itemChanged.connect(self._included_changed, Qt.ConnectionType.UniqueConnection)
        self.skipped_label.setText(self.tr("不导入的工作表：{0}").format("；".join(self.skipped))
                                   if self.skipped else "")

    def _included_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0 and item.row() < len(self.included):
            self.included[item.row()] = item.checkState() == Qt.CheckState.Checked

    def chosen(self) -> list[SheetInfo]:
        return [s for s, on in zip(self.sheets, self.included) if on]

    def _kind_changed(self, row: int, kind: str) -> None:
        if self.sheets[row].kind == kind:
            return

        def done(sheet, row=row):
            self.sheets[row] = sheet
            self.edits.pop(row, None)
            self._fill_sheets()

        self._run(remap_sheet, self.ws, self.sheets[row], kind, title=self.tr("按所选类型重新读取"), write=False,
                  on_done=done, on_failed=self._fill_sheets)   # refused: the sheet keeps its kind

    # -- step 3: the column mapping ------------------------------------------------------------------
    def _fill_mapping_sheets(self) -> None:
        combo = self.mapping_sheet_combo
        combo.blockSignals(True)
        combo.clear()
        for i, (sheet, on) in enumerate(zip(self.sheets, self.included)):
            if on:
                combo.addItem(f"{sheet.file} · {sheet.sheet}（{sheet.kind_label}）", i)
        combo.blockSignals(False)
        self._fill_mapping()

    def _fill_mapping(self) -> None:
        index = self.mapping_sheet_combo.currentData()
        t = self.mapping_table
        if index is None:
            t.setRowCount(0)
            return
        sheet = self.sheets[index]
        edits = self.edits.get(index, {})
        self.mapping_note.setText(
            self.tr("表头在第{0}行。").format("、".join(map(str, sheet.header_rows))) +
            (self.tr("这种表头的列对应沿用上次导入时的设置。") if sheet.remembered else "") +
            self.tr("修改后会记住，下次导入同样表头的台账时沿用。"))
        choices = field_choices(sheet.kind)
        t.setRowCount(len(sheet.columns))
        for r, col in enumerate(sheet.columns):
            item = QTableWidgetItem(_column_letter(col.index))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            t.setItem(r, 0, item)
            item = QTableWidgetItem(col.header)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            t.setItem(r, 1, item)
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), None)
            for fld, label in choices:
                combo.addItem(label, fld)
            current = edits.get(col.index, col.field)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.currentIndexChanged.connect(
                lambda _i, sheet_index=index, column=col.index, combo=combo:
                self.edits.setdefault(sheet_index, {}).__setitem__(column, combo.currentData()))
            t.setCellWidget(r, 2, combo)
        t.resizeColumnToContents(0)

    def mapping_combo(self, header: str) -> QComboBox | None:
        """The 导入为 combo of the column headed ``header`` on the shown sheet (tests, keyboard users)."""
        for r in range(self.mapping_table.rowCount()):
            item = self.mapping_table.item(r, 1)
            if item is not None and item.text() == header:
                widget = self.mapping_table.cellWidget(r, 2)
                return widget if isinstance(widget, QComboBox) else None
        return None

    def _apply_mapping_edits(self) -> None:
        changed = {i: m for i, m in self.edits.items()
                   if any(self._field_of(i, c) != f for c, f in m.items())}
        if not changed:
            self._propose()
            return
        sheets = {i: self.sheets[i] for i in changed}

        def remap_all(ws, sheets=sheets, changed=changed):
            return {i: remap_sheet(ws, s, None, changed[i]) for i, s in sheets.items()}

        def done(remapped):
            for i, sheet in remapped.items():
                self.sheets[i] = sheet
                self.edits.pop(i, None)
            self._propose()

        self._run(remap_all, self.ws, title=self.tr("按新的列对应重新读取"), write=False, on_done=done)

    def _field_of(self, sheet_index: int, column: int) -> str | None:
        for col in self.sheets[sheet_index].columns:
            if col.index == column:
                return col.field
        return None

    # -- step 4: proposals ---------------------------------------------------------------------------
    def _propose(self) -> None:
        self._run(check_import, self.ws, tuple(self.chosen()), ImportChoices(), self.unit_code(),
                  title=self.tr("检查台账"), write=False, on_done=self._proposed)

    def _proposed(self, check: ImportCheck) -> None:
        self.proposals = check
        self.staff_list.clear()
        for name, unit in check.new_staff:
            self.staff_list.addItem(f"{name}（{unit}）")
        self.new_staff_check.setEnabled(bool(check.new_staff))
        self.company_list.clear()
        self.company_list.addItems(list(check.new_companies))
        t = self.industry_table
        t.setRowCount(len(check.industries))
        for r, m in enumerate(check.industries):
            for c, text in ((0, m.text), (1, str(m.rows)),
                            (2, f"{m.proposed_name}（{self.tr('相似度')}{m.score}）" if m.proposed_name
                             else self.tr("目录中没有相近的产业"))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                t.setItem(r, c, item)
            combo = QComboBox()
            combo.addItem(self.tr("（留空）"), None)
            for iid, name in check.catalogue:
                combo.addItem(name, iid)
            combo.setCurrentIndex(max(0, combo.findData(m.chosen_id)) if m.chosen_id else 0)
            t.setCellWidget(r, 3, combo)
        t.resizeColumnsToContents()
        self._show(PROPOSALS)

    def industry_combo(self, text: str) -> QComboBox | None:
        for r in range(self.industry_table.rowCount()):
            item = self.industry_table.item(r, 0)
            if item is not None and item.text() == text:
                widget = self.industry_table.cellWidget(r, 3)
                return widget if isinstance(widget, QComboBox) else None
        return None

    def choices(self) -> ImportChoices:
        industries = []
        for r in range(self.industry_table.rowCount()):
            item, combo = self.industry_table.item(r, 0), self.industry_table.cellWidget(r, 3)
            if item is not None and isinstance(combo, QComboBox):
                industries.append((item.text(), combo.currentData()))
        return ImportChoices(new_staff=self.new_staff_check.isChecked(), industries=tuple(industries))

    # -- step 5: preview -------------------------------------------------------------------------------
    def _summary(self, check: ImportCheck) -> str:
        parts = [f"{label}{n}{self.tr('行')}" for label, n in check.counts]
        return "、".join(parts) or self.tr("没有数据行")

    def _checked(self, check: ImportCheck) -> None:
        self.check = check
        self.fates.set_rows(check.rows)
        self.preview_view.resizeColumnsToContents()
        refused = sum(1 for r in check.rows if r.fate == "refused")
        text = self.tr("预览（尚未写入）：{0}。").format(self._summary(check))
        if refused:
            text += self.tr("被拒绝的行不导入，其余各行导入；可按列出的行号和原因修改台账后再导入这些行。")
        self.summary_label.setText(text)
        self._show(PREVIEW)
        self.next_button.setEnabled(any(r.fate in ("created", "updated") for r in check.rows))

    # -- step 6: import ----------------------------------------------------------------------------------
    def _imported(self, check: ImportCheck) -> None:
        self.outcome = check
        self.fates.set_rows(check.rows)
        refused = sum(1 for r in check.rows if r.fate == "refused")
        if check.applied:
            text = self.tr("已导入：{0}。").format(self._summary(check))
            if refused:
                text += self.tr("被拒绝的{0}行没有导入：请按下面列出的行号、列和原因修改台账后再导入。").format(refused)
            self.import_label.setText(text)
            self.imported.emit(check)
        else:
            self.import_label.setText(self.tr("没有需要写入的内容：{0}。").format(self._summary(check)))
        self.result_view.show()
        for c in range(FateModel.REASON):   # as the preview showed them; the reason takes the rest
            self.result_view.setColumnWidth(c, self.preview_view.columnWidth(c))
        self._buttons()

    def _import_cancelled(self) -> None:
        self.import_label.setText(self.tr("已取消导入，没有写入任何内容。"))
        self._buttons()

    def done(self, result: int) -> None:   # a closed wizard stops its reads (an import finishes or is cancelled)
        if self.task is not None and self.step() != IMPORT:
            self.task.cancel()
        super().done(result)


def _column_letter(index: int) -> str:
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

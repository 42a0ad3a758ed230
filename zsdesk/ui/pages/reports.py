"""统计与简报: the PDF 简报 and the Excel 台账 (docs/DOMAIN.md#reports).

- 简报: kind (周报 … 年报) and period (by default the last complete one), the
  unit (the city: the whole city's numbered brief, or one unit's 预检稿; a
  county: its own unit's 预检稿) and the 下一步工作 text (the city's: stored
  with the brief's settings). "生成简报" makes the PDF in the background with a
  progress bar; then "打开". "打印…" makes it the same way, into a temporary
  file, and prints it on the printer chosen in the print dialog
  (``zsdesk.ui.printing``). "简报设置…" opens the 报头/报尾 settings and this
  brief's 期号 (``zsdesk.ui.forms.brief_settings``); the number the brief will
  print is shown beside the period.
- 台账导出: a ledger (拜访, 在谈, 签约) or the statistics workbook for a year and a
  unit, as .xlsx, then "打开".
- 台账导入: "导入Excel台账…" opens the import wizard (``zsdesk.ui.ledger_wizard``,
  the same as 文件 › 导入Excel台账…): several workbooks, each sheet's kind and
  columns, the proposals, every row's fate, one cancellable transaction. The
  page says what the last import wrote.

The page calls ``zsdesk.app.reports`` (the wizard ``zsdesk.app.ledger_import``);
every file and database operation runs in the window's ``TaskRunner``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton,
    QVBoxLayout, QWidget,
)

from zsdesk.app import ValidationError
from zsdesk.app.reports import (
    BRIEF_STEPS, TEXT_MAX, BriefSettings, ReportsData, export_ledger, load_brief_settings, load_reports,
    make_brief_file, recent_periods,
)
from zsdesk.ui import options, printing
from zsdesk.ui.ledger_wizard import LedgerImportWizard
from zsdesk.ui.tasks import describe_error
from zsdesk.ui.widgets.page import error_banner, panel, scrolling_body
from zsdesk.ui.widgets.files import open_in_system

#: how many periods of each kind the period list offers (the running one included)
PERIODS_SHOWN = {"weekly": 27, "monthly": 25, "bimonthly": 13, "quarterly": 9, "halfyear": 6, "yearly": 6}

KIND_NAMES = {
    "weekly": QT_TRANSLATE_NOOP("ReportsPage", "周报"),
    "monthly": QT_TRANSLATE_NOOP("ReportsPage", "月报"),
    "bimonthly": QT_TRANSLATE_NOOP("ReportsPage", "双月报"),
    "quarterly": QT_TRANSLATE_NOOP("ReportsPage", "季报"),
    "halfyear": QT_TRANSLATE_NOOP("ReportsPage", "半年报"),
    "yearly": QT_TRANSLATE_NOOP("ReportsPage", "年报"),
}
LEDGER_NAMES = {
    "visits": QT_TRANSLATE_NOOP("ReportsPage", "拜访企业台账"),
    "leads": QT_TRANSLATE_NOOP("ReportsPage", "在谈项目台账"),
    "projects": QT_TRANSLATE_NOOP("ReportsPage", "签约项目台账"),
    "stats": QT_TRANSLATE_NOOP("ReportsPage", "主要指标统计表"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("ReportsPage", text)


def print_file(path: str, printer, report, task) -> int:
    """The task that prints a made brief (``zsdesk.ui.printing.print_pdf``), stopping when cancelled."""
    return printing.print_pdf(path, printer, report=report, cancelled=lambda: task.cancelled)


# --- the page -----------------------------------------------------------------------------------------

class ReportsPage(QWidget):
    """统计与简报."""

    loaded = Signal()
    brief_made = Signal(object)        # BriefResult
    brief_printed = Signal(int)        # pages sent to the printer
    settings_loaded = Signal(object)   # BriefSettings of the chosen kind and period
    ledger_exported = Signal(object)   # ledgers.ExportResult
    ledger_imported = Signal(object)   # app.ledger_import.ImportCheck of an import the wizard wrote
    #: the database changed through this page (a ledger import)
    data_changed = Signal()

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.data: ReportsData | None = None
        self.brief_result = None
        self.ledger_wizard: LedgerImportWizard | None = None
        self._text_loaded_for: tuple[str, str] | None = None
        self._text_edited = False
        self.brief_settings: BriefSettings | None = None   # of the chosen kind and period
        self.settings_dialog = None
        self._print_folder: str | None = None              # the temporary PDF being printed
        self._build()
        self.refresh()

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.setStyleSheet("QLabel#okNote { color: #1E6B34; }")
        self.scroll_area, box = scrolling_body(self)
        box.setSpacing(12)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(QLabel(self.tr("统计与简报"), objectName="pageTitle"))
        self.scope_label = QLabel(objectName="pageNote")
        head.addWidget(self.scope_label, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        box.addLayout(head)
        self.load_error = error_banner()
        box.addWidget(self.load_error)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self._build_brief_panel(), 3)
        row.addWidget(self._build_export_panel(), 2)
        box.addLayout(row)
        box.addWidget(self._build_import_panel())
        box.addStretch(1)

    def _panel(self, title: str, note: str = "") -> tuple[QFrame, QVBoxLayout]:
        return panel(title, note)

    def _note(self, name: str = "sectionNote") -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _bar(self) -> QProgressBar:
        bar = QProgressBar()
        bar.setTextVisible(False)
        bar.setMaximumHeight(max(8, QFontMetrics(self.font()).height() // 2))
        bar.hide()
        return bar

    def _build_brief_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("简报（PDF）"), self.tr("报头、指标、排名、项目清单和下一步工作，A4 版式"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.kind_combo = QComboBox()
        for kind, name in KIND_NAMES.items():
            self.kind_combo.addItem(_t(name), kind)
        self.kind_combo.setCurrentIndex(1)     # 月报
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.period_combo = QComboBox()
        self.period_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.unit_combo = QComboBox()
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit_combo.currentIndexChanged.connect(self._show_issue)
        grid.addWidget(QLabel(self.tr("种类")), 0, 0)
        grid.addWidget(self.kind_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("期间")), 0, 2)
        grid.addWidget(self.period_combo, 0, 3)
        grid.addWidget(QLabel(self.tr("单元")), 1, 0)
        grid.addWidget(self.unit_combo, 1, 1, 1, 3)
        self.settings_button = QPushButton(self.tr("简报设置…"))
        self.settings_button.setToolTip(self.tr("简报名称、发文单位、密级、报送范围、印发份数、清单行数和本期期号"))
        self.settings_button.clicked.connect(self.open_settings)
        grid.addWidget(self.settings_button, 0, 4)
        self.issue_label = QLabel(objectName="sectionNote")
        grid.addWidget(self.issue_label, 1, 4)
        grid.setColumnStretch(3, 1)
        box.addLayout(grid)
        self.period_error = self._note("fieldError")
        box.addWidget(self.period_error)
        box.addWidget(QLabel(self.tr("下一步工作")))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(self.tr("每段一行，印在简报最后；留空则简报略去这一部分。"))
        self.text_edit.setFixedHeight(QFontMetrics(self.font()).height() * 5 + 16)
        self.text_edit.textChanged.connect(self._text_changed)
        box.addWidget(self.text_edit)
        self.text_note = self._note()
        box.addWidget(self.text_note)
        self.text_error = self._note("fieldError")
        box.addWidget(self.text_error)
        buttons = QHBoxLayout()
        self.make_brief_button = QPushButton(self.tr("生成简报…"))
        self.make_brief_button.setDefault(True)
        self.make_brief_button.clicked.connect(self.make_brief)
        self.print_brief_button = QPushButton(self.tr("打印…"))
        self.print_brief_button.setToolTip(self.tr("生成这期简报并送打印机（不另存文件）"))
        self.print_brief_button.clicked.connect(lambda: self.print_brief())
        self.open_brief_button = QPushButton(self.tr("打开"))
        self.open_brief_button.clicked.connect(self.open_brief)
        buttons.addWidget(self.make_brief_button)
        buttons.addWidget(self.print_brief_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_brief_button)
        box.addLayout(buttons)
        self.open_brief_button.hide()
        self.brief_bar = self._bar()
        box.addWidget(self.brief_bar)
        self.brief_status = self._note()
        box.addWidget(self.brief_status)
        self.brief_error = self._note("fieldError")
        box.addWidget(self.brief_error)
        box.addStretch(1)
        return panel

    def _build_export_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("台账导出（Excel）"), self.tr("按日常台账格式"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.ledger_kind_combo = QComboBox()
        for kind, name in LEDGER_NAMES.items():
            self.ledger_kind_combo.addItem(_t(name), kind)
        self.year_combo = QComboBox()
        self.ledger_unit_combo = QComboBox()
        self.ledger_unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        grid.addWidget(QLabel(self.tr("台账")), 0, 0)
        grid.addWidget(self.ledger_kind_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("年度")), 1, 0)
        grid.addWidget(self.year_combo, 1, 1)
        grid.addWidget(QLabel(self.tr("单元")), 2, 0)
        grid.addWidget(self.ledger_unit_combo, 2, 1)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)
        buttons = QHBoxLayout()
        self.export_ledger_button = QPushButton(self.tr("导出…"))
        self.export_ledger_button.clicked.connect(self.export_ledger)
        self.open_ledger_button = QPushButton(self.tr("打开"))
        self.open_ledger_button.clicked.connect(self.open_ledger)
        self.open_ledger_button.hide()
        buttons.addWidget(self.export_ledger_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_ledger_button)
        box.addLayout(buttons)
        self.export_bar = self._bar()
        box.addWidget(self.export_bar)
        self.export_status = self._note()
        box.addWidget(self.export_status)
        self.export_error = self._note("fieldError")
        box.addWidget(self.export_error)
        box.addStretch(1)
        self.exported_path: Path | None = None
        return panel

    def _build_import_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("台账导入（Excel）"),
                                 self.tr("一次可选多个工作簿（.xlsx .xls .ods）：识别工作表和台账种类，核对列对应，"
                                         "确认新的招商人员和产业，逐行预览后在一个事务中导入，可随时取消"))
        line = QHBoxLayout()
        self.import_wizard_button = QPushButton(self.tr("导入Excel台账…"))
        self.import_wizard_button.setToolTip(self.tr("与“文件 › 导入Excel台账…”相同"))
        self.import_wizard_button.clicked.connect(self.open_ledger_wizard)
        line.addWidget(self.import_wizard_button)
        line.addStretch(1)
        box.addLayout(line)
        self.import_status = self._note("okNote")
        self.import_status.setWordWrap(True)
        box.addWidget(self.import_status)
        return panel

    # -- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.tasks.run(load_reports, self.ws, title=self.tr("读取单元"), write=False, progress=False,
                       on_done=self._loaded, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.load_error.setText(self.tr("无法读取招商单元：{0}").format(describe_error(exc)))
        self.load_error.show()

    def _loaded(self, data: ReportsData) -> None:
        first = self.data is None
        self.data = data
        self.load_error.hide()
        self.scope_label.setText(self.tr("全市各招商单元") if data.is_city
                                 else self.tr("本站点：{0}").format("、".join(n for _c, n in data.units)))
        self._fill_units(data)
        if first:
            self._fill_periods()
            years = range(data.today.year, data.today.year - 5, -1)
            self.year_combo.clear()
            for year in years:
                self.year_combo.addItem(self.tr("{0}年").format(year), year)
            self.year_combo.addItem(self.tr("全部年度"), 0)
        self.text_edit.setReadOnly(not data.is_city)
        self.text_note.setText(self.tr("下一步工作由市级填写，随同步送达；县区预检稿中照印。") if not data.is_city
                               else self.tr("按种类和期间保存，再次生成同一期简报时沿用。"))
        self.text_note.show()
        self.loaded.emit()

    def _fill_units(self, data: ReportsData) -> None:
        def fill(combo: QComboBox, first: str | None, label) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if first is not None:
                combo.addItem(first, "")
            for code, name in data.units:
                combo.addItem(label(code, name), code)
            index = combo.findData(current) if current is not None else -1
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

        several = len(data.units) > 1
        if data.is_city:
            fill(self.unit_combo, self.tr("全市（正式简报，编期号）"),
                 lambda c, n: self.tr("{0} {1}（预检稿）").format(c, n))
            fill(self.ledger_unit_combo, self.tr("全部单元"), lambda c, n: f"{c} {n}")
        else:
            fill(self.unit_combo, None, lambda c, n: self.tr("{0} {1}（预检稿）").format(c, n))
            fill(self.ledger_unit_combo, self.tr("本站点全部单元") if several else None, lambda c, n: f"{c} {n}")

    def _fill_periods(self) -> None:
        if self.data is None:
            return
        kind = self.kind_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        default = 0
        for i, choice in enumerate(recent_periods(kind, self.data.today, PERIODS_SHOWN[kind])):
            label = self.period_text(kind, choice.start, choice.end)
            if not choice.complete:
                label = self.tr("{0}（截至今日）").format(label.split("（")[0])
            elif default == 0 and i > 0:
                default = i
            self.period_combo.addItem(f"{choice.code}　{label}", choice.code)
        self.period_combo.setCurrentIndex(default)   # the last complete period
        self.period_combo.blockSignals(False)
        self._period_changed()

    def period_text(self, kind: str, start, end) -> str:
        """A period in the interface's language (the brief itself prints the Chinese label)."""
        if kind == "weekly":
            return self.tr("{0}年第{1}周（{2}月{3}日—{4}月{5}日）").format(
                start.isocalendar()[0], start.isocalendar()[1], start.month, start.day, end.month, end.day)
        if kind == "monthly":
            month_name = QLocale(QLocale.Language.English).monthName(start.month)  # {2}: the English label's
            return self.tr("{0}年{1}月").format(start.year, start.month, month_name)
        if kind == "bimonthly":
            return self.tr("{0}年{1}—{2}月").format(start.year, start.month, end.month)
        if kind == "quarterly":
            return self.tr("{0}年第{1}季度").format(start.year, (start.month - 1) // 3 + 1)
        if kind == "halfyear":
            return self.tr("{0}年上半年").format(start.year) if start.month <= 6 else \
                self.tr("{0}年下半年").format(start.year)
        return self.tr("{0}年").format(start.year)

    def _kind_changed(self, _index: int) -> None:
        self._fill_periods()

    def period(self) -> tuple[str, str]:
        return self.kind_combo.currentData(), self.period_combo.currentData()

    def set_period(self, kind: str, code: str) -> None:
        """Choose a kind and a period (for tests and for a caller that knows what it wants)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        index = self.period_combo.findData(code)
        if index < 0:
            raise ValueError(f"period {code} is not offered for {kind}")
        self.period_combo.setCurrentIndex(index)

    def _period_changed(self, *_args) -> None:
        kind, code = self.period()
        if not code:
            return
        self.period_error.hide()
        self.brief_error.hide()
        self.brief_settings = None
        self._show_issue()
        self.tasks.run(load_brief_settings, self.ws, kind, code, title=self.tr("读取简报设置"), write=False,
                       progress=False, on_done=lambda settings: self._show_settings(kind, code, settings),
                       on_error=self._settings_failed)

    def _show_settings(self, kind: str, code: str, settings: BriefSettings) -> None:
        """The chosen brief's 下一步工作 text and 期号, read for ``kind`` and ``code``."""
        if self.period() != (kind, code):
            return   # the user has moved on
        self.brief_settings = settings
        self._show_issue()
        self._show_text(kind, code, settings.text)
        self.settings_loaded.emit(settings)

    def _settings_failed(self, exc: BaseException) -> None:
        self.brief_error.setText(self.tr("无法读取简报设置：{0}").format(describe_error(exc)))
        self.brief_error.show()

    def _show_issue(self, *_args) -> None:
        """Beside the period: the number this brief will print, and whose it is."""
        settings = self.brief_settings
        if settings is None:
            self.issue_label.setText("")
        elif not settings.is_city or self.unit_combo.currentData():
            self.issue_label.setText(self.tr("预检稿，不编期号"))
        elif settings.issue == settings.calendar_issue:
            self.issue_label.setText(self.tr("第{0}期（按日历）").format(settings.issue))
        else:
            self.issue_label.setText(self.tr("第{0}期（市级设定）").format(settings.issue))

    def _show_text(self, kind: str, code: str, text: str) -> None:
        if self.period() != (kind, code):
            return   # the user has moved on
        self.text_edit.blockSignals(True)
        self.text_edit.setPlainText(text)
        self.text_edit.blockSignals(False)
        self._text_loaded_for = (kind, code)
        self._text_edited = False

    def open_settings(self):
        """简报设置 for the chosen kind and period (non-modal; returns the dialog)."""
        from zsdesk.ui.forms.brief_settings import BriefSettingsDialog

        kind, code = self.period()
        if not code:
            return None
        if self.settings_dialog is not None:
            self.settings_dialog.close()
        dialog = BriefSettingsDialog(self.ws, kind, code, _t(KIND_NAMES[kind]), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.saved.connect(lambda settings: self._settings_saved(kind, code, settings))
        dialog.destroyed.connect(lambda *_: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.show()
        return dialog

    def _settings_saved(self, kind: str, code: str, settings: BriefSettings) -> None:
        if self.period() == (kind, code):
            self.brief_settings = settings
            self._show_issue()
        self.brief_status.setObjectName("okNote")
        _repolish(self.brief_status)
        self.brief_status.setText(self.tr("简报设置已保存，下次生成或打印时使用。"))
        self.brief_status.show()

    def _text_changed(self) -> None:
        self._text_edited = True
        self.text_error.hide()

    # -- the brief -------------------------------------------------------------------------------------
    def check_brief(self) -> str | None:
        """The problem with the brief's choices, in words (None: fine)."""
        kind, code = self.period()
        if not code:
            return self.tr("请选择期间")
        if self.unit_combo.count() == 0:
            return self.tr("本站点没有招商单元，无法生成预检稿")
        if len(self.text_edit.toPlainText()) > TEXT_MAX:
            return self.tr("下一步工作不能超过{0}字").format(TEXT_MAX)
        return None

    def _default_brief_name(self) -> str:
        kind, code = self.period()
        unit = self.unit_combo.currentData()
        kind_name = _t(KIND_NAMES[kind])
        return (f"简报-{kind_name}-{code}-{unit}-预检稿.pdf" if unit else f"简报-{kind_name}-{code}.pdf")

    def make_brief(self) -> None:
        problem = self.check_brief()
        if problem:
            self.brief_error.setText(problem)
            self.brief_error.show()
            return
        folder = options.start_folder(options.brief_folder)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("简报保存为"),
                                              str(Path(folder) / self._default_brief_name()),
                                              self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        options.brief_folder.set(str(Path(path).parent))
        self._start_brief(path, None)

    def print_brief(self, printer=None) -> None:
        """Make the brief (as 生成简报 does, into a temporary file) and print it on
        ``printer``; None: the one chosen in the print dialog (tests pass a
        printer and skip the dialog). Without QtPdf the PDF is opened in the
        system's viewer to be printed from there."""
        problem = self.check_brief()
        if problem:
            self.brief_error.setText(problem)
            self.brief_error.show()
            return
        name = Path(self._default_brief_name()).stem
        if printing.qtpdf_available():
            printer = printer or printing.choose_printer(self, name)
            if printer is None:
                return
        self._clean_print_folder()
        self._print_folder = tempfile.mkdtemp(prefix="zsdesk-print-")
        self._start_brief(str(Path(self._print_folder) / f"{name}.pdf"), printer if printer is not None else False)

    def _start_brief(self, path: str, printer) -> None:
        """Make the PDF at ``path`` on the runner; then show it (``printer`` None),
        print it on ``printer``, or open it in the system's viewer (False: no QtPdf)."""
        kind, code = self.period()
        unit = self.unit_combo.currentData() or None
        text = self.text_edit.toPlainText() if self.data and self.data.is_city and self._text_loaded_for == (
            kind, code) else None
        self.brief_error.hide()
        self.brief_status.hide()
        self.open_brief_button.hide()
        self._set_brief_busy(True)
        self.brief_bar.setRange(0, len(BRIEF_STEPS))
        self.brief_bar.setValue(0)
        self.brief_bar.show()
        title = self.tr("生成简报") if printer is None else self.tr("生成简报并打印")
        task = self.tasks.run(make_brief_file, self.ws, kind, code, path, unit, text, title=title,
                              on_done=lambda result: self._brief_made(result, printer),
                              on_error=self._brief_failed)
        task.progressed.connect(self._brief_progress)

    def _set_brief_busy(self, busy: bool) -> None:
        self.make_brief_button.setEnabled(not busy)
        self.print_brief_button.setEnabled(not busy)

    def _brief_progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.brief_bar.setRange(0, total)
            self.brief_bar.setValue(min(done, total))
        if text:
            self.brief_status.setText(self.tr("正在{0}…").format(text) if text != "完成" else self.tr("完成"))
            self.brief_status.setObjectName("sectionNote")
            self.brief_status.show()

    def _brief_made(self, result, printer=None) -> None:
        what = self.tr("第{0}期").format(result.issue) if result.issue else self.tr("{0} 预检稿").format(
            result.unit_code or "")
        self.brief_made.emit(result)
        if printer is not None:
            self._print_made(result, what, printer)
            return
        self.brief_result = result
        self._set_brief_busy(False)
        self.brief_bar.hide()
        lines = [self.tr("已生成{0}简报 {1} {2}：{3}（{4}页）").format(
            _t(KIND_NAMES[result.kind]), result.code, what, result.path, result.pages)]
        lines += result.warnings
        self._say_done("\n".join(lines))
        self.open_brief_button.show()
        self._text_edited = False

    def _say_done(self, text: str) -> None:
        self.brief_status.setObjectName("okNote")
        _repolish(self.brief_status)
        self.brief_status.setText(text)
        self.brief_status.show()

    def _print_made(self, result, what: str, printer) -> None:
        """The brief made for printing: to the printer, or (no QtPdf) to the system's viewer."""
        self._text_edited = False
        if printer is False:
            self._set_brief_busy(False)
            self.brief_bar.hide()
            open_in_system(result.path)
            self._say_done(self.tr("本机的招商桌面未包含 PDF 打印组件（QtPdf），已在系统的 PDF 阅读器中打开简报"
                                   "（{0}），请在那里打印。").format(what))
            return
        self.brief_bar.setRange(0, result.pages)
        self.brief_bar.setValue(0)
        task = self.tasks.run(print_file, str(result.path), printer, title=self.tr("打印简报"), write=False,
                              cancellable=True, on_done=lambda pages: self._printed(result, what, pages),
                              on_error=self._print_failed, on_cancel=self._print_stopped)
        task.progressed.connect(self._brief_progress)

    def _printed(self, result, what: str, pages: int) -> None:
        self._clean_print_folder()
        self._set_brief_busy(False)
        self.brief_bar.hide()
        lines = [self.tr("已将{0}简报 {1} {2}送打印机（{3}页）。").format(
            _t(KIND_NAMES[result.kind]), result.code, what, pages)]
        lines += result.warnings
        self._say_done("\n".join(lines))
        self.brief_printed.emit(pages)

    def _print_stopped(self) -> None:
        self._clean_print_folder()
        self._set_brief_busy(False)
        self.brief_bar.hide()
        self.brief_status.hide()
        self.brief_error.setText(self.tr("已停止打印：没有送打印机的页不会打印。"))
        self.brief_error.show()

    def _print_failed(self, exc: BaseException) -> None:
        self._clean_print_folder()
        self._set_brief_busy(False)
        self.brief_bar.hide()
        self.brief_status.hide()
        self.brief_error.setText(self.tr("没有打印：{0}").format(describe_error(exc)))
        self.brief_error.show()

    def _clean_print_folder(self) -> None:
        if self._print_folder is not None:
            shutil.rmtree(self._print_folder, ignore_errors=True)
            self._print_folder = None

    def _brief_failed(self, exc: BaseException) -> None:
        self._clean_print_folder()
        self._set_brief_busy(False)
        self.brief_bar.hide()
        self.brief_status.hide()
        target = self.brief_error
        if isinstance(exc, ValidationError) and exc.field == "text":
            target = self.text_error
        elif isinstance(exc, ValidationError) and exc.field == "period":
            target = self.period_error
        target.setText(self.tr("没有生成简报：{0}").format(describe_error(exc)))
        target.show()

    def open_brief(self) -> None:
        if self.brief_result is not None:
            open_in_system(self.brief_result.path)

    # -- ledger export ----------------------------------------------------------------------------------
    def export_ledger(self) -> None:
        kind = self.ledger_kind_combo.currentData()
        year = self.year_combo.currentData() or None
        unit = self.ledger_unit_combo.currentData() or None
        name = f"{_t(LEDGER_NAMES[kind])}-{unit + '-' if unit else ''}{year or self.tr('全部年度')}.xlsx"
        folder = options.start_folder(options.ledger_folder, options.brief_folder)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("台账保存为"), str(Path(folder) / name),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        options.ledger_folder.set(str(Path(path).parent))
        self.export_error.hide()
        self.export_status.hide()
        self.open_ledger_button.hide()
        self.export_ledger_button.setEnabled(False)
        self.export_bar.setRange(0, 0)
        self.export_bar.show()
        self.tasks.run(export_ledger, self.ws, kind, path, year=year, unit_code=unit, title=self.tr("导出台账"),
                       write=False, on_done=self._ledger_exported, on_error=self._ledger_export_failed)

    def _ledger_exported(self, result) -> None:
        self.export_ledger_button.setEnabled(True)
        self.export_bar.hide()
        self.exported_path = result.path
        what = self.tr("{0}项指标，{1}个工作表").format(result.rows, len(result.sheets)) if result.kind == "stats" \
            else self.tr("{0}行").format(result.rows)
        self.export_status.setObjectName("okNote")
        _repolish(self.export_status)
        self.export_status.setText(self.tr("已导出“{0}”（{1}）：{2}").format(result.title, what, result.path))
        self.export_status.show()
        self.open_ledger_button.show()
        self.ledger_exported.emit(result)

    def _ledger_export_failed(self, exc: BaseException) -> None:
        self.export_ledger_button.setEnabled(True)
        self.export_bar.hide()
        self.export_error.setText(self.tr("没有导出：{0}").format(describe_error(exc)))
        self.export_error.show()

    def open_ledger(self) -> None:
        if self.exported_path is not None:
            open_in_system(self.exported_path)

    # -- ledger import -----------------------------------------------------------------------------------
    def open_ledger_wizard(self) -> None:
        """The 导入Excel台账 wizard, as the 文件 menu opens it."""
        self.ledger_wizard = LedgerImportWizard(self.ws, self.tasks, self)
        self.ledger_wizard.imported.connect(self._ledgers_imported)
        self.ledger_wizard.open()

    def _ledgers_imported(self, check) -> None:
        refused = sum(1 for r in check.rows if r.fate == "refused")
        files = "、".join(dict.fromkeys(r.file for r in check.rows))
        text = self.tr("已导入{0}：{1}。").format(
            files, "、".join(self.tr("{0}{1}行").format(label, n) for label, n in check.counts))
        if refused:
            text += self.tr("被拒绝的{0}行没有导入（行号、列和原因见导入向导）。").format(refused)
        self.import_status.setText(text)
        self.import_status.show()
        self.ledger_imported.emit(check)
        self.data_changed.emit()


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)

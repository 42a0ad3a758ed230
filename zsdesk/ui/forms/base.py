"""What every record form shares.

A form is a modal dialog over one record of one table. It reads the record
through its service, lets the user edit it, and saves with **one** service
call (create or update), so nothing is ever saved half-way. Validation lives
in one place — the core: ``check()`` runs the service's own ``validate`` and
shows each refused field's message under that field (red), focusing the first
one; the save itself may still refuse (a duplicate code, a record changed
meanwhile) and is shown the same way.

The write runs in the window's task runner (its one writer, ``runner_for``),
never on the GUI thread: the form stays open, disabled, with a moving bar and
what the write is doing ("正在保存…", or "数据库被其他程序占用，正在重试…" while
another program holds the database) until it ends; 取消 (or Esc) meanwhile
stops the waiting and keeps the form open. A failed or stopped save keeps
everything typed in the form.

Ctrl+S saves and keeps the form open; 保存 saves and closes; Esc (or closing
the window) cancels, asking first when there are unsaved changes. A record
owned by another site opens read-only with a banner naming its owner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFrame, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QMessageBox, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QTableView,
    QTabWidget, QVBoxLayout,
    QWidget,
)

from zsdesk.app import LEAD_LABELS, PROJECT_LABELS, records, reference
from zsdesk.app import (
    ReadOnlyError, RefusedError, StorageError, ValidationError, ValidationErrors, ZsdeskError,
)
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.forms.models import AuditModel
from zsdesk.ui.tasks import DatabaseBusy, Task, runner_for
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner, FieldError
from zsdesk.ui.widgets.money import format_money

log = logging.getLogger(__name__)

FORM_STYLE = FEEDBACK_STYLE + """
QLabel#sectionTitle { color: #1F2D3D; font-weight: bold; border-left: 3px solid #1F3A5F;
                      padding-left: 6px; margin-top: 4px; }
QLabel#fieldLabel { color: #3D4B5E; }
QLabel#recordNumber { color: #6B7A8F; }
QLabel#stageText { font-weight: bold; color: #1F3A5F; }
QLabel#summary { color: #3D4B5E; }
QScrollArea#mainScroll, QWidget#mainPage { background: transparent; }
"""

MONEY_FIELDS = {"planned_investment", "foreign_investment_usd", "contract_investment", "expected_output",
                "expected_tax", "amount", "price"}
REQUIRED_MARK = '<span style="color:#C62828">*</span>'


def tr(text: str) -> str:
    return QCoreApplication.translate("Forms", text)


def error_messages(exc: ZsdeskError) -> list[ValidationError]:
    if isinstance(exc, ValidationErrors):
        return list(exc.errors)
    if isinstance(exc, ValidationError):
        return [exc]
    return []


class BusyLine(QWidget):
    """A write under way: a moving bar and what it is doing ("正在保存…", or the
    runner's word while it waits for the database lock)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)   # busy: how long it takes is unknown
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 6)
        self.bar.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
        self.label = QLabel(objectName="recordNumber")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.bar)
        row.addWidget(self.label, 1)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def show_progress(self, _done: int, _total: int, text: str) -> None:
        if text:
            self.label.setText(text)

    def stop(self, *_outcome) -> None:
        self.hide()

    def text(self) -> str:
        """What it says ("" when no write is under way)."""
        return "" if self.isHidden() else self.label.text()


def start_write(owner: QWidget, busy: BusyLine, fn: Callable, *args, title: str, on_done: Callable,
                on_error: Callable, on_cancel: Callable, **kwargs) -> Task:
    """Run ``fn(*args, **kwargs)`` — one service call, one transaction — in the
    writer of ``owner``'s task runner, retrying while another program holds the
    database; ``busy`` shows it meanwhile and is hidden when it ends, before
    ``on_done``/``on_error``/``on_cancel`` (called on the GUI thread).

    ``task.cancel()`` stops the waiting — behind another write of the window
    (a ledger import) or for another program's lock — and nothing is written
    (``on_cancel``); a write already under way is let finish (``on_done``)."""
    runner = runner_for(owner)
    ahead = [t for t in runner.tasks() if t.write and t.running]
    if ahead:
        busy.start(QCoreApplication.translate("Forms", "等待“{0}”完成后保存…").format(ahead[-1].title))
    else:
        busy.start(QCoreApplication.translate("Forms", "正在保存…"))
    # connected before anything can arrive: the worker's signals are queued to this thread
    task = runner.run(fn, *args, title=title, retry_locked=True, cancellable=True, **kwargs)
    task.progressed.connect(busy.show_progress)
    for signal, then in ((task.succeeded, on_done), (task.failed, on_error), (task.stopped, on_cancel)):
        signal.connect(busy.stop)
        signal.connect(then)
    task.handles_errors = True
    return task


def stop_write(task: Task | None, busy: BusyLine) -> bool:
    """Ask a write started by ``start_write`` to stop waiting. False when there is none."""
    if task is None:
        return False
    task.cancel()
    busy.show_progress(0, 0, QCoreApplication.translate("Forms", "正在停止…（已开始的写入会完成）"))
    return True


@dataclass
class Field:
    """One input of a form: the core's field name, its label, widget and error line."""
    name: str
    label: str
    widget: QWidget
    error: FieldError
    caption: QLabel | None = None
    cell: QWidget | None = None

    def set_visible(self, visible: bool) -> None:
        for part in (self.caption, self.cell):
            if part is not None:
                part.setVisible(visible)


class FormGrid:
    """Two label/field pairs a row; a wide field takes the whole row. Each
    field has its error line right under it."""

    def __init__(self, form: RecordForm, parent: QWidget):
        self.form = form
        self.layout = QGridLayout(parent)
        self.layout.setHorizontalSpacing(10)
        self.layout.setVerticalSpacing(8)
        self.layout.setColumnStretch(1, 1)
        self.layout.setColumnStretch(3, 1)
        self.layout.setColumnMinimumWidth(2, 0)
        self.row = 0
        self.col = 0
        probe = QLineEdit()
        self.line_height = probe.sizeHint().height()   # a caption lines up with a field's first line
        probe.deleteLater()

    def newline(self) -> None:
        if self.col:
            self.row += 1
            self.col = 0

    def section(self, title: str) -> QLabel:
        self.newline()
        label = QLabel(title, objectName="sectionTitle")
        self.layout.addWidget(label, self.row, 0, 1, 4)
        self.row += 1
        return label

    def add(self, name: str, label: str, widget: QWidget, *, required: bool = False,
            wide: bool = False, errors: tuple[str, ...] = (), caption: bool = True):
        """Place ``widget`` labelled ``label`` and register it as field ``name``
        (``errors`` names more core fields whose messages show under it).
        ``caption=False``: a wide field under a section title that names it."""
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = FieldError()
        box.addWidget(error)
        if not caption:
            self.newline()
            self.layout.addWidget(cell, self.row, 0, 1, 4)
            self.row += 1
            self.form.register(name, label, widget, error, aliases=errors, cell=cell)
            return widget
        caption = QLabel(f"{label}{REQUIRED_MARK}" if required else label, objectName="fieldLabel")
        caption.setTextFormat(Qt.TextFormat.RichText)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setMinimumHeight(min(widget.sizeHint().height(), self.line_height))
        caption.setBuddy(widget)
        if wide:
            self.newline()
            self.layout.addWidget(caption, self.row, 0, Qt.AlignmentFlag.AlignTop)
            self.layout.addWidget(cell, self.row, 1, 1, 3)
            self.row += 1
        else:
            self.layout.addWidget(caption, self.row, self.col * 2, Qt.AlignmentFlag.AlignTop)
            self.layout.addWidget(cell, self.row, self.col * 2 + 1)
            self.col += 1
            if self.col == 2:
                self.newline()
        self.form.register(name, label, widget, error, aliases=errors, caption=caption, cell=cell)
        return widget

    def finish(self) -> None:
        self.newline()
        self.layout.setRowStretch(self.row, 1)


class RecordForm(QDialog):
    """Base of the record forms. Subclasses set ``table`` and give ``field_labels``,
    ``build``, ``load_values``, ``collect`` (and ``read``/``create`` when a
    record has more than its columns, e.g. participants or contacts)."""

    table: str = ""
    #: fields the form collects that update() must not get (set only at creation)
    create_only: tuple[str, ...] = ()

    #: a save's write ended: True saved (or nothing to save), False refused or failed
    save_finished = Signal(bool)

    def __init__(self, ws, row_id: str | None = None, *, defaults: dict | None = None, parent=None):
        super().__init__(parent)
        self.ws = ws
        #: the window's task runner: every write of the form goes through its writer
        self.tasks = runner_for(parent)
        #: the save under way (None when none is)
        self.save_task: Task | None = None
        self._then = ""
        self.row_id = row_id
        self.defaults = dict(defaults or {})
        self.saved = False
        self.read_only = False
        self.current: dict | None = None
        self.fields: dict[str, Field] = {}
        self._aliases: dict[str, str] = {}
        self._snapshot: dict = {}
        self._names: dict[tuple[str, str], str] = {}
        #: field -> label (the audit trail and messages name fields by it)
        self.labels = self.field_labels()

        self.setStyleSheet(FORM_STYLE)
        self.setSizeGripEnabled(True)
        self.banner = Banner()
        self.problem = Banner()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        header = self.header = self.build_header()
        page = QWidget(objectName="mainPage")
        self.grid = FormGrid(self, page)
        self.build(self.grid)
        self.grid.finish()
        scroll = QScrollArea(objectName="mainScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, self.tr("基本信息"))
        self.build_tabs()
        self.audit_model = AuditModel(self.labels, self.describe_value, self)
        self.audit_view = make_table(self.audit_model, stretch=AuditModel.Column.NEW)
        self.audit_index = self.tabs.addTab(self._build_audit_tab(), self.tr("修改记录"))

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(self.tr("保存并关闭（Ctrl+S 保存后继续编辑）"))
        self.cancel_button = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.status = QLabel(objectName="recordNumber")
        self.busy = BusyLine()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status)
        bottom.addWidget(self.busy, 1)
        bottom.addWidget(self.buttons)

        box = QVBoxLayout(self)
        box.setContentsMargins(12, 12, 12, 10)
        box.setSpacing(8)
        box.addWidget(self.banner)
        box.addWidget(self.problem)
        if header is not None:
            box.addWidget(header)
        box.addWidget(self.tabs, 1)
        box.addLayout(bottom)

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save_and_stay)

        if row_id is None:
            self.load_values(self.default_values())
        else:
            self.reload()
        self._apply_rights()
        self.take_snapshot()
        self._update_title()
        size = self.sizeHint().expandedTo(self.preferred_size())
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # a small laptop screen: fit, and scroll the first tab
            size = size.boundedTo(QSize(int(screen.width() * 0.95), int(screen.height() * 0.9)))
        self.resize(size)

    # -- to give in subclasses -----------------------------------------------------------
    @property
    def service(self):
        return getattr(self.ws, self.table)

    def field_labels(self) -> dict[str, str]:
        return {}

    def build(self, grid: FormGrid) -> None:
        raise NotImplementedError

    def build_tabs(self) -> None:
        """Add tabs after 基本信息 (arrivals, history …)."""

    def build_header(self) -> QWidget | None:
        """A widget above the tabs, seen whichever tab is open (the stage bar)."""
        return None

    def default_values(self) -> dict:
        return dict(self.defaults)

    def read(self, row_id: str) -> dict:
        return self.service.values(row_id)

    def load_values(self, values: dict) -> None:
        raise NotImplementedError

    def collect(self) -> dict:
        raise NotImplementedError

    def create(self, data: dict) -> str:
        """The new record's write. Runs in the task runner's writer thread:
        ``data`` is all it may use (no widgets)."""
        return self.service.create(data)

    def refresh_tabs(self) -> None:
        """Re-read what the extra tabs show (after a load or a sub-record action)."""

    def set_read_only(self, read_only: bool) -> None:
        """Disable what the subclass added outside the registered fields."""

    def record_title(self) -> str:
        return self.windowTitle()

    def preferred_size(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("M")
        return QSize(em * 62, self.fontMetrics().height() * 38)

    # -- fields --------------------------------------------------------------------------
    def register(self, name: str, label: str, widget: QWidget, error: FieldError,
                 aliases: tuple[str, ...] = (), caption: QLabel | None = None,
                 cell: QWidget | None = None) -> None:
        self.fields[name] = Field(name, label, widget, error, caption, cell)
        for alias in aliases:
            self._aliases[alias] = name

    def field_for(self, core_field: str) -> Field | None:
        name = self._aliases.get(core_field, core_field)
        return self.fields.get(name)

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.error.clear_message()
        self.problem.clear_message()

    def show_errors(self, errors: list[ValidationError]) -> None:
        """Each message under its field (several for one field joined), the
        others in the banner; the first bad field (in form order) gets the focus."""
        by_field: dict[str, list[str]] = {}
        loose: list[str] = []
        for e in errors:
            f = self.field_for(e.field)
            if f is None:
                label = self.labels.get(e.field, e.field)
                loose.append(f"{label}：{e.message}")
            else:
                by_field.setdefault(f.name, []).append(e.message)
        first = None
        for name, f in self.fields.items():
            if name in by_field:
                f.error.show_message("；".join(dict.fromkeys(by_field[name])))
                first = first or f
        if loose:
            self.problem.show_message(self.tr("未保存：") + "；".join(loose), "error")
        if first is not None:
            self.reveal(first.widget)
            first.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal(self, widget: QWidget) -> None:
        """Bring the tab holding ``widget`` to the front."""
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
                break
        scroll = self.tabs.widget(0)
        if isinstance(scroll, QScrollArea) and scroll.widget().isAncestorOf(widget):
            scroll.ensureWidgetVisible(widget)

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        f = self.fields[name]
        return f.error.text() if not f.error.isHidden() else ""

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.current = self.read(self.row_id)
        self.load_values(self.current)
        self.refresh_audit()
        self.refresh_tabs()

    def refresh_audit(self) -> None:
        if self.row_id is None:
            self.audit_model.set_changes([])
            self.tabs.setTabEnabled(self.audit_index, False)
            return
        self.tabs.setTabEnabled(self.audit_index, True)
        self.audit_model.set_changes(self.ws.audit.history(self.table, self.row_id))
        self.audit_view.resizeColumnsToContents()

    def _build_audit_tab(self) -> QWidget:
        """修改记录: the table, and 撤销此修改 for the selected change (a new write)."""
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(self.audit_view, 1)
        row = QHBoxLayout()
        self.audit_note = QLabel(objectName="recordNumber")
        self.audit_note.setWordWrap(True)
        self.revert_button = action_button(self.tr("撤销此修改"))
        self.revert_button.setToolTip(self.tr("把所选字段改回修改前的值（作为一次新的修改记录并同步）"))
        self.revert_button.clicked.connect(self.revert_selected)
        row.addWidget(self.audit_note, 1)
        row.addWidget(self.revert_button)
        box.addLayout(row)
        return page

    def revert_selected(self) -> bool:
        """Write the selected change's old value back. False when nothing was started."""
        rows = self.audit_view.selectionModel().selectedRows()
        if not rows or self.row_id is None or self.read_only or self.save_task is not None:
            self.audit_note.setText(self.tr("请先在表中选择一条“修改”记录。") if not rows else "")
            return False
        change = self.audit_model.row_object(rows[0].row())
        if change.op != "U":
            self.audit_note.setText(self.tr("只能撤销“修改”记录。"))
            return False
        if self.is_dirty():
            self.audit_note.setText(self.tr("表单中有尚未保存的修改，请先保存或取消。"))
            return False
        label = self.labels.get(change.field, change.field)
        self.audit_note.setText("")
        self._set_saving(True)
        self.save_task = start_write(
            self, self.busy, records.revert_change, self.ws, self.table, self.row_id, change.field, change.old,
            change.new, title=self.tr("撤销修改：{0}").format(label),
            on_done=lambda _r: self._reverted(label), on_error=self._revert_refused,
            on_cancel=self._revert_stopped)
        return True

    def _reverted(self, label: str) -> None:
        self.save_task = None
        self._set_saving(False)
        self.saved = True
        self.reload()
        self.take_snapshot()
        self._update_title()
        self.audit_note.setText(self.tr("已撤销：“{0}”已改回修改前的值。").format(label))
        self.save_finished.emit(True)

    def _revert_refused(self, exc: BaseException) -> None:
        self.save_task = None
        self._set_saving(False)
        messages = error_messages(exc) if isinstance(exc, ZsdeskError) else []
        if messages:
            text = "；".join(e.message for e in messages)
        elif isinstance(exc, ZsdeskError):
            text = str(exc)
        else:  # a bug (the runner logged its trace)
            text = log_sentence()
        self.audit_note.setText(self.tr("未撤销：{0}").format(text))
        self.save_finished.emit(False)

    def _revert_stopped(self) -> None:
        self.save_task = None
        self._set_saving(False)
        self.audit_note.setText(self.tr("已停止，未撤销。"))
        self.save_finished.emit(False)

    def take_snapshot(self) -> None:
        self._snapshot = self.collect()

    def changes(self, data: dict) -> dict:
        return {k: v for k, v in data.items()
                if k not in self.create_only and v != self._snapshot.get(k)}

    def is_dirty(self) -> bool:
        return not self.read_only and self.collect() != self._snapshot

    # -- rights ----------------------------------------------------------------------------
    def _apply_rights(self) -> None:
        owner = self.current.get("owner_site_id") if self.current else None
        try:
            self.ws.check_can_edit(self.table, owner)
        except ReadOnlyError as exc:
            self.read_only = True
            if owner and owner != self.ws.site.id:
                text = self.tr("该记录属于“{0}”，只读").format(self.ws.site_name_of(owner))
            else:
                text = str(exc)
            self.banner.show_message(text, "warning")
        for f in self.fields.values():
            f.widget.setEnabled(not self.read_only)
        self.save_button.setVisible(not self.read_only)
        self.revert_button.setVisible(not self.read_only)
        self.save_shortcut.setEnabled(not self.read_only)
        self.cancel_button.setText(self.tr("关闭") if self.read_only else self.tr("取消"))
        self.set_read_only(self.read_only)

    # -- checking and saving ------------------------------------------------------------------
    def check(self) -> dict | None:
        """Collect the form and let the core judge it (without writing). Returns
        the values, or None after showing each problem next to its field."""
        self.clear_errors()
        data = self.collect()
        try:
            if self.row_id is None:
                self.service.validate(data)
            else:
                self.service.validate({**self.current, **self.changes(data)}, current=self.current)
        except (ValidationError, ValidationErrors) as exc:
            self.show_errors(error_messages(exc))
            return None
        return data

    def save(self, then: str = "") -> bool:
        """Check, then write with one service call in the task runner's writer;
        the form is disabled until it ends (``save_finished``). ``then``: "close"
        the form after a successful save, or "stay" and say it was saved.

        False when no write was started: read-only, a field refused (shown), or
        a save already under way. True when the write started, or when nothing
        had changed (then the save has already finished)."""
        if self.read_only or self.save_task is not None:
            return False
        data = self.check()
        if data is None:
            return False
        self._then = then
        if self.row_id is None:
            fn, args = self.create, (data,)
        else:
            changes = self.changes(data)
            if not changes:
                self._save_ended(True)
                return True
            fn, args = self.service.update, (self.row_id, changes)
        self._set_saving(True)
        self.save_task = start_write(self, self.busy, fn, *args, title=self.tr("保存：{0}").format(self.windowTitle()),
                                     on_done=self._written, on_error=self._not_written,
                                     on_cancel=self._save_stopped)
        return True

    def _set_saving(self, saving: bool) -> None:
        # 取消 stays: during a save it stops the waiting (``reject``)
        for part in (self.tabs, self.header, self.save_button):
            if part is not None:
                part.setEnabled(not saving)
        self.save_shortcut.setEnabled(not saving and not self.read_only)

    def _save_stopped(self) -> None:
        """The save was stopped before it wrote: nothing was saved, the form keeps what was typed."""
        self.save_task = None
        self._set_saving(False)
        self.problem.show_message(self.tr("已停止，未保存。已录入的内容仍在表单中。"), "warning")
        self._then = ""
        self.save_finished.emit(False)

    def stop_writes(self) -> bool:
        """Stop the waiting of the form's save and its panels' additions (the
        form stays open). False when none is under way."""
        stopped = stop_write(self.save_task, self.busy)
        for widget in self.findChildren(QWidget):
            task, busy = getattr(widget, "write_task", None), getattr(widget, "busy", None)
            if task is not None and isinstance(busy, BusyLine):
                stopped = stop_write(task, busy) or stopped
        return stopped

    def _written(self, result) -> None:
        self.save_task = None
        self._set_saving(False)
        if self.row_id is None:
            self.row_id = result
        self.saved = True
        self.reload()
        self._apply_rights()
        self.take_snapshot()
        self._update_title()
        self._save_ended(True)

    def _not_written(self, exc: BaseException) -> None:
        """The write failed: nothing of it was saved, and the form keeps what was typed."""
        self.save_task = None
        self._set_saving(False)
        if isinstance(exc, (ValidationError, ValidationErrors)):
            self.show_errors(error_messages(exc))
        elif isinstance(exc, DatabaseBusy):
            self.problem.show_message(self.tr("{0}已录入的内容仍在表单中。").format(exc), "error")
        elif isinstance(exc, StorageError):
            self.problem.show_message(self.tr("未保存：{0}。已录入的内容仍在表单中，可稍后再试。").format(exc),
                                      "error")
        elif isinstance(exc, RefusedError):
            self.problem.show_message(self.tr("未保存：{0}").format(exc), "error")
        else:  # a bug (the runner logged its trace): keep the form, say so
            self.problem.show_message(self.tr("保存时发生程序错误，未保存任何内容。{0}").format(log_sentence()),
                                      "error")
        self._save_ended(False)

    def _save_ended(self, ok: bool) -> None:
        then, self._then = self._then, ""
        self.save_finished.emit(ok)
        if ok and then == "close":
            QDialog.accept(self)
        elif ok and then == "stay":
            self.problem.show_message(self.tr("已保存。"), "info")

    def save_and_stay(self) -> None:
        """Ctrl+S: save and keep editing."""
        self.save("stay")

    def accept(self) -> None:
        if self.read_only:
            super().accept()
        else:
            self.save("close")

    def reject(self) -> None:
        if self.stop_writes():  # 取消/Esc while saving: stop waiting, keep the form
            return
        panel = self.pending_panel()
        if self.is_dirty() or panel is not None:
            box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                              self.tr("放弃未保存的修改？"), parent=self)
            save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton(self.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            box.exec()
            clicked = box.clickedButton()
            if clicked is save:
                if panel is not None:   # add what was typed in the tab, and stay: its result shows there
                    self.tabs.setCurrentWidget(panel)
                    panel.add()
                else:
                    self.save("close")
                return
            if clicked is not discard:
                return
        super().reject()

    def pending_panel(self) -> QWidget | None:
        """A tab whose input row holds something typed and not yet added (an
        arrival, a problem, a correction of one): closing would lose it too."""
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            has_input = getattr(widget, "has_input", None)
            if callable(has_input) and has_input():
                return widget
        return None

    def discard(self) -> None:
        """Close without saving and without asking (the caller has decided)."""
        QDialog.reject(self)

    def keyPressEvent(self, event) -> None:
        # Enter in a line edit must not save a half-filled form (Ctrl+S saves)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()
            return
        super().keyPressEvent(event)

    def mark_saved(self) -> None:
        """A sub-record action (stage, arrival, problem, attachment) wrote something."""
        self.saved = True
        if self.current is not None:
            fresh = self.read(self.row_id)
            for key in ("stage", "stage_date", "stage_reason"):
                if key in fresh:
                    self.current[key] = fresh[key]
        self.refresh_audit()
        self.refresh_tabs()

    def _update_title(self) -> None:
        self.setWindowTitle(self.record_title())
        number = (self.current or {}).get("number")
        self.status.setText(self.tr("编号 {0}").format(number) if number else self.tr("新记录（保存后编号）"))

    # -- showing values of other records (audit trail, labels) ------------------------------------
    def describe_value(self, field: str, value) -> str | None:
        """A field's stored value as a person reads it (names, not ids)."""
        if field == "stage":
            labels = LEAD_LABELS if self.table == "leads" else PROJECT_LABELS
            return tr(labels.get(value, value))
        if field in MONEY_FIELDS:
            try:
                return format_money(Decimal(str(value)))
            except ArithmeticError:
                return str(value)
        lookups: dict[str, Callable[[str], str]] = {
            "unit_id": self._unit_name, "company_id": self._company_name,
            "merged_into_id": self._company_name, "industry_id": self._industry_name,
            "owner_staff_id": self._staff_name, "staff_id": self._staff_name,
            "carrier_id": self._carrier_name, "lead_id": self._lead_name,
        }
        fn = lookups.get(field)
        if fn is None or not isinstance(value, str):
            return None
        key = (field, value)
        if key not in self._names:
            try:
                self._names[key] = fn(value)
            except ZsdeskError:
                self._names[key] = value
        return self._names[key]

    def _unit_name(self, unit_id: str) -> str:
        for u in reference.list_units(self.ws, include_inactive=True):
            if u.id == unit_id:
                return u.name
        return unit_id

    def _company_name(self, company_id: str) -> str:
        return records.company_name(self.ws, company_id)

    def _industry_name(self, industry_id: str) -> str:
        for i in reference.list_industries(self.ws):
            if i.id == industry_id:
                return i.name
        return industry_id

    def _staff_name(self, staff_id: str) -> str:
        return records.staff_name(self.ws, staff_id)

    def _lead_name(self, lead_id: str) -> str:
        return records.lead_name(self.ws, lead_id)

    def _carrier_name(self, carrier_id: str) -> str:
        return records.carrier_name(self.ws, carrier_id)

    # -- choices shared by several forms -----------------------------------------------------------
    def unit_choices(self) -> list[tuple[str, str]]:
        """The units this site records for: its own (a county), or all (the city)."""
        units = reference.list_units(self.ws)
        if not self.ws.site.is_city:
            units = [u for u in units if u.site_id == self.ws.site.id]
        return [(u.id, u.name) for u in units]

    def default_unit(self) -> str | None:
        choices = self.unit_choices()
        return choices[0][0] if choices else None


def with_error(widget: QWidget, error: FieldError) -> QWidget:
    """An input with its error line under it (a row of a small form)."""
    cell = QWidget()
    box = QVBoxLayout(cell)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(error)
    return cell


def make_table(model, *, stretch: int | None = None) -> QTableView:
    """A read-only table view the forms use for their lists."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(int(stretch), QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def action_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    return button

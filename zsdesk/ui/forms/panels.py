"""A project's dependent records, edited inside its form: capital arrivals
(资金到位), problems awaiting coordination (待协调问题) and attachments.

Each addition is its own service call, saved at once (the list shows it and
the form counts as saved); so is a correction (修改所选 puts the row in the
inputs, 保存修改 writes it) and a deletion (删除所选 asks the reason, kept with
the tombstone); the inputs sit under the list with their error
lines, like the form's fields. The call runs in the window's task runner (its
one writer); the inputs are disabled until it ends and keep what was typed
when it fails.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from zsdesk.app import numbers
from zsdesk.app import PROBLEM_CATEGORIES, records
from zsdesk.app import RefusedError, StorageError, ValidationError, ValidationErrors, ZsdeskError
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.forms.base import BusyLine, action_button, make_table, start_write, stop_write, with_error
from zsdesk.ui.forms.models import ArrivalsModel, AttachmentsModel, ProblemsModel, StageHistoryModel
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import Banner, FieldError
from zsdesk.ui.widgets.money import MoneyEdit
from zsdesk.ui.widgets.files import open_in_system

ATTACHMENT_KINDS = ("合同", "到资凭证", "现场照片", "批复文件", "其他")


def _errors(exc) -> list[ValidationError]:
    return list(exc.errors) if isinstance(exc, ValidationErrors) else [exc]


class ReasonDialog(QDialog):
    """删除: asks why (a required short text, kept with the tombstone)."""

    def __init__(self, what: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("删除"))
        intro = QLabel(self.tr("删除“{0}”？删除后不再计入统计，修改记录中保留删除原因。").format(what))
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("必填：删除原因"))
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("删除"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        form = QFormLayout()
        form.addRow(self.tr("原因"), self.reason)
        box.addLayout(form)
        box.addWidget(self.buttons)

    def accept(self) -> None:
        if self.reason.text().strip():
            super().accept()


def ask_reason(parent: QWidget, what: str) -> str | None:
    """The reason for deleting ``what``, or None when the user cancels."""
    dialog = ReasonDialog(what, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.text().strip()
    finally:
        dialog.deleteLater()


class _Panel(QWidget):
    """A list over an input row; ``changed`` after each successful write."""

    changed = Signal()

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.project_id: str | None = None
        self.problem = Banner()
        self.busy = BusyLine()
        self.write_task = None   # the addition under way
        self._then = None
        self._was_enabled: dict[QWidget, bool] = {}
        self.inputs = QGridLayout()
        self.inputs.setHorizontalSpacing(8)
        self.inputs.setVerticalSpacing(2)
        self._errors: dict[str, tuple[FieldError, QWidget]] = {}
        self._col = 0

    def input(self, field: str, label: str, widget: QWidget, stretch: int = 0) -> QWidget:
        """An input with its caption above and its error line below."""
        caption = QLabel(label, objectName="fieldLabel")
        error = FieldError()
        self.inputs.addWidget(caption, 0, self._col)
        self.inputs.addWidget(widget, 1, self._col)
        self.inputs.addWidget(error, 2, self._col)
        self.inputs.setColumnStretch(self._col, stretch)
        self._errors[field] = (error, widget)
        self._col += 1
        return widget

    def button(self, button) -> None:
        self.inputs.addWidget(button, 1, self._col, Qt.AlignmentFlag.AlignTop)
        self._col += 1

    def clear_errors(self) -> None:
        for error, _ in self._errors.values():
            error.clear_message()
        self.problem.clear_message()

    def show_errors(self, errors: list[ValidationError]) -> None:
        first, loose = None, []
        for e in errors:
            if e.field in self._errors:
                label, widget = self._errors[e.field]
                label.show_message(e.message)
                first = first or widget
            else:
                loose.append(e.message)
        if loose:
            self.problem.show_message(self.tr("未保存：") + "；".join(loose), "error")
        if first is not None:
            first.setFocus()

    def error_text(self, field: str) -> str:
        label = self._errors[field][0]
        return label.text() if not label.isHidden() else ""

    def run(self, then, fn, *args, **kw) -> bool:
        """Call a service in the task runner's writer; show what it refuses, or
        ``then(result)`` and ``changed`` when it is done. False when another
        addition is still under way (nothing started)."""
        if self.write_task is not None:
            return False
        self.clear_errors()
        self._then = then
        self._set_writing(True)
        self.write_task = start_write(self, self.busy, fn, *args, title=self.tr("保存"),
                                      on_done=self._written, on_error=self._not_written,
                                      on_cancel=self._stopped, **kw)
        return True

    def _stopped(self) -> None:
        self.write_task = None
        self._set_writing(False)
        self._then = None
        self.problem.show_message(self.tr("已停止，未保存。"), "warning")

    def _set_writing(self, writing: bool) -> None:
        if writing:
            self._was_enabled = {w: w.isEnabled() for w in self._input_widgets()}
            for widget in self._was_enabled:
                widget.setEnabled(False)
        else:
            for widget, enabled in self._was_enabled.items():
                widget.setEnabled(enabled)
            self._was_enabled = {}

    def _written(self, result) -> None:
        self.write_task = None
        self._set_writing(False)
        then, self._then = self._then, None
        self.changed.emit()
        if then is not None:
            then(result)

    def _not_written(self, exc: BaseException) -> None:
        self.write_task = None
        self._set_writing(False)
        self._then = None
        if isinstance(exc, (ValidationError, ValidationErrors)):
            self.show_errors(_errors(exc))
        elif isinstance(exc, (RefusedError, StorageError)):
            self.problem.show_message(self.tr("未保存：{0}").format(exc), "error")
        else:  # a bug (the runner logged its trace)
            self.problem.show_message(self.tr("保存时发生程序错误，未保存任何内容。{0}").format(log_sentence()),
                                      "error")

    def _input_widgets(self) -> list[QWidget]:
        widgets = (self.inputs.itemAt(i).widget() for i in range(self.inputs.count()))
        return [w for w in widgets if w is not None and not isinstance(w, QLabel)]

    def selected(self, what: str):
        """The row selected in the list (None, and a word to the user, when none is)."""
        view = getattr(self, "view", None)
        index = view.currentIndex() if view is not None else None
        if index is None or not index.isValid():
            self.problem.show_message(self.tr("请先在列表中选中一条{0}。").format(what), "warning")
            return None
        return self.model.row_object(index.row())

    def set_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        for widget in self._input_widgets():
            widget.setEnabled(editable)


class ArrivalsPanel(_Panel):
    """资金到位: dated amounts, with their total against the contract investment."""

    def __init__(self, ws, parent=None):
        super().__init__(ws, parent)
        self.model = ArrivalsModel(self)
        self.view = make_table(self.model, stretch=ArrivalsModel.Column.NOTE)
        self.summary = QLabel(objectName="summary")
        today = ws.today()
        self.date = self.input("arrival_date", self.tr("到位日期"), DateEdit(today=today))
        self.amount = self.input("amount", self.tr("金额"), MoneyEdit(field="amount"), 1)
        self.note = self.input("note", self.tr("备注（凭证号等）"), QLineEdit(), 2)
        self.add_button = action_button(self.tr("添加到位资金"))
        self.button(self.add_button)
        self.cancel_edit_button = action_button(self.tr("取消修改"))
        self.button(self.cancel_edit_button)
        self.cancel_edit_button.hide()
        self.add_button.clicked.connect(self.add)
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        self.edit_button = action_button(self.tr("修改所选…"))
        self.delete_button = action_button(self.tr("删除所选…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addLayout(top)
        box.addWidget(self.problem)
        box.addWidget(self.busy)
        box.addLayout(self.inputs)
        self.contract_investment: Decimal | None = None
        #: the arrival whose correction the inputs hold (None: they add a new one)
        self.editing: str | None = None

    def refresh(self) -> None:
        rows = records.project_arrivals(self.ws, self.project_id) if self.project_id else []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        total = self.model.total()
        text = self.tr("共{0}笔，合计 {1} 万元").format(len(rows), numbers.money(total, whole=True))
        if self.contract_investment:
            share = numbers.percent(total / Decimal(self.contract_investment), sign=False)
            text += self.tr("，占合同投资 {0} 万元的 {1}%").format(
                numbers.money(self.contract_investment, whole=True), share)
        self.summary.setText(text)

    def add(self) -> bool:
        """Start adding the arrival typed in (or saving the correction of the one
        being edited); False when nothing was started."""
        if not self.project_id:
            return False
        note = self.note.text().strip() or None
        if self.editing is not None:
            return self.run(self._added, records.update_arrival, self.ws, self.editing, self.date.value(),
                            self.amount.raw_value(), note)
        return self.run(self._added, self.ws.projects.add_arrival, self.project_id, self.date.value(),
                        self.amount.raw_value(), note)

    def _added(self, _result) -> None:
        self.stop_editing()
        self.refresh()

    def has_input(self) -> bool:
        """Something typed in the inputs and not yet added (or a correction not yet saved)."""
        return self.editing is not None or bool(self.amount.text().strip() or self.note.text().strip())

    def edit_selected(self) -> bool:
        """Put the selected arrival in the inputs; 保存修改 writes the correction."""
        arrival = self.selected(self.tr("到位记录"))
        if arrival is None:
            return False
        self.clear_errors()
        self.editing = arrival.id
        self.date.setValue(arrival.arrival_date)
        self.amount.setValue(arrival.amount)
        self.note.setText(arrival.note or "")
        self.add_button.setText(self.tr("保存修改"))
        self.cancel_edit_button.show()
        self.amount.setFocus()
        return True

    def stop_editing(self) -> None:
        self.editing = None
        self.amount.clear()
        self.note.clear()
        self.add_button.setText(self.tr("添加到位资金"))
        self.cancel_edit_button.hide()
        self.clear_errors()

    def delete_selected(self) -> bool:
        """删除 the selected arrival, after asking why. False when nothing was started."""
        arrival = self.selected(self.tr("到位记录"))
        if arrival is None:
            return False
        what = self.tr("{0} 到位 {1} 万元").format(arrival.arrival_date.isoformat(),
                                                   numbers.money(arrival.amount, whole=True))
        reason = ask_reason(self, what)
        if reason is None:
            return False
        if self.editing == arrival.id:
            self.stop_editing()
        return self.run(lambda _r: self.refresh(), records.delete_arrival, self.ws, arrival.id, reason)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)


class ResolveDialog(QDialog):
    """标记已解决: the date and how it was solved."""

    def __init__(self, ws, problem_id: str, parent=None):
        super().__init__(parent)
        self.ws, self.problem_id = ws, problem_id
        self.write_task = None   # the resolution under way
        self.setWindowTitle(self.tr("问题已解决"))
        self.banner = Banner()
        self.date = DateEdit(today=ws.today())
        self.date_error = FieldError()
        self.resolution = QPlainTextEdit()
        self.resolution.setTabChangesFocus(True)
        self.resolution.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.resolution_error = FieldError()
        form = QFormLayout()
        form.addRow(self.tr("解决日期"), with_error(self.date, self.date_error))
        form.addRow(self.tr("解决情况"), with_error(self.resolution, self.resolution_error))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.busy = BusyLine()
        box = QVBoxLayout(self)
        box.addWidget(self.banner)
        box.addLayout(form)
        box.addWidget(self.busy)
        box.addWidget(buttons)

    def accept(self) -> None:
        if self.write_task is not None:
            return
        self.date_error.clear_message()
        self.resolution_error.clear_message()
        self.banner.clear_message()
        self._set_writing(True)
        self.write_task = start_write(self, self.busy, self.ws.projects.resolve_problem, self.problem_id,
                                      self.date.value(), self.resolution.toPlainText().strip(),
                                      title=self.windowTitle(), on_done=self._resolved, on_error=self._refused,
                                      on_cancel=self._stopped)

    def reject(self) -> None:
        if not stop_write(self.write_task, self.busy):  # while writing: stop waiting, stay open
            super().reject()

    def _stopped(self) -> None:
        self.write_task = None
        self._set_writing(False)
        self.banner.show_message(self.tr("已停止，未保存。"), "warning")

    def _set_writing(self, writing: bool) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)   # 取消 stays: it stops the waiting
        for widget in (self.date, self.resolution, ok):
            widget.setEnabled(not writing)

    def _resolved(self, _result) -> None:
        self.write_task = None
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.write_task = None
        self._set_writing(False)
        if isinstance(exc, (ValidationError, ValidationErrors)):
            for e in _errors(exc):
                target = {"resolved_date": self.date_error, "resolution": self.resolution_error}.get(e.field)
                if target is None:
                    self.banner.show_message(e.message, "error")
                else:
                    target.show_message(e.message)
        elif isinstance(exc, (RefusedError, StorageError)):
            self.banner.show_message(str(exc), "error")
        else:  # a bug (the runner logged its trace)
            self.banner.show_message(self.tr("保存时发生程序错误，未保存任何内容。{0}").format(log_sentence()),
                                     "error")


class ProblemsPanel(_Panel):
    """待协调问题: add one, mark one resolved."""

    def __init__(self, ws, parent=None):
        super().__init__(ws, parent)
        self.model = ProblemsModel(self)
        self.view = make_table(self.model, stretch=ProblemsModel.Column.DESCRIPTION)
        self.category = QComboBox()
        for c in PROBLEM_CATEGORIES:
            self.category.addItem(self.tr(c), c)
        self.input("category", self.tr("类别"), self.category)
        self.description = self.input("description", self.tr("问题描述"), QLineEdit(), 3)
        self.raised = self.input("raised_date", self.tr("提出日期"), DateEdit(today=ws.today()))
        self.responsible = self.input("responsible", self.tr("责任部门"), QLineEdit(), 1)
        self.add_button = action_button(self.tr("添加问题"))
        self.button(self.add_button)
        self.cancel_edit_button = action_button(self.tr("取消修改"))
        self.button(self.cancel_edit_button)
        self.cancel_edit_button.hide()
        self.resolve_button = action_button(self.tr("标记所选问题已解决…"))
        self.edit_button = action_button(self.tr("修改所选…"))
        self.delete_button = action_button(self.tr("删除所选…"))
        self.add_button.clicked.connect(self.add)
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        #: the problem whose correction the inputs hold (None: they add a new one)
        self.editing: str | None = None
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.resolve_button)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addLayout(top)
        box.addWidget(self.problem)
        box.addWidget(self.busy)
        box.addLayout(self.inputs)

    def refresh(self) -> None:
        rows = records.project_problems(self.ws, self.project_id) if self.project_id else []
        rows.sort(key=lambda p: (p.resolved, p.raised_date))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def add(self) -> bool:
        """Start adding the problem typed in (or saving the correction of the one
        being edited); False when nothing was started."""
        if not self.project_id:
            return False
        args = (self.category.currentData(), self.description.text().strip(), self.raised.value(),
                self.responsible.text().strip() or None)
        if self.editing is not None:
            return self.run(self._added, records.update_problem, self.ws, self.editing, *args)
        return self.run(self._added, self.ws.projects.add_problem, self.project_id, *args)

    def _added(self, _result) -> None:
        self.stop_editing()
        self.refresh()

    def has_input(self) -> bool:
        """Something typed in the inputs and not yet added (or a correction not yet saved)."""
        return self.editing is not None or bool(self.description.text().strip()
                                                or self.responsible.text().strip())

    def edit_selected(self) -> bool:
        """Put the selected problem in the inputs; 保存修改 writes the correction."""
        problem = self.selected(self.tr("问题"))
        if problem is None:
            return False
        self.clear_errors()
        self.editing = problem.id
        index = self.category.findData(problem.category)
        if index >= 0:
            self.category.setCurrentIndex(index)
        self.description.setText(problem.description)
        self.raised.setValue(problem.raised_date)
        self.responsible.setText(problem.responsible or "")
        self.add_button.setText(self.tr("保存修改"))
        self.cancel_edit_button.show()
        self.description.setFocus()
        return True

    def stop_editing(self) -> None:
        self.editing = None
        self.description.clear()
        self.responsible.clear()
        self.add_button.setText(self.tr("添加问题"))
        self.cancel_edit_button.hide()
        self.clear_errors()

    def delete_selected(self) -> bool:
        """删除 the selected problem, after asking why. False when nothing was started."""
        problem = self.selected(self.tr("问题"))
        if problem is None:
            return False
        reason = ask_reason(self, problem.description)
        if reason is None:
            return False
        if self.editing == problem.id:
            self.stop_editing()
        return self.run(lambda _r: self.refresh(), records.delete_problem, self.ws, problem.id, reason)

    def resolve_selected(self) -> bool:
        index = self.view.currentIndex()
        if not index.isValid():
            self.problem.show_message(self.tr("请先在列表中选中一个问题。"), "warning")
            return False
        problem = self.model.row_object(index.row())
        if problem.resolved:
            self.problem.show_message(self.tr("该问题已解决。"), "warning")
            return False
        dialog = ResolveDialog(self.ws, problem.id, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        self.changed.emit()
        self.refresh()
        return True

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for button in (self.resolve_button, self.edit_button, self.delete_button):
            button.setEnabled(editable)


class AttachmentsPanel(_Panel):
    """Files (contracts, 到资凭证 …) stored under their SHA-256, listed with it."""

    def __init__(self, ws, table: str, parent=None):
        super().__init__(ws, parent)
        self.table = table
        self.model = AttachmentsModel(self)
        self.view = make_table(self.model, stretch=AttachmentsModel.Column.SHA256)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        for k in ATTACHMENT_KINDS:
            self.kind.addItem(self.tr(k), k)
        self.input("kind", self.tr("类型"), self.kind)
        self.add_button = action_button(self.tr("添加文件…"))
        self.verify_button = action_button(self.tr("校验所选文件"))
        self.button(self.add_button)
        self.button(self.verify_button)
        self.inputs.setColumnStretch(self._col, 1)
        note = QLabel(self.tr("文件复制到数据目录，以SHA-256指纹保存；指纹可用于核对原件。"), objectName="recordNumber")
        note.setWordWrap(True)
        self.open_button = action_button(self.tr("打开"))
        self.delete_button = action_button(self.tr("删除所选…"))
        self.add_button.clicked.connect(self.choose_file)
        self.verify_button.clicked.connect(self.verify_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        top = QHBoxLayout()
        top.addWidget(note, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.delete_button)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addLayout(top)
        box.addWidget(self.problem)
        box.addWidget(self.busy)
        box.addLayout(self.inputs)

    def refresh(self) -> None:
        rows = records.attachments_of(self.ws, self.table, self.project_id) if self.project_id else []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def choose_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择附件"), str(Path.home()))
        return self.add_file(path) if path else False

    def add_file(self, path: str) -> bool:
        if not self.project_id:
            return False
        kind = self.kind.currentText().strip() or None
        # the copy (and its SHA-256) is made in the writer too: a large file does not stop the window
        return self.run(self._added, self.ws.attachments.add, self.table, self.project_id, path, kind=kind)

    def _added(self, attachment_id) -> None:
        self.refresh()
        self.problem.show_message(self.tr("已保存附件，SHA-256：{0}").format(self._sha_of(attachment_id)), "info")

    def _sha_of(self, attachment_id) -> str:
        for a in self.model.rows():
            if a.id == attachment_id:
                return a.sha256
        return ""

    def verify_selected(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.problem.show_message(self.tr("请先在列表中选中一个文件。"), "warning")
            return
        a = self.model.row_object(index.row())
        if self.ws.attachments.verify(a.id):
            self.problem.show_message(self.tr("“{0}”完好：内容与SHA-256一致。").format(a.filename), "info")
        else:
            self.problem.show_message(self.tr("“{0}”缺失或已被改动：与登记的SHA-256不一致。").format(a.filename),
                                      "error")

    def open_selected(self) -> bool:
        """打开: the file in the system's viewer (False when none is selected or the file is missing)."""
        a = self.selected(self.tr("文件"))
        if a is None:
            return False
        try:
            path = records.attachment_file(self.ws, a.id)
        except ZsdeskError as exc:
            self.problem.show_message(self.tr("无法打开：{0}").format(exc), "error")
            return False
        if not a.intact:
            self.problem.show_message(self.tr("注意：“{0}”与登记的SHA-256不一致，可能已被改动。").format(a.filename),
                                      "warning")
        if not open_in_system(path):
            self.problem.show_message(self.tr("系统没有能打开“{0}”的程序。").format(a.filename), "error")
            return False
        return True

    def delete_selected(self) -> bool:
        """删除 the selected attachment, after asking why. False when nothing was started."""
        a = self.selected(self.tr("文件"))
        if a is None:
            return False
        reason = ask_reason(self, a.filename)
        if reason is None:
            return False
        return self.run(lambda _r: self.refresh(), records.delete_attachment, self.ws, a.id, reason)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.verify_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.delete_button.setEnabled(editable)


class StageEntriesPanel(_Panel):
    """阶段历史 of a project, with corrections by its owner: a stage move's date
    and reason, or the move deleted (with a reason) when it was recorded by
    mistake. The form fills the list (``model.set_rows``) with the stage bar."""

    def __init__(self, ws, labels: dict[str, str], parent=None):
        super().__init__(ws, parent)
        self.model = StageHistoryModel(labels, self)
        self.view = make_table(self.model, stretch=StageHistoryModel.Column.REASON)
        self.date = self.input("stage_date", self.tr("日期"), DateEdit(today=ws.today()))
        self.reason = self.input("reason", self.tr("原因/说明"), QLineEdit(), 2)
        self.save_button = action_button(self.tr("保存修改"))
        self.cancel_edit_button = action_button(self.tr("取消修改"))
        self.button(self.save_button)
        self.button(self.cancel_edit_button)
        self.save_button.clicked.connect(self.add)
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        self.edit_button = action_button(self.tr("修改所选…"))
        self.delete_button = action_button(self.tr("删除所选…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addLayout(top)
        box.addWidget(self.problem)
        box.addWidget(self.busy)
        box.addLayout(self.inputs)
        #: the stage entry whose correction the inputs hold
        self.editing: str | None = None
        self.editable = True
        self._show_inputs(False)

    def refresh(self) -> None:
        """The form fills the list, with its stage bar."""

    def _show_inputs(self, shown: bool) -> None:
        for i in range(self.inputs.count()):
            widget = self.inputs.itemAt(i).widget()
            if widget is not None and not isinstance(widget, FieldError):
                widget.setVisible(shown)

    def has_input(self) -> bool:
        return self.editing is not None

    def edit_selected(self) -> bool:
        step = self.selected(self.tr("阶段记录"))
        if step is None:
            return False
        self.clear_errors()
        self.editing = step.id
        self.date.setValue(step.stage_date)
        self.reason.setText(step.reason or "")
        self._show_inputs(True)
        self.date.setFocus()
        return True

    def stop_editing(self) -> None:
        self.editing = None
        self.reason.clear()
        self._show_inputs(False)
        self.clear_errors()

    def add(self) -> bool:
        """Save the correction of the entry being edited (False when none is, or a write is under way)."""
        if self.editing is None:
            return False
        return self.run(lambda _r: self.stop_editing(), records.update_stage_entry, self.ws, self.editing,
                        self.date.value(), self.reason.text().strip() or None)

    def delete_selected(self) -> bool:
        step = self.selected(self.tr("阶段记录"))
        if step is None:
            return False
        label = self.model.data(self.model.index(self.view.currentIndex().row(), StageHistoryModel.Column.STAGE))
        reason = ask_reason(self, f"{label} {step.stage_date.isoformat()}")
        if reason is None:
            return False
        if self.editing == step.id:
            self.stop_editing()
        return self.run(None, records.delete_stage_entry, self.ws, step.id, reason)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)

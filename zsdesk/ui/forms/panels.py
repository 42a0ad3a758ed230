"""A project's dependent records, edited inside its form: capital arrivals
(资金到位), problems awaiting coordination (待协调问题) and attachments.

Each addition is its own service call, saved at once (the list shows it and
the form counts as saved); the inputs sit under the list with their error
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
from zsdesk.app import RefusedError, StorageError, ValidationError, ValidationErrors
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.forms.base import BusyLine, action_button, make_table, start_write, stop_write, with_error
from zsdesk.ui.forms.models import ArrivalsModel, AttachmentsModel, ProblemsModel
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import Banner, FieldError
from zsdesk.ui.widgets.money import MoneyEdit

ATTACHMENT_KINDS = ("合同", "到资凭证", "现场照片", "批复文件", "其他")


def _errors(exc) -> list[ValidationError]:
    return list(exc.errors) if isinstance(exc, ValidationErrors) else [exc]


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
        self.add_button.clicked.connect(self.add)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addWidget(self.summary)
        box.addWidget(self.problem)
        box.addWidget(self.busy)
        box.addLayout(self.inputs)
        self.contract_investment: Decimal | None = None

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
        """Start adding the arrival typed in; False when nothing was started."""
        if not self.project_id:
            return False
        return self.run(self._added, self.ws.projects.add_arrival, self.project_id, self.date.value(),
                        self.amount.raw_value(), self.note.text().strip() or None)

    def _added(self, _arrival_id) -> None:
        self.amount.clear()
        self.note.clear()
        self.refresh()


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
        self.resolve_button = action_button(self.tr("标记所选问题已解决…"))
        self.add_button.clicked.connect(self.add)
        self.resolve_button.clicked.connect(self.resolve_selected)
        top = QHBoxLayout()
        top.addStretch(1)
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
        """Start adding the problem typed in; False when nothing was started."""
        if not self.project_id:
            return False
        return self.run(self._added, self.ws.projects.add_problem, self.project_id, self.category.currentData(),
                        self.description.text().strip(), self.raised.value(),
                        self.responsible.text().strip() or None)

    def _added(self, _problem_id) -> None:
        self.description.clear()
        self.responsible.clear()
        self.refresh()

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
        self.resolve_button.setEnabled(editable)


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
        self.add_button.clicked.connect(self.choose_file)
        self.verify_button.clicked.connect(self.verify_selected)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addWidget(note)
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

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.verify_button.setEnabled(True)

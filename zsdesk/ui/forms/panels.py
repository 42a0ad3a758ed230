"""A project's dependent records, edited inside its form: capital arrivals
(资金到位), problems awaiting coordination (待协调问题) and attachments.

Each addition is its own service call, saved at once (the list shows it and
the form counts as saved); the inputs sit under the list with their error
lines, like the form's fields.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from zsdesk.domain import PROBLEM_CATEGORIES
from zsdesk.errors import RefusedError, StorageError, ValidationError, ValidationErrors
from zsdesk.ui.forms.base import action_button, make_table, with_error
from zsdesk.ui.forms.models import ArrivalsModel, AttachmentsModel, ProblemsModel
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import Banner, FieldError
from zsdesk.ui.widgets.money import MoneyEdit, format_money

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

    def run(self, fn, *args, **kw):
        """Call a service; show what it refuses. Returns its result, or None."""
        self.clear_errors()
        try:
            result = fn(*args, **kw)
        except (ValidationError, ValidationErrors) as exc:
            self.show_errors(_errors(exc))
            return None
        except (RefusedError, StorageError) as exc:
            self.problem.show_message(self.tr("未保存：{0}").format(exc), "error")
            return None
        self.changed.emit()
        return result if result is not None else True

    def set_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        for i in range(self.inputs.count()):
            widget = self.inputs.itemAt(i).widget()
            if widget is not None and not isinstance(widget, (QLabel,)):
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
        box.addLayout(self.inputs)
        self.contract_investment: Decimal | None = None

    def refresh(self) -> None:
        rows = self.ws.projects.arrivals(self.project_id) if self.project_id else []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        total = self.model.total()
        text = self.tr("共{0}笔，合计 {1} 万元").format(len(rows), format_money(total))
        if self.contract_investment:
            share = (total / Decimal(self.contract_investment) * 100).quantize(Decimal("0.1"))
            text += self.tr("，占合同投资 {0} 万元的 {1}%").format(format_money(self.contract_investment), share)
        self.summary.setText(text)

    def add(self) -> bool:
        if not self.project_id:
            return False
        done = self.run(self.ws.projects.add_arrival, self.project_id, self.date.value(),
                        self.amount.raw_value(), self.note.text().strip() or None)
        if done:
            self.amount.clear()
            self.note.clear()
            self.refresh()
        return bool(done)


class ResolveDialog(QDialog):
    """标记已解决: the date and how it was solved."""

    def __init__(self, ws, problem_id: str, parent=None):
        super().__init__(parent)
        self.ws, self.problem_id = ws, problem_id
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
        box = QVBoxLayout(self)
        box.addWidget(self.banner)
        box.addLayout(form)
        box.addWidget(buttons)

    def accept(self) -> None:
        self.date_error.clear_message()
        self.resolution_error.clear_message()
        self.banner.clear_message()
        try:
            self.ws.projects.resolve_problem(self.problem_id, self.date.value(),
                                             self.resolution.toPlainText().strip())
        except (ValidationError, ValidationErrors) as exc:
            for e in _errors(exc):
                target = {"resolved_date": self.date_error, "resolution": self.resolution_error}.get(e.field)
                if target is None:
                    self.banner.show_message(e.message, "error")
                else:
                    target.show_message(e.message)
            return
        except (RefusedError, StorageError) as exc:
            self.banner.show_message(str(exc), "error")
            return
        super().accept()


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
        box.addLayout(self.inputs)

    def refresh(self) -> None:
        rows = self.ws.projects.problems(self.project_id) if self.project_id else []
        rows.sort(key=lambda p: (p.resolved, p.raised_date))
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def add(self) -> bool:
        if not self.project_id:
            return False
        done = self.run(self.ws.projects.add_problem, self.project_id, self.category.currentData(),
                        self.description.text().strip(), self.raised.value(),
                        self.responsible.text().strip() or None)
        if done:
            self.description.clear()
            self.responsible.clear()
            self.refresh()
        return bool(done)

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
        box.addLayout(self.inputs)

    def refresh(self) -> None:
        rows = self.ws.attachments.list_for(self.table, self.project_id) if self.project_id else []
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def choose_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择附件"), str(Path.home()))
        return self.add_file(path) if path else False

    def add_file(self, path: str) -> bool:
        if not self.project_id:
            return False
        kind = self.kind.currentText().strip() or None
        done = self.run(self.ws.attachments.add, self.table, self.project_id, path, kind=kind)
        if done:
            self.refresh()
            self.problem.show_message(self.tr("已保存附件，SHA-256：{0}").format(self._sha_of(done)), "info")
        return bool(done)

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

"""落户预审: the list of major-project reviews; a unit recommends a major project
(单元推荐), the city records 联席会审查 and 市领导审核 and ends with 通过 or 退回.
A county sees the outcome once the city's return file is imported."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from zsdesk.app import RefusedError, StorageError, ValidationError, ValidationErrors, numbers
from zsdesk.app import reviews
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.forms.base import BusyLine, make_table, start_write, stop_write
from zsdesk.ui.models import RowRole, RowsModel
from zsdesk.ui.pages import scope_unit_ids
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner
from zsdesk.ui.widgets.pickers import ChoiceCombo
from zsdesk.ui.widgets.files import open_in_system

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")


def step_text(step: str) -> str:
    """A review step in the interface's language."""
    labels = {
        "recommended": translate("ReviewsPage", "单元推荐"),
        "joint_review": translate("ReviewsPage", "联席会审查"),
        "leader_review": translate("ReviewsPage", "市领导审核"),
        "approved": translate("ReviewsPage", "通过"),
        "returned": translate("ReviewsPage", "退回"),
    }
    return labels.get(step, step)


class ReviewsModel(RowsModel):
    """``reviews.ReviewInfo`` rows."""

    NUMERIC = frozenset({3})

    def __init__(self, parent=None):
        super().__init__([
            translate("ReviewsPage", "项目编号"), translate("ReviewsPage", "项目名称"),
            translate("ReviewsPage", "招商单元"), translate("ReviewsPage", "投资额"),
            translate("ReviewsPage", "当前步骤"), translate("ReviewsPage", "推荐日期"),
            translate("ReviewsPage", "步骤日期"), translate("ReviewsPage", "状态"),
            translate("ReviewsPage", "意见")], parent)

    def text(self, row: reviews.ReviewInfo, column: int) -> str:
        if column == 0:
            return row.project_number
        if column == 1:
            return row.project_name
        if column == 2:
            return row.unit_name
        if column == 3:
            text = numbers.money(row.investment)
            if row.foreign_usd:
                text += translate("ReviewsPage", "（外资{0}）").format(numbers.money(row.foreign_usd) + translate("ReviewsPage", "万美元"))
            return text
        if column == 4:
            return step_text(row.step)
        if column == 5:
            return row.recommended_date.isoformat() if row.recommended_date else "—"
        if column == 6:
            return row.step_date.isoformat()
        if column == 7:
            return step_text(row.step) if row.finished else translate("ReviewsPage", "审查中")
        return row.comment or ""


class WriteDialog(QDialog):
    """A small dialog that makes one write through the task runner and closes."""

    def __init__(self, ws, title: str, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.write_task = None
        self.setWindowTitle(title)
        self.setStyleSheet(FEEDBACK_STYLE)
        self.problem = Banner()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.busy = BusyLine()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.problem)
        box.addLayout(self.form)
        box.addWidget(self.busy)
        box.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def write(self, fn, *args) -> None:
        if self.write_task is not None:
            return
        self.problem.clear_message()
        self.ok_button.setEnabled(False)
        self.write_task = start_write(self, self.busy, fn, self.ws, *args, title=self.windowTitle(),
                                      on_done=self._done, on_error=self._refused, on_cancel=self._stopped)

    def reject(self) -> None:
        if not stop_write(self.write_task, self.busy):
            super().reject()

    def _done(self, _result) -> None:
        self.write_task = None
        super().accept()

    def _stopped(self) -> None:
        self.write_task = None
        self.ok_button.setEnabled(True)
        self.problem.show_message(self.tr("已停止，没有保存。"), "warning")

    def _refused(self, exc: BaseException) -> None:
        self.write_task = None
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationErrors):
            self.problem.show_message(self.tr("未保存：") + "；".join(e.message for e in exc.errors), "error")
        elif isinstance(exc, ValidationError):
            self.problem.show_message(self.tr("未保存：{0}").format(exc.message), "error")
        elif isinstance(exc, (RefusedError, StorageError)):
            self.problem.show_message(self.tr("未保存：{0}").format(exc), "error")
        else:  # a bug (the runner logged its trace)
            self.problem.show_message(self.tr("保存时发生程序错误，没有保存。{0}").format(log_sentence()), "error")


class RecommendDialog(WriteDialog):
    """单元推荐: pick one of the unit's major projects not yet under review."""

    def __init__(self, ws, candidates: list[reviews.CandidateInfo], parent=None):
        super().__init__(ws, self.tr("推荐落户预审"), parent)
        note = QLabel(self.tr("只有亿元以上项目（内资≥1亿元，或外资≥1000万美元）可以推荐。"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.project = ChoiceCombo()
        self.project.set_choices((c.id, f"{c.number} {c.name}（{numbers.money(c.investment)}）")
                                 for c in candidates)
        if candidates:
            self.project.setCurrentIndex(0)
        self.form.addRow(self.tr("项目"), self.project)
        self.date = DateEdit(today=ws.today())
        self.date.setValue(ws.today())
        self.form.addRow(self.tr("推荐日期"), self.date)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.form.addRow(self.tr("推荐意见"), self.comment)
        if not candidates:
            self.problem.show_message(self.tr("没有可推荐的项目：本单元没有尚未预审的亿元以上项目。"), "info")
            self.ok_button.setEnabled(False)

    def accept(self) -> None:
        if not self.project.value():
            self.problem.show_message(self.tr("请选择项目"), "error")
            return
        self.write(reviews.recommend, self.project.value(), self.date.value(),
                   self.comment.toPlainText().strip() or None)


class StepDialog(WriteDialog):
    """The city's step of one review: 联席会审查, 市领导审核, 通过 or 退回."""

    def __init__(self, ws, review: reviews.ReviewInfo, parent=None):
        super().__init__(ws, self.tr("登记预审步骤"), parent)
        self.review = review
        self.form.addRow(self.tr("项目"), QLabel(f"{review.project_number} {review.project_name}"))
        self.form.addRow(self.tr("当前步骤"), QLabel(f"{step_text(review.step)}（{review.step_date.isoformat()}）"))
        self.step = ChoiceCombo()
        later = reviews.CITY_STEPS if review.step == "recommended" else \
            [s for s in reviews.CITY_STEPS if reviews.CITY_STEPS.index(s) > reviews.CITY_STEPS.index(review.step)]
        self.step.set_choices((s, step_text(s)) for s in later)
        self.step.setCurrentIndex(0)
        self.form.addRow(self.tr("步骤"), self.step)
        self.date = DateEdit(today=ws.today())
        self.date.setValue(ws.today())
        self.form.addRow(self.tr("日期"), self.date)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.form.addRow(self.tr("意见"), self.comment)

    def accept(self) -> None:
        self.write(reviews.record_step, self.review.id, self.step.value(), self.date.value(),
                   self.comment.toPlainText().strip() or None)


class ReviewsPage(QWidget):
    """The 预审 page (see the module docstring)."""

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.dialog: QDialog | None = None
        self.setStyleSheet(FEEDBACK_STYLE)
        title = QLabel(self.tr("落户预审"), objectName="pageTitle")
        self.recommend_button = QPushButton(self.tr("单元推荐…"))
        self.recommend_button.setToolTip(self.tr("推荐亿元以上项目进入落户预审"))
        self.recommend_button.clicked.connect(self.recommend)
        self.step_button = QPushButton(self.tr("登记审查…"))
        self.step_button.setToolTip(self.tr("登记联席会审查、市领导审核，或通过、退回（市级）"))
        self.step_button.clicked.connect(self.record_step)
        self.step_button.setVisible(ws.site.is_city)
        # 会议议题: the agenda of the month's 落户预审暨矛盾问题协调会, as a PDF
        self.agenda_month = QComboBox()
        self.agenda_month.setToolTip(self.tr("会议月份"))
        today = ws.today()
        for back in range(-1, 12):   # next month, this month (the default) and the eleven before
            y, m = divmod(today.year * 12 + today.month - 1 - back, 12)
            self.agenda_month.addItem(self.tr("{0}年{1}月").format(y, m + 1), f"{y:04d}-{m + 1:02d}")
        self.agenda_month.setCurrentIndex(1)
        self.agenda_button = QPushButton(self.tr("会议议题（PDF）…"))
        self.agenda_button.setToolTip(
            self.tr("生成所选月份的重大项目落户预审暨矛盾问题协调会议题：待审的预审项目和未解决的问题") if ws.site.is_city
            else self.tr("生成所选月份协调会议题的本单元稿：本站点单元待审的预审项目和未解决的问题"))
        self.agenda_button.clicked.connect(self.make_agenda)
        self.open_agenda_button = QPushButton(self.tr("打开议题"))
        self.open_agenda_button.clicked.connect(self.open_agenda)
        self.open_agenda_button.setVisible(False)
        self.agenda_task = None
        self.agenda_path: str | None = None
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.recommend_button)
        top.addWidget(self.step_button)
        top.addSpacing(12)
        top.addWidget(self.agenda_month)
        top.addWidget(self.agenda_button)
        top.addWidget(self.open_agenda_button)
        self.banner = Banner()
        self.model = ReviewsModel(self)
        self.view = make_table(self.model, stretch=8)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self.record_step())
        self.note = QLabel(self.tr("推荐后请把同步文件报送市里；市里审查的结果随返回的同步文件回到本单元。")
                           if not ws.site.is_city else
                           self.tr("各单元推荐的项目随同步文件到达；结果随返回文件回到推荐的单元。"))
        self.note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.banner)
        box.addWidget(self.view, 1)
        box.addWidget(self.note)
        self._selection_changed()
        self.refresh()

    # -- reading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.tasks.run(reviews.list_reviews, self.ws, scope_unit_ids(self.ws), title=self.tr("读取预审"),
                       write=False, progress=False, on_done=self._show, on_error=self._read_failed)

    def _show(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if selected is not None:
            for i, r in enumerate(rows):
                if r.id == selected.id:
                    self.view.selectRow(i)
        self._selection_changed()

    def _read_failed(self, exc: BaseException) -> None:
        self.banner.show_message(self.tr("无法读取预审：{0}").format(exc), "error")

    def selected(self) -> reviews.ReviewInfo | None:
        index = self.view.currentIndex()
        return self.model.data(index, RowRole) if index.isValid() else None

    def _selection_changed(self, *_args) -> None:
        row = self.selected()
        self.step_button.setEnabled(row is not None and not row.finished)

    def select_project(self, number: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.project_number == number:
                self.view.setCurrentIndex(self.model.index(i, 0, QModelIndex()))
                return True
        return False

    # -- 会议议题 -------------------------------------------------------------------------------
    def make_agenda(self) -> None:
        """Ask where to save the agenda of the chosen month, then write it on the task runner."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from zsdesk.app import documents
        from zsdesk.ui import options

        if self.agenda_task is not None:
            return
        month = self.agenda_month.currentData()
        name = documents.safe_file_name(self.tr("会议议题-{0}").format(month)) + ".pdf"
        folder = options.start_folder(options.brief_folder)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("会议议题保存为"), str(Path(folder) / name),
                                              self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        options.brief_folder.set(str(Path(path).parent))
        self.agenda_button.setEnabled(False)
        self.open_agenda_button.setVisible(False)
        self.agenda_task = self.tasks.run(documents.agenda, self.ws, month, path, title=self.tr("生成会议议题"),
                                          write=False, on_done=self._agenda_made, on_error=self._agenda_failed)

    def _agenda_made(self, path) -> None:
        self.agenda_task = None
        self.agenda_path = str(path)
        self.agenda_button.setEnabled(True)
        self.open_agenda_button.setVisible(True)
        self.banner.show_message(self.tr("已生成{0}会议议题：{1}。点“打开议题”查看或打印。").format(
            self.agenda_month.currentText(), path), "info")

    def _agenda_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.agenda_task = None
        self.agenda_button.setEnabled(True)
        self.banner.show_message(self.tr("没有生成会议议题：{0}").format(describe_error(exc)), "error")

    def open_agenda(self) -> None:
        if self.agenda_path and not open_in_system(self.agenda_path):
            self.banner.show_message(self.tr("系统没有能打开PDF的程序：{0}").format(self.agenda_path), "error")

    # -- writing ------------------------------------------------------------------------------
    def recommend(self) -> None:
        self.tasks.run(reviews.review_candidates, self.ws, scope_unit_ids(self.ws), title=self.tr("读取项目"),
                       write=False, progress=False, on_done=self._open_recommend, on_error=self._read_failed)

    def _open_recommend(self, candidates) -> None:
        self._open(RecommendDialog(self.ws, candidates, self), self.tr("已推荐落户预审。"))

    def record_step(self) -> None:
        row = self.selected()
        if row is None or row.finished or not self.ws.site.is_city:
            return
        self._open(StepDialog(self.ws, row, self), self.tr("已登记预审步骤。"))

    def _open(self, dialog: QDialog, done: str) -> None:
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self.banner.show_message(done, "info")
                self.refresh()

        dialog.finished.connect(finished)
        dialog.open()

"""简报设置: the 报头 and 报尾 of the PDF 简报, and the chosen brief's issue number.

Opened from the 简报 page for the kind and period chosen there. The city edits:
the brief's name (for this kind), the issuing office, 密级 (“内部资料 注意保存”),
the 报/送/发 recipients, 印发份数, the rows printed per project list, and this
brief's 期号 (the calendar's by default: 2026-11 is 第11期). The 下一步工作 text
stays on the page, under the period it belongs to.

A county sees the same values read-only, with why: its 预检稿 prints its own
site's name and no number, and the city sets the rest (they arrive with sync).

Loading and saving run on the window's task runner (``zsdesk.app.reports``:
``load_brief_settings``, ``save_brief_settings``, one transaction); a refused
value is shown under its field and nothing is saved.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from zsdesk.app import ValidationError, ValidationErrors, ZsdeskError
from zsdesk.app.reports import (
    COPIES_MAX, ISSUE_MAX, LIST_LIMIT_MAX, BriefSettings, load_brief_settings, save_brief_settings,
)
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.forms.base import FORM_STYLE, BusyLine, action_button, error_messages, start_write, stop_write, \
    with_error
from zsdesk.ui.tasks import describe_error, runner_for
from zsdesk.ui.widgets.feedback import Banner, FieldError

#: the recipients, in the order the 报尾 prints them, and the field of ``BriefSettings`` holding each
RECIPIENTS = (("报", "report_to"), ("送", "send_to"), ("发", "issue_to"))


class BriefSettingsDialog(QDialog):
    """The settings of the brief of ``kind`` (周报 …) for period ``code``;
    ``kind_name`` is the kind as the page shows it. ``saved(BriefSettings)``
    after a save; ``loaded`` once the values are in the fields."""

    saved = Signal(object)
    loaded = Signal()

    def __init__(self, ws, kind: str, code: str, kind_name: str, parent=None):
        super().__init__(parent)
        self.ws, self.kind, self.code, self.kind_name = ws, kind, code, kind_name
        self.tasks = runner_for(parent)
        self.settings: BriefSettings | None = None
        self.write_task = None
        self.read_only = True            # until the values say this is the city
        self._snapshot: dict | None = None
        self.setStyleSheet(FORM_STYLE)
        self.setWindowTitle(self.tr("简报设置"))
        self.setSizeGripEnabled(True)
        self._build()
        self._set_enabled(False)
        self.tasks.run(load_brief_settings, ws, kind, code, title=self.tr("读取简报设置"), write=False,
                       progress=False, on_done=self._loaded, on_error=self._load_failed)

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        self.heading = QLabel(objectName="summary")
        self.heading.setWordWrap(True)
        self.banner = Banner()
        self.problem = Banner()
        self.errors: dict[str, tuple[FieldError, QWidget]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        self._grid, self._row = grid, 0

        self._section(self.tr("报头"))
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(30)
        self.title_caption = self._field("title", "", self.title_edit)
        self.office_edit = QLineEdit()
        self.office_edit.setMaxLength(60)
        self._field("office", self.tr("发文单位"), self.office_edit)
        self.confidential_check = QCheckBox(self.tr("报头印“内部资料  注意保存”"))
        self._field("confidential", self.tr("密级"), self.confidential_check)
        self.issue_spin = QSpinBox()
        self.issue_spin.setRange(1, ISSUE_MAX)
        self.issue_spin.setPrefix(self.tr("第"))
        self.issue_spin.setSuffix(self.tr("期"))
        self.issue_spin.valueChanged.connect(self._issue_changed)
        self.calendar_button = action_button(self.tr("按日历"))
        self.calendar_button.setToolTip(self.tr("期号按期间在年内的顺序：月报为月份，周报为周次，季报为季度"))
        self.calendar_button.clicked.connect(self.use_calendar_issue)
        self.issue_note = QLabel(objectName="recordNumber")
        issue_row = QWidget()
        line = QHBoxLayout(issue_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.issue_spin)
        line.addWidget(self.calendar_button)
        line.addWidget(self.issue_note, 1)
        self.issue_caption = self._field("issue", self.tr("本期期号"), issue_row, focus=self.issue_spin)

        self._section(self.tr("报尾"))
        self.recipient_edits: dict[str, QPlainTextEdit] = {}
        captions = {"报": self.tr("报"), "送": self.tr("送"), "发": self.tr("发")}
        for key, _attr in RECIPIENTS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().height() * 3 + 14)
            edit.setPlaceholderText(self.tr("留空则不印这一行；单位之间用逗号分隔"))
            self.recipient_edits[key] = edit
            self._field(f"recipients:{key}", captions[key], edit)
        self.copies_spin = QSpinBox()
        self.copies_spin.setRange(1, COPIES_MAX)
        self.copies_spin.setSuffix(self.tr("份"))
        self._field("copies", self.tr("印发份数"), self.copies_spin)
        self.list_limit_spin = QSpinBox()
        self.list_limit_spin.setRange(0, LIST_LIMIT_MAX)
        self.list_limit_spin.setSpecialValueText(self.tr("全部列出"))
        self.list_limit_spin.setSuffix(self.tr("行"))
        self.list_limit_spin.setToolTip(self.tr("每个项目清单最多列出的行数，按合同投资从大到小；0为全部列出。"
                                                "台账中有全部项目。"))
        self._field("list_limit", self.tr("清单行数"), self.list_limit_spin)
        self.people_check = QCheckBox(self.tr("印“个人赛马”一节（各招商人员的实绩、优秀与无实绩）"))
        self._field("people_section", self.tr("个人赛马"), self.people_check)
        for spin in (self.issue_spin, self.copies_spin, self.list_limit_spin):
            spin.setMinimumWidth(em * 7)
            spin.setMaximumWidth(em * 9)
        self.text_note = QLabel(self.tr("下一步工作在简报页上按期间填写。"), objectName="recordNumber")
        self.text_note.setWordWrap(True)
        self._grid.addWidget(self.text_note, self._row, 1)
        self._row += 1

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.busy = BusyLine()
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy, 1)
        bottom.addWidget(self.buttons)

        box = QVBoxLayout(self)
        box.setContentsMargins(12, 12, 12, 10)
        box.setSpacing(8)
        box.addWidget(self.heading)
        box.addWidget(self.banner)
        box.addWidget(self.problem)
        box.addLayout(grid)
        box.addStretch(1)
        box.addLayout(bottom)
        self.setMinimumWidth(em * 46)

    def _section(self, title: str) -> None:
        self._grid.addWidget(QLabel(title, objectName="sectionTitle"), self._row, 0, 1, 2)
        self._row += 1

    def _field(self, name: str, label: str, widget: QWidget, *, focus: QWidget | None = None) -> QLabel:
        caption = QLabel(label, objectName="fieldLabel")
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setBuddy(focus or widget)
        error = FieldError()
        self._grid.addWidget(caption, self._row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(with_error(widget, error), self._row, 1)
        self._row += 1
        self.errors[name] = (error, focus or widget)
        return caption

    def _inputs(self) -> list[QWidget]:
        return [self.title_edit, self.office_edit, self.confidential_check, self.issue_spin, self.calendar_button,
                *self.recipient_edits.values(), self.copies_spin, self.list_limit_spin, self.people_check]

    def _set_enabled(self, enabled: bool) -> None:
        for widget in self._inputs():
            widget.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    # -- loading -------------------------------------------------------------------------------
    def _loaded(self, settings: BriefSettings) -> None:
        self.settings = settings
        self.read_only = not settings.is_city
        self.heading.setText(self.tr("{0} {1}（{2}）").format(self.kind_name, settings.code, settings.period_label))
        self.title_caption.setText(self.tr("简报名称（{0}）").format(self.kind_name))
        self.title_edit.setText(settings.title)
        self.office_edit.setText("" if settings.office_is_default else settings.office)
        self.office_edit.setPlaceholderText(settings.site_name)
        self.confidential_check.setChecked(settings.confidential)
        self.issue_spin.blockSignals(True)
        self.issue_spin.setValue(settings.issue)
        self.issue_spin.blockSignals(False)
        self._issue_changed()
        for key, attr in RECIPIENTS:
            self.recipient_edits[key].setPlainText(getattr(settings, attr))
        self.copies_spin.setValue(settings.copies)
        self.list_limit_spin.setValue(settings.list_limit)
        self.people_check.setChecked(settings.people_section)
        if self.read_only:
            self.banner.show_message(self.tr(
                "本站点是县区站点：县区生成的简报是预检稿，报头印本站点名称“{0}”，不编期号。简报名称、"
                "报送范围、印发份数等由市级设置，随同步送达，这里只能查看。").format(settings.site_name), "info")
            self.issue_note.setText(self.tr("预检稿不编期号"))
            self.issue_spin.hide()
            self.calendar_button.hide()
            self.save_button.hide()
            self.cancel_button.setText(self.tr("关闭"))
            for widget in (self.title_edit, self.office_edit, *self.recipient_edits.values()):
                widget.setReadOnly(True)   # the texts stay selectable; the rest stays disabled
                widget.setEnabled(True)
        else:
            self._set_enabled(True)
            self._issue_changed()
        self._snapshot = self.values()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.problem.show_message(self.tr("无法读取简报设置：{0}").format(describe_error(exc)), "error")
        self.cancel_button.setText(self.tr("关闭"))
        self.loaded.emit()

    def _issue_changed(self, *_args) -> None:
        if self.settings is None or self.read_only:
            return
        calendar = self.settings.calendar_issue
        own = self.issue_spin.value() != calendar
        self.issue_note.setText(self.tr("按日历为第{0}期").format(calendar) if own
                                else self.tr("按日历（期间在年内的顺序）"))
        self.calendar_button.setEnabled(own)

    def use_calendar_issue(self) -> None:
        if self.settings is not None:
            self.issue_spin.setValue(self.settings.calendar_issue)

    # -- saving --------------------------------------------------------------------------------
    def values(self) -> dict:
        return {"title": self.title_edit.text(), "office": self.office_edit.text(),
                "confidential": self.confidential_check.isChecked(),
                **{attr: self.recipient_edits[key].toPlainText() for key, attr in RECIPIENTS},
                "copies": self.copies_spin.value(), "list_limit": self.list_limit_spin.value(),
                "issue": self.issue_spin.value(), "people_section": self.people_check.isChecked()}

    def is_dirty(self) -> bool:
        return not self.read_only and self._snapshot is not None and self.values() != self._snapshot

    def clear_errors(self) -> None:
        for error, _widget in self.errors.values():
            error.clear_message()
        self.problem.clear_message()

    def error_text(self, name: str) -> str:
        error = self.errors[name][0]
        return error.text() if not error.isHidden() else ""

    def save(self) -> bool:
        """Write the values (one transaction, in the runner's writer). False when nothing started."""
        if self.read_only or self.settings is None or self.write_task is not None:
            return False
        self.clear_errors()
        self._set_enabled(False)
        # the values go in a partial: one of them is called ``title``, as is the task's
        self.write_task = start_write(self, self.busy, partial(save_brief_settings, **self.values()), self.ws,
                                      self.kind, self.code, title=self.tr("保存简报设置"), on_done=self._written,
                                      on_error=self._refused, on_cancel=self._stopped)
        return True

    def _written(self, settings: BriefSettings) -> None:
        self.write_task = None
        self.settings = settings
        self._snapshot = self.values()
        self.saved.emit(settings)
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.write_task = None
        self._set_enabled(True)
        self._issue_changed()
        if isinstance(exc, ValidationError | ValidationErrors):
            self.show_errors(error_messages(exc))
        elif isinstance(exc, ZsdeskError):
            self.problem.show_message(self.tr("未保存：{0}").format(describe_error(exc)), "error")
        else:   # a bug (the runner logged its trace)
            self.problem.show_message(self.tr("保存时发生程序错误，未保存任何内容。{0}").format(log_sentence()),
                                      "error")

    def show_errors(self, errors: list[ValidationError]) -> None:
        """Each message under its field; the others in the banner; focus on the first bad field."""
        first, loose = None, []
        for e in errors:
            place = self.errors.get(e.field)
            if place is None:
                loose.append(e.message)
                continue
            error, widget = place
            error.show_message("；".join(filter(None, (error.text() if not error.isHidden() else "", e.message))))
            first = first or widget
        if loose:
            self.problem.show_message(self.tr("未保存：") + "；".join(loose), "error")
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stopped(self) -> None:
        self.write_task = None
        self._set_enabled(True)
        self._issue_changed()
        self.problem.show_message(self.tr("已停止，未保存。填写的内容仍在这里。"), "warning")

    def accept(self) -> None:
        if self.read_only:
            super().accept()
        else:
            self.save()

    def reject(self) -> None:
        if stop_write(self.write_task, self.busy):   # while saving: stop waiting, stay open
            return
        if self.is_dirty():
            box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), self.tr("放弃未保存的修改？"),
                              parent=self)
            save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton(self.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            box.exec()
            if box.clickedButton() is save:
                self.save()
                return
            if box.clickedButton() is not discard:
                return
        super().reject()

    def keyPressEvent(self, event) -> None:
        # Enter in a line edit must not save a half-checked form
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()
            return
        super().keyPressEvent(event)

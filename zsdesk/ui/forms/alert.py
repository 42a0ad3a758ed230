"""处理撞车提醒: the city settles an alert — the same investor (合并), both kept
(with a reason) or attributed to one of the two units (归属认定, the 首报首谈
suggestion pre-selected). The decision is written on the task runner and travels
to both counties with the city's next file."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget

from zsdesk.app import ValidationError
from zsdesk.app.sync import AlertRow, AlertSide, handle_alert
from zsdesk.ui.pages.reviews import WriteDialog
from zsdesk.ui.widgets.feedback import FieldError
from zsdesk.ui.widgets.pickers import ChoiceCombo


class AlertDialog(WriteDialog):
    """One open alert; ``handled`` holds what the core did once it is written."""

    OUTCOMES = ("merged", "kept", "attributed")

    def __init__(self, ws, alert: AlertRow, parent=None):
        super().__init__(ws, self.tr("处理撞车提醒"), parent)
        self.alert = alert
        self.handled = None
        self.side_labels = []
        for title, side in ((self.tr("一方"), alert.a), (self.tr("另一方"), alert.b)):
            label = QLabel(self._side(side))
            label.setWordWrap(True)
            self.form.addRow(title, label)
            self.side_labels.append(label)
        self.form.addRow(self.tr("首报首谈建议"), QLabel(alert.first_unit or self.tr("双方均无接触记录，由市级协调")))

        choices = QWidget()
        box = QVBoxLayout(choices)
        box.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.merged = QRadioButton(self.tr("同一投资方·合并"))
        self.kept = QRadioButton(self.tr("各自保留（须填写理由）"))
        self.attributed = QRadioButton(self.tr("归属认定"))
        for button in (self.merged, self.kept, self.attributed):
            self.group.addButton(button)
            box.addWidget(button)
            button.toggled.connect(self._choice_changed)
        self.merge_note = QLabel(self.tr(
            "两家企业的记录分属县区，市级不能合并：将记录为同一投资方，由县区在各自的客商库中处理。"),
            objectName="sectionNote")
        self.merge_note.setWordWrap(True)
        self.merge_note.hide()
        self.outcome_error = FieldError()
        box.addWidget(self.outcome_error)
        self.form.addRow(self.tr("处理方式"), choices)
        self.form.addRow(self.merge_note)

        unit_cell = QWidget()
        unit_box = QVBoxLayout(unit_cell)
        unit_box.setContentsMargins(0, 0, 0, 0)
        self.unit = ChoiceCombo()
        self.unit.set_choices([(s.unit_id, s.unit or self.tr("未知单元")) for s in (alert.a, alert.b) if s.unit_id])
        if alert.first_unit_id:
            self.unit.setValue(alert.first_unit_id)
        self.unit.setEnabled(False)
        unit_box.addWidget(self.unit)
        self.unit_error = FieldError()
        unit_box.addWidget(self.unit_error)
        self.form.addRow(self.tr("归属单元"), unit_cell)

        reason_cell = QWidget()
        reason_box = QVBoxLayout(reason_cell)
        reason_box.setContentsMargins(0, 0, 0, 0)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("处理理由，会随同步文件送达两个县区（各自保留时必填）"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.reason.textChanged.connect(self.reason_error_clear)
        reason_box.addWidget(self.reason)
        self.reason_error = FieldError()
        reason_box.addWidget(self.reason_error)
        self.form.addRow(self.tr("理由"), reason_cell)
        self.ok_button.setText(self.tr("确定处理"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 42)
        self.errors = {"outcome": self.outcome_error, "owner_unit_id": self.unit_error, "reason": self.reason_error}

    def _side(self, s: AlertSide) -> str:
        return self.tr("{0} · {1} · 首次接触 {2}").format(
            s.company, s.unit or self.tr("未知单元"), s.first_contact or self.tr("无"))

    def outcome(self) -> str | None:
        for name, button in zip(self.OUTCOMES, (self.merged, self.kept, self.attributed)):
            if button.isChecked():
                return name
        return None

    def choose(self, outcome: str) -> None:
        dict(zip(self.OUTCOMES, (self.merged, self.kept, self.attributed)))[outcome].setChecked(True)

    def _choice_changed(self, _checked: bool = False) -> None:
        outcome = self.outcome()
        self.unit.setEnabled(outcome == "attributed")
        # merging is the owner's write: the city records it when it holds neither record as its own
        self.merge_note.setVisible(outcome == "merged" and not (self.alert.a.own and self.alert.b.own))
        self.outcome_error.clear_message()
        self.unit_error.clear_message()
        if outcome != "kept":
            self.reason_error.clear_message()
        self.adjustSize()  # room for the note (a wrapped label does not grow a shown dialog by itself)

    def reason_error_clear(self) -> None:
        if self.reason.toPlainText().strip():
            self.reason_error.clear_message()

    def check(self) -> dict[str, str]:
        """The problems, by field (shown next to each); empty when it may be written."""
        problems = {}
        outcome = self.outcome()
        if outcome is None:
            problems["outcome"] = self.tr("请选择处理方式")
        if outcome == "kept" and not self.reason.toPlainText().strip():
            problems["reason"] = self.tr("各自保留须填写理由")
        if outcome == "attributed" and not self.unit.value():
            problems["owner_unit_id"] = self.tr("请选择归属单元")
        return problems

    def accept(self) -> None:
        problems = self.check()
        for name, line in self.errors.items():
            line.show_message(problems.get(name))
        if problems:
            self.adjustSize()
            return
        outcome = self.outcome()
        self.write(handle_alert, self.alert.id, outcome, self.reason.toPlainText().strip() or None,
                   self.unit.value() if outcome == "attributed" else None)

    def _done(self, result) -> None:
        self.handled = result
        super()._done(result)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field in self.errors:
            self.write_task = None
            self.ok_button.setEnabled(True)
            self.errors[exc.field].show_message(exc.message)
            self.adjustSize()
            return
        super()._refused(exc)

"""项目共享（飞地）: the city records that another unit (飞出地) passed a project to
the project's own unit (飞入地), with the 飞出地's shares of investment, tax and score."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from zsdesk.app import numbers, reviews
from zsdesk.ui.pages.reviews import WriteDialog
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.pickers import ChoiceCombo


def share_box(value: int = 40) -> QSpinBox:
    """A share of 0–100%: the range itself keeps the ratio valid."""
    box = QSpinBox()
    box.setRange(0, 100)
    box.setSuffix("%")
    box.setValue(value)
    return box


class ReferralDialog(WriteDialog):
    """One project's 飞地 share (a project has at most one)."""

    def __init__(self, ws, context: reviews.ReferralContext, parent=None):
        super().__init__(ws, self.tr("项目共享（飞地）"), parent)
        self.context = context
        self.form.addRow(self.tr("项目"), QLabel(f"{context.project_number} {context.project_name}"))
        self.form.addRow(self.tr("飞入地"), QLabel(context.to_unit_name))
        self.from_unit = ChoiceCombo(blank=self.tr("（请选择）"))
        self.from_unit.set_choices(context.units)
        self.form.addRow(self.tr("飞出地"), self.from_unit)
        note = QLabel(self.tr("以下为飞出地分得的比例（0–100%），其余计入飞入地。"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.investment = share_box()
        self.tax = share_box()
        self.score = share_box()
        self.form.addRow(self.tr("投资额"), self.investment)
        self.form.addRow(self.tr("税收"), self.tax)
        self.form.addRow(self.tr("考核分"), self.score)
        self.date = DateEdit(today=ws.today())
        self.date.setValue(ws.today())
        self.form.addRow(self.tr("协议日期"), self.date)
        self.note = QLineEdit()
        self.form.addRow(self.tr("备注"), self.note)
        if not ws.site.is_city:
            self.problem.show_message(self.tr("项目共享（飞地）由市级登记。"), "info")
            self.ok_button.setEnabled(False)
        elif context.existing:
            r = context.existing[0]
            self.problem.show_message(self.tr("已登记共享：飞出地 {0}，投资 {1}、税收 {2}、考核分 {3}（{4}）。").format(
                r.from_unit_name, numbers.percent(r.investment_share, 0),
                numbers.percent(r.tax_share, 0), numbers.percent(r.score_share, 0),
                r.agreed_date.isoformat()), "info")
            self.ok_button.setEnabled(False)

    def accept(self) -> None:
        if not self.from_unit.value():
            self.problem.show_message(self.tr("请选择飞出地"), "error")
            return
        self.write(reviews.add_referral, self.context.project_id, self.from_unit.value(),
                   f"{self.investment.value()}%", f"{self.tax.value()}%", f"{self.score.value()}%",
                   self.date.value(), self.note.text().strip() or None)

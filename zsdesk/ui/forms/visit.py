"""拜访 form: one visit with our people on it (saved with it, in one call)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from zsdesk.app import VISIT_KINDS
from zsdesk.app import ZsdeskError, records
from zsdesk.ui.forms.base import FormGrid, RecordForm, action_button
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.pickers import ChoiceCombo, StaffChecklist, StaffPicker


def visit_to_lead(parent, ws, visit_id: str) -> str | None:
    """转为线索 (the visit form's button, the visit list's menu): a new lead form
    filled from the visit, modal; the new lead's id once saved (the save also
    records it as the visit's 关联线索), else None."""
    from zsdesk.ui.forms import new_record

    return new_record(parent, ws, "leads", **ws.visits.lead_values(visit_id))


def _text_box(form, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(form.fontMetrics().height() * lines + 14)
    return box


class VisitForm(RecordForm):
    """A visit (拜访/走访/外出招商): date, company, kind, our participants,
    outcome and the next step with its due date. 转为线索 opens a new lead
    filled from the visit; once saved, the visit shows it as its 关联线索."""

    table = "visits"

    def __init__(self, ws, row_id=None, *, defaults=None, parent=None):
        super().__init__(ws, row_id, defaults=defaults, parent=parent)
        self.buttons.addButton(self.to_lead_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._show_to_lead()

    def field_labels(self) -> dict[str, str]:
        return {
            "unit_id": self.tr("招商单元"), "visit_date": self.tr("拜访日期"), "kind": self.tr("拜访方式"),
            "company_id": self.tr("拜访企业"), "lead_id": self.tr("关联线索"), "place": self.tr("地点"),
            "trip_days": self.tr("外出天数"), "people": self.tr("对方人员"),
            "participants": self.tr("我方人员"), "staff_id": self.tr("带队/记录人"),
            "outcome": self.tr("拜访成果"), "next_step": self.tr("下一步工作"),
            "next_due": self.tr("下一步截止"), "followup_done": self.tr("跟进已完成"),
            "number": self.tr("编号"),
        }

    def build(self, grid: FormGrid) -> None:
        from zsdesk.ui.forms import company_picker

        L = self.labels
        today = self.ws.today()
        grid.section(self.tr("拜访"))
        self.visit_date = DateEdit(today=today)
        grid.add("visit_date", L["visit_date"], self.visit_date, required=True)
        self.kind = ChoiceCombo()
        self.kind.set_choices((k, self.tr(k)) for k in VISIT_KINDS)
        grid.add("kind", L["kind"], self.kind, required=True)
        self.company = company_picker(self.ws)
        grid.add("company_id", L["company_id"], self.company, wide=True)
        self.people = QLineEdit()
        self.people.setPlaceholderText(self.tr("对方姓名、职务；未选企业时必填"))
        grid.add("people", L["people"], self.people, wide=True)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("例：上海张江"))
        grid.add("place", L["place"], self.place)
        self.trip_days = QSpinBox()
        self.trip_days.setRange(0, 999)
        self.trip_days.setSuffix(self.tr(" 天"))
        grid.add("trip_days", L["trip_days"], self.trip_days)

        grid.section(self.tr("我方"))
        self.unit = ChoiceCombo(describe=self._unit_name)
        self.unit.set_choices(self.unit_choices())
        grid.add("unit_id", L["unit_id"], self.unit, required=True)
        self.staff = StaffPicker(self.ws)
        grid.add("staff_id", L["staff_id"], self.staff)
        self.participants = StaffChecklist(self.ws)
        grid.add("participants", L["participants"], self.participants, wide=True)
        self.unit.valueChanged.connect(self._unit_changed)

        grid.section(self.tr("成果与跟进"))
        self.outcome = _text_box(self, 3)
        grid.add("outcome", L["outcome"], self.outcome, wide=True)
        self.next_step = _text_box(self, 2)
        grid.add("next_step", L["next_step"], self.next_step, wide=True)
        self.next_due = DateEdit(optional=True, today=today)
        grid.add("next_due", L["next_due"], self.next_due)
        self.followup_done = QCheckBox(self.tr("已完成"))
        grid.add("followup_done", L["followup_done"], self.followup_done)
        self.lead_note = QLabel(objectName="recordNumber")
        self.lead_note.linkActivated.connect(self._open_lead)
        self.lead_note.hide()
        self.to_lead_button = action_button(self.tr("转为线索…"))
        self.to_lead_button.setToolTip(self.tr("用本次拜访新建一条线索（带入企业、单元、责任人和拜访内容），"
                                               "保存后与本拜访关联"))
        self.to_lead_button.clicked.connect(self.convert_to_lead)  # placed next to 保存 (__init__)
        grid.layout.addWidget(self.lead_note, grid.row, 1, 1, 3)
        grid.row += 1

    def _unit_changed(self) -> None:
        unit_id = self.unit.value()
        self.staff.load(unit_id)
        self.participants.load(unit_id)

    def default_values(self) -> dict:
        values = {"unit_id": self.default_unit(), "visit_date": self.ws.today(), "kind": VISIT_KINDS[0]}
        values.update(self.defaults)
        return values

    def read(self, row_id: str) -> dict:
        values = self.service.values(row_id)
        values["participants"] = self.ws.visits.participants(row_id)
        return values

    def load_values(self, v: dict) -> None:
        self.unit.setValue(v.get("unit_id"))
        self._unit_changed()
        self.visit_date.setValue(v.get("visit_date"))
        self.kind.setValue(v.get("kind") or VISIT_KINDS[0])
        self.company.setValue(v.get("company_id"))
        self.people.setText(v.get("people") or "")
        self.place.setText(v.get("place") or "")
        self.trip_days.setValue(int(v.get("trip_days") or 0))
        self.staff.setValue(v.get("staff_id"))
        self.participants.setValue(v.get("participants") or [])
        self.outcome.setPlainText(v.get("outcome") or "")
        self.next_step.setPlainText(v.get("next_step") or "")
        self.next_due.setValue(v.get("next_due"))
        self.followup_done.setChecked(bool(v.get("followup_done")))
        self._lead_id = v.get("lead_id")
        if self._lead_id:
            try:
                lead = records.lead_ref(self.ws, self._lead_id)
                self.lead_note.setText(self.tr('关联线索：{0} {1}　<a href="open">打开线索</a>').format(
                    lead.number, escape(lead.name)))
            except ZsdeskError:  # a deleted lead: show its id
                self.lead_note.setText(self.tr("关联线索：{0}").format(self._lead_id))
            self.lead_note.show()
        else:
            self.lead_note.hide()
        self._show_to_lead()

    def set_read_only(self, read_only: bool) -> None:
        self._show_to_lead()

    def _show_to_lead(self) -> None:
        """转为线索 for a visit of this site that has no lead yet."""
        self.to_lead_button.setVisible(not self.read_only and not getattr(self, "_lead_id", None))

    def convert_to_lead(self) -> None:
        """转为线索: save the visit first when it is new or changed, then open a new
        lead filled from it (``zsdesk.services.visits.VisitService.lead_values``)."""
        if self.read_only or self.save_task is not None:
            return
        if self.row_id is None or self.is_dirty():
            self.save_finished.connect(self._saved_then_convert)
            if not self.save("stay"):  # a field refused (shown next to it): no lead yet
                self.save_finished.disconnect(self._saved_then_convert)
            return
        self._open_lead_form()

    def _saved_then_convert(self, ok: bool) -> None:
        self.save_finished.disconnect(self._saved_then_convert)
        if ok:
            self._open_lead_form()

    def _open_lead_form(self) -> None:
        try:
            lead_id = visit_to_lead(self, self.ws, self.row_id)
        except ZsdeskError as exc:  # deleted meanwhile
            self.problem.show_message(str(exc), "error")
            return
        if not lead_id:
            return
        self.saved = True  # the list reads again
        self.reload()
        self.take_snapshot()
        lead = records.lead_ref(self.ws, lead_id)
        if self._lead_id == lead_id:
            self.problem.show_message(self.tr("已转为线索 {0}，并与本拜访关联。").format(lead.number), "info")
        else:
            self.problem.show_message(self.tr("已新建线索 {0}。").format(lead.number), "info")

    def _open_lead(self, _href: str) -> None:
        from zsdesk.ui.forms import open_record

        if self._lead_id:
            open_record(self, self.ws, "leads", self._lead_id)

    def collect(self) -> dict:
        data = {
            "unit_id": self.unit.value(),
            "visit_date": self.visit_date.value(),
            "kind": self.kind.value(),
            "company_id": self.company.value(),
            "people": self.people.text().strip() or None,
            "place": self.place.text().strip() or None,
            "trip_days": self.trip_days.value(),
            "staff_id": self.staff.value(),
            "participants": self.participants.value(),
            "outcome": self.outcome.toPlainText().strip() or None,
            "next_step": self.next_step.toPlainText().strip() or None,
            "next_due": self.next_due.value(),
            "followup_done": self.followup_done.isChecked(),
        }
        if getattr(self, "_lead_id", None):
            data["lead_id"] = self._lead_id
        return data

    def record_title(self) -> str:
        if self.row_id is None:
            return self.tr("记录拜访")
        return self.tr("拜访记录 {0}").format((self.current or {}).get("number", ""))

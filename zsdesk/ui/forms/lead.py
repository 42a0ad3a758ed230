"""线索 form: a lead, its stage moves (signing makes the project) and history."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from zsdesk.app import LEAD_FLOW, LEAD_LABELS, PROJECT_LABELS, records
from zsdesk.ui.forms.base import FormGrid, RecordForm, make_table, tr
from zsdesk.ui.forms.models import StageHistoryModel
from zsdesk.ui.forms.stage import StageBar, StageDialog
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.money import MoneyEdit
from zsdesk.ui.widgets.pickers import ChoiceCombo, IndustryPicker, StaffPicker


class StagedRecordForm(RecordForm):
    """A lead or project: a stage bar on the first tab and the 阶段历史 tab."""

    def build_header(self):
        self.stage_bar = StageBar(self.table)
        self.stage_bar.move_requested.connect(self.advance)
        return self.stage_bar

    def build_history_tab(self) -> None:
        self.history_model = StageHistoryModel(self.stage_labels(), self)
        self.history_view = make_table(self.history_model, stretch=StageHistoryModel.Column.REASON)
        self.history_index = self.tabs.addTab(self.history_view, self.tr("阶段历史"))

    def refresh_stage(self) -> None:
        if self.row_id is None or self.current is None:
            self.stage_bar.hide()
            self.history_model.set_rows([])
            self.tabs.setTabEnabled(self.history_index, False)
            return
        history = records.stage_history(self.ws, self.table, self.row_id)
        self.history_model.set_rows(history)
        self.history_view.resizeColumnsToContents()
        self.tabs.setTabEnabled(self.history_index, True)
        self.stage_bar.show()
        self.stage_bar.set_stage(self.current["stage"], self.current["stage_date"], self.current.get("stage_reason"),
                                 [(h.stage, h.stage_date) for h in history], editable=not self.read_only)

    def set_read_only(self, read_only: bool) -> None:
        self.refresh_stage()

    def stage_dialog(self, stage: str) -> StageDialog:
        return StageDialog(self.ws, self.table, self.row_id, stage, parent=self)

    def advance(self, stage: str) -> str | None:
        """Run the dialog for one stage move; returns the signed lead's project id."""
        if self.row_id is None or self.read_only:
            return None
        dialog = self.stage_dialog(stage)
        try:
            if dialog.exec() != StageDialog.DialogCode.Accepted:
                return None
            self.mark_saved()
            self.after_advance(stage, dialog.project_id)
            return dialog.project_id
        finally:
            dialog.deleteLater()

    def after_advance(self, stage: str, project_id: str | None) -> None:
        self.problem.show_message(self.tr("已推进到“{0}”。").format(tr(self.stage_labels()[stage])), "info")

    def stage_labels(self) -> dict[str, str]:
        return LEAD_LABELS if self.table == "leads" else PROJECT_LABELS

    def refresh_tabs(self) -> None:
        self.refresh_stage()


class LeadForm(StagedRecordForm):
    """A lead (线索/在谈项目). A new lead starts at a stage before 签约; later
    moves are actions. Signing asks the contract investment and creates the
    project (``created_project_id``), offered to open from the banner."""

    table = "leads"

    def __init__(self, ws, row_id=None, *, defaults=None, parent=None):
        self.created_project_id: str | None = None
        #: 转为线索: the visit this new lead is made from (linked to it when saved)
        self.from_visit_id: str | None = (defaults or {}).get("from_visit_id") if row_id is None else None
        super().__init__(ws, row_id, defaults=defaults, parent=parent)
        self.problem.label.linkActivated.connect(self._open_project)
        if self.from_visit_id:
            self.problem.show_message(self.tr("由拜访转为线索：已带入企业、单元、责任人和拜访内容，"
                                              "请填写项目名称后保存。"), "info")
            self.name.setFocus()

    def field_labels(self) -> dict[str, str]:
        return {
            "unit_id": self.tr("招商单元"), "company_id": self.tr("企业"), "name": self.tr("项目名称"),
            "industry_id": self.tr("产业/链环节"), "planned_investment": self.tr("计划投资"),
            "foreign_investment_usd": self.tr("其中外资"), "source": self.tr("线索来源"),
            "owner_staff_id": self.tr("包保责任人"), "first_reported": self.tr("首报日期"),
            "next_followup": self.tr("下次跟进"), "notes": self.tr("备注"), "stage": self.tr("阶段"),
            "stage_date": self.tr("阶段日期"), "stage_reason": self.tr("阶段原因"), "number": self.tr("编号"),
        }

    def build(self, grid: FormGrid) -> None:
        from zsdesk.ui.forms import company_picker

        L = self.labels
        today = self.ws.today()
        grid.section(self.tr("线索"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        grid.add("name", L["name"], self.name, required=True, wide=True)
        self.company = company_picker(self.ws)
        grid.add("company_id", L["company_id"], self.company, required=True, wide=True)
        self.industry = IndustryPicker(self.ws)
        grid.add("industry_id", L["industry_id"], self.industry)
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("例：以商招商、展会、中介"))
        grid.add("source", L["source"], self.source)
        self.planned = MoneyEdit(field="planned_investment")
        grid.add("planned_investment", L["planned_investment"], self.planned)
        self.foreign = MoneyEdit(field="foreign_investment_usd", unit=self.tr("万美元"))
        grid.add("foreign_investment_usd", L["foreign_investment_usd"], self.foreign)

        grid.section(self.tr("责任与跟进"))
        self.unit = ChoiceCombo(describe=self._unit_name)
        self.unit.set_choices(self.unit_choices())
        grid.add("unit_id", L["unit_id"], self.unit, required=True)
        self.owner = StaffPicker(self.ws)
        grid.add("owner_staff_id", L["owner_staff_id"], self.owner)
        self.first_reported = DateEdit(today=today)
        grid.add("first_reported", L["first_reported"], self.first_reported, required=True)
        self.next_followup = DateEdit(optional=True, today=today)
        grid.add("next_followup", L["next_followup"], self.next_followup)
        self.initial_stage = ChoiceCombo()
        self.initial_stage.set_choices((s, tr(LEAD_LABELS[s])) for s in LEAD_FLOW[:-1])
        self.initial_stage.setToolTip(self.tr("之后的阶段变化用“推进”操作记录"))
        grid.add("stage", self.tr("初始阶段"), self.initial_stage)
        self.stage_date = DateEdit(today=today)
        grid.add("stage_date", L["stage_date"], self.stage_date)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        grid.add("notes", L["notes"], self.notes, wide=True)
        self.unit.valueChanged.connect(lambda: self.owner.load(self.unit.value()))

    def build_tabs(self) -> None:
        self.build_history_tab()

    def default_values(self) -> dict:
        today = self.ws.today()
        values = {"unit_id": self.default_unit(), "first_reported": today, "stage": "clue", "stage_date": today}
        values.update(self.defaults)
        return values

    def load_values(self, v: dict) -> None:
        self.name.setText(v.get("name") or "")
        self.company.setValue(v.get("company_id"))
        self.industry.setValue(v.get("industry_id"))
        self.source.setText(v.get("source") or "")
        self.planned.setValue(v.get("planned_investment"))
        self.foreign.setValue(v.get("foreign_investment_usd"))
        self.unit.setValue(v.get("unit_id"))
        self.owner.load(self.unit.value())
        self.owner.setValue(v.get("owner_staff_id"))
        self.first_reported.setValue(v.get("first_reported"))
        self.next_followup.setValue(v.get("next_followup"))
        self.notes.setPlainText(v.get("notes") or "")
        new = self.row_id is None
        for name in ("stage", "stage_date"):
            self.fields[name].set_visible(new)
        if new:
            self.initial_stage.setValue(v.get("stage") or "clue")
            self.stage_date.setValue(v.get("stage_date"))

    def collect(self) -> dict:
        data = {
            "unit_id": self.unit.value(),
            "company_id": self.company.value(),
            "name": self.name.text().strip(),
            "industry_id": self.industry.value(),
            "source": self.source.text().strip() or None,
            "planned_investment": self.planned.raw_value(),
            "foreign_investment_usd": self.foreign.raw_value(),
            "owner_staff_id": self.owner.value(),
            "first_reported": self.first_reported.value(),
            "next_followup": self.next_followup.value(),
            "notes": self.notes.toPlainText().strip() or None,
        }
        if self.row_id is None:
            data["stage"] = self.initial_stage.value()
            data["stage_date"] = self.stage_date.value()
        return data

    def create(self, data: dict) -> str:
        if self.from_visit_id:  # the lead, and the visit's 关联线索, in one write
            return self.ws.visits.create_lead(self.from_visit_id, data)
        return super().create(data)

    def record_title(self) -> str:
        if self.row_id is None:
            return self.tr("新建线索")
        v = self.current or {}
        return self.tr("线索 {0} — {1}").format(v.get("number", ""), v.get("name", ""))

    def stage_dialog(self, stage: str) -> StageDialog:
        planned = (self.current or {}).get("planned_investment")
        return StageDialog(self.ws, self.table, self.row_id, stage, planned=planned, parent=self)

    def refresh_stage(self) -> None:
        super().refresh_stage()
        if self.row_id and self.current and self.current.get("stage") == "signed" \
                and self.created_project_id is None:
            self.created_project_id = self.ws.projects.id_for_lead(self.row_id)

    def after_advance(self, stage: str, project_id: str | None) -> None:
        if project_id:
            self.created_project_id = project_id
            number = records.project_number(self.ws, project_id)
            self.problem.show_message(
                self.tr('已签约，生成签约项目 {0}。<a href="open">打开项目</a>').format(number), "info", rich=True)
            return
        super().after_advance(stage, project_id)

    def _open_project(self, _href: str) -> None:
        if self.created_project_id:
            from zsdesk.ui.forms import open_record
            open_record(self, self.ws, "projects", self.created_project_id)

"""签约项目 form: the project, its stage moves, capital arrivals, problems,
attachments, stage history and audit trail."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit

from zsdesk.app import PROJECT_CATEGORIES, ZsdeskError, records
from zsdesk.ui.forms.base import FormGrid, action_button
from zsdesk.ui.forms.lead import StagedRecordForm
from zsdesk.ui.forms.panels import ArrivalsPanel, AttachmentsPanel, ProblemsPanel, StageEntriesPanel
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.money import MoneyEdit
from zsdesk.ui.widgets.pickers import ChoiceCombo, IndustryPicker, StaffPicker
from zsdesk.ui.widgets.files import open_in_system


class ProjectForm(StagedRecordForm):
    """A signed project (签约项目). Stages move by actions (推进到开工… with a date);
    arrivals, problems and attachments are added in their tabs once the
    project is saved."""

    table = "projects"
    referral_dialog: QDialog | None = None  # the 飞地 dialog while it is open

    def field_labels(self) -> dict[str, str]:
        return {
            "unit_id": self.tr("招商单元"), "company_id": self.tr("企业"), "name": self.tr("项目名称"),
            "industry_id": self.tr("产业/链环节"), "category": self.tr("项目类别"), "lead_id": self.tr("来源线索"),
            "contract_date": self.tr("签约日期"), "contract_investment": self.tr("合同投资"),
            "foreign_investment_usd": self.tr("其中外资"), "land_mu": self.tr("用地"),
            "carrier_id": self.tr("载体"), "jobs": self.tr("新增就业"), "expected_output": self.tr("预计年产值"),
            "expected_tax": self.tr("预计年税收"), "owner_staff_id": self.tr("包保责任人"),
            "notes": self.tr("备注"), "stage": self.tr("阶段"), "stage_date": self.tr("阶段日期"),
            "stage_reason": self.tr("阶段原因"), "number": self.tr("编号"),
        }

    def build(self, grid: FormGrid) -> None:
        from zsdesk.ui.forms import company_picker

        L = self.labels
        today = self.ws.today()
        grid.section(self.tr("项目"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        grid.add("name", L["name"], self.name, required=True, wide=True)
        self.company = company_picker(self.ws)
        grid.add("company_id", L["company_id"], self.company, required=True, wide=True)
        self.contract_date = DateEdit(today=today)
        grid.add("contract_date", L["contract_date"], self.contract_date, required=True)
        self.industry = IndustryPicker(self.ws)
        grid.add("industry_id", L["industry_id"], self.industry)
        # 工业/服务业/农业/其他: the person-level 赛马 counts 工业 projects
        self.category = ChoiceCombo(blank=self.tr("（未填）"))
        self.category.set_choices((c, self.tr(c)) for c in PROJECT_CATEGORIES)
        self.category.setToolTip(self.tr("个人赛马的优秀规则按工业项目计算；未填类别的项目不算工业项目"))
        grid.add("category", L["category"], self.category)
        self.investment = MoneyEdit(field="contract_investment")
        grid.add("contract_investment", L["contract_investment"], self.investment, required=True)
        self.foreign = MoneyEdit(field="foreign_investment_usd", unit=self.tr("万美元"))
        grid.add("foreign_investment_usd", L["foreign_investment_usd"], self.foreign)

        grid.section(self.tr("建设与效益"))
        self.land = MoneyEdit(field="land_mu", unit=self.tr("亩"))
        self.land.setPlaceholderText("")
        grid.add("land_mu", L["land_mu"], self.land)
        self.carrier = ChoiceCombo(blank=self.tr("（无）"), describe=self._carrier_name)
        grid.add("carrier_id", L["carrier_id"], self.carrier)
        self.jobs = QLineEdit()
        self.jobs.setPlaceholderText(self.tr("人"))
        grid.add("jobs", L["jobs"], self.jobs)
        self.output = MoneyEdit(field="expected_output", unit=self.tr("万元/年"))
        grid.add("expected_output", L["expected_output"], self.output)
        self.tax = MoneyEdit(field="expected_tax", unit=self.tr("万元/年"))
        grid.add("expected_tax", L["expected_tax"], self.tax)

        grid.section(self.tr("责任"))
        self.unit = ChoiceCombo(describe=self._unit_name)
        self.unit.set_choices(self.unit_choices())
        grid.add("unit_id", L["unit_id"], self.unit, required=True)
        self.owner = StaffPicker(self.ws)
        grid.add("owner_staff_id", L["owner_staff_id"], self.owner)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        grid.add("notes", L["notes"], self.notes, wide=True)
        self.lead_note = QLabel(objectName="recordNumber")
        grid.layout.addWidget(self.lead_note, grid.row, 1, 1, 3)
        grid.row += 1
        # 飞地: the city records a project shared between two units
        self.referral_button = action_button(self.tr("项目共享（飞地）…"))
        self.referral_button.clicked.connect(self.open_referral)
        self.referral_button.setVisible(False)
        grid.layout.addWidget(self.referral_button, grid.row, 1, 1, 1)
        # 项目一页纸: the saved project on one A4 page (a printout: read-only records too)
        self.sheet_button = action_button(self.tr("项目一页纸…"))
        self.sheet_button.setToolTip(self.tr("把本项目的基本情况、进度、资金到位和存在问题生成一页PDF"))
        self.sheet_button.clicked.connect(self.make_sheet)
        self.sheet_button.setVisible(False)
        self.open_sheet_button = action_button(self.tr("打开一页纸"))
        self.open_sheet_button.clicked.connect(self.open_sheet)
        self.open_sheet_button.setVisible(False)
        grid.row += 1
        sheet_row = QHBoxLayout()
        sheet_row.setContentsMargins(0, 0, 0, 0)
        sheet_row.addWidget(self.sheet_button)
        sheet_row.addWidget(self.open_sheet_button)
        sheet_row.addStretch(1)
        grid.layout.addLayout(sheet_row, grid.row, 1, 1, 3)
        grid.row += 1
        self.sheet_task = None
        self.sheet_path: str | None = None
        self.unit.valueChanged.connect(self._unit_changed)

    def _unit_changed(self) -> None:
        unit_id = self.unit.value()
        self.owner.load(unit_id)
        self.carrier.set_choices((c.id, f"{c.name}（{c.kind}）") for c in records.carrier_choices(self.ws, unit_id))

    def build_tabs(self) -> None:
        self.arrivals = ArrivalsPanel(self.ws)
        self.problems = ProblemsPanel(self.ws)
        self.attachments = AttachmentsPanel(self.ws, "projects")
        self.arrivals_index = self.tabs.addTab(self.arrivals, self.tr("资金到位"))
        self.problems_index = self.tabs.addTab(self.problems, self.tr("待协调问题"))
        self.attachments_index = self.tabs.addTab(self.attachments, self.tr("附件"))
        for panel in (self.arrivals, self.problems, self.attachments):
            panel.changed.connect(self.mark_saved)
        self.build_history_tab()

    def build_history_tab(self) -> None:
        """阶段历史 with the owner's corrections (a move's date and reason, or the move deleted)."""
        self.stages = StageEntriesPanel(self.ws, self.stage_labels())
        self.stages.changed.connect(self.mark_saved)   # it re-reads the project's stage too
        self.history_model = self.stages.model
        self.history_view = self.stages.view
        self.history_index = self.tabs.addTab(self.stages, self.tr("阶段历史"))

    def default_values(self) -> dict:
        values = {"unit_id": self.default_unit(), "contract_date": self.ws.today()}
        values.update(self.defaults)
        return values

    def load_values(self, v: dict) -> None:
        self.name.setText(v.get("name") or "")
        self.company.setValue(v.get("company_id"))
        self.contract_date.setValue(v.get("contract_date"))
        self.industry.setValue(v.get("industry_id"))
        self.category.setValue(v.get("category"))
        self.investment.setValue(v.get("contract_investment"))
        self.foreign.setValue(v.get("foreign_investment_usd"))
        self.land.setValue(v.get("land_mu"))
        self.unit.setValue(v.get("unit_id"))
        self._unit_changed()
        self.carrier.setValue(v.get("carrier_id"))
        self.jobs.setText("" if v.get("jobs") is None else str(v["jobs"]))
        self.output.setValue(v.get("expected_output"))
        self.tax.setValue(v.get("expected_tax"))
        self.owner.setValue(v.get("owner_staff_id"))
        self.notes.setPlainText(v.get("notes") or "")
        self._lead_id = v.get("lead_id")
        if self._lead_id:
            try:
                lead = records.lead_ref(self.ws, self._lead_id)
                self.lead_note.setText(self.tr("来源线索：{0} {1}").format(lead.number, lead.name))
            except ZsdeskError:  # a deleted lead: show its id
                self.lead_note.setText(self.tr("来源线索：{0}").format(self._lead_id))
        self.lead_note.setVisible(bool(self._lead_id))

    def collect(self) -> dict:
        data = {
            "unit_id": self.unit.value(),
            "company_id": self.company.value(),
            "name": self.name.text().strip(),
            "contract_date": self.contract_date.value(),
            "industry_id": self.industry.value(),
            "category": self.category.value(),
            "contract_investment": self.investment.raw_value(),
            "foreign_investment_usd": self.foreign.raw_value(),
            "land_mu": self.land.raw_value(),
            "carrier_id": self.carrier.value(),
            "jobs": self.jobs.text().strip() or None,
            "expected_output": self.output.raw_value(),
            "expected_tax": self.tax.raw_value(),
            "owner_staff_id": self.owner.value(),
            "notes": self.notes.toPlainText().strip() or None,
        }
        if getattr(self, "_lead_id", None):
            data["lead_id"] = self._lead_id
        return data

    def refresh_tabs(self) -> None:
        super().refresh_tabs()
        saved = self.row_id is not None
        self.arrivals.contract_investment = (self.current or {}).get("contract_investment")
        for panel, index in ((self.arrivals, self.arrivals_index), (self.problems, self.problems_index),
                             (self.attachments, self.attachments_index)):
            panel.set_project(self.row_id)
            self.tabs.setTabEnabled(index, saved)
            self.tabs.setTabToolTip(index, "" if saved else self.tr("保存项目后可添加"))
        self.referral_button.setVisible(saved and self.ws.site.is_city)
        self.sheet_button.setVisible(saved)

    def open_referral(self) -> None:
        """The 飞地 dialog of the saved project (city only)."""
        from zsdesk.app import reviews
        from zsdesk.ui.forms.referral import ReferralDialog

        if self.row_id is None or not self.ws.site.is_city:
            return
        self.referral_dialog = ReferralDialog(self.ws, reviews.referral_context(self.ws, self.row_id), self)
        self.referral_dialog.finished.connect(self._referral_done)
        self.referral_dialog.open()

    def _referral_done(self, result: int) -> None:
        dialog, self.referral_dialog = self.referral_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self.problem.show_message(self.tr("已登记项目共享（飞地）。"), "info")

    def make_sheet(self) -> None:
        """Ask where to save the 项目一页纸, then write it on the task runner."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from zsdesk.app import documents
        from zsdesk.ui import options

        if self.row_id is None or self.sheet_task is not None:
            return
        v = self.current or {}
        name = documents.sheet_file_name(v.get("number", ""), v.get("name", ""))
        folder = options.start_folder(options.brief_folder)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("项目一页纸保存为"), str(Path(folder) / name),
                                              self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        options.brief_folder.set(str(Path(path).parent))
        self.sheet_button.setEnabled(False)
        self.open_sheet_button.setVisible(False)
        self.problem.clear_message()
        self.sheet_task = self.tasks.run(documents.project_sheet, self.ws, self.row_id, path,
                                         title=self.tr("生成项目一页纸"), write=False,
                                         on_done=self._sheet_made, on_error=self._sheet_failed)

    def _sheet_made(self, path) -> None:
        self.sheet_task = None
        self.sheet_path = str(path)
        self.sheet_button.setEnabled(True)
        self.open_sheet_button.setVisible(True)
        text = self.tr("已生成项目一页纸：{0}。点“打开一页纸”查看或打印。").format(path)
        if self.is_dirty():
            text += self.tr("（表单中尚未保存的修改不在其中）")
        self.problem.show_message(text, "info")

    def _sheet_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.sheet_task = None
        self.sheet_button.setEnabled(True)
        self.problem.show_message(self.tr("没有生成项目一页纸：{0}").format(describe_error(exc)), "error")

    def open_sheet(self) -> None:
        if self.sheet_path and not open_in_system(self.sheet_path):
            self.problem.show_message(self.tr("系统没有能打开PDF的程序：{0}").format(self.sheet_path), "error")

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        # the partner county of a shared project (飞地) adds arrivals and problems on its side
        partner = read_only and self.row_id is not None and \
            self.ws.site.id in self.ws.projects.partner_sites(self.row_id)
        for panel in (self.arrivals, self.problems):
            panel.set_editable(not read_only or partner)
        self.attachments.set_editable(not read_only)
        self.stages.set_editable(not read_only)   # stage entries are the owner's
        if partner:
            self.banner.show_message(self.tr("共享项目（飞地）：本站点可添加资金到位和待协调问题，其余只读"), "info")

    def record_title(self) -> str:
        if self.row_id is None:
            return self.tr("新建签约项目")
        v = self.current or {}
        return self.tr("项目 {0} — {1}").format(v.get("number", ""), v.get("name", ""))

"""设置: the interface language, who uses this computer, and the reference data
the city office keeps — units, this year's targets, the scoring rules and the
亮灯 time limits. A county sees the same, read-only ("由市级维护").

Every save goes through the services in a write task; what the core refuses
(``ValidationError``: field and message) is shown next to the field, or in the
row of the targets table, and nothing is saved half-way.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from zsdesk.app import numbers
from zsdesk.app import TARGET_METRICS, reference
from zsdesk.app import ValidationError, ValidationErrors
from zsdesk.app import DEFAULT_LIGHT_LIMITS
from zsdesk.app.people import people_rule, set_people_rule
from zsdesk.ui import i18n
from zsdesk.ui.pages import apply_my_staff, my_staff_id, set_my_staff_id
from zsdesk.ui.tasks import describe_error
from zsdesk.ui.widgets.page import panel, scrolling_body

EDITED = QColor("#FFF6D6")
REFUSED = QColor("#FDE2E0")
INACTIVE = QColor("#8A94A6")


# --- reading (worker thread) -----------------------------------------------------------------

@dataclass
class UnitRow:
    id: str
    code: str
    name: str
    site: str          # the site that keeps the unit's records ("" when not assigned yet)
    active: bool


@dataclass
class SettingsData:
    year: int
    units: list[UnitRow]
    targets: dict[str, dict[str, Decimal]]   # unit id -> metric -> value
    rules_version: int | None
    weights: dict[str, float]
    deductions: dict[str, float]
    limits: dict[str, int]
    staff: list[tuple[str, str]]             # (id, "name · unit")
    roster: list[StaffRow] = dataclass_field(default_factory=list)     # 招商人员 this site may see, active or not
    roster_units: list[tuple[str, str]] = dataclass_field(default_factory=list)   # (id, name) a person may belong to
    people_rule: object | None = None        # app.people.PeopleRuleInfo: the 优秀 rule of 个人赛马


@dataclass
class StaffRow:
    id: str
    unit_id: str
    unit: str          # the unit's name
    name: str
    title: str
    phone: str
    active: bool


def load_settings(ws) -> SettingsData:
    ref = ws.reference
    year = ws.today().year
    units = reference.list_units(ws, include_inactive=True)
    names = {}
    rows = []
    for u in units:
        if u.site_id and u.site_id not in names:
            names[u.site_id] = ws.site_name_of(u.site_id)
        rows.append(UnitRow(u.id, u.code, u.name, names.get(u.site_id, "") if u.site_id else "", u.active))
    rules = reference.scoring_rules(ws, year)  # None: no rules yet, the form starts empty
    version, weights, deductions = (rules.version, rules.weights, rules.deductions) if rules else (None, {}, {})
    unit_names = {u.id: u.name for u in units}
    staff = [(s.id, f"{s.name} · {unit_names.get(s.unit_id, '')}") for s in reference.list_staff(ws)]
    scope = reference.scope_unit_ids(ws)
    roster = [StaffRow(s.id, s.unit_id, unit_names.get(s.unit_id, ""), s.name, s.title or "", s.phone or "",
                       s.active) for s in reference.list_roster(ws, unit_ids=scope)]
    roster_units = [(u.id, u.name) for u in units if u.active and (scope is None or u.id in scope)]
    return SettingsData(year, rows, ref.targets_for(year), version, weights, deductions, ref.light_limits(),
                        staff, roster, roster_units, people_rule(ws))


# --- models ------------------------------------------------------------------------------------

class UnitColumn(IntEnum):
    CODE = 0
    NAME = 1
    SITE = 2
    STATE = 3


class UnitsModel(QAbstractTableModel):
    """招商单元: code, name, the site that keeps it, in use or not."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[UnitRow] = []
        self._headers = {UnitColumn.CODE: self.tr("代码"), UnitColumn.NAME: self.tr("名称"),
                         UnitColumn.SITE: self.tr("所属站点"), UnitColumn.STATE: self.tr("状态")}

    def set_units(self, rows: list[UnitRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(UnitColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(UnitColumn):
            return self._headers[UnitColumn(section)]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        u = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == UnitColumn.CODE:
                return u.code
            if column == UnitColumn.NAME:
                return u.name
            if column == UnitColumn.SITE:
                return u.site or self.tr("（未分配）")
            return self.tr("在用") if u.active else self.tr("已停用")
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return INACTIVE
        return None


class StaffColumn(IntEnum):
    NAME = 0
    UNIT = 1
    TITLE = 2
    PHONE = 3
    STATE = 4


class StaffModel(QAbstractTableModel):
    """招商人员: name, unit, position, phone, in use or not."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[StaffRow] = []
        self._headers = {StaffColumn.NAME: self.tr("姓名"), StaffColumn.UNIT: self.tr("招商单元"),
                         StaffColumn.TITLE: self.tr("职务"), StaffColumn.PHONE: self.tr("电话"),
                         StaffColumn.STATE: self.tr("状态")}

    def set_staff(self, rows: list[StaffRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(StaffColumn)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(StaffColumn):
            return self._headers[StaffColumn(section)]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {StaffColumn.NAME: p.name, StaffColumn.UNIT: p.unit, StaffColumn.TITLE: p.title,
                    StaffColumn.PHONE: p.phone,
                    StaffColumn.STATE: self.tr("在用") if p.active else self.tr("已停用")}[StaffColumn(index.column())]
        if role == Qt.ItemDataRole.ForegroundRole and not p.active:
            return INACTIVE
        return None


class TargetsModel(QAbstractTableModel):
    """This year's targets: a row per unit, a column per target line. Edits are
    kept until saved; a refused cell shows why (tooltip, colour)."""

    UNIT = 0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.units: list[UnitRow] = []
        self.values: dict[str, dict[str, Decimal]] = {}
        self.edits: dict[tuple[int, int], str] = {}
        self.errors: dict[tuple[int, int], str] = {}
        self.editable = False
        self._headers = [self.tr("招商单元"), self.tr("签约项目\n(个)"), self.tr("签约金额\n(万元)"),
                         self.tr("亿元以上\n项目(个)"), self.tr("开工项目\n(个)"), self.tr("到位资金\n(万元)"),
                         self.tr("拜访企业\n(次)")]

    def set_targets(self, units: list[UnitRow], values: dict[str, dict[str, Decimal]], *,
                    keep_edits: bool = False) -> None:
        """Show ``values``. ``keep_edits``: a reload of the page keeps the cells
        typed but not yet saved (those that differ from what is now stored)."""
        typed = {(self.units[r].id, c): text for (r, c), text in self.edits.items()} if keep_edits else {}
        self.beginResetModel()
        self.units = [u for u in units if u.active]
        self.values = values
        self.edits.clear()
        self.errors.clear()
        for row, unit in enumerate(self.units):
            for column in range(1, len(TARGET_METRICS) + 1):
                text = typed.get((unit.id, column))
                if text is not None and text != self._text(row, column):
                    self.edits[(row, column)] = text
        self.endResetModel()

    @staticmethod
    def metric(column: int) -> str:
        return TARGET_METRICS[column - 1]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(TARGET_METRICS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() != self.UNIT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _text(self, row: int, column: int) -> str:
        if (row, column) in self.edits:
            return self.edits[(row, column)]
        value = self.values.get(self.units[row].id, {}).get(self.metric(column))
        if value is None:
            return ""
        value = Decimal(value)
        return f"{int(value)}" if value == value.to_integral_value() else f"{value.normalize():f}"

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        row, column = index.row(), index.column()
        key = (row, column)
        if column == self.UNIT:
            return self.units[row].name if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole and key not in self.edits:
            text = self._text(row, column)
            return numbers.exact(text, unknown="") if text else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.errors:
                return REFUSED
            if key in self.edits:
                return EDITED
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.errors.get(key)
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() == self.UNIT \
                or not self.editable:
            return False
        key = (index.row(), index.column())
        text = str(value if value is not None else "").strip()
        self.edits.pop(key, None)
        self.errors.pop(key, None)
        if text != self._text(*key):
            self.edits[key] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                             Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])
        return True

    def pending(self) -> list[tuple[int, int, str, str, str]]:
        """(row, column, unit id, metric, text) of every edit."""
        return [(r, c, self.units[r].id, self.metric(c), text) for (r, c), text in sorted(self.edits.items())]

    def set_errors(self, errors: dict[tuple[int, int], str]) -> None:
        self.errors = dict(errors)
        if self.units:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.units) - 1, len(TARGET_METRICS)))


# --- small dialogs --------------------------------------------------------------------------------

class UnitDialog(QDialog):
    """Add a unit (code and name) or rename one; the service checks, the message
    goes next to the field it names."""

    def __init__(self, ws, tasks, parent=None, *, unit: UnitRow | None = None):
        super().__init__(parent)
        self.ws, self.tasks, self.unit = ws, tasks, unit
        self.result_id: str | None = None
        self.setWindowTitle(self.tr("重命名招商单元") if unit else self.tr("新增招商单元"))
        form = QFormLayout(self)
        self.code_edit = QLineEdit(unit.code if unit else "")
        self.code_edit.setEnabled(unit is None)
        self.name_edit = QLineEdit(unit.name if unit else "")
        self.code_error = _error_label()
        self.name_error = _error_label()
        self.other_error = _error_label()
        form.addRow(self.tr("单元代码"), self.code_edit)
        form.addRow("", self.code_error)
        form.addRow(self.tr("单元名称"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(self.other_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(380)

    def save(self) -> None:
        for label in (self.code_error, self.name_error, self.other_error):
            label.hide()
        self.buttons.setEnabled(False)
        if self.unit is None:
            values = {"code": self.code_edit.text(), "name": self.name_edit.text()}
            self.tasks.run(self.ws.reference.units.create, values, title=self.tr("新增招商单元"), retry_locked=True,
                           on_done=self._saved, on_error=self._refused)
        else:
            self.tasks.run(self.ws.reference.units.update, self.unit.id, {"name": self.name_edit.text()},
                           title=self.tr("重命名招商单元"), retry_locked=True, on_done=self._saved,
                           on_error=self._refused)

    def _saved(self, result) -> None:
        self.result_id = result if isinstance(result, str) else (self.unit.id if self.unit else None)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        targets = {"code": self.code_error, "name": self.name_error}
        for field, message in _field_messages(exc):
            _show(targets.get(field, self.other_error), message)


class StaffDialog(QDialog):
    """Add a person (unit, name, position, phone) or edit one; the service checks,
    the message goes next to the field it names."""

    def __init__(self, ws, tasks, units: list[tuple[str, str]], parent=None, *, person: StaffRow | None = None):
        super().__init__(parent)
        self.ws, self.tasks, self.person = ws, tasks, person
        self.setWindowTitle(self.tr("编辑招商人员") if person else self.tr("新增招商人员"))
        form = QFormLayout(self)
        self.unit_combo = QComboBox()
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        if person is not None and self.unit_combo.findData(person.unit_id) < 0:
            self.unit_combo.addItem(person.unit, person.unit_id)   # a unit since stopped
        if person is not None:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(person.unit_id))
        self.name_edit = QLineEdit(person.name if person else "")
        self.title_edit = QLineEdit(person.title if person else "")
        self.phone_edit = QLineEdit(person.phone if person else "")
        self.errors = {key: _error_label() for key in ("unit_id", "name", "title", "phone", "")}
        for label, widget, key in ((self.tr("招商单元"), self.unit_combo, "unit_id"),
                                   (self.tr("姓名"), self.name_edit, "name"),
                                   (self.tr("职务"), self.title_edit, "title"),
                                   (self.tr("电话"), self.phone_edit, "phone")):
            form.addRow(label, widget)
            form.addRow("", self.errors[key])
        form.addRow(self.errors[""])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(380)

    def values(self) -> dict:
        return {"unit_id": self.unit_combo.currentData() or "", "name": self.name_edit.text(),
                "title": self.title_edit.text(), "phone": self.phone_edit.text()}

    def save(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.buttons.setEnabled(False)
        if self.person is None:
            self.tasks.run(reference.add_staff, self.ws, self.values(), title=self.tr("新增招商人员"),
                           retry_locked=True, on_done=lambda _r: self.accept(), on_error=self._refused)
        else:
            self.tasks.run(reference.edit_staff, self.ws, self.person.id, self.values(),
                           title=self.tr("编辑招商人员"), retry_locked=True, on_done=lambda _r: self.accept(),
                           on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        for key, message in _field_messages(exc):
            _show(self.errors.get(key, self.errors[""]), message)


class StaffTargetsDialog(QDialog):
    """个人目标 (the city): a person's target for a year and metric, and the
    targets already set for that year."""

    def __init__(self, ws, tasks, people: list[StaffRow], metric_names: list[str], year: int, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.names = {p.id: p.name for p in people}
        self.metric_names = dict(zip(TARGET_METRICS, metric_names))
        self.setWindowTitle(self.tr("个人考核目标"))
        form = QFormLayout(self)
        self.year_edit = QLineEdit(str(year))
        self.year_edit.setMaximumWidth(80)
        self.year_edit.editingFinished.connect(self.refresh)
        self.person_combo = QComboBox()
        for p in people:
            if p.active:
                self.person_combo.addItem(f"{p.name} · {p.unit}", p.id)
        self.metric_combo = QComboBox()
        for metric in TARGET_METRICS:
            self.metric_combo.addItem(self.metric_names[metric], metric)
        self.value_edit = QLineEdit()
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.errors = {key: _error_label() for key in ("year", "value", "")}
        form.addRow(self.tr("年度"), self.year_edit)
        form.addRow("", self.errors["year"])
        form.addRow(self.tr("招商人员"), self.person_combo)
        form.addRow(self.tr("指标"), self.metric_combo)
        form.addRow(self.tr("目标值"), self.value_edit)
        form.addRow("", self.errors["value"])
        form.addRow(self.errors[""])
        self.save_button = QPushButton(self.tr("保存此目标"))
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        self.list_label = QLabel(objectName="sectionNote")
        self.list_label.setWordWrap(True)
        form.addRow(self.tr("已设目标"), self.list_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        form.addRow(close)
        self.setMinimumWidth(420)
        self.refresh()

    def year(self) -> int | None:
        text = self.year_edit.text().strip()
        return int(text) if text.isdigit() else None

    def refresh(self) -> None:
        year = self.year()
        if year is None:
            self.list_label.setText("")
            return
        self.tasks.run(reference.staff_targets, self.ws, year, title=self.tr("读取个人目标"), write=False,
                       progress=False, on_done=self._listed,
                       on_error=lambda exc: _show(self.errors[""], describe_error(exc)))

    def _listed(self, targets) -> None:
        lines = [f"{self.names.get(t.staff_id, t.staff_id)} · {self.metric_names.get(t.metric, t.metric)}："
                 f"{_plain(t.value)}" for t in targets]
        self.list_label.setText("\n".join(sorted(lines)) if lines else self.tr("（无）"))

    def save(self) -> None:
        for label in self.errors.values():
            label.hide()
        staff_id = self.person_combo.currentData()
        if not staff_id:
            _show(self.errors[""], self.tr("请先新增招商人员。"))
            return
        self.save_button.setEnabled(False)
        self.tasks.run(reference.set_staff_target, self.ws, self.year_edit.text(), staff_id,
                       self.metric_combo.currentData(), self.value_edit.text(), title=self.tr("保存个人目标"),
                       retry_locked=True, on_done=self._saved, on_error=self._refused)

    def _saved(self, _id) -> None:
        self.save_button.setEnabled(True)
        self.value_edit.clear()
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        for key, message in _field_messages(exc):
            _show(self.errors.get(key, self.errors[""]), message)


# --- the page --------------------------------------------------------------------------------------

class SettingsPage(QWidget):
    """设置."""

    loaded = Signal()
    saved = Signal(str)   # what was saved: "targets", "rules", "limits", "units", "staff", "password"

    LIMIT_LABELS = {
        "project_start_months": QT_TRANSLATE_NOOP("SettingsPage", "签约后应开工（月）"),
        "project_production_months": QT_TRANSLATE_NOOP("SettingsPage", "签约后应投产（月）"),
        "yellow_days": QT_TRANSLATE_NOOP("SettingsPage", "临近时限亮黄灯（提前天数）"),
        "lead_stale_days": QT_TRANSLATE_NOOP("SettingsPage", "线索停滞亮黄灯（天）"),
        "lead_red_days": QT_TRANSLATE_NOOP("SettingsPage", "线索停滞亮红灯（天）"),
        "rush_days": QT_TRANSLATE_NOOP("SettingsPage", "突击上报判定（期末前天数）"),
    }

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.editable = ws.site.is_city
        self.data: SettingsData | None = None
        self.units_model = UnitsModel(self)
        self.staff_model = StaffModel(self)
        self.targets_model = TargetsModel(self)
        self.targets_model.editable = self.editable
        self.weight_edits: dict[str, QLineEdit] = {}
        self.weight_errors: dict[str, QLabel] = {}
        self.limit_edits: dict[str, QLineEdit] = {}
        self.limit_errors: dict[str, QLabel] = {}
        self.rule_edits: dict[str, QLineEdit] = {}
        self.rule_errors: dict[str, QLabel] = {}
        self._build()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        _, box = scrolling_body(self)
        box.addWidget(QLabel(self.tr("设置"), objectName="pageTitle"))

        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self._build_language_panel(), 1)
        row.addWidget(self._build_user_panel(), 1)
        row.addWidget(self._build_protection_panel(), 1)
        box.addLayout(row)

        self.read_only_note = QLabel(self.tr(
            "以下参考数据（招商单元、考核目标、评分规则、亮灯时限）由市级维护，本站点只读；"
            "市里更新后随同步文件送达。"), objectName="readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.editable)
        box.addWidget(self.read_only_note)
        self.status_label = QLabel(objectName="sectionNote")
        self.status_label.hide()
        box.addWidget(self.status_label)

        box.addWidget(self._build_targets_panel())
        box.addWidget(self._build_staff_panel())
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self._build_units_panel(), 5)
        row.addWidget(self._build_rules_panel(), 4)
        row.addWidget(self._build_limits_panel(), 4)
        box.addLayout(row)
        box.addWidget(self._build_people_rule_panel())
        box.addStretch(1)

    def _panel(self, title: str, note: str = "") -> tuple[QFrame, QVBoxLayout]:
        return panel(title, note)

    def _build_language_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("界面语言"))
        self.language_combo = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(list(i18n.LANGUAGES).index(i18n.current_language()))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.language_note = QLabel(self.tr("更改在重新启动招商桌面后生效。"), objectName="sectionNote")
        self.language_note.setWordWrap(True)
        box.addWidget(self.language_combo)
        box.addWidget(self.language_note)
        box.addStretch(1)
        return panel

    def _build_user_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("本机使用人"), self.tr("工作台的“我的跟进”按此人筛选"))
        self.staff_combo = QComboBox()
        self.staff_combo.currentIndexChanged.connect(self._staff_chosen)
        box.addWidget(self.staff_combo)
        note = QLabel(self.tr("只影响这台电脑；不选时显示本站点全部到期跟进。"), objectName="sectionNote")
        note.setWordWrap(True)
        box.addWidget(note)
        box.addStretch(1)
        return panel

    def _build_protection_panel(self) -> QFrame:
        """数据保护: the optional password that encrypts the database and its backups."""
        panel, box = self._panel(self.tr("数据保护"))
        about = QLabel(self.tr("设置密码后，数据库和它的备份都加密保存（附件文件除外），电脑丢失也不会泄露数据；"
                               "密码一旦忘记，无法找回。"), objectName="sectionNote")
        about.setWordWrap(True)
        box.addWidget(about)
        self.protection_state = QLabel()
        self.protection_state.setWordWrap(True)
        box.addWidget(self.protection_state)
        buttons = QHBoxLayout()
        self.set_password_button = QPushButton(self.tr("设置密码…"))
        self.change_password_button = QPushButton(self.tr("修改密码…"))
        self.remove_password_button = QPushButton(self.tr("取消密码…"))
        for button, mode in ((self.set_password_button, "set"), (self.change_password_button, "change"),
                             (self.remove_password_button, "remove")):
            button.clicked.connect(lambda _checked=False, m=mode: self.edit_password(m))
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.protection_note = QLabel(objectName="sectionNote")
        self.protection_note.setWordWrap(True)
        self.protection_note.hide()
        box.addWidget(self.protection_note)
        box.addStretch(1)
        self._show_protection()
        return panel

    def _show_protection(self) -> None:
        from zsdesk.app.site import database_protection

        state = database_protection(self.ws)
        self.protection_state.setText({
            "encrypted": self.tr("当前：已设置密码，数据库已加密。"),
            "plain": self.tr("当前：未设置密码，数据库没有加密。"),
            "unavailable": self.tr("此版本的招商桌面不支持数据库加密（缺少 sqlcipher3 模块），无法设置密码。"),
            "not-applicable": self.tr("数据库在服务器上（PostgreSQL），不能在这里设置密码；请使用服务器端的加密。"),
        }[state])
        self.set_password_button.setEnabled(state == "plain")
        self.change_password_button.setEnabled(state == "encrypted")
        self.remove_password_button.setEnabled(state == "encrypted")

    def edit_password(self, mode: str) -> None:
        """设置密码 / 修改密码 / 取消密码 in a dialog; says what happened to the backups."""
        from zsdesk.ui.password import PasswordDialog

        dialog = PasswordDialog(self.ws, self.tasks, mode, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        outcome = dialog.outcome
        done = {"set": self.tr("已设置密码，数据库已加密。"), "change": self.tr("已修改密码。"),
                "remove": self.tr("已取消密码，数据库不再加密。")}[mode]
        parts = [done]
        if outcome is not None and outcome.converted:
            parts.append((self.tr("{0} 个备份已解密。") if mode == "remove" else self.tr("{0} 个备份也已加密。"))
                         .format(len(outcome.converted)))
        if outcome is not None and outcome.skipped:
            parts.append(self.tr("{0} 个备份使用别的密码或已损坏，未改动：{1}").format(
                len(outcome.skipped), "，".join(p.name for p in outcome.skipped)))
        self.protection_note.setText("".join(parts))
        self.protection_note.show()
        self._show_protection()
        self.saved.emit("password")

    def _build_targets_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("考核目标"), self.tr("双击单元格修改；改过的格子为黄色，保存后生效"))
        self.targets_title = box.itemAt(0).layout().itemAt(0).widget()
        self.targets_table = QTableView()
        self.targets_table.setModel(self.targets_model)
        self.targets_table.setAlternatingRowColors(True)
        self.targets_table.verticalHeader().hide()
        self.targets_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.targets_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                           | QAbstractItemView.EditTrigger.EditKeyPressed
                                           | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.targets_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TargetsModel.UNIT, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.targets_table)
        self.targets_error = _error_label()
        box.addWidget(self.targets_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.discard_targets_button = QPushButton(self.tr("放弃修改"))
        self.discard_targets_button.clicked.connect(self._discard_targets)
        self.save_targets_button = QPushButton(self.tr("保存目标"))
        self.save_targets_button.clicked.connect(self.save_targets)
        buttons.addWidget(self.discard_targets_button)
        buttons.addWidget(self.save_targets_button)
        box.addLayout(buttons)
        for w in (self.discard_targets_button, self.save_targets_button):
            w.setVisible(self.editable)
        return panel

    def _build_units_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("招商单元"))
        self.units_table = QTableView()
        self.units_table.setModel(self.units_model)
        self.units_table.verticalHeader().hide()
        self.units_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.units_table.horizontalHeader().setSectionResizeMode(UnitColumn.NAME, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.units_table, 1)
        self.units_error = _error_label()
        box.addWidget(self.units_error)
        buttons = QHBoxLayout()
        self.add_unit_button = QPushButton(self.tr("新增…"))
        self.rename_unit_button = QPushButton(self.tr("重命名…"))
        self.toggle_unit_button = QPushButton(self.tr("停用/启用"))
        self.add_unit_button.clicked.connect(self.add_unit)
        self.rename_unit_button.clicked.connect(self.rename_unit)
        self.toggle_unit_button.clicked.connect(self.toggle_unit)
        for b in (self.add_unit_button, self.rename_unit_button, self.toggle_unit_button):
            buttons.addWidget(b)
            b.setVisible(self.editable)
        buttons.addStretch(1)
        box.addLayout(buttons)
        return panel

    def _build_staff_panel(self) -> QFrame:
        """招商人员: a county keeps its own units' people, the city anyone's."""
        panel, box = self._panel(self.tr("招商人员"), self.tr("停用后不再供选择，历史记录保留"))
        self.staff_table = QTableView()
        self.staff_table.setModel(self.staff_model)
        self.staff_table.verticalHeader().hide()
        self.staff_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.staff_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.staff_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.staff_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.staff_table.horizontalHeader().setSectionResizeMode(StaffColumn.UNIT, QHeaderView.ResizeMode.Stretch)
        self.staff_table.doubleClicked.connect(lambda _index: self.edit_staff())
        box.addWidget(self.staff_table, 1)
        self.staff_error = _error_label()
        box.addWidget(self.staff_error)
        buttons = QHBoxLayout()
        self.add_staff_button = QPushButton(self.tr("新增…"))
        self.edit_staff_button = QPushButton(self.tr("编辑…"))
        self.toggle_staff_button = QPushButton(self.tr("停用/启用"))
        self.staff_targets_button = QPushButton(self.tr("个人目标…"))
        self.add_staff_button.clicked.connect(self.add_staff)
        self.edit_staff_button.clicked.connect(self.edit_staff)
        self.toggle_staff_button.clicked.connect(self.toggle_staff)
        self.staff_targets_button.clicked.connect(self.edit_staff_targets)
        self.staff_targets_button.setVisible(self.editable)   # targets are the city's
        for b in (self.add_staff_button, self.edit_staff_button, self.toggle_staff_button,
                  self.staff_targets_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box.addLayout(buttons)
        return panel

    def _build_rules_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("评分规则（赛马）"))
        self.rules_note = QLabel(objectName="sectionNote")
        self.rules_note.setWordWrap(True)
        box.addWidget(self.rules_note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        labels = {k: v for k, v in zip(TARGET_METRICS, self._metric_names())}
        row = 0
        for metric in TARGET_METRICS:
            row = self._field_row(grid, row, self.tr("{0} 权重").format(labels[metric]), f"weights.{metric}",
                                  self.weight_edits, self.weight_errors)
        row = self._field_row(grid, row, self.tr("本年超时未开工项目每个扣分"), "deductions.overdue_start",
                              self.weight_edits, self.weight_errors)
        box.addLayout(grid)
        self.rules_error = _error_label()
        box.addWidget(self.rules_error)
        self.save_rules_button = QPushButton(self.tr("保存为新版本"))
        self.save_rules_button.clicked.connect(self.save_rules)
        self.save_rules_button.setVisible(self.editable)
        box.addWidget(self.save_rules_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addStretch(1)
        return panel

    def _build_limits_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("亮灯时限"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        row = 0
        for key in DEFAULT_LIGHT_LIMITS:
            row = self._field_row(grid, row, self.tr(self.LIMIT_LABELS.get(key, key)), key,
                                  self.limit_edits, self.limit_errors)
        box.addLayout(grid)
        self.limits_error = _error_label()
        box.addWidget(self.limits_error)
        self.save_limits_button = QPushButton(self.tr("保存亮灯时限"))
        self.save_limits_button.clicked.connect(self.save_limits)
        self.save_limits_button.setVisible(self.editable)
        box.addWidget(self.save_limits_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addStretch(1)
        return panel

    RULE_FIELDS = (("one_project_min", QT_TRANSLATE_NOOP("SettingsPage", "单个项目至少（万元）")),
                   ("one_project_usd_min", QT_TRANSLATE_NOOP("SettingsPage", "或外资单个项目至少（万美元）")),
                   ("or_projects", QT_TRANSLATE_NOOP("SettingsPage", "或项目个数至少（个）")),
                   ("sum_min", QT_TRANSLATE_NOOP("SettingsPage", "且合计超过（万元）")))

    def _build_people_rule_panel(self) -> QFrame:
        """个人赛马's 优秀 rule (Bozhou: 1个亿元以上工业项目, or 2 projects summing over 1亿元)."""
        panel, box = self._panel(self.tr("个人赛马 · 优秀规则"),
                                 self.tr("一年内满足其一即为“优秀”；工作台和简报的个人赛马按此评定"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        row = 0
        for key, label in self.RULE_FIELDS:
            row = self._field_row(grid, row, self.tr(label), key, self.rule_edits, self.rule_errors)
        self.rule_industrial_check = QCheckBox(self.tr("只计工业项目（项目类别为“工业”）"))
        self.rule_industrial_check.setEnabled(self.editable)
        grid.addWidget(self.rule_industrial_check, row, 0, 1, 2)
        box.addLayout(grid)
        self.rule_text = QLabel(objectName="sectionNote")
        self.rule_text.setWordWrap(True)
        box.addWidget(self.rule_text)
        self.rule_error = _error_label()
        box.addWidget(self.rule_error)
        self.save_rule_button = QPushButton(self.tr("保存优秀规则"))
        self.save_rule_button.clicked.connect(self.save_people_rule)
        self.save_rule_button.setVisible(self.editable)
        box.addWidget(self.save_rule_button, 0, Qt.AlignmentFlag.AlignRight)
        return panel

    def _show_people_rule(self, rule) -> None:
        if rule is None:
            return
        for key, _label in self.RULE_FIELDS:
            self.rule_edits[key].setText(_plain(getattr(rule, key)))
        self.rule_industrial_check.setChecked(rule.industrial_only)
        self.rule_text.setText(self.tr("现行规则：一年内1个项目投资不少于{0}万元，或{1}个项目投资合计超过{2}万元，为优秀{3}").format(
            numbers.exact(rule.one_project_min), rule.or_projects, numbers.exact(rule.sum_min),
            self.tr("（只计工业项目）") if rule.industrial_only else ""))

    def save_people_rule(self) -> None:
        for label in (*self.rule_errors.values(), self.rule_error):
            label.hide()
        values: dict[str, object] = {key: self.rule_edits[key].text() for key, _label in self.RULE_FIELDS}
        values["industrial_only"] = self.rule_industrial_check.isChecked()
        self.save_rule_button.setEnabled(False)
        self.tasks.run(set_people_rule, self.ws, values, title=self.tr("保存优秀规则"), retry_locked=True,
                       on_done=self._people_rule_saved, on_error=self._people_rule_refused)

    def _people_rule_saved(self, rule) -> None:
        self.save_rule_button.setEnabled(True)
        self._show_people_rule(rule)
        self._done("people_rule", self.tr("个人赛马优秀规则已保存。"))

    def _people_rule_refused(self, exc: BaseException) -> None:
        self.save_rule_button.setEnabled(True)
        for field, message in _field_messages(exc):
            _show(self.rule_errors.get(field.rsplit(".", 1)[-1], self.rule_error), message)

    def _field_row(self, grid: QGridLayout, row: int, label: str, key: str, edits: dict, errors: dict) -> int:
        edit = QLineEdit()
        edit.setReadOnly(not self.editable)
        edit.setMaximumWidth(120)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        error = _error_label()
        grid.addWidget(QLabel(label), row, 0)
        grid.addWidget(edit, row, 1)
        grid.addWidget(error, row + 1, 0, 1, 2)
        edits[key] = edit
        errors[key] = error
        return row + 2

    def _metric_names(self) -> list[str]:
        return [self.tr("签约项目"), self.tr("签约金额"), self.tr("亿元以上项目"), self.tr("开工项目"),
                self.tr("到位资金"), self.tr("拜访企业")]

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.tasks.run(load_settings, self.ws, title=self.tr("读取设置"), write=False, progress=False,
                       on_done=self._loaded, on_error=self._load_failed)

    def _commit_open_target_editor(self) -> None:
        """A cell being typed when a reload lands: what is typed becomes an edit
        (kept, yellow, until saved or discarded) instead of vanishing with the editor."""
        table = self.targets_table
        if table.state() != QAbstractItemView.State.EditingState:
            return
        editor = table.viewport().findChild(QLineEdit)
        index = table.currentIndex()
        if editor is not None and index.isValid():
            table.itemDelegate().setModelData(editor, self.targets_model, index)

    def _load_failed(self, exc: BaseException) -> None:
        _show(self.units_error, self.tr("无法读取参考数据：{0}").format(describe_error(exc)))

    def _loaded(self, data: SettingsData) -> None:
        self.data = data
        self.units_model.set_units(data.units)
        self.staff_model.set_staff(data.roster)
        _fit_rows(self.staff_table, 10)
        self._commit_open_target_editor()
        self.targets_model.set_targets(data.units, data.targets, keep_edits=True)
        _fit_rows(self.units_table, 8)
        _fit_rows(self.targets_table, 12)
        self.targets_title.setText(self.tr("{0}年度考核目标").format(data.year))
        self.targets_error.hide()
        for key, edit in self.weight_edits.items():
            group, metric = key.split(".", 1)
            source = data.weights if group == "weights" else data.deductions
            edit.setText(_plain(source.get(metric)))
        self.rules_note.setText(
            self.tr("当前为第 {0} 版；保存会生成新版本，旧版本保留给已出的简报。").format(data.rules_version)
            if data.rules_version else self.tr("尚无评分规则。"))
        for key, edit in self.limit_edits.items():
            edit.setText(_plain(data.limits.get(key)))
        self._show_people_rule(data.people_rule)
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        self.staff_combo.addItem(self.tr("（未选择：显示本站点全部跟进）"), "")
        for staff_id, label in data.staff:
            self.staff_combo.addItem(label, staff_id)
        mine = my_staff_id(self.ws)
        self.staff_combo.setCurrentIndex(max(self.staff_combo.findData(mine), 0) if mine else 0)
        self.staff_combo.blockSignals(False)
        self.loaded.emit()

    def _language_chosen(self, _index: int) -> None:
        code = self.language_combo.currentData()
        i18n.set_language(code)
        self.language_note.setText(self.tr("已选择“{0}”，重新启动招商桌面后生效。").format(i18n.LANGUAGES[code]))

    def _staff_chosen(self, _index: int) -> None:
        set_my_staff_id(self.ws, self.staff_combo.currentData() or None)

    def _done(self, what: str, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.show()
        self.saved.emit(what)
        self.refresh()

    # -- targets -------------------------------------------------------------------------------------
    def save_targets(self) -> None:
        """Check every edited cell first; save them all only when none is refused."""
        if self.data is None:
            return
        pending = self.targets_model.pending()
        if not pending:
            _show(self.targets_error, self.tr("没有修改过的目标。"))
            return
        year = self.data.year
        errors: dict[tuple[int, int], str] = {}
        for row, column, unit_id, metric, text in pending:
            try:
                self.ws.reference.targets.validate({"year": year, "unit_id": unit_id, "metric": metric,
                                                    "value": text})
            except (ValidationError, ValidationErrors) as exc:
                errors[(row, column)] = "；".join(m for _f, m in _field_messages(exc))
        if errors:
            self._show_target_errors(errors)
            return
        self.targets_error.hide()
        self.save_targets_button.setEnabled(False)
        items = [(unit_id, metric, text) for _r, _c, unit_id, metric, text in pending]
        self.tasks.run(_save_targets, self.ws, year, items, title=self.tr("保存考核目标"),
                       on_done=lambda _r: self._targets_saved(len(items)), on_error=self._targets_refused)

    def _show_target_errors(self, errors: dict[tuple[int, int], str]) -> None:
        self.targets_model.set_errors(errors)
        lines = []
        for (row, column), message in sorted(errors.items()):
            unit = self.targets_model.units[row].name
            header = str(self.targets_model.headerData(column, Qt.Orientation.Horizontal)).replace("\n", "")
            lines.append(self.tr("{0} · {1}：{2}").format(unit, header, message))
        _show(self.targets_error, self.tr("以下目标未保存（没有保存任何修改）：\n") + "\n".join(lines))

    def _targets_saved(self, count: int) -> None:
        self.save_targets_button.setEnabled(True)
        self.targets_model.edits.clear()   # saved: the reload shows the stored values
        self._done("targets", self.tr("已保存 {0} 项考核目标。").format(count))

    def _targets_refused(self, exc: BaseException) -> None:
        self.save_targets_button.setEnabled(True)
        _show(self.targets_error, describe_error(exc))

    def _discard_targets(self) -> None:
        if self.data is not None:
            self.targets_model.set_targets(self.data.units, self.data.targets)
        self.targets_error.hide()

    # -- scoring rules ----------------------------------------------------------------------------------
    def save_rules(self) -> None:
        for label in (*self.weight_errors.values(), self.rules_error):
            label.hide()
        weights = {m: self.weight_edits[f"weights.{m}"].text() for m in TARGET_METRICS
                   if self.weight_edits[f"weights.{m}"].text().strip()}
        deductions = {"overdue_start": self.weight_edits["deductions.overdue_start"].text() or "0"}
        self.save_rules_button.setEnabled(False)
        self.tasks.run(self.ws.reference.new_scoring_rules, weights, deductions, title=self.tr("保存评分规则"),
                       retry_locked=True, on_done=self._rules_saved, on_error=self._rules_refused)

    def _rules_saved(self, _id) -> None:
        self.save_rules_button.setEnabled(True)
        self._done("rules", self.tr("评分规则已保存为新版本。"))

    def _rules_refused(self, exc: BaseException) -> None:
        self.save_rules_button.setEnabled(True)
        for field, message in _field_messages(exc):
            _show(self.weight_errors.get(field, self.rules_error), message)

    # -- 亮灯 limits ---------------------------------------------------------------------------------------
    def save_limits(self) -> None:
        for label in (*self.limit_errors.values(), self.limits_error):
            label.hide()
        values = {key: edit.text() for key, edit in self.limit_edits.items()}
        self.save_limits_button.setEnabled(False)
        self.tasks.run(lambda: self.ws.reference.set_light_limits(**values), title=self.tr("保存亮灯时限"),
                       retry_locked=True,
                       on_done=self._limits_saved, on_error=self._limits_refused)

    def _limits_saved(self, _result) -> None:
        self.save_limits_button.setEnabled(True)
        self._done("limits", self.tr("亮灯时限已保存。"))

    def _limits_refused(self, exc: BaseException) -> None:
        self.save_limits_button.setEnabled(True)
        for field, message in _field_messages(exc):
            _show(self.limit_errors.get(field, self.limits_error), message)

    # -- units ----------------------------------------------------------------------------------------------
    def _selected_unit(self) -> UnitRow | None:
        rows = self.units_table.selectionModel().selectedRows()
        return self.units_model.rows[rows[0].row()] if rows else None

    def add_unit(self) -> None:
        dialog = UnitDialog(self.ws, self.tasks, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done("units", self.tr("已新增招商单元。"))

    def rename_unit(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            _show(self.units_error, self.tr("请先在表中选择一个招商单元。"))
            return
        dialog = UnitDialog(self.ws, self.tasks, self, unit=unit)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done("units", self.tr("已重命名招商单元。"))

    def toggle_unit(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            _show(self.units_error, self.tr("请先在表中选择一个招商单元。"))
            return
        self.units_error.hide()
        message = self.tr("已启用“{0}”。") if not unit.active else self.tr("已停用“{0}”；它的历史记录保留。")
        self.tasks.run(self.ws.reference.units.update, unit.id, {"active": not unit.active},
                       title=self.tr("修改招商单元"), retry_locked=True,
                       on_done=lambda _r: self._done("units", message.format(unit.name)),
                       on_error=lambda exc: _show(self.units_error, describe_error(exc)))


    # -- 招商人员 ----------------------------------------------------------------------------------------------
    def _selected_staff(self) -> StaffRow | None:
        rows = self.staff_table.selectionModel().selectedRows()
        return self.staff_model.rows[rows[0].row()] if rows else None

    def add_staff(self) -> None:
        if self.data is None:
            return
        if not self.data.roster_units:
            _show(self.staff_error, self.tr("没有在用的招商单元，请先新增招商单元。"))
            return
        self.staff_error.hide()
        dialog = StaffDialog(self.ws, self.tasks, self.data.roster_units, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done("staff", self.tr("已新增招商人员“{0}”。").format(dialog.name_edit.text().strip()))

    def edit_staff(self) -> None:
        person = self._selected_staff()
        if person is None or self.data is None:
            _show(self.staff_error, self.tr("请先在表中选择一位招商人员。"))
            return
        self.staff_error.hide()
        dialog = StaffDialog(self.ws, self.tasks, self.data.roster_units, self, person=person)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if person.id == my_staff_id(self.ws):
                apply_my_staff(self.ws)   # 本机使用人 renamed: the changes carry the new name
            self._done("staff", self.tr("已修改招商人员“{0}”。").format(dialog.name_edit.text().strip()))

    def toggle_staff(self) -> None:
        person = self._selected_staff()
        if person is None:
            _show(self.staff_error, self.tr("请先在表中选择一位招商人员。"))
            return
        self.staff_error.hide()
        message = self.tr("已启用“{0}”。") if not person.active else self.tr("已停用“{0}”；其历史记录保留。")
        self.tasks.run(reference.set_staff_active, self.ws, person.id, not person.active,
                       title=self.tr("修改招商人员"), retry_locked=True,
                       on_done=lambda _r: self._done("staff", message.format(person.name)),
                       on_error=lambda exc: _show(self.staff_error, describe_error(exc)))

    def edit_staff_targets(self) -> None:
        if self.data is None:
            return
        StaffTargetsDialog(self.ws, self.tasks, self.data.roster, self._metric_names(), self.data.year,
                           self).exec()
        self.saved.emit("targets")


def _save_targets(ws, year: int, items: list[tuple[str, str, str]]) -> int:
    for unit_id, metric, text in items:
        ws.reference.set_target(year, unit_id, metric, text)
    return len(items)


# --- helpers ------------------------------------------------------------------------------------------------

def _fit_rows(view: QTableView, most: int) -> None:
    """Tall enough for its rows (at most ``most``, then it scrolls)."""
    rows = min(max(view.model().rowCount(), 2), most)
    height = (view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
              + 2 * view.frameWidth() + 2)
    view.setFixedHeight(height)


def _error_label() -> QLabel:
    label = QLabel(objectName="fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()


def _field_messages(exc: BaseException) -> list[tuple[str, str]]:
    """(field, message) of what the core refused; other errors under the field ""."""
    if isinstance(exc, ValidationErrors):
        return [(e.field, e.message) for e in exc.errors]
    if isinstance(exc, ValidationError):
        return [(exc.field, exc.message)]
    return [("", describe_error(exc))]


def _plain(value) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    return f"{int(number)}" if number == number.to_integral_value() else f"{number.normalize():f}"

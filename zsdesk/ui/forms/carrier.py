"""载体 form: a land parcel, standard factory or office space."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from zsdesk.app import CARRIER_KINDS
from zsdesk.ui.forms.base import FormGrid, RecordForm
from zsdesk.ui.widgets.money import MoneyEdit
from zsdesk.ui.widgets.pickers import ChoiceCombo


class CarrierForm(RecordForm):
    """A carrier (载体): kind, park, area and free area (m²; land in 亩), price."""

    table = "carriers"

    def field_labels(self) -> dict[str, str]:
        return {
            "unit_id": self.tr("招商单元"), "name": self.tr("载体名称"), "kind": self.tr("类型"),
            "park": self.tr("所在园区"), "address": self.tr("地址"), "area": self.tr("总面积"),
            "free_area": self.tr("空置面积"), "price": self.tr("价格"), "notes": self.tr("备注"),
            "number": self.tr("编号"),
        }

    def build(self, grid: FormGrid) -> None:
        L = self.labels
        grid.section(self.tr("载体"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        grid.add("name", L["name"], self.name, required=True, wide=True)
        self.kind = ChoiceCombo(blank=self.tr("（请选择）"))
        self.kind.set_choices((k, self.tr(k)) for k in CARRIER_KINDS)
        grid.add("kind", L["kind"], self.kind, required=True)
        self.unit = ChoiceCombo(describe=self._unit_name)
        self.unit.set_choices(self.unit_choices())
        grid.add("unit_id", L["unit_id"], self.unit, required=True)
        self.park = QLineEdit()
        grid.add("park", L["park"], self.park)
        self.address = QLineEdit()
        grid.add("address", L["address"], self.address)
        self.area = MoneyEdit(field="area", unit=self.tr("m²"))
        self.area.setPlaceholderText("")
        grid.add("area", L["area"], self.area)
        self.free_area = MoneyEdit(field="free_area", unit=self.tr("m²"))
        self.free_area.setPlaceholderText("")
        grid.add("free_area", L["free_area"], self.free_area)
        self.price = MoneyEdit(field="price", unit=self.tr("万元"))
        grid.add("price", L["price"], self.price)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        grid.add("notes", L["notes"], self.notes, wide=True)
        self.kind.valueChanged.connect(self._kind_changed)

    def _kind_changed(self) -> None:
        unit = self.tr("亩") if self.kind.value() == "土地" else self.tr("m²")
        self.area.set_unit(unit)
        self.free_area.set_unit(unit)

    def default_values(self) -> dict:
        return {"unit_id": self.default_unit(), **self.defaults}

    def load_values(self, v: dict) -> None:
        self.name.setText(v.get("name") or "")
        self.kind.setValue(v.get("kind"))
        self.unit.setValue(v.get("unit_id"))
        self.park.setText(v.get("park") or "")
        self.address.setText(v.get("address") or "")
        self.area.setValue(v.get("area"))
        self.free_area.setValue(v.get("free_area"))
        self.price.setValue(v.get("price"))
        self.notes.setPlainText(v.get("notes") or "")
        self._kind_changed()

    def collect(self) -> dict:
        return {
            "unit_id": self.unit.value(),
            "name": self.name.text().strip(),
            "kind": self.kind.value(),
            "park": self.park.text().strip() or None,
            "address": self.address.text().strip() or None,
            "area": self.area.raw_value(),
            "free_area": self.free_area.raw_value(),
            "price": self.price.raw_value(),
            "notes": self.notes.toPlainText().strip() or None,
        }

    def record_title(self) -> str:
        if self.row_id is None:
            return self.tr("新建载体")
        v = self.current or {}
        return self.tr("载体 {0} — {1}").format(v.get("number", ""), v.get("name", ""))

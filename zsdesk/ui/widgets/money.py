"""MoneyEdit: an amount in 万元 (or another unit), exact, never a float.

The text is parsed by ``zsdesk.app.parse_money``, so the field accepts
what the core accepts ("5000", "5,000.5", "1.2亿", "300000元", full-width
digits) and refuses what it refuses, with the same message. When the user
leaves the field a valid amount is shown again with thousands separators.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

from zsdesk.app import numbers
from zsdesk.app import ValidationError
from zsdesk.app import parse_money


def format_money(value: Decimal | None) -> str:
    """12345.6 -> '12,345.6'; exact, every stored digit (an editor must not round
    what it hands back); ``zsdesk.numbers`` formats it."""
    return numbers.exact(value, unknown="")


class MoneyEdit(QLineEdit):
    """A line edit for an amount; ``value()`` returns a ``Decimal`` (or None when empty).

    ``field`` is the core's field name (used in the ValidationError it raises);
    ``unit`` is drawn inside the right edge ("万元", "万美元", "亩" …)."""

    valueChanged = Signal()

    def __init__(self, parent=None, *, field: str = "amount", unit: str | None = None,
                 allow_negative: bool = False):
        super().__init__(parent)
        self.field = field
        self.allow_negative = allow_negative
        self._unit = ""
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(self.tr("例：5,000 或 1.2亿"))
        self.set_unit(self.tr("万元") if unit is None else unit)
        self.editingFinished.connect(self._reformat)
        self.textChanged.connect(self.valueChanged)

    # -- value ------------------------------------------------------------------
    def value(self) -> Decimal | None:
        """The amount, exact; None when empty. Raises ValidationError naming the field."""
        return parse_money(self.text(), self.field, allow_negative=self.allow_negative)

    def setValue(self, value: Decimal | None) -> None:
        if value is not None and not isinstance(value, Decimal | int):
            raise TypeError(f"MoneyEdit takes Decimal or int, not {type(value).__name__}")
        self.setText(format_money(value))

    def raw_value(self):
        """The Decimal when the text parses, else the text itself: a form hands it
        to the service, which refuses it with the same message next to the field."""
        try:
            return self.value()
        except ValidationError:
            return self.text()

    def is_acceptable(self) -> bool:
        try:
            self.value()
        except ValidationError:
            return False
        return True

    def _reformat(self) -> None:
        try:
            value = self.value()
        except ValidationError:
            return  # keep what was typed: the form reports it next to the field
        text = format_money(value)
        if text != self.text():
            self.setText(text)

    # -- the unit, drawn inside the frame ------------------------------------------------
    def unit(self) -> str:
        return self._unit

    def set_unit(self, unit: str) -> None:
        self._unit = unit or ""
        gap = self.fontMetrics().horizontalAdvance(self._unit) + 8 if self._unit else 0
        self.setTextMargins(QMargins(0, 0, gap, 0))
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._unit:
            return
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        area = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(area.adjusted(0, 0, -4, 0),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), self._unit)
        painter.end()

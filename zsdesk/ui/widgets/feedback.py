"""Feedback next to the input: a field's error line and a form's banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy

ERROR_RED = "#C62828"
WARNING_AMBER = "#8A5300"

FEEDBACK_STYLE = f"""
QLabel#fieldError {{ color: {ERROR_RED}; font-size: 12px; }}
QLabel#fieldWarning {{ color: {WARNING_AMBER}; font-size: 12px; }}
QFrame#banner {{ border-radius: 4px; border: 1px solid #E0C48A; background: #FFF6E0; }}
QFrame#banner[kind="error"] {{ border-color: #E6A5A0; background: #FDECEA; }}
QFrame#banner[kind="info"] {{ border-color: #B7CCE6; background: #EAF1FB; }}
QFrame#banner QLabel {{ background: transparent; color: #4A3A10; }}
QFrame#banner[kind="error"] QLabel {{ color: #8C1D18; }}
QFrame#banner[kind="info"] QLabel {{ color: #1F3A5F; }}
"""


class FieldError(QLabel):
    """The red line under a field; hidden while it has nothing to say."""

    def __init__(self, parent=None, *, warning: bool = False):
        super().__init__(parent)
        self.setObjectName("fieldWarning" if warning else "fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message(None)


class Banner(QFrame):
    """A line across the top of a form: read-only notice, a refusal, a success."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.label.setOpenExternalLinks(False)
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str, kind: str = "warning", *, rich: bool = False) -> None:
        self.setProperty("kind", kind)
        self.label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.label.setText(text)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in self.findChildren(QLabel):
            child.style().unpolish(child)
            child.style().polish(child)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def clear_message(self) -> None:
        self.label.clear()
        self.hide()

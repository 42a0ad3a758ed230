"""The frame every scrolling page shares: a borderless scroll area filling the
page, with a styled body and the standard margins."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_body(page: QWidget, *, spacing: int = 12) -> tuple[QScrollArea, QVBoxLayout]:
    """Fill ``page`` with a scroll area; return it and the body's layout."""
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget(objectName="pageBody")
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    box = QVBoxLayout(body)
    box.setContentsMargins(20, 14, 20, 16)
    box.setSpacing(spacing)
    return scroll, box

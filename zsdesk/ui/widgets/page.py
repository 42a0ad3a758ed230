"""The frame pieces every page shares: a borderless scroll area with the page
body, section titles, framed panels, the error banner and read-only tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget,
)


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


def section_title(title: str, note: str = "") -> QHBoxLayout:
    """A bold section title with an optional grey note after it."""
    row = QHBoxLayout()
    row.setSpacing(10)
    row.addWidget(QLabel(title, objectName="sectionTitle"))
    if note:
        row.addWidget(QLabel(note, objectName="sectionNote"), 0, Qt.AlignmentFlag.AlignBottom)
    row.addStretch(1)
    return row


def panel(title: str, note: str = "", *, compact: bool = False) -> tuple[QFrame, QVBoxLayout]:
    """A framed panel headed by ``section_title``; returns it and its layout."""
    frame = QFrame(objectName="panel")
    box = QVBoxLayout(frame)
    box.setContentsMargins(*((12, 10, 12, 12) if compact else (14, 12, 14, 14)))
    box.setSpacing(8)
    box.addLayout(section_title(title, note))
    return frame, box


def error_banner() -> QLabel:
    """A hidden, word-wrapping red banner for what went wrong while loading."""
    label = QLabel(objectName="errorBanner")
    label.setWordWrap(True)
    label.hide()
    return label


def page_table(model) -> QTableView:
    """A read-only table of whole-row selection, no grid, one line a row."""
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(QFontMetrics(view.font()).height() + 12)
    return view

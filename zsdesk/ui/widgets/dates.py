"""DateEdit: a calendar date with a popup calendar; optionally empty.

Qt's QDateEdit always holds a date. An optional field keeps "empty" as its
minimum date shown as blank (``specialValueText``); a clear button and
Delete/Backspace on the whole text empty it, and the calendar of an empty
field opens on today's month. The widget does not judge the date (a future
date, an order of dates): the core does, and the form shows its message.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QLineEdit, QStyle

_EMPTY = QDate(1900, 1, 1)   # the blank value of an optional field (the core refuses years < 1990)
_FIRST = QDate(1900, 1, 2)
_LAST = QDate(2100, 12, 31)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """``value()`` is a ``datetime.date`` or None (only when ``optional``)."""

    valueChanged = Signal()

    def __init__(self, parent=None, *, optional: bool = False, today: dt.date | None = None):
        super().__init__(parent)
        self.optional = optional
        self._today = today or dt.date.today()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMaximumDate(_LAST)
        self.setCorrectionMode(QDateEdit.CorrectionMode.CorrectToNearestValue)
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText(" ")
            self._clear_action = self.lineEdit().addAction(
                self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
                QLineEdit.ActionPosition.TrailingPosition)
            self._clear_action.setToolTip(self.tr("清除日期"))
            self._clear_action.triggered.connect(self.clear_value)
            self.setDate(_EMPTY)
        else:
            self._clear_action = None
            self.setMinimumDate(_FIRST)
            self.setDate(to_qdate(self._today))
        self.calendarWidget().installEventFilter(self)
        self.dateChanged.connect(self._changed)
        self._changed()

    # -- value ------------------------------------------------------------------
    def value(self) -> dt.date | None:
        if self.is_empty():
            return None
        return from_qdate(self.date())

    def setValue(self, value: dt.date | None) -> None:
        if value is None:
            if self.optional:
                self.setDate(_EMPTY)
            else:
                self.setDate(to_qdate(self._today))
            return
        self.setDate(to_qdate(value))

    def is_empty(self) -> bool:
        return self.optional and self.date() == _EMPTY

    def clear_value(self) -> None:
        if self.optional:
            self.setDate(_EMPTY)

    def _changed(self, *_args) -> None:
        if self._clear_action is not None:
            self._clear_action.setVisible(not self.is_empty() and self.isEnabled())
        self.valueChanged.emit()

    # -- behaviour of the empty state ------------------------------------------------------
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._changed()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.optional and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            edit = self.lineEdit()
            if self.is_empty() or edit.selectedText() == edit.text():
                self.clear_value()
                return
        if self.is_empty() and event.text().isdigit():
            # typing into a blank field starts from today, year selected
            self.setDate(to_qdate(self._today))
            self.setSelectedSection(QDateEdit.Section.YearSection)
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.is_empty():
            self.calendarWidget().setCurrentPage(self._today.year, self._today.month)
        return super().eventFilter(watched, event)
